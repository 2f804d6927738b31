/**
 * Writes the generated demo district and its staff accounts into the database in one transaction,
 * in bulk. Loading twice changes nothing; `reset` replaces the previous demo district.
 */
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { violatedConstraint } from '../../platform/db/pg-errors.ts';
import { maskIdNumber, maskPhone, roleLabels, type Role } from '@linli/contracts';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.ts';
import { namePinyin, todayInChina } from '../registry/index.ts';
import { loadDemoRequests, removeDemoRequests, type DemoRequestsResult } from './demo-requests.service.ts';
import {
  generateDistrict,
  type DemoNode,
  type DemoResident,
  type DemoNodeLevel,
  type DemoOptions,
  type DemoUser,
  type ResolvedDemoOptions,
} from './demo-generator.ts';
import { loadDemoHousing, loadDemoUnits, removeDemoHousing } from './demo-housing.service.ts';

export interface LoadDemoOptions extends DemoOptions {
  /** The password of every demo account; hashed once. */
  password: string;
  /** Remove the previous demo district and its accounts first, then load afresh. */
  reset?: boolean;
  /** Rows per INSERT statement. */
  batchSize?: number;
  /** Encrypts residents' ID and phone numbers; without it no residents are written. */
  crypto?: FieldCrypto;
  /** The day the demo's past visits are dated back from (default: today in China). */
  today?: string;
  /** Requests in the demo's three-month history (default: one per five residents, at most 6,000; needs crypto). */
  requests?: number;
  /** The instant the request history ends (default: now). */
  now?: Date;
}

export interface DemoLogin {
  username: string;
  displayName: string;
  role: Role;
  /** Null for the installation-wide administrator. */
  nodeName: string | null;
  nodePath: string | null;
  /** The account was there before the demo was loaded and was left as it was, so its password may not be the demo password. */
  preexisting: boolean;
}

export type DemoLevelCounts = Record<DemoNodeLevel, number>;

export interface LoadDemoResult {
  /** False when the demo district was already there and nothing was written. */
  created: boolean;
  districtId: number;
  /** Nodes of the demo district per level, and demo accounts, as they now are in the database. */
  counts: DemoLevelCounts & { users: number; residents: number };
  logins: DemoLogin[];
  /** What `reset` removed first; null when nothing was removed. */
  removed: { nodes: number; users: number } | null;
  /** Departments and the request history written by this load (absent when nothing was written). */
  history?: DemoRequestsResult;
}

// Serialises concurrent loads (two instances starting in demo mode at once).
const DEMO_LOCK = 7_204_111_307;
const LEVELS: readonly DemoNodeLevel[] = ['district', 'street', 'community', 'grid', 'building', 'household'];

