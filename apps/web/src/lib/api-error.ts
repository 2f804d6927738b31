/** The error every failed API call throws, built from the server's `{ code, message, details }`. */
import type { FieldIssue } from '@linli/contracts';

/** Codes the web client adds for failures that never reached (or never came back from) the server. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';

/** A failed API call: HTTP status, contract error code, translated message and optional details. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** True when the session is gone and the user has to sign in again. */
  get isSessionLost(): boolean {
    return this.status === 401 && (this.code === 'UNAUTHENTICATED' || this.code === 'SESSION_EXPIRED');
  }

  /** Field-level problems of a VALIDATION_FAILED answer (path like `body.name`); empty otherwise. */
  get fieldIssues(): FieldIssue[] {
    return parseFieldIssues(this.details);
  }
}

/** Keeps only well-formed `{ path, message }` entries from an error's details. */
export function parseFieldIssues(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  const issues: FieldIssue[] = [];
  for (const item of details as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { path, message } = item as Record<string, unknown>;
    if (typeof path === 'string' && typeof message === 'string') issues.push({ path, message });
  }
  return issues;
}

/**
 * Turns an error answer into an ApiError. `raw` is the parsed JSON body (or undefined when the body
 * was not JSON); `fallbackMessage` supplies the text for a code when the server sent none.
 */
export function toApiError(status: number, raw: unknown, fallbackMessage: (code: string) => string): ApiError {
  if (typeof raw === 'object' && raw !== null) {
    const { code, message, details } = raw as Record<string, unknown>;
    if (typeof code === 'string' && code !== '') {
      const text = typeof message === 'string' && message.trim() !== '' ? message : fallbackMessage(code);
      return new ApiError(status, code, text, details);
    }
  }
  const code = status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE';
  return new ApiError(status, code, fallbackMessage(code));
}
