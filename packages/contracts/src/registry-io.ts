/** Excel/CSV import of residents, houses and units, and Excel export of searches and ledgers (居民导入导出、台账). */
import { z } from 'zod';
import { HouseListQuery } from './housing.ts';
import { genders, ResidentSearchQuery, registrationTypes, residentStatuses } from './registry.ts';
import { UnitListQuery } from './units.ts';

/** Fields an import column can fill. */
export const importFields = [
  'name',
  'gender',
  'birthDate',
  'idNumber',
  'phone',
  'ethnicity',
  'registrationType',
  'relationToHead',
  'address',
  'arrivalDate',
  'origin',
  'arrivalReason',
  'tags',
  'notes',
] as const;
export type ImportField = (typeof importFields)[number];

/** Columns every import must map: who (name, ID number), where (address), and which register. */
export const requiredImportFields: readonly ImportField[] = ['name', 'idNumber', 'address', 'registrationType'];

/**
 * Field → header of the column that fills it (headers as they appear in the file). The fields are
 * those of the import's kind (importFieldsOf); the server refuses a field the kind does not have.
 */
export const ImportMapping = z.record(z.string().max(40), z.string().trim().min(1).max(60));
export type ImportMapping = z.infer<typeof ImportMapping>;

/** What an import brings in: residents (居民), houses with their rentals (房屋), units (辖区单位). */
export const importKinds = ['residents', 'houses', 'units'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importKindLabels = {
  residents: { zh: '居民', en: 'Residents' },
  houses: { zh: '房屋', en: 'Houses' },
  units: { zh: '辖区单位', en: 'Units' },
} as const;

/** Fields of a house import: the room, its facts, and optionally a rental of it (出租登记). */
export const houseImportFields = [
  'address',
  'areaM2',
  'use',
  'ownerName',
  'ownerPhone',
  'tenantName',
  'tenantIdNumber',
  'tenantPhone',
  'landlordName',
  'rentalStart',
  'rentalEnd',
  'contractNo',
  'notes',
] as const;
export type HouseImportField = (typeof houseImportFields)[number];

/** Fields of a unit import; a code failing GB 32100 is kept only with an override reason. */
export const unitImportFields = [
  'kind',
  'name',
  'creditCode',
  'creditCodeOverrideReason',
  'address',
  'legalRepresentative',
  'contactName',
  'contactPhone',
  'employees',
  'notes',
] as const;
export type UnitImportField = (typeof unitImportFields)[number];

/** Fields, required fields and Chinese field names of each kind (the console's mapping table). */
export const importFieldsOf: Record<ImportKind, readonly string[]> = {
  residents: importFields,
  houses: houseImportFields,
  units: unitImportFields,
};
export const requiredImportFieldsOf: Record<ImportKind, readonly string[]> = {
  residents: requiredImportFields,
  houses: ['address'],
  units: ['kind', 'name', 'address'],
};
export const importFieldNames: Record<ImportKind, Record<string, string>> = {
  residents: {
    name: '姓名',
    gender: '性别',
    birthDate: '出生日期',
    idNumber: '公民身份号码',
    phone: '联系电话',
    ethnicity: '民族',
    registrationType: '人口类型',
    relationToHead: '与户主关系',
    address: '住址',
    arrivalDate: '来本地日期',
    origin: '户籍地',
    arrivalReason: '来本地事由',
    tags: '关爱类别',
    notes: '备注',
  },
  houses: {
    address: '房屋地址',
    areaM2: '建筑面积',
    use: '房屋用途',
    ownerName: '产权人',
    ownerPhone: '产权人电话',
    tenantName: '承租人',
    tenantIdNumber: '承租人身份证号',
    tenantPhone: '承租人电话',
    landlordName: '出租人',
    rentalStart: '租期开始',
    rentalEnd: '租期结束',
    contractNo: '合同编号',
    notes: '备注',
  },
  units: {
    kind: '单位类别',
    name: '单位名称',
    creditCode: '统一社会信用代码',
    creditCodeOverrideReason: '代码校验例外原因',
    address: '单位地址',
    legalRepresentative: '法定代表人',
    contactName: '联系人',
    contactPhone: '联系电话',
    employees: '从业人数',
    notes: '备注',
  },
};

/** Content types the upload route accepts as the raw request body. */
export const importContentTypes = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
  'application/octet-stream',
] as const;
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

export const UploadImportQuery = z.strictObject({
  /** The node the import is for (community, grid, building): addresses are matched under it. */
  nodeId: z.coerce.number().int().positive(),
  fileName: z.string().trim().max(200).optional(),
  kind: z.enum(importKinds).default('residents'),
});

