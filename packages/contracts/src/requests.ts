/** Resident requests (诉求/求助): states, actions, channels, categories and the shapes of the API. */
import { z } from 'zod';
import { validatePhone } from './validators/index.ts';

export const requestStates = [
  'submitted',
  'accepted',
  'dispatched',
  'signed',
  'in_progress',
  'resolved',
  'verified',
  'rated',
  'closed',
  'declined',
  'merged',
  'withdrawn',
] as const;
export type RequestState = (typeof requestStates)[number];

/** States a request never leaves. */
export const terminalStates = ['closed', 'declined', 'merged', 'withdrawn'] as const satisfies readonly RequestState[];

export const requestActions = [
  'accept',
  'decline',
  'dispatch',
  'sign_for',
  'progress',
  'resolve',
  'verify',
  'reject_resolution',
  'rate',
  'close',
  'reopen',
  'return',
  'transfer',
  'escalate',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'merge',
  'urge',
  'add_info',
  'claim',
  'withdraw',
] as const;
export type RequestAction = (typeof requestActions)[number];

export const requestChannels = ['resident', 'hotline', 'window', 'patrol', 'open311'] as const;
export type RequestChannel = (typeof requestChannels)[number];

export const urgencies = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof urgencies)[number];

export const ratings = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof ratings)[number];

/** Who handles a category by default: the grid of the address, the community, a department, or a volunteer. */
export const handlerTypes = ['grid', 'community', 'department', 'volunteer'] as const;
export type HandlerType = (typeof handlerTypes)[number];

export const requestDueStates = ['ok', 'due_soon', 'overdue'] as const;

type Label = { zh: string; en: string };

export const requestLabels = {
  state: {
    submitted: { zh: '待受理', en: 'Submitted' },
    accepted: { zh: '待派单', en: 'Accepted' },
    dispatched: { zh: '待签收', en: 'Dispatched' },
    signed: { zh: '已签收', en: 'Signed for' },
    in_progress: { zh: '办理中', en: 'In progress' },
    resolved: { zh: '已办结', en: 'Resolved' },
    verified: { zh: '待评价', en: 'Verified' },
    rated: { zh: '已评价', en: 'Rated' },
    closed: { zh: '已结案', en: 'Closed' },
    declined: { zh: '不予受理', en: 'Declined' },
    merged: { zh: '已合并', en: 'Merged' },
    withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  } satisfies Record<RequestState, Label>,
  action: {
    accept: { zh: '受理', en: 'Accept' },
    decline: { zh: '不予受理', en: 'Decline' },
    dispatch: { zh: '派单', en: 'Dispatch' },
    sign_for: { zh: '签收', en: 'Sign for' },
    progress: { zh: '办理进展', en: 'Record progress' },
    resolve: { zh: '办结', en: 'Resolve' },
    verify: { zh: '核查通过', en: 'Verify' },
    reject_resolution: { zh: '核查不通过', en: 'Reject resolution' },
    rate: { zh: '回访评价', en: 'Rate' },
    close: { zh: '结案', en: 'Close' },
    reopen: { zh: '重办', en: 'Reopen' },
    return: { zh: '退单', en: 'Return' },
    transfer: { zh: '转派', en: 'Transfer' },
    escalate: { zh: '上报', en: 'Escalate' },
    request_extension: { zh: '申请延期', en: 'Request extension' },
    approve_extension: { zh: '批准延期', en: 'Approve extension' },
    reject_extension: { zh: '驳回延期', en: 'Reject extension' },
    merge: { zh: '合并重复', en: 'Merge duplicate' },
    urge: { zh: '催办', en: 'Urge' },
    add_info: { zh: '补充信息', en: 'Add information' },
    claim: { zh: '领单', en: 'Claim' },
    withdraw: { zh: '撤回', en: 'Withdraw' },
  } satisfies Record<RequestAction, Label>,
  channel: {
    resident: { zh: '居民自助', en: 'Resident pages' },
    hotline: { zh: '热线电话', en: 'Hotline' },
    window: { zh: '窗口来访', en: 'Walk-in' },
    patrol: { zh: '网格巡查', en: 'Grid patrol' },
    open311: { zh: '开放接口', en: 'Open311' },
  } satisfies Record<RequestChannel, Label>,
  urgency: {
    normal: { zh: '一般', en: 'Normal' },
    urgent: { zh: '紧急', en: 'Urgent' },
    emergency: { zh: '特急', en: 'Emergency' },
  } satisfies Record<Urgency, Label>,
  rating: {
    satisfied: { zh: '满意', en: 'Satisfied' },
    basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
    unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
  } satisfies Record<Rating, Label>,
  handlerType: {
    grid: { zh: '所在网格', en: 'Grid of the address' },
    community: { zh: '所在社区', en: 'Community' },
    department: { zh: '职能部门', en: 'Department' },
    volunteer: { zh: '志愿者领单', en: 'Volunteers claim' },
  } satisfies Record<HandlerType, Label>,
  dueState: {
    ok: { zh: '正常', en: 'On time' },
    due_soon: { zh: '即将超时', en: 'Due soon' },
    overdue: { zh: '已超时', en: 'Overdue' },
  },
} as const;

