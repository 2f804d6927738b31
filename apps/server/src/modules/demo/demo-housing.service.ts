/**
 * Demo housing and units: every room of the demo district gets its house facts (area, use), about 5%
 * of them let — mostly to the floating-population households living there, with a rental registration —
 * and about 60 units (shops, companies, organisations, schools, agencies, two religious sites) with
 * valid unified social credit codes. Deterministic: derived from node ids and names, no clock.
 */
import { computeCreditCodeCheck, CREDIT_CODE_ALPHABET, maskPhone } from '@linli/contracts';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { createRandom } from './demo-random.ts';

/** Houses for every room, rentals for the let ones; set-based SQL, then a few hundred phones encrypted. */
export async function loadDemoHousing(q: Queryable, districtPath: string, asOf: string, crypto: FieldCrypto) {
  const range = [districtPath, districtPath.slice(0, -1) + '0'];
  // Use: empty rooms are vacant; about a third of the rooms with floating residents are let; a few shops.
  await q.query(
    `INSERT INTO house (node_id, node_path, area_m2, use, owner_name)
     SELECT n.id, n.path, round((45 + abs(hashtext(n.path)) % 90 + (abs(hashtext(n.name || n.path)) % 100) / 100.0)::numeric, 2),
            CASE WHEN NOT EXISTS (SELECT 1 FROM resident r WHERE r.node_id = n.id AND r.status = 'active') THEN 'vacant'
                 WHEN EXISTS (SELECT 1 FROM resident r WHERE r.node_id = n.id AND r.registration_type = 'floating')
                      AND abs(hashtext(n.path || 'let')) % 3 = 0 THEN 'rented'
                 WHEN abs(hashtext(n.path || 'shop')) % 100 = 0 THEN 'commercial'
                 ELSE 'owner_occupied' END,
            (SELECT r.name FROM resident r WHERE r.node_id = n.id AND r.relation_to_head = 'head' ORDER BY r.id LIMIT 1)
     FROM jurisdiction_node n
     WHERE n.level = 'household' AND n.path >= $1 AND n.path < $2`,
    range,
  );
  // A let room's owner is a landlord who lives elsewhere.
  const { rows: let_ } = await q.query<{ id: number; node_path: string }>(
    `SELECT id, node_path FROM house WHERE use = 'rented' AND node_path >= $1 AND node_path < $2 ORDER BY id`,
    range,
  );
  const random = createRandom(`housing:${districtPath}`);
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '朱', '马', '胡'];
  for (const h of let_) {
    const phone = `13${random.int(5, 9)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
    await q.query(
      `UPDATE house SET owner_name = $2, owner_phone_enc = $3, owner_phone_hash = $4, owner_phone_masked = $5 WHERE id = $1`,
      [
        h.id,
        `${random.pick(surnames)}${random.chance(0.5) ? '先生' : '女士'}`,
        crypto.encrypt(phone),
        crypto.blindIndex(phone),
        maskPhone(phone),
      ],
    );
  }
  // Rentals for nine in ten let rooms (the tenth shows the "rental missing" warning): the tenant is the
  // household living there, named after its floating head; ID and phone copied from the resident's record.
  await q.query(
    `INSERT INTO rental (house_id, node_id, node_path, tenant_node_id, tenant_name, tenant_id_number_enc, tenant_id_number_hash,
       tenant_id_number_masked, tenant_phone_enc, tenant_phone_hash, tenant_phone_masked, landlord_name, start_date, end_date, contract_no)
     SELECT h.id, h.node_id, h.node_path, h.node_id, r.name, r.id_number_enc, r.id_number_hash, r.id_number_masked,
            r.phone_enc, r.phone_hash, r.phone_masked, h.owner_name, s.start_date, (s.start_date + interval '1 year' - interval '1 day')::date,
            'ZL' || to_char(s.start_date, 'YYYY') || '-' || lpad(h.id::text, 6, '0')
     FROM house h
     JOIN LATERAL (SELECT * FROM resident r WHERE r.node_id = h.node_id AND r.registration_type = 'floating'
                   ORDER BY (r.relation_to_head = 'head') DESC, r.id LIMIT 1) r ON true
     CROSS JOIN LATERAL (SELECT LEAST(COALESCE(r.arrival_date, $3::date - 200), $3::date - (abs(hashtext(h.node_path)) % 500))::date AS start_date) s
     WHERE h.use = 'rented' AND h.node_path >= $1 AND h.node_path < $2 AND abs(hashtext(h.node_path || 'reg')) % 10 <> 0`,
    [...range, asOf],
  );
  await q.query(
    `INSERT INTO house_event (house_id, kind, occurred_on, changes)
     SELECT h.id, 'register', $3::date, jsonb_build_object('use', jsonb_build_object('before', null, 'after', h.use))
     FROM house h WHERE h.node_path >= $1 AND h.node_path < $2`,
    [...range, asOf],
  );
  await q.query(
    `INSERT INTO house_event (house_id, rental_id, kind, occurred_on, changes)
     SELECT x.house_id, x.id, 'rental_start', x.start_date, jsonb_build_object('tenant', jsonb_build_object('before', null, 'after', x.tenant_name))
     FROM rental x WHERE x.node_path >= $1 AND x.node_path < $2`,
    range,
  );
}

const unitPlan: readonly { kind: string; prefix: string; count: number; names: readonly string[] }[] = [
  {
    kind: 'shop',
    prefix: '92',
    count: 24,
    names: [
      '便民超市',
      '鲜果铺',
      '早餐店',
      '理发店',
      '五金店',
      '药店',
      '洗衣店',
      '面馆',
      '文具店',
      '快递驿站',
      '花店',
      '修鞋铺',
    ],
  },
  {
    kind: 'company',
    prefix: '91',
    count: 16,
    names: [
      '物业服务有限公司',
      '科技有限公司',
      '餐饮管理有限公司',
      '建筑装饰有限公司',
      '商贸有限公司',
      '文化传媒有限公司',
    ],
  },
  {
    kind: 'organisation',
    prefix: '52',
    count: 10,
    names: ['老年协会', '志愿者服务队', '文体队', '邻里互助会', '妇女儿童之家', '乐龄合唱团'],
  },
  { kind: 'school', prefix: '12', count: 4, names: ['幼儿园', '小学', '实验中学', '社区学校'] },
  { kind: 'agency', prefix: '11', count: 4, names: ['社区卫生服务站', '派出所警务室', '市场监管所', '税务服务点'] },
  { kind: 'religious_site', prefix: '71', count: 2, names: ['观音寺', '福音堂'] },
];

/** About 60 units spread over the grids, each with a valid credit code; one kept by an audited-style override. */
export async function loadDemoUnits(q: Queryable, districtPath: string, districtCode: string, crypto: FieldCrypto) {
  const range = [districtPath, districtPath.slice(0, -1) + '0'];
  const { rows: grids } = await q.query<{ id: number; path: string; name: string }>(
    `SELECT id, path, name FROM jurisdiction_node WHERE level = 'grid' AND path >= $1 AND path < $2 ORDER BY path`,
    range,
  );
  if (grids.length === 0) return;
  const random = createRandom(`units:${districtPath}`);
  const division = /^\d{6}/.test(districtCode) ? districtCode.slice(0, 6) : '330199';
  const orgChars = CREDIT_CODE_ALPHABET;
  let n = 0;
  for (const plan of unitPlan) {
    for (let i = 0; i < plan.count; i++) {
      const grid = grids[(n * 7 + i) % grids.length]!;
      const first17 = plan.prefix + division + Array.from({ length: 9 }, () => orgChars[random.int(0, 30)]).join('');
      const code = first17 + computeCreditCodeCheck(first17);
      const phone = `13${random.int(0, 9)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
      const base = plan.names[i % plan.names.length]!;
      const name =
        plan.kind === 'company'
          ? `邻里${random.pick(['恒信', '安居', '和美', '惠民', '同心'])}${base}`
          : `${grid.name.replace(/网格$/, '')}${base}`;
      await q.query(
        `INSERT INTO org_unit (node_id, node_path, kind, name, credit_code, religion, legal_representative, contact_name,
           contact_phone_enc, contact_phone_hash, contact_phone_masked, employees)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT DO NOTHING`,
        [
          grid.id,
          grid.path,
          plan.kind,
          `${name}${plan.kind === 'shop' || plan.kind === 'organisation' ? `（${i + 1}）` : ''}`,
          code,
          plan.kind === 'religious_site' ? (i === 0 ? '佛教' : '基督教') : null,
          `${random.pick(['王', '李', '张', '陈', '赵'])}${random.pick(['建华', '丽', '伟', '芳', '强'])}`,
          `${random.pick(['刘', '杨', '周', '吴'])}${random.pick(['敏', '静', '军', '磊'])}`,
          crypto.encrypt(phone),
          crypto.blindIndex(phone),
          maskPhone(phone),
          plan.kind === 'shop' ? random.int(1, 8) : plan.kind === 'organisation' ? null : random.int(10, 300),
        ],
      );
      n++;
    }
  }
  // One real-looking code that fails the check, kept with a reason: what the override badge looks like.
  const grid = grids[0]!;
  await q.query(
    `INSERT INTO org_unit (node_id, node_path, kind, name, credit_code, credit_code_override_reason, credit_code_override_at, employees)
     VALUES ($1, $2, 'company', '邻里老字号餐饮有限公司', '911101087263797845', '以营业执照原件为准，已电话核实（演示数据）', now(), 12)
     ON CONFLICT DO NOTHING`,
    [grid.id, grid.path],
  );
}

/** Remove the demo district's housing and units before its nodes (a reset). */
export async function removeDemoHousing(q: Queryable, range: readonly [string, string] | string[]) {
  await q.query(
    `DELETE FROM house_event WHERE house_id IN (SELECT id FROM house WHERE node_path >= $1 AND node_path < $2)`,
    range,
  );
  await q.query('DELETE FROM rental WHERE node_path >= $1 AND node_path < $2', range);
  await q.query('DELETE FROM house WHERE node_path >= $1 AND node_path < $2', range);
  await q.query('DELETE FROM org_unit WHERE node_path >= $1 AND node_path < $2', range);
}
