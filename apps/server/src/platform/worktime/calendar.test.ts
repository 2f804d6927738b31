import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledCalendar } from './calendar-data.ts';
import {
  describeCalendar,
  mergeCalendarData,
  validateCalendarData,
  validateCalendarJson,
  type CalendarData,
} from './calendar.ts';
import { formatDay, parseDay, weekdayOf } from './shanghai-time.ts';

/** Expands 'YYYY-MM-DD..YYYY-MM-DD' spans, as the notices state them. */
function span(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = parseDay(from) ?? 0; d <= (parseDay(to) ?? 0); d++) days.push(formatDay(d));
  return days;
}

describe('bundled calendar', () => {
  it('states 2026 exactly as 国办发明电〔2025〕7号', () => {
    const y = bundledCalendar['2026'];
    expect(y?.source).toContain('国办发明电〔2025〕7号');
    expect(y?.holidays).toEqual([
      ...span('2026-01-01', '2026-01-03'), // 元旦 共3天
      ...span('2026-02-15', '2026-02-23'), // 春节 共9天
      ...span('2026-04-04', '2026-04-06'), // 清明节 共3天
      ...span('2026-05-01', '2026-05-05'), // 劳动节 共5天
      ...span('2026-06-19', '2026-06-21'), // 端午节 共3天
      ...span('2026-09-25', '2026-09-27'), // 中秋节 共3天
      ...span('2026-10-01', '2026-10-07'), // 国庆节 共7天
    ]);
    expect(y?.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('states 2025 exactly as 国办发明电〔2024〕12号', () => {
    const y = bundledCalendar['2025'];
    expect(y?.source).toContain('国办发明电〔2024〕12号');
    expect(y?.holidays).toEqual([
      '2025-01-01', // 元旦 1天，不调休
      ...span('2025-01-28', '2025-02-04'), // 春节 共8天
      ...span('2025-04-04', '2025-04-06'), // 清明节 共3天
      ...span('2025-05-01', '2025-05-05'), // 劳动节 共5天
      ...span('2025-05-31', '2025-06-02'), // 端午节 共3天
      ...span('2025-10-01', '2025-10-08'), // 国庆节、中秋节 共8天
    ]);
    expect(y?.workdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  });

  it('has make-up days only on weekends and is valid', () => {
    for (const y of Object.values(bundledCalendar)) {
      for (const d of y.workdays) expect([0, 6]).toContain(weekdayOf(parseDay(d) ?? 0));
    }
    expect(validateCalendarData(bundledCalendar).ok).toBe(true);
    expect(Object.keys(bundledCalendar)).toEqual(['2025', '2026']);
  });
});

describe('validateCalendarData', () => {
  const good = {
    holidays: ['2027-01-01'],
    workdays: ['2027-01-02'],
    source: '国务院办公厅关于2027年部分节假日安排的通知',
  };

  it('accepts a well-formed year', () => {
    expect(validateCalendarData({ '2027': good })).toEqual({ ok: true, data: { '2027': good } });
  });

  it('names the date and what is wrong, in Chinese', () => {
    const r = validateCalendarData({
      '2027': {
        holidays: ['2027-02-30', '2027/02/01', '2026-12-31', '2027-01-02', '2027-05-03', '2027-05-03'],
        workdays: ['2027-01-02', '2027-01-04'],
        source: '通知',
      },
    });
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors).toEqual([
      '2027 年：放假日 2027-02-30 不是存在的日期',
      '2027 年：放假日“2027/02/01”格式不对，应为 YYYY-MM-DD',
      '2027 年：放假日 2026-12-31 不在 2027 年内',
      '2027 年：放假日 2027-05-03 重复列出',
      '2027 年：2027-01-02 同时列为放假日和调休上班日',
      '2027 年：调休上班日 2027-01-04 是周一，本来就是工作日；调休上班日应是周六或周日',
    ]);
  });

  it('rejects a bad year key, a missing source, wrong shapes and extra fields', () => {
    const errors = (input: unknown) => {
      const r = validateCalendarData(input);
      return r.ok ? [] : r.errors;
    };
    expect(errors({ '27': good })).toEqual(['年份“27”格式不对：应为四位数字，如 "2026"']);
    expect(errors({ '2027': { ...good, source: ' ' } })).toEqual([
      '2027 年 source：缺少来源 source：请写明国务院办公厅通知的标题和文号',
    ]);
    expect(errors({ '2027': { ...good, holidays: '2027-01-01' } })).toEqual([
      '2027 年 holidays：holidays 应为日期数组',
    ]);
    expect(errors({ '2027': { ...good, holidays: [20270101] } })).toEqual([
      '2027 年 holidays 第 1 项：日期应写成 "YYYY-MM-DD" 字符串',
    ]);
    expect(errors({ '2027': { ...good, note: 'x' } })).toEqual([
      '2027 年：多余的字段：note（只允许 holidays、workdays、source）',
    ]);
    expect(errors([1])).toEqual(['日历数据应为以年份为键的对象，如 { "2026": { ... } }']);
  });

  it('reports JSON syntax errors', () => {
    const r = validateCalendarJson('{ "2027": ');
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.errors[0]).toMatch(/^不是有效的 JSON：/);
    expect(validateCalendarJson(JSON.stringify(bundledCalendar)).ok).toBe(true);
  });

  it('accepts every in-year date and rejects every out-of-year one (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: parseDay('2026-06-01') ?? 0, max: parseDay('2028-06-30') ?? 0 }), (day) => {
        const text = formatDay(day);
        const ok = validateCalendarData({ '2027': { holidays: [text], workdays: [], source: 's' } }).ok;
        expect(ok).toBe(text.startsWith('2027-'));
      }),
    );
  });
});

describe('mergeCalendarData', () => {
  const y2027 = { holidays: ['2027-01-01'], workdays: [], source: '管理员录入' };

  it('adds a year and replaces a corrected year whole', () => {
    const corrected = { holidays: ['2026-01-01'], workdays: [], source: '更正' };
    const merged = mergeCalendarData(bundledCalendar, { '2027': y2027, '2026': corrected });
    expect(Object.keys(merged).sort()).toEqual(['2025', '2026', '2027']);
    expect(merged['2026']).toEqual(corrected);
    expect(merged['2025']).toEqual(bundledCalendar['2025']);
    expect(bundledCalendar['2026']?.holidays).toHaveLength(33);
  });

  it('refuses an invalid override', () => {
    const bad = { '2027': { ...y2027, holidays: ['2026-01-01'] } } as CalendarData;
    expect(() => mergeCalendarData(bundledCalendar, bad)).toThrow(/不在 2027 年内/);
  });
});

describe('describeCalendar', () => {
  it('states each year as the notice does: spans, make-up days, source', () => {
    const [, y2026] = describeCalendar(bundledCalendar);
    expect(y2026).toBe(
      '2026 年：放假 2026-01-01～01-03（3 天）、2026-02-15～02-23（9 天）、2026-04-04～04-06（3 天）、' +
        '2026-05-01～05-05（5 天）、2026-06-19～06-21（3 天）、2026-09-25～09-27（3 天）、2026-10-01～10-07（7 天）；' +
        '调休上班 2026-01-04（周日）、2026-02-14（周六）、2026-02-28（周六）、2026-05-09（周六）、2026-09-20（周日）、' +
        '2026-10-10（周六）；来源 国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号，2025年11月4日）',
    );
    expect(describeCalendar({ '2027': { holidays: [], workdays: [], source: 's' } })).toEqual([
      '2027 年：放假 无；调休上班 无；来源 s',
    ]);
  });
});
