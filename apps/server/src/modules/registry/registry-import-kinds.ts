/**
 * Pure rules of the house (房屋) and unit (辖区单位) imports: their columns as offices head them, and
 * the validation of one row with the same rules as the console (phone, ID number, GB 32100 credit
 * code with its explicit override). No I/O; matching addresses and writing live in the service.
 */
import {
  houseImportFields,
  importFieldNames,
  requiredImportFieldsOf,
  unitImportFields,
  unitKinds,
  unitLabels,
  type HouseImportField,
  type ImportRowError,
  type UnitImportField,
  type UnitKind,
} from '@linli/contracts';
import { decideCreditCode } from './house.ts';
import { parseDate, type ImportRow, type ImportSpec } from './registry-import.ts';
import { normalizeIdentity, normalizePhone } from './resident.ts';

const houseSynonyms: Record<HouseImportField, readonly string[]> = {
  address: ['房屋地址', '房号', '门牌', '门牌号', '地址', '住址', '房屋坐落', '坐落', '房屋位置', '房屋'],
  areaM2: ['建筑面积', '面积', '房屋面积', '使用面积'],
  use: ['房屋用途', '用途', '使用情况', '房屋性质', '使用性质', '房屋状态'],
  ownerName: ['产权人', '房主', '业主', '产权人姓名', '房主姓名', '业主姓名', '房屋所有人'],
  ownerPhone: ['产权人电话', '房主电话', '业主电话', '产权人联系电话', '业主联系电话', '房主联系电话'],
  tenantName: ['承租人', '租户', '承租人姓名', '租户姓名', '租住人'],
  tenantIdNumber: ['承租人身份证号', '承租人身份证号码', '承租人证件号码', '租户身份证号', '租户身份证号码'],
  tenantPhone: ['承租人电话', '承租人联系电话', '租户电话', '租户联系电话'],
  landlordName: ['出租人', '出租人姓名', '房东', '房东姓名'],
  rentalStart: ['租期开始', '起租日期', '租赁开始日期', '租期起', '租赁起始日期', '出租日期'],
  rentalEnd: ['租期结束', '到期日期', '租赁结束日期', '租期止', '租赁截止日期'],
  contractNo: ['合同编号', '租赁合同编号', '合同号', '租赁合同号'],
  notes: ['备注'],
};

const unitSynonyms: Record<UnitImportField, readonly string[]> = {
  kind: ['单位类别', '单位类型', '类别', '类型', '单位性质'],
  name: ['单位名称', '名称', '企业名称', '机构名称', '组织名称', '场所名称'],
  creditCode: ['统一社会信用代码', '信用代码', '社会信用代码', '统一代码'],
  creditCodeOverrideReason: ['代码校验例外原因', '校验例外原因', '例外原因', '代码例外原因', '保留原因'],
  address: ['单位地址', '地址', '所在地址', '经营地址', '住所', '所在位置', '办公地址'],
  legalRepresentative: ['法定代表人', '法人代表', '法人', '负责人'],
  contactName: ['联系人', '联系人姓名'],
  contactPhone: ['联系电话', '电话', '手机', '联系方式', '联系人电话'],
  employees: ['从业人数', '职工人数', '员工人数', '人数', '从业人员数'],
  notes: ['备注'],
};

export const houseSpec: ImportSpec = {
  fields: houseImportFields,
  required: requiredImportFieldsOf.houses,
  synonyms: houseSynonyms,
  labels: importFieldNames.houses,
};

export const unitSpec: ImportSpec = {
  fields: unitImportFields,
  required: requiredImportFieldsOf.units,
  synonyms: unitSynonyms,
  labels: importFieldNames.units,
};

type HouseUse = 'owner_occupied' | 'rented' | 'vacant' | 'commercial';
const useWords: Record<string, HouseUse> = {
  自住: 'owner_occupied',
  自用: 'owner_occupied',
  居住: 'owner_occupied',
  出租: 'rented',
  租赁: 'rented',
  空置: 'vacant',
  闲置: 'vacant',
  空房: 'vacant',
  商用: 'commercial',
  商业: 'commercial',
  经营: 'commercial',
  owner_occupied: 'owner_occupied',
  rented: 'rented',
  vacant: 'vacant',
  commercial: 'commercial',
};

