/** Server state of the resident registry: care tags, searches, one resident, and the calls that change one. */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routes } from '@linli/contracts';
import type { z } from 'zod';
import { apiCall } from '../../lib/api.ts';
import type { ResidentSearch } from './resident-search.ts';
import { searchQueryParams } from './resident-search.ts';

export const registryKeys = {
  all: ['registry'] as const,
  careTags: ['registry', 'care-tags'] as const,
  search: (search: ResidentSearch) => ['registry', 'search', search] as const,
  detail: (id: number) => ['registry', 'detail', id] as const,
};

/** The care-tag dictionary; it seldom changes. */
export function useCareTags() {
  return useQuery({
    queryKey: registryKeys.careTags,
    queryFn: async ({ signal }) => (await apiCall(routes.listCareTags, { signal })).items,
    staleTime: 10 * 60_000,
  });
}

export function residentSearchQuery(search: ResidentSearch) {
  return queryOptions({
    queryKey: registryKeys.search(search),
    queryFn: ({ signal }) => apiCall(routes.searchResidents, { query: searchQueryParams(search), signal }),
    placeholderData: keepPreviousData,
  });
}

export function useResidentSearch(search: ResidentSearch) {
  return useQuery(residentSearchQuery(search));
}

export function residentQuery(id: number) {
  return queryOptions({
    queryKey: registryKeys.detail(id),
    queryFn: ({ signal }) => apiCall(routes.getResident, { params: { id }, signal }),
  });
}

function useRegistryMutation<TVars, TResult>(call: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    // A change shows in lists, in the resident's page and in the pages of their household.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registryKeys.all }),
  });
}

export function useRegisterResident() {
  return useRegistryMutation((body: z.input<typeof routes.registerResident.body>) =>
    apiCall(routes.registerResident, { body }),
  );
}

export function useUpdateResident() {
  return useRegistryMutation(({ id, body }: { id: number; body: z.input<typeof routes.updateResident.body> }) =>
    apiCall(routes.updateResident, { params: { id }, body }),
  );
}

export function useMoveResident() {
  return useRegistryMutation(({ id, body }: { id: number; body: z.input<typeof routes.moveResident.body> }) =>
    apiCall(routes.moveResident, { params: { id }, body }),
  );
}

export function useEndResidence() {
  return useRegistryMutation(({ id, body }: { id: number; body: z.input<typeof routes.endResidence.body> }) =>
    apiCall(routes.endResidence, { params: { id }, body }),
  );
}
