/** The base registry (基础信息库): residents, their households and care tags ("四知四清四掌握"). */
import { z } from 'zod';

export const genders = ['male', 'female'] as const;
export const registrationTypes = ['registered', 'permanent', 'floating'] as const;
export const relationsToHead = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'grandparent',
  'sibling',
  'child_in_law',
  'other_relative',
  'tenant',
  'other',
] as const;
export const politicalStatuses = [
  'cpc_member',
  'cpc_probationary',
  'cyl_member',
  'democratic_party',
  'masses',
] as const;
export const residentStatuses = ['active', 'moved_out', 'deceased', 'merged'] as const;
export const idKinds = ['resident', 'hk_mo_tw_permit', 'foreign_permanent', 'passport', 'none'] as const;
export const residentEventKinds = [
  'register',
  'move_in',
  'move_out',
  'change_household',
  'change_address',
  'death',
  'update',
  'merge',
  'tag',
] as const;

export const registryLabels = {
  gender: { male: { zh: '男', en: 'Male' }, female: { zh: '女', en: 'Female' } },
  registrationType: {
    registered: { zh: '户籍人口', en: 'Registered' },
    permanent: { zh: '常住人口', en: 'Permanent' },
    floating: { zh: '流动人口', en: 'Floating' },
  },
  relationToHead: {
    head: { zh: '户主', en: 'Head' },
    spouse: { zh: '配偶', en: 'Spouse' },
    child: { zh: '子女', en: 'Child' },
    parent: { zh: '父母', en: 'Parent' },
    grandchild: { zh: '孙子女', en: 'Grandchild' },
    grandparent: { zh: '祖父母', en: 'Grandparent' },
    sibling: { zh: '兄弟姐妹', en: 'Sibling' },
    child_in_law: { zh: '儿媳/女婿', en: 'Child-in-law' },
    other_relative: { zh: '其他亲属', en: 'Other relative' },
    tenant: { zh: '租户', en: 'Tenant' },
    other: { zh: '其他', en: 'Other' },
  },
  politicalStatus: {
    cpc_member: { zh: '中共党员', en: 'CPC member' },
    cpc_probationary: { zh: '中共预备党员', en: 'CPC probationary member' },
    cyl_member: { zh: '共青团员', en: 'CYL member' },
    democratic_party: { zh: '民主党派', en: 'Democratic party' },
    masses: { zh: '群众', en: 'Masses' },
  },
  status: {
    active: { zh: '在册', en: 'Active' },
    moved_out: { zh: '已迁出', en: 'Moved out' },
    deceased: { zh: '已故', en: 'Deceased' },
    merged: { zh: '已合并', en: 'Merged' },
  },
  idKind: {
    resident: { zh: '居民身份证', en: 'Resident ID' },
    hk_mo_tw_permit: { zh: '港澳台居民居住证', en: 'HK/Macau/Taiwan residence permit' },
    foreign_permanent: { zh: '外国人永久居留身份证', en: 'Foreign permanent residence ID' },
    passport: { zh: '护照', en: 'Passport' },
    none: { zh: '无证件', en: 'None' },
  },
  eventKind: {
    register: { zh: '登记', en: 'Registered' },
    move_in: { zh: '迁入', en: 'Moved in' },
    move_out: { zh: '迁出', en: 'Moved out' },
    change_household: { zh: '变更户', en: 'Changed household' },
    change_address: { zh: '变更住址', en: 'Changed address' },
    death: { zh: '死亡', en: 'Died' },
    update: { zh: '信息更正', en: 'Corrected' },
    merge: { zh: '合并重复', en: 'Merged duplicate' },
    tag: { zh: '关爱标签', en: 'Care tags' },
  },
} as const;

/**
 * Lists count matches exactly up to this many and then say "more than"; counting a whole district
 * would cost more than the page itself (bench/registry-search.ts). Figures come from statistics.
 */
export const residentCountCap = 1000;

export const CareTag = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  isSensitive: z.boolean(),
  visitRule: z.array(z.object({ kind: z.enum(['phone', 'home', 'neighbour']), everyDays: z.number().int() })),
});
export type CareTag = z.infer<typeof CareTag>;

const date = z.iso.date('日期格式应为 YYYY-MM-DD');
const optionalText = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).optional();

export const SensitiveFields = z.strictObject({
  health: optionalText(500),
  disabilityKind: optionalText(40),
  disabilityGrade: optionalText(20),
  religion: optionalText(40),
});

export const ResidentInput = z.strictObject({
  nodeId: z.number().int().positive('请选择所在户（房号）'),
  name: z.string().trim().min(1, '请填写姓名').max(60, '姓名最多 60 个字'),
  gender: z.enum(genders, '请选择性别').optional(),
  birthDate: date.optional(),
  idKind: z.enum(idKinds).optional(),
  idNumber: z.string().trim().max(40).optional(),
  phone: z.string().trim().max(30).optional(),
  ethnicity: optionalText(20),
  registrationType: z.enum(registrationTypes, '请选择人口类型'),
  arrivalDate: date.optional(),
  origin: optionalText(100),
  arrivalReason: optionalText(100),
  expectedStay: optionalText(40),
  relationToHead: z.enum(relationsToHead, '请选择与户主关系'),
  politicalStatus: z.enum(politicalStatuses).optional(),
  tags: z.array(z.string().max(40)).max(20).optional(),
  notes: optionalText(1000),
  sensitive: SensitiveFields.optional(),
});
export type ResidentInput = z.infer<typeof ResidentInput>;

