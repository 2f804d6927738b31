/**
 * The per-kind part of an import: what a run does with each row (validate, match the address, find
 * the record it keys to, write in batches) and how a committed import is undone. The shared pipeline
 * (file reading, mapping, dry run, commit transaction, progress, audit) is registry-import.service.ts;
 * this file holds the house (房屋 + 出租登记) and unit (辖区单位) importers and the node index.
 */
import type { ImportKind, ImportMapping, ImportRowError } from '@linli/contracts';
import { sensitiveUnitKinds } from '@linli/contracts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { inScope, pathRangePredicate } from '../../platform/auth/actor.ts';
import { auditBy, type Caller } from '../../platform/auth/caller.ts';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { DomainError } from '../../platform/http/errors.ts';
import * as housingRepo from './housing.repository.ts';
import { comparableHouse } from './housing.service.ts';
import {
  houseSpec,
  unitSpec,
  validateHouseRow,
  validateUnitRow,
  type ValidHouseRow,
  type ValidUnitRow,
} from './registry-import-kinds.ts';
import { householdKey, matchAddress, normalizeAddress, type ImportRow, type ImportSpec } from './registry-import.ts';
import { diff } from './registry.service.ts';
import * as unitsRepo from './units.repository.ts';
import { comparableUnit } from './units.service.ts';

/** The stored import, as the pipeline and the importers read it. */
export interface ImportRecord {
  id: number;
  kind: ImportKind;
  node_id: number;
  node_path: string;
  file_name: string | null;
  format: 'xlsx' | 'csv';
  status: 'uploaded' | 'running' | 'committed' | 'failed' | 'undone';
  rows_total: number | null;
  bad_rows: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  created_ids: number[];
  updated_ids: number[];
  created_rental_ids: number[];
  committed_at: Date | null;
  undone_at: Date | null;
}

/** What a run found and (when committing) wrote. */
export interface RunOutcome {
  totalRows: number;
  badRows: number;
  errors: ImportRowError[];
  /** Some problems were left out of `errors`. */
  truncated: boolean;
  created: number[];
  updated: number[];
  /** Rentals a house import registered (on new or existing houses), removed again by undo. */
  createdRentals: number[];
  unchanged: number;
  /** Rows that would be created/updated (dry run). */
  wouldCreate: number;
  wouldUpdate: number;
}

export interface KindRunContext {
  q: Queryable;
  caller: Caller;
  rec: ImportRecord;
  /** Field → header, for messages. */
  headers: ImportMapping;
  write: boolean;
  mode: 'all_or_nothing' | 'good_rows';
  out: RunOutcome;
  bad: (errors: ImportRowError[]) => void;
  today: string;
  batchSize: number;
}

/** One run of one kind: every non-empty row goes through add(), then finish() writes what is left. */
export interface KindRun {
  add(row: ImportRow): Promise<void>;
  finish(): Promise<void>;
}

/** What an import kind brings to the shared pipeline. */
export interface KindImporter {
  spec: ImportSpec;
  /** Shown when no header row is found in the first ten rows. */
  headerHint: string;
  begin(ctx: KindRunContext): Promise<KindRun>;
  /** Remove what the import registered; throws IMPORT_UNDO_BLOCKED when something happened to it since. */
  undo(q: Queryable, rec: ImportRecord): Promise<{ removed: number }>;
}

type Located = { id: number; path: string };

/**
 * Nodes under the import's node keyed by their names from the building down ("3幢1单元302室",
 * "3幢1单元", "3幢"); a key shared by two nodes is ambiguous. `levels` says which levels are keyed.
 */
