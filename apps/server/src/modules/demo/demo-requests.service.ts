/**
 * The demo's departments and its history of requests: the district's 职能部门 (城管、住建、市场监管 …)
 * with the department handlers as members, and a few thousand requests over the last three months,
 * moved through the lifecycle as a working district moves them — most closed and satisfied, some
 * unsatisfied and reopened, some returned, some escalated by the overdue sweep, some open now (amber
 * and red among them) — every step in office hours and legal by the workflow table.
 *
 * The history is simulated in memory from a seed and written in bulk (requests, events), then the
 * figures are rebuilt from the request table in one statement (`rebuildRollup`), so that `npm start`
 * stays fast; the result is what the requests service would have written step by step, without the
 * per-step audit entries (the demo load has one audit entry of its own) and without messages.
 */
import {
  maskPhone,
  requestLabels,
  type Rating,
  type RequestChannel,
  type TimeLimits,
  type Urgency,
} from '@linli/contracts';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { createWorkTime } from '../../platform/worktime/index.ts';
import { amberAt, deadlines, rebuildRollup, requestCode, type WorkClock } from '../requests/index.ts';
import { pickSurname } from './chinese-names.ts';
import { createRandom, weighted, type Random } from './demo-random.ts';

export interface DemoRequestsOptions {
  districtPath: string;
  districtCode: string;
  seed: number | string;
  /** How many requests to generate. */
  count: number;
  /** The history ends here (the load time); steps due after it have not happened yet. */
  now: Date;
  crypto: FieldCrypto;
  clock?: WorkClock;
  /** How far back the history goes, in days. */
  days?: number;
}

export interface DemoRequestsResult {
  departments: number;
  requests: number;
  events: number;
}

const DEPARTMENTS = [
  ['cgzf', '城市管理和综合执法局'],
  ['zjj', '住房和城乡建设局'],
  ['scjg', '市场监督管理局'],
  ['mzj', '民政局'],
  ['gafj', '公安分局'],
  ['sthj', '生态环境分局'],
] as const;