/** Load the demo district and its accounts, unless it is already there (or replace it with `reset`). */
export async function loadDemo(db: Db, options: LoadDemoOptions): Promise<LoadDemoResult> {
  const {
    password,
    reset = false,
    batchSize = 5_000,
    today = todayInChina(),
    requests: requestCount,
    now = new Date(),
    ...demoOptions
  } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  const demo = generateDistrict(demoOptions);
  const { districtCode, districtName } = demo.options;
  const usernames = demo.users.map((u) => u.username);

  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK]);
    const { rows: found } = await q.query<{ id: number; path: string }>(
      'SELECT id, path FROM jurisdiction_node WHERE code = $1',
      [districtCode],
    );
    const previous = found[0];
    const previousLoad = previous ? await lastLoad(q, previous.id) : null;
    if (previous && !reset) {
      const kept = new Set(previousLoad?.keptUsers ?? []);
      const logins = (await demoLogins(q, demo.users)).map((l) => ({ ...l, preexisting: kept.has(l.username) }));
      const counts = { ...(await countLevels(q, previous.path)), users: logins.length };
      return { created: false, districtId: previous.id, counts, logins, removed: null };
    }
    let removed: LoadDemoResult['removed'] = null;
    if (previous) {
      const kept = new Set(previousLoad?.keptUsers ?? []);
      const earlier = usernamesOf(previousLoad).filter((u) => !kept.has(u));
      removed = await removeDemo(q, previous.path, earlier, usernames);
    }

    const { rows: clash } = await q.query<{ code: string | null }>(
      'SELECT code FROM jurisdiction_node WHERE parent_id IS NULL AND name = $1 AND retired_at IS NULL',
      [districtName],
    );
    if (clash[0]) {
      throw new Error(
        `已有名为“${districtName}”的顶级节点（编码 ${clash[0].code ?? '无'}），演示辖区无法同名载入；请改名或撤销该节点后再试`,
      );
    }

    const { idsByKey: nodeIds, households } = await insertNodes(q, demo.nodes(), batchSize);
    const districtId = nodeIds.get('d') ?? 0;
    if (options.crypto) {
      await insertResidents(q, demo.residents(), households, options.crypto, batchSize);
      await tagCareGroups(q, `/${districtId}/`, demo.options.asOf);
    }
    const passwordHash = await hashPassword(password);
    const created = await insertUsers(q, demo.users, nodeIds, passwordHash, batchSize);
    if (options.crypto) await recordPastVisits(q, `/${districtId}/`, today);
    if (options.crypto) {
      await loadDemoHousing(q, `/${districtId}/`, today, options.crypto);
      await loadDemoUnits(q, `/${districtId}/`, districtCode, options.crypto);
    }
    const history = options.crypto
      ? await loadDemoRequests(q, {
          districtPath: `/${districtId}/`,
          districtCode,
          seed: demo.options.seed,
          count: requestCount ?? Math.min(6_000, Math.round(demo.options.residents / 5)),
          now,
          crypto: options.crypto,
        })
      : undefined;
    const logins = (await demoLogins(q, demo.users)).map((l) => ({ ...l, preexisting: !created.has(l.username) }));
    const keptUsers = logins.filter((l) => l.preexisting).map((l) => l.username);
    const counts = { ...(await countLevels(q, `/${districtId}/`)), users: logins.length };

    const summary: LoadSummary = { options: demo.options, counts, keptUsers, reset: removed };
    await appendAudit(q, {
      actorName: 'system',
      action: 'demo.load',
      entityType: 'jurisdiction_node',
      entityId: districtId,
      nodeId: districtId,
      summary: { ...summary },
    });
    return { created: true, districtId, counts, logins, removed, ...(history ? { history } : {}) };
  });
}

/** What the audit entry of a load records; a later reset reads it to know which accounts the load created. */
interface LoadSummary {
  options: ResolvedDemoOptions;
  counts: DemoLevelCounts & { users: number; residents: number };
  keptUsers: string[];
  reset: LoadDemoResult['removed'];
}

// The usernames a load generated: its options, replayed. Options that no longer generate (written by
// another version of Linli) give none, and the reset falls back to judging accounts by their roles.
function usernamesOf(load: LoadSummary | null): string[] {
  if (load === null) return [];
  try {
    return generateDistrict(load.options).users.map((u) => u.username);
  } catch {
    return [];
  }
}

async function lastLoad(q: Queryable, districtId: number): Promise<LoadSummary | null> {
  const { rows } = await q.query<{ summary: Partial<LoadSummary> }>(
    `SELECT summary FROM audit_log
     WHERE entity_type = 'jurisdiction_node' AND entity_id = $1 AND action = 'demo.load'
     ORDER BY id DESC LIMIT 1`,
    [String(districtId)],
  );
  const summary = rows[0]?.summary;
  if (!summary?.options || !Array.isArray(summary.keptUsers)) return null;
  return summary as LoadSummary;
}

