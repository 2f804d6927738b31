/** The resident form's values and how they become the API's bodies (pure rules). */
import dayjs, { type Dayjs } from 'dayjs';
import { validateIdNumber, validatePhone, type ResidentDetail, type ResidentInput } from '@linli/contracts';
import type { z } from 'zod';
import type { routes } from '@linli/contracts';
import type { Gender, IdKind, PoliticalStatus, RegistrationType, RelationToHead } from './registry-types.ts';

export interface SensitiveValues {
  health?: string;
  disabilityKind?: string;
  disabilityGrade?: string;
  religion?: string;
}

export interface ResidentFormValues {
  nodeId?: number | null;
  name: string;
  idKind: IdKind;
  idNumber?: string;
  gender?: Gender;
  birthDate?: Dayjs | null;
  phone?: string;
  ethnicity?: string;
  registrationType?: RegistrationType;
  arrivalDate?: Dayjs | null;
  origin?: string;
  arrivalReason?: string;
  expectedStay?: string;
  relationToHead?: RelationToHead;
  politicalStatus?: PoliticalStatus | null;
  tags?: string[];
  notes?: string;
  sensitive?: SensitiveValues;
  /** Corrections only: why the record is corrected. */
  reason?: string;
}

/** Every field the form may show, so that server messages about any of them land on it. */
export const residentFormFields: Record<string, unknown> = {
  nodeId: null,
  name: null,
  idKind: null,
  idNumber: null,
  gender: null,
  birthDate: null,
  phone: null,
  ethnicity: null,
  registrationType: null,
  arrivalDate: null,
  origin: null,
  arrivalReason: null,
  expectedStay: null,
  relationToHead: null,
  politicalStatus: null,
  tags: null,
  notes: null,
  reason: null,
  sensitive: { health: null, disabilityKind: null, disabilityGrade: null, religion: null },
};

/** Kinds of ID whose number carries a birth date, gender and check digit. */
const checkedKinds: readonly IdKind[] = ['resident', 'hk_mo_tw_permit', 'foreign_permanent'];

export type IdCheck =
  { state: 'empty' } | { state: 'ok'; birthDate?: string; gender?: Gender } | { state: 'invalid'; message: string };

/** What the typed ID number says, as the user types it: derived facts, or what is wrong (in Chinese). */
export function checkId(idKind: IdKind | undefined, idNumber: string | undefined, passportMessage: string): IdCheck {
  const text = idNumber?.trim() ?? '';
  if (text === '' || idKind === 'none') return { state: 'empty' };
  if (idKind === 'passport') {
    return /^[A-Z0-9]{5,20}$/i.test(text.replace(/\s+/g, ''))
      ? { state: 'ok' }
      : { state: 'invalid', message: passportMessage };
  }
  if (idKind !== undefined && !checkedKinds.includes(idKind)) return { state: 'ok' };
  const result = validateIdNumber(text);
  return result.ok
    ? { state: 'ok', birthDate: result.birthDate, gender: result.gender }
    : { state: 'invalid', message: result.message };
}

/** The phone's problem in Chinese, or undefined when it is empty or fine. */
export function phoneProblem(phone: string | undefined): string | undefined {
  if (!phone?.trim()) return undefined;
  const result = validatePhone(phone);
  return result.ok ? undefined : result.message;
}

