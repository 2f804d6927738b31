/** Server state of API tokens. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routes } from '@linli/contracts';
import type { z } from 'zod';
import { apiCall } from '../../lib/api.ts';

const tokenKeys = { all: ['tokens'] as const };

export function useTokens() {
  return useQuery({
    queryKey: tokenKeys.all,
    queryFn: async ({ signal }) => (await apiCall(routes.listTokens, { signal })).items,
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof routes.createToken.body>) => apiCall(routes.createToken, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiCall(routes.revokeToken, { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
