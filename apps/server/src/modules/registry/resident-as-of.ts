/**
 * The state of a resident on a past day, rebuilt from the record as it is now and its history: the
 * events after that day are undone, newest first (each change carries its value before). Pure.
 */

export interface HistoryStep {
  kind: string;
  occurredOn: string;
  fromNodeId: number | null;
  toNodeId: number | null;
  changes: Record<string, { before: unknown; after: unknown }>;
}

export interface RecordState {
  nodeId: number;
  status: string;
  fields: Record<string, unknown>;
}

/** The state at the end of `date`; null when the record was registered after it. */
export function stateOn(current: RecordState, history: readonly HistoryStep[], date: string): RecordState | null {
  const fields = { ...current.fields };
  let { nodeId, status } = current;
  // Undo in reverse order of occurrence (the history is kept in that order, ties by recording order).
  for (const e of [...history].reverse()) {
    if (e.occurredOn <= date) continue;
    if (e.kind === 'register') return null;
    for (const [key, change] of Object.entries(e.changes)) {
      if (key === 'status') status = String(change.before);
      else if (key in fields) fields[key] = change.before;
    }
    // A move records where the resident came from.
    if (e.toNodeId !== null && e.fromNodeId !== null) nodeId = e.fromNodeId;
  }
  return { nodeId, status, fields };
}
