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
} as const;

export type Routes = typeof routes;
export type RouteId = keyof Routes;
