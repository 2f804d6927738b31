/**
 * The rental-housing register (出租房屋登记台账) and the units register (辖区单位台账): columns and
 * rows for the registry's ledger writer (registry-export.service.ts). Numbers are always masked.
 */
import { housingLabels, unitLabels } from '@linli/contracts';
import type { Scope } from '../../platform/auth/actor.ts';
import { pathRangePredicate } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { compareRoomNames } from './house.ts';
import { unitsForLedger } from './units.repository.ts';

export interface LedgerColumn {
  header: string;
  width: number;
  /** Excel number format; '@' keeps ID numbers as text. */
  numFmt?: string;
}
export type Cell = string | number | null;

/** The columns every unit sheet starts with: the units register and the unit list export. */
export const unitLeadColumns: readonly LedgerColumn[] = [
  { header: '序号', width: 6 },
  { header: '单位类别', width: 12 },
  { header: '单位名称', width: 28 },
  { header: '统一社会信用代码', width: 22, numFmt: '@' },
  { header: '法定代表人（负责人）', width: 12 },
  { header: '联系人', width: 10 },
  { header: '联系电话', width: 14, numFmt: '@' },
  { header: '从业人数', width: 8 },
];

/** The remark a sheet carries for a credit code kept despite failing GB 32100. */
export function creditCodeOverrideNote(reason: string): string {
  return `代码未通过校验，经核实保留：${reason}`;
}
type Place = (nodePath: string) => { grid: string; address: string };

export function rentalLedger(q: Queryable, path: string, placeOf: Place) {
  const columns: LedgerColumn[] = [
    { header: '序号', width: 6 },
    { header: '网格', width: 12 },
    { header: '房屋地址', width: 20 },
    { header: '建筑面积（㎡）', width: 10 },
    { header: '出租人（房东）', width: 10 },
    { header: '房东联系电话', width: 14, numFmt: '@' },
    { header: '承租人', width: 10 },
    { header: '承租人身份证号', width: 22, numFmt: '@' },
    { header: '承租人联系电话', width: 14, numFmt: '@' },
    { header: '承租户住址', width: 18 },
    { header: '租赁起始日期', width: 12 },
    { header: '租赁截止日期', width: 12 },
    { header: '租赁合同编号', width: 16 },
    { header: '登记日期', width: 12 },
    { header: '备注', width: 24 },
  ];
  const fill = async (add: (cells: Cell[]) => void) => {
    const params: unknown[] = [];
    const { rows } = await q.query<{
      node_path: string;
      area_m2: string | null;
      owner_phone_masked: string | null;
      landlord_name: string | null;
      tenant_name: string | null;
      tenant_id_number_masked: string | null;
      tenant_phone_masked: string | null;
      tenant_path: string | null;
      start_date: string | null;
      end_date: string | null;
      contract_no: string | null;
      registered_on: string | null;
      owner_name: string | null;
    }>(
      // Active rentals, then houses marked 出租 that have none (so the office sees what is missing).
      `SELECT h.node_path, h.area_m2::text AS area_m2, h.owner_name, h.owner_phone_masked, x.landlord_name, x.tenant_name,
              x.tenant_id_number_masked, x.tenant_phone_masked, tn.path AS tenant_path,
              to_char(x.start_date, 'YYYY-MM-DD') AS start_date, to_char(x.end_date, 'YYYY-MM-DD') AS end_date, x.contract_no,
              to_char(x.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS registered_on
       FROM house h
       LEFT JOIN rental x ON x.house_id = h.id AND x.status = 'active'
       LEFT JOIN jurisdiction_node tn ON tn.id = x.tenant_node_id
       WHERE ${pathRangePredicate({ paths: [path] }, 'h.node_path', params)} AND (x.id IS NOT NULL OR h.use = 'rented')
       ORDER BY h.node_path, x.start_date`,
      params,
    );
    const sorted = [...rows].sort(
      (a, b) =>
        Number(a.start_date === null) - Number(b.start_date === null) ||
        compareRoomNames(placeOf(a.node_path).grid, placeOf(b.node_path).grid) ||
        compareRoomNames(placeOf(a.node_path).address, placeOf(b.node_path).address),
    );
    let n = 0;
    for (const r of sorted) {
      const p = placeOf(r.node_path);
      add([
        ++n,
        p.grid,
        p.address,
        r.area_m2 === null ? null : Number(r.area_m2),
        r.landlord_name ?? r.owner_name,
        r.owner_phone_masked,
        r.tenant_name,
        r.tenant_id_number_masked,
        r.tenant_phone_masked,
        r.tenant_path ? placeOf(r.tenant_path).address : null,
        r.start_date,
        r.end_date,
        r.contract_no,
        r.registered_on,
        r.start_date === null ? `房屋用途为“${housingLabels.use.rented.zh}”，尚未办理出租登记` : null,
      ]);
    }
  };
  return { columns, fill };
}

export function unitsLedger(q: Queryable, path: string, sensitive: Scope, placeOf: Place) {
  const columns: LedgerColumn[] = [
    ...unitLeadColumns,
    { header: '所在网格', width: 12 },
    { header: '地址', width: 20 },
    { header: '备注', width: 30 },
  ];
  const fill = async (add: (cells: Cell[]) => void) => {
    let n = 0;
    for (const u of await unitsForLedger(q, path, sensitive)) {
      const p = placeOf(u.node_path);
      add([
        ++n,
        unitLabels.kind[u.kind].zh,
        u.name,
        u.credit_code,
        u.legal_representative,
        u.contact_name,
        u.contact_phone_masked,
        u.employees,
        p.grid,
        p.address,
        [u.credit_code_override_reason ? creditCodeOverrideNote(u.credit_code_override_reason) : '', u.notes ?? '']
          .filter(Boolean)
          .join('；') || null,
      ]);
    }
  };
  return { columns, fill };
}
