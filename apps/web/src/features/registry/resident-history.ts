/** How a history entry's field changes read: field names and enum values in words (pure rules). */
import { registryLabels } from '@linli/contracts';

type Pick = (label: { zh: string; en: string }) => string;

/** Fields whose values are registry enums, and the label group that names them. */
const enumFields = {
  gender: 'gender',
  registrationType: 'registrationType',
  relationToHead: 'relationToHead',
  politicalStatus: 'politicalStatus',
  status: 'status',
  idKind: 'idKind',
} as const satisfies Record<string, keyof typeof registryLabels>;

/** Field names the history may carry, in display order; others follow as they come. */
export const historyFieldOrder = [
  'name',
  'gender',
  'birthDate',
  'idKind',
  'idNumber',
  'phone',
  'ethnicity',
  'registrationType',
  'arrivalDate',
  'origin',
  'arrivalReason',
  'expectedStay',
  'relationToHead',
  'politicalStatus',
  'status',
  'tags',
  'notes',
  'health',
  'disabilityKind',
  'disabilityGrade',
  'religion',
] as const;

export type HistoryField = (typeof historyFieldOrder)[number];

export function isHistoryField(key: string): key is HistoryField {
  return (historyFieldOrder as readonly string[]).includes(key);
}

/** One value of a change as text: enums by label, tag lists by name, nothing as '—'. */
export function formatChangeValue(
  field: string,
  value: unknown,
  pick: Pick,
  tagName: (code: string) => string,
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    const items = value.map((v) => (field === 'tags' ? tagName(scalar(v)) : scalar(v)));
    return items.length === 0 ? '—' : items.join('、');
  }
  if (field in enumFields) {
    const group: Record<string, { zh: string; en: string }> =
      registryLabels[enumFields[field as keyof typeof enumFields]];
    const entry = group[scalar(value)];
    if (entry) return pick(entry);
  }
  return scalar(value);
}

function scalar(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
    case 'function':
    case 'symbol':
    case 'undefined':
      return JSON.stringify(value) ?? '—';
  }
}

/** The changes of an entry that changed something, in display order. */
export function orderedChanges(
  changes: Record<string, { before: unknown; after: unknown }>,
): [string, { before: unknown; after: unknown }][] {
  const rank = (key: string) => {
    const i = (historyFieldOrder as readonly string[]).indexOf(key);
    return i < 0 ? historyFieldOrder.length : i;
  };
  // A move records relation and status even when they stay the same; those say nothing.
  return Object.entries(changes)
    .filter(([, c]) => JSON.stringify(c.before ?? null) !== JSON.stringify(c.after ?? null))
    .sort(([a], [b]) => rank(a) - rank(b));
}
