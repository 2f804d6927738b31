/**
 * Import of residents, houses and units from community workers' .xlsx and .csv ledgers: upload, dry
 * run, commit in one transaction (idempotent: residents by the ID number's blind index, houses by room,
 * units by credit code or name and address), progress, undo. Each kind brings its columns, row
 * validator, writer and undo (registry-import-kinds.service.ts; residents here). The file is read as a
 * stream of rows (exceljs WorkbookReader) and written in batches, so a 100,000-row file never becomes
 * a workbook in memory. SQL of the import tables lives here (they belong to this use case alone).
 */
import type { ImportField, ImportKind, ImportMapping, ImportRowError } from '@linli/contracts';
import ExcelJS from 'exceljs';
import { Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { inScope, pathRangePredicate } from '../../platform/auth/actor.ts';
import { auditBy, type Caller } from '../../platform/auth/caller.ts';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { violatedConstraint } from '../../platform/db/pg-errors.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import {
  applicableMapping,
  cellText,
  decodeCsv,
  detectHeaderRow,
  matchAddress,
  parseCsv,
  residentSpec,
  resolveMapping,
  suggestMapping,
  validateImportRow,
  type ImportRow,
  type ImportSpec,
  type ValidRow,
} from './registry-import.ts';
import {
  houseImporter,
  nodeIndex,
  unitImporter,
  type ImportRecord,
  type KindImporter,
  type KindRunContext,
  type RunOutcome,
} from './registry-import-kinds.service.ts';
import * as repo from './registry.repository.ts';
import { comparable, diff } from './registry.service.ts';
import { namePinyin, todayInChina } from './resident.ts';

export interface RegistryImportDeps {
  db: Db;
  crypto: FieldCrypto;
  today?: () => string;
  /** Rows validated and written per round trip. */
  batchSize?: number;
}

/** Bad rows listed in an answer; the counts cover all of them. */
export const MAX_LISTED_ERRORS = 1000;

type Format = 'xlsx' | 'csv';
interface SheetRow {
  row: number;
  cells: string[];
}

/** Text of a byte stream, decoded across chunk boundaries. */
async function* utf8Chunks(source: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** The same for a zip entry, piped (never iterated: iterating would destroy the entry under exceljs's zip loop). */
function utf8Stream(entry: NodeJS.ReadableStream): Transform {
  const decoder = new StringDecoder('utf8');
  return entry.pipe(
    new Transform({
      readableObjectMode: true,
      transform(chunk: Buffer, _encoding, done) {
        const text = decoder.write(chunk);
        if (text) this.push(text);
        done();
      },
      flush(done) {
        const text = decoder.end();
        if (text) this.push(text);
        done();
      },
    }),
  );
}

interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): unknown;
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
}

/** The rows of the first sheet (or the CSV), streamed; empty rows skipped. */
async function* sheetRows(format: Format, content: Buffer): AsyncGenerator<SheetRow> {
  if (format === 'csv') {
    let n = 0;
    for (const cells of parseCsv(decodeCsv(content))) {
      n++;
      if (cells.some((c) => c.trim() !== '')) yield { row: n, cells: cells.map((c) => c.trim()) };
    }
    return;
  }
  for (let attempt = 1; ; attempt++) {
    let hasYielded = false;
    try {
      for await (const row of xlsxRows(content)) {
        hasYielded = true;
        yield row;
      }
      return;
    } catch (e) {
      // exceljs 4.4's zip loop now and then (about 1 read in 500, measured) loses xl/workbook.xml of a
      // good file and fails before the first row ("reading 'sheets'"); reading the bytes again works.
      if (hasYielded || attempt >= 3) throw e;
    }
  }
}

