/** HTTP adapter of the audit module. */
import type { Db } from '../../platform/db/db.ts';
import type { RouteHandlers } from '../../platform/http/routing.ts';
import { listAudit } from './audit.repository.ts';

export function auditHandlers(deps: { db: Db }): Pick<RouteHandlers, 'listAudit'> {
  return {
    listAudit: async ({ query }, ctx) => {
      const { items, total } = await listAudit(deps.db, ctx.scope('audit.read'), query);
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  };
}
