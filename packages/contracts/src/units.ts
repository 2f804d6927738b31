/**
 * Units in the jurisdiction (辖区单位): companies, schools, agencies, shops (商业网点), community
 * organisations (社区组织) and religious sites (宗教场所, readable only with registry.sensitive).
 */
import { z } from 'zod';

export const unitKinds = ['company', 'school', 'agency', 'shop', 'organisation', 'religious_site', 'other'] as const;
export type UnitKind = (typeof unitKinds)[number];
export const unitStatuses = ['active', 'closed'] as const;
/** Kinds only holders of registry.sensitive may read or write. */
export const sensitiveUnitKinds: readonly UnitKind[] = ['religious_site'];

export const unitLabels = {
  kind: {
    company: { zh: '企业', en: 'Company' },
    school: { zh: '学校', en: 'School' },
    agency: { zh: '机关事业单位', en: 'Agency' },
    shop: { zh: '商业网点', en: 'Shop' },
    organisation: { zh: '社区组织', en: 'Community organisation' },
    religious_site: { zh: '宗教场所', en: 'Religious site' },
    other: { zh: '其他', en: 'Other' },
  },
  status: { active: { zh: '正常', en: 'Active' }, closed: { zh: '已注销', en: 'Closed' } },
} as const;

const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).optional();

/** Keep a credit code that fails the GB 32100 check, e.g. one printed so on a real licence; audited. */
export const CreditCodeOverride = z.strictObject({
  reason: z.string().trim().min(4, '请说明为何保留未通过校验的代码（至少 4 个字，如“以营业执照原件为准”）').max(200),
});

export const UnitInput = z.strictObject({
  nodeId: z.number().int().positive('请选择所在辖区位置'),
  kind: z.enum(unitKinds, '请选择单位类别'),
  name: z.string().trim().min(1, '请填写单位名称').max(100, '名称最多 100 个字'),
  creditCode: z.string().trim().max(30).optional(),
  creditCodeOverride: CreditCodeOverride.optional(),
  religion: text(40),
  legalRepresentative: text(60),
  contactName: text(60),
  contactPhone: z.string().trim().max(30).optional(),
  employees: z.number().int().min(0, '从业人数不能为负').max(10_000_000).optional(),
  notes: text(1000),
});
export type UnitInput = z.infer<typeof UnitInput>;

export const UnitUpdate = UnitInput.omit({ nodeId: true })
  .partial()
  .extend({
    nodeId: z.number().int().positive().optional(),
    status: z.enum(unitStatuses).optional(),
    version: z.number().int().positive(),
    reason: text(200),
  });

export const UnitListItem = z.object({
  id: z.number().int(),
  nodeId: z.number().int(),
  address: z.string(),
  kind: z.enum(unitKinds),
  name: z.string(),
  creditCode: z.string().nullable(),
  /** The code failed the GB 32100 check and was kept with this reason. */
  creditCodeOverride: z.object({ reason: z.string(), at: z.string().nullable() }).nullable(),
  legalRepresentative: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  employees: z.number().int().nullable(),
  status: z.enum(unitStatuses),
});
export type UnitListItem = z.infer<typeof UnitListItem>;

export const UnitDetail = UnitListItem.extend({
  religion: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
  canReveal: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UnitDetail = z.infer<typeof UnitDetail>;

export const UnitListQuery = z.strictObject({
  q: z.string().trim().max(60).optional(),
  nodeId: z.coerce.number().int().positive().optional(),
  kind: z.enum(unitKinds).optional(),
  status: z.enum(unitStatuses).default('active'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const UnitRevealBody = z.strictObject({
  field: z.enum(['contactPhone']),
  reason: z.string().trim().min(2, '请说明查看原因').max(200),
});