export const ImportTemplateQuery = z.strictObject({ kind: z.enum(importKinds).default('residents') });

export const importStatuses = ['uploaded', 'running', 'committed', 'failed', 'undone'] as const;

export const ImportUpload = z.object({
  id: z.number().int(),
  kind: z.enum(importKinds),
  nodeId: z.number().int(),
  fileName: z.string().nullable(),
  format: z.enum(['xlsx', 'csv']),
  /** Row number (as in Excel) of the header row that was found. */
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  suggestedMapping: ImportMapping,
  /** The mapping last used for this community, when there is one. */
  rememberedMapping: ImportMapping.nullable(),
});

export const RunImportBody = z.strictObject({
  mapping: ImportMapping.optional(),
  /** Validate only (the default): nothing is written. */
  dryRun: z.boolean().default(true),
  /** all_or_nothing refuses when any row is bad; good_rows writes the good ones. */
  mode: z.enum(['all_or_nothing', 'good_rows']).default('all_or_nothing'),
});

export const ImportRowError = z.object({
  /** Row number as Excel shows it. */
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportResult = z.object({
  id: z.number().int(),
  dryRun: z.boolean(),
  status: z.enum(importStatuses),
  totalRows: z.number().int(),
  goodRows: z.number().int(),
  badRows: z.number().int(),
  kind: z.enum(importKinds),
  /** New records (would be) registered, existing ones (would be) corrected, identical ones skipped. */
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(ImportRowError),
  /** Only the first 1,000 problems are listed; the counts cover every row. */
  errorsTruncated: z.boolean(),
  mapping: ImportMapping,
});

export const ImportStatus = z.object({
  id: z.number().int(),
  kind: z.enum(importKinds),
  nodeId: z.number().int(),
  fileName: z.string().nullable(),
  status: z.enum(importStatuses),
  /** Rows read so far by a running import (this server process only). */
  rowsProcessed: z.number().int(),
  /** Rows in the file, once a run has read it to the end. */
  rowsTotal: z.number().int().nullable(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  badRows: z.number().int(),
  committedAt: z.string().nullable(),
  undoneAt: z.string().nullable(),
});

export const UndoImportResult = z.object({
  id: z.number().int(),
  removed: z.number().int(),
  /** Corrections of existing records are kept (their history shows them). */
  updatedKept: z.number().int(),
});

/** A file answer (xlsx); the routing layer sends it with Content-Disposition. */
export const FileAnswer = z.object({
  fileName: z.string(),
  body: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'file body'),
});
export type FileAnswer = z.infer<typeof FileAnswer>;
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Full ID and phone numbers in an export, for holders of registry.reveal, with a reason (audited). */
const exportReveal = {
  reveal: z.enum(['true', 'false']).default('false'),
  reason: z.string().trim().max(200).optional(),
};

export const ExportResidentsQuery = ResidentSearchQuery.omit({ page: true, pageSize: true }).extend({
  status: z.enum(residentStatuses).default('active'),
  gender: z.enum(genders).optional(),
  registrationType: z.enum(registrationTypes).optional(),
  ...exportReveal,
});

/** The house list's filters, without paging (房屋清单). */
export const ExportHousesQuery = HouseListQuery.omit({ page: true, pageSize: true }).extend(exportReveal);
/** The unit list's filters, without paging (辖区单位清单). */
export const ExportUnitsQuery = UnitListQuery.omit({ page: true, pageSize: true }).extend(exportReveal);

export const ledgerKinds = ['roster', 'floating', 'care', 'rental', 'units'] as const;
export type LedgerKind = (typeof ledgerKinds)[number];
export const ledgerLabels = {
  roster: { zh: '居民花名册（按网格）', en: 'Resident roster by grid' },
  floating: { zh: '流动人口登记表', en: 'Floating population register' },
  care: { zh: '关爱对象台账', en: 'Care ledger' },
  rental: { zh: '出租房屋登记台账', en: 'Rental housing register' },
  units: { zh: '辖区单位台账', en: 'Units register' },
} as const;

export const LedgerParams = z.strictObject({ kind: z.enum(ledgerKinds) });
export const LedgerQuery = z.strictObject({
  nodeId: z.coerce.number().int().positive(),
  /** The roster or register as it stood at the end of this past day (YYYY-MM-DD); omitted: as it is now. */
  asOf: z.iso.date('日期格式应为 YYYY-MM-DD').optional(),
});