export const ResidentUpdate = ResidentInput.omit({ nodeId: true })
  .partial()
  .extend({
    version: z.number().int().positive(),
    reason: optionalText(200),
  });

export const ResidentListItem = z.object({
  id: z.number().int(),
  nodeId: z.number().int(),
  name: z.string(),
  gender: z.enum(genders),
  birthDate: z.string().nullable(),
  age: z.number().int().nullable(),
  isMinor: z.boolean(),
  idKind: z.enum(idKinds),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  registrationType: z.enum(registrationTypes),
  relationToHead: z.enum(relationsToHead),
  status: z.enum(residentStatuses),
  tags: z.array(z.string()),
  address: z.string(),
});
export type ResidentListItem = z.infer<typeof ResidentListItem>;

export const ResidentEvent = z.object({
  id: z.number().int(),
  kind: z.enum(residentEventKinds),
  occurredOn: z.string(),
  fromAddress: z.string().nullable(),
  toAddress: z.string().nullable(),
  reason: z.string().nullable(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
  /** Set when the event belongs to a record merged into this one (its history stays readable here). */
  mergedRecordId: z.number().int().nullable().optional(),
});

export const ResidentDetail = ResidentListItem.extend({
  ethnicity: z.string().nullable(),
  arrivalDate: z.string().nullable(),
  origin: z.string().nullable(),
  arrivalReason: z.string().nullable(),
  expectedStay: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
  /** Null when the caller may not see political status and health, disability, religion. */
  politicalStatus: z.enum(politicalStatuses).nullable(),
  sensitive: z
    .object({
      health: z.string().nullable(),
      disabilityKind: z.string().nullable(),
      disabilityGrade: z.string().nullable(),
      religion: z.string().nullable(),
    })
    .nullable(),
  sensitiveHidden: z.boolean(),
  canReveal: z.boolean(),
  household: z.array(ResidentListItem),
  /** The record this one was merged into (status 已合并), and the records merged into this one. */
  mergedInto: z.number().int().nullable(),
  mergedFrom: z.array(z.number().int()),
  events: z.array(ResidentEvent),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ResidentDetail = z.infer<typeof ResidentDetail>;

/** A list in a query string, as `a,b` or as repeated keys `k=a&k=b`. */
const listParam = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(40)).max(20, '最多 20 项'));

export const ResidentSearchQuery = z.strictObject({
  q: z.string().trim().max(60).optional(),
  nodeId: z.coerce.number().int().positive().optional(),
  tags: listParam.optional(),
  registrationType: z.enum(registrationTypes).optional(),
  gender: z.enum(genders).optional(),
  ageMin: z.coerce.number().int().min(0).max(150).optional(),
  ageMax: z.coerce.number().int().min(0).max(150).optional(),
  status: z.enum(residentStatuses).default('active'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const RevealBody = z.strictObject({
  field: z.enum(['idNumber', 'phone']),
  reason: z.string().trim().min(2, '请说明查看原因').max(200),
});
export const Revealed = z.object({ field: z.enum(['idNumber', 'phone']), value: z.string() });

export const MoveResidentBody = z.strictObject({
  kind: z.enum(['move_in', 'change_household', 'change_address']),
  toNodeId: z.number().int().positive('请选择迁入的户'),
  relationToHead: z.enum(relationsToHead),
  occurredOn: date,
  reason: z.string().trim().max(200).optional(),
});
export const EndResidenceBody = z.strictObject({
  kind: z.enum(['move_out', 'death']),
  occurredOn: date,
  reason: z.string().trim().max(200).optional(),
});

/** Likely duplicates: active residents with the same name and birth date in the same household. */
export const DuplicatesQuery = z.strictObject({
  nodeId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const DuplicateGroup = z.object({
  name: z.string(),
  birthDate: z.string().nullable(),
  nodeId: z.number().int(),
  address: z.string(),
  residents: z.array(ResidentListItem),
});
export type DuplicateGroup = z.infer<typeof DuplicateGroup>;

/**
 * Merge `otherId` into the resident of the path (the survivor). Both versions as read; the merged
 * record ends as 已合并 pointing at the survivor, and its history stays readable from it.
 */
export const MergeResidentBody = z.strictObject({
  otherId: z.number().int().positive(),
  version: z.number().int().positive(),
  otherVersion: z.number().int().positive(),
  reason: z.string().trim().min(2, '请说明合并原因').max(200),
});

/** The record as it stood at the end of a past day, rebuilt from its history. */
export const AsOfQuery = z.strictObject({ date: date });
export const ResidentAsOf = z.object({
  id: z.number().int(),
  date: z.string(),
  /** False when the resident was not yet registered on that day (then the fields are null). */
  existed: z.boolean(),
  nodeId: z.number().int().nullable(),
  address: z.string().nullable(),
  status: z.enum(residentStatuses).nullable(),
  /** Field → value on that day (ID and phone numbers masked; sensitive fields only for those who may see them). */
  fields: z.record(z.string(), z.unknown()),
});
export type ResidentAsOf = z.infer<typeof ResidentAsOf>;

/** A resident's own copy of everything held about them (PIPL access/copy): why it is issued. */
export const PersonalCopyQuery = z.strictObject({
  reason: z.string().trim().min(2, '请说明出具原因').max(200),
});
