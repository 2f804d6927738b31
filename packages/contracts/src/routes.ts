/**
 * The route table: one entry per REST route. The server registers handlers against it, the
 * OpenAPI document is generated from it, and the scope test walks it so a new route is covered
 * the day it is added.
 */
import { z } from 'zod';
import { IdParams, Ok, paged } from './common.ts';
import { ChangePasswordBody, LoginBody, Me } from './auth.ts';
import {
  CreateNodeBody,
  JurisdictionNode,
  MoveNodeBody,
  NodeDetail,
  NodeListQuery,
  RenameNodeBody,
  RetireNodeBody,
} from './jurisdiction.ts';
import { CreateUserBody, InitialPassword, UpdateUserBody, User, UserListQuery } from './users.ts';
import { AuditEntry, AuditListQuery } from './audit.ts';
import { ApiToken, CreatedToken, CreateTokenBody } from './tokens.ts';
import type { Permission } from './roles.ts';
import { CoverageQuery, CoverageRow, DueVisit, DueVisitsQuery, RecordVisitBody, Visit } from './visits.ts';
import {
  CareTag,
  EndResidenceBody,
  MoveResidentBody,
  ResidentDetail,
  ResidentInput,
  ResidentListItem,
  ResidentSearchQuery,
  ResidentUpdate,
  Revealed,
  RevealBody,
} from './registry.ts';
import {
  ExportResidentsQuery,
  FileAnswer,
  IMPORT_MAX_BYTES,
  ImportResult,
  ImportStatus,
  ImportUpload,
  importContentTypes,
  LedgerParams,
  LedgerQuery,
  RunImportBody,
  UndoImportResult,
  UploadImportQuery,
  XLSX_CONTENT_TYPE,
} from './registry-io.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * - public: no session needed;
 * - session: a signed-in user who has changed their initial password;
 * - session-initial: a signed-in user, even before the forced password change.
 */
export type RouteAuth = 'public' | 'session' | 'session-initial';

export interface RouteDef {
  method: HttpMethod;
  path: string;
  tag: string;
  summary: string;
  auth: RouteAuth;
  /** Answers 201 Created instead of 200. */
  creates?: true;
  permission?: Permission;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body is a file sent as-is (not JSON): accepted content types and a size limit for this route. */
  rawBody?: { contentTypes: readonly string[]; limitBytes: number };
  /** The answer is a file of this content type (the handler returns a FileAnswer). */
  produces?: string;
  response: z.ZodType;
}

function route<const T extends RouteDef>(def: T): T {
  return def;
}