/** Time limits of one urgency: respond (sign for) within working hours, resolve within working days. */
export const TimeLimit = z.strictObject({
  respondHours: z.number().positive('响应时限应大于 0').max(240, '响应时限最多 240 个工作小时'),
  resolveDays: z.number().positive('办结时限应大于 0').max(60, '办结时限最多 60 个工作日'),
});
export type TimeLimit = z.infer<typeof TimeLimit>;
export const TimeLimits = z.strictObject({ normal: TimeLimit, urgent: TimeLimit, emergency: TimeLimit });
export type TimeLimits = z.infer<typeof TimeLimits>;

export const Category = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  /** Words a resident would use, shown under the name on the resident pages. */
  hint: z.string().nullable(),
  handlerType: z.enum(handlerTypes),
  departmentId: z.number().int().nullable(),
  limits: TimeLimits,
  isActive: z.boolean(),
  sortOrder: z.number().int(),
});
export type Category = z.infer<typeof Category>;

const categoryFields = {
  name: z.string().trim().min(1, '请填写类别名称').max(40, '类别名称最多 40 个字'),
  nameEn: z.string().trim().max(80).nullable().optional(),
  hint: z.string().trim().max(100, '说明最多 100 个字').nullable().optional(),
  handlerType: z.enum(handlerTypes, '请选择默认承办方式'),
  departmentId: z.number().int().positive().nullable().optional(),
  limits: TimeLimits,
  sortOrder: z.number().int().min(0).max(9999).optional(),
};

export const CreateCategoryBody = z.strictObject({
  parentId: z.number().int().positive().nullable().optional(),
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, '编码用小写字母、数字和下划线，字母开头，2–40 位'),
  ...categoryFields,
});
export const UpdateCategoryBody = z.strictObject({
  name: categoryFields.name.optional(),
  nameEn: categoryFields.nameEn,
  hint: categoryFields.hint,
  handlerType: categoryFields.handlerType.optional(),
  departmentId: categoryFields.departmentId,
  limits: TimeLimits.optional(),
  sortOrder: categoryFields.sortOrder,
  isActive: z.boolean().optional(),
});

/**
 * Where 派单 goes when the dispatcher names no target: the category's department, else the grid of the
 * place (for grid categories), else its community; null when the place lies above any community.
 * `line` is the place's path from the top, the place itself included. Server and console share it.
 */
export function defaultDispatchTarget<N extends { id: number; level: string }>(
  category: { handlerType: HandlerType; departmentId: number | null },
  line: readonly N[],
): { departmentId: number } | { node: N } | null {
  if (category.handlerType === 'department' && category.departmentId !== null)
    return { departmentId: category.departmentId };
  const grid = category.handlerType === 'grid' ? line.find((a) => a.level === 'grid') : undefined;
  const node = grid ?? line.find((a) => a.level === 'community');
  return node ? { node } : null;
}

export const Department = z.object({
  id: z.number().int(),
  nodeId: z.number().int(),
  name: z.string(),
  code: z.string(),
});
export type Department = z.infer<typeof Department>;

const phone = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const r = validatePhone(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  });

/** A request recorded in the console: a hotline call, a walk-in, or what a grid worker found on patrol. */
export const IntakeBody = z.strictObject({
  channel: z.enum(['hotline', 'window', 'patrol'], '请选择来源'),
  categoryId: z.number().int().positive('请选择诉求类别'),
  urgency: z.enum(urgencies).default('normal'),
  description: z.string().trim().min(4, '请描述诉求，至少 4 个字').max(2000, '最多 2000 个字'),
  /** The place: a node (room, building, grid…) in the caller's jurisdiction. */
  nodeId: z.number().int().positive('请选择地点'),
  addressDetail: z.string().trim().max(200).optional(),
  /** Where it is (WGS-84), e.g. a grid worker's position on patrol. */
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  contactName: z.string().trim().max(40).optional(),
  contactPhone: phone.optional(),
  isAnonymous: z.boolean().default(false),
  attachmentIds: z.array(z.number().int().positive()).max(6, '最多 6 张照片').default([]),
});
export type IntakeBody = z.infer<typeof IntakeBody>;

