/** API tokens: `linli_<prefix>_<secret>`, shown once, only a SHA-256 kept; scoped to one node's subtree. */
import { createHash, randomBytes } from 'node:crypto';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { nodeInScopePredicate, type TokenActor } from '../../platform/auth/actor.ts';
import { auditBy, type Caller } from '../../platform/auth/caller.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { notFound } from '../../platform/http/errors.ts';

interface Row {
  id: number;
  name: string;
  node_id: number;
  node_name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const select = `SELECT t.id, t.name, t.node_id, n.name AS node_name, t.prefix, t.created_at, t.last_used_at, t.revoked_at
  FROM api_token t JOIN jurisdiction_node n ON n.id = t.node_id`;

function toToken(r: Row) {
  return {
    id: r.id,
    name: r.name,
    nodeId: r.node_id,
    nodeName: r.node_name,
    prefix: r.prefix,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  };
}

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

export type TokensService = ReturnType<typeof createTokensService>;

export function createTokensService(deps: { db: Db }) {
  const { db } = deps;

  async function findInScope(q: Queryable, caller: Caller, id: number, forUpdate = false) {
    const params: unknown[] = [id];
    const { rows } = await q.query<Row>(
      `${select} WHERE t.id = $1 AND ${nodeInScopePredicate(caller.scope('token.manage'), 't.node_id', params)} ${forUpdate ? 'FOR UPDATE OF t' : ''}`,
      params,
    );
    return rows[0];
  }

  return {
    async list(caller: Caller) {
      const params: unknown[] = [];
      const { rows } = await db.query<Row>(
        `${select} WHERE ${nodeInScopePredicate(caller.scope('token.manage'), 't.node_id', params)} ORDER BY t.id DESC`,
        params,
      );
      return rows.map(toToken);
    },

    async create(caller: Caller, input: { name: string; nodeId: number }) {
      const prefix = randomBytes(4).toString('hex');
      const secret = `linli_${prefix}_${randomBytes(32).toString('base64url')}`;
      const token = await db.tx(async (q) => {
        const params: unknown[] = [input.nodeId];
        const node = await q.query(
          `SELECT 1 FROM jurisdiction_node WHERE id = $1 AND retired_at IS NULL AND ${nodeInScopePredicate(caller.scope('token.manage'), 'id', params)}`,
          params,
        );
        if (node.rowCount === 0) throw notFound();
        const { rows } = await q.query<{ id: number }>(
          `INSERT INTO api_token (name, prefix, secret_hash, node_id, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [input.name, prefix, digest(secret), input.nodeId, caller.actor.kind === 'user' ? caller.actor.userId : null],
        );
        const id = rows[0]!.id;
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'tokens.token.create',
          entityType: 'api_token',
          entityId: id,
          nodeId: input.nodeId,
          summary: { name: input.name, prefix },
        });
        return toToken((await findInScope(q, { ...caller, scope: () => ({ paths: ['/'] }) }, id))!);
      });
      return { token, secret };
    },

    async revoke(caller: Caller, id: number) {
      return db.tx(async (q) => {
        const row = await findInScope(q, caller, id, true);
        if (!row) throw notFound();
        if (!row.revoked_at) {
          await q.query(`UPDATE api_token SET revoked_at = now() WHERE id = $1`, [id]);
          await appendAudit(q, {
            ...auditBy(caller),
            action: 'tokens.token.revoke',
            entityType: 'api_token',
            entityId: id,
            nodeId: row.node_id,
            summary: { name: row.name, prefix: row.prefix },
          });
        }
        return toToken((await findInScope(q, { ...caller, scope: () => ({ paths: ['/'] }) }, id))!);
      });
    },

    /** The machine client behind a bearer secret, or null when unknown or revoked. */
    async authenticate(secret: string): Promise<TokenActor | null> {
      if (!/^linli_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}$/.test(secret)) return null;
      const { rows } = await db.query<{
        id: number;
        name: string;
        node_id: number;
        path: string;
        last_used_at: Date | null;
      }>(
        `SELECT t.id, t.name, t.node_id, n.path, t.last_used_at FROM api_token t JOIN jurisdiction_node n ON n.id = t.node_id
         WHERE t.secret_hash = $1 AND t.revoked_at IS NULL AND n.retired_at IS NULL`,
        [digest(secret)],
      );
      const row = rows[0];
      if (!row) return null;
      if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
        await db.query(`UPDATE api_token SET last_used_at = now() WHERE id = $1`, [row.id]);
      }
      return { kind: 'token', tokenId: row.id, name: row.name, nodeId: row.node_id, path: row.path };
    },
  };
}
