/** The column mapping of an import (pure rules): its starting value and what is wrong with it, per kind. */
import {
  importFieldsOf,
  requiredImportFields,
  requiredImportFieldsOf,
  type ImportKind,
  type ImportMapping,
} from '@linli/contracts';

export { requiredImportFields };

/** The mapping to start from: the one last used for the community where its columns still exist, else the suggestion. */
export function initialMapping(
  headers: readonly string[],
  suggested: ImportMapping,
  remembered: ImportMapping | null,
  kind: ImportKind = 'residents',
): ImportMapping {
  const present = new Set(headers);
  const mapping: ImportMapping = {};
  for (const field of importFieldsOf[kind]) {
    const fromMemory = remembered?.[field];
    const pick = fromMemory !== undefined && present.has(fromMemory) ? fromMemory : suggested[field];
    if (pick !== undefined && present.has(pick)) mapping[field] = pick;
  }
  return mapping;
}

export type MappingProblem =
  { kind: 'missing'; fields: string[] } | { kind: 'duplicate'; column: string; fields: string[] };

/** What must be fixed before the import can be checked: the required columns, and no column used twice. */
export function mappingProblems(mapping: ImportMapping, kind: ImportKind = 'residents'): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const missing = requiredImportFieldsOf[kind].filter((f) => !mapping[f]);
  if (missing.length > 0) problems.push({ kind: 'missing', fields: missing });
  const byColumn = new Map<string, string[]>();
  for (const field of importFieldsOf[kind]) {
    const column = mapping[field];
    if (column) byColumn.set(column, [...(byColumn.get(column) ?? []), field]);
  }
  for (const [column, fields] of byColumn) if (fields.length > 1) problems.push({ kind: 'duplicate', column, fields });
  return problems;
}

/** The mapping as the run route takes it: empty choices left out. */
export function cleanMapping(mapping: ImportMapping, kind: ImportKind = 'residents'): ImportMapping {
  const out: ImportMapping = {};
  for (const field of importFieldsOf[kind]) {
    const column = mapping[field]?.trim();
    if (column) out[field] = column;
  }
  return out;
}

/** Percent done of a running import, or null when the total is not known yet. */
export function progressPercent(done: number, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(100, Math.max(0, Math.round((done / total) * 100)));
}
