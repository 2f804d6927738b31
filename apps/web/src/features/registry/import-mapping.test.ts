import { describe, expect, it } from 'vitest';
import { cleanMapping, initialMapping, mappingProblems, progressPercent } from './import-mapping.ts';

describe('initialMapping', () => {
  const headers = ['姓名', '身份证号', '手机', '门牌'];
  it('takes the remembered column when the file still has it', () => {
    expect(
      initialMapping(headers, { name: '姓名', idNumber: '身份证号' }, { name: '姓名', address: '门牌', phone: '电话' }),
    ).toEqual({ name: '姓名', idNumber: '身份证号', address: '门牌' });
  });
  it('falls back to the suggestion and drops columns the file lacks', () => {
    expect(initialMapping(headers, { phone: '手机', notes: '备注' }, null)).toEqual({ phone: '手机' });
  });
});

describe('mappingProblems', () => {
  it('asks for the required columns', () => {
    expect(mappingProblems({ name: '姓名' })).toEqual([
      { kind: 'missing', fields: ['idNumber', 'address', 'registrationType'] },
    ]);
  });
  it('names a column used twice', () => {
    expect(mappingProblems({ idNumber: 'A', name: 'B', notes: 'B', address: 'C', registrationType: 'D' })).toEqual([
      { kind: 'duplicate', column: 'B', fields: ['name', 'notes'] },
    ]);
  });
  it('is empty for a good mapping', () => {
    expect(mappingProblems({ idNumber: 'A', name: 'B', address: 'C', registrationType: 'D' })).toEqual([]);
  });
});

describe('cleanMapping', () => {
  it('leaves out empty choices', () => {
    expect(cleanMapping({ idNumber: 'A', name: ' ' })).toEqual({ idNumber: 'A' });
  });
});

describe('progressPercent', () => {
  it('is null without a total and clamps', () => {
    expect(progressPercent(5, null)).toBeNull();
    expect(progressPercent(5, 0)).toBeNull();
    expect(progressPercent(50, 200)).toBe(25);
    expect(progressPercent(300, 200)).toBe(100);
  });
});
