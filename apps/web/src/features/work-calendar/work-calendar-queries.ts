/** Server state of the working-time settings. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routes } from '@linli/contracts';
import type { z } from 'zod';
import { apiCall } from '../../lib/api.ts';

const keys = { all: ['work-calendar'] as const };

export function useWorkCalendar() {
  return useQuery({ queryKey: keys.all, queryFn: ({ signal }) => apiCall(routes.getWorkCalendar, { signal }) });
}

export function useSaveWorkCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof routes.updateWorkCalendar.body>) => apiCall(routes.updateWorkCalendar, { body }),
    onSuccess: (data) => queryClient.setQueryData(keys.all, data),
  });
}
