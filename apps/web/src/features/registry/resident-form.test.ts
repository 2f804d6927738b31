import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { ResidentDetail } from '@linli/contracts';
import { checkId, correctionInitialValues, phoneProblem, toCorrectionBody, toRegisterBody } from './resident-form.ts';

describe('checkId', () => {
  it('derives birth date and gender from a valid resident ID', () => {
    expect(checkId('resident', '11010519491231002X', 'p')).toEqual({
      state: 'ok',
      birthDate: '1949-12-31',
      gender: 'female',
    });
  });
  it('explains a wrong check digit in Chinese', () => {
    const r = checkId('resident', '110105194912310021', 'p');
    expect(r.state).toBe('invalid');
    expect(r.state === 'invalid' && r.message).toMatch(/校验位/);
  });
  it('checks passports by shape only, and nothing when empty', () => {
    expect(checkId('passport', 'E1234567', 'bad')).toEqual({ state: 'ok' });
    expect(checkId('passport', '12', 'bad')).toEqual({ state: 'invalid', message: 'bad' });
    expect(checkId('resident', '  ', 'bad')).toEqual({ state: 'empty' });
    expect(checkId('none', '123', 'bad')).toEqual({ state: 'empty' });
  });
});

describe('phoneProblem', () => {
  it('accepts empty and valid numbers', () => {
    expect(phoneProblem('')).toBeUndefined();
    expect(phoneProblem('138 1234 5678')).toBeUndefined();
    expect(phoneProblem('12345')).toMatch(/手机|电话/);
  });
});

describe('toRegisterBody', () => {
  it('keeps floating facts only for floating residents and sensitive facts only when allowed', () => {
    const base = {
      nodeId: 8,
      name: ' 张三 ',
      idKind: 'resident' as const,
      idNumber: '11010519491231002X',
      registrationType: 'registered' as const,
      relationToHead: 'head' as const,
      origin: '安徽',
      arrivalDate: dayjs('2020-01-01'),
      politicalStatus: 'masses' as const,
      sensitive: { religion: ' 无 ' },
      phone: ' ',
    };
    const body = toRegisterBody(base, false);
    expect(body).toMatchObject({ nodeId: 8, name: '张三', idKind: 'resident', registrationType: 'registered' });
    expect(body.origin).toBeUndefined();
    expect(body.phone).toBeUndefined();
    expect(body.politicalStatus).toBeUndefined();
    expect(body.sensitive).toBeUndefined();
    const floating = toRegisterBody({ ...base, registrationType: 'floating' }, true);
    expect(floating).toMatchObject({ origin: '安徽', arrivalDate: '2020-01-01', politicalStatus: 'masses' });
    expect(floating.sensitive).toEqual({
      health: undefined,
      disabilityKind: undefined,
      disabilityGrade: undefined,
      religion: '无',
    });
  });
  it('sends no number when the ID type is none', () => {
    const body = toRegisterBody(
      { name: 'A', idKind: 'none', idNumber: '123', registrationType: 'registered', relationToHead: 'head' },
      false,
    );
    expect(body.idKind).toBe('none');
    expect(body.idNumber).toBeUndefined();
  });
});

const resident: ResidentDetail = {
  id: 1,
  nodeId: 8,
  name: '张三',
  gender: 'male',
  birthDate: '1980-01-01',
  age: 46,
  isMinor: false,
  idKind: 'resident',
  idNumberMasked: '110105********0011',
  phoneMasked: '138****5678',
  registrationType: 'registered',
  relationToHead: 'head',
  status: 'active',
  tags: ['living_alone'],
  address: '',
  ethnicity: '汉族',
  arrivalDate: null,
  origin: null,
  arrivalReason: null,
  expectedStay: null,
  notes: null,
  version: 3,
  politicalStatus: null,
  sensitive: null,
  sensitiveHidden: true,
  canReveal: true,
  household: [],
  mergedInto: null,
  mergedFrom: [],
  events: [],
  createdAt: '',
  updatedAt: '',
};

describe('toCorrectionBody', () => {
  it('is null when nothing changed', () => {
    expect(toCorrectionBody(resident, correctionInitialValues(resident), false)).toBeNull();
  });
  it('sends only what changed, with the version and the reason', () => {
    const values = {
      ...correctionInitialValues(resident),
      name: '张叁',
      tags: ['elderly_80', 'living_alone'],
      reason: '核对户口簿',
    };
    expect(toCorrectionBody(resident, values, false)).toEqual({
      version: 3,
      name: '张叁',
      tags: ['elderly_80', 'living_alone'],
      reason: '核对户口簿',
    });
  });
  it('sends a new phone or ID only when typed', () => {
    const values = { ...correctionInitialValues(resident), phone: '13900001111' };
    expect(toCorrectionBody(resident, values, false)).toEqual({ version: 3, phone: '13900001111' });
  });
});
