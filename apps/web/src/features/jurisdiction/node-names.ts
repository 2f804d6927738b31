/**
 * Names for node ids. Paths are materialised as ids ('/1/7/42/'); to show them as names the console
 * remembers every node it has been sent and asks for the few it has not seen.
 */
import { useQueries } from '@tanstack/react-query';
import { routes } from '@linli/contracts';
import { apiCall } from '../../lib/api.ts';

const knownNames = new Map<number, string>();

/** Records the names of nodes the server has sent. */
export function rememberNodes(nodes: readonly { id: number; name: string }[]): void {
  for (const n of nodes) knownNames.set(n.id, n.name);
}

/** Names for the given ids; ids the caller may not see (outside their jurisdiction) stay missing. */
export function useNodeNames(ids: readonly number[]): ReadonlyMap<number, string> {
  const missing = [...new Set(ids)].filter((id) => !knownNames.has(id));
  const results = useQueries({
    queries: missing.map((id) => ({
      queryKey: ['jurisdiction', 'name', id] as const,
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        const detail = await apiCall(routes.getNode, { params: { id }, signal });
        rememberNodes([detail, ...detail.ancestors]);
        return detail.name;
      },
      retry: false,
      staleTime: 10 * 60_000,
    })),
  });
  const names = new Map<number, string>();
  for (const id of ids) {
    const name = knownNames.get(id);
    if (name !== undefined) names.set(id, name);
  }
  missing.forEach((id, i) => {
    const data = results[i]?.data;
    if (data !== undefined) names.set(id, data);
  });
  return names;
}
