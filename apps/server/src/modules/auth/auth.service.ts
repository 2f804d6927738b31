/** Use cases of signing in and out, sessions and password changes (等保 2.0 level 3 in spirit). */
import { checkPasswordStrength, type Me, type RouteDef } from '@linli/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { permissionsOf, type PermissionMatrix, type TokenActor, type UserActor } from '../../platform/auth/actor.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import type { Db } from '../../platform/db/db.ts';
import { DomainError } from '../../platform/http/errors.ts';
import * as repo from './auth.repository.ts';

export interface AuthSettings {
  loginMaxFailures: number;
  lockMs: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /**
   * How long a session read from the database may be used again from memory (ADR 0017); 0 reads it on
   * every request. Default 15 s. Changes reach every process at once through `db.invalidations`.
   */
  sessionCacheMs?: number;
}

/** Sessions kept in memory at most: the oldest go first. */
const SESSION_CACHE_MAX = 10_000;

export interface AuthServiceDeps {
  db: Db;
  matrix: PermissionMatrix;
  settings: AuthSettings;
  /** Resolves `Authorization: Bearer …` secrets (the tokens module). */
  authenticateToken: (secret: string) => Promise<TokenActor | null>;
  now?: () => Date;
}

export interface NewSession {
  token: string;
  actor: UserActor;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export type AuthService = ReturnType<typeof createAuthService>;

/**
 * Sessions read from the database, kept for `ttlMs` and forgotten the moment the database says one
 * changed (`db.invalidations`, ADR 0017). A read fills the cache only if nothing was announced while
 * it ran and a connection was listening throughout, so an answer older than a change never stays.
 */
export function sessionCache(db: Db, ttlMs: number) {
  const kept = new Map<string, { row: repo.SessionRow; until: number }>();
  const bus = db.invalidations;
  bus.subscribe((payload) => {
    if (payload.startsWith('session:')) kept.delete(payload.slice('session:'.length));
    else if (payload.startsWith('user:')) {
      const userId = Number(payload.slice('user:'.length));
      for (const [hash, k] of kept) if (k.row.user_id === userId) kept.delete(hash);
    } else kept.clear();
  });
  return {
    /** The session as last read, if it is still fresh and nothing has said it changed. */
    get(tokenHash: string): repo.SessionRow | undefined {
      const k = kept.get(tokenHash);
      if (!k) return undefined;
      if (k.until > performance.now() && bus.live) return k.row;
      kept.delete(tokenHash);
      return undefined;
    },
    /** Read from the database, and keep it when that is safe. */
    async read(tokenHash: string): Promise<repo.SessionRow | undefined> {
      const epoch = bus.epoch;
      const wasLive = bus.live;
      const row = await repo.findSession(db, tokenHash);
      if (row && ttlMs > 0 && wasLive && bus.live && bus.epoch === epoch) {
        kept.delete(tokenHash);
        if (kept.size >= SESSION_CACHE_MAX) kept.delete(kept.keys().next().value!);
        kept.set(tokenHash, { row, until: performance.now() + ttlMs });
      }
      return row;
    },
    get size() {
      return kept.size;
    },
  };
}

export function createAuthService(deps: AuthServiceDeps) {
  const { db, settings } = deps;
  const now = deps.now ?? (() => new Date());

  const sessions = sessionCache(db, settings.sessionCacheMs ?? 15_000);

  async function loadActor(tokenHash: string): Promise<UserActor | 'expired' | null> {
    const t = now().getTime();
    const ended = (r: repo.SessionRow) =>
      !!r.revoked_at ||
      !r.is_active ||
      r.expires_at.getTime() <= t ||
      r.last_seen_at.getTime() + settings.sessionIdleMs <= t;
    let row = sessions.get(tokenHash);
    // What memory holds may only be older than the database (another process may have touched the
    // session since): an ending it shows is checked there.
    if (row && ended(row)) row = undefined;
    row ??= await sessions.read(tokenHash);
    if (!row) return null;
    if (ended(row)) return 'expired';
    // Touch at most once a minute: the idle clock does not need finer grain, and reads stay reads.
    if (t - row.last_seen_at.getTime() > 60_000) {
      await repo.touchSession(db, tokenHash);
      row.last_seen_at = new Date(t);
    }
    return {
      kind: 'user',
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      holdings: repo.toHoldings(row.holdings),
      mustChangePassword: row.must_change_password,
      sessionHash: row.token_hash,
      csrfToken: row.csrf_token,
      sessionExpiresAt: new Date(Math.min(row.expires_at.getTime(), t + settings.sessionIdleMs)),
    };
  }

  return {
    /** Resolve the caller from a session token or a bearer secret. */
    async resolve(sessionToken: string | undefined, bearer: string | undefined, route: RouteDef) {
      if (bearer) {
        const token = await deps.authenticateToken(bearer);
        if (!token) throw new DomainError('TOKEN_INVALID');
        return token;
      }
      if (!sessionToken) return null;
      const actor = await loadActor(sha256(sessionToken));
      if (actor === 'expired' || actor === null) {
        if (route.auth === 'public') return null;
        throw new DomainError(actor === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
      }
      return actor;
    },

    /** Check the password; lock after repeated failures; open a session. Every attempt is audited. */
    async login(input: {
      username: string;
      password: string;
      ip: string | null;
      userAgent: string | null;
    }): Promise<NewSession> {
      const username = input.username.trim().toLowerCase();
      const failure = async (
        code: 'LOGIN_FAILED' | 'ACCOUNT_LOCKED' | 'ACCOUNT_DISABLED',
        userId: number | null,
        reason: string,
      ) => {
        await db.tx((q) =>
          appendAudit(q, {
            actorId: userId,
            actorName: username.slice(0, 64),
            ip: input.ip,
            action: 'auth.login',
            entityType: 'app_user',
            entityId: userId,
            summary: { reason },
            outcome: code === 'LOGIN_FAILED' ? 'failure' : 'denied',
          }),
        );
        return new DomainError(code);
      };

      const outcome = await db.tx(async (q) => {
        const user = await repo.findUserForLogin(q, username);
        if (!user) {
          await verifyPassword(await dummyPasswordHash(), input.password);
          return { error: 'LOGIN_FAILED' as const, userId: null, reason: 'unknown user' };
        }
        if (user.locked_until && user.locked_until.getTime() > now().getTime()) {
          return { error: 'ACCOUNT_LOCKED' as const, userId: user.id, reason: 'locked' };
        }
        if (!(await verifyPassword(user.password_hash, input.password))) {
          const locked = await repo.recordLoginFailure(q, user.id, settings.loginMaxFailures, settings.lockMs);
          return {
            error: locked ? ('ACCOUNT_LOCKED' as const) : ('LOGIN_FAILED' as const),
            userId: user.id,
            reason: locked ? 'wrong password; locked' : 'wrong password',
          };
        }
        if (!user.is_active) return { error: 'ACCOUNT_DISABLED' as const, userId: user.id, reason: 'disabled' };
        await repo.recordLoginSuccess(q, user.id);
        const token = randomBytes(32).toString('base64url');
        await repo.insertSession(q, {
          tokenHash: sha256(token),
          userId: user.id,
          csrfToken: randomBytes(24).toString('base64url'),
          ip: input.ip,
          userAgent: input.userAgent,
          absoluteMs: settings.sessionAbsoluteMs,
        });
        await appendAudit(q, {
          actorId: user.id,
          actorName: user.username,
          ip: input.ip,
          action: 'auth.login',
          entityType: 'app_user',
          entityId: user.id,
        });
        return { token };
      });
      if (outcome.error !== undefined) throw await failure(outcome.error, outcome.userId, outcome.reason);
      if (outcome.token === undefined) throw new DomainError('INTERNAL');
      const actor = await loadActor(sha256(outcome.token));
      if (!actor || actor === 'expired') throw new DomainError('INTERNAL');
      return { token: outcome.token, actor };
    },

    async logout(actor: UserActor, ip: string | null): Promise<void> {
      await db.tx(async (q) => {
        await repo.revokeSession(q, actor.sessionHash);
        await appendAudit(q, {
          actorId: actor.userId,
          actorName: actor.username,
          ip,
          action: 'auth.logout',
          entityType: 'app_user',
          entityId: actor.userId,
        });
      });
    },

    /** Change one's own password; other sessions of the user end. */
    async changePassword(
      actor: UserActor,
      input: { currentPassword: string; newPassword: string },
      ip: string | null,
    ): Promise<UserActor> {
      if (!checkPasswordStrength(input.newPassword)) throw new DomainError('PASSWORD_TOO_WEAK');
      if (input.newPassword === input.currentPassword) throw new DomainError('PASSWORD_REUSED');
      const newHash = await hashPassword(input.newPassword);
      const ok = await db.tx(async (q) => {
        const current = await repo.findPasswordHash(q, actor.userId);
        if (!current || !(await verifyPassword(current, input.currentPassword))) return false;
        await repo.updatePassword(q, actor.userId, newHash, false);
        await repo.revokeOtherSessions(q, actor.userId, actor.sessionHash);
        await appendAudit(q, {
          actorId: actor.userId,
          actorName: actor.username,
          ip,
          action: 'auth.password.change',
          entityType: 'app_user',
          entityId: actor.userId,
        });
        return true;
      });
      if (!ok) {
        await db.tx((q) =>
          appendAudit(q, {
            actorId: actor.userId,
            actorName: actor.username,
            ip,
            action: 'auth.password.change',
            entityType: 'app_user',
            entityId: actor.userId,
            outcome: 'failure',
            summary: { reason: 'current password wrong' },
          }),
        );
        throw new DomainError('CURRENT_PASSWORD_WRONG');
      }
      const fresh = await loadActor(actor.sessionHash);
      if (!fresh || fresh === 'expired') throw new DomainError('SESSION_EXPIRED');
      return fresh;
    },

    /** The `Me` answer for a signed-in user. */
    meOf(actor: UserActor): Me {
      return {
        id: actor.userId,
        username: actor.username,
        displayName: actor.displayName,
        mustChangePassword: actor.mustChangePassword,
        roles: actor.holdings.map((h) => ({
          role: h.role,
          nodeId: h.nodeId,
          nodeName: h.nodeName,
          nodeLevel: (h.nodeLevel as Me['roles'][number]['nodeLevel']) ?? null,
        })),
        permissions: permissionsOf(actor, deps.matrix),
        csrfToken: actor.csrfToken,
        sessionExpiresAt: actor.sessionExpiresAt.toISOString(),
      };
    },
  };
}
