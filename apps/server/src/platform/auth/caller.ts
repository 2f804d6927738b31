/** The caller of a use case, as services see it: who, from where, and their scope per permission. */
import type { Permission } from '@linli/contracts';
import type { AuditInput } from '../audit/audit-log.ts';
import { scopeOf, type Actor, type PermissionMatrix, type Scope } from './actor.ts';

export interface Caller {
  actor: Actor;
  ip: string | null;
  scope(permission: Permission): Scope;
}

export function makeCaller(actor: Actor, ip: string | null, matrix: PermissionMatrix): Caller {
  return { actor, ip, scope: (p) => scopeOf(actor, p, matrix) };
}

/** The who/where fields of an audit entry for this caller. */
export function auditBy(caller: Caller): Pick<AuditInput, 'actorId' | 'actorName' | 'ip'> {
  const a = caller.actor;
  return {
    actorId: a.kind === 'user' ? a.userId : null,
    actorName:
      a.kind === 'user' ? a.username : a.kind === 'token' ? `token:${a.name}` : (a.auditName ?? `cli:${a.name}`),
    ip: caller.ip,
  };
}
