import { describe, expect, it } from 'vitest';
import {
  applicableMapping,
  cellText,
  decodeCsv,
  detectHeaderRow,
  householdKey,
  matchAddress,
  parseCsv,
  parseDate,
  resolveMapping,
  suggestMapping,
  validateImportRow,
  type RowContext,
} from './registry-import.ts';

const ledgerHeaders = [
  '序号',
  '姓名',
  '性别',
  '出生日期',
  '身份证号',
  '手机',
  '民族',
  '户籍类型',
  '与户主关系',
  '门牌',
  '来本地日期',
  '户籍地',
  '特殊人群',
  '备注',
];

describe('header detection and mapping', () => {
  it('finds the header row below a title row', () => {
    expect(detectHeaderRow([['甲社区居民花名册'], [], ledgerHeaders, ['1', '张三']])).toBe(2);
    expect(detectHeaderRow([['甲社区居民花名册'], ['1', '张三']])).toBe(-1);
  });

  it('maps headers by synonyms, ignoring spaces, asterisks and hints in brackets', () => {
    expect(suggestMapping(ledgerHeaders)).toEqual({
      name: '姓名',
      gender: '性别',
      birthDate: '出生日期',
      idNumber: '身份证号',
      phone: '手机',
      ethnicity: '民族',
      registrationType: '户籍类型',
      relationToHead: '与户主关系',
      address: '门牌',
      arrivalDate: '来本地日期',
      origin: '户籍地',
      tags: '特殊人群',
      notes: '备注',
    });
    expect(suggestMapping(['*姓 名', '公民身份号码（18位）', '人口类型', '住址'])).toEqual({
      name: '*姓 名',
      idNumber: '公民身份号码（18位）',
      registrationType: '人口类型',
      address: '住址',
    });
  });

  it('says which required column is missing and which mapped header is not in the file', () => {
    const r = resolveMapping(['姓名', '住址'], { name: '姓名', address: '住址', idNumber: '证件' });
    expect(r).toEqual({
      ok: false,
      problems: ['文件中没有「证件」列（公民身份号码）', '请指定「人口类型」对应的列'],
    });
    expect(
      resolveMapping(['a', 'b', 'c', 'd'], { name: 'a', idNumber: 'b', registrationType: 'c', address: 'd' }),
    ).toEqual({ ok: true, columns: { name: 0, idNumber: 1, registrationType: 2, address: 3 } });
  });

  it('reuses the remembered mapping only when the file has all its headers', () => {
    const remembered = { name: '姓名', idNumber: '身份证' };
    expect(applicableMapping(remembered, ['姓名', '身份证', '住址'])).toBe(remembered);
    expect(applicableMapping(remembered, ['姓名', '公民身份号码'])).toBeUndefined();
  });
});

describe('cells, dates, addresses, CSV', () => {
  it('reads cells as workers see them', () => {
    expect(cellText(new Date(Date.UTC(1949, 11, 31)))).toBe('1949-12-31');
    expect(cellText({ richText: [{ text: '张' }, { text: '三' }] })).toBe('张三');
    expect(cellText({ formula: 'A1', result: 5 })).toBe('5');
    expect(cellText(13800001234)).toBe('13800001234');
    expect(cellText(null)).toBe('');
  });

  it('parses the date formats of ledgers and rejects impossible dates', () => {
    for (const s of ['1949-12-31', '1949/12/31', '1949.12.31', '19491231', '1949年12月31日', '18263'])
      expect(parseDate(s), s).toBe('1949-12-31');
    expect(parseDate('1949-02-30')).toBeNull();
    expect(parseDate('去年')).toBeNull();
  });

  it('matches an address to a household, with or without spaces and a community prefix', () => {
    const index = new Map([[householdKey(['3幢', '1单元302室']), 'h1']]);
    for (const a of ['3幢1单元302室', '3幢 1单元302室', '3栋1单元302室', '甲社区 3幢 1单元302室', '３幢1单元302室'])
      expect(matchAddress(a, index), a).toBe('h1');
    expect(matchAddress('4幢1单元302室', index)).toBeUndefined();
  });

  it('splits CSV with quotes and line breaks inside quotes, and decodes GB18030', () => {
    expect([...parseCsv('a,"b,""c""",d\r\n"x\ny",2\n')]).toEqual([
      ['a', 'b,"c"', 'd'],
      ['x\ny', '2'],
    ]);
    // "姓名" in GB18030.
    expect(decodeCsv(new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb]))).toBe('姓名');
    expect(decodeCsv(new TextEncoder().encode('姓名'))).toBe('姓名');
  });
});

describe('row validation', () => {
  const ctx: RowContext = {
    today: '2026-11-21',
    tags: new Map([
      ['living_alone', 'living_alone'],
      ['独居老人', 'living_alone'],
      ['高龄老人', 'elderly_80'],
    ]),
    headers: {
      name: '姓名',
      idNumber: '身份证号',
      gender: '性别',
      phone: '手机',
      registrationType: '户籍类型',
      address: '门牌',
      tags: '特殊人群',
      arrivalDate: '来本地日期',
      origin: '户籍地',
    },
  };
  const good = { name: '王芳', idNumber: '11010519491231002x', registrationType: '户籍', address: '1幢1单元101室' };

  it('accepts a good row and takes gender and birth date from the ID number', () => {
    const r = validateImportRow(
      { row: 3, values: { ...good, phone: '138 1234 5678', tags: '独居老人、高龄老人' } },
      ctx,
    );
    expect(r.ok && r.value).toMatchObject({
      name: '王芳',
      identity: { idNumber: '11010519491231002X', gender: 'female', birthDate: '1949-12-31' },
      phone: '13812345678',
      registrationType: 'registered',
      relationToHead: undefined,
      tags: ['elderly_80', 'living_alone'],
    });
  });

  it('answers every problem with the row, column header, value and a reason in Chinese', () => {
    const r = validateImportRow(
      {
        row: 7,
        values: { ...good, gender: '男', phone: '1381234567', registrationType: '流动', tags: '困难户' },
      },
      ctx,
    );
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [7, '性别', '男'],
      [7, '手机', '1381234567'],
      [7, '来本地日期', ''],
      [7, '户籍地', ''],
      [7, '特殊人群', '困难户'],
    ]);
    expect(errors[0]!.reason).toBe('性别与证件号码不一致：按证件号码应为「女」');
    expect(errors[4]!.reason).toBe('未知的关爱类别：困难户');
  });

  it('requires an ID number and refuses one Excel turned into a number', () => {
    const missing = validateImportRow({ row: 2, values: { ...good, idNumber: '' } }, ctx);
    expect(!missing.ok && missing.errors[0]!.reason).toMatch(/须填写证件号码/);
    const sci = validateImportRow({ row: 2, values: { ...good, idNumber: '1.10105E+17' } }, ctx);
    expect(!sci.ok && sci.errors[0]!.reason).toMatch(/科学计数法/);
    const bad = validateImportRow({ row: 2, values: { ...good, idNumber: '110105194912310021' } }, ctx);
    expect(!bad.ok && bad.errors[0]!.column).toBe('身份证号');
  });
});
