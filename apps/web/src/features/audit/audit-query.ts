/** Turns the audit filter form into the API's query (pure, so it can be tested). */
import type { AuditOutcome } from '@linli/contracts';
import type { Dayjs } from 'dayjs';
import type { z } from 'zod';
import { toShanghaiIso } from '../../lib/format.ts';

export interface AuditFilterValues {
  action?: string;
  actor?: string;
  entityType?: string;
  entityId?: string;
  outcome?: z.infer<typeof AuditOutcome>;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export interface AuditQuery {
  action?: string;
  actor?: string;
  entityType?: string;
  entityId?: string;
  outcome?: z.infer<typeof AuditOutcome>;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Empty fields are left out; the time range becomes `from`/`to` in ISO 8601 with the +08:00 offset. */
export function auditQueryFromFilters(values: AuditFilterValues, page: number, pageSize: number): AuditQuery {
  const [from, to] = values.range ?? [null, null];
  return {
    action: text(values.action),
    actor: text(values.actor),
    entityType: text(values.entityType),
    entityId: text(values.entityId),
    outcome: values.outcome,
    from: from ? toShanghaiIso(from) : undefined,
    to: to ? toShanghaiIso(to) : undefined,
    page,
    pageSize,
  };
}
