/** Pure rules of housing, rentals and units: no I/O. */
import { validateCreditCode, type CreditCodeProblemReason } from '@linli/contracts';

/** A house marked 出租 should have an active rental registration; the register warns, it does not block. */
export function isRentalMissing(use: string, activeRentals: number): boolean {
  return use === 'rented' && activeRentals === 0;
}

/** An active rental whose agreed period ended before `today` (YYYY-MM-DD). */
export function isRentalOverdue(r: { status: string; endDate: string | null }, today: string): boolean {
  return r.status === 'active' && r.endDate !== null && r.endDate < today;
}

/** Failures a real licence can carry and an override may keep; a wrong length or letter never. */
const OVERRIDABLE: readonly CreditCodeProblemReason[] = ['check', 'authority', 'type', 'division'];

export type CreditCodeDecision =
  | { ok: true; code: string | null; override: { reason: string; problem: string } | null }
  | { ok: false; overridable: boolean; message: string; position: number | null; expectedCheck: string | null };

/**
 * The GB 32100 check with its explicit override: a code that fails is refused unless the caller
 * gives a reason (kept, shown as a badge, audited). An override of a valid code is ignored.
 */
export function decideCreditCode(
  raw: string | undefined,
  override: { reason: string } | undefined,
): CreditCodeDecision {
  if (!raw?.trim()) return { ok: true, code: null, override: null };
  const r = validateCreditCode(raw);
  if (r.ok) return { ok: true, code: r.normalized, override: null };
  const overridable = OVERRIDABLE.includes(r.reason);
  if (overridable && override)
    return {
      ok: true,
      code: raw.replace(/[\s-]+/g, '').toUpperCase(),
      override: { reason: override.reason, problem: r.message },
    };
  return {
    ok: false,
    overridable,
    message: r.message,
    position: r.position ?? null,
    expectedCheck: r.expectedCheck ?? null,
  };
}

/** Rooms in the order people count them: 1单元101室 before 1单元1001室, 2幢 before 10幢. */
export function compareRoomNames(a: string, b: string): number {
  return a.localeCompare(b, 'zh-CN', { numeric: true });
}
