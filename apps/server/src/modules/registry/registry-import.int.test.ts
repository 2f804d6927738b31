/** Resident import on real PostgreSQL: dry run, commit modes, idempotence, undo, scope, one transaction, streaming. */
import { computeIdCheckDigit } from '@linli/contracts';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../../test/test-app.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = [
  '序号',
  '姓名',
  '性别',
  '出生日期',
  '公民身份号码',
  '联系电话',
  '人口类型',
  '与户主关系',
  '住址',
  '来本地日期',
  '户籍地',
  '关爱类别',
];

let t: TestApp;
let worker: Session;
beforeAll(async () => {
  t = await createTestApp();
  worker = await login(t.app, 'c1worker');
});
afterAll(async () => {
  await t.close();
});

/** A valid resident ID number born on the given day, with a sequence number. */
function idNo(birth: string, seq: number) {
  const first17 = `110105${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + computeIdCheckDigit(first17);
}

/** A ledger as workers keep it: a title row, the header row, then the rows. */
async function ledger(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['甲社区居民花名册']);
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Result = {
  id: number;
  totalRows: number;
  goodRows: number;
  badRows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: { row: number; column: string; value: string; reason: string }[];
};

async function upload(s: Session, file: Buffer, nodeId = t.tree.community1) {
  return s.call('POST', `/api/v1/registry/imports?nodeId=${nodeId}&fileName=test.xlsx`, file, { 'content-type': XLSX });
}
async function uploadId(file: Buffer) {
  const res = await upload(worker, file);
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: number }).id;
}
async function run(id: number, body: object = {}) {
  return worker.call('POST', `/api/v1/registry/imports/${id}/run`, body);
}
const count = async (table: string) =>
  (await t.tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

const A = idNo('1950-03-01', 1);
const B = idNo('1985-07-15', 2);
const C = idNo('1992-11-30', 4);
// Rows 3..7 in Excel: rows 4 and 6 are bad.
const file = () =>
  ledger([
    [1, '赵一', '男', '1950-03-01', A, '13800000001', '户籍', '户主', '1幢1单元101室', null, null, '独居老人'],
    [2, '钱二', '女', '1985-07-15', B, '1380000', '户籍', '配偶', '1幢1单元101室', null, null, null],
    [3, '孙三', '女', '1985-07-15', B, '13800000003', '常住', '配偶', '1幢 1单元101室', null, null, null],
    [4, '李四', '男', null, idNo('1970-01-01', 5), null, '户籍', '户主', '9幢9单元909室', null, null, null],
    [5, '周五', '女', null, C, null, '流动', '租户', '1幢1单元102室', '2025-02-01', '安徽省阜阳市', null],
  ]);

describe('import of residents from an .xlsx ledger', () => {
  let firstImport: number;

  it('upload finds the header row under the title and suggests a mapping', async () => {
    const res = await upload(worker, await file());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      format: 'xlsx',
      headerRow: 2,
      headers: HEADERS,
      suggestedMapping: { name: '姓名', idNumber: '公民身份号码', address: '住址', tags: '关爱类别' },
      rememberedMapping: null,
    });
  });

  it('dry run lists exactly the bad rows, with the Excel row, column, value and reason; writes nothing', async () => {
    const before = await count('resident');
    const id = await uploadId(await file());
    const res = await run(id);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Result;
    expect(r).toMatchObject({ totalRows: 5, goodRows: 3, badRows: 2, created: 3, updated: 0, unchanged: 0 });
    expect(r.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [4, '联系电话', '1380000'],
      [6, '住址', '9幢9单元909室'],
    ]);
    expect(r.errors[1]!.reason).toMatch(/找不到这个住址对应的户/);
    expect(r.errors.every((e) => /[\u4e00-\u9fa5]/.test(e.reason))).toBe(true);
    expect(await count('resident')).toBe(before);
  });

  it('a duplicate ID number within the file is a bad row pointing at the first one', async () => {
    const id = await uploadId(
      await ledger([
        [1, '甲', null, null, A, null, '户籍', '户主', '1幢1单元101室', null, null, null],
        [2, '乙', null, null, A, null, '户籍', '户主', '1幢1单元101室', null, null, null],
      ]),
    );
    const r = (await run(id)).json() as Result;
    expect(r.errors).toEqual([
      {
        row: 4,
        column: '公民身份号码',
        value: expect.stringMatching(/^110105\*{8}/) as unknown,
        reason: '与第 3 行的证件号码重复',
      },
    ]);
  });

  it('lists the first 1,000 problems and counts them all', async () => {
    const rows = Array.from({ length: 1005 }, (_, i) => [
      i + 1,
      `错${i}`,
      null,
      null,
      idNo('1990-02-02', i % 1000),
      '123',
      '户籍',
      null,
      '1幢1单元101室',
      null,
      null,
      null,
    ]);
    const r = (await run(await uploadId(await ledger(rows)))).json() as Result & { errorsTruncated: boolean };
    expect(r).toMatchObject({ totalRows: 1005, badRows: 1005, errorsTruncated: true });
    expect(r.errors).toHaveLength(1000);
  });

  it('all_or_nothing refuses a file with bad rows and writes nothing', async () => {
    const before = await count('resident');
    const id = await uploadId(await file());
    const res = await run(id, { dryRun: false, mode: 'all_or_nothing' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'IMPORT_HAS_BAD_ROWS', details: { badRows: 2 } });
    expect(await count('resident')).toBe(before);
    const status = (await worker.call('GET', `/api/v1/registry/imports/${id}`)).json() as { status: string };
    expect(status.status).toBe('uploaded');
  });

  it('good_rows registers the good rows in one audited batch', async () => {
    const auditsBefore = await count('audit_log');
    firstImport = await uploadId(await file());
    const res = await run(firstImport, { dryRun: false, mode: 'good_rows' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'committed', created: 3, updated: 0, unchanged: 0, badRows: 2 });
    const { rows } = await t.tdb.db.query<{
      name: string;
      registration_type: string;
      tags: string[];
      events: string[];
    }>(
      `SELECT r.name, r.registration_type, ARRAY(SELECT tag_code FROM resident_tag WHERE resident_id = r.id) AS tags,
              ARRAY(SELECT kind FROM resident_event WHERE resident_id = r.id) AS events
       FROM resident r ORDER BY r.id`,
    );
    expect(rows).toEqual([
      { name: '赵一', registration_type: 'registered', tags: ['living_alone'], events: ['register'] },
      { name: '孙三', registration_type: 'permanent', tags: [], events: ['register'] },
      { name: '周五', registration_type: 'floating', tags: [], events: ['register'] },
    ]);
    const audits = await t.tdb.db.query<{ action: string; summary: Record<string, unknown> }>(
      `SELECT action, summary FROM audit_log ORDER BY id DESC LIMIT 2`,
    );
    // The upload and the commit: one entry for the whole import, with its counts.
    expect(await count('audit_log')).toBe(auditsBefore + 2);
    expect(audits.rows[0]).toMatchObject({
      action: 'registry.import.commit',
      summary: { created: 3, updated: 0, unchanged: 0, badRows: 2, totalRows: 5, mode: 'good_rows' },
    });
    const status = (await worker.call('GET', `/api/v1/registry/imports/${firstImport}`)).json() as unknown;
    expect(status).toMatchObject({ status: 'committed', rowsProcessed: 5, rowsTotal: 5, created: 3 });
    // The same upload cannot be committed twice.
    expect((await run(firstImport, { dryRun: false, mode: 'good_rows' })).statusCode).toBe(409);
  });

  it('re-importing the same file changes nothing, and the mapping is remembered', async () => {
    const fingerprint = async () =>
      (
        await t.tdb.db.query<{ f: string }>(
          `SELECT md5(string_agg(concat_ws(',', id, name, phone_hash, version, updated_at), ';' ORDER BY id)) ||
                  (SELECT count(*) FROM resident_event)::text || (SELECT count(*) FROM resident_tag)::text AS f FROM resident`,
        )
      ).rows[0]!.f;
    const before = await fingerprint();
    const res = await upload(worker, await file());
    expect((res.json() as { rememberedMapping: unknown }).rememberedMapping).toMatchObject({ name: '姓名' });
    const second = await run((res.json() as { id: number }).id, { dryRun: false, mode: 'good_rows' });
    expect(second.statusCode, second.body).toBe(200);
    const r = second.json() as Result;
    expect(r).toMatchObject({ created: 0, updated: 0, unchanged: 3, badRows: 2 });
    expect(await fingerprint()).toBe(before);
  });

  it('a differing row corrects the resident with an update event (导入更正)', async () => {
    const id = await uploadId(
      await ledger([
        [1, '赵一', '男', '1950-03-01', A, '13900000009', '户籍', '户主', '1幢1单元101室', null, null, '独居老人'],
      ]),
    );
    const r = (await run(id, { dryRun: false, mode: 'all_or_nothing' })).json() as Result;
    expect(r).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const { rows } = await t.tdb.db.query<{
      kind: string;
      reason: string;
      changes: Record<string, unknown>;
      phone_masked: string;
    }>(
      `SELECT e.kind, e.reason, e.changes, r.phone_masked FROM resident_event e JOIN resident r ON r.id = e.resident_id
       WHERE r.name = '赵一' ORDER BY e.id DESC LIMIT 1`,
    );
    expect(rows[0]).toEqual({
      kind: 'update',
      reason: '导入更正',
      changes: { phone: { before: '138****0001', after: '139****0009' } },
      phone_masked: '139****0009',
    });
  });

  it('undo refuses while a created resident has changed since, and removes an untouched batch', async () => {
    const blocked = await worker.call('POST', `/api/v1/registry/imports/${firstImport}/undo`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ code: 'IMPORT_UNDO_BLOCKED', details: { residents: ['赵一'] } });

    const D = idNo('2001-01-01', 5);
    const id = await uploadId(
      await ledger([[1, '吴六', null, null, D, null, '户籍', '子女', '1幢1单元102室', null, null, '留守儿童']]),
    );
    expect(((await run(id, { dryRun: false })).json() as Result).created).toBe(1);
    const before = await count('resident');
    const res = await worker.call('POST', `/api/v1/registry/imports/${id}/undo`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id, removed: 1, updatedKept: 0 });
    expect(await count('resident')).toBe(before - 1);
    expect((await t.tdb.db.query(`SELECT 1 FROM resident WHERE name = '吴六'`)).rowCount).toBe(0);
    expect((await worker.call('POST', `/api/v1/registry/imports/${id}/undo`)).statusCode).toBe(409);
  });

  it('a worker of community 2 cannot import into community 1 nor touch its imports', async () => {
    const other = await login(t.app, 'c2worker');
    expect((await upload(other, await file())).statusCode).toBe(404);
    const id = await uploadId(await file());
    expect((await other.call('POST', `/api/v1/registry/imports/${id}/run`, {})).statusCode).toBe(404);
    expect((await other.call('GET', `/api/v1/registry/imports/${id}`)).statusCode).toBe(404);
    // Rows of community 2's own household are not found under community 1 either.
    const r = (
      await run(
        await uploadId(
          await ledger([
            [1, '越界', null, null, idNo('1990-01-01', 6), null, '户籍', '户主', '2幢1单元201室', null, null, null],
          ]),
        ),
      )
    ).json() as Result;
    expect(r.errors.map((e) => e.column)).toEqual(['住址']);
  });

  it('refuses a file that is not a spreadsheet, and answers the missing columns', async () => {
    const res = await worker.call(
      'POST',
      `/api/v1/registry/imports?nodeId=${t.tree.community1}`,
      Buffer.from('hello'),
      {
        'content-type': 'text/csv',
      },
    );
    expect(res.json()).toMatchObject({ code: 'IMPORT_FILE_UNREADABLE' });
    const id = await uploadId(await file());
    const bad = await run(id, { mapping: { name: '姓名', address: '住址' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'IMPORT_MAPPING_INCOMPLETE' });
  });

  it('the upload route takes files only, with its own size limit; JSON routes keep theirs', async () => {
    const url = `/api/v1/registry/imports?nodeId=${t.tree.community1}`;
    const json = await worker.call('POST', url, { name: '张三' });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const png = await worker.call('POST', url, Buffer.from([0x89, 0x50, 0x4e, 0x47]), { 'content-type': 'image/png' });
    expect(png.statusCode).toBe(400);
    // 200 KB is over the test app's JSON limit (64 KB) but well within the upload's 50 MB.
    const big = Buffer.from(`姓名,身份证号,户籍类型,门牌\n${'\n'.repeat(200_000)}`);
    expect((await worker.call('POST', url, big, { 'content-type': 'text/csv' })).statusCode).toBe(201);
    const bigJson = await worker.call('POST', '/api/v1/residents', { name: '张三', notes: 'x'.repeat(200_000) });
    expect(bigJson.statusCode).toBe(413);
    // …and a file sent to a JSON route is refused.
    const csvToJson = await worker.call('POST', '/api/v1/residents', Buffer.from('姓名\n张三\n'), {
      'content-type': 'text/csv',
    });
    expect(csvToJson.statusCode).toBe(400);
    expect((await t.tdb.db.query(`SELECT 1 FROM resident WHERE name = '张三'`)).rowCount).toBe(0);
  });

  it('reads a CSV with other header words, imported for a grid', async () => {
    const text = `姓名,身份证号,户籍类型,门牌\r\n郑七,${idNo('1966-06-06', 7)},户籍,1幢1单元102室\r\n`;
    const csv = Buffer.from(`\ufeff${text}`);
    const res = await worker.call('POST', `/api/v1/registry/imports?nodeId=${t.tree.grid1}`, csv, {
      'content-type': 'text/csv',
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = (await run((res.json() as { id: number }).id)).json() as Result;
    expect(r).toMatchObject({ totalRows: 1, badRows: 0, created: 1 });
  });
});

describe('one transaction', () => {
  it('an import that fails half-way leaves nothing written', async () => {
    // A row that becomes invalid only at insert time, after a first batch of 500 has been written.
    await t.tdb.db.query(`CREATE FUNCTION test_refuse_resident() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = '中途失败' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`);
    await t.tdb.db.query(
      `CREATE TRIGGER test_refuse_resident BEFORE INSERT ON resident FOR EACH ROW EXECUTE FUNCTION test_refuse_resident()`,
    );
    try {
      const rows = Array.from({ length: 700 }, (_, i) => [
        i + 1,
        i === 649 ? '中途失败' : `批量${i}`,
        null,
        null,
        idNo('1975-05-05', i + 100),
        null,
        '户籍',
        '其他',
        '1幢1单元102室',
        null,
        null,
        null,
      ]);
      const before = {
        residents: await count('resident'),
        events: await count('resident_event'),
        audit: await count('audit_log'),
      };
      const id = await uploadId(await ledger(rows));
      const res = await run(id, { dryRun: false, mode: 'good_rows' });
      expect(res.statusCode).toBe(500);
      expect(await count('resident')).toBe(before.residents);
      expect(await count('resident_event')).toBe(before.events);
      // Only the upload is in the audit log; the failed commit wrote nothing.
      expect(await count('audit_log')).toBe(before.audit + 1);
      expect(((await worker.call('GET', `/api/v1/registry/imports/${id}`)).json() as { status: string }).status).toBe(
        'failed',
      );
    } finally {
      await t.tdb.db.query(`DROP TRIGGER test_refuse_resident ON resident; DROP FUNCTION test_refuse_resident()`);
    }
  });
});

describe('streaming', () => {
  it('imports a 20,000-row file (time and peak heap printed, not asserted)', async () => {
    // LINLI_IMPORT_ROWS=100000 runs the same check on a larger file.
    const N = Number(process.env.LINLI_IMPORT_ROWS ?? 20_000);
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
    const ws = wb.addWorksheet('花名册');
    ws.addRow(HEADERS).commit();
    for (let i = 0; i < N; i++) {
      const day = new Date(Date.UTC(1940, 0, 1) + (i % 10_000) * 86_400_000).toISOString().slice(0, 10);
      ws.addRow([
        i + 1,
        `居民${i}`,
        null,
        null,
        idNo(day, Math.floor(i / 10_000) + 200),
        null,
        '户籍',
        '其他',
        '1幢1单元101室',
        null,
        null,
        null,
      ]).commit();
    }
    ws.commit();
    await wb.commit();
    const buf = Buffer.concat(chunks);

    let peak = process.memoryUsage().heapUsed;
    const base = peak;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
    const t0 = performance.now();
    const id = await uploadId(buf);
    const dry = (await run(id)).json() as Result;
    const t1 = performance.now();
    const res = await run(id, { dryRun: false, mode: 'all_or_nothing' });
    const t2 = performance.now();
    clearInterval(sampler);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(dry).toMatchObject({ totalRows: N, badRows: 0, created: N });
    expect((res.json() as Result).created).toBe(N);
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(
      `[import ${N} rows] file ${mb(buf.length)} MB; upload+dry run ${((t1 - t0) / 1000).toFixed(1)} s; commit ${((t2 - t1) / 1000).toFixed(1)} s; ` +
        `heapUsed before ${mb(base)} MB, peak ${mb(peak)} MB`,
    );
  }, 300_000);
});