// prettier-ignore
const DESCRIPTIONS: Record<string, readonly string[]> = {
  env_sanitation: ['楼道里堆放了很多杂物，影响通行，也有消防隐患', '小区垃圾桶满了两天没人清运，气味很大', '绿化带里有人乱倒建筑垃圾', '楼下餐馆油烟和噪声扰民，晚上尤其严重', '垃圾分类投放点周边脏乱，污水横流', '单元门口污水外溢，请尽快处理'],
  property: ['电梯经常故障停运，老人上下楼很困难', '小区门禁坏了一个多星期，外来人员随意进出', '地下车库顶板漏水，车辆被淋', '物业收费不透明，希望公示公共收益收支', '二次供水水箱有异味，担心水质', '楼道声控灯坏了，晚上看不见路'],
  municipal: ['路口路灯不亮已经好几天，夜间出行不安全', '人行道地砖松动翘起，老人容易绊倒', '小区门口窨井盖破损，存在安全隐患', '雨水篦子堵塞，下雨后路面积水严重', '公交站台顶棚破损漏雨', '道路坑洼不平，电动车经过很危险'],
  neighbour_dispute: ['楼上住户装修噪声太大，中午和晚上也在施工', '邻居在公共走廊堆放物品，协商无果', '楼上卫生间漏水到我家天花板，多次沟通未解决', '邻居家的狗经常夜里叫，影响休息', '邻居占用公共车位停放废旧车辆'],
  safety_hazard: ['楼道里有人给电动车充电，存在火灾隐患', '消防通道被私家车长期占用', '小区围墙有一处破损，外人可以随意进入', '出租屋疑似群租，人员进出频繁', '地下室堆放大量纸箱等易燃物品'],
  elderly_care: ['独居老人腿脚不便，希望有人上门送餐', '老人需要有人陪同去医院复查', '家中老人行动不便，希望有助浴服务', '希望帮助安装卫生间扶手等适老化设施', '老人想报名社区老年食堂'],
  assistance: ['家人突发重病，生活困难，希望申请临时救助', '残疾人家庭咨询申请低保的条件', '失业后生活困难，希望社区帮助介绍工作', '孩子上学有困难，咨询助学政策'],
  consultation: ['咨询居住证办理需要哪些材料', '咨询新生儿落户的流程', '咨询老年人优待证怎么办理', '咨询开具居住证明到哪里办', '咨询城乡居民医保缴费时间'],
  complaint: ['社区窗口工作人员态度不好，希望改进', '建议在小区增设电动车充电桩', '建议增加社区健身器材', '对垃圾分类督导员的工作提一些建议', '社区活动通知不及时，希望提前公告'],
  other: ['小区快递柜超时收费，希望协调', '捡到一个钱包，想交给社区', '希望社区组织一次防诈骗讲座'],
};
// prettier-ignore
const RESOLUTIONS: Record<string, readonly string[]> = {
  env_sanitation: ['已安排保洁人员现场清理，拍照留存', '已督促清运单位加密清运频次', '已约谈商户，整改油烟净化设施'],
  property: ['已督促物业完成维修，运行正常', '已召集物业和业委会协调，公示收支', '已联系维保单位更换部件'],
  municipal: ['城管部门已完成维修', '已更换破损井盖并设置警示', '已疏通雨水篦子，积水消除'],
  neighbour_dispute: ['已上门调解，双方达成一致', '已协调物业约束施工时间', '已组织双方沟通，问题解决'],
  safety_hazard: ['已劝离楼道充电电动车并宣传安全', '已清理消防通道，设置禁停标志', '已联合派出所上门核查'],
  elderly_care: ['已安排志愿者上门服务', '已对接助餐点，每日送餐上门', '已联系陪诊志愿者完成陪同'],
  assistance: ['已受理临时救助申请并上报街道', '已告知低保申请条件并协助准备材料', '已推荐就业岗位信息'],
  consultation: ['已电话答复所需材料和办理地点', '已告知办理流程并发送材料清单'],
  complaint: ['已核实并对相关人员进行批评教育', '建议已采纳，纳入下月工作计划', '已答复并说明改进措施'],
  other: ['已协调相关方处理', '已答复并登记'],
};
const DECLINE_REASONS = ['不属于社区受理范围，已告知向相关部门反映', '属于民事纠纷，已引导通过法律途径解决'];
const RETURN_REASONS = ['不属于本网格职责，请改派', '需其他单位处理，请改派'];
const UNSATISFIED = ['问题没有彻底解决', '处理太慢了', '只是临时处理，过几天又出现了'];
const CLOSE_ANYWAY = '已向居民解释政策和处理情况，居民仍有意见，作结案处理';

const channelPick = weighted<RequestChannel>([
  ['hotline', 34],
  ['resident', 26],
  ['patrol', 18],
  ['window', 15],
  ['open311', 7],
]);
const categoryPick = weighted<string>([
  ['env_sanitation', 22],
  ['property', 17],
  ['municipal', 11],
  ['neighbour_dispute', 9],
  ['safety_hazard', 7],
  ['elderly_care', 6],
  ['assistance', 4],
  ['consultation', 12],
  ['complaint', 8],
  ['other', 4],
]);
const patrolCategoryPick = weighted<string>([
  ['env_sanitation', 50],
  ['municipal', 30],
  ['safety_hazard', 20],
]);
const urgencyPick = weighted<Urgency>([
  ['normal', 88],
  ['urgent', 10],
  ['emergency', 2],
]);
const ratingPick = weighted<Rating>([
  ['satisfied', 80],
  ['basically_satisfied', 13],
  ['unsatisfied', 7],
]);
const secondRatingPick = weighted<Rating>([
  ['satisfied', 60],
  ['basically_satisfied', 35],
  ['unsatisfied', 5],
]);

interface Category {
  id: number;
  code: string;
  handler_type: 'grid' | 'community' | 'department' | 'volunteer';
  department_id: number | null;
  limits: TimeLimits;
}

