/**
 * File routes of the API: uploading a File as the raw request body (`rawBody` routes) and
 * downloading a file answer (`produces` routes) through a blob and an `<a download>`.
 */
import type { RouteDef } from '@linli/contracts';
import type { z } from 'zod';
import { ApiError, toApiError } from './api-error.ts';
import { buildUrl } from './api-path.ts';
import { csrfHeader, fallbackMessage, reportApiError, type ApiResponse } from './api.ts';
import { currentLanguage } from './i18n.ts';

type ParamsOf<R> = R extends { params: infer P extends z.ZodType } ? { params: z.output<P> } : { params?: undefined };
type QueryOf<R> = R extends { query: infer Q extends z.ZodType }
  ? { query?: Partial<z.output<Q>> }
  : { query?: undefined };

export type FileCallInput<R extends RouteDef> = ParamsOf<R> & QueryOf<R> & { signal?: AbortSignal };

/** The content type to send a chosen file with: its own, else by extension, else octet-stream. */
export function uploadContentType(file: { name: string; type: string }): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (name.endsWith('.csv')) return 'text/csv';
  return file.type || 'application/octet-stream';
}

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first), or the fallback. */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)?''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || fallback;
}

async function send(url: string, init: RequestInit, signal: AbortSignal | undefined): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'same-origin', signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw reportApiError(new ApiError(0, 'NETWORK_ERROR', fallbackMessage('NETWORK_ERROR')));
  }
  if (!response.ok) {
    const text = await response.text();
    let raw: unknown;
    try {
      raw = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      raw = undefined;
    }
    throw reportApiError(toApiError(response.status, raw, fallbackMessage));
  }
  return response;
}

function urlOf(route: RouteDef, input: { params?: object; query?: object }): string {
  return buildUrl(
    route.path,
    input.params as Record<string, unknown> | undefined,
    input.query as Record<string, unknown> | undefined,
  );
}

/** Sends `file` as the raw body of a `rawBody` route and resolves to the route's JSON answer. */
export async function apiUpload<R extends RouteDef>(
  route: R,
  file: File,
  input: FileCallInput<R>,
): Promise<ApiResponse<R>> {
  const response = await send(
    urlOf(route, input),
    {
      method: route.method,
      headers: {
        Accept: 'application/json',
        'Accept-Language': currentLanguage(),
        'Content-Type': uploadContentType(file),
        ...csrfHeader(route.method),
      },
      body: file,
    },
    input.signal,
  );
  const text = await response.text();
  try {
    return JSON.parse(text) as ApiResponse<R>;
  } catch {
    throw reportApiError(new ApiError(response.status, 'BAD_RESPONSE', fallbackMessage('BAD_RESPONSE')));
  }
}

/** Fetches the file a `produces` route answers and hands it to the browser as a download. */
export async function apiDownload<R extends RouteDef>(
  route: R,
  input: FileCallInput<R>,
  fallbackName: string,
): Promise<string> {
  const response = await send(
    urlOf(route, input),
    {
      method: route.method,
      headers: { 'Accept-Language': currentLanguage(), ...csrfHeader(route.method) },
    },
    input.signal,
  );
  const blob = await response.blob();
  const name = fileNameFromDisposition(response.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start the download before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return name;
}
