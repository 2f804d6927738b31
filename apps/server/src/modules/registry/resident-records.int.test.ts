/** Likely duplicates and their merge, and the state of a record on a past date, on real PostgreSQL. */
import { computeIdCheckDigit } from '@linli/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let worker: Session;
let director: Session;
let outsider: Session;
beforeAll(async () => {
  t = await createTestApp();
  worker = await login(t.app, 'c1worker');
  director = await login(t.app, 'c1dir');
  outsider = await login(t.app, 'c2worker');
});
afterAll(async () => {
  await t.close();
});

interface Detail {
  id: number;
  name: string;
  version: number;
  status: string;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  tags: string[];
  mergedInto: number | null;
  mergedFrom: number[];
  events: { kind: string; reason: string | null; mergedRecordId?: number | null; changes: Record<string, unknown> }[];
}

let seq = 0;
/** A valid ID number; the sequence's last digit is even for women. */
const idNumber = (birth: string, female = false) => {
  const first17 = `110105${birth.replaceAll('-', '')}${String(10 + ++seq).slice(-2)}${female ? 2 : 1}`;
  return first17 + computeIdCheckDigit(first17);
};

async function register(as: Session, body: Record<string, unknown>): Promise<Detail> {
  const res = await as.call('POST', '/api/v1/residents', {
    nodeId: t.tree.household1,
    registrationType: 'registered',
    relationToHead: 'other',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Detail;
}

const get = async (id: number, as: Session = worker) =>
  (await as.call('GET', `/api/v1/residents/${id}`)).json() as Detail;

async function auditCount(action: string) {
  const { rows } = await t.tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [
    action,
  ]);
  return rows[0]!.n;
}

describe('likely duplicates', () => {
  let a: Detail;
  let b: Detail;

  it('lists residents of one household with the same name and birth date, in scope only', async () => {
    a = await register(worker, { name: '刘桂兰', gender: 'female', birthDate: '1950-03-04', tags: ['elderly_80'] });
    b = await register(worker, {
      name: '刘桂兰',
      gender: 'female',
      birthDate: '1950-03-04',
      idNumber: idNumber('1950-03-04', true),
      phone: '13900001111',
      tags: ['living_alone'],
    });
    // Same name, another birth date; and the same name and date in another household: not duplicates.
    await register(worker, { name: '刘桂兰', gender: 'female', birthDate: '1951-03-04' });
    await register(worker, { name: '刘桂兰', gender: 'female', birthDate: '1950-03-04', nodeId: t.tree.household1b });

    const res = await worker.call('GET', '/api/v1/residents/duplicates');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { name: string; residents: { id: number }[] }[]; total: number };
    expect(body.total).toBe(1);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]!.name).toBe('刘桂兰');
    expect(body.items[0]!.residents.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());

    const other = (await outsider.call('GET', '/api/v1/residents/duplicates')).json() as { total: number };
    expect(other.total).toBe(0);
    expect((await outsider.call('GET', `/api/v1/residents/duplicates?nodeId=${t.tree.community1}`)).statusCode).toBe(
      404,
    );
  });

  it('refuses a merge outside the caller’s scope, changing nothing', async () => {
    const res = await outsider.call('POST', `/api/v1/residents/${a.id}/merge`, {
      otherId: b.id,
      version: a.version,
      otherVersion: b.version,
      reason: '重复登记',
    });
    expect(res.statusCode).toBe(404);
    expect((await get(b.id)).status).toBe('active');
  });

  it('refuses a merge read at an older version', async () => {
    const res = await worker.call('POST', `/api/v1/residents/${a.id}/merge`, {
      otherId: b.id,
      version: a.version,
      otherVersion: b.version + 1,
      reason: '重复登记',
    });
    expect(res.statusCode).toBe(409);
    expect((res.json() as { code: string }).code).toBe('CONFLICT');
  });

  it('merges: the survivor takes what it lacked, the other ends as 已合并 pointing at it, both histories kept', async () => {
    const before = await auditCount('registry.resident.merge');
    const res = await worker.call('POST', `/api/v1/residents/${a.id}/merge`, {
      otherId: b.id,
      version: a.version,
      otherVersion: b.version,
      reason: '同一人重复登记',
    });
    expect(res.statusCode, res.body).toBe(200);
    const survivor = res.json() as Detail;
    expect(survivor.status).toBe('active');
    expect(survivor.idNumberMasked).toBe(b.idNumberMasked);
    expect(survivor.phoneMasked).toBe('139****1111');
    expect(survivor.tags).toEqual(['elderly_80', 'living_alone']);
    expect(survivor.mergedFrom).toEqual([b.id]);
    // The survivor's timeline shows its own events and those of the merged record.
    const kinds = survivor.events.map((e) => [e.kind, e.mergedRecordId ?? null]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['register', null],
        ['merge', null],
        ['register', b.id],
        ['merge', b.id],
      ]),
    );
    expect(survivor.events.find((e) => e.kind === 'merge' && !e.mergedRecordId)!.reason).toBe('同一人重复登记');

    const merged = await get(b.id);
    expect(merged.status).toBe('merged');
    expect(merged.mergedInto).toBe(a.id);
    expect(await auditCount('registry.resident.merge')).toBe(before + 1);
    const { rows } = await t.tdb.db.query<{ summary: { survivorId: number; mergedId: number; reason: string } }>(
      `SELECT summary FROM audit_log WHERE action = 'registry.resident.merge' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]!.summary).toMatchObject({ survivorId: a.id, mergedId: b.id, reason: '同一人重复登记' });

    // No longer listed as a duplicate; a merged record cannot be merged again.
    expect(((await worker.call('GET', '/api/v1/residents/duplicates')).json() as { total: number }).total).toBe(0);
    const again = await worker.call('POST', `/api/v1/residents/${a.id}/merge`, {
      otherId: b.id,
      version: survivor.version,
      otherVersion: merged.version,
      reason: '再合并',
    });
    expect((again.json() as { code: string }).code).toBe('RESIDENT_NOT_ACTIVE');
  });

  it('refuses to merge two records with different ID numbers', async () => {
    const x = await register(worker, { name: '陈明', idNumber: idNumber('1970-01-01') });
    const y = await register(worker, { name: '陈明', idNumber: idNumber('1970-01-01') });
    const res = await worker.call('POST', `/api/v1/residents/${x.id}/merge`, {
      otherId: y.id,
      version: x.version,
      otherVersion: y.version,
      reason: '重复登记',
    });
    expect(res.statusCode).toBe(409);
    expect((res.json() as { code: string }).code).toBe('RESIDENT_MERGE_ID_MISMATCH');
    expect((await get(y.id)).status).toBe('active');
  });

  it('refuses a merge when the other record lies outside the caller’s scope', async () => {
    const x = await register(worker, { name: '赵强', gender: 'male', birthDate: '1980-02-02' });
    const y = await register(director, { name: '赵强', gender: 'male', birthDate: '1980-02-02' });
    const far = await register(await login(t.app, 'admin'), {
      name: '赵强',
      gender: 'male',
      birthDate: '1980-02-02',
      nodeId: t.tree.household2,
    });
    const res = await worker.call('POST', `/api/v1/residents/${x.id}/merge`, {
      otherId: far.id,
      version: x.version,
      otherVersion: far.version,
      reason: '重复登记',
    });
    expect(res.statusCode).toBe(404);
    expect((await get(far.id, await login(t.app, 'admin'))).status).toBe('active');
    expect(y.status).toBe('active');
  });
});

describe('the record on a past date', () => {
  it('rebuilds each earlier state from the history, exactly as the record was', async () => {
    const snapshots: { date: string; detail: Detail & Record<string, unknown> }[] = [];
    const take = async (date: string, id: number) =>
      snapshots.push({ date, detail: (await get(id)) as Detail & Record<string, unknown> });

    const r = await register(worker, { name: '孙丽', gender: 'female', birthDate: '1985-06-01', phone: '13700002222' });
    await take('2026-01-10', r.id);
    const v1 = (
      await worker.call('PATCH', `/api/v1/residents/${r.id}`, {
        version: r.version,
        phone: '13700003333',
        tags: ['subsistence'],
        notes: '低保复核',
        reason: '电话更换',
      })
    ).json() as Detail;
    await take('2026-03-01', r.id);
    await worker.call('POST', `/api/v1/residents/${r.id}/move`, {
      kind: 'change_household',
      toNodeId: t.tree.household1b,
      relationToHead: 'head',
      occurredOn: '2026-05-01',
    });
    await take('2026-05-01', r.id);
    await worker.call('POST', `/api/v1/residents/${r.id}/end`, { kind: 'move_out', occurredOn: '2026-07-01' });
    await take('2026-07-01', r.id);
    expect(v1.version).toBe(2);
    // The register and correction happened "today" in the test: date them as the snapshots say.
    await t.tdb.db.query(
      `UPDATE resident_event SET occurred_on = CASE kind WHEN 'register' THEN date '2026-01-10' ELSE date '2026-03-01' END
       WHERE resident_id = $1 AND kind IN ('register', 'update')`,
      [r.id],
    );

    const asOf = async (date: string) =>
      (await worker.call('GET', `/api/v1/residents/${r.id}/as-of?date=${date}`)).json() as {
        existed: boolean;
        nodeId: number | null;
        address: string | null;
        status: string | null;
        fields: Record<string, unknown>;
      };
    expect((await asOf('2026-01-09')).existed).toBe(false);
    for (const { date, detail } of snapshots) {
      for (const day of [date, `${date.slice(0, 8)}${String(Number(date.slice(8)) + 1).padStart(2, '0')}`]) {
        const state = await asOf(day);
        expect(state.existed).toBe(true);
        expect(state.status).toBe(detail.status);
        expect(state.address).toBe(detail.address);
        expect(state.fields).toMatchObject({
          name: detail.name,
          phone: detail.phoneMasked,
          idNumber: detail.idNumberMasked,
          relationToHead: detail.relationToHead,
          notes: detail.notes,
          tags: detail.tags,
          registrationType: detail.registrationType,
        });
      }
    }
    const early = await asOf('2026-02-01');
    expect(early.fields.phone).toBe('137****2222');
    expect(early.fields).not.toHaveProperty('politicalStatus');
    expect((await outsider.call('GET', `/api/v1/residents/${r.id}/as-of?date=2026-02-01`)).statusCode).toBe(404);
  });
});

describe('a resident’s own copy of their data', () => {
  it('holds the full numbers, the history and the visits, and is logged with its reason', async () => {
    const id = idNumber('1948-12-01', true);
    const r = await register(director, {
      name: '周秀英',
      idNumber: id,
      phone: '13812345678',
      tags: ['living_alone'],
      sensitive: { health: '高血压' },
    });
    await worker.call('POST', `/api/v1/residents/${r.id}/visits`, {
      kind: 'home',
      visitedOn: '2026-02-01',
      wellbeing: 'good',
      finding: '入户看望，精神很好',
    });
    const clerk = worker;
    const refused = await clerk.call('GET', `/api/v1/residents/${r.id}/personal-copy`);
    expect(refused.statusCode).toBe(400);
    const res = await clerk.call(
      'GET',
      `/api/v1/residents/${r.id}/personal-copy?reason=${encodeURIComponent('本人申请查阅')}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('个人信息副本_周秀英');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const text = (name: string) => {
      const lines: string[] = [];
      wb.getWorksheet(name)!.eachRow((row) => lines.push((row.values as unknown[]).slice(1).join('|')));
      return lines;
    };
    const basic = text('基本信息');
    expect(basic[0]).toContain('本人申请查阅');
    expect(basic).toContain(`证件号码|${id}`);
    expect(basic).toContain('联系电话|13812345678');
    // A community worker may not read health: the copy says who can issue that part.
    expect(basic.join()).not.toContain('高血压');
    expect(basic.some((l) => l.startsWith('健康、残疾、宗教信仰、政治面貌|'))).toBe(true);
    expect(text('变动历史').some((l) => l.includes('|登记|'))).toBe(true);
    expect(text('走访记录').some((l) => l.includes('入户看望，精神很好'))).toBe(true);

    const dirCopy = await director.call('GET', `/api/v1/residents/${r.id}/personal-copy?reason=本人申请`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(dirCopy.rawPayload as unknown as ArrayBuffer);
    const rows2: string[] = [];
    wb2.getWorksheet('基本信息')!.eachRow((row) => rows2.push((row.values as unknown[]).slice(1).join('|')));
    expect(rows2).toContain('健康状况|高血压');

    const { rows } = await t.tdb.db.query<{ actor_name: string; summary: { reason: string; fields: string[] } }>(
      `SELECT actor_name, summary FROM audit_log WHERE action = 'registry.resident.personal_copy' AND entity_id = $1 ORDER BY id`,
      [String(r.id)],
    );
    expect(rows.map((x) => x.summary.reason)).toEqual(['本人申请查阅', '本人申请']);
    expect(rows[0]!.summary.fields).toEqual(['idNumber', 'phone']);
    expect((await outsider.call('GET', `/api/v1/residents/${r.id}/personal-copy?reason=本人申请`)).statusCode).toBe(
      404,
    );
  });
});