export async function nodeIndex(q: Queryable, nodePath: string, levels: readonly string[] = ['household']) {
  const params: unknown[] = [];
  const { rows } = await q.query<{ id: number; path: string; name: string; level: string }>(
    `SELECT n.id, n.path, n.name, n.level FROM jurisdiction_node n
     WHERE ${pathRangePredicate({ paths: [nodePath] }, 'n.path', params)} AND n.level IN ('grid', 'building', 'unit', 'household') AND n.retired_at IS NULL`,
    params,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const index = new Map<string, Located | 'ambiguous'>();
  const put = (key: string, n: Located) => index.set(key, index.has(key) ? 'ambiguous' : n);
  for (const n of rows) {
    if (!levels.includes(n.level)) continue;
    if (n.level === 'grid') {
      put(normalizeAddress(n.name), { id: n.id, path: n.path });
      continue;
    }
    const names = n.path
      .split('/')
      .filter(Boolean)
      .map((id) => byId.get(Number(id)))
      .filter((a) => a !== undefined && a.level !== 'grid')
      .map((a) => a!.name);
    put(householdKey(names), { id: n.id, path: n.path });
  }
  return index;
}

const recordedBy = (caller: Caller) => (caller.actor.kind === 'user' ? caller.actor.userId : null);

/** The address problems every kind answers the same way. */
function locate(
  ctx: KindRunContext,
  index: Map<string, Located | 'ambiguous'>,
  row: number,
  address: string,
  notFoundReason: string,
): Located | undefined {
  const hit = matchAddress(address, index);
  const column = ctx.headers.address ?? 'address';
  if (hit === undefined) ctx.bad([{ row, column, value: address, reason: notFoundReason }]);
  else if (hit === 'ambiguous')
    ctx.bad([{ row, column, value: address, reason: '所选辖区内有多处同名地址，请在网格或楼幢下导入' }]);
  else return hit;
  return undefined;
}

/** Houses keyed by their room node; a rental is registered unless the same one (start date and contract or tenant) is on record. */
export function houseImporter(crypto: FieldCrypto): KindImporter {
  return {
    spec: houseSpec,
    headerHint: '前 10 行中没有找到表头（如「房屋地址」「建筑面积」「房屋用途」）',

    async begin(ctx) {
      const { q, caller, out } = ctx;
      const rooms = await nodeIndex(q, ctx.rec.node_path);
      const seen = new Map<number, number>();
      let batch: { v: ValidHouseRow; node: Located }[] = [];

      const flush = async () => {
        const rows = batch;
        batch = [];
        if (rows.length === 0) return;
        const nodeIds = rows.map((r) => r.node.id);
        const { rows: houses } = await q.query<housingRepo.HouseRow>(
          `SELECT h.*, 0 AS active_rentals, 0 AS residents FROM house h WHERE h.node_id = ANY($1) ${ctx.write ? 'FOR UPDATE' : ''}`,
          [nodeIds],
        );
        const byNode = new Map(houses.map((h) => [h.node_id, h]));
        const rentals = await housingRepo.rentalsOfHouses(
          q,
          houses.map((h) => h.id),
        );
        const plans: (() => Promise<void>)[] = [];
        for (const { v, node } of rows) {
          const e = byNode.get(node.id);
          if (!e && !v.use) {
            ctx.bad([
              {
                row: v.row,
                column: ctx.headers.use ?? '房屋用途',
                value: '',
                reason: '新登记的房屋须填写房屋用途（自住、出租、空置或商用）',
              },
            ]);
            continue;
          }
          const phone = v.ownerPhone;
          const w: housingRepo.HouseWrite = {
            areaM2: v.areaM2 ?? (e?.area_m2 != null ? Number(e.area_m2) : null),
            use: v.use ?? e!.use,
            ownerName: v.ownerName ?? e?.owner_name ?? null,
            ownerPhoneEnc: null,
            ownerPhoneHash: phone ? crypto.blindIndex(phone.phone) : (e?.owner_phone_hash ?? null),
            ownerPhoneMasked: phone ? phone.masked : (e?.owner_phone_masked ?? null),
            notes: v.notes ?? e?.notes ?? null,
          };
          w.ownerPhoneEnc =
            e && w.ownerPhoneHash === e.owner_phone_hash
              ? e.owner_phone_enc
              : phone
                ? crypto.encrypt(phone.phone)
                : null;
          const rental = v.rental;
          const rentalKnown =
            !!rental &&
            !!e &&
            rentals.some(
              (r) =>
                r.house_id === e.id &&
                r.start_date === rental.startDate &&
                (rental.contractNo ? r.contract_no === rental.contractNo : r.tenant_name === rental.tenantName),
            );
          const newRental = rental && !rentalKnown ? rental : undefined;
          const changes = e
            ? diff(
                comparableHouse({
                  areaM2: e.area_m2 === null ? null : Number(e.area_m2),
                  use: e.use,
                  ownerName: e.owner_name,
                  ownerPhoneEnc: e.owner_phone_enc,
                  ownerPhoneHash: e.owner_phone_hash,
                  ownerPhoneMasked: e.owner_phone_masked,
                  notes: e.notes,
                }),
                comparableHouse(w),
              )
            : {};
          if (!e) out.wouldCreate++;
          else if (Object.keys(changes).length > 0 || newRental) out.wouldUpdate++;
          else {
            out.unchanged++;
            continue;
          }
          plans.push(async () => {
            let houseId: number;
            if (!e) {
              houseId = await housingRepo.insertHouse(q, node, w);
              await housingRepo.insertHouseEvent(q, {
                houseId,
                kind: 'register',
                occurredOn: ctx.today,
                reason: '导入登记',
                changes: diff({}, comparableHouse(w)),
                recordedBy: recordedBy(caller),
              });
              out.created.push(houseId);
            } else {
              houseId = e.id;
              if (Object.keys(changes).length > 0) {
                if (!(await housingRepo.updateHouse(q, e.id, e.version, w))) throw new DomainError('CONFLICT');
                await housingRepo.insertHouseEvent(q, {
                  houseId,
                  kind: 'update',
                  occurredOn: ctx.today,
                  reason: '导入更正',
                  changes,
                  recordedBy: recordedBy(caller),
                });
              }
              out.updated.push(houseId);
            }
            if (!newRental) return;
            const rentalId = await housingRepo.insertRental(q, {
              houseId,
              nodeId: node.id,
              nodePath: node.path,
              tenantNodeId: null,
              tenantName: newRental.tenantName,
              tenantIdNumberEnc: newRental.tenantId ? crypto.encrypt(newRental.tenantId.idNumber) : null,
              tenantIdNumberHash: newRental.tenantId ? crypto.blindIndex(newRental.tenantId.idNumber) : null,
              tenantIdNumberMasked: newRental.tenantId?.masked ?? null,
              tenantPhoneEnc: newRental.tenantPhone ? crypto.encrypt(newRental.tenantPhone.phone) : null,
              tenantPhoneHash: newRental.tenantPhone ? crypto.blindIndex(newRental.tenantPhone.phone) : null,
              tenantPhoneMasked: newRental.tenantPhone?.masked ?? null,
              landlordName: newRental.landlordName,
              startDate: newRental.startDate,
              endDate: newRental.endDate,
              contractNo: newRental.contractNo,
              notes: null,
              createdBy: recordedBy(caller),
            });
            await housingRepo.insertHouseEvent(q, {
              houseId,
              rentalId,
              kind: 'rental_start',
              occurredOn: newRental.startDate,
              reason: '导入出租登记',
              changes: {
                tenant: { before: null, after: newRental.tenantName },
                period: { before: null, after: `${newRental.startDate}～${newRental.endDate ?? ''}` },
              },
              recordedBy: recordedBy(caller),
            });
            out.createdRentals.push(rentalId);
          });
        }
        if (!ctx.write || (ctx.mode === 'all_or_nothing' && out.badRows > 0)) return;
        for (const plan of plans) await plan();
      };

      return {
        async add(row) {
          const result = validateHouseRow(row, { today: ctx.today, headers: ctx.headers });
          if (!result.ok) return ctx.bad(result.errors);
          const v = result.value;
          const node = locate(
            ctx,
            rooms,
            v.row,
            v.address,
            '在所选辖区内找不到这个房号，请核对楼幢、单元、室号，或先在辖区管理中建好房号',
          );
          if (!node) return;
          const first = seen.get(node.id);
          if (first !== undefined) {
            ctx.bad([
              {
                row: v.row,
                column: ctx.headers.address ?? '房屋地址',
                value: v.address,
                reason: `与第 ${first} 行是同一房屋`,
              },
            ]);
            return;
          }
          seen.set(node.id, v.row);
          batch.push({ v, node });
          if (batch.length >= ctx.batchSize) await flush();
        },
        finish: flush,
      };
    },

    async undo(q, rec) {
      const houses = rec.created_ids;
      const rentals = rec.created_rental_ids;
      const { rows: changed } = await q.query<{ id: number }>(
        `SELECT h.id FROM house h WHERE h.id = ANY($1) AND (h.version <> 1
           OR EXISTS (SELECT 1 FROM house_event e WHERE e.house_id = h.id AND e.kind NOT IN ('register', 'rental_start'))
           OR EXISTS (SELECT 1 FROM rental r WHERE r.house_id = h.id AND NOT r.id = ANY($2)))
         UNION ALL
         SELECT r.id FROM rental r WHERE r.id = ANY($2) AND r.status <> 'active'
         LIMIT 20`,
        [houses, rentals],
      );
      if (changed.length)
        throw new DomainError('IMPORT_UNDO_BLOCKED', undefined, {
          zh: '导入的房屋或出租登记此后已有变动（更正、退租或新的出租登记），不能整批撤销。',
          en: 'Houses or rentals of this import have changed since; the import can no longer be undone.',
        });
      await q.query(`DELETE FROM house_event WHERE rental_id = ANY($1) OR house_id = ANY($2)`, [rentals, houses]);
      const r = await q.query(`DELETE FROM rental WHERE id = ANY($1)`, [rentals]);
      const h = await q.query(`DELETE FROM house WHERE id = ANY($1)`, [houses]);
      return { removed: (h.rowCount ?? 0) + (r.rowCount ?? 0) };
    },
  };
}

/** Units keyed by credit code within the district, or by name and address when the row has no code. */
export function unitImporter(crypto: FieldCrypto): KindImporter {
  return {
    spec: unitSpec,
    headerHint: '前 10 行中没有找到表头（如「单位名称」「统一社会信用代码」「单位地址」）',

    async begin(ctx) {
      const { q, caller, out, rec } = ctx;
      const places = await nodeIndex(q, rec.node_path, ['grid', 'building', 'unit', 'household']);
      const { rows: self } = await q.query<{ name: string }>(`SELECT name FROM jurisdiction_node WHERE id = $1`, [
        rec.node_id,
      ]);
      if (self[0] && !places.has(normalizeAddress(self[0].name)))
        places.set(normalizeAddress(self[0].name), { id: rec.node_id, path: rec.node_path });
      const manage = caller.scope('registry.manage');
      const sensitive = caller.scope('registry.sensitive');
      const districtId = Number(rec.node_path.split('/').filter(Boolean)[0]);
      const seen = new Map<string, number>();
      let batch: { v: ValidUnitRow; node: Located }[] = [];
      const column = (f: string) => ctx.headers[f] ?? unitSpec.labels[f] ?? f;

      const flush = async () => {
        const rows = batch;
        batch = [];
        if (rows.length === 0) return;
        const lock = ctx.write ? 'FOR UPDATE' : '';
        const codes = rows.flatMap((r) => (r.v.creditCode ? [r.v.creditCode] : []));
        const { rows: byCode } = await q.query<unitsRepo.UnitRow>(
          `SELECT * FROM org_unit WHERE district_id = $1 AND credit_code = ANY($2) ${lock}`,
          [districtId, codes],
        );
        const uncoded = rows.filter((r) => !r.v.creditCode);
        const { rows: byName } = await q.query<unitsRepo.UnitRow>(
          `SELECT * FROM org_unit WHERE node_id = ANY($1) AND name = ANY($2) ORDER BY id ${lock}`,
          [uncoded.map((r) => r.node.id), uncoded.map((r) => r.v.name)],
        );
        const plans: (() => Promise<void>)[] = [];
        for (const { v, node } of rows) {
          const e = v.creditCode
            ? byCode.find((u) => u.credit_code === v.creditCode)
            : byName.find((u) => u.node_id === node.id && u.name === v.name);
          if (e && !inScope(manage, e.node_path)) {
            ctx.bad([
              {
                row: v.row,
                column: column('creditCode'),
                value: v.creditCode ?? '',
                reason: '该统一社会信用代码已由其他辖区登记，请联系其所在社区核实',
              },
            ]);
            continue;
          }
          const isSensitive = (k: string) => sensitiveUnitKinds.some((s) => s === k);
          if ((isSensitive(v.kind) || (e && isSensitive(e.kind))) && !inScope(sensitive, node.path)) {
            ctx.bad([
              {
                row: v.row,
                column: column('kind'),
                value: v.kind,
                reason: '宗教场所属于敏感信息，只能由有敏感信息权限的人员登记',
              },
            ]);
            continue;
          }
          const phone = v.contactPhone;
          const creditCode = v.creditCode ?? e?.credit_code ?? null;
          const overrideReason =
            v.override?.reason ??
            (e?.credit_code_override_reason && creditCode === e.credit_code ? e.credit_code_override_reason : null);
          const w: unitsRepo.UnitWrite = {
            nodeId: node.id,
            nodePath: node.path,
            kind: v.kind,
            name: v.name,
            creditCode,
            overrideReason,
            religion: v.kind === 'religious_site' ? (e?.religion ?? null) : null,
            legalRepresentative: v.legalRepresentative ?? e?.legal_representative ?? null,
            contactName: v.contactName ?? e?.contact_name ?? null,
            contactPhoneEnc: null,
            contactPhoneHash: phone ? crypto.blindIndex(phone.phone) : (e?.contact_phone_hash ?? null),
            contactPhoneMasked: phone ? phone.masked : (e?.contact_phone_masked ?? null),
            employees: v.employees ?? e?.employees ?? null,
            notes: v.notes ?? e?.notes ?? null,
            status: e?.status ?? 'active',
          };
          w.contactPhoneEnc =
            e && w.contactPhoneHash === e.contact_phone_hash
              ? e.contact_phone_enc
              : phone
                ? crypto.encrypt(phone.phone)
                : null;
          const changes = e
            ? diff(
                comparableUnit({
                  nodeId: e.node_id,
                  nodePath: e.node_path,
                  kind: e.kind,
                  name: e.name,
                  creditCode: e.credit_code,
                  overrideReason: e.credit_code_override_reason,
                  religion: e.religion,
                  legalRepresentative: e.legal_representative,
                  contactName: e.contact_name,
                  contactPhoneEnc: null,
                  contactPhoneHash: null,
                  contactPhoneMasked: e.contact_phone_masked,
                  employees: e.employees,
                  notes: e.notes,
                  status: e.status,
                }),
                comparableUnit(w),
              )
            : {};
          if (!e) out.wouldCreate++;
          else if (Object.keys(changes).length > 0) out.wouldUpdate++;
          else {
            out.unchanged++;
            continue;
          }
          const overrideChanged = !!v.override && (!e || 'creditCodeOverride' in changes || 'creditCode' in changes);
          plans.push(async () => {
            let id: number;
            if (!e) {
              id = await unitsRepo.insertUnit(q, w, recordedBy(caller));
              out.created.push(id);
            } else {
              id = e.id;
              const ok = await unitsRepo.updateUnit(q, e.id, e.version, w, {
                changed: overrideChanged,
                by: recordedBy(caller),
              });
              if (!ok) throw new DomainError('CONFLICT');
              out.updated.push(id);
            }
            await appendAudit(q, {
              ...auditBy(caller),
              action: e ? 'registry.unit.update' : 'registry.unit.register',
              entityType: 'unit',
              entityId: id,
              nodeId: w.nodeId,
              summary: e
                ? { name: w.name, changes, reason: '导入更正', importId: rec.id }
                : {
                    kind: w.kind,
                    name: w.name,
                    creditCode: w.creditCode,
                    creditCodeOverridden: !!v.override,
                    importId: rec.id,
                  },
            });
            if (v.override && overrideChanged)
              await appendAudit(q, {
                ...auditBy(caller),
                action: 'registry.unit.credit_code_override',
                entityType: 'unit',
                entityId: id,
                nodeId: w.nodeId,
                summary: {
                  name: w.name,
                  creditCode: w.creditCode,
                  problem: v.override.problem,
                  reason: v.override.reason,
                  importId: rec.id,
                  row: v.row,
                },
              });
          });
        }
        if (!ctx.write || (ctx.mode === 'all_or_nothing' && out.badRows > 0)) return;
        for (const plan of plans) await plan();
      };

      return {
        async add(row) {
          const result = validateUnitRow(row, { headers: ctx.headers });
          if (!result.ok) return ctx.bad(result.errors);
          const v = result.value;
          const node = locate(
            ctx,
            places,
            v.row,
            v.address,
            '在所选辖区内找不到这个地址，请填写楼幢（如「1幢」）、单元、室号或网格名称',
          );
          if (!node) return;
          const key = v.creditCode ?? `${v.name}@${node.id}`;
          const first = seen.get(key);
          if (first !== undefined) {
            ctx.bad([
              {
                row: v.row,
                column: column(v.creditCode ? 'creditCode' : 'name'),
                value: v.creditCode ?? v.name,
                reason: `与第 ${first} 行是同一单位`,
              },
            ]);
            return;
          }
          seen.set(key, v.row);
          batch.push({ v, node });
          if (batch.length >= ctx.batchSize) await flush();
        },
        finish: flush,
      };
    },

    async undo(q, rec) {
      const { rows: changed } = await q.query<{ name: string }>(
        `SELECT name FROM org_unit WHERE id = ANY($1) AND (version <> 1 OR status <> 'active') ORDER BY id LIMIT 20`,
        [rec.created_ids],
      );
      if (changed.length) throw new DomainError('IMPORT_UNDO_BLOCKED', { units: changed.map((r) => r.name) });
      const r = await q.query(`DELETE FROM org_unit WHERE id = ANY($1)`, [rec.created_ids]);
      return { removed: r.rowCount ?? 0 };
    },
  };
}
