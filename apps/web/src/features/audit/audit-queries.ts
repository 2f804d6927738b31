/** Server state of the audit log. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { routes } from '@linli/contracts';
import { apiCall } from '../../lib/api.ts';
import type { AuditQuery } from './audit-query.ts';

export function useAuditLog(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', 'list', query] as const,
    queryFn: ({ signal }) => apiCall(routes.listAudit, { query, signal }),
    placeholderData: keepPreviousData,
  });
}
