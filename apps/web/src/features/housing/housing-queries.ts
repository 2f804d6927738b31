/** Server state of housing: the building view, houses, and the calls that register houses and rentals. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routes } from '@linli/contracts';
import type { z } from 'zod';
import { apiCall } from '../../lib/api.ts';

export const housingKeys = {
  all: ['housing'] as const,
  building: (id: number) => ['housing', 'building', id] as const,
  house: (id: number) => ['housing', 'house', id] as const,
  list: (query: object) => ['housing', 'list', query] as const,
};

export function useBuildingHousing(buildingId: number | null) {
  return useQuery({
    queryKey: housingKeys.building(buildingId ?? 0),
    queryFn: ({ signal }) => apiCall(routes.getBuildingHousing, { params: { id: buildingId! }, signal }),
    enabled: buildingId !== null,
  });
}

export function useHouses(query: Partial<z.output<typeof routes.listHouses.query>>) {
  return useQuery({
    queryKey: housingKeys.list(query),
    queryFn: ({ signal }) => apiCall(routes.listHouses, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useHouse(id: number | null) {
  return useQuery({
    queryKey: housingKeys.house(id ?? 0),
    queryFn: ({ signal }) => apiCall(routes.getHouse, { params: { id: id! }, signal }),
    enabled: id !== null,
  });
}

function useHousingMutation<TVars, TResult>(call: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: housingKeys.all }),
  });
}

export function useRegisterHouse() {
  return useHousingMutation((body: z.input<typeof routes.registerHouse.body>) =>
    apiCall(routes.registerHouse, { body }),
  );
}

export function useUpdateHouse() {
  return useHousingMutation(({ id, body }: { id: number; body: z.input<typeof routes.updateHouse.body> }) =>
    apiCall(routes.updateHouse, { params: { id }, body }),
  );
}

export function useRegisterRental() {
  return useHousingMutation(({ id, body }: { id: number; body: z.input<typeof routes.registerRental.body> }) =>
    apiCall(routes.registerRental, { params: { id }, body }),
  );
}

export function useEndRental() {
  return useHousingMutation(({ id, body }: { id: number; body: z.input<typeof routes.endRental.body> }) =>
    apiCall(routes.endRental, { params: { id }, body }),
  );
}
