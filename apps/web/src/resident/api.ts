/**
 * The resident pages' API client: plain fetch (no console bundle), the resident session's CSRF token
 * on every change, the page language for the server's messages, errors as one readable sentence.
 */
import type { OtpSent, ResidentSession } from '@linli/contracts';

let csrf: string | undefined;
let lang: 'zh-CN' | 'en' = 'zh-CN';

export function setApiLanguage(l: 'zh-CN' | 'en'): void {
  lang = l;
}

/** A failed call: the server's message, each field's problem, and the code (for special cases). */
export class ResidentApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly fields: string[] = [],
  ) {
    super(message);
  }
  /** Everything the resident needs to read to fix it. */
  get text(): string {
    return [this.message, ...this.fields].join(' ');
  }
}

async function call<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang };
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let payload: BodyInit | undefined;
  if (body instanceof Blob) {
    payload = body;
    headers['Content-Type'] = contentType ?? body.type;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ResidentApiError(
      lang === 'en' ? 'No connection. Check the network and try again.' : '网络连接不上，请检查网络后再试。',
      'NETWORK',
      0,
    );
  }
  const data = (await res.json().catch(() => ({}))) as unknown;
  if (!res.ok) {
    const e = data as { code?: string; message?: string; details?: unknown };
    const fields = Array.isArray(e.details)
      ? (e.details as { message?: string }[]).map((d) => d.message ?? '').filter(Boolean)
      : [];
    throw new ResidentApiError(e.message ?? `HTTP ${res.status}`, e.code ?? 'HTTP', res.status, fields);
  }
  return data as T;
}

function remember(s: ResidentSession): ResidentSession {
  csrf = s.csrfToken;
  return s;
}

export const api = {
  get: <T>(path: string) => call<T>('GET', path),
  post: <T>(path: string, body?: unknown) => call<T>('POST', path, body),
  upload: (file: Blob) => call<{ id: number }>('POST', '/api/v1/resident/photos', file),
  sendCode: (phone: string) => call<OtpSent>('POST', '/api/v1/public/otp', { phone }),
  verify: async (phone: string, code: string) =>
    remember(await call<ResidentSession>('POST', '/api/v1/public/otp/verify', { phone, code })),
  /** The current session, or null when there is none (a 401 is the normal answer then). */
  session: async (): Promise<ResidentSession | null> => {
    try {
      return remember(await call<ResidentSession>('GET', '/api/v1/resident/session'));
    } catch (e) {
      if (e instanceof ResidentApiError && e.status === 401) return null;
      throw e;
    }
  },
  /** Sign in with a resident account (the console's sign-in), then read the resident session. */
  signIn: async (username: string, password: string) => {
    await call('POST', '/api/v1/auth/login', { username, password });
    return api.session();
  },
  /** Sign out: ends the phone session, or the account's session for a signed-in resident. */
  endSession: async (kind: ResidentSession['kind']) => {
    await call('POST', kind === 'phone' ? '/api/v1/resident/session/end' : '/api/v1/auth/logout');
    csrf = undefined;
  },
};
