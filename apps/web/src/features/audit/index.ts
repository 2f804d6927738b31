/** Audit log (审计日志): the append-only record of every sign-in, grant and change. */
export { AuditFilters } from './audit-filters.tsx';
export { AuditTable } from './audit-table.tsx';
export { useAuditLog } from './audit-queries.ts';
export { auditQueryFromFilters, type AuditFilterValues } from './audit-query.ts';
