/**
 * The official calendar as data: per year, the days off (放假) and the weekend days worked instead
 * (调休上班) that the State Council General Office announces each autumn for the next year. The same
 * shape is bundled with the code and accepted from administrators, so a year can be added or
 * corrected without a release; every problem is reported in Chinese, naming the date.
 */
import { z } from 'zod';
import { formatDay, isWeekend, parseDay, weekdayName, yearOfDay } from './shanghai-time.ts';

/** One year of the official schedule. */
export const CalendarYear = z.strictObject(
  {
    /** Every day off of every holiday span, 'YYYY-MM-DD' (weekend days inside a span may be listed). */
    holidays: z.array(z.string({ error: '日期应写成 "YYYY-MM-DD" 字符串' }), { error: 'holidays 应为日期数组' }),
    /** Saturdays and Sundays that are working days (调休上班), 'YYYY-MM-DD'. */
    workdays: z.array(z.string({ error: '日期应写成 "YYYY-MM-DD" 字符串' }), { error: 'workdays 应为日期数组' }),
    /** Where the dates come from: the notice's title and number (文号), e.g. 国办发明电〔2025〕7号. */
    source: z.string({ error: 'source 应为文字' }).trim().min(1, '缺少来源 source：请写明国务院办公厅通知的标题和文号'),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `多余的字段：${issue.keys.join('、')}（只允许 holidays、workdays、source）`
        : '每一年应为 { "holidays": [...], "workdays": [...], "source": "..." }',
  },
);
export type CalendarYear = z.infer<typeof CalendarYear>;

/** Calendar data keyed by year ('2026'): the bundled schedule, or an administrator's override. */
export const CalendarData = z
  .record(z.string(), CalendarYear, { error: '日历数据应为以年份为键的对象，如 { "2026": { ... } }' })
  .superRefine((data, ctx) => {
    for (const [key, year] of Object.entries(data)) {
      for (const message of checkYear(key, year)) ctx.addIssue({ code: 'custom', message, path: [key] });
    }
  });
export type CalendarData = z.infer<typeof CalendarData>;

export type CalendarValidation = { ok: true; data: CalendarData } | { ok: false; errors: string[] };

/** Validates calendar data of unknown origin; `errors` are Chinese lines fit for a console or a CLI. */
export function validateCalendarData(input: unknown): CalendarValidation {
  const parsed = CalendarData.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, errors: parsed.error.issues.map(formatIssue) };
}

/** Like `validateCalendarData`, from the text of a JSON file (a JSON syntax error is reported too). */
export function validateCalendarJson(text: string): CalendarValidation {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`] };
  }
  return validateCalendarData(input);
}

/**
 * `override` on top of `base`, year by year: a year present in `override` replaces that year of
 * `base` whole (a correction restates the year's notice; lists are not merged date by date).
 */
export function mergeCalendarData(base: CalendarData, override: CalendarData): CalendarData {
  return CalendarData.parse({ ...base, ...override });
}

/** The years a calendar states, ascending. */
export function calendarYears(data: CalendarData): number[] {
  return Object.keys(data)
    .map(Number)
    .sort((a, b) => a - b);
}

const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

function checkYear(key: string, year: CalendarYear): string[] {
  if (!/^\d{4}$/.test(key)) return [`年份“${key}”格式不对：应为四位数字，如 "2026"`];
  const y = Number(key);
  const errors: string[] = [];
  const holidays = checkDays(y, '放假日', year.holidays, errors);
  const workdays = checkDays(y, '调休上班日', year.workdays, errors);
  for (const [day, text] of workdays) {
    if (holidays.has(day)) errors.push(`${y} 年：${text} 同时列为放假日和调休上班日`);
    else if (!isWeekend(day)) {
      errors.push(`${y} 年：调休上班日 ${text} 是${weekdayName(day)}，本来就是工作日；调休上班日应是周六或周日`);
    }
  }
  return errors;
}

/** Parses one list, reporting malformed, impossible, out-of-year and repeated dates. */
function checkDays(y: number, label: string, list: string[], errors: string[]): Map<number, string> {
  const seen = new Map<number, string>();
  for (const text of list) {
    const day = parseDay(text);
    if (!DAY_FORMAT.test(text)) errors.push(`${y} 年：${label}“${text}”格式不对，应为 YYYY-MM-DD`);
    else if (day === undefined) errors.push(`${y} 年：${label} ${text} 不是存在的日期`);
    else if (yearOfDay(day) !== y) errors.push(`${y} 年：${label} ${text} 不在 ${y} 年内`);
    else if (seen.has(day)) errors.push(`${y} 年：${label} ${text} 重复列出`);
    else seen.set(day, text);
  }
  return seen;
}

function formatIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom' || issue.path.length === 0) return issue.message;
  const [year, field, index] = issue.path;
  const where = [year === undefined ? '' : `${String(year)} 年`, field === undefined ? '' : String(field)]
    .concat(index === undefined ? [] : [`第 ${Number(index) + 1} 项`])
    .filter(Boolean)
    .join(' ');
  return `${where}：${issue.message}`;
}

/** One line per year: its holiday spans and make-up days, to compare with the notice when updating. */
export function describeCalendar(data: CalendarData): string[] {
  return calendarYears(data).map((y) => {
    const year = data[String(y)];
    const days = (year?.holidays ?? []).map((d) => parseDay(d) ?? 0).sort((a, b) => a - b);
    const spans: string[] = [];
    for (let i = 0; i < days.length;) {
      let j = i;
      while (j + 1 < days.length && days[j + 1] === (days[j] ?? 0) + 1) j++;
      const [from, to] = [formatDay(days[i] ?? 0), formatDay(days[j] ?? 0)];
      spans.push(from === to ? `${from}（1 天）` : `${from}～${to.slice(5)}（${j - i + 1} 天）`);
      i = j + 1;
    }
    const workdays = (year?.workdays ?? []).map((d) => `${d}（${weekdayName(parseDay(d) ?? 0)}）`);
    return `${y} 年：放假 ${spans.join('、') || '无'}；调休上班 ${workdays.join('、') || '无'}；来源 ${year?.source ?? ''}`;
  });
}
