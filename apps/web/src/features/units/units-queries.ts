/** Server state of units in the jurisdiction: search, one unit, register and correct. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routes } from '@linli/contracts';
import type { z } from 'zod';
import { apiCall } from '../../lib/api.ts';

export const unitKeys = {
  all: ['units'] as const,
  list: (query: object) => ['units', 'list', query] as const,
  detail: (id: number) => ['units', 'detail', id] as const,
};

export function useUnits(query: Partial<z.output<typeof routes.listUnits.query>>) {
  return useQuery({
    queryKey: unitKeys.list(query),
    queryFn: ({ signal }) => apiCall(routes.listUnits, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUnit(id: number | null) {
  return useQuery({
    queryKey: unitKeys.detail(id ?? 0),
    queryFn: ({ signal }) => apiCall(routes.getUnit, { params: { id: id! }, signal }),
    enabled: id !== null,
  });
}

export function useSaveUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      v:
        | { id?: undefined; body: z.input<typeof routes.registerUnit.body> }
        | { id: number; body: z.input<typeof routes.updateUnit.body> },
    ) =>
      v.id === undefined
        ? apiCall(routes.registerUnit, { body: v.body })
        : apiCall(routes.updateUnit, { params: { id: v.id }, body: v.body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitKeys.all }),
  });
}
