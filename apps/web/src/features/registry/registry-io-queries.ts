/** Server calls of resident import and export, ledgers, and home visits. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { routes, type ImportKind, type ImportMapping } from '@linli/contracts';
import type { z } from 'zod';
import { apiCall } from '../../lib/api.ts';
import { apiUpload } from '../../lib/api-files.ts';
import { registryKeys } from './registry-queries.ts';

export const visitKeys = {
  all: ['visits'] as const,
  due: (nodeId: number | undefined, withinDays: number, page: number, pageSize: number) =>
    ['visits', 'due', nodeId ?? null, withinDays, page, pageSize] as const,
  coverage: (nodeId: number | undefined) => ['visits', 'coverage', nodeId ?? null] as const,
  ofResident: (id: number) => ['visits', 'resident', id] as const,
};

export function useUploadImport() {
  return useMutation({
    mutationFn: ({ file, nodeId, kind }: { file: File; nodeId: number; kind: ImportKind }) =>
      apiUpload(routes.uploadResidentImport, file, { query: { nodeId, fileName: file.name, kind } }),
  });
}

export function useRunImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      mapping,
      dryRun,
      mode,
    }: {
      id: number;
      mapping: ImportMapping;
      dryRun: boolean;
      mode: 'all_or_nothing' | 'good_rows';
    }) => apiCall(routes.runResidentImport, { params: { id }, body: { mapping, dryRun, mode } }),
    onSuccess: (result) => {
      if (!result.dryRun) void queryClient.invalidateQueries({ queryKey: registryKeys.all });
    },
  });
}

/** The import's status, polled while `polling` (a commit is running). */
export function useImportStatus(id: number | undefined, polling: boolean) {
  return useQuery({
    queryKey: ['registry', 'import', id ?? 0],
    queryFn: ({ signal }) => apiCall(routes.getResidentImport, { params: { id: id ?? 0 }, signal }),
    enabled: id !== undefined && polling,
    refetchInterval: polling ? 400 : false,
  });
}

export function useUndoImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiCall(routes.undoResidentImport, { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registryKeys.all }),
  });
}

export function useDueVisits(nodeId: number | undefined, withinDays: number, page: number, pageSize: number) {
  return useQuery({
    queryKey: visitKeys.due(nodeId, withinDays, page, pageSize),
    queryFn: ({ signal }) => apiCall(routes.dueVisits, { query: { nodeId, withinDays, page, pageSize }, signal }),
  });
}

export function useVisitCoverage(nodeId: number | undefined) {
  return useQuery({
    queryKey: visitKeys.coverage(nodeId),
    queryFn: async ({ signal }) => (await apiCall(routes.visitCoverage, { query: { nodeId }, signal })).items,
  });
}

export function useResidentVisits(id: number) {
  return useQuery({
    queryKey: visitKeys.ofResident(id),
    queryFn: async ({ signal }) => (await apiCall(routes.listVisits, { params: { id }, signal })).items,
  });
}

export function useRecordVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: z.input<typeof routes.recordVisit.body> }) =>
      apiCall(routes.recordVisit, { params: { id }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: visitKeys.all }),
  });
}