/** A household or building and the nodes above it, from its path /district/street/community/grid/building[/household]/. */
interface Place {
  id: number;
  path: string;
  ids: number[];
}

interface Event {
  action: string;
  from_state: string | null;
  to_state: string | null;
  actor_id: number | null;
  actor_name: string | null;
  note: string | null;
  data: Record<string, unknown>;
  at: Date;
}

/** Signals that the next step would happen after `now`: the request stays where it is. */
class NotYet extends Error {}

/** Create the departments, route 市政设施 to 城管, and write the history. Runs inside the demo load's transaction. */
export async function loadDemoRequests(q: Queryable, o: DemoRequestsOptions): Promise<DemoRequestsResult> {
  const clock = o.clock ?? createWorkTime();
  const random = createRandom(`${String(o.seed)}:requests`);
  const districtId = Number(o.districtPath.split('/')[1]);
  const range = [o.districtPath, `${o.districtPath.slice(0, -1)}0`];

  // Departments at the district, the department handlers as members, 市政设施 handled by 城管.
  const { rows: depts } = await q.query<{ id: number; code: string }>(
    `INSERT INTO department (node_id, node_path, code, name)
     SELECT $1, $2, c, n FROM unnest($3::text[], $4::text[]) AS x(c, n)
     ON CONFLICT (code) DO UPDATE SET is_active = true
     RETURNING id::int, code`,
    [districtId, o.districtPath, DEPARTMENTS.map(([c]) => `${o.districtCode}-${c}`), DEPARTMENTS.map(([, n]) => n)],
  );
  const deptId = (code: string) => depts.find((d) => d.code === `${o.districtCode}-${code}`)!.id;
  await q.query(
    `INSERT INTO department_member (department_id, user_id)
     SELECT d, ur.user_id FROM unnest($1::bigint[]) AS d
     CROSS JOIN (SELECT DISTINCT ur.user_id FROM user_role ur JOIN jurisdiction_node n ON n.id = ur.node_id
                  WHERE ur.role = 'department_handler' AND n.path >= $2 AND n.path < $3) ur
     ON CONFLICT DO NOTHING`,
    [depts.map((d) => d.id), ...range],
  );
  // Only the shipped default is changed; a category an administrator has already routed is left alone.
  await q.query(
    `UPDATE request_category SET handler_type = 'department', department_id = $1, version = version + 1, updated_at = now()
      WHERE code = 'municipal' AND handler_type = 'grid' AND department_id IS NULL`,
    [deptId('cgzf')],
  );
  if (o.count <= 0) return { departments: depts.length, requests: 0, events: 0 };

  const { rows: categories } = await q.query<Category>(
    `SELECT id::int, code, handler_type, department_id::int, limits FROM request_category WHERE is_active AND parent_id IS NULL ORDER BY sort_order, id`,
  );
  const categoryByCode = new Map(categories.map((c) => [c.code, c]));
  const { rows: placeRows } = await q.query<{ id: number; path: string }>(
    `SELECT id::int, path FROM jurisdiction_node WHERE level = 'household' AND path >= $1 AND path < $2 AND retired_at IS NULL ORDER BY id`,
    range,
  );
  if (placeRows.length === 0) return { departments: depts.length, requests: 0, events: 0 };
  const places: Place[] = placeRows.map((p) => ({ ...p, ids: p.path.split('/').filter(Boolean).map(Number) }));
  const { rows: staff } = await q.query<{ role: string; node_id: number; user_id: number }>(
    `SELECT ur.role, ur.node_id::int, min(ur.user_id)::int AS user_id
       FROM user_role ur JOIN jurisdiction_node n ON n.id = ur.node_id
      WHERE n.path >= $1 AND n.path < $2 GROUP BY ur.role, ur.node_id`,
    range,
  );
  const userAt = (role: string, nodeId: number | undefined) =>
    staff.find((s) => s.role === role && s.node_id === nodeId)?.user_id ?? null;
  const anyUser = (role: string) => staff.find((s) => s.role === role)?.user_id ?? null;
  const pathOf = (ids: number[], depth: number) => `/${ids.slice(0, depth + 1).join('/')}/`;

  // A few buildings where the same troubles recur (hot spots), and callers who call again and again.
  const hotSpots = Array.from({ length: 6 }, () => random.pick(places));
  const frequentCallers = Array.from({ length: 40 }, () => phoneOf(random));

  const start = new Date(o.now.getTime() - (o.days ?? 91) * 86_400_000);
  const span = clock.workingMsBetween(start, o.now);
  const submittedAts = Array.from({ length: o.count }, () =>
    clock.addWorkingHours(start, (random.next() * span) / 3_600_000),
  ).sort((a, b) => a.getTime() - b.getTime());

  const { rows: idRows } = await q.query<{ id: number; serial: number }>(
    `SELECT nextval(pg_get_serial_sequence('request', 'id'))::int AS id, nextval('request_code_seq')::int AS serial
       FROM generate_series(1, $1)`,
    [o.count],
  );
  const requests: Record<string, unknown>[] = [];
  const events: (Event & { request_id: number })[] = [];
  const minutes = (m: number) => m / 60;

  for (const [i, submitted] of submittedAts.entries()) {
    const channel = channelPick(random);
    const isHot = random.chance(0.12);
    const catCode =
      channel === 'patrol'
        ? patrolCategoryPick(random)
        : isHot
          ? random.pick(['env_sanitation', 'property'])
          : categoryPick(random);
    const cat = categoryByCode.get(catCode) ?? categories[0]!;
    const urgency = urgencyPick(random);
    const household = isHot ? random.pick(hotSpots) : random.pick(places);
    // Public spaces (patrol finds, municipal facilities) are placed at the building, the rest at home.
    const atBuilding = channel === 'patrol' || cat.code === 'municipal';
    const ids = household.ids;
    const [, streetId, communityId, gridId] = ids;
    const node = atBuilding ? { id: ids[4]!, path: pathOf(ids, 4) } : { id: household.id, path: household.path };
    const communityPath = pathOf(ids, 2);
    const isConsole = channel === 'hotline' || channel === 'window' || channel === 'patrol';
    const limits = cat.limits[urgency];
    const due = deadlines(clock, cat.limits, urgency, submitted);

    const phone = channel === 'patrol' ? null : random.chance(0.12) ? random.pick(frequentCallers) : phoneOf(random);
    const isAnonymous = phone !== null && random.chance(0.04);
    const dispatcher = userAt('community_director', communityId) ?? userAt('community_worker', communityId);
    const recorder =
      channel === 'patrol'
        ? userAt('grid_worker', gridId)
        : channel === 'window' || channel === 'hotline'
          ? userAt('window_clerk', communityId)
          : null;

    const r = {
      state: (isConsole ? 'accepted' : 'submitted') as string,
      accepted_at: isConsole ? submitted : (null as Date | null),
      dispatched_at: null as Date | null,
      signed_at: null as Date | null,
      first_signed_at: null as Date | null,
      resolved_at: null as Date | null,
      first_resolved_at: null as Date | null,
      closed_at: null as Date | null,
      resolve_due_at: due.resolveDueAt,
      resolve_amber_at: due.resolveAmberAt,
      assignee_node_id: null as number | null,
      assignee_path: null as string | null,
      assignee_department_id: null as number | null,
      assignee_user_id: null as number | null,
      rating: null as Rating | null,
      rating_comment: null as string | null,
      reopen_count: 0,
      return_count: 0,
      urge_count: 0,
    };
    const evs: Event[] = [];
    let t = submitted;
    const push = (
      action: string,
      to: string | null,
      at: Date,
      actorId: number | null,
      note: string | null = null,
      data: Record<string, unknown> = {},
      actorName: string | null = null,
    ) => {
      evs.push({
        action,
        from_state: action === 'submit' ? null : r.state,
        to_state: to,
        actor_id: actorId,
        actor_name: actorName,
        note,
        data,
        at,
      });
      if (to !== null) r.state = to;
      t = at;
    };
    push(
      'submit',
      r.state,
      submitted,
      recorder,
      null,
      { channel },
      isConsole ? null : requestLabels.channel[channel].zh,
    );
    // Each later step: when it would happen, or stop the story here if that is after now.
    const at = (hours: number, from = t) => {
      const next = clock.addWorkingHours(from, Math.max(hours, minutes(1)));
      if (next > o.now) throw new NotYet();
      return next;
    };

    try {
      if (!isConsole) {
        if (random.chance(0.03)) {
          const when = at(random.next() * 1.5 + 0.1);
          r.closed_at = when;
          push('decline', 'declined', when, dispatcher, random.pick(DECLINE_REASONS));
          throw new NotYet();
        }
        const when = at(random.next() * 1.4 + 0.1);
        r.accepted_at = when;
        push('accept', 'accepted', when, dispatcher);
        if (channel === 'resident' && random.chance(0.015)) {
          const w = at(random.next() * 4 + 1);
          r.closed_at = w;
          push('withdraw', 'withdrawn', w, null, '问题已自行解决', {}, '诉求人');
          throw new NotYet();
        }
      } else if (random.chance(0.015)) {
        const when = at(random.next() * 1 + 0.1);
        r.closed_at = when;
        push('decline', 'declined', when, dispatcher, random.pick(DECLINE_REASONS));
        throw new NotYet();
      }

      // Where it goes: the category's handler; a volunteer claims service requests where there is one.
      const volunteer = cat.handler_type === 'volunteer' ? userAt('volunteer', communityId) : null;
      const target =
        cat.handler_type === 'department' && cat.department_id !== null
          ? { departmentId: cat.department_id }
          : cat.handler_type === 'grid'
            ? { nodeId: gridId! }
            : { nodeId: communityId! };
      const handlerOf = (tg: { nodeId?: number; departmentId?: number }) =>
        tg.departmentId !== undefined
          ? anyUser('department_handler')
          : tg.nodeId === gridId
            ? (userAt('grid_worker', gridId) ?? userAt('community_worker', communityId))
            : userAt('community_worker', communityId);
      const dispatchTo = (tg: { nodeId?: number; departmentId?: number }, when: Date, action = 'dispatch') => {
        r.assignee_node_id = tg.nodeId ?? null;
        r.assignee_path = tg.nodeId === undefined ? null : tg.nodeId === gridId ? pathOf(ids, 3) : communityPath;
        r.assignee_department_id = tg.departmentId ?? null;
        r.assignee_user_id = null;
        r.dispatched_at = when;
        r.signed_at = null;
        if (action === 'dispatch') push('dispatch', 'dispatched', when, dispatcher, null, { target: tg });
      };
      const sign = (handler: number | null, when: Date, action: 'sign_for' | 'claim' = 'sign_for') => {
        r.signed_at = when;
        r.assignee_user_id = handler;
        if (action === 'claim') {
          r.dispatched_at = when;
          r.assignee_node_id = null;
          r.assignee_path = null;
        }
        if (r.first_signed_at === null) r.first_signed_at = when;
        push(action, 'signed', when, handler);
      };
      /** Signed for within the response limit (mostly), at the latest a few minutes after dispatch. */
      const signTime = (onTime: boolean) => {
        const share = onTime ? 0.15 + random.next() * 0.8 : 1.1 + random.next() * 2.4;
        const aim = clock.addWorkingHours(submitted, limits.respondHours * share);
        return at(0, aim > t ? aim : clock.addWorkingHours(t, minutes(3 + random.int(0, 20))));
      };
      const resolveTime = (from: Date, days: number, onTime: boolean) => {
        // Many handlers finish close to the deadline (sqrt: later shares more likely), which makes the amber ones.
        const share = onTime ? 0.1 + Math.sqrt(random.next()) * 0.89 : 1.05 + random.next() * 1.15;
        const aim = clock.addWorkingDays(from, days * share);
        const earliest = clock.addWorkingHours(t, minutes(20 + random.int(0, 60)));
        return at(0, aim > earliest ? aim : earliest);
      };
      let handler: number | null;
      if (volunteer !== null) {
        handler = volunteer;
        sign(volunteer, signTime(random.chance(0.9)), 'claim');
      } else {
        dispatchTo(target, at(random.next() * 0.5 + 0.05));
        handler = handlerOf(target);
        if (random.chance(0.06)) {
          // Returned by the handler (wrong grid, needs another unit) and dispatched again to the community.
          if (random.chance(0.5)) sign(handler, signTime(true));
          const back = at(random.next() * 2 + 0.3);
          r.return_count = 1;
          push('return', 'accepted', back, handler, random.pick(RETURN_REASONS));
          r.assignee_node_id = null;
          r.assignee_path = null;
          r.assignee_department_id = null;
          r.assignee_user_id = null;
          r.signed_at = null;
          const again = { nodeId: communityId! };
          dispatchTo(again, at(random.next() * 1 + 0.2));
          handler = handlerOf(again);
        }
        sign(handler, signTime(random.chance(0.9)));
      }

      const handleOnce = (from: Date, days: number) => {
        const onTime = random.chance(0.86);
        if (random.chance(0.35)) {
          // Half way (in working time) to the resolution, or to now when that is still to come.
          const share = onTime ? 0.05 + random.next() * 0.4 : 0.5 + random.next() * 0.6;
          const aim = clock.addWorkingDays(from, days * share);
          const until = aim < o.now ? aim : o.now;
          if (until > t)
            push(
              'progress',
              'in_progress',
              at(clock.workingMsBetween(t, until) / 7_200_000),
              handler,
              '已到现场查看，正在协调处理',
            );
        }
        const resolveAt = resolveTime(from, days, onTime);
        r.resolved_at = resolveAt;
        r.first_resolved_at ??= resolveAt;
        push('resolve', 'resolved', resolveAt, handler, random.pick(RESOLUTIONS[cat.code] ?? RESOLUTIONS.other!));
        push('verify', 'verified', at(random.next() * 5 + 0.3), dispatcher);
      };
      const rate = (pick: (random: Random) => Rating): Rating | null => {
        if (random.chance(0.12)) return null;
        const rating = pick(random);
        const byOperator = random.chance(0.7);
        r.rating = rating;
        r.rating_comment = rating === 'unsatisfied' ? random.pick(UNSATISFIED) : null;
        push(
          'rate',
          'rated',
          at(random.next() * 16 + 1),
          byOperator ? userAt('window_clerk', communityId) : null,
          r.rating_comment,
          { rating },
          byOperator ? null : '诉求人',
        );
        return rating;
      };
      const close = (note: string | null = null) => {
        const when = at(random.next() * 6 + 0.3);
        r.closed_at = when;
        push('close', 'closed', when, dispatcher, note);
      };

      handleOnce(submitted, limits.resolveDays);
      const first = rate(ratingPick);
      if (first === 'unsatisfied' && random.chance(0.65)) {
        const when = at(random.next() * 3 + 0.5);
        r.reopen_count = 1;
        r.rating = null;
        r.rating_comment = null;
        r.resolved_at = null;
        r.resolve_due_at = clock.addWorkingDays(when, limits.resolveDays);
        r.resolve_amber_at = amberAt(clock, when, r.resolve_due_at);
        // As the service does: the same assignee, to be signed for again.
        r.dispatched_at = when;
        r.signed_at = null;
        push('reopen', 'dispatched', when, dispatcher, '居民不满意，重新办理', { previousRating: 'unsatisfied' });
        sign(handler, at(random.next() * 2 + 0.1));
        handleOnce(when, limits.resolveDays);
        const second = rate(secondRatingPick);
        close(second === 'unsatisfied' ? CLOSE_ANYWAY : null);
      } else {
        close(first === 'unsatisfied' ? CLOSE_ANYWAY : null);
      }
    } catch (e) {
      if (!(e instanceof NotYet)) throw e;
    }

    // The overdue sweep: one level up at each deadline passed while the request was still waiting.
    const isOpen = (when: Date) =>
      evs.every((e) => e.at > when || !['declined', 'withdrawn'].includes(e.to_state ?? '')) &&
      (r.first_resolved_at === null || r.first_resolved_at > when);
    const escalations: Date[] = [];
    const respondMissed = r.first_signed_at === null ? due.respondDueAt <= o.now : r.first_signed_at > due.respondDueAt;
    if (respondMissed && isOpen(due.respondDueAt)) escalations.push(due.respondDueAt);
    const resolveMissed =
      r.first_resolved_at === null ? due.resolveDueAt <= o.now : r.first_resolved_at > due.resolveDueAt;
    if (resolveMissed && r.state !== 'declined' && r.state !== 'withdrawn' && isOpen(due.resolveDueAt))
      escalations.push(due.resolveDueAt);
    // The state at an instant: the last step before it that moved the request (events are not sorted yet).
    const stateAt = (when: Date) => {
      let best: Event | undefined;
      for (const e of evs)
        if (e.at <= when && e.action !== 'auto_escalate' && e.action !== 'urge' && (!best || e.at >= best.at)) best = e;
      return best?.to_state ?? r.state;
    };
    // A reopened request that is late again was escalated at its new deadline too.
    const openNow = ['submitted', 'accepted', 'dispatched', 'signed', 'in_progress'].includes(r.state);
    if (r.reopen_count > 0 && openNow && r.resolve_due_at <= o.now) escalations.push(r.resolve_due_at);
    let level: 'community' | 'street' | 'district' = 'community';
    let overdueEscalatedAt: Date | null = null;
    for (const deadline of escalations) {
      if (level === 'district') break;
      const when = new Date(deadline.getTime() + random.int(1, 59) * 1000);
      if (when > o.now) break;
      level = level === 'community' ? 'street' : 'district';
      overdueEscalatedAt = when;
      const state = stateAt(when);
      evs.push({
        action: 'auto_escalate',
        from_state: state,
        to_state: state,
        actor_id: null,
        actor_name: '系统',
        note: `超过办理时限，自动上报${level === 'street' ? '街道' : '区级'}督办`,
        data: { to: level },
        at: when,
      });
    }
    // A resident who waits past the deadline urges now and then.
    if (openNow && escalations.length > 0 && phone !== null && random.chance(0.5)) {
      const when = clock.addWorkingHours(escalations[0]!, 0.5 + random.next() * 4);
      if (when <= o.now) {
        r.urge_count = 1;
        const state = stateAt(when);
        evs.push({
          action: 'urge',
          from_state: state,
          to_state: state,
          actor_id: null,
          actor_name: '诉求人',
          note: '请尽快处理',
          data: {},
          at: when,
        });
      }
    }
    evs.sort((a, b) => a.at.getTime() - b.at.getTime());
    const dispatchNodeId = level === 'community' ? communityId! : level === 'street' ? streetId! : districtId;
    const dispatchPath = level === 'community' ? communityPath : level === 'street' ? pathOf(ids, 1) : o.districtPath;

    const { id, serial } = idRows[i]!;
    const last = evs[evs.length - 1]!.at;
    requests.push({
      id,
      code: requestCode(submitted, serial),
      channel,
      category_id: cat.id,
      urgency,
      state: r.state,
      description: random.pick(DESCRIPTIONS[cat.code] ?? DESCRIPTIONS.other!),
      node_id: node.id,
      node_path: node.path,
      area_path: pathOf(ids, 3),
      contact_name: phone === null ? null : `${pickSurname(random)}${random.chance(0.5) ? '先生' : '女士'}`,
      contact_phone_enc: phone === null ? null : o.crypto.encrypt(phone),
      contact_phone_hash: phone === null ? null : o.crypto.blindIndex(phone),
      contact_phone_masked: phone === null ? null : maskPhone(phone),
      is_anonymous: isAnonymous,
      recorded_by: recorder,
      dispatch_node_id: dispatchNodeId,
      dispatch_path: dispatchPath,
      escalation_level: level,
      assignee_node_id: r.assignee_node_id,
      assignee_path: r.assignee_path,
      assignee_department_id: r.assignee_department_id,
      assignee_user_id: r.assignee_user_id,
      rating: r.rating,
      rating_comment: r.rating_comment,
      reopen_count: r.reopen_count,
      return_count: r.return_count,
      urge_count: r.urge_count,
      submitted_at: submitted,
      accepted_at: r.accepted_at,
      dispatched_at: r.dispatched_at,
      signed_at: r.signed_at,
      first_signed_at: r.first_signed_at,
      resolved_at: r.resolved_at,
      first_resolved_at: r.first_resolved_at,
      closed_at: r.closed_at,
      respond_due_at: due.respondDueAt,
      resolve_due_at: r.resolve_due_at,
      respond_amber_at: due.respondAmberAt,
      resolve_amber_at: r.resolve_amber_at,
      respond_work_ms:
        r.first_signed_at === null ? null : Math.round(clock.workingMsBetween(submitted, r.first_signed_at)),
      resolve_work_ms:
        r.first_resolved_at === null ? null : Math.round(clock.workingMsBetween(submitted, r.first_resolved_at)),
      overdue_escalated_at: overdueEscalatedAt,
      version: evs.length,
      updated_at: last,
    });
    for (const e of evs) events.push({ ...e, request_id: id });
  }

  const batch = 2_000;
  for (let s = 0; s < requests.length; s += batch) {
    const cols = Object.keys(requests[0]!).join(', ');
    await q.query(
      `INSERT INTO request (${cols}) SELECT ${cols} FROM jsonb_populate_recordset(NULL::request, $1::jsonb)`,
      [JSON.stringify(requests.slice(s, s + batch))],
    );
  }
  for (let s = 0; s < events.length; s += batch * 4) {
    await q.query(
      `INSERT INTO request_event (request_id, action, from_state, to_state, actor_id, actor_name, note, data, at)
       SELECT request_id, action, from_state, to_state, actor_id, actor_name, note, data, at
         FROM jsonb_populate_recordset(NULL::request_event, $1::jsonb) WITH ORDINALITY AS e ORDER BY ordinality`,
      [JSON.stringify(events.slice(s, s + batch * 4))],
    );
  }
  await rebuildRollup(q, o.districtPath);
  return { departments: depts.length, requests: requests.length, events: events.length };
}

