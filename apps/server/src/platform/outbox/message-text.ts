/**
 * The words of each message, in Chinese, by topic. Providers send this text as it is (an SMS gateway
 * behind the webhook may map topics to its own approved templates instead; the payload carries the facts).
 */

const levelNames: Record<string, string> = { community: '社区', street: '街道', district: '区级' };

const str = (v: unknown, fallback = ''): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : fallback;

/** An SMS is short: a note quoted in a message is cut to this many characters. */
const NOTE_MAX = 40;
const noteOf = (v: unknown) => {
  const s = str(v).replace(/\s+/g, ' ').trim();
  return s.length > NOTE_MAX ? `${s.slice(0, NOTE_MAX)}…` : s;
};

const texts: Record<string, (p: Record<string, unknown>) => string> = {
  'request.received': (p) => `【邻里】您的诉求 ${str(p.code)} 已收到，我们将尽快受理，可凭编号查询办理进度。`,
  'request.accepted': (p) => `【邻里】您的诉求 ${str(p.code)} 已受理，正在安排办理，办理结果将短信告知。`,
  'request.declined': (p) =>
    `【邻里】您的诉求 ${str(p.code)} 未予受理${p.note ? `，原因：${noteOf(p.note)}` : ''}。如有疑问请联系所在社区。`,
  'request.resolved': (p) =>
    `【邻里】您的诉求 ${str(p.code)} 已办结${p.note ? `：${noteOf(p.note)}` : ''}。核查后将请您评价。`,
  'request.rating_wanted': (p) =>
    `【邻里】您的诉求 ${str(p.code)} 已办结并核查，请对办理结果作出评价（满意 / 基本满意 / 不满意），您的意见很重要。`,
  'request.overdue': (p) =>
    `【邻里】诉求 ${str(p.code)} 已超过办理时限，已自动上报${levelNames[str(p.escalatedTo)] ?? '上级'}督办，请尽快处理。`,
  otp: (p) => `【邻里】您的验证码是 ${str(p.code)}，${str(p.minutes, '5')} 分钟内有效。请勿告诉他人。`,
};

/** The topics that have a text of their own; any other topic gets a generic notice. */
export const messageTopics = Object.keys(texts);

/** The text of a message for its topic and payload. */
export function renderMessage(topic: string, payload: Record<string, unknown>): string {
  const render = texts[topic];
  if (render) return render(payload);
  return `【邻里】${payload.code ? `诉求 ${str(payload.code)} ` : ''}有新的动态，请登录查看。`;
}
