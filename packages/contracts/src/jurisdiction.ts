/** The jurisdiction tree (三级网络): district → street → community → grid → building → unit → household. */
import { z } from 'zod';

export const nodeLevels = ['district', 'street', 'community', 'grid', 'building', 'unit', 'household'] as const;
export const NodeLevel = z.enum(nodeLevels);
export type NodeLevel = z.infer<typeof NodeLevel>;

export const nodeLevelLabels: Record<NodeLevel, { zh: string; en: string }> = {
  district: { zh: '区', en: 'District' },
  street: { zh: '街道/镇', en: 'Street / town' },
  community: { zh: '社区', en: 'Community' },
  grid: { zh: '网格', en: 'Grid' },
  building: { zh: '楼栋', en: 'Building' },
  unit: { zh: '单元', en: 'Unit' },
  household: { zh: '户', en: 'Household' },
};

/** Which levels may be children of which: a unit is optional between building and household. */
export const allowedChildLevels: Record<NodeLevel, readonly NodeLevel[]> = {
  district: ['street'],
  street: ['community'],
  community: ['grid'],
  grid: ['building'],
  building: ['unit', 'household'],
  unit: ['household'],
  household: [],
};

/**
 * Code lengths by level: the district's GB/T 2260 region code, then three digits per level
 * (street 9, community 12, grid 15 — "6 region + 3 street + 3 community + 3 grid"). Levels below
 * carry no code.
 */
export const nodeCodeLength: Partial<Record<NodeLevel, number>> = { district: 6, street: 9, community: 12, grid: 15 };

export const NodeId = z.coerce.number().int().positive();

export const JurisdictionNode = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  level: NodeLevel,
  code: z.string().nullable(),
  name: z.string(),
  path: z.string(),
  depth: z.number().int(),
  isRetired: z.boolean(),
  childCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JurisdictionNode = z.infer<typeof JurisdictionNode>;

export const NodeCounts = z.object({
  descendants: z.record(z.string(), z.number().int()),
  users: z.number().int(),
});

export const NodeMove = z.object({
  id: z.number().int(),
  fromParentId: z.number().int().nullable(),
  toParentId: z.number().int().nullable(),
  fromPath: z.string(),
  toPath: z.string(),
  movedAt: z.string(),
  movedBy: z.string().nullable(),
});

export const NodeDetail = JurisdictionNode.extend({
  ancestors: z.array(z.object({ id: z.number().int(), name: z.string(), level: NodeLevel })),
  counts: NodeCounts,
  moves: z.array(NodeMove),
});
export type NodeDetail = z.infer<typeof NodeDetail>;

const nodeName = z.string().trim().min(1, '名称不能为空').max(60, '名称最多 60 个字');
const nodeCode = z
  .string()
  .trim()
  .regex(/^\d{6,15}$/, '编码应为 6 至 15 位数字');

export const CreateNodeBody = z.strictObject({
  parentId: z.number().int().positive().nullable(),
  level: NodeLevel,
  name: nodeName,
  code: nodeCode.optional(),
});
/** `code: null` clears a node's code. */
export const RenameNodeBody = z.strictObject({ name: nodeName.optional(), code: nodeCode.nullable().optional() });
export const MoveNodeBody = z.strictObject({
  newParentId: z.number().int().positive(),
  reason: z.string().trim().max(200).optional(),
});
export const RetireNodeBody = z.strictObject({ reason: z.string().trim().min(1, '请填写撤销原因').max(200) });

export const NodeListQuery = z.strictObject({
  parentId: NodeId.optional(),
  q: z.string().trim().max(60).optional(),
  includeRetired: z.enum(['true', 'false']).optional(),
});