// Ids come from the table's own sequence, a batch at a time, so that each node's path can be built
// before it is inserted; only nodes that can be parents are remembered (not the households).
async function insertNodes(
  q: Queryable,
  nodes: Iterable<DemoNode>,
  batchSize: number,
): Promise<{ idsByKey: Map<string, number>; households: Map<number, { id: number; path: string }> }> {
  const parents = new Map<number, { id: number; path: string; depth: number }>();
  const idsByKey = new Map<string, number>();
  const households = new Map<number, { id: number; path: string }>();
  let batch: DemoNode[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const { rows } = await q.query<{ id: number }>(
      `SELECT nextval(pg_get_serial_sequence('jurisdiction_node', 'id')) AS id FROM generate_series(1, $1) ORDER BY 1`,
      [batch.length],
    );
    const ids: number[] = [];
    const parentIds: (number | null)[] = [];
    const levels: string[] = [];
    const codes: (string | null)[] = [];
    const names: string[] = [];
    const paths: string[] = [];
    const depths: number[] = [];
    batch.forEach((node, i) => {
      const id = rows[i]?.id;
      if (id === undefined) throw new Error('the sequence returned fewer ids than asked for');
      const parent = node.parentIndex === null ? null : parents.get(node.parentIndex);
      if (parent === undefined) throw new Error(`demo node ${node.key} came before its parent`);
      const path = `${parent?.path ?? '/'}${id}/`;
      const depth = parent === null ? 0 : parent.depth + 1;
      if (node.level !== 'household') parents.set(node.index, { id, path, depth });
      else households.set(node.index, { id, path });
      if (node.level !== 'household' && node.level !== 'building') idsByKey.set(node.key, id);
      ids.push(id);
      parentIds.push(parent?.id ?? null);
      levels.push(node.level);
      codes.push(node.code);
      names.push(node.name);
      paths.push(path);
      depths.push(depth);
    });
    await q.query(
      `INSERT INTO jurisdiction_node (id, parent_id, level, code, name, path, depth)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])`,
      [ids, parentIds, levels, codes, names, paths, depths],
    );
    batch = [];
  };
  for (const node of nodes) {
    batch.push(node);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return { idsByKey, households };
}

// Care groups follow from the facts where they can (age, living alone); the rest are sprinkled
// deterministically (by name and birth date) so that every care list of the demo has people on it.
async function tagCareGroups(q: Queryable, districtPath: string, asOf: string): Promise<void> {
  const range = [districtPath, `${districtPath.slice(0, -1)}0`, asOf];
  const inDistrict = `r.node_path >= $1 AND r.node_path < $2 AND r.status = 'active'`;
  const pick = (mod: number) => `abs(hashtext(r.name || r.birth_date::text)) % ${mod} = 0`;
  await q.query(
    `INSERT INTO resident_tag (resident_id, tag_code, since)
     SELECT r.id, 'elderly_80', $3::date FROM resident r WHERE ${inDistrict} AND r.birth_date <= $3::date - interval '80 years'
     UNION ALL
     SELECT r.id, 'living_alone', $3::date FROM resident r WHERE ${inDistrict} AND r.birth_date <= $3::date - interval '60 years'
       AND NOT EXISTS (SELECT 1 FROM resident o WHERE o.node_id = r.node_id AND o.id <> r.id AND o.status = 'active')
     UNION ALL
     SELECT r.id, 'subsistence', $3::date FROM resident r WHERE ${inDistrict} AND ${pick(61)}
     UNION ALL
     SELECT r.id, 'disabled', $3::date FROM resident r WHERE ${inDistrict} AND ${pick(83)}
     UNION ALL
     SELECT r.id, 'veteran', $3::date FROM resident r WHERE ${inDistrict} AND r.birth_date <= $3::date - interval '45 years' AND ${pick(151)}
     UNION ALL
     SELECT r.id, 'left_behind_child', $3::date FROM resident r WHERE ${inDistrict} AND r.birth_date > $3::date - interval '16 years' AND ${pick(23)}`,
    range,
  );
  await q.query(
    `INSERT INTO resident_event (resident_id, kind, occurred_on, to_node_id, reason)
     SELECT r.id, 'register', $3::date, r.node_id, '演示数据' FROM resident r WHERE ${inDistrict}`,
    range,
  );
  await q.query(
    `INSERT INTO resident_sensitive (resident_id, disability_kind, disability_grade)
     SELECT t.resident_id, (ARRAY['肢体残疾','视力残疾','听力残疾','智力残疾'])[1 + t.resident_id % 4], (ARRAY['一级','二级','三级','四级'])[1 + t.resident_id % 4]
     FROM resident_tag t JOIN resident r ON r.id = t.resident_id WHERE t.tag_code = 'disabled' AND r.node_path >= $1 AND r.node_path < $2`,
    range.slice(0, 2),
  );
}

// Past home visits (走访) for the care groups, dated back from the load day so that the coverage page
// shows what a working community looks like: most requirements met, about one in eleven overdue, some
// due within days. Up to three visits per requirement at its interval, never before the resident was
// tagged, by the grid worker of the resident's grid. Chosen by name, birth date and kind (as the tags
// are), so that every load of the same district gives the same picture. One statement: set-based.
async function recordPastVisits(q: Queryable, districtPath: string, today: string): Promise<void> {
  await q.query(
    `WITH req AS (
       SELECT r.id AS resident_id, r.node_id, r.node_path, x.kind, min(x."everyDays") AS every_days, min(rt.since) AS since,
              abs(hashtext(r.name || coalesce(r.birth_date::text, '') || x.kind)::bigint) AS h
       FROM resident r
       JOIN resident_tag rt ON rt.resident_id = r.id
       JOIN care_tag ct ON ct.code = rt.tag_code AND ct.is_active
       CROSS JOIN LATERAL jsonb_to_recordset(ct.visit_rule) AS x(kind text, "everyDays" int)
       WHERE r.node_path >= $1 AND r.node_path < $2 AND r.status = 'active'
       GROUP BY r.id, r.node_id, r.node_path, r.name, r.birth_date, x.kind
     ), last AS (
       SELECT req.*,
              $3::date - (CASE WHEN h % 100 < 9 THEN every_days + 1 + (h / 100) % 15 ELSE (h / 100) % every_days END)::int AS last_on
       FROM req
     ), worker AS (
       SELECT ur.node_id, min(ur.user_id) AS user_id FROM user_role ur WHERE ur.role = 'grid_worker' GROUP BY ur.node_id
     )
     INSERT INTO visit (resident_id, node_id, kind, visited_on, wellbeing, finding, needs_follow_up, follow_up_note, visited_by, created_at)
     SELECT l.resident_id, l.node_id, l.kind, d.visited_on,
            CASE WHEN (l.h + n) % 23 = 0 THEN 'attention' ELSE 'good' END,
            CASE WHEN (l.h + n) % 23 = 0 THEN (ARRAY['血压偏高，已提醒按时服药', '腿脚不便，下楼困难', '家中燃气灶老化'])[1 + (l.h + n) % 3]
                 WHEN l.kind = 'phone' THEN (ARRAY['电话问候，身体状况良好', '电话联系，近况平稳', '电话问候，子女近期来探望'])[1 + (l.h + n) % 3]
                 WHEN l.kind = 'home' THEN (ARRAY['入户看望，家中整洁，精神状态好', '入户看望，已提醒注意用电安全', '入户看望，生活能自理'])[1 + (l.h + n) % 3]
                 ELSE '向邻居了解，近况正常' END,
            (l.h + n) % 23 = 0 AND (l.h + n) % 2 = 0,
            CASE WHEN (l.h + n) % 23 = 0 AND (l.h + n) % 2 = 0 THEN '联系家属并转社区卫生服务站跟进' END,
            w.user_id, d.visited_on + time '10:00'
     FROM last l
     CROSS JOIN generate_series(0, 2) AS n
     CROSS JOIN LATERAL (SELECT l.last_on - n * l.every_days AS visited_on) d
     LEFT JOIN worker w ON w.node_id = split_part(l.node_path, '/', 5)::bigint
     WHERE d.visited_on >= coalesce(l.since, d.visited_on)`,
    [districtPath, `${districtPath.slice(0, -1)}0`, today],
  );
}

const registrationOf: Record<DemoResident['registration'], string> = {
  registered: 'registered',
  long_term: 'permanent',
  floating: 'floating',
};
const provinceNames: Record<string, string> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
};
const arrivalReasons = ['务工', '经商', '投靠亲友', '就学', '随迁'];

