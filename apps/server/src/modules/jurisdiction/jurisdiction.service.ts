/** Use cases of the jurisdiction tree: browse, search, create, rename, move (merge/split), retire. */
import type { JurisdictionNode, NodeDetail, NodeLevel } from '@linli/contracts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { auditBy, type Caller } from '../../platform/auth/caller.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { violatedConstraint } from '../../platform/db/pg-errors.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import { canBeChild, checkCode, childPath, codeHint, isInside } from './jurisdiction.ts';
import * as repo from './jurisdiction.repository.ts';

function mapUnique(err: unknown): never {
  const c = violatedConstraint(err);
  if (c === 'jurisdiction_node_sibling_name_key') throw new DomainError('NODE_NAME_TAKEN');
  if (c === 'jurisdiction_node_code_key') throw new DomainError('NODE_CODE_TAKEN');
  throw err;
}

export type JurisdictionService = ReturnType<typeof createJurisdictionService>;

/** Called in the move's transaction, so that modules keeping copies of node paths follow the subtree. */
export type SubtreeMoveHook = (q: Queryable, fromPath: string, toPath: string) => Promise<unknown>;

export function createJurisdictionService(deps: { db: Db; onSubtreeMoved?: readonly SubtreeMoveHook[] }) {
  const { db } = deps;

  async function mustFind(q: Queryable, caller: Caller, id: number, forUpdate = false) {
    const node = await repo.findNode(q, caller.scope('jurisdiction.manage'), id, forUpdate);
    if (!node) throw notFound();
    if (node.isRetired) throw new DomainError('NODE_RETIRED');
    return node;
  }

  return {
    async list(
      caller: Caller,
      query: { parentId?: number | undefined; q?: string | undefined; includeRetired?: 'true' | 'false' | undefined },
    ) {
      const scope = caller.scope('jurisdiction.read');
      const includeRetired = query.includeRetired === 'true';
      if (query.q) return repo.searchNodes(db, scope, query.q, includeRetired);
      if (query.parentId !== undefined) return repo.listChildren(db, scope, query.parentId, includeRetired);
      return repo.listScopeRoots(db, scope, includeRetired);
    },

    async get(caller: Caller, id: number): Promise<NodeDetail> {
      const node = await repo.findNode(db, caller.scope('jurisdiction.read'), id);
      if (!node) throw notFound();
      const [ancestors, descendants, users, moves] = await Promise.all([
        repo.ancestorsOf(db, node.path),
        repo.descendantCounts(db, node.path),
        repo.userCount(db, node.path),
        repo.movesOf(db, node.id),
      ]);
      return { ...node, ancestors, counts: { descendants, users }, moves };
    },

    async create(
      caller: Caller,
      input: { parentId: number | null; level: NodeLevel; name: string; code?: string | undefined },
    ): Promise<JurisdictionNode> {
      return db
        .tx(async (q) => {
          let parent: JurisdictionNode | null = null;
          if (input.parentId !== null) parent = await mustFind(q, caller, input.parentId, true);
          else if (!caller.scope('jurisdiction.manage').paths.includes('/')) throw new DomainError('FORBIDDEN');
          if (!canBeChild(parent?.level ?? null, input.level)) throw new DomainError('NODE_LEVEL_INVALID');
          if (checkCode(input.level, input.code, parent?.code ?? null)) {
            throw new DomainError('NODE_CODE_INVALID', [
              { path: 'body.code', message: codeHint(input.level, parent?.code ?? null).zh },
            ]);
          }
          const id = await repo.nextNodeId(q);
          const path = childPath(parent?.path ?? null, id);
          await repo.insertNode(q, {
            id,
            parentId: parent?.id ?? null,
            level: input.level,
            code: input.code ?? null,
            name: input.name,
            path,
            depth: parent ? parent.depth + 1 : 0,
          });
          await appendAudit(q, {
            ...auditBy(caller),
            action: 'jurisdiction.node.create',
            entityType: 'jurisdiction_node',
            entityId: id,
            nodeId: id,
            summary: { name: input.name, level: input.level, code: input.code ?? null, parentId: parent?.id ?? null },
          });
          return (await repo.findNode(q, { paths: ['/'] }, id))!;
        })
        .catch(mapUnique);
    },

    async rename(
      caller: Caller,
      id: number,
      input: { name?: string | undefined; code?: string | null | undefined },
    ): Promise<JurisdictionNode> {
      return db
        .tx(async (q) => {
          const node = await mustFind(q, caller, id, true);
          const code = input.code === undefined ? node.code : input.code;
          if (input.code) {
            const pc = await repo.parentCode(q, node.parentId);
            if (checkCode(node.level, input.code, pc)) {
              throw new DomainError('NODE_CODE_INVALID', [{ path: 'body.code', message: codeHint(node.level, pc).zh }]);
            }
          }
          const name = input.name ?? node.name;
          await repo.updateNameCode(q, id, name, code);
          await appendAudit(q, {
            ...auditBy(caller),
            action: 'jurisdiction.node.rename',
            entityType: 'jurisdiction_node',
            entityId: id,
            nodeId: id,
            summary: { before: { name: node.name, code: node.code }, after: { name, code } },
          });
          return (await repo.findNode(q, { paths: ['/'] }, id))!;
        })
        .catch(mapUnique);
    },

    /** Move a subtree under a new parent (communities merged or split); the move is kept in history. */
    async move(
      caller: Caller,
      id: number,
      input: { newParentId: number; reason?: string | undefined },
    ): Promise<JurisdictionNode> {
      return db
        .tx(async (q) => {
          const node = await mustFind(q, caller, id, true);
          const parent = await mustFind(q, caller, input.newParentId, true);
          if (node.parentId === null) throw new DomainError('NODE_LEVEL_INVALID');
          if (isInside(parent.path, node.path)) throw new DomainError('NODE_MOVE_INTO_SELF');
          if (!canBeChild(parent.level, node.level)) throw new DomainError('NODE_LEVEL_INVALID');
          if (parent.id === node.parentId) return node;
          const toPath = childPath(parent.path, node.id);
          const moved = await repo.moveSubtree(q, node.path, toPath, parent.depth + 1 - node.depth);
          await repo.setParent(q, node.id, parent.id);
          for (const hook of deps.onSubtreeMoved ?? []) await hook(q, node.path, toPath);
          await repo.insertMove(q, {
            nodeId: node.id,
            fromParentId: node.parentId,
            toParentId: parent.id,
            fromPath: node.path,
            toPath,
            reason: input.reason ?? null,
            movedBy: caller.actor.kind === 'user' ? caller.actor.userId : null,
          });
          await appendAudit(q, {
            ...auditBy(caller),
            action: 'jurisdiction.node.move',
            entityType: 'jurisdiction_node',
            entityId: id,
            nodeId: id,
            summary: {
              name: node.name,
              fromParentId: node.parentId,
              toParentId: parent.id,
              fromPath: node.path,
              toPath,
              nodesMoved: moved,
              reason: input.reason ?? null,
            },
          });
          return (await repo.findNode(q, { paths: ['/'] }, id))!;
        })
        .catch(mapUnique);
    },

    async retire(caller: Caller, id: number, input: { reason: string }): Promise<JurisdictionNode> {
      return db.tx(async (q) => {
        const node = await mustFind(q, caller, id, true);
        if (node.childCount > 0) throw new DomainError('NODE_HAS_ACTIVE_CHILDREN');
        await repo.retire(q, id, input.reason);
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'jurisdiction.node.retire',
          entityType: 'jurisdiction_node',
          entityId: id,
          nodeId: id,
          summary: { name: node.name, reason: input.reason },
        });
        return (await repo.findNode(q, { paths: ['/'] }, id))!;
      });
    },
  };
}
