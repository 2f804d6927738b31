/**
 * SQL as a value: a statement's text with its parameters, so that several writes made by different
 * modules (the request, its event, the figures, the outbox, the audit entry) can be sent as one
 * statement in one round trip (ADR 0015) while each module keeps the one place where its SQL is written.
 */

/** A statement and its parameters, numbered $1, $2 … within the statement. */
export interface Sql {
  text: string;
  values: unknown[];
}

/** Renumber a statement's parameters to follow `offset` others. Its text must not hold a `$` of its own. */
function shifted(s: Sql, offset: number): string {
  return s.text.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n);
    if (i < 1 || i > s.values.length) throw new Error(`statement refers to $${i} but has ${s.values.length} values`);
    return `$${i + offset}`;
  });
}

/**
 * Several data-modifying statements as one: `WITH s1 AS (…), s2 AS (…) <final>`. The whole is atomic like
 * any single statement, with or without a transaction around it. The parts run on one snapshot and do not
 * see each other's rows, but a part may refer to another's RETURNING as `s<n>` (1-based) in `final` or in
 * a later part's text; foreign keys are checked at the end of the whole statement, so a part may insert a
 * row that refers to a row another part inserts.
 */
export function asOneStatement(parts: readonly Sql[], final: string): Sql {
  // A hot path sends the same shapes again and again: renumber each shape once (and hand out the same
  // string, whose hash the prepared-statement lookup then has already).
  const key = `${parts.map((p) => `${p.values.length}:${p.text}`).join('\u0000')}\u0000${final}`;
  let text = composed.get(key);
  if (text === undefined) {
    let offset = 0;
    const ctes = parts.map((p, i) => {
      const t = shifted(p, offset);
      offset += p.values.length;
      return `s${i + 1} AS (${t})`;
    });
    text = `WITH ${ctes.join(',\n')}\n${final}`;
    if (composed.size < 1000) composed.set(key, text);
  }
  return { text, values: parts.flatMap((p) => p.values) };
}

const composed = new Map<string, string>();