// Residents go in as the registry writes them: ID and phone numbers encrypted, blind-indexed and
// masked, names with pinyin for initials search. Names repeat a lot, so their pinyin is cached.
async function insertResidents(
  q: Queryable,
  residents: Iterable<DemoResident>,
  households: Map<number, { id: number; path: string }>,
  crypto: FieldCrypto,
  batchSize: number,
): Promise<number> {
  const pinyinCache = new Map<string, { full: string; initials: string }>();
  const cols: unknown[][] = Array.from({ length: 17 }, () => []);
  let count = 0;
  const flush = async () => {
    if (cols[0]!.length === 0) return;
    await q.query(
      `INSERT INTO resident (node_id, node_path, name, name_pinyin, name_initials, gender, birth_date, id_kind, id_number_enc,
         id_number_hash, id_number_masked, phone_enc, phone_hash, phone_masked, registration_type, relation_to_head, arrival_date, origin, status_since)
       SELECT n, p, nm, py, ini, g, bd, 'resident', ie, ih, im, pe, ph, pm, rt, rel, ad, og, CURRENT_DATE
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[], $9::text[], $10::text[],
                   $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::date[], $17::text[])
         AS x(n, p, nm, py, ini, g, bd, ie, ih, im, pe, ph, pm, rt, rel, ad, og)`,
      cols,
    );
    for (const c of cols) c.length = 0;
  };
  for (const r of residents) {
    const home = households.get(r.householdIndex);
    if (!home) throw new Error(`demo resident ${r.ordinal} has no household`);
    let py = pinyinCache.get(r.name);
    if (!py) pinyinCache.set(r.name, (py = namePinyin(r.name)));
    const registration = registrationOf[r.registration];
    const floating = registration === 'floating';
    const values = [
      home.id,
      home.path,
      r.name,
      py.full,
      py.initials,
      r.gender,
      r.birthDate,
      crypto.encrypt(r.idNumber),
      crypto.blindIndex(r.idNumber),
      maskIdNumber(r.idNumber),
      r.phone ? crypto.encrypt(r.phone) : null,
      r.phone ? crypto.blindIndex(r.phone) : null,
      r.phone ? maskPhone(r.phone) : null,
      registration,
      r.relation,
      floating
        ? `20${String(15 + (r.ordinal % 10)).padStart(2, '0')}-${String(1 + (r.ordinal % 12)).padStart(2, '0')}-15`
        : null,
      floating
        ? `${provinceNames[r.idNumber.slice(0, 2)] ?? '外省'}（${arrivalReasons[r.ordinal % arrivalReasons.length]}）`
        : null,
    ];
    values.forEach((v, i) => cols[i]!.push(v));
    count++;
    if (cols[0]!.length >= batchSize) await flush();
  }
  await flush();
  return count;
}