/** Rows of the first worksheet of an .xlsx, streamed. */
async function* xlsxRows(content: Buffer): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
    sharedStrings: 'cache',
    // Styles tell date cells from numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  // exceljs 4.4 decodes each zip chunk on its own, which garbles a Chinese character split across two
  // chunks ("1单元101室" → "1单元101\ufffd\ufffd"); hand its XML parser text decoded across chunks.
  const internals = reader as unknown as ReaderInternals;
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  const parseSharedStrings = internals._parseSharedStrings.bind(reader);
  internals._parseWorksheet = (iterator, sheetNo) => parseWorksheet(utf8Chunks(iterator), sheetNo);
  internals._parseSharedStrings = (entry) => parseSharedStrings(utf8Stream(entry));
  let first = true;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      if (!first) continue;
      const values = (row.values as unknown[]).slice(1);
      const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i]));
      if (cells.some((c) => c !== '')) yield { row: row.number, cells };
    }
    first = false;
  }
}

/** The header row and the data rows after it. */
async function openSheet(format: Format, content: Buffer, spec: ImportSpec = residentSpec, hint?: string) {
  const it = sheetRows(format, content)[Symbol.asyncIterator]();
  const head: SheetRow[] = [];
  try {
    while (head.length < 10) {
      const next = await it.next();
      if (next.done) break;
      head.push(next.value);
    }
  } catch {
    throw new DomainError('IMPORT_FILE_UNREADABLE');
  }
  const at = detectHeaderRow(
    head.map((r) => r.cells),
    spec,
  );
  if (at < 0)
    throw new DomainError('IMPORT_FILE_UNREADABLE', [
      { path: 'body', message: hint ?? '前 10 行中没有找到表头（如「姓名」「公民身份号码」「住址」）' },
    ]);
  const headerRow = head[at]!;
  const headers = headerRow.cells.map((c) => c.replace(/\s+/g, ' ').trim());
  async function* rows(): AsyncGenerator<SheetRow> {
    yield* head.slice(at + 1);
    for (;;) {
      let next: IteratorResult<SheetRow>;
      try {
        next = await it.next();
      } catch {
        throw new DomainError('IMPORT_FILE_UNREADABLE');
      }
      if (next.done) return;
      yield next.value;
    }
  }
  return { headers, headerRow: headerRow.row, rows: rows() };
}

const importColumns = `i.id, i.kind, i.created_rental_ids, i.node_id, i.node_path, i.file_name, i.format, i.status, i.rows_total, i.bad_rows, i.created_count,
  i.updated_count, i.unchanged_count, i.created_ids, i.updated_ids, i.committed_at, i.undone_at`;

interface Existing {
  id: number;
  node_id: number;
  node_path: string;
  status: string;
  version: number;
  name: string;
  gender: string;
  birth_date: string | null;
  id_kind: string;
  id_number_enc: string | null;
  id_number_hash: string;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  ethnicity: string | null;
  registration_type: string;
  arrival_date: string | null;
  origin: string | null;
  arrival_reason: string | null;
  expected_stay: string | null;
  relation_to_head: string;
  political_status: string | null;
  notes: string | null;
  tags: string[];
}

/** Rows read so far by running imports of this server process (progress bars; not shared across processes). */
const progress = new Map<number, number>();
/** Imports this process is committing; a 'running' import not in it was cut short (a restart) and may run again. */
const running = new Set<number>();

export type RegistryImportService = ReturnType<typeof createRegistryImportService>;