const kindWords: Record<string, UnitKind> = {
  ...Object.fromEntries(unitKinds.map((k) => [unitLabels.kind[k].zh, k])),
  ...Object.fromEntries(unitKinds.map((k) => [k, k])),
  公司: 'company',
  企业单位: 'company',
  个体工商户: 'shop',
  商铺: 'shop',
  门店: 'shop',
  网点: 'shop',
  机关: 'agency',
  事业单位: 'agency',
  机关单位: 'agency',
  社会组织: 'organisation',
  组织: 'organisation',
  幼儿园: 'school',
  学校单位: 'school',
};

/** A phone as stored: value and mask; undefined when the cell is empty. */
export interface PhoneValue {
  phone: string;
  masked: string;
}

/** A house row that passed every rule; undefined means "the file says nothing, keep what is on record". */
export interface ValidHouseRow {
  row: number;
  address: string;
  areaM2: number | undefined;
  use: HouseUse | undefined;
  ownerName: string | undefined;
  ownerPhone: PhoneValue | undefined;
  notes: string | undefined;
  rental:
    | {
        tenantName: string;
        tenantId: { idNumber: string; masked: string } | null;
        tenantPhone: PhoneValue | null;
        landlordName: string;
        startDate: string;
        endDate: string | null;
        contractNo: string | null;
      }
    | undefined;
}

type RowCheck<T> = { ok: true; value: T } | { ok: false; errors: ImportRowError[] };

function rowTools<F extends string>(r: ImportRow, headers: Partial<Record<string, string>>, labels: Record<F, string>) {
  const errors: ImportRowError[] = [];
  const v = (f: F) => r.values[f]?.trim() ?? '';
  const fail = (f: F, reason: string) =>
    errors.push({ row: r.row, column: headers[f] ?? labels[f], value: v(f), reason });
  const maxLen = (f: F, max: number) => {
    if ([...v(f)].length > max) fail(f, `最多 ${max} 个字`);
  };
  const phone = (f: F): PhoneValue | undefined => {
    if (!v(f)) return undefined;
    const p = normalizePhone(v(f));
    if (!p.ok) fail(f, p.issue.message);
    else if (p.value.phone && p.value.phoneMasked) return { phone: p.value.phone, masked: p.value.phoneMasked };
    return undefined;
  };
  return { errors, v, fail, maxLen, phone };
}

/** An area as written: "89.5", "89.5㎡", "89.5平方米". */
export function parseArea(text: string): number | null {
  const s = text.replace(/\s+/g, '').replace(/(㎡|m²|m2|平方米|平米)$/i, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return Number(s);
}

/** Validate one house row: the room, its facts, and a rental when any rental column is filled. */
export function validateHouseRow(
  r: ImportRow,
  ctx: { today: string; headers: Partial<Record<string, string>> },
): RowCheck<ValidHouseRow> {
  const { errors, v, fail, maxLen, phone } = rowTools<HouseImportField>(r, ctx.headers, importFieldNames.houses);

  if (!v('address')) fail('address', '请填写房屋地址（楼幢、单元、室号），如「1幢1单元101室」');
  let areaM2: number | undefined;
  if (v('areaM2')) {
    const a = parseArea(v('areaM2'));
    if (a === null) fail('areaM2', '面积应为数字（平方米，最多两位小数），如 89.5');
    else if (a <= 0 || a >= 100_000) fail('areaM2', '面积应大于 0 且小于 100000 平方米，请核对');
    else areaM2 = a;
  }
  let use: HouseUse | undefined;
  if (v('use')) {
    use = useWords[v('use')];
    if (!use) fail('use', '房屋用途应为「自住」「出租」「空置」或「商用」');
  }
  const ownerPhone = phone('ownerPhone');
  maxLen('ownerName', 60);
  maxLen('notes', 1000);

  const rentalFields: HouseImportField[] = [
    'tenantName',
    'tenantIdNumber',
    'tenantPhone',
    'landlordName',
    'rentalStart',
    'rentalEnd',
    'contractNo',
  ];
  let rental: ValidHouseRow['rental'];
  if (rentalFields.some((f) => v(f))) {
    if (!v('tenantName')) fail('tenantName', '填写了出租信息时须填写承租人姓名');
    if (!v('landlordName')) fail('landlordName', '填写了出租信息时须填写出租人');
    for (const f of ['tenantName', 'landlordName', 'contractNo'] as const) maxLen(f, 60);
    let tenantId: { idNumber: string; masked: string } | null = null;
    if (v('tenantIdNumber')) {
      const id = normalizeIdentity({ idNumber: v('tenantIdNumber').replace(/\s+/g, '') }, ctx.today);
      if (!id.ok) for (const issue of id.issues) fail('tenantIdNumber', issue.message);
      else if (id.value.idNumber)
        tenantId = { idNumber: id.value.idNumber, masked: id.value.idNumberMasked ?? id.value.idNumber };
    }
    const tenantPhone = phone('tenantPhone') ?? null;
    let startDate: string | null = null;
    if (!v('rentalStart')) fail('rentalStart', '填写了出租信息时须填写租期开始日期');
    else {
      startDate = parseDate(v('rentalStart'));
      if (!startDate) fail('rentalStart', '日期格式应为 YYYY-MM-DD，例如 2025-03-01');
      else if (startDate > ctx.today) fail('rentalStart', '租期开始日期不能晚于今天（请在起租后登记）');
    }
    let endDate: string | null = null;
    if (v('rentalEnd')) {
      endDate = parseDate(v('rentalEnd'));
      if (!endDate) fail('rentalEnd', '日期格式应为 YYYY-MM-DD，例如 2026-02-28');
      else if (startDate && endDate < startDate) fail('rentalEnd', '租期结束日期不能早于开始日期');
    }
    if (startDate)
      rental = {
        tenantName: v('tenantName'),
        tenantId,
        tenantPhone,
        landlordName: v('landlordName'),
        startDate,
        endDate,
        contractNo: v('contractNo') || null,
      };
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      row: r.row,
      address: v('address'),
      areaM2,
      // A rented room without a use column is 出租, as the console's rental registration makes it.
      use: use ?? (rental ? 'rented' : undefined),
      ownerName: v('ownerName') || undefined,
      ownerPhone,
      notes: v('notes') || undefined,
      rental,
    },
  };
}