// Accounts that already exist under a demo username (the installation's own `admin`, say) are left
// untouched: no new password, no new roles.
async function insertUsers(
  q: Queryable,
  users: readonly DemoUser[],
  nodeIds: Map<string, number>,
  passwordHash: string,
  batchSize: number,
): Promise<Set<string>> {
  const created = new Set<string>();
  for (let start = 0; start < users.length; start += batchSize) {
    const slice = users.slice(start, start + batchSize);
    const { rows } = await q.query<{ id: number; username: string }>(
      `INSERT INTO app_user (username, display_name, password_hash, must_change_password)
       SELECT u, d, $3, false FROM unnest($1::text[], $2::text[]) AS t(u, d)
       ON CONFLICT (username) DO NOTHING
       RETURNING id, username`,
      [slice.map((u) => u.username), slice.map((u) => u.displayName), passwordHash],
    );
    const idByName = new Map(rows.map((r) => [r.username, r.id]));
    const userIds: number[] = [];
    const roles: string[] = [];
    const roleNodes: (number | null)[] = [];
    for (const u of slice) {
      const id = idByName.get(u.username);
      if (id === undefined) continue;
      created.add(u.username);
      const nodeId = u.nodeKey === null ? null : nodeIds.get(u.nodeKey);
      if (nodeId === undefined) throw new Error(`demo user ${u.username} refers to an unknown node ${u.nodeKey}`);
      userIds.push(id);
      roles.push(u.role);
      roleNodes.push(nodeId);
    }
    if (userIds.length > 0) {
      await q.query(
        `INSERT INTO user_role (user_id, role, node_id) SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[])`,
        [userIds, roles, roleNodes],
      );
    }
  }
  return created;
}

