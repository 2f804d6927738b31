/** Use cases of home visits: what is due, recording a visit, coverage per grid or community. */
import type { DueVisit } from '@linli/contracts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { auditBy, type Caller } from '../../platform/auth/caller.ts';
import type { Db } from '../../platform/db/db.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import * as registry from './registry.repository.ts';
import { ageOn, todayInChina } from './resident.ts';
import { addDays, checkFollowUp, dueState } from './visit.ts';
import * as repo from './visits.repository.ts';

export type VisitsService = ReturnType<typeof createVisitsService>;

export function createVisitsService(deps: { db: Db; today?: () => string }) {
  const { db } = deps;
  const today = deps.today ?? (() => todayInChina());

  /** The node to work under: the one asked for (if in scope), or the caller's own single root. */
  async function nodeFor(caller: Caller, nodeId: number | undefined) {
    const scope = caller.scope('registry.read');
    if (nodeId !== undefined) {
      const node = await registry.findNodeInScope(db, scope, nodeId);
      if (!node) throw notFound();
      return node;
    }
    return undefined;
  }

  return {
    async due(
      caller: Caller,
      f: { nodeId?: number | undefined; withinDays: number; kind?: string | undefined; page: number; pageSize: number },
    ) {
      const day = today();
      const node = await nodeFor(caller, f.nodeId);
      const rows = await repo.dueVisits(db, caller.scope('registry.read'), {
        nodePath: node?.path,
        today: day,
        until: addDays(day, f.withinDays),
        kind: f.kind,
        page: f.page,
        pageSize: f.pageSize,
      });
      const addresses = await registry.addressesFor(
        db,
        rows.map((r) => r.node_path),
      );
      const items: DueVisit[] = rows.map((r) => ({
        residentId: r.resident_id,
        name: r.name,
        age: ageOn(r.birth_date, day),
        address: addresses.get(r.node_path) ?? '',
        phoneMasked: r.phone_masked,
        tags: r.tags,
        kind: r.kind,
        everyDays: r.every_days,
        lastVisitedOn: r.last_visited_on,
        dueOn: r.due_on,
        state: dueState(r.due_on, day),
      }));
      return { items, total: rows[0]?.total ?? 0, page: f.page, pageSize: f.pageSize };
    },

    /** Coverage of the children of a node (default: the caller's first root), for figures per grid or community. */
    async coverage(caller: Caller, nodeId: number | undefined) {
      const scope = caller.scope('registry.read');
      const node =
        (await nodeFor(caller, nodeId)) ??
        (scope.paths[0] && scope.paths[0] !== '/' ? await registry.findNodeByPath(db, scope.paths[0]) : undefined);
      if (!node)
        throw new DomainError('VALIDATION_FAILED', [{ path: 'query.nodeId', message: '请选择要统计的辖区节点' }]);
      const rows = await repo.coverage(db, scope, node, today());
      return {
        items: rows.map((r) => ({
          nodeId: r.node_id,
          name: r.name,
          level: r.level,
          residents: r.residents,
          covered: r.covered,
          overdue: r.overdue,
          rate: r.residents ? r.covered / r.residents : null,
        })),
      };
    },

    async record(
      caller: Caller,
      residentId: number,
      body: {
        kind: string;
        visitedOn: string;
        wellbeing: string;
        finding?: string | undefined;
        needsFollowUp: boolean;
        followUpNote?: string | undefined;
      },
    ) {
      const issues = checkFollowUp(body);
      if (body.visitedOn > today()) issues.push({ path: 'body.visitedOn', message: '走访日期不能晚于今天' });
      if (issues.length) throw new DomainError('VALIDATION_FAILED', issues);
      return db.tx(async (q) => {
        const resident = await registry.findResident(q, caller.scope('registry.manage'), residentId);
        if (!resident) throw notFound();
        if (resident.status !== 'active') throw new DomainError('RESIDENT_NOT_ACTIVE');
        const id = await repo.insertVisit(q, {
          residentId,
          nodeId: resident.node_id,
          kind: body.kind,
          visitedOn: body.visitedOn,
          wellbeing: body.wellbeing,
          finding: body.finding ?? null,
          needsFollowUp: body.needsFollowUp,
          followUpNote: body.followUpNote ?? null,
          visitedBy: caller.actor.kind === 'user' ? caller.actor.userId : null,
        });
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'registry.visit.record',
          entityType: 'resident',
          entityId: residentId,
          nodeId: resident.node_id,
          summary: {
            name: resident.name,
            visitId: id,
            kind: body.kind,
            visitedOn: body.visitedOn,
            wellbeing: body.wellbeing,
            needsFollowUp: body.needsFollowUp,
          },
        });
        return (await repo.visitsOf(q, residentId)).find((v) => v.id === id)!;
      });
    },

    async list(caller: Caller, residentId: number) {
      const resident = await registry.findResident(db, caller.scope('registry.read'), residentId);
      if (!resident) throw notFound();
      return { items: await repo.visitsOf(db, residentId) };
    },
  };
}
