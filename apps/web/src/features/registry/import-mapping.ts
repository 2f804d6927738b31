/** The column mapping of a resident import (pure rules): its starting value and what is wrong with it. */
import { importFields, requiredImportFields, type ImportField, type ImportMapping } from '@linli/contracts';

export { requiredImportFields };

/** The mapping to start from: the one last used for the community where its columns still exist, else the suggestion. */
export function initialMapping(
  headers: readonly string[],
  suggested: ImportMapping,
  remembered: ImportMapping | null,
): ImportMapping {
  const present = new Set(headers);
  const mapping: ImportMapping = {};
  for (const field of importFields) {
    const fromMemory = remembered?.[field];
    const pick = fromMemory !== undefined && present.has(fromMemory) ? fromMemory : suggested[field];
    if (pick !== undefined && present.has(pick)) mapping[field] = pick;
  }
  return mapping;
}

export type MappingProblem =
  { kind: 'missing'; fields: ImportField[] } | { kind: 'duplicate'; column: string; fields: ImportField[] };

/** What must be fixed before the import can be checked: the required columns, and no column used twice. */
export function mappingProblems(mapping: ImportMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const missing = requiredImportFields.filter((f) => !mapping[f]);
  if (missing.length > 0) problems.push({ kind: 'missing', fields: missing });
  const byColumn = new Map<string, ImportField[]>();
  for (const field of importFields) {
    const column = mapping[field];
    if (column) byColumn.set(column, [...(byColumn.get(column) ?? []), field]);
  }
  for (const [column, fields] of byColumn) if (fields.length > 1) problems.push({ kind: 'duplicate', column, fields });
  return problems;
}

/** The mapping as the run route takes it: empty choices left out. */
export function cleanMapping(mapping: ImportMapping): ImportMapping {
  const out: ImportMapping = {};
  for (const field of importFields) {
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
