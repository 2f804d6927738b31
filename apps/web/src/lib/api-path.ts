/** Pure URL building for the API client: `:name` substitution and query-string serialisation. */

/** Replaces each `:name` in a route path with the URL-encoded value of `params[name]`. */
export function buildPath(template: string, params?: Record<string, unknown>): string {
  return template.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`Missing path parameter "${name}" for ${template}`);
    }
    return encodeURIComponent(serialiseScalar(value));
  });
}

/** Serialises a query object: empty values are left out, arrays repeat the key; returns '' or '?…'. */
export function buildQueryString(query?: Record<string, unknown>): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) if (!isEmpty(item)) search.append(key, serialiseScalar(item));
    } else if (!isEmpty(value)) {
      search.append(key, serialiseScalar(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The full URL of a call: path with parameters substituted, then the query string. */
export function buildUrl(template: string, params?: Record<string, unknown>, query?: Record<string, unknown>): string {
  return buildPath(template, params) + buildQueryString(query);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function serialiseScalar(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
    case 'function':
    case 'symbol':
    case 'undefined':
      throw new Error(`Cannot put a value of type ${typeof value} into a URL`);
  }
}
