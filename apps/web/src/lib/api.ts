/**
 * The typed API client over the contracts route table:
 * `apiCall(routes.createNode, { body })` resolves to the route's response type.
 */
import { errorMessages, Me, type ErrorCode, type RouteDef } from '@linli/contracts';
import type { z } from 'zod';
import { ApiError, toApiError } from './api-error.ts';
import { buildUrl } from './api-path.ts';
import { currentLanguage, i18n } from './i18n.ts';

type ParamsOf<R> = R extends { params: infer P extends z.ZodType } ? { params: z.output<P> } : { params?: undefined };
type QueryOf<R> = R extends { query: infer Q extends z.ZodType }
  ? { query?: Partial<z.output<Q>> }
  : { query?: undefined };
type BodyOf<R> = R extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : { body?: undefined };

/** What a call to route R takes: path params, query and body as the route's schemas describe them. */
export type ApiInput<R extends RouteDef> = ParamsOf<R> & QueryOf<R> & BodyOf<R> & { signal?: AbortSignal };
/** What a call to route R resolves to. */
export type ApiResponse<R extends RouteDef> = z.output<R['response']>;

type InputArgs<R extends RouteDef> =
  Partial<ApiInput<R>> extends ApiInput<R> ? [input?: ApiInput<R>] : [input: ApiInput<R>];

type ErrorListener = (error: ApiError) => void;

// The CSRF token rides on every `Me` answer (login, me, password change); non-GET calls echo it.
let csrfToken: string | undefined;
const errorListeners = new Set<ErrorListener>();

/** Registers a listener for every failed call (the app uses it to send lost sessions to the login page). */
export function onApiError(listener: ErrorListener): () => void {
  errorListeners.add(listener);
  return () => errorListeners.delete(listener);
}

/** Forgets the CSRF token, e.g. after signing out. */
export function clearCsrfToken(): void {
  csrfToken = undefined;
}

/** The CSRF header a non-GET call must carry (empty for GET or before the first `Me` answer). */
export function csrfHeader(method: string): Record<string, string> {
  return method !== 'GET' && csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

/** Tells the error listeners about a failed call made outside apiCall (file uploads and downloads). */
export function reportApiError(error: ApiError): ApiError {
  return report(error);
}

/** Calls one route of the contracts route table and resolves to its typed response. */
export async function apiCall<R extends RouteDef>(route: R, ...args: InputArgs<R>): Promise<ApiResponse<R>> {
  const input = (args[0] ?? {}) as { params?: object; query?: object; body?: unknown; signal?: AbortSignal };
  const url = buildUrl(
    route.path,
    input.params as Record<string, unknown> | undefined,
    input.query as Record<string, unknown> | undefined,
  );
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  if (input.body !== undefined) headers['Content-Type'] = 'application/json';
  if (route.method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(url, {
      method: route.method,
      headers,
      credentials: 'same-origin',
      body: input.body === undefined ? undefined : JSON.stringify(input.body),
      signal: input.signal,
    });
  } catch (cause) {
    if (input.signal?.aborted) throw cause;
    throw report(new ApiError(0, 'NETWORK_ERROR', fallbackMessage('NETWORK_ERROR')));
  }

  const raw = await readJson(response);
  if (!response.ok) throw report(toApiError(response.status, raw, fallbackMessage));
  if (raw === undefined) throw report(new ApiError(response.status, 'BAD_RESPONSE', fallbackMessage('BAD_RESPONSE')));
  // Responses are not re-validated here: the server serialises them from the same schemas.
  const body = raw as ApiResponse<R>;
  if (route.response === Me) csrfToken = (body as Me).csrfToken;
  return body;
}

/** The text for an error code in the current language, for answers that carried no message. */
export function fallbackMessage(code: string): string {
  if (code in errorMessages) {
    const entry = errorMessages[code as ErrorCode];
    return currentLanguage() === 'en' ? entry.en : entry.zh;
  }
  return code === 'NETWORK_ERROR' ? i18n.t('errors.network') : i18n.t('errors.badResponse');
}

function report(error: ApiError): ApiError {
  for (const listener of errorListeners) listener(error);
  return error;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export { ApiError } from './api-error.ts';
