/** Retention rules and a resident's deletion request, on real PostgreSQL with a frozen clock. */
import { computeIdCheckDigit } from '@linli/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../../test/test-app.ts';
import { createRetentionService, type RetentionService } from './registry-retention.service.ts';

// 2026-06-15 12:00 in Shanghai. Default policy: 3 years for residents, rentals and visits.
const NOW = new Date('2026-06-15T04:00:00Z');

let t: TestApp;
let worker: Session;
let director: Session;
let outsider: Session;
let retention: RetentionService;
beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  worker = await login(t.app, 'c1worker');
  director = await login(t.app, 'c1dir');
  outsider = await login(t.app, 'c2worker');
  retention = createRetentionService({ db: t.tdb.db, now: () => NOW });
});
afterAll(async () => {
  await t.close();
});

let seq = 0;
const idNumber = (birth: string) => {
  const first17 = `110105${birth.replaceAll('-', '')}${String(10 + ++seq).slice(-2)}1`;
  return first17 + computeIdCheckDigit(first17);
};

async function register(name: string, birthDate: string, extra: Record<string, unknown> = {}) {
  const res = await director.call('POST', '/api/v1/residents', {
    nodeId: t.tree.household1,
    name,
    gender: 'male',
    birthDate,
    idNumber: idNumber(birthDate),
    phone: '13900001111',
    registrationType: 'floating',
    arrivalDate: '2010-01-01',
    origin: '安徽省合肥市',
    relationToHead: 'other',
    notes: `${name}的备注`,
    sensitive: { health: '高血压' },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number };
}

async function end(id: number, kind: 'move_out' | 'death', occurredOn: string) {
  const res = await worker.call('POST', `/api/v1/residents/${id}/end`, { kind, occurredOn, reason: '迁往外省' });
  expect(res.statusCode, res.body).toBe(200);
}

async function visit(id: number, visitedOn: string) {
  const res = await worker.call('POST', `/api/v1/residents/${id}/visits`, {
    kind: 'home',
    visitedOn,
    wellbeing: 'attention',
    finding: '独自在家，腿脚不便',
    needsFollowUp: true,
    followUpNote: '联系其女儿',
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
}

const row = async (id: number) =>
  (
    await t.tdb.db.query<Record<string, unknown>>(
      `SELECT r.*, to_char(r.birth_date, 'YYYY-MM-DD') AS birth, (SELECT count(*)::int FROM resident_sensitive s WHERE s.resident_id = r.id) AS sensitive_rows
       FROM resident r WHERE id = $1`,
      [id],
    )
  ).rows[0]!;

const auditOf = async (action: string) =>
  (
    await t.tdb.db.query<{ summary: Record<string, unknown>; entity_id: string | null; actor_name: string | null }>(
      `SELECT summary, entity_id, actor_name FROM audit_log WHERE action = $1 ORDER BY id`,
      [action],
    )
  ).rows;

describe('the daily retention run', () => {
  let lapsed: { id: number };
  let merged: { id: number };
  let kept: { id: number };
  let active: { id: number };
  let activeBefore: Record<string, unknown>;
  let rentalId: number;

  beforeAll(async () => {
    lapsed = await register('王建国', '1960-05-20');
    merged = await register('王建国', '1960-05-20', { idNumber: undefined, phone: '13900002222' });
    const a = (await worker.call('GET', `/api/v1/residents/${lapsed.id}`)).json() as { version: number };
    const m = (await worker.call('GET', `/api/v1/residents/${merged.id}`)).json() as { version: number };
    const mres = await worker.call('POST', `/api/v1/residents/${lapsed.id}/merge`, {
      otherId: merged.id,
      version: a.version,
      otherVersion: m.version,
      reason: '重复登记',
    });
    expect(mres.statusCode, mres.body).toBe(200);
    await visit(lapsed.id, '2023-05-01');
    // Ended 2023-06-14: kept through 2026-06-14, lapsed on the frozen day.
    await end(lapsed.id, 'move_out', '2023-06-14');
    // Died 2023-06-15: kept through 2026-06-15, the frozen day itself.
    kept = await register('李秀英', '1940-01-02');
    await end(kept.id, 'death', '2023-06-15');
    // Active, with a visit older than the visit period: the record is never touched.
    active = await register('赵敏', '1950-07-07');
    await visit(active.id, '2020-03-01');
    activeBefore = await row(active.id);
    const { rows: house } = await t.tdb.db.query<{ id: number; path: string }>(
      `INSERT INTO house (node_id, node_path, use) SELECT id, path, 'rented' FROM jurisdiction_node WHERE id = $1 RETURNING id, node_path AS path`,
      [t.tree.household1b],
    );
    const { rows: rental } = await t.tdb.db.query<{ id: number }>(
      `INSERT INTO rental (house_id, node_id, node_path, tenant_name, tenant_phone_masked, landlord_name, start_date, status, ended_on)
       VALUES ($1, $2, $3, '孙租客', '139****3333', '周房东', '2019-01-01', 'ended', '2023-01-31') RETURNING id`,
      [house[0]!.id, t.tree.household1b, house[0]!.path],
    );
    rentalId = rental[0]!.id;
    await t.tdb.db.query(
      `INSERT INTO house_event (house_id, rental_id, kind, occurred_on, changes) VALUES ($1, $2, 'rental_start', '2019-01-01', '{"tenant": {"before": null, "after": "孙租客"}}')`,
      [house[0]!.id, rentalId],
    );
  });

  it('a dry run counts what has lapsed and changes nothing', async () => {
    const before = await row(lapsed.id);
    const audits = (await auditOf('registry.resident.anonymise')).length;
    const r = await retention.run({ dryRun: true });
    expect(r).toMatchObject({ dryRun: true, today: '2026-06-15', residents: 1, mergedResidents: 1, rentals: 1 });
    // The lapsed resident's visit (2023-05-01) and the active resident's (2020-03-01) are past 3 years.
    expect(r.visits).toBe(2);
    expect(await row(lapsed.id)).toEqual(before);
    expect((await auditOf('registry.resident.anonymise')).length).toBe(audits);
    const { rows } = await t.tdb.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM resident WHERE anonymised_at IS NOT NULL) + (SELECT count(*) FROM visit WHERE anonymised_at IS NOT NULL)
            + (SELECT count(*) FROM rental WHERE anonymised_at IS NOT NULL) AS n`,
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('the policy: read by workers, previewed and changed by the administrator only, versioned and audited', async () => {
    const admin = await login(t.app, 'admin');
    const seen = await worker.call('GET', '/api/v1/registry/retention');
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ residentYears: 3, rentalYears: 3, visitYears: 3, version: 1, updatedBy: null });
    // A preview counts under the proposed periods and changes nothing.
    const preview = (q: string) => admin.call('GET', `/api/v1/registry/retention/preview?${q}`);
    expect((await preview('residentYears=4&rentalYears=4&visitYears=4')).json()).toEqual({
      today: '2026-06-15',
      residents: 0,
      mergedResidents: 0,
      rentals: 0,
      visits: 1,
    });
    expect((await preview('residentYears=1&rentalYears=3&visitYears=3')).json()).toMatchObject({
      residents: 2,
      mergedResidents: 1,
    });
    expect((await preview('residentYears=0&rentalYears=3&visitYears=3')).statusCode).toBe(400);
    expect(
      (await director.call('GET', '/api/v1/registry/retention/preview?residentYears=1&rentalYears=1&visitYears=1'))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await director.call('PUT', '/api/v1/registry/retention', {
          version: 1,
          residentYears: 5,
          rentalYears: 3,
          visitYears: 3,
        })
      ).statusCode,
    ).toBe(403);

    const saved = await admin.call('PUT', '/api/v1/registry/retention', {
      version: 1,
      residentYears: 5,
      rentalYears: 3,
      visitYears: 3,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ residentYears: 5, version: 2, updatedBy: '测试admin' });
    expect((await retention.policy()).residentYears).toBe(5);
    const stale = await admin.call('PUT', '/api/v1/registry/retention', {
      version: 1,
      residentYears: 4,
      rentalYears: 3,
      visitYears: 3,
    });
    expect(stale.statusCode).toBe(409);
    const entries = await auditOf('registry.retention.update');
    expect(entries.at(-1)!.summary).toEqual({
      before: { residentYears: 3, rentalYears: 3, visitYears: 3 },
      after: { residentYears: 5, rentalYears: 3, visitYears: 3 },
    });
    // Back to the defaults, which the rest of this file counts on.
    const back = await admin.call('PUT', '/api/v1/registry/retention', {
      version: 2,
      residentYears: 3,
      rentalYears: 3,
      visitYears: 3,
    });
    expect(back.statusCode, back.body).toBe(200);
  });

  it('anonymises a lapsed resident and the record merged into theirs, in batches with counts-only audit entries', async () => {
    const r = await retention.run({ batchSize: 1 });
    expect(r).toMatchObject({ dryRun: false, residents: 1, mergedResidents: 1, rentals: 1, visits: 1 });
    for (const id of [lapsed.id, merged.id]) {
      const a = await row(id);
      expect(a).toMatchObject({
        name: `已匿名化居民#${id}`,
        name_pinyin: '',
        name_initials: '',
        id_kind: 'none',
        id_number_enc: null,
        id_number_hash: null,
        id_number_masked: null,
        phone_enc: null,
        phone_hash: null,
        phone_masked: null,
        birth: '1960-01-01',
        origin: null,
        notes: null,
        sensitive_rows: 0,
      });
      expect(a.anonymised_at).not.toBeNull();
    }
    // What counts stay: status, dates, address, type, gender.
    expect(await row(lapsed.id)).toMatchObject({
      status: 'moved_out',
      registration_type: 'floating',
      gender: 'male',
      node_id: t.tree.household1,
    });
    expect(await row(merged.id)).toMatchObject({ status: 'merged', merged_into: lapsed.id });
    const audits = await auditOf('registry.resident.anonymise');
    expect(audits).toHaveLength(1);
    expect(audits[0]!.summary).toMatchObject({ trigger: 'retention', residents: 1, mergedResidents: 1 });
    expect(audits[0]!.actor_name).toBe('system:retention');
    expect(JSON.stringify(audits.map((a) => a.summary))).not.toContain('王建国');
    expect(await auditOf('registry.rentals.anonymise')).toHaveLength(1);
  });

  it('scrubs the history: events, visits and the rental keep their facts, not the person', async () => {
    const { rows: events } = await t.tdb.db.query<{ kind: string; changes: string; reason: string | null }>(
      `SELECT kind, changes::text, reason FROM resident_event WHERE resident_id = ANY($1) ORDER BY id`,
      [[lapsed.id, merged.id]],
    );
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['register', 'merge', 'move_out']));
    for (const e of events) {
      expect(e.changes).not.toMatch(/王建国|1960-05-20|13900|安徽|备注|高血压/);
      expect(e.reason).toBeNull();
    }
    const { rows: visits } = await t.tdb.db.query<{ resident_id: number; finding: string | null; note: string }>(
      `SELECT resident_id, finding, follow_up_note AS note FROM visit ORDER BY id`,
    );
    expect(visits.every((v) => v.finding === null && v.note === '（已匿名化）')).toBe(true);
    const { rows: rental } = await t.tdb.db.query(
      `SELECT tenant_name, tenant_phone_masked, landlord_name, start_date IS NOT NULL AS has_start FROM rental WHERE id = $1`,
      [rentalId],
    );
    expect(rental[0]).toEqual({
      tenant_name: '已匿名化租客',
      tenant_phone_masked: null,
      landlord_name: '周房东',
      has_start: true,
    });
    const { rows: houseEvents } = await t.tdb.db.query<{ changes: string }>(
      `SELECT changes::text FROM house_event WHERE rental_id = $1`,
      [rentalId],
    );
    expect(houseEvents[0]!.changes).not.toContain('孙租客');
    // The console still shows the record, under its placeholder.
    const detail = await worker.call('GET', `/api/v1/residents/${lapsed.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ name: `已匿名化居民#${lapsed.id}`, idNumberMasked: null, phoneMasked: null });
  });

  it('never touches an active resident, nor one still within the period', async () => {
    expect(await row(active.id)).toEqual(activeBefore);
    expect(await row(kept.id)).toMatchObject({ name: '李秀英', anonymised_at: null, birth: '1940-01-02' });
  });

  it('a second run changes nothing and writes no audit entry', async () => {
    const audits = (await auditOf('registry.resident.anonymise')).length;
    const before = await row(lapsed.id);
    const r = await retention.run();
    expect(r).toMatchObject({ residents: 0, mergedResidents: 0, rentals: 0, visits: 0, batches: 0 });
    expect(await row(lapsed.id)).toEqual(before);
    expect((await auditOf('registry.resident.anonymise')).length).toBe(audits);
  });

  it('the next day, the record whose last day of retention was today lapses', async () => {
    const later = createRetentionService({ db: t.tdb.db, now: () => new Date('2026-06-16T04:00:00Z') });
    expect(await later.run({ dryRun: true })).toMatchObject({ residents: 1 });
  });
});

