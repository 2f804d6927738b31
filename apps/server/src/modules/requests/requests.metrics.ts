/**
 * Read-only figures of requests (docs/modules/requests.md § Figures): the rates of a node and period
 * from the rollup maintained on write, per child node, category, channel, day or month, beside the
 * previous period and per department; and the hot topics of a month with repeated complaints.
 */
import type { FigureCounts, FigureGroup, Figures, FiguresAnswer, HotTopicsAnswer } from '@linli/contracts';
import { requestLabels } from '@linli/contracts';
import { inScope } from '../../platform/auth/actor.ts';
import type { Caller } from '../../platform/auth/caller.ts';
import type { Db } from '../../platform/db/db.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import { addressesFor } from '../registry/index.ts';
import { chinaDay, type Contribution } from './request.ts';
import * as repo from './requests.metrics.repository.ts';

export type RequestMetrics = ReturnType<typeof createRequestMetrics>;

const HOUR_MS = 3_600_000;
const drillable = ['district', 'street', 'community'];

/** The figures of one set of counters: every rate is null when its denominator is 0. */
export function figuresOf(c: Contribution, officeMsPerDay: number): Figures {
  const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
  const counts: FigureCounts = {
    total: c.total,
    responded: c.responded,
    respondedOnTime: c.responded_on_time,
    resolved: c.resolved,
    resolvedOnTime: c.resolved_on_time,
    rated: c.rated,
    satisfied: c.satisfied,
    basicallySatisfied: c.basically_satisfied,
    unsatisfied: c.unsatisfied,
    returned: c.returned,
    reopened: c.reopened,
    respondWorkMs: c.respond_work_ms,
    resolveWorkMs: c.resolve_work_ms,
  };
  return {
    counts,
    responseRate: ratio(c.responded, c.total),
    resolutionRate: ratio(c.resolved, c.total),
    // 满意率 counts 基本满意 as satisfied, with full weight (the practice of most of Beijing's districts).
    satisfactionRate: ratio(c.satisfied + c.basically_satisfied, c.rated),
    onTimeResponseRate: ratio(c.responded_on_time, c.responded),
    onTimeResolutionRate: ratio(c.resolved_on_time, c.resolved),
    returnRate: ratio(c.returned, c.total),
    reopenRate: ratio(c.reopened, c.total),
    avgRespondHours: c.responded > 0 ? c.respond_work_ms / c.responded / HOUR_MS : null,
    avgResolveDays: c.resolved > 0 ? c.resolve_work_ms / c.resolved / officeMsPerDay : null,
  };
}

export function emptyCounts(): Contribution {
  return {
    total: 0,
    responded: 0,
    responded_on_time: 0,
    resolved: 0,
    resolved_on_time: 0,
    rated: 0,
    satisfied: 0,
    basically_satisfied: 0,
    unsatisfied: 0,
    returned: 0,
    reopened: 0,
    respond_work_ms: 0,
    resolve_work_ms: 0,
  };
}

export function addCounts(a: Contribution, b: Contribution): Contribution {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof Contribution)[]) out[k] += b[k];
  return out;
}

const dayMs = 86_400_000;
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / dayMs);
const lastDayOfMonth = (month: string) => addDays(`${nextMonth(month)}-01`, -1);
function nextMonth(month: string, n = 1): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * The period to compare with: a month-to-date period (from the 1st, within one month) compares with
 * the same days of the month before (clamped to its end); any other period with the same number of
 * days just before it.
 */
export function previousPeriodOf(from: string, to: string): { from: string; to: string } {
  if (from.endsWith('-01') && from.slice(0, 7) === to.slice(0, 7)) {
    const prev = nextMonth(from.slice(0, 7), -1);
    const end = `${prev}-${to.slice(8)}`;
    const last = lastDayOfMonth(prev);
    return { from: `${prev}-01`, to: end > last || Number.isNaN(Date.parse(end)) ? last : end };
  }
  const n = daysBetween(from, to) + 1;
  return { from: addDays(from, -n), to: addDays(from, -1) };
}

/** Days (or months) from `from` to `to` inclusive: the axis of a trend, without gaps. */
function axisOf(groupBy: 'day' | 'month', from: string, to: string): string[] {
  const out: string[] = [];
  if (groupBy === 'day') for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  else for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = nextMonth(m)) out.push(m);
  return out;
}

