/** The append-only, hash-chained audit log. */
import { z } from 'zod';

export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export const AuditOutcome = z.enum(auditOutcomes);

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  nodeId: z.number().int().nullable(),
  summary: z.unknown(),
  outcome: AuditOutcome,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListQuery = z.strictObject({
  action: z.string().trim().max(80).optional(),
  actor: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(40).optional(),
  outcome: AuditOutcome.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
