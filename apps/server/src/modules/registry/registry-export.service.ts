/**
 * Excel out of the registry: a resident, house or unit search with the same filters as its list, the
 * ledgers offices ask for (居民花名册（按网格）, 流动人口登记表, 关爱对象台账) and the import template. Workbooks are written with
 * exceljs's streaming writer, so only the compressed file is held in memory, never a workbook model.
 */
import {
  computeCreditCodeCheck,
  computeIdCheckDigit,
  housingLabels,
  importFieldNames,
  ledgerLabels,
  registryLabels,
  type FileAnswer,
  type HouseListItem,
  type ImportKind,
  type LedgerKind,
  type ResidentListItem,
  unitLabels,
} from '@linli/contracts';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { inScope, pathRangePredicate, type Scope } from '../../platform/auth/actor.ts';
import { auditBy, type Caller } from '../../platform/auth/caller.ts';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.ts';
import type { Db } from '../../platform/db/db.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import {
  creditCodeOverrideNote,
  rentalLedger,
  unitLeadColumns,
  unitsLedger,
  type Cell,
  type LedgerColumn,
} from './housing-export.service.ts';
import { compareRoomNames } from './house.ts';
import type { HousingService } from './housing.service.ts';
import * as repo from './registry.repository.ts';
import { recordOn, type comparable, type RegistryService } from './registry.service.ts';
import { ageOn, todayInChina } from './resident.ts';
import type { UnitsService } from './units.service.ts';

export interface RegistryExportDeps {
  db: Db;
  crypto: FieldCrypto;
  registry: RegistryService;
  /** The house and unit lists, whose filters and scope the house and unit exports reuse. */
  housing: HousingService;
  units: UnitsService;
  today?: () => string;
}

interface RevealRequest {
  reveal: 'true' | 'false';
  reason?: string | undefined;
}

/** The scope in which an export may show full numbers, or null when masked numbers were asked for. */
function revealScope(caller: Caller, f: RevealRequest): Scope | null {
  if (f.reveal !== 'true') return null;
  const scope = caller.scope('registry.reveal');
  if (scope.paths.length === 0) throw new DomainError('FORBIDDEN');
  if ((f.reason ?? '').length < 2) throw new DomainError('EXPORT_REVEAL_REASON_REQUIRED');
  return scope;
}

/** Every page of a list, up to EXPORT_MAX_ROWS. */
async function allPages<T>(list: (page: number, pageSize: number) => Promise<{ items: T[] }>) {
  const items: T[] = [];
  const pageSize = 1000;
  for (let page = 1; items.length < EXPORT_MAX_ROWS; page++) {
    const res = await list(page, pageSize);
    items.push(...res.items);
    if (res.items.length < pageSize) break;
  }
  items.length = Math.min(items.length, EXPORT_MAX_ROWS);
  return items;
}

const truncated = (rows: number) => (rows >= EXPORT_MAX_ROWS ? `（仅前 ${EXPORT_MAX_ROWS} 条）` : '');

/** Rows in one search export; a larger set should be narrowed by node or filters. */
export const EXPORT_MAX_ROWS = 100_000;

type Column = LedgerColumn;