describe("a resident's deletion request", () => {
  const erase = (as: Session, id: number) =>
    as.call('POST', `/api/v1/residents/${id}/erasure`, { reason: '本人书面申请删除个人信息' });

  it('is refused while the resident is registered here', async () => {
    const r = await register('钱多多', '1980-02-03');
    const res = await erase(worker, r.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'RESIDENT_RETENTION_REQUIRED' });
    expect((res.json() as { message: string }).message).toContain('在册');
    expect(await row(r.id)).toMatchObject({ name: '钱多多', anonymised_at: null });
  });

  it('is refused within the retention period, saying until when and why', async () => {
    const r = await register('孙小美', '1985-04-05');
    await end(r.id, 'move_out', '2025-01-10');
    const res = await erase(worker, r.id);
    expect(res.statusCode).toBe(409);
    const body = res.json() as { code: string; message: string; details: Record<string, unknown> };
    expect(body.code).toBe('RESIDENT_RETENTION_REQUIRED');
    expect(body.message).toContain('2028-01-10');
    expect(body.message).toContain('迁出');
    expect(body.details).toMatchObject({ retainedUntil: '2028-01-10', endedOn: '2025-01-10' });
    expect(await row(r.id)).toMatchObject({ name: '孙小美', anonymised_at: null });
  });

  it('a merged record follows its survivor', async () => {
    const a = await register('周正', '1970-08-08');
    const b = await register('周正', '1970-08-08', { idNumber: undefined });
    const va = (await worker.call('GET', `/api/v1/residents/${a.id}`)).json() as { version: number };
    const vb = (await worker.call('GET', `/api/v1/residents/${b.id}`)).json() as { version: number };
    await worker.call('POST', `/api/v1/residents/${a.id}/merge`, {
      otherId: b.id,
      version: va.version,
      otherVersion: vb.version,
      reason: '重复登记',
    });
    const res = await erase(worker, b.id);
    expect(res.statusCode).toBe(409);
    expect((res.json() as { message: string }).message).toContain(`并入 #${a.id}`);
  });

  it('anonymises at once once retention has lapsed; audited; another community gets 404', async () => {
    const r = await register('吴用', '1975-09-09');
    await end(r.id, 'death', '2020-02-29');
    expect((await erase(outsider, r.id)).statusCode).toBe(404);
    expect(await row(r.id)).toMatchObject({ name: '吴用', anonymised_at: null });

    const res = await erase(worker, r.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: r.id, name: `已匿名化居民#${r.id}`, mergedAnonymised: 0 });
    expect(await row(r.id)).toMatchObject({ id_number_hash: null, phone_enc: null, birth: '1975-01-01' });
    const audit = (await auditOf('registry.resident.anonymise')).at(-1)!;
    expect(audit.entity_id).toBe(String(r.id));
    expect(audit.actor_name).toBe('c1worker');
    expect(audit.summary).toMatchObject({ trigger: 'erasure', residents: 1, reason: '本人书面申请删除个人信息' });
    // Asked again: nothing left to do, same answer.
    const again = await erase(worker, r.id);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ name: `已匿名化居民#${r.id}` });
  });
});