function text(value: string | undefined | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function day(value: Dayjs | null | undefined): string | undefined {
  return value ? value.format('YYYY-MM-DD') : undefined;
}

function sensitiveBody(values: SensitiveValues | undefined): ResidentInput['sensitive'] {
  if (!values) return undefined;
  const body = {
    health: text(values.health),
    disabilityKind: text(values.disabilityKind),
    disabilityGrade: text(values.disabilityGrade),
    religion: text(values.religion),
  };
  return Object.values(body).some((v) => v !== undefined) ? body : undefined;
}

/** The body of POST /api/v1/residents; sensitive facts only when the user may write them. */
export function toRegisterBody(
  values: ResidentFormValues,
  mayWriteSensitive: boolean,
): z.input<typeof routes.registerResident.body> {
  const floating = values.registrationType === 'floating';
  const hasId = values.idKind !== 'none' && !!text(values.idNumber);
  return {
    nodeId: values.nodeId ?? 0,
    name: values.name.trim(),
    gender: values.gender,
    birthDate: day(values.birthDate),
    idKind: hasId ? values.idKind : 'none',
    idNumber: hasId ? text(values.idNumber) : undefined,
    phone: text(values.phone),
    ethnicity: text(values.ethnicity),
    registrationType: values.registrationType ?? 'registered',
    arrivalDate: floating ? day(values.arrivalDate) : undefined,
    origin: floating ? text(values.origin) : undefined,
    arrivalReason: floating ? text(values.arrivalReason) : undefined,
    expectedStay: floating ? text(values.expectedStay) : undefined,
    relationToHead: values.relationToHead ?? 'other',
    politicalStatus: mayWriteSensitive ? (values.politicalStatus ?? undefined) : undefined,
    tags: values.tags?.length ? values.tags : undefined,
    notes: text(values.notes),
    sensitive: mayWriteSensitive ? sensitiveBody(values.sensitive) : undefined,
  };
}

/** The form's starting values for correcting a resident; ID and phone start empty (they are only shown masked). */
export function correctionInitialValues(r: ResidentDetail): ResidentFormValues {
  return {
    name: r.name,
    idKind: r.idKind,
    gender: r.gender,
    birthDate: r.birthDate ? dayjs(r.birthDate) : null,
    ethnicity: r.ethnicity ?? undefined,
    registrationType: r.registrationType,
    arrivalDate: r.arrivalDate ? dayjs(r.arrivalDate) : null,
    origin: r.origin ?? undefined,
    arrivalReason: r.arrivalReason ?? undefined,
    expectedStay: r.expectedStay ?? undefined,
    relationToHead: r.relationToHead,
    politicalStatus: r.politicalStatus,
    tags: [...r.tags],
    notes: r.notes ?? undefined,
    sensitive: {
      health: r.sensitive?.health ?? undefined,
      disabilityKind: r.sensitive?.disabilityKind ?? undefined,
      disabilityGrade: r.sensitive?.disabilityGrade ?? undefined,
      religion: r.sensitive?.religion ?? undefined,
    },
  };
}

type UpdateBody = z.input<typeof routes.updateResident.body>;

/**
 * The body of PATCH /api/v1/residents/:id: only what changed, with the version the form was read at.
 * Returns null when nothing changed. An empty ID or phone box keeps the stored number.
 */
export function toCorrectionBody(
  original: ResidentDetail,
  values: ResidentFormValues,
  mayWriteSensitive: boolean,
): UpdateBody | null {
  const body: UpdateBody = { version: original.version };
  let changed = false;
  const set = <K extends keyof UpdateBody>(key: K, next: UpdateBody[K], before: unknown) => {
    if (next === undefined || next === before) return;
    body[key] = next;
    changed = true;
  };
  set('name', text(values.name), original.name);
  set('idKind', values.idKind, original.idKind);
  set('idNumber', values.idKind === 'none' ? undefined : text(values.idNumber), undefined);
  set('gender', values.gender, original.gender);
  set('birthDate', day(values.birthDate), original.birthDate);
  set('phone', text(values.phone), undefined);
  set('ethnicity', text(values.ethnicity), original.ethnicity);
  set('registrationType', values.registrationType, original.registrationType);
  set('arrivalDate', day(values.arrivalDate), original.arrivalDate);
  set('origin', text(values.origin), original.origin);
  set('arrivalReason', text(values.arrivalReason), original.arrivalReason);
  set('expectedStay', text(values.expectedStay), original.expectedStay);
  set('relationToHead', values.relationToHead, original.relationToHead);
  set('notes', text(values.notes), original.notes);
  const tags = [...(values.tags ?? [])].sort();
  if (tags.join(',') !== [...original.tags].sort().join(',')) {
    body.tags = tags;
    changed = true;
  }
  if (mayWriteSensitive) {
    set('politicalStatus', values.politicalStatus ?? undefined, original.politicalStatus);
    const sensitive = sensitiveBody(values.sensitive);
    const before = original.sensitive;
    if (
      sensitive &&
      (sensitive.health !== (before?.health ?? undefined) ||
        sensitive.disabilityKind !== (before?.disabilityKind ?? undefined) ||
        sensitive.disabilityGrade !== (before?.disabilityGrade ?? undefined) ||
        sensitive.religion !== (before?.religion ?? undefined))
    ) {
      body.sensitive = sensitive;
      changed = true;
    }
  }
  if (!changed) return null;
  const reason = text(values.reason);
  if (reason) body.reason = reason;
  return body;
}