export const RequestListQuery = z.strictObject({
  /** Preset views: everything in scope, my work, the dispatch queue, amber and red (supervisor). */
  view: z.enum(['all', 'mine', 'dispatch', 'attention', 'claimable']).default('all'),
  state: z.enum(requestStates).optional(),
  open: z.enum(['true', 'false']).optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  channel: z.enum(requestChannels).optional(),
  nodeId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(60).optional(),
  /** Contact phone (exact), for the hotline's "recent requests of this caller". */
  phone: z.string().trim().max(20).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const RequestListItem = z.object({
  id: z.number().int(),
  code: z.string(),
  state: z.enum(requestStates),
  channel: z.enum(requestChannels),
  categoryId: z.number().int(),
  categoryName: z.string(),
  /** The category's English name, when the administrator gave one (English screens show it). */
  categoryNameEn: z.string().nullable(),
  urgency: z.enum(urgencies),
  summary: z.string(),
  address: z.string(),
  submittedAt: z.string(),
  respondDueAt: z.string().nullable(),
  resolveDueAt: z.string().nullable(),
  dueState: z.enum(requestDueStates).nullable(),
  assignee: z.string().nullable(),
  rating: z.enum(ratings).nullable(),
  urgeCount: z.number().int(),
  escalationLevel: z.string(),
});
export type RequestListItem = z.infer<typeof RequestListItem>;

export const RequestEvent = z.object({
  id: z.number().int(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  actor: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  attachmentIds: z.array(z.number().int()),
  at: z.string(),
});
export type RequestEvent = z.infer<typeof RequestEvent>;

export const RequestDetail = RequestListItem.extend({
  description: z.string(),
  nodeId: z.number().int(),
  addressDetail: z.string().nullable(),
  /** Where the resident pinned it or stood (WGS-84), if they did. */
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  isAnonymous: z.boolean(),
  dispatchNodeId: z.number().int(),
  assigneeNodeId: z.number().int().nullable(),
  assigneeDepartmentId: z.number().int().nullable(),
  assigneeUserId: z.number().int().nullable(),
  pendingExtension: z.object({ days: z.number(), reason: z.string() }).nullable(),
  ratingComment: z.string().nullable(),
  mergedIntoId: z.number().int().nullable(),
  reopenCount: z.number().int(),
  returnCount: z.number().int(),
  version: z.number().int(),
  attachmentIds: z.array(z.number().int()),
  events: z.array(RequestEvent),
  /** The actions the caller may take now. */
  actions: z.array(z.enum(requestActions)),
  /** While it waits for dispatch: other unclosed requests from the same caller, or of the same place and category, in the last 30 days. */
  possibleDuplicates: z.array(z.object({ id: z.number().int(), code: z.string(), summary: z.string() })),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

/** One action on a request; which fields are needed depends on the action (the server says which is missing). */
export const RequestActionBody = z.strictObject({
  action: z.enum(requestActions, '未知的操作'),
  /** The version the caller saw; a stale one is refused so two people never both win. */
  version: z.number().int().min(1),
  note: z.string().trim().max(2000, '最多 2000 个字').optional(),
  /** dispatch / transfer: where to. */
  target: z
    .strictObject({
      nodeId: z.number().int().positive().optional(),
      departmentId: z.number().int().positive().optional(),
      userId: z.number().int().positive().optional(),
    })
    .optional(),
  /** request_extension: working days asked for. */
  days: z.number().int().min(1).max(30).optional(),
  rating: z.enum(ratings).optional(),
  /** merge: the request this one duplicates. */
  intoId: z.number().int().positive().optional(),
  attachmentIds: z.array(z.number().int().positive()).max(6, '最多 6 张照片').default([]),
});
export type RequestActionBody = z.infer<typeof RequestActionBody>;

export const AttachmentCreated = z.object({ id: z.number().int(), size: z.number().int(), contentType: z.string() });
export const attachmentContentTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024;