/** Remove what loadDemoRequests wrote for a district, before the district itself is removed. */
export async function removeDemoRequests(
  q: Queryable,
  districtPath: string,
  userIds: readonly number[],
): Promise<void> {
  const range = [districtPath, `${districtPath.slice(0, -1)}0`];
  const inRequests = `SELECT id FROM request WHERE node_path >= $1 AND node_path < $2`;
  await q.query(`DELETE FROM request_attachment WHERE request_id IN (${inRequests})`, range);
  await q.query(`DELETE FROM request_event WHERE request_id IN (${inRequests})`, range);
  await q.query(
    `UPDATE request SET merged_into_id = NULL, state = 'withdrawn' WHERE merged_into_id IN (${inRequests})`,
    range,
  );
  await q.query(`DELETE FROM request WHERE node_path >= $1 AND node_path < $2`, range);
  await q.query(`DELETE FROM request_rollup WHERE area_path >= $1 AND area_path < $2`, range);
  const inDepartments = `SELECT id FROM department WHERE node_path >= $1 AND node_path < $2`;
  await q.query(
    `UPDATE request_category SET handler_type = 'grid', department_id = NULL WHERE department_id IN (${inDepartments})`,
    range,
  );
  await q.query(
    `DELETE FROM department_member WHERE department_id IN (${inDepartments}) OR user_id = ANY($3::bigint[])`,
    [...range, userIds],
  );
  await q.query(`DELETE FROM department WHERE node_path >= $1 AND node_path < $2`, range);
  await q.query(`UPDATE outbox_message SET recipient_user_id = NULL WHERE recipient_user_id = ANY($1::bigint[])`, [
    userIds,
  ]);
}

/** A mobile number that passes the validator: 1, a second digit 3–9, nine more. */
function phoneOf(random: Random): string {
  return `1${random.int(3, 9)}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
}
