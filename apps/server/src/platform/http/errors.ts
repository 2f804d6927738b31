/** Domain errors carry a code from the contracts; one table maps codes to HTTP statuses and text. */
import { errorMessages, type ErrorBody, type ErrorCode } from '@linli/contracts';
import type { Lang } from '../i18n/lang.ts';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    /** Overrides the standard message (already localised by the caller). */
    readonly customMessage?: { zh: string; en: string },
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export function statusOf(code: ErrorCode): number {
  return errorMessages[code].status;
}

export function errorBody(err: DomainError, lang: Lang): ErrorBody {
  const text = err.customMessage ?? errorMessages[err.code];
  return { code: err.code, message: text[lang], ...(err.details === undefined ? {} : { details: err.details }) };
}

/** Shorthand for the answer every out-of-scope or missing record gets. */
export function notFound(): DomainError {
  return new DomainError('NOT_FOUND');
}
