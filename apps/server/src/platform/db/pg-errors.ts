/** Recognise PostgreSQL errors by SQLSTATE and constraint name, to turn them into domain errors. */
export function violatedConstraint(err: unknown, sqlstate = '23505'): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === sqlstate && typeof e.constraint === 'string' ? e.constraint : null;
}
