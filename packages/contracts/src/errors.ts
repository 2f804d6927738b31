/** Error codes shared by server and web; the server maps each to an HTTP status, the web to text. */
import { z } from 'zod';

export const errorMessages = {
  VALIDATION_FAILED: {
    status: 400,
    zh: '提交的内容有误，请按提示修改。',
    en: 'The request is invalid; see the field messages.',
  },
  MALFORMED_JSON: { status: 400, zh: '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  BODY_TOO_LARGE: { status: 413, zh: '提交的内容太大。', en: 'The request body is too large.' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录。', en: 'Please sign in.' },
  SESSION_EXPIRED: {
    status: 401,
    zh: '登录已过期，请重新登录。',
    en: 'Your session has expired; please sign in again.',
  },
  LOGIN_FAILED: { status: 401, zh: '用户名或密码不正确。', en: 'Wrong username or password.' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '连续登录失败次数过多，账号已锁定，请 15 分钟后再试。',
    en: 'Too many failed sign-ins; the account is locked for 15 minutes.',
  },
  ACCOUNT_DISABLED: {
    status: 403,
    zh: '账号已停用，请联系管理员。',
    en: 'This account is disabled; contact your administrator.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '首次登录请先修改初始密码。',
    en: 'Change your initial password first.',
  },
  PASSWORD_TOO_WEAK: {
    status: 400,
    zh: '密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少三类。',
    en: 'Passwords need at least 8 characters from at least 3 of: upper case, lower case, digits, symbols.',
  },
  PASSWORD_REUSED: {
    status: 400,
    zh: '新密码不能与当前密码相同。',
    en: 'The new password must differ from the current one.',
  },
  CURRENT_PASSWORD_WRONG: { status: 400, zh: '当前密码不正确。', en: 'The current password is wrong.' },
  CSRF_FAILED: {
    status: 403,
    zh: '请求来源校验失败，请刷新页面后重试。',
    en: 'The request failed its CSRF check; reload the page and try again.',
  },
  FORBIDDEN: { status: 403, zh: '您没有执行此操作的权限。', en: 'You do not have permission to do this.' },
  NOT_FOUND: {
    status: 404,
    zh: '未找到该记录，或不在您的管辖范围内。',
    en: 'Not found, or outside your jurisdiction.',
  },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试。', en: 'Too many requests; try again shortly.' },
  CONFLICT: {
    status: 409,
    zh: '记录已被他人修改，请刷新后重试。',
    en: 'The record was changed by someone else; reload and retry.',
  },
  NODE_NAME_TAKEN: { status: 409, zh: '同一上级下已有同名节点。', en: 'A sibling node already has this name.' },
  NODE_CODE_TAKEN: { status: 409, zh: '该编码已被使用。', en: 'This code is already in use.' },
  NODE_CODE_INVALID: { status: 400, zh: '编码格式不正确。', en: 'The code has the wrong format.' },
  NODE_LEVEL_INVALID: {
    status: 400,
    zh: '该层级不能挂在所选上级之下。',
    en: 'A node of this level cannot sit under the chosen parent.',
  },
  NODE_MOVE_INTO_SELF: {
    status: 400,
    zh: '不能把节点移动到它自己或它的下级之下。',
    en: 'A node cannot be moved under itself or its descendants.',
  },
  NODE_RETIRED: { status: 409, zh: '该节点已撤销。', en: 'This node has been retired.' },
  NODE_HAS_ACTIVE_CHILDREN: {
    status: 409,
    zh: '该节点下还有未撤销的下级节点，请先处理下级。',
    en: 'Retire or move the active child nodes first.',
  },
  USERNAME_TAKEN: { status: 409, zh: '该用户名已被使用。', en: 'This username is taken.' },
  ROLE_NOT_GRANTABLE: {
    status: 403,
    zh: '您不能授予该角色，或不能在该节点授予。',
    en: 'You cannot grant this role on this node.',
  },
  RESIDENT_ID_TAKEN: {
    status: 409,
    zh: '该证件号码已经登记过，请搜索后在原记录上办理迁入或更正。',
    en: 'This ID number is already registered; find the record and move or correct it.',
  },
  NODE_NOT_HOUSEHOLD: {
    status: 400,
    zh: '请选择具体的户（房号），而不是楼栋、网格或社区。',
    en: 'Choose a household (room), not a building, grid or community.',
  },
  RESIDENT_NOT_ACTIVE: {
    status: 409,
    zh: '该居民已迁出或已故，不能办理此项。',
    en: 'This resident has moved out or died.',
  },
  RESIDENT_MERGE_ID_MISMATCH: {
    status: 409,
    zh: '两条记录的证件号码不同，不是同一人，不能合并；如有一条号码录错，请先更正。',
    en: 'The two records have different ID numbers and are not the same person; correct a wrong number first.',
  },
  RESIDENT_MERGE_SELF: {
    status: 400,
    zh: '请选择另一条记录进行合并。',
    en: 'Choose another record to merge with.',
  },
  RESIDENT_RETENTION_REQUIRED: {
    status: 409,
    zh: '该居民的个人信息仍在法定或规定的保存期内，暂不能删除；保存期满后系统将自动匿名化。',
    en: 'This resident’s personal data must still be kept; it is anonymised automatically when the retention period ends.',
  },
  SENSITIVE_FORBIDDEN: {
    status: 403,
    zh: '您无权填写或查看健康、残疾、宗教信仰和政治面貌信息。',
    en: 'You may not read or write health, disability, religion or political status.',
  },
  IMPORT_FILE_UNREADABLE: {
    status: 400,
    zh: '无法读取该文件：请上传 .xlsx 或 .csv 文件（第一个工作表，含表头行）。',
    en: 'The file cannot be read: upload an .xlsx or .csv file with a header row on its first sheet.',
  },
  IMPORT_MAPPING_INCOMPLETE: {
    status: 400,
    zh: '请为姓名、证件号码、住址、人口类型指定对应的列。',
    en: 'Map the name, ID number, address and registration-type columns.',
  },
  IMPORT_HAS_BAD_ROWS: {
    status: 422,
    zh: '文件中有错误行，未导入任何数据；请按清单修改后重试，或选择只导入正确的行。',
    en: 'The file has bad rows and nothing was imported; fix them or import the good rows only.',
  },
  IMPORT_ALREADY_COMMITTED: {
    status: 409,
    zh: '该文件已经导入过；如需再次导入请重新上传。',
    en: 'This upload has already been imported; upload the file again to re-import.',
  },
  IMPORT_UNDO_BLOCKED: {
    status: 409,
    zh: '不能撤销：该批导入的居民此后已有变动（更正、迁居等），请在居民记录上逐一处理。',
    en: 'Cannot undo: residents of this import have changed since; handle them one by one.',
  },
  EXPORT_REVEAL_REASON_REQUIRED: {
    status: 400,
    zh: '导出完整证件号码和手机号须说明原因。',
    en: 'Give a reason to export full ID and phone numbers.',
  },
  HOUSE_EXISTS: {
    status: 409,
    zh: '该房号已登记过房屋信息，请在原记录上更正。',
    en: 'This room already has a house record; correct that one.',
  },
  RENTAL_NOT_ACTIVE: { status: 409, zh: '该出租登记已退租。', en: 'This rental has already ended.' },
  CREDIT_CODE_INVALID: {
    status: 400,
    zh: '统一社会信用代码未通过校验；如与证照原件一致，可说明原因后保留。',
    en: 'The unified social credit code fails its check; keep it with a reason if it matches the licence.',
  },
  UNIT_CREDIT_CODE_TAKEN: {
    status: 409,
    zh: '本区已有单位登记了该统一社会信用代码，请搜索后在原记录上更正。',
    en: 'A unit in this district already has this credit code; find and correct that record.',
  },
  REQUEST_INVALID_TRANSITION: {
    status: 409,
    zh: '该诉求当前状态下不能执行此操作，请刷新后查看最新状态。',
    en: 'This action is not possible in the request’s current state; reload to see it.',
  },
  REQUEST_NOT_YOUR_STEP: {
    status: 403,
    zh: '此操作应由当前承办人、派单人或诉求人办理，您不能执行。',
    en: 'This step belongs to the handler, the dispatcher or the resident, not to you.',
  },
  CATEGORY_CODE_TAKEN: { status: 409, zh: '该类别编码已被使用。', en: 'This category code is already in use.' },
  OTP_WRONG: {
    status: 400,
    zh: '验证码不对，请核对短信里的 6 位数字后重新输入。',
    en: 'The code is wrong; check the 6 digits in the text message and try again.',
  },
  OTP_EXPIRED: {
    status: 400,
    zh: '验证码已过期或已用过，请点“获取验证码”重新获取。',
    en: 'The code has expired or was used; ask for a new one.',
  },
  OTP_TOO_MANY_ATTEMPTS: {
    status: 429,
    zh: '验证码输错次数太多，已失效，请重新获取验证码。',
    en: 'Too many wrong codes; this one no longer works. Ask for a new one.',
  },
  RESIDENT_SESSION_REQUIRED: {
    status: 401,
    zh: '请先用手机号和验证码确认身份，或验证已过期，请重新获取验证码。',
    en: 'Confirm your phone with a code first (or again, if it has expired).',
  },
  TOKEN_INVALID: { status: 401, zh: 'API 令牌无效或已吊销。', en: 'The API token is invalid or revoked.' },
  INTERNAL: {
    status: 500,
    zh: '服务器内部错误，请稍后再试；如持续出现请联系管理员。',
    en: 'Internal error; try again later or contact your administrator.',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorMessages;
export const errorCodes = Object.keys(errorMessages) as ErrorCode[];

/** One field's problem in a 400 answer. */
export const FieldIssue = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

/** The body of every error answer. */
export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
