/** Server state of the jurisdiction tree: query keys, query options and mutations. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { routes, type JurisdictionNode, type NodeDetail } from '@linli/contracts';
import type { z } from 'zod';
import { apiCall } from '../../lib/api.ts';
import { rememberNodes } from './node-names.ts';

export const nodeKeys = {
  all: ['jurisdiction'] as const,
  children: (parentId: number | null, includeRetired: boolean) =>
    ['jurisdiction', 'children', parentId, includeRetired] as const,
  roots: (rootId: number | null, includeRetired: boolean) => ['jurisdiction', 'roots', rootId, includeRetired] as const,
  search: (q: string, includeRetired: boolean) => ['jurisdiction', 'search', q, includeRetired] as const,
  detail: (nodeId: number) => ['jurisdiction', 'detail', nodeId] as const,
};

function retiredFlag(includeRetired: boolean): 'true' | undefined {
  return includeRetired ? 'true' : undefined;
}

/** The children of a node, or (parentId null) the top nodes visible to the caller. */
export function childrenQuery(parentId: number | null, includeRetired: boolean) {
  return queryOptions({
    queryKey: nodeKeys.children(parentId, includeRetired),
    queryFn: async ({ signal }): Promise<JurisdictionNode[]> => {
      const { items } = await apiCall(routes.listNodes, {
        query: { parentId: parentId ?? undefined, includeRetired: retiredFlag(includeRetired) },
        signal,
      });
      rememberNodes(items);
      return items;
    },
  });
}

/**
 * The roots of the tree: the one node the user works in, or (rootId null) the top nodes visible to
 * the user.
 */
export function rootsQuery(rootId: number | null, includeRetired: boolean) {
  return queryOptions({
    queryKey: nodeKeys.roots(rootId, includeRetired),
    queryFn: async ({ signal }): Promise<JurisdictionNode[]> => {
      if (rootId === null) {
        const { items } = await apiCall(routes.listNodes, {
          query: { includeRetired: retiredFlag(includeRetired) },
          signal,
        });
        rememberNodes(items);
        return items;
      }
      return [await fetchNodeDetail(rootId, signal)];
    },
  });
}

/** Nodes whose name or code matches `q`. */
export function searchQuery(q: string, includeRetired: boolean) {
  return queryOptions({
    queryKey: nodeKeys.search(q, includeRetired),
    queryFn: async ({ signal }): Promise<JurisdictionNode[]> => {
      const { items } = await apiCall(routes.listNodes, {
        query: { q, includeRetired: retiredFlag(includeRetired) },
        signal,
      });
      rememberNodes(items);
      return items;
    },
    enabled: q.trim() !== '',
    staleTime: 30_000,
  });
}

async function fetchNodeDetail(nodeId: number, signal?: AbortSignal): Promise<NodeDetail> {
  const detail = await apiCall(routes.getNode, { params: { id: nodeId }, signal });
  rememberNodes([detail, ...detail.ancestors]);
  return detail;
}

/** A node with its ancestors, descendant counts and move history. */
export function detailQuery(nodeId: number) {
  return queryOptions({
    queryKey: nodeKeys.detail(nodeId),
    queryFn: ({ signal }) => fetchNodeDetail(nodeId, signal),
  });
}

function useNodeMutation<TVars>(call: (vars: TVars) => Promise<JurisdictionNode>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async (node) => {
      rememberNodes([node]);
      // The whole tree is refetched: a move or rename changes paths and counts on many nodes.
      await queryClient.invalidateQueries({ queryKey: nodeKeys.all });
    },
  });
}

export function useCreateNode() {
  return useNodeMutation((body: z.input<typeof routes.createNode.body>) => apiCall(routes.createNode, { body }));
}

export function useRenameNode() {
  return useNodeMutation(({ id, body }: { id: number; body: z.input<typeof routes.renameNode.body> }) =>
    apiCall(routes.renameNode, { params: { id }, body }),
  );
}

export function useMoveNode() {
  return useNodeMutation(({ id, body }: { id: number; body: z.input<typeof routes.moveNode.body> }) =>
    apiCall(routes.moveNode, { params: { id }, body }),
  );
}

export function useRetireNode() {
  return useNodeMutation(({ id, body }: { id: number; body: z.input<typeof routes.retireNode.body> }) =>
    apiCall(routes.retireNode, { params: { id }, body }),
  );
}