/** Write one sheet: a merged title row (辖区 + 台账 + 导出日期), a frozen bold header row, column widths. */
async function workbook(
  title: string,
  sheetName: string,
  columns: readonly Column[],
  fill: (addRow: (cells: Cell[]) => void) => Promise<void>,
): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = columns.map((c, i) => ({
    key: `c${i}`,
    width: c.width,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  const titleRow = ws.addRow([title]);
  titleRow.font = { bold: true, size: 14 };
  titleRow.height = 24;
  ws.mergeCells(1, 1, 1, columns.length);
  titleRow.commit();
  const headerRow = ws.addRow(columns.map((c) => c.header));
  headerRow.font = { bold: true };
  headerRow.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = { bottom: { style: 'thin' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
  });
  headerRow.commit();
  await fill((cells) => ws.addRow(cells).commit());
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

const zh = <K extends keyof typeof registryLabels>(group: K, value: string | null) =>
  value ? ((registryLabels[group] as Record<string, { zh: string }>)[value]?.zh ?? value) : '';

/** The columns of the import template, in the order of the usual ledgers. */
export const templateColumns: readonly Column[] = [
  { header: '姓名', width: 10 },
  { header: '性别', width: 6 },
  { header: '出生日期', width: 12, numFmt: '@' },
  { header: '公民身份号码', width: 22, numFmt: '@' },
  { header: '联系电话', width: 14, numFmt: '@' },
  { header: '民族', width: 8 },
  { header: '人口类型', width: 10 },
  { header: '与户主关系', width: 10 },
  { header: '住址', width: 20 },
  { header: '来本地日期', width: 12, numFmt: '@' },
  { header: '户籍地', width: 20 },
  { header: '来本地事由', width: 12 },
  { header: '关爱类别', width: 16 },
  { header: '备注', width: 20 },
];

/** The house template: the room, its facts, and the rental columns of 出租登记 (left empty when not let). */
export const houseTemplateColumns: readonly Column[] = [
  { header: importFieldNames.houses.address!, width: 18 },
  { header: importFieldNames.houses.areaM2!, width: 10 },
  { header: importFieldNames.houses.use!, width: 10 },
  { header: importFieldNames.houses.ownerName!, width: 10 },
  { header: importFieldNames.houses.ownerPhone!, width: 14, numFmt: '@' },
  { header: importFieldNames.houses.tenantName!, width: 10 },
  { header: importFieldNames.houses.tenantIdNumber!, width: 22, numFmt: '@' },
  { header: importFieldNames.houses.tenantPhone!, width: 14, numFmt: '@' },
  { header: importFieldNames.houses.landlordName!, width: 10 },
  { header: importFieldNames.houses.rentalStart!, width: 12, numFmt: '@' },
  { header: importFieldNames.houses.rentalEnd!, width: 12, numFmt: '@' },
  { header: importFieldNames.houses.contractNo!, width: 14, numFmt: '@' },
  { header: importFieldNames.houses.notes!, width: 20 },
];

/** The unit template, in the order of the units register (辖区单位台账). */
export const unitTemplateColumns: readonly Column[] = [
  { header: importFieldNames.units.kind!, width: 12 },
  { header: importFieldNames.units.name!, width: 24 },
  { header: importFieldNames.units.creditCode!, width: 22, numFmt: '@' },
  { header: importFieldNames.units.creditCodeOverrideReason!, width: 20 },
  { header: importFieldNames.units.address!, width: 16 },
  { header: importFieldNames.units.legalRepresentative!, width: 10 },
  { header: importFieldNames.units.contactName!, width: 10 },
  { header: importFieldNames.units.contactPhone!, width: 14, numFmt: '@' },
  { header: importFieldNames.units.employees!, width: 10 },
  { header: importFieldNames.units.notes!, width: 20 },
];

export type RegistryExportService = ReturnType<typeof createRegistryExportService>;

export function createRegistryExportService(deps: RegistryExportDeps) {
  const { db, crypto } = deps;
  const today = deps.today ?? (() => todayInChina());

  async function nodeInScope(scope: Scope, nodeId: number) {
    const node = await repo.findNodeInScope(db, scope, nodeId);
    if (!node || node.retired) throw notFound();
    const { rows } = await db.query<{ name: string }>(`SELECT name FROM jurisdiction_node WHERE id = $1`, [nodeId]);
    return { ...node, name: rows[0]?.name ?? '' };
  }

  /** Names of every node under a path (and of its ancestors), for addresses and grids. */
  async function namesUnder(path: string) {
    const params: unknown[] = [path.split('/').filter(Boolean).map(Number)];
    const { rows } = await db.query<{ id: number; name: string; level: string }>(
      `SELECT id, name, level FROM jurisdiction_node n WHERE n.id = ANY($1) OR ${pathRangePredicate({ paths: [path] }, 'n.path', params)}`,
      params,
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  function placeOf(names: Map<number, { name: string; level: string }>, nodePath: string) {
    const chain = nodePath
      .split('/')
      .filter(Boolean)
      .map((id) => names.get(Number(id)))
      .filter((n): n is { name: string; level: string } => !!n);
    return {
      grid: chain.find((n) => n.level === 'grid')?.name ?? '',
      address: chain
        .filter((n) => n.level === 'building' || n.level === 'unit' || n.level === 'household')
        .map((n) => n.name)
        .join(''),
    };
  }

  /** Residents under a path in batches (keyset on node_path, id), for ledgers of any size. */
  async function* residentsUnder(path: string, only: { floating?: true; tag?: string } = {}) {
    let after: [string, number] = ['', 0];
    for (;;) {
      const params: unknown[] = [after[0], after[1]];
      const { rows } = await db.query<{
        id: number;
        node_path: string;
        name: string;
        gender: 'male' | 'female';
        birth_date: string | null;
        id_number_masked: string | null;
        phone_masked: string | null;
        ethnicity: string | null;
        registration_type: string;
        relation_to_head: string;
        arrival_date: string | null;
        origin: string | null;
        arrival_reason: string | null;
        expected_stay: string | null;
        tags: string[];
      }>(
        `SELECT r.id, r.node_path, r.name, r.gender, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date, r.id_number_masked,
                r.phone_masked, r.ethnicity, r.registration_type, r.relation_to_head, to_char(r.arrival_date, 'YYYY-MM-DD') AS arrival_date,
                r.origin, r.arrival_reason, r.expected_stay,
                ARRAY(SELECT t.tag_code FROM resident_tag t WHERE t.resident_id = r.id ORDER BY t.tag_code) AS tags
         FROM resident r
         WHERE ${pathRangePredicate({ paths: [path] }, 'r.node_path', params)} AND r.status = 'active'
           ${only.floating ? `AND r.registration_type = 'floating'` : ''}
           ${only.tag ? `AND EXISTS (SELECT 1 FROM resident_tag t WHERE t.resident_id = r.id AND t.tag_code = $${params.push(only.tag)})` : ''}
           AND (r.node_path, r.id) > ($1, $2)
         ORDER BY r.node_path, r.id LIMIT 2000`,
        params,
      );
      yield* rows;
      const last = rows.at(-1);
      if (!last || rows.length < 2000) return;
      after = [last.node_path, last.id];
    }
  }

  /**
   * Who lived under a path at the end of a past day, each as recorded then (resident-as-of.ts): every
   * record that is or ever was under the path, its history undone back to that day, kept when it was
   * then active at a household under the path. Numbers masked as recorded. In order of where they lived.
   */
  async function residentsOn(path: string, date: string) {
    const params: unknown[] = [];
    const { rows: nodes } = await db.query<{ id: number; path: string }>(
      `SELECT id::int, path FROM jurisdiction_node n WHERE ${pathRangePredicate({ paths: [path] }, 'n.path', params)}`,
      params,
    );
    const pathOf = new Map(nodes.map((n) => [n.id, n.path]));
    const found: { id: number; nodePath: string; fields: ReturnType<typeof comparable> }[] = [];
    // Who is or ever was there: by the record's place, or by an event's place (hash joins against the
    // subtree's nodes, not a probe per record).
    const where: unknown[] = [[...pathOf.keys()]];
    const { rows: candidates } = await db.query<{ id: number }>(
      `SELECT r.id::int FROM resident r WHERE ${pathRangePredicate({ paths: [path] }, 'r.node_path', where)}
       UNION SELECT e.resident_id::int FROM resident_event e JOIN unnest($1::bigint[]) s(id) ON s.id = e.to_node_id
       UNION SELECT e.resident_id::int FROM resident_event e JOIN unnest($1::bigint[]) s(id) ON s.id = e.from_node_id
       ORDER BY 1`,
      where,
    );
    for (let i = 0; i < candidates.length; i += 1000) {
      const { rows } = await db.query<repo.ResidentRow>(
        `SELECT ${repo.residentColumns} FROM resident r WHERE r.id = ANY($1) AND r.status <> 'merged'`,
        [candidates.slice(i, i + 1000).map((c) => c.id)],
      );
      const histories = await repo.historiesOf(
        db,
        rows.map((r) => r.id),
      );
      for (const r of rows) {
        const then = recordOn(r, histories.get(r.id) ?? [], date);
        const nodePath = then && pathOf.get(then.nodeId);
        if (then?.status === 'active' && nodePath) found.push({ id: r.id, nodePath, fields: then.fields });
      }
    }
    return found.sort((a, b) => (a.nodePath < b.nodePath ? -1 : a.nodePath > b.nodePath ? 1 : a.id - b.id));
  }

  const fileName = (place: string, what: string) => `${place}${what}_${today()}.xlsx`;
  /** 房屋清单-北湖社区-20261122.xlsx: what, where (the filter's node, else the caller's one node), when. */
  const listFileName = (what: string, place: string) =>
    `${[what, place].filter(Boolean).join('-')}-${today().replace(/-/g, '')}.xlsx`;

  /** The name of the node a list export covers: the node filter, else the caller's jurisdiction if it is one node. */
  async function placeName(caller: Caller, nodeId: number | undefined) {
    if (nodeId !== undefined) return (await nodeInScope(caller.scope('registry.read'), nodeId)).name;
    const paths = caller.scope('registry.read').paths;
    const top = paths.length === 1 ? Number(paths[0]!.split('/').filter(Boolean).at(-1)) : NaN;
    if (!Number.isInteger(top)) return '';
    const { rows } = await db.query<{ name: string }>(`SELECT name FROM jurisdiction_node WHERE id = $1`, [top]);
    return rows[0]?.name ?? '';
  }

  /**
   * Decrypted columns of the exported rows that lie in the reveal scope (none when scope is null).
   * Table and column names come from this file, never from a request.
   */
  async function fullNumbers<C extends string>(
    table: 'resident' | 'house' | 'org_unit',
    encColumns: readonly C[],
    items: readonly { id: number }[],
    scope: Scope | null,
  ) {
    const full = new Map<number, Record<C, string | null>>();
    if (!scope) return full;
    for (let i = 0; i < items.length; i += 5000) {
      const { rows } = await db.query<{ id: number; node_path: string } & Record<C, string | null>>(
        `SELECT id, node_path, ${encColumns.join(', ')} FROM ${table} WHERE id = ANY($1)`,
        [items.slice(i, i + 5000).map((r) => r.id)],
      );
      for (const r of rows)
        if (inScope(scope, r.node_path))
          full.set(
            r.id,
            Object.fromEntries(encColumns.map((c) => [c, r[c] ? crypto.decrypt(r[c]) : null])) as Record<
              C,
              string | null
            >,
          );
    }
    return full;
  }

  /** Every list export is audited: who, which filters, how many rows, how many with full numbers and why. */
  async function auditExport(
    caller: Caller,
    action: string,
    entityType: string,
    f: RevealRequest & { nodeId?: number | undefined },
    rows: number,
    revealed: number,
  ) {
    await db.tx((q) =>
      appendAudit(q, {
        ...auditBy(caller),
        action,
        entityType,
        nodeId: f.nodeId ?? null,
        summary: { rows, revealed, reason: f.reason ?? null, filters: { ...f, reason: undefined } },
      }),
    );
  }

  return {
    /** The import template: the usual headers and one example row. */
    /** A sample import file of the kind: the headers offices use and one example row. */
    async template(kind: ImportKind = 'residents'): Promise<FileAnswer> {
      if (kind === 'houses') {
        const tenant17 = '11010519900312002';
        const body = await workbook(
          '房屋信息导入模板（请从第 3 行起填写，可删除示例行；未出租的房屋出租信息各列留空）',
          '房屋',
          houseTemplateColumns,
          async (add) => {
            add([
              '1幢1单元101室',
              89.5,
              '出租',
              '李四',
              '13800001234',
              '王五',
              tenant17 + computeIdCheckDigit(tenant17),
              '13900005678',
              '李四',
              '2025-03-01',
              '2026-02-28',
              'ZL-2025-001',
              '',
            ]);
          },
        );
        return { fileName: '房屋导入模板.xlsx', body };
      }
      if (kind === 'units') {
        const code17 = '91110105MA01ABCD1';
        const body = await workbook(
          '辖区单位导入模板（请从第 3 行起填写，可删除示例行；代码未通过校验但与执照一致时填写例外原因）',
          '辖区单位',
          unitTemplateColumns,
          async (add) => {
            add([
              '企业',
              '示例科技有限公司',
              code17 + computeCreditCodeCheck(code17),
              '',
              '1幢',
              '赵六',
              '钱七',
              '13800001234',
              25,
              '',
            ]);
          },
        );
        return { fileName: '辖区单位导入模板.xlsx', body };
      }
      const first17 = '11010519800501001';
      const body = await workbook(
        '居民信息导入模板（请从第 3 行起填写，可删除示例行）',
        '居民',
        templateColumns,
        async (add) => {
          add([
            '张三',
            '男',
            '1980-05-01',
            first17 + computeIdCheckDigit(first17),
            '13800001234',
            '汉族',
            '户籍',
            '户主',
            '1幢1单元101室',
            '',
            '',
            '',
            '独居老人',
            '',
          ]);
        },
      );
      return { fileName: '居民导入模板.xlsx', body };
    },

    /** A resident search as .xlsx; full numbers only with registry.reveal and a reason, audited. */
    async residents(
      caller: Caller,
      f: {
        q?: string | undefined;
        nodeId?: number | undefined;
        tags?: string[] | undefined;
        registrationType?: string | undefined;
        gender?: string | undefined;
        ageMin?: number | undefined;
        ageMax?: number | undefined;
        status: string;
        reveal: 'true' | 'false';
        reason?: string | undefined;
      },
    ): Promise<FileAnswer> {
      const scope = revealScope(caller, f);
      const place = f.nodeId !== undefined ? (await nodeInScope(caller.scope('registry.read'), f.nodeId)).name : '';
      const items: ResidentListItem[] = await allPages((page, pageSize) =>
        deps.registry.search(caller, { ...f, page, pageSize }),
      );
      const decrypted = await fullNumbers('resident', ['id_number_enc', 'phone_enc'], items, scope);
      const full = new Map(
        [...decrypted].map(([id, r]) => [id, { idNumber: r.id_number_enc, phone: r.phone_enc }] as const),
      );
      await auditExport(caller, 'registry.resident.export', 'resident', f, items.length, full.size);
      const columns: Column[] = [
        { header: '序号', width: 6 },
        { header: '姓名', width: 10 },
        { header: '性别', width: 6 },
        { header: '出生日期', width: 12 },
        { header: '年龄', width: 6 },
        { header: '公民身份号码', width: 22, numFmt: '@' },
        { header: '联系电话', width: 14, numFmt: '@' },
        { header: '人口类型', width: 10 },
        { header: '与户主关系', width: 10 },
        { header: '住址', width: 30 },
        { header: '关爱类别', width: 16 },
        { header: '状态', width: 8 },
      ];
      const tagNames = new Map((await repo.listCareTags(db)).map((t) => [t.code, t.nameZh]));
      const title = `${place || '居民'}查询结果  导出日期：${today()}${truncated(items.length)}`;
      const body = await workbook(title, '居民', columns, async (add) => {
        items.forEach((r, i) => {
          const shown = full.get(r.id);
          add([
            i + 1,
            r.name,
            zh('gender', r.gender),
            r.birthDate,
            r.age,
            shown ? shown.idNumber : r.idNumberMasked,
            shown ? shown.phone : r.phoneMasked,
            zh('registrationType', r.registrationType),
            zh('relationToHead', r.relationToHead),
            r.address,
            r.tags.map((t) => tagNames.get(t) ?? t).join('、'),
            zh('status', r.status),
          ]);
        });
      });
      return { fileName: fileName(place, '居民查询'), body };
    },

    /** The house list as .xlsx (房屋清单): the list's filters and scope, no paging; the owner's phone masked unless revealed. */
    async houses(
      caller: Caller,
      f: RevealRequest & {
        nodeId?: number | undefined;
        use?: HouseListItem['use'] | undefined;
        rentalMissing?: 'true' | 'false' | undefined;
      },
    ): Promise<FileAnswer> {
      const scope = revealScope(caller, f);
      const place = await placeName(caller, f.nodeId);
      const items = await allPages((page, pageSize) => deps.housing.list(caller, { ...f, page, pageSize }));
      // Room order as on the building (1单元2室 before 1单元10室), not the order of node ids.
      items.sort((a, b) => compareRoomNames(a.address, b.address));
      const full = await fullNumbers('house', ['owner_phone_enc'], items, scope);
      await auditExport(caller, 'registry.house.export', 'house', f, items.length, full.size);
      const columns: Column[] = [
        { header: '序号', width: 6 },
        { header: '房屋地址', width: 24 },
        { header: '建筑面积（㎡）', width: 12 },
        { header: '房屋用途', width: 10 },
        { header: '产权人', width: 10 },
        { header: '产权人联系电话', width: 14, numFmt: '@' },
        { header: '在租登记（户）', width: 12 },
        { header: '居住人数', width: 8 },
        { header: '备注', width: 30 },
      ];
      const title = `${place}房屋清单  导出日期：${today()}${truncated(items.length)}`;
      const body = await workbook(title, '房屋清单', columns, async (add) => {
        items.forEach((h, i) =>
          add([
            i + 1,
            h.address,
            h.areaM2,
            housingLabels.use[h.use].zh,
            h.ownerName,
            full.get(h.id)?.owner_phone_enc ?? h.ownerPhoneMasked,
            h.activeRentals,
            h.residents,
            h.rentalMissing ? `房屋用途为“${housingLabels.use.rented.zh}”，尚未办理出租登记` : null,
          ]),
        );
      });
      return { fileName: listFileName('房屋清单', place), body };
    },

    /** The unit list as .xlsx (辖区单位清单): religious sites only with registry.sensitive, as in the list. */
    async units(
      caller: Caller,
      f: RevealRequest & {
        q?: string | undefined;
        nodeId?: number | undefined;
        kind?: string | undefined;
        status: string;
      },
    ): Promise<FileAnswer> {
      const scope = revealScope(caller, f);
      const place = await placeName(caller, f.nodeId);
      const items = await allPages((page, pageSize) => deps.units.list(caller, { ...f, page, pageSize }));
      const full = await fullNumbers('org_unit', ['contact_phone_enc'], items, scope);
      await auditExport(caller, 'registry.unit.export', 'org_unit', f, items.length, full.size);
      const columns: Column[] = [
        ...unitLeadColumns,
        { header: '地址', width: 20 },
        { header: '状态', width: 8 },
        { header: '备注', width: 30 },
      ];
      const title = `${place}辖区单位清单  导出日期：${today()}${truncated(items.length)}`;
      const body = await workbook(title, '辖区单位清单', columns, async (add) => {
        items.forEach((u, i) =>
          add([
            i + 1,
            unitLabels.kind[u.kind].zh,
            u.name,
            u.creditCode,
            u.legalRepresentative,
            u.contactName,
            full.get(u.id)?.contact_phone_enc ?? u.contactPhoneMasked,
            u.employees,
            u.address,
            unitLabels.status[u.status].zh,
            u.creditCodeOverride ? creditCodeOverrideNote(u.creditCodeOverride.reason) : null,
          ]),
        );
      });
      return { fileName: listFileName('辖区单位清单', place), body };
    },

    /**
     * A ledger for a node in scope; ID and phone numbers masked. The roster, the floating-population
     * register and the care ledger can also be drawn as they stood at the end of a past day (`asOf`), for
     * a community or anything below it.
     */
    async ledger(caller: Caller, kind: LedgerKind, nodeId: number, asOf?: string): Promise<FileAnswer> {
      const node = await nodeInScope(caller.scope('registry.read'), nodeId);
      const day = today();
      if (asOf !== undefined) {
        const issue =
          kind !== 'roster' && kind !== 'floating' && kind !== 'care'
            ? '只有居民花名册、流动人口登记表和关爱对象台账可以按过去的日期生成'
            : asOf >= day
              ? '请选择今天以前的日期（今天的名册不必选日期）'
              : !['community', 'grid', 'building', 'unit', 'household'].includes(node.level)
                ? '按过去的日期生成名册时，请先选择一个社区或网格'
                : null;
        if (issue) throw new DomainError('VALIDATION_FAILED', [{ path: 'query.asOf', message: issue }]);
      }
      const names = await namesUnder(node.path);
      const label = ledgerLabels[kind].zh;
      const title = `${node.name} ${label}${asOf ? `  截至 ${asOf}` : ''}  导出日期：${day}`;
      // The residents of the roster, register and care ledger: as they are, or as they stood at the end of
      // asOf (read once however many care groups ask).
      let then: ReturnType<typeof residentsOn> | undefined;
      const people = async function* (only: { floating?: true; tag?: string } = {}) {
        if (asOf === undefined) return yield* residentsUnder(node.path, only);
        for (const { nodePath, fields: f } of await (then ??= residentsOn(node.path, asOf)))
          if ((!only.floating || f.registrationType === 'floating') && (!only.tag || f.tags.includes(only.tag)))
            yield {
              node_path: nodePath,
              name: f.name,
              gender: f.gender,
              birth_date: f.birthDate,
              id_number_masked: f.idNumber,
              phone_masked: f.phone,
              ethnicity: f.ethnicity,
              registration_type: f.registrationType,
              relation_to_head: f.relationToHead,
              arrival_date: f.arrivalDate,
              origin: f.origin,
              arrival_reason: f.arrivalReason,
              expected_stay: f.expectedStay,
            };
      };
      let columns: Column[];
      let fill: (add: (cells: Cell[]) => void) => Promise<void>;
      switch (kind) {
        case 'roster':
          columns = [
            { header: '序号', width: 6 },
            { header: '网格', width: 12 },
            { header: '住址', width: 18 },
            { header: '姓名', width: 10 },
            { header: '与户主关系', width: 10 },
            { header: '性别', width: 6 },
            { header: '出生日期', width: 12 },
            { header: '公民身份号码', width: 22, numFmt: '@' },
            { header: '民族', width: 8 },
            { header: '人口类型', width: 10 },
            { header: '联系电话', width: 14, numFmt: '@' },
          ];
          fill = async (add) => {
            let n = 0;
            for await (const r of people()) {
              const p = placeOf(names, r.node_path);
              add([
                ++n,
                p.grid,
                p.address,
                r.name,
                zh('relationToHead', r.relation_to_head),
                zh('gender', r.gender),
                r.birth_date,
                r.id_number_masked,
                r.ethnicity,
                zh('registrationType', r.registration_type),
                r.phone_masked,
              ]);
            }
          };
          break;
        case 'floating':
          columns = [
            { header: '序号', width: 6 },
            { header: '姓名', width: 10 },
            { header: '性别', width: 6 },
            { header: '出生日期', width: 12 },
            { header: '公民身份号码', width: 22, numFmt: '@' },
            { header: '户籍地', width: 24 },
            { header: '来本地日期', width: 12 },
            { header: '来本地事由', width: 12 },
            { header: '预计居住期限', width: 12 },
            { header: '现住址', width: 18 },
            { header: '联系电话', width: 14, numFmt: '@' },
          ];
          fill = async (add) => {
            let n = 0;
            for await (const r of people({ floating: true }))
              add([
                ++n,
                r.name,
                zh('gender', r.gender),
                r.birth_date,
                r.id_number_masked,
                r.origin,
                r.arrival_date,
                r.arrival_reason,
                r.expected_stay,
                placeOf(names, r.node_path).address,
                r.phone_masked,
              ]);
          };
          break;
        case 'care': {
          const tags = await repo.listCareTags(db);
          const visitWords = { phone: '电话', home: '入户', neighbour: '邻居' } as const;
          columns = [
            { header: '序号', width: 6 },
            { header: '关爱类别', width: 12 },
            { header: '姓名', width: 10 },
            { header: '性别', width: 6 },
            { header: '年龄', width: 6 },
            { header: '网格', width: 12 },
            { header: '住址', width: 18 },
            { header: '联系电话', width: 14, numFmt: '@' },
            { header: '走访要求', width: 24 },
          ];
          fill = async (add) => {
            let n = 0;
            // One section per care group, in the dictionary's order.
            for (const tag of tags)
              for await (const r of people({ tag: tag.code })) {
                const p = placeOf(names, r.node_path);
                add([
                  ++n,
                  tag.nameZh,
                  r.name,
                  zh('gender', r.gender),
                  ageOn(r.birth_date, asOf ?? day),
                  p.grid,
                  p.address,
                  r.phone_masked,
                  tag.visitRule.map((v) => `${visitWords[v.kind]}每 ${v.everyDays} 天`).join('，'),
                ]);
              }
          };
          break;
        }
        case 'rental':
          ({ columns, fill } = rentalLedger(db, node.path, (p) => placeOf(names, p)));
          break;
        case 'units':
          ({ columns, fill } = unitsLedger(db, node.path, caller.scope('registry.sensitive'), (p) =>
            placeOf(names, p),
          ));
          break;
      }
      const body = await workbook(title, label.replace(/[（）]/g, ''), columns, fill);
      await db.tx((q) =>
        appendAudit(q, {
          ...auditBy(caller),
          action: 'registry.ledger.export',
          entityType: 'jurisdiction_node',
          entityId: node.id,
          nodeId: node.id,
          summary: asOf ? { kind, asOf } : { kind },
        }),
      );
      return { fileName: fileName(node.name, asOf ? `${label}（截至${asOf}）` : label), body };
    },
  };
}
