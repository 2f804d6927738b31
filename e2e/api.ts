/** A demo staff member signed in through the API, as the console would call it: for facts a story needs. */
export interface StaffApi {
  call<T>(method: string, path: string, body?: unknown, type?: string): Promise<T>;
  /** The node of the user's first role (null for installation-wide roles). */
  nodeId: number | null;
}

export async function staffApi(baseUrl: string, username: string, password: string): Promise<StaffApi> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken, roles } = (await res.json()) as { csrfToken: string; roles: { nodeId: number | null }[] };
  return {
    nodeId: roles[0]?.nodeId ?? null,
    async call<T>(method: string, path: string, body?: unknown, type = 'application/json'): Promise<T> {
      const r = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken, 'Content-Type': type }) },
        ...(body === undefined ? {} : { body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body) }),
      });
      const text = await r.text();
      if (r.status >= 300) throw new Error(`${method} ${path} as ${username}: ${r.status} ${text}`);
      return JSON.parse(text) as T;
    },
  };
}
