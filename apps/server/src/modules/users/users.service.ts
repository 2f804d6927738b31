/** Use cases of user administration: accounts, role grants within one's jurisdiction, password resets. */
import type { Role, User } from '@linli/contracts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { RoleHolding } from '../../platform/auth/actor.ts';
import { auditBy, type Caller } from '../../platform/auth/caller.ts';
import { generatePassword, hashPassword } from '../../platform/auth/password.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { violatedConstraint } from '../../platform/db/pg-errors.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import { canGrant, type Holding } from './users.policy.ts';
import * as repo from './users.repository.ts';

type Grant = { role: Role; nodeId: number | null };

function holdingsOf(caller: Caller): Holding[] {
  const a = caller.actor;
  if (a.kind === 'system') return [{ role: 'sys_admin', path: '/' }];
  if (a.kind === 'token') return [];
  return a.holdings.map((h: RoleHolding) => ({ role: h.role, path: h.path }));
}

function strip(u: User & { rolePaths: string[] }): User {
  const { rolePaths: _ignored, ...user } = u;
  return user;
}

export type UsersService = ReturnType<typeof createUsersService>;

export function createUsersService(deps: { db: Db }) {
  const { db } = deps;

  /** Every grant must be one the caller may make; answers the grants with their nodes' paths checked. */
  async function checkGrants(q: Queryable, caller: Caller, grants: Grant[]) {
    const unique = [...new Map(grants.map((g) => [`${g.role}:${g.nodeId ?? 0}`, g])).values()];
    const paths = await repo.nodePaths(
      q,
      unique.flatMap((g) => (g.nodeId === null ? [] : [g.nodeId])),
    );
    for (const g of unique) {
      const path = g.nodeId === null ? null : paths.get(g.nodeId);
      if (path === undefined)
        throw new DomainError('VALIDATION_FAILED', [
          { path: 'body.roles', message: `节点 ${g.nodeId} 不存在或已撤销` },
        ]);
      if (!canGrant(holdingsOf(caller), g.role, path))
        throw new DomainError('ROLE_NOT_GRANTABLE', { role: g.role, nodeId: g.nodeId });
    }
    return unique;
  }

  /** A user may be changed only by someone who could have granted every role the user holds. */
  function mustManage(caller: Caller, user: User & { rolePaths: string[] }) {
    user.roles.forEach((r, i) => {
      const path = r.nodeId === null ? null : (user.rolePaths[i] ?? null);
      if (!canGrant(holdingsOf(caller), r.role, path))
        throw new DomainError('ROLE_NOT_GRANTABLE', { role: r.role, nodeId: r.nodeId });
    });
  }

  async function mustFind(q: Queryable, caller: Caller, id: number, forUpdate = false) {
    const user = await repo.findUser(q, caller.scope('user.manage'), id, forUpdate);
    if (!user) throw notFound();
    return user;
  }

  return {
    async list(
      caller: Caller,
      f: {
        q?: string | undefined;
        nodeId?: number | undefined;
        role?: Role | undefined;
        page: number;
        pageSize: number;
      },
    ) {
      let nodePath: string | undefined;
      if (f.nodeId !== undefined) {
        nodePath = (await repo.nodePaths(db, [f.nodeId])).get(f.nodeId);
        if (!nodePath) return { items: [], total: 0, page: f.page, pageSize: f.pageSize };
      }
      const { items, total } = await repo.listUsers(db, caller.scope('user.read'), { ...f, nodePath });
      return { items: items.map(strip), total, page: f.page, pageSize: f.pageSize };
    },

    async get(caller: Caller, id: number): Promise<User> {
      const user = await repo.findUser(db, caller.scope('user.read'), id);
      if (!user) throw notFound();
      return strip(user);
    },

    /** Create an account with a one-time initial password that must be changed at first sign-in. */
    async create(
      caller: Caller,
      input: { username: string; displayName: string; roles: Grant[]; password?: string; mustChange?: boolean },
    ) {
      const initialPassword = input.password ?? generatePassword();
      const passwordHash = await hashPassword(initialPassword);
      const user = await db
        .tx(async (q) => {
          const grants = await checkGrants(q, caller, input.roles);
          const id = await repo.insertUser(q, {
            username: input.username,
            displayName: input.displayName,
            passwordHash,
            mustChange: input.mustChange ?? true,
          });
          await repo.replaceRoles(q, id, grants, caller.actor.kind === 'user' ? caller.actor.userId : null);
          await appendAudit(q, {
            ...auditBy(caller),
            action: 'users.user.create',
            entityType: 'app_user',
            entityId: id,
            nodeId: grants.find((g) => g.nodeId !== null)?.nodeId ?? null,
            summary: { username: input.username, displayName: input.displayName, roles: grants },
          });
          return (await repo.findUser(q, { paths: ['/'] }, id))!;
        })
        .catch((e: unknown) => {
          if (violatedConstraint(e) === 'app_user_username_key') throw new DomainError('USERNAME_TAKEN');
          throw e;
        });
      return { user: strip(user), initialPassword };
    },

    async update(
      caller: Caller,
      id: number,
      input: { displayName?: string | undefined; isActive?: boolean | undefined; roles?: Grant[] | undefined },
    ): Promise<User> {
      if (caller.actor.kind === 'user' && caller.actor.userId === id && (input.isActive === false || input.roles)) {
        throw new DomainError('FORBIDDEN', undefined, {
          zh: '不能停用自己或修改自己的角色，请联系上级管理员。',
          en: 'You cannot disable yourself or change your own roles.',
        });
      }
      return db.tx(async (q) => {
        const before = await mustFind(q, caller, id, true);
        mustManage(caller, before);
        const grants = input.roles ? await checkGrants(q, caller, input.roles) : undefined;
        await repo.updateProfile(q, id, input);
        if (grants) await repo.replaceRoles(q, id, grants, caller.actor.kind === 'user' ? caller.actor.userId : null);
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'users.user.update',
          entityType: 'app_user',
          entityId: id,
          nodeId: before.roles.find((r) => r.nodeId !== null)?.nodeId ?? null,
          summary: {
            username: before.username,
            before: {
              displayName: before.displayName,
              isActive: before.isActive,
              roles: before.roles.map((r) => ({ role: r.role, nodeId: r.nodeId })),
            },
            after: { displayName: input.displayName, isActive: input.isActive, roles: grants },
          },
        });
        return strip((await repo.findUser(q, { paths: ['/'] }, id))!);
      });
    },

    /** A new one-time password; the user's sessions end and the lock is lifted. */
    async resetPassword(caller: Caller, id: number) {
      const initialPassword = generatePassword();
      const passwordHash = await hashPassword(initialPassword);
      const user = await db.tx(async (q) => {
        const before = await mustFind(q, caller, id, true);
        mustManage(caller, before);
        await repo.setInitialPassword(q, id, passwordHash);
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'users.user.reset_password',
          entityType: 'app_user',
          entityId: id,
          nodeId: before.roles.find((r) => r.nodeId !== null)?.nodeId ?? null,
          summary: { username: before.username },
        });
        return strip((await repo.findUser(q, { paths: ['/'] }, id))!);
      });
      return { user, initialPassword };
    },

    /** For the CLI: the id of a username, or undefined. */
    findIdByUsername: (username: string) => repo.findIdByUsername(db, username),
    countUsers: () => repo.countUsers(db),
  };
}
