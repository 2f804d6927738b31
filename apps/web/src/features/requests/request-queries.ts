/** Server state of requests: lists, one request, categories, departments, and the calls that change them. */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routes, type RequestDetail } from '@linli/contracts';
import type { z } from 'zod';
import { apiCall } from '../../lib/api.ts';
import { apiUpload } from '../../lib/api-files.ts';
import { useLabels } from '../../lib/labels.ts';
import { categoryInLanguage } from './category-tree.ts';

export type RequestListQuery = Partial<z.output<typeof routes.listRequests.query>>;

export const requestKeys = {
  all: ['requests'] as const,
  lists: ['requests', 'list'] as const,
  list: (query: RequestListQuery) => ['requests', 'list', query] as const,
  detail: (id: number) => ['requests', 'detail', id] as const,
  categories: ['requests', 'categories'] as const,
  departments: ['requests', 'departments'] as const,
};

export function requestListQuery(query: RequestListQuery) {
  return queryOptions({
    queryKey: requestKeys.list(query),
    queryFn: ({ signal }) => apiCall(routes.listRequests, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRequestList(query: RequestListQuery, enabled = true) {
  const { language } = useLabels();
  return useQuery({
    ...requestListQuery(query),
    enabled,
    select: (d) => ({ ...d, items: d.items.map((r) => categoryInLanguage(r, language)) }),
  });
}

export function requestQuery(id: number) {
  return queryOptions({
    queryKey: requestKeys.detail(id),
    queryFn: ({ signal }) => apiCall(routes.getRequest, { params: { id }, signal }),
  });
}

export function useRequest(id: number) {
  const { language } = useLabels();
  return useQuery({ ...requestQuery(id), select: (r) => categoryInLanguage(r, language) });
}

export function useCategories() {
  return useQuery({
    queryKey: requestKeys.categories,
    queryFn: async ({ signal }) => (await apiCall(routes.listRequestCategories, { signal })).items,
    staleTime: 5 * 60_000,
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: requestKeys.departments,
    queryFn: async ({ signal }) => (await apiCall(routes.listDepartments, { signal })).items,
    staleTime: 10 * 60_000,
  });
}

/** One step on a request; on success the request's page and every list show the new state. */
export function useActOnRequest(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof routes.actOnRequest.body>) =>
      apiCall(routes.actOnRequest, { params: { id }, body }),
    onSuccess: async (detail: RequestDetail) => {
      queryClient.setQueryData(requestKeys.detail(id), detail);
      await queryClient.invalidateQueries({ queryKey: requestKeys.lists });
    },
  });
}

export function useIntakeRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof routes.intakeRequest.body>) => apiCall(routes.intakeRequest, { body }),
    onSuccess: async (detail) => {
      queryClient.setQueryData(requestKeys.detail(detail.id), detail);
      await queryClient.invalidateQueries({ queryKey: requestKeys.lists });
    },
  });
}

export function useUpdateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: z.input<typeof routes.updateRequestCategory.body> }) =>
      apiCall(routes.updateRequestCategory, { params: { id }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: requestKeys.categories }),
  });
}

export function useCreateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof routes.createRequestCategory.body>) =>
      apiCall(routes.createRequestCategory, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: requestKeys.categories }),
  });
}

/** Uploads one photo as the raw body; the answer's id is then referenced by intake or a step. */
export function uploadRequestPhoto(file: File) {
  return apiUpload(routes.uploadRequestPhoto, file, {});
}

/** The URL of a stored photo (the session cookie authorises it). */
export function photoUrl(id: number): string {
  return routes.getRequestPhoto.path.replace(':id', String(id));
}