// The accounts removed are those the previous load created, and any other account with a demo
// username whose roles all lie in the demo district; but an account that also holds a role on a node
// outside it, or that was there before the demo (the installation's own administrator, say), is kept.
async function removeDemo(
  q: Queryable,
  districtPath: string,
  createdBefore: string[],
  usernames: string[],
): Promise<{ nodes: number; users: number }> {
  // The subtree of '/12/' is the path range ['/12/', '/120'): '0' follows '/' in the C collation.
  const range = [districtPath, `${districtPath.slice(0, -1)}0`];
  const inTree = 'SELECT id FROM jurisdiction_node WHERE path >= $1 AND path < $2';
  const { rows } = await q.query<{ id: number }>(
    `SELECT u.id FROM app_user u
     WHERE (u.username = ANY($3::text[])
            OR (u.username = ANY($4::text[])
                AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id)
                AND NOT EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.node_id IS NULL)))
       AND NOT EXISTS (
         SELECT 1 FROM user_role r JOIN jurisdiction_node n ON n.id = r.node_id
         WHERE r.user_id = u.id AND (n.path < $1 OR n.path >= $2))`,
    [...range, createdBefore, usernames],
  );
  const userIds = rows.map((r) => r.id);
  try {
    await removeDemoRequests(q, districtPath, userIds);
    await q.query('DELETE FROM user_session WHERE user_id = ANY($1::bigint[])', [userIds]);
    await q.query(`DELETE FROM api_token WHERE node_id IN (${inTree})`, range);
    const inResidents = 'SELECT id FROM resident WHERE node_path >= $1 AND node_path < $2';
    await removeDemoHousing(q, range);
    await q.query(`DELETE FROM visit WHERE resident_id IN (${inResidents})`, range);
    await q.query(`DELETE FROM resident_event WHERE resident_id IN (${inResidents})`, range);
    await q.query(`DELETE FROM resident_tag WHERE resident_id IN (${inResidents})`, range);
    await q.query(`DELETE FROM resident_sensitive WHERE resident_id IN (${inResidents})`, range);
    await q.query('DELETE FROM resident WHERE node_path >= $1 AND node_path < $2', range);
    await q.query('UPDATE api_token SET created_by = NULL WHERE created_by = ANY($1::bigint[])', [userIds]);
    await q.query('UPDATE user_role SET granted_by = NULL WHERE granted_by = ANY($1::bigint[])', [userIds]);
    await q.query(`DELETE FROM user_role WHERE user_id = ANY($3::bigint[]) OR node_id IN (${inTree})`, [
      ...range,
      userIds,
    ]);
    const users = await q.query('DELETE FROM app_user WHERE id = ANY($1::bigint[])', [userIds]);
    await q.query(
      `DELETE FROM jurisdiction_move
       WHERE node_id IN (${inTree}) OR from_parent_id IN (${inTree}) OR to_parent_id IN (${inTree})`,
      range,
    );
    const nodes = await q.query('DELETE FROM jurisdiction_node WHERE path >= $1 AND path < $2', range);
    return { nodes: nodes.rowCount ?? 0, users: users.rowCount ?? 0 };
  } catch (e) {
    const constraint = violatedConstraint(e, '23503');
    if (constraint === null) throw e;
    throw new Error(
      `无法重置演示数据：演示辖区的节点或账号仍被其他数据引用（约束 ${constraint}）。请先删除这些数据，或不带 --reset 运行`,
      { cause: e },
    );
  }
}

async function countLevels(q: Queryable, districtPath: string): Promise<DemoLevelCounts & { residents: number }> {
  const range = [districtPath, `${districtPath.slice(0, -1)}0`];
  const { rows } = await q.query<{ level: DemoNodeLevel; n: number }>(
    `SELECT level, count(*)::int AS n FROM jurisdiction_node WHERE path >= $1 AND path < $2 GROUP BY level`,
    range,
  );
  const counts = Object.fromEntries(LEVELS.map((l) => [l, 0])) as DemoLevelCounts;
  for (const r of rows) counts[r.level] = r.n;
  const residents = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM resident WHERE node_path >= $1 AND node_path < $2`,
    range,
  );
  return { ...counts, residents: residents.rows[0]?.n ?? 0 };
}

// The demo accounts as the database has them now (an account that was kept may have another display name).
async function demoLogins(q: Queryable, users: readonly DemoUser[]): Promise<Omit<DemoLogin, 'preexisting'>[]> {
  const { rows } = await q.query<{ username: string; display_name: string }>(
    'SELECT username, display_name FROM app_user WHERE username = ANY($1::text[])',
    [users.map((u) => u.username)],
  );
  const names = new Map(rows.map((r) => [r.username, r.display_name]));
  const logins: Omit<DemoLogin, 'preexisting'>[] = [];
  for (const u of users) {
    const displayName = names.get(u.username);
    if (displayName === undefined) continue;
    logins.push({ username: u.username, displayName, role: u.role, nodeName: u.nodeName, nodePath: u.nodePath });
  }
  return logins;
}

/** Lines for the console: the demo logins, one of each kind first, marked when an account kept its own password. */
export function describeDemoLogins(logins: readonly DemoLogin[], password: string, limit = 14): string[] {
  const label = (r: Role) => roleLabels[r].zh;
  const seen = new Set<Role>();
  const firsts = logins.filter((l) => !seen.has(l.role) && seen.add(l.role));
  const shown = [...firsts, ...logins.filter((l) => !firsts.includes(l))].slice(0, limit);
  const lines = [`演示账号（密码均为 ${password}，仅用于演示环境）：`];
  for (const l of shown) {
    const kept = l.preexisting ? '  （已有账号，密码未改）' : '';
    lines.push(`  ${l.username.padEnd(11)} ${l.displayName}（${label(l.role)} · ${l.nodeName ?? '全部辖区'}）${kept}`);
  }
  if (logins.length > shown.length)
    lines.push(`  …共 ${logins.length} 个演示账号（社区 c01dir…c12dir，网格员 g001…），见 README`);
  return lines;
}
