/** The append-only, hash-chained audit log. */
import { z } from 'zod';

export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export const AuditOutcome = z.enum(auditOutcomes);

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  nodeId: z.number().int().nullable(),
  summary: z.unknown(),
  outcome: AuditOutcome,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListQuery = z.strictObject({
  /** Only entries tied to this node's subtree (within the caller's scope). */
  nodeId: z.coerce.number().int().positive().optional(),
  action: z.string().trim().max(80).optional(),
  actor: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(40).optional(),
  outcome: AuditOutcome.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

type Label = { zh: string; en: string };

/** What each audit action means, for people reading the log. Refused requests are `http.<routeId>`. */
export const auditActionLabels: Record<string, Label> = {
  'auth.login': { zh: '登录', en: 'Sign-in' },
  'auth.logout': { zh: '退出登录', en: 'Sign-out' },
  'auth.password.change': { zh: '修改密码', en: 'Password change' },
  'jurisdiction.node.create': { zh: '新建辖区节点', en: 'Node created' },
  'jurisdiction.node.rename': { zh: '修改辖区节点', en: 'Node renamed' },
  'jurisdiction.node.move': { zh: '移动辖区节点', en: 'Node moved' },
  'jurisdiction.node.retire': { zh: '撤销辖区节点', en: 'Node retired' },
  'users.user.create': { zh: '新建用户', en: 'User created' },
  'users.user.update': { zh: '修改用户', en: 'User changed' },
  'users.user.reset_password': { zh: '重置密码', en: 'Password reset' },
  'users.admin.bootstrap': { zh: '创建首个管理员', en: 'First administrator created' },
  'tokens.token.create': { zh: '签发 API 令牌', en: 'API token issued' },
  'tokens.token.revoke': { zh: '吊销 API 令牌', en: 'API token revoked' },
  'demo.load': { zh: '载入演示数据', en: 'Demo data loaded' },
  'registry.resident.register': { zh: '登记居民', en: 'Resident registered' },
  'registry.resident.update': { zh: '更正居民信息', en: 'Resident corrected' },
  'registry.resident.move_in': { zh: '居民迁入', en: 'Resident moved in' },
  'registry.resident.change_household': { zh: '居民变更户', en: 'Resident changed household' },
  'registry.resident.change_address': { zh: '居民变更住址', en: 'Resident changed address' },
  'registry.resident.move_out': { zh: '居民迁出', en: 'Resident moved out' },
  'registry.resident.death': { zh: '死亡登记', en: 'Death recorded' },
  'registry.resident.reveal': { zh: '查看完整个人信息', en: 'Personal data revealed' },
  'registry.visit.record': { zh: '记录走访', en: 'Visit recorded' },
  'registry.import.upload': { zh: '上传导入文件', en: 'Import file uploaded' },
  'registry.import.commit': { zh: '导入居民', en: 'Residents imported' },
  'registry.import.undo': { zh: '撤销导入', en: 'Import undone' },
  'registry.resident.export': { zh: '导出居民', en: 'Residents exported' },
  'registry.house.export': { zh: '导出房屋清单', en: 'Houses exported' },
  'registry.unit.export': { zh: '导出辖区单位清单', en: 'Units exported' },
  'registry.ledger.export': { zh: '导出台账', en: 'Ledger exported' },
};

export const auditEntityLabels: Record<string, Label> = {
  jurisdiction_node: { zh: '辖区节点', en: 'Node' },
  app_user: { zh: '用户', en: 'User' },
  api_token: { zh: 'API 令牌', en: 'API token' },
  resident: { zh: '居民', en: 'Resident' },
};