export function createRegistryImportService(deps: RegistryImportDeps) {
  const { db, crypto } = deps;
  const today = deps.today ?? (() => todayInChina());
  const batchSize = deps.batchSize ?? 500;
  const recordedBy = (caller: Caller) => (caller.actor.kind === 'user' ? caller.actor.userId : null);

  async function findImport(q: Queryable, caller: Caller, id: number, forUpdate = false) {
    const params: unknown[] = [id];
    const { rows } = await q.query<ImportRecord>(
      `SELECT ${importColumns} FROM registry_import i WHERE i.id = $1 AND ${pathRangePredicate(caller.scope('registry.manage'), 'i.node_path', params)} ${forUpdate ? 'FOR UPDATE' : ''}`,
      params,
    );
    const rec = rows[0];
    if (!rec) throw notFound();
    return rec;
  }

  /** The node whose mapping is remembered: the community the import's node lies in, else the node itself. */
  async function mappingNode(q: Queryable, nodePath: string, nodeId: number): Promise<number> {
    const ids = nodePath.split('/').filter(Boolean).map(Number);
    const { rows } = await q.query<{ id: number }>(
      `SELECT id FROM jurisdiction_node WHERE id = ANY($1) AND level = 'community' LIMIT 1`,
      [ids],
    );
    return rows[0]?.id ?? nodeId;
  }

  async function rememberedMapping(
    q: Queryable,
    nodePath: string,
    nodeId: number,
    kind: ImportKind,
  ): Promise<ImportMapping | null> {
    const { rows } = await q.query<{ mapping: ImportMapping }>(
      `SELECT mapping FROM registry_import_mapping WHERE node_id = $1 AND kind = $2`,
      [await mappingNode(q, nodePath, nodeId), kind],
    );
    return rows[0]?.mapping ?? null;
  }

  async function careTagWords(q: Queryable) {
    const { rows } = await q.query<{ code: string; name_zh: string }>(
      `SELECT code, name_zh FROM care_tag WHERE is_active`,
    );
    return new Map(rows.flatMap((r) => [[r.code, r.code] as const, [r.name_zh, r.code] as const]));
  }

  async function existingByHash(q: Queryable, hashes: string[], lock: boolean) {
    if (hashes.length === 0) return new Map<string, Existing>();
    const { rows } = await q.query<Existing>(
      `SELECT r.id, r.node_id, r.node_path, r.status, r.version, r.name, r.gender, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date,
              r.id_kind, r.id_number_enc, r.id_number_hash, r.id_number_masked, r.phone_enc, r.phone_hash, r.phone_masked,
              r.ethnicity, r.registration_type, to_char(r.arrival_date, 'YYYY-MM-DD') AS arrival_date, r.origin,
              r.arrival_reason, r.expected_stay, r.relation_to_head, r.political_status, r.notes,
              ARRAY(SELECT t.tag_code FROM resident_tag t WHERE t.resident_id = r.id ORDER BY t.tag_code) AS tags
       FROM resident r WHERE r.id_number_hash = ANY($1) AND r.status <> 'merged'
       ${lock ? 'FOR UPDATE OF r' : ''}`,
      [hashes],
    );
    return new Map(rows.map((r) => [r.id_number_hash, r]));
  }

  function newWrite(v: ValidRow, household: { id: number; path: string }): repo.ResidentWrite {
    const py = namePinyin(v.name);
    return {
      nodeId: household.id,
      nodePath: household.path,
      name: v.name,
      namePinyin: py.full,
      nameInitials: py.initials,
      gender: v.identity.gender,
      birthDate: v.identity.birthDate,
      idKind: v.identity.idKind,
      idNumberEnc: crypto.encrypt(v.identity.idNumber),
      idNumberHash: crypto.blindIndex(v.identity.idNumber),
      idNumberMasked: v.identity.idNumberMasked,
      phoneEnc: v.phone ? crypto.encrypt(v.phone) : null,
      phoneHash: v.phone ? crypto.blindIndex(v.phone) : null,
      phoneMasked: v.phoneMasked,
      ethnicity: v.ethnicity,
      registrationType: v.registrationType,
      arrivalDate: v.arrivalDate,
      origin: v.origin,
      arrivalReason: v.arrivalReason,
      expectedStay: null,
      relationToHead: v.relationToHead ?? 'other',
      politicalStatus: null,
      notes: v.notes,
    };
  }

  /** The existing record with what the row says laid over it (empty cells keep what is on record). */
  function mergedWrite(e: Existing, v: ValidRow): repo.ResidentWrite {
    const phoneHash = v.phone ? crypto.blindIndex(v.phone) : e.phone_hash;
    const registrationType = v.registrationType;
    const floating = registrationType === 'floating';
    const name = v.name;
    const py = namePinyin(name);
    return {
      nodeId: e.node_id,
      nodePath: e.node_path,
      name,
      namePinyin: py.full,
      nameInitials: py.initials,
      gender: v.identity.gender,
      birthDate: v.identity.birthDate ?? e.birth_date,
      idKind: v.identity.idKind,
      idNumberEnc: e.id_number_enc,
      idNumberHash: e.id_number_hash,
      idNumberMasked: v.identity.idNumberMasked,
      phoneEnc: phoneHash === e.phone_hash ? e.phone_enc : v.phone ? crypto.encrypt(v.phone) : null,
      phoneHash,
      phoneMasked: phoneHash === e.phone_hash ? e.phone_masked : v.phoneMasked,
      ethnicity: v.ethnicity ?? e.ethnicity,
      registrationType,
      arrivalDate: floating ? (v.arrivalDate ?? e.arrival_date) : null,
      origin: floating ? (v.origin ?? e.origin) : null,
      arrivalReason: floating ? (v.arrivalReason ?? e.arrival_reason) : null,
      expectedStay: floating ? e.expected_stay : null,
      relationToHead: v.relationToHead ?? e.relation_to_head,
      politicalStatus: e.political_status,
      notes: v.notes ?? e.notes,
    };
  }

  /** Register many residents with one INSERT each for residents, tags and history. */
  async function insertMany(q: Queryable, caller: Caller, items: { w: repo.ResidentWrite; tags: string[] }[]) {
    if (items.length === 0) return [];
    const params: unknown[] = [];
    const tuples = items.map(
      ({ w }) =>
        `(${repo
          .residentWriteValues(w)
          .map((v) => `$${params.push(v)}`)
          .join(', ')}, CURRENT_DATE)`,
    );
    const { rows } = await q.query<{ id: number; id_number_hash: string }>(
      `INSERT INTO resident (${repo.residentWriteColumns.join(', ')}, status_since) VALUES ${tuples.join(', ')} RETURNING id, id_number_hash`,
      params,
    );
    const idOf = new Map(rows.map((r) => [r.id_number_hash, r.id]));
    const ids = items.map(({ w }) => idOf.get(w.idNumberHash!)!);
    const tagPairs = items.flatMap(({ tags }, i) => tags.map((t) => [ids[i]!, t] as const));
    if (tagPairs.length)
      await q.query(
        `INSERT INTO resident_tag (resident_id, tag_code, since) SELECT r, t, CURRENT_DATE FROM unnest($1::bigint[], $2::text[]) AS x(r, t)`,
        [tagPairs.map((p) => p[0]), tagPairs.map((p) => p[1])],
      );
    await q.query(
      `INSERT INTO resident_event (resident_id, kind, occurred_on, to_node_id, changes, recorded_by)
       SELECT r, 'register', $2::date, n, c::jsonb, $5 FROM unnest($1::bigint[], $3::bigint[], $4::text[]) AS x(r, n, c)`,
      [
        ids,
        today(),
        items.map(({ w }) => w.nodeId),
        items.map(({ w, tags }) => JSON.stringify(diff({}, comparable(w, tags)))),
        recordedBy(caller),
      ],
    );
    return ids;
  }

  /** Residents keyed by the ID number's blind index; an import never moves a resident (that is an event). */
  const residentImporter: KindImporter = {
    spec: residentSpec,
    headerHint: '前 10 行中没有找到表头（如「姓名」「公民身份号码」「住址」）',
    async begin(run: KindRunContext) {
      const { q, caller, out, bad } = run;
      const opts = { write: run.write, mode: run.mode };
      const mapping = run.headers;
      const households = await nodeIndex(q, run.rec.node_path);
      const ctx = { today: run.today, tags: await careTagWords(q), headers: mapping };
      const manageScope = caller.scope('registry.manage');
      const seen = new Map<string, number>();
      const header = (f: ImportField) => mapping[f] ?? f;
      let batch: { v: ValidRow; hash: string }[] = [];
      const flush = async () => {
        const rows = batch;
        batch = [];
        if (rows.length === 0) return;
        const existing = await existingByHash(
          q,
          rows.map((r) => r.hash),
          opts.write,
        );
        const toCreate: { w: repo.ResidentWrite; tags: string[] }[] = [];
        const toUpdate: { e: Existing; w: repo.ResidentWrite; tags: string[]; changes: ReturnType<typeof diff> }[] = [];
        for (const { v, hash } of rows) {
          const err = (f: ImportField, value: string, reason: string) =>
            bad([{ row: v.row, column: header(f), value, reason }]);
          const household = matchAddress(v.address, households);
          if (household === undefined) {
            err(
              'address',
              v.address,
              '在所选辖区内找不到这个住址对应的户，请核对楼幢、单元、室号，或先在辖区管理中建好房号',
            );
            continue;
          }
          if (household === 'ambiguous') {
            err('address', v.address, '所选辖区内有多处同名住址，请在网格或楼幢下导入');
            continue;
          }
          const e = existing.get(hash);
          if (!e) {
            toCreate.push({ w: newWrite(v, household), tags: v.tags ?? [] });
            continue;
          }
          if (!inScope(manageScope, e.node_path)) {
            err('idNumber', v.identity.idNumberMasked ?? '', '该证件号码已在其他辖区登记，请联系其所在社区办理迁入');
            continue;
          }
          if (e.status !== 'active') {
            err('idNumber', v.identity.idNumberMasked ?? '', '该居民已迁出或已故，请在原记录上办理迁入');
            continue;
          }
          if (e.node_id !== household.id) {
            err('address', v.address, '与在册住址不同；住址变更请在居民记录上办理「变更住址」，导入不会搬动居民');
            continue;
          }
          const w = mergedWrite(e, v);
          const tags = v.tags ?? e.tags;
          const changes = diff(comparable(repo.storedWrite(e), e.tags), comparable(w, tags));
          if (Object.keys(changes).length === 0) out.unchanged++;
          else toUpdate.push({ e, w, tags, changes });
        }
        out.wouldCreate += toCreate.length;
        out.wouldUpdate += toUpdate.length;
        if (!opts.write || (opts.mode === 'all_or_nothing' && out.badRows > 0)) return;
        out.created.push(...(await insertMany(q, caller, toCreate)));
        for (const u of toUpdate) {
          if (!(await repo.updateResident(q, u.e.id, u.e.version, u.w))) throw new DomainError('CONFLICT');
          if (JSON.stringify([...u.tags].sort()) !== JSON.stringify(u.e.tags)) await repo.setTags(q, u.e.id, u.tags);
          await repo.insertEvent(q, {
            residentId: u.e.id,
            kind: 'update',
            occurredOn: today(),
            reason: '导入更正',
            changes: u.changes,
            recordedBy: recordedBy(caller),
          });
          out.updated.push(u.e.id);
        }
      };

      return {
        async add(row: ImportRow) {
          const result = validateImportRow(row, ctx);
          if (!result.ok) return bad(result.errors);
          const hash = crypto.blindIndex(result.value.identity.idNumber);
          const first = seen.get(hash);
          if (first !== undefined)
            return bad([
              {
                row: row.row,
                column: header('idNumber'),
                value: result.value.identity.idNumberMasked ?? '',
                reason: `与第 ${first} 行的证件号码重复`,
              },
            ]);
          seen.set(hash, row.row);
          batch.push({ v: result.value, hash });
          if (batch.length >= batchSize) await flush();
        },
        finish: flush,
      };
    },

    async undo(q: Queryable, rec: ImportRecord) {
      const { rows: changed } = await q.query<{ name: string }>(
        `SELECT r.name FROM resident r WHERE r.id = ANY($1)
           AND (r.version <> 1 OR r.status <> 'active' OR (SELECT count(*) FROM resident_event e WHERE e.resident_id = r.id) <> 1)
         ORDER BY r.id LIMIT 20`,
        [rec.created_ids],
      );
      if (changed.length) throw new DomainError('IMPORT_UNDO_BLOCKED', { residents: changed.map((r) => r.name) });
      const ids = rec.created_ids;
      await q.query(`DELETE FROM resident_tag WHERE resident_id = ANY($1)`, [ids]);
      await q.query(`DELETE FROM resident_sensitive WHERE resident_id = ANY($1)`, [ids]);
      await q.query(`DELETE FROM resident_event WHERE resident_id = ANY($1)`, [ids]);
      const removed = await q.query(`DELETE FROM resident WHERE id = ANY($1)`, [ids]);
      return { removed: removed.rowCount ?? 0 };
    },
  };

  const importers: Record<ImportKind, KindImporter> = {
    residents: residentImporter,
    houses: houseImporter(crypto),
    units: unitImporter(crypto),
  };

  /**
   * Read the whole file: validate every row, classify the good ones (new, changed, identical) and, when
   * `write`, write them in batches on q. In all_or_nothing mode writing stops at the first bad row
   * (the caller rolls the transaction back).
   */
  async function process(
    q: Queryable,
    caller: Caller,
    rec: ImportRecord,
    sheet: Awaited<ReturnType<typeof openSheet>>,
    mapping: ImportMapping,
    opts: { write: boolean; mode: 'all_or_nothing' | 'good_rows' },
  ): Promise<RunOutcome> {
    const importer = importers[rec.kind];
    const resolved = resolveMapping(sheet.headers, mapping, importer.spec);
    if (!resolved.ok)
      throw new DomainError(
        'IMPORT_MAPPING_INCOMPLETE',
        resolved.problems.map((message) => ({ path: 'body.mapping', message })),
      );
    const columns = Object.entries(resolved.columns) as [string, number][];
    const out: RunOutcome = {
      totalRows: 0,
      badRows: 0,
      errors: [],
      truncated: false,
      created: [],
      updated: [],
      createdRentals: [],
      unchanged: 0,
      wouldCreate: 0,
      wouldUpdate: 0,
    };
    const bad = (errors: ImportRowError[]) => {
      out.badRows++;
      for (const e of errors)
        if (out.errors.length < MAX_LISTED_ERRORS) out.errors.push(e);
        else out.truncated = true;
    };
    const run = await importer.begin({
      q,
      caller,
      rec,
      headers: mapping,
      write: opts.write,
      mode: opts.mode,
      out,
      bad,
      today: today(),
      batchSize,
    });
    for await (const r of sheet.rows) {
      const row: ImportRow = { row: r.row, values: {} };
      for (const [f, i] of columns) row.values[f] = r.cells[i] ?? '';
      if (columns.every(([f]) => !row.values[f])) continue;
      out.totalRows++;
      await run.add(row);
      if (out.totalRows % 1000 === 0) progress.set(rec.id, out.totalRows);
    }
    await run.finish();
    progress.set(rec.id, out.totalRows);
    return out;
  }

  function result(
    rec: ImportRecord,
    out: RunOutcome,
    dryRun: boolean,
    mapping: ImportMapping,
    status: ImportRecord['status'],
  ) {
    return {
      id: rec.id,
      kind: rec.kind,
      dryRun,
      status,
      totalRows: out.totalRows,
      goodRows: out.totalRows - out.badRows,
      badRows: out.badRows,
      created: dryRun ? out.wouldCreate : out.created.length,
      updated: dryRun ? out.wouldUpdate : out.updated.length,
      unchanged: out.unchanged,
      errors: out.errors,
      errorsTruncated: out.truncated,
      mapping,
    };
  }

  return {
    /** Keep an uploaded file for a node in scope; answer its headers and a suggested column mapping. */
    async upload(
      caller: Caller,
      nodeId: number,
      fileName: string | undefined,
      content: Buffer,
      kind: ImportKind = 'residents',
    ) {
      const node = await repo.findNodeInScope(db, caller.scope('registry.manage'), nodeId);
      if (!node || node.retired) throw notFound();
      const importer = importers[kind];
      const format: Format = content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) ? 'xlsx' : 'csv';
      const sheet = await openSheet(format, content, importer.spec, importer.headerHint);
      await sheet.rows.return(undefined);
      const remembered = await rememberedMapping(db, node.path, node.id, kind);
      const id = await db.tx(async (q) => {
        const { rows } = await q.query<{ id: number }>(
          `INSERT INTO registry_import (kind, node_id, node_path, file_name, format, content, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [kind, node.id, node.path, fileName ?? null, format, content, recordedBy(caller)],
        );
        const id = rows[0]!.id;
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'registry.import.upload',
          entityType: 'registry_import',
          entityId: id,
          nodeId: node.id,
          summary: { kind, fileName: fileName ?? null, format, bytes: content.length },
        });
        return id;
      });
      return {
        id,
        kind,
        nodeId: node.id,
        fileName: fileName ?? null,
        format,
        headerRow: sheet.headerRow,
        headers: sheet.headers,
        suggestedMapping: applicableMapping(remembered, sheet.headers) ?? suggestMapping(sheet.headers, importer.spec),
        rememberedMapping: remembered,
      };
    },

    /** Dry run (nothing written) or commit in one transaction; re-importing the same file changes nothing. */
    async run(
      caller: Caller,
      id: number,
      body: { mapping?: ImportMapping | undefined; dryRun: boolean; mode: 'all_or_nothing' | 'good_rows' },
    ) {
      const rec = await findImport(db, caller, id);
      const { rows: contentRows } = await db.query<{ content: Buffer }>(
        `SELECT content FROM registry_import WHERE id = $1`,
        [id],
      );
      const content = contentRows[0]!.content;
      const importer = importers[rec.kind];
      const sheet = await openSheet(rec.format, content, importer.spec, importer.headerHint);
      const remembered = await rememberedMapping(db, rec.node_path, rec.node_id, rec.kind);
      const mapping =
        body.mapping ?? applicableMapping(remembered, sheet.headers) ?? suggestMapping(sheet.headers, importer.spec);

      if (body.dryRun) {
        progress.set(id, 0);
        const out = await process(db, caller, rec, sheet, mapping, { write: false, mode: body.mode });
        await db.query(`UPDATE registry_import SET rows_total = $2, bad_rows = $3 WHERE id = $1`, [
          id,
          out.totalRows,
          out.badRows,
        ]);
        return result(rec, out, true, mapping, rec.status);
      }

      const claimed = await db.query(
        `UPDATE registry_import SET status = 'running' WHERE id = $1 AND (status IN ('uploaded', 'failed') OR (status = 'running' AND NOT $2))`,
        [id, running.has(id)],
      );
      if (claimed.rowCount !== 1)
        throw new DomainError(rec.status === 'running' ? 'CONFLICT' : 'IMPORT_ALREADY_COMMITTED');
      progress.set(id, 0);
      running.add(id);
      try {
        const out = await db.tx(async (q) => {
          const out = await process(q, caller, rec, sheet, mapping, { write: true, mode: body.mode });
          if (body.mode === 'all_or_nothing' && out.badRows > 0)
            throw new DomainError('IMPORT_HAS_BAD_ROWS', result(rec, out, false, mapping, 'uploaded'));
          await q.query(
            `UPDATE registry_import SET status = 'committed', mode = $2, rows_total = $3, bad_rows = $4, created_count = $5,
               updated_count = $6, unchanged_count = $7, created_ids = $8, updated_ids = $9, created_rental_ids = $10,
               committed_at = now() WHERE id = $1`,
            [
              id,
              body.mode,
              out.totalRows,
              out.badRows,
              out.created.length,
              out.updated.length,
              out.unchanged,
              out.created,
              out.updated,
              out.createdRentals,
            ],
          );
          await q.query(
            `INSERT INTO registry_import_mapping (node_id, kind, mapping, updated_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (node_id, kind) DO UPDATE SET mapping = EXCLUDED.mapping, updated_by = EXCLUDED.updated_by, updated_at = now()`,
            [await mappingNode(q, rec.node_path, rec.node_id), rec.kind, JSON.stringify(mapping), recordedBy(caller)],
          );
          await appendAudit(q, {
            ...auditBy(caller),
            action: 'registry.import.commit',
            entityType: 'registry_import',
            entityId: id,
            nodeId: rec.node_id,
            summary: {
              kind: rec.kind,
              fileName: rec.file_name,
              mode: body.mode,
              totalRows: out.totalRows,
              created: out.created.length,
              updated: out.updated.length,
              unchanged: out.unchanged,
              badRows: out.badRows,
            },
          });
          return out;
        });
        return result(rec, out, false, mapping, 'committed');
      } catch (e) {
        const refused = e instanceof DomainError && e.code === 'IMPORT_HAS_BAD_ROWS';
        await db.query(`UPDATE registry_import SET status = $2 WHERE id = $1`, [id, refused ? 'uploaded' : 'failed']);
        if (violatedConstraint(e) === 'resident_id_number_key') throw new DomainError('RESIDENT_ID_TAKEN');
        throw e;
      } finally {
        running.delete(id);
      }
    },

    /** State of an import, with the rows read so far while it runs (progress kept in this process's memory). */
    async status(caller: Caller, id: number) {
      const rec = await findImport(db, caller, id);
      return {
        id: rec.id,
        kind: rec.kind,
        nodeId: rec.node_id,
        fileName: rec.file_name,
        status: rec.status,
        rowsProcessed: progress.get(id) ?? (rec.status === 'committed' ? (rec.rows_total ?? 0) : 0),
        rowsTotal: rec.rows_total,
        created: rec.created_count,
        updated: rec.updated_count,
        unchanged: rec.unchanged_count,
        badRows: rec.bad_rows,
        committedAt: rec.committed_at?.toISOString() ?? null,
        undoneAt: rec.undone_at?.toISOString() ?? null,
      };
    },

    /**
     * Remove the residents an import registered, while nothing has happened to them since. Corrections
     * the import made to existing residents stay (their history shows them).
     */
    async undo(caller: Caller, id: number) {
      return db
        .tx(async (q) => {
          const rec = await findImport(q, caller, id, true);
          if (rec.status !== 'committed')
            throw new DomainError('IMPORT_UNDO_BLOCKED', undefined, {
              zh: '只能撤销已完成的导入。',
              en: 'Only a committed import can be undone.',
            });
          const { removed } = await importers[rec.kind].undo(q, rec);
          await q.query(`UPDATE registry_import SET status = 'undone', undone_at = now() WHERE id = $1`, [id]);
          await appendAudit(q, {
            ...auditBy(caller),
            action: 'registry.import.undo',
            entityType: 'registry_import',
            entityId: id,
            nodeId: rec.node_id,
            summary: { kind: rec.kind, removed, updatedKept: rec.updated_ids.length },
          });
          return { id, removed, updatedKept: rec.updated_ids.length };
        })
        .catch((e: unknown) => {
          // Another record (a visit, a request…) now refers to one of these residents.
          if (violatedConstraint(e, '23503')) throw new DomainError('IMPORT_UNDO_BLOCKED');
          throw e;
        });
    },
  };
}
