import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from '@linli/contracts';
import { ApiError, apiCall, clearCsrfToken, onApiError } from './api.ts';

const me = {
  id: 1,
  username: 'admin',
  displayName: '管理员',
  mustChangePassword: false,
  roles: [],
  permissions: [],
  csrfToken: 'csrf-123',
  sessionExpiresAt: '2024-05-01T00:00:00Z',
};

function answer(status: number, body: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function stubFetch(...responses: Response[]) {
  const fetchMock = vi.fn<typeof fetch>();
  for (const r of responses) fetchMock.mockResolvedValueOnce(r);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function headersOf(call: Parameters<typeof fetch> | undefined): Record<string, string> {
  return (call?.[1]?.headers ?? {}) as Record<string, string>;
}

afterEach(() => {
  vi.unstubAllGlobals();
  clearCsrfToken();
});

describe('apiCall', () => {
  it('builds the URL from params and query and sends the language', async () => {
    const fetchMock = stubFetch(answer(200, { items: [] }));
    await apiCall(routes.listNodes, { query: { parentId: 7, q: undefined } });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/nodes?parentId=7');
    expect(init?.method).toBe('GET');
    expect(init?.credentials).toBe('same-origin');
    expect(headersOf(fetchMock.mock.calls[0])['Accept-Language']).toBe('zh-CN');
    expect(headersOf(fetchMock.mock.calls[0])['X-CSRF-Token']).toBeUndefined();
  });

  it('echoes the CSRF token of the last Me answer on non-GET calls', async () => {
    const fetchMock = stubFetch(answer(200, me), answer(200, { id: 5 }));
    await apiCall(routes.login, { body: { username: 'admin', password: 'x' } });
    await apiCall(routes.renameNode, { params: { id: 5 }, body: { name: '新名' } });
    const [url, init] = fetchMock.mock.calls[1] ?? [];
    expect(url).toBe('/api/v1/nodes/5');
    expect(init?.method).toBe('PATCH');
    expect(init?.body).toBe(JSON.stringify({ name: '新名' }));
    expect(headersOf(fetchMock.mock.calls[1])).toMatchObject({
      'X-CSRF-Token': 'csrf-123',
      'Content-Type': 'application/json',
    });
  });

  it('sends no body (and no content type) for a POST without one', async () => {
    const fetchMock = stubFetch(answer(200, { ok: true }));
    await apiCall(routes.logout);
    expect(fetchMock.mock.calls[0]?.[1]?.body).toBeUndefined();
    expect(headersOf(fetchMock.mock.calls[0])['Content-Type']).toBeUndefined();
  });

  it('throws an ApiError and tells the listeners', async () => {
    stubFetch(answer(401, { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录。' }));
    const seen: ApiError[] = [];
    const stop = onApiError((e) => seen.push(e));
    const failure = await apiCall(routes.listTokens).catch((e: unknown) => e);
    stop();
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).isSessionLost).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it('turns a network failure into NETWORK_ERROR with a readable message', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch')));
    const failure = await apiCall(routes.me).catch((e: unknown) => e);
    expect((failure as ApiError).code).toBe('NETWORK_ERROR');
    expect((failure as ApiError).message).toMatch(/无法连接服务器/);
  });
});
