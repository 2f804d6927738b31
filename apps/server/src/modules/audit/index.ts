/** Audit: reading the append-only, hash-chained log that every mutation writes (see platform/audit). */
export { auditHandlers } from './audit.routes.ts';
export { auditPolicy } from './audit.policy.ts';
