/** Excel/CSV import of residents and Excel export of searches and ledgers (居民导入导出、台账). */
import { z } from 'zod';
import { genders, ResidentSearchQuery, registrationTypes, residentStatuses } from './registry.ts';

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

/** Field → header of the column that fills it (headers as they appear in the file). */
export const ImportMapping = z.strictObject(
  Object.fromEntries(importFields.map((f) => [f, z.string().trim().min(1).max(60).optional()])) as Record<
    ImportField,
    z.ZodOptional<z.ZodString>
  >,
);
export type ImportMapping = z.infer<typeof ImportMapping>;

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
});

export const importStatuses = ['uploaded', 'running', 'committed', 'failed', 'undone'] as const;

export const ImportUpload = z.object({
  id: z.number().int(),
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
  /** New residents (would be) registered, existing ones (would be) corrected, identical ones skipped. */
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
  /** Corrections of existing residents are kept (their history shows them). */
  updatedKept: z.number().int(),
});

/** A file answer (xlsx); the routing layer sends it with Content-Disposition. */
export const FileAnswer = z.object({
  fileName: z.string(),
  body: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'file body'),
});
export type FileAnswer = z.infer<typeof FileAnswer>;
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const ExportResidentsQuery = ResidentSearchQuery.omit({ page: true, pageSize: true }).extend({
  status: z.enum(residentStatuses).default('active'),
  gender: z.enum(genders).optional(),
  registrationType: z.enum(registrationTypes).optional(),
  /** Full ID and phone numbers, for holders of registry.reveal, with a reason (audited). */
  reveal: z.enum(['true', 'false']).default('false'),
  reason: z.string().trim().max(200).optional(),
});

export const ledgerKinds = ['roster', 'floating', 'care'] as const;
export const ledgerLabels = {
  roster: { zh: '居民花名册（按网格）', en: 'Resident roster by grid' },
  floating: { zh: '流动人口登记表', en: 'Floating population register' },
  care: { zh: '关爱对象台账', en: 'Care ledger' },
} as const;

export const LedgerParams = z.strictObject({ kind: z.enum(ledgerKinds) });
export const LedgerQuery = z.strictObject({ nodeId: z.coerce.number().int().positive() });