/** A unit row that passed every rule; undefined means "keep what is on record". */
export interface ValidUnitRow {
  row: number;
  kind: UnitKind;
  name: string;
  creditCode: string | null;
  /** The code fails GB 32100 and is kept with this reason (audited like the console override). */
  override: { reason: string; problem: string } | null;
  address: string;
  legalRepresentative: string | undefined;
  contactName: string | undefined;
  contactPhone: PhoneValue | undefined;
  employees: number | undefined;
  notes: string | undefined;
}

/** Validate one unit row; a credit code failing its check is a bad row unless a reason is given. */
export function validateUnitRow(
  r: ImportRow,
  ctx: { headers: Partial<Record<string, string>> },
): RowCheck<ValidUnitRow> {
  const { errors, v, fail, maxLen, phone } = rowTools<UnitImportField>(r, ctx.headers, importFieldNames.units);

  const kind = kindWords[v('kind')];
  if (!v('kind')) fail('kind', '请填写单位类别');
  else if (!kind)
    fail('kind', '无法识别的单位类别，可填：企业、学校、机关事业单位、商业网点、社区组织、宗教场所、其他');
  const name = v('name');
  if (!name) fail('name', '请填写单位名称');
  else if ([...name].length > 100) fail('name', '名称最多 100 个字');

  const reason = v('creditCodeOverrideReason');
  if (reason && [...reason].length < 4)
    fail('creditCodeOverrideReason', '请说明为何保留未通过校验的代码（至少 4 个字，如“以营业执照原件为准”）');
  else if ([...reason].length > 200) fail('creditCodeOverrideReason', '最多 200 个字');
  const decision = decideCreditCode(v('creditCode') || undefined, reason.length >= 4 ? { reason } : undefined);
  if (!decision.ok)
    fail(
      'creditCode',
      `统一社会信用代码未通过校验：${decision.message}${decision.overridable ? '。如与营业执照（登记证书）原件一致，可在「代码校验例外原因」列说明原因后保留' : ''}`,
    );

  if (!v('address')) fail('address', '请填写单位地址（楼幢、单元、室号或网格），如「1幢」「2幢1单元101室」');
  for (const f of ['legalRepresentative', 'contactName'] as const) maxLen(f, 60);
  maxLen('notes', 1000);
  const contactPhone = phone('contactPhone');
  let employees: number | undefined;
  if (v('employees')) {
    if (!/^\d{1,8}$/.test(v('employees'))) fail('employees', '从业人数应为不小于 0 的整数');
    else employees = Number(v('employees'));
  }

  if (errors.length > 0 || !kind || !decision.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      row: r.row,
      kind,
      name,
      creditCode: decision.code,
      override: decision.override,
      address: v('address'),
      legalRepresentative: v('legalRepresentative') || undefined,
      contactName: v('contactName') || undefined,
      contactPhone,
      employees,
      notes: v('notes') || undefined,
    },
  };
}