export function createRequestMetrics(deps: { db: Db; now?: () => Date; officeMsPerDay?: () => number }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  // A getter: an administrator may change the office hours while the server runs.
  const officeMsPerDay = deps.officeMsPerDay ?? (() => 7.5 * HOUR_MS);
  const figures = (c: Contribution) => figuresOf(c, officeMsPerDay());
  const total = (rows: readonly Contribution[]) => rows.reduce(addCounts, emptyCounts());

  /** The node asked for (it must lie in the caller's jurisdiction), or the top of that jurisdiction. */
  async function nodeFor(caller: Caller, nodeId: number | undefined) {
    const scope = caller.scope('request.read');
    const node =
      nodeId !== undefined
        ? await repo.findNode(db, nodeId)
        : scope.paths[0] === '/'
          ? await repo.firstRoot(db)
          : scope.paths[0]
            ? await repo.findNodeByPath(db, scope.paths[0])
            : undefined;
    if (!node || !inScope(scope, node.path)) {
      if (nodeId === undefined)
        throw new DomainError('VALIDATION_FAILED', [{ path: 'query.nodeId', message: '请选择要统计的辖区节点' }]);
      throw notFound();
    }
    const ancestorIds = node.path.split('/').filter(Boolean).map(Number);
    const ancestors = await repo.nodesByIds(db, ancestorIds);
    const trail = ancestorIds
      .map((id) => ancestors.find((a) => a.id === id))
      .filter((a): a is repo.NodeRow => !!a && inScope(scope, a.path))
      .map((a) => ({ id: a.id, name: a.name, level: a.level }));
    return { node, trail };
  }

  async function groupsOf(
    node: repo.NodeRow,
    groupBy: FiguresAnswer['groupBy'],
    rows: repo.CountsRow[],
    period: { from: string; to: string },
  ): Promise<FigureGroup[]> {
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const group = (key: string, label: string, c: Contribution | undefined, extra: Partial<FigureGroup> = {}) => ({
      key,
      label,
      labelEn: null,
      nodeId: null,
      level: null,
      canDrill: false,
      ...extra,
      figures: figures(c ?? emptyCounts()),
    });
    switch (groupBy) {
      case 'child': {
        const children = (await repo.childrenOf(db, node.id)).filter((c) => !c.retired || byKey.has(String(c.id)));
        // The rollup's unit is the grid: below a grid there is nothing to split.
        if (!drillable.includes(node.level)) return [];
        const out = children.map((c) =>
          group(String(c.id), c.name, byKey.get(String(c.id)), {
            nodeId: c.id,
            level: c.level,
            canDrill: drillable.includes(c.level) || c.level === 'grid',
          }),
        );
        const self = byKey.get('');
        if (self && self.total > 0) out.push(group('self', `${node.name}（本级）`, self));
        return out;
      }
      case 'category': {
        const names = await repo.categoryNames(db);
        return rows.map((r) => {
          const name = names.get(Number(r.key));
          return group(r.key, name?.zh ?? r.key, r, { labelEn: name?.en ?? null });
        });
      }
      case 'channel':
        return rows.map((r) =>
          group(r.key, requestLabels.channel[r.key as keyof typeof requestLabels.channel]?.zh ?? r.key, r),
        );
      case 'day':
      case 'month':
        return axisOf(groupBy, period.from, period.to).map((k) => group(k, k, byKey.get(k)));
    }
  }

  return {
    /** The figures of a node for a period, grouped, with the previous period and by department. */
    async figures(
      caller: Caller,
      query: {
        nodeId?: number | undefined;
        from?: string | undefined;
        to?: string | undefined;
        groupBy: FiguresAnswer['groupBy'];
      },
    ): Promise<FiguresAnswer> {
      const { node, trail } = await nodeFor(caller, query.nodeId);
      const today = chinaDay(now());
      const to = query.to ?? (query.from && query.from > today ? query.from : today);
      const from =
        query.from ?? (to.slice(0, 7) === today.slice(0, 7) ? `${today.slice(0, 7)}-01` : `${to.slice(0, 7)}-01`);
      if (from > to)
        throw new DomainError('VALIDATION_FAILED', [{ path: 'query.to', message: '开始日期不能晚于结束日期' }]);
      const previousPeriod = previousPeriodOf(from, to);
      const base = { path: node.path, from, to };
      const [rows, previousRows, departments] = await Promise.all([
        repo.rollupFigures(db, { ...base, groupBy: query.groupBy }),
        repo.rollupFigures(db, { ...previousPeriod, path: node.path, groupBy: 'none' }),
        repo.departmentFigures(db, base),
      ]);
      return {
        node: { id: node.id, name: node.name, level: node.level },
        trail,
        period: { from, to },
        previousPeriod,
        groupBy: query.groupBy,
        totals: figures(total(rows)),
        previous: figures(total(previousRows)),
        groups: await groupsOf(node, query.groupBy, rows, { from, to }),
        byDepartment: departments.map((d) => ({ departmentId: Number(d.key), name: d.name, figures: figures(d) })),
      };
    },

    /** What recurs most this month (categories, communities, grids, buildings) and repeated complaints. */
    async hotTopics(
      caller: Caller,
      query: { nodeId?: number | undefined; month?: string | undefined },
    ): Promise<HotTopicsAnswer> {
      const { node } = await nodeFor(caller, query.nodeId);
      const month = query.month ?? chinaDay(now()).slice(0, 7);
      const months = [-3, -2, -1, 0].map((n) => nextMonth(month, n));
      const [areaRows, buildingRows, names, repeated] = await Promise.all([
        repo.areaMonthCounts(db, node.path, months),
        repo.buildingMonthCounts(db, node.path, months),
        repo.categoryNames(db),
        repo.repeatedComplaints(db, node.path, `${month}-01`, `${nextMonth(month)}-01`),
      ]);

      const series = () => months.map(() => 0);
      const trendOf = (s: number[]) => {
        const count = s[3]!;
        const before = s.slice(0, 3);
        const avg = before.reduce((a, b) => a + b, 0) / 3;
        return { count, previous: before, trend: avg > 0 ? count / avg - 1 : null };
      };
      const top = <T extends { count: number }>(xs: T[], n: number) =>
        xs
          .filter((x) => x.count > 0)
          .sort((a, b) => b.count - a.count)
          .slice(0, n);

      const byCategory = new Map<number, number[]>();
      // Every node strictly below the asked node on an area's path: its communities and grids.
      const byPlace = new Map<string, number[]>();
      for (const r of areaRows) {
        const i = months.indexOf(r.month);
        const c = byCategory.get(r.category_id) ?? series();
        c[i]! += r.n;
        byCategory.set(r.category_id, c);
        const ids = r.area_path.split('/').filter(Boolean);
        for (let k = repo.depthOf(node.path) + 2; k <= ids.length; k++) {
          const p = `/${ids.slice(0, k).join('/')}/`;
          const s = byPlace.get(p) ?? series();
          s[i]! += r.n;
          byPlace.set(p, s);
        }
      }
      for (const r of buildingRows) {
        const s = byPlace.get(r.path) ?? series();
        s[months.indexOf(r.month)]! += r.n;
        byPlace.set(r.path, s);
      }
      const placeNodes = await repo.nodesByIds(
        db,
        [...byPlace.keys()].map((p) => Number(p.split('/').filter(Boolean).at(-1))),
      );
      const addresses = await addressesFor(db, [...placeNodes.map((n) => n.path), ...repeated.map((r) => r.node_path)]);
      const places = placeNodes.map((n) => ({
        nodeId: n.id,
        name: n.name,
        level: n.level,
        // Addresses leave out grids (a grid is not part of a postal address); name it here.
        address: [addresses.get(n.path), n.name]
          .filter((x, i, all) => x && (i === 0 || !all[0]?.includes(x)))
          .join(' '),
        ...trendOf(byPlace.get(n.path) ?? series()),
      }));
      return {
        node: { id: node.id, name: node.name, level: node.level },
        month,
        months,
        categories: top(
          [...byCategory].map(([id, s]) => ({
            categoryId: id,
            name: names.get(id)?.zh ?? String(id),
            nameEn: names.get(id)?.en ?? null,
            ...trendOf(s),
          })),
          10,
        ),
        places: ['community', 'grid', 'building'].flatMap((level) =>
          top(
            places.filter((p) => p.level === level),
            5,
          ),
        ),
        repeatedComplaints: repeated.map((r) => ({
          phoneMasked: r.phone_masked ?? '—',
          categoryId: r.category_id,
          categoryName: names.get(r.category_id)?.zh ?? String(r.category_id),
          categoryNameEn: names.get(r.category_id)?.en ?? null,
          address: addresses.get(r.node_path) ?? '',
          count: r.requests.length,
          firstAt: new Date(r.requests[0]!.at).toISOString(),
          lastAt: new Date(r.requests.at(-1)!.at).toISOString(),
          requests: r.requests.map((x) => ({ id: x.id, code: x.code, state: x.state })),
        })),
      };
    },
  };
}