export const routes = {
  login: route({
    method: 'POST',
    path: '/api/v1/auth/login',
    tag: 'auth',
    summary: '登录',
    auth: 'public',
    body: LoginBody,
    response: Me,
  }),
  logout: route({
    method: 'POST',
    path: '/api/v1/auth/logout',
    tag: 'auth',
    summary: '退出登录',
    auth: 'session-initial',
    response: Ok,
  }),
  me: route({
    method: 'GET',
    path: '/api/v1/auth/me',
    tag: 'auth',
    summary: '当前用户',
    auth: 'session-initial',
    response: Me,
  }),
  changePassword: route({
    method: 'POST',
    path: '/api/v1/auth/password',
    tag: 'auth',
    summary: '修改密码',
    auth: 'session-initial',
    body: ChangePasswordBody,
    response: Me,
  }),

  listNodes: route({
    method: 'GET',
    path: '/api/v1/nodes',
    tag: 'jurisdiction',
    summary: '查询辖区节点（默认返回可见范围的顶层节点）',
    auth: 'session',
    permission: 'jurisdiction.read',
    query: NodeListQuery,
    response: z.object({ items: z.array(JurisdictionNode) }),
  }),
  getNode: route({
    method: 'GET',
    path: '/api/v1/nodes/:id',
    tag: 'jurisdiction',
    summary: '辖区节点详情',
    auth: 'session',
    permission: 'jurisdiction.read',
    params: IdParams,
    response: NodeDetail,
  }),
  createNode: route({
    method: 'POST',
    path: '/api/v1/nodes',
    tag: 'jurisdiction',
    summary: '新建辖区节点',
    auth: 'session',
    creates: true,
    permission: 'jurisdiction.manage',
    body: CreateNodeBody,
    response: JurisdictionNode,
  }),
  renameNode: route({
    method: 'PATCH',
    path: '/api/v1/nodes/:id',
    tag: 'jurisdiction',
    summary: '重命名/修改编码',
    auth: 'session',
    permission: 'jurisdiction.manage',
    params: IdParams,
    body: RenameNodeBody,
    response: JurisdictionNode,
  }),
  moveNode: route({
    method: 'POST',
    path: '/api/v1/nodes/:id/move',
    tag: 'jurisdiction',
    summary: '移动节点（社区合并、拆分）',
    auth: 'session',
    permission: 'jurisdiction.manage',
    params: IdParams,
    body: MoveNodeBody,
    response: JurisdictionNode,
  }),
  retireNode: route({
    method: 'POST',
    path: '/api/v1/nodes/:id/retire',
    tag: 'jurisdiction',
    summary: '撤销节点',
    auth: 'session',
    permission: 'jurisdiction.manage',
    params: IdParams,
    body: RetireNodeBody,
    response: JurisdictionNode,
  }),

  listUsers: route({
    method: 'GET',
    path: '/api/v1/users',
    tag: 'users',
    summary: '用户列表',
    auth: 'session',
    permission: 'user.read',
    query: UserListQuery,
    response: paged(User),
  }),
  getUser: route({
    method: 'GET',
    path: '/api/v1/users/:id',
    tag: 'users',
    summary: '用户详情',
    auth: 'session',
    permission: 'user.read',
    params: IdParams,
    response: User,
  }),
  createUser: route({
    method: 'POST',
    path: '/api/v1/users',
    tag: 'users',
    summary: '新建用户（返回一次性初始密码）',
    auth: 'session',
    creates: true,
    permission: 'user.manage',
    body: CreateUserBody,
    response: InitialPassword,
  }),
  updateUser: route({
    method: 'PATCH',
    path: '/api/v1/users/:id',
    tag: 'users',
    summary: '修改用户、停用、调整角色',
    auth: 'session',
    permission: 'user.manage',
    params: IdParams,
    body: UpdateUserBody,
    response: User,
  }),
  resetPassword: route({
    method: 'POST',
    path: '/api/v1/users/:id/reset-password',
    tag: 'users',
    summary: '重置密码（返回一次性初始密码）',
    auth: 'session',
    permission: 'user.manage',
    params: IdParams,
    response: InitialPassword,
  }),

  listAudit: route({
    method: 'GET',
    path: '/api/v1/audit',
    tag: 'audit',
    summary: '审计日志',
    auth: 'session',
    permission: 'audit.read',
    query: AuditListQuery,
    response: paged(AuditEntry),
  }),

  listTokens: route({
    method: 'GET',
    path: '/api/v1/tokens',
    tag: 'tokens',
    summary: 'API 令牌列表',
    auth: 'session',
    permission: 'token.manage',
    response: z.object({ items: z.array(ApiToken) }),
  }),
  createToken: route({
    method: 'POST',
    path: '/api/v1/tokens',
    tag: 'tokens',
    summary: '签发 API 令牌（密钥只显示一次）',
    auth: 'session',
    creates: true,
    permission: 'token.manage',
    body: CreateTokenBody,
    response: CreatedToken,
  }),
  revokeToken: route({
    method: 'POST',
    path: '/api/v1/tokens/:id/revoke',
    tag: 'tokens',
    summary: '吊销 API 令牌',
    auth: 'session',
    permission: 'token.manage',
    params: IdParams,
    response: ApiToken,
  }),

  listCareTags: route({
    method: 'GET',
    path: '/api/v1/care-tags',
    tag: 'registry',
    summary: '关爱对象标签字典',
    auth: 'session',
    permission: 'registry.read',
    response: z.object({ items: z.array(CareTag) }),
  }),
  searchResidents: route({
    method: 'GET',
    path: '/api/v1/residents',
    tag: 'registry',
    summary: '查询居民（姓名、拼音首字母、证件号、手机号、住址）',
    auth: 'session',
    permission: 'registry.read',
    query: ResidentSearchQuery,
    response: z.object({
      items: z.array(ResidentListItem),
      total: z.number().int(),
      totalIsCapped: z.boolean(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
  }),
  getResident: route({
    method: 'GET',
    path: '/api/v1/residents/:id',
    tag: 'registry',
    summary: '居民详情（含同户成员和变动历史）',
    auth: 'session',
    permission: 'registry.read',
    params: IdParams,
    response: ResidentDetail,
  }),
  registerResident: route({
    method: 'POST',
    path: '/api/v1/residents',
    tag: 'registry',
    summary: '登记居民',
    auth: 'session',
    creates: true,
    permission: 'registry.manage',
    body: ResidentInput,
    response: ResidentDetail,
  }),
  updateResident: route({
    method: 'PATCH',
    path: '/api/v1/residents/:id',
    tag: 'registry',
    summary: '更正居民信息（需带 version，防止覆盖他人修改）',
    auth: 'session',
    permission: 'registry.manage',
    params: IdParams,
    body: ResidentUpdate,
    response: ResidentDetail,
  }),
  moveResident: route({
    method: 'POST',
    path: '/api/v1/residents/:id/move',
    tag: 'registry',
    summary: '迁入、变更户或住址',
    auth: 'session',
    permission: 'registry.manage',
    params: IdParams,
    body: MoveResidentBody,
    response: ResidentDetail,
  }),
  endResidence: route({
    method: 'POST',
    path: '/api/v1/residents/:id/end',
    tag: 'registry',
    summary: '迁出或死亡登记',
    auth: 'session',
    permission: 'registry.manage',
    params: IdParams,
    body: EndResidenceBody,
    response: ResidentDetail,
  }),
  revealResident: route({
    method: 'POST',
    path: '/api/v1/residents/:id/reveal',
    tag: 'registry',
    summary: '查看完整证件号或手机号（记录访问日志）',
    auth: 'session',
    permission: 'registry.reveal',
    params: IdParams,
    body: RevealBody,
    response: Revealed,
  }),
  uploadResidentImport: route({
    method: 'POST',
    path: '/api/v1/registry/imports',
    tag: 'registry',
    summary: '上传居民导入文件（.xlsx 或 .csv，作为请求体原样发送）',
    auth: 'session',
    creates: true,
    permission: 'registry.manage',
    query: UploadImportQuery,
    rawBody: { contentTypes: importContentTypes, limitBytes: IMPORT_MAX_BYTES },
    response: ImportUpload,
  }),
  runResidentImport: route({
    method: 'POST',
    path: '/api/v1/registry/imports/:id/run',
    tag: 'registry',
    summary: '校验（默认试运行）或正式导入',
    auth: 'session',
    permission: 'registry.manage',
    params: IdParams,
    body: RunImportBody,
    response: ImportResult,
  }),
  getResidentImport: route({
    method: 'GET',
    path: '/api/v1/registry/imports/:id',
    tag: 'registry',
    summary: '导入状态与进度',
    auth: 'session',
    permission: 'registry.manage',
    params: IdParams,
    response: ImportStatus,
  }),
  undoResidentImport: route({
    method: 'POST',
    path: '/api/v1/registry/imports/:id/undo',
    tag: 'registry',
    summary: '撤销一次导入（仅当新登记的居民此后没有变动）',
    auth: 'session',
    permission: 'registry.manage',
    params: IdParams,
    response: UndoImportResult,
  }),
  importTemplate: route({
    method: 'GET',
    path: '/api/v1/registry/import-template',
    tag: 'registry',
    summary: '下载居民导入模板（.xlsx）',
    auth: 'session',
    permission: 'registry.manage',
    produces: XLSX_CONTENT_TYPE,
    response: FileAnswer,
  }),
  exportResidents: route({
    method: 'GET',
    path: '/api/v1/registry/exports/residents',
    tag: 'registry',
    summary: '按查询条件导出居民（.xlsx；完整证件号需权限与理由，记录日志）',
    auth: 'session',
    permission: 'registry.read',
    query: ExportResidentsQuery,
    produces: XLSX_CONTENT_TYPE,
    response: FileAnswer,
  }),
  exportLedger: route({
    method: 'GET',
    path: '/api/v1/registry/ledgers/:kind',
    tag: 'registry',
    summary: '生成台账（居民花名册、流动人口登记表、关爱对象台账，.xlsx）',
    auth: 'session',
    permission: 'registry.read',
    params: LedgerParams,
    query: LedgerQuery,
    produces: XLSX_CONTENT_TYPE,
    response: FileAnswer,
  }),

  dueVisits: route({
    method: 'GET',
    path: '/api/v1/visits/due',
    tag: 'registry',
    summary: '待走访清单（按关爱标签的走访规则计算，逾期在前）',
    auth: 'session',
    permission: 'registry.read',
    query: DueVisitsQuery,
    response: z.object({
      items: z.array(DueVisit),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
  }),
  visitCoverage: route({
    method: 'GET',
    path: '/api/v1/visits/coverage',
    tag: 'registry',
    summary: '走访覆盖率（按下级网格或社区）',
    auth: 'session',
    permission: 'registry.read',
    query: CoverageQuery,
    response: z.object({ items: z.array(CoverageRow) }),
  }),
  recordVisit: route({
    method: 'POST',
    path: '/api/v1/residents/:id/visits',
    tag: 'registry',
    summary: '记录一次走访（入户、电话、邻里探访）',
    auth: 'session',
    creates: true,
    permission: 'registry.manage',
    params: IdParams,
    body: RecordVisitBody,
    response: Visit,
  }),
  listVisits: route({
    method: 'GET',
    path: '/api/v1/residents/:id/visits',
    tag: 'registry',
    summary: '居民的走访记录',
    auth: 'session',
    permission: 'registry.read',
    params: IdParams,
    response: z.object({ items: z.array(Visit) }),
  }),
} as const;

export type Routes = typeof routes;
export type RouteId = keyof Routes;
