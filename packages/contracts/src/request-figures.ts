/**
 * The figures of requests (响应率、解决率、满意率 …) for a node and period, grouped by child node,
 * category, channel, day or month, and the hot topics of a month. docs/modules/requests.md defines
 * each figure: numerator, denominator and time window.
 */
import { z } from 'zod';

export const figureGroupBys = ['child', 'category', 'channel', 'day', 'month'] as const;
export type FigureGroupBy = (typeof figureGroupBys)[number];

const day = z.iso.date('日期应写成 YYYY-MM-DD');

export const FiguresQuery = z
  .strictObject({
    /** The node to count (default: the top of the caller's jurisdiction). */
    nodeId: z.coerce.number().int().positive().optional(),
    /** First and last submission day (China time), inclusive; default: this month up to today. */
    from: day.optional(),
    to: day.optional(),
    groupBy: z.enum(figureGroupBys, '分组方式应为 child、category、channel、day 或 month').default('child'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86_400_000, {
    message: '统计期间最长三年',
    path: ['to'],
  });
export type FiguresQuery = z.infer<typeof FiguresQuery>;

/** The counters summed over the requests of the cohort (requests submitted in the period). */
export const FigureCounts = z.object({
  total: z.number().int(),
  responded: z.number().int(),
  respondedOnTime: z.number().int(),
  resolved: z.number().int(),
  resolvedOnTime: z.number().int(),
  rated: z.number().int(),
  satisfied: z.number().int(),
  basicallySatisfied: z.number().int(),
  unsatisfied: z.number().int(),
  returned: z.number().int(),
  reopened: z.number().int(),
  respondWorkMs: z.number(),
  resolveWorkMs: z.number(),
});
export type FigureCounts = z.infer<typeof FigureCounts>;

const rate = z.number().nullable();

/** The rates (0–1, null when the denominator is 0) and averages of one set of counters. */
export const Figures = z.object({
  counts: FigureCounts,
  responseRate: rate,
  resolutionRate: rate,
  satisfactionRate: rate,
  onTimeResponseRate: rate,
  onTimeResolutionRate: rate,
  returnRate: rate,
  reopenRate: rate,
  /** Average working hours from submission to the first sign-for, over responded requests. */
  avgRespondHours: rate,
  /** Average working days from submission to the first resolution, over resolved requests. */
  avgResolveDays: rate,
});
export type Figures = z.infer<typeof Figures>;

export const FigureGroup = z.object({
  /** A node id, category id, channel, day (YYYY-MM-DD) or month (YYYY-MM); 'self' for the node itself. */
  key: z.string(),
  label: z.string(),
  /** The English label where there is one (categories); channels, days and months are labelled by the screen. */
  labelEn: z.string().nullable(),
  /** For child groups: the node, its level and whether it can be drilled into. */
  nodeId: z.number().int().nullable(),
  level: z.string().nullable(),
  canDrill: z.boolean(),
  figures: Figures,
});
export type FigureGroup = z.infer<typeof FigureGroup>;

export const FigureNode = z.object({ id: z.number().int(), name: z.string(), level: z.string() });

export const FiguresAnswer = z.object({
  node: FigureNode,
  /** The node's ancestors inside the caller's jurisdiction, top first (the breadcrumb). */
  trail: z.array(FigureNode),
  period: z.object({ from: z.string(), to: z.string() }),
  previousPeriod: z.object({ from: z.string(), to: z.string() }),
  groupBy: z.enum(figureGroupBys),
  totals: Figures,
  previous: Figures,
  groups: z.array(FigureGroup),
  /** By the department currently handling the request (read from the requests themselves). */
  byDepartment: z.array(z.object({ departmentId: z.number().int(), name: z.string(), figures: Figures })),
});
export type FiguresAnswer = z.infer<typeof FiguresAnswer>;

export const HotTopicsQuery = z.strictObject({
  nodeId: z.coerce.number().int().positive().optional(),
  /** YYYY-MM; default: this month. */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应写成 YYYY-MM')
    .optional(),
});

const trendFields = {
  count: z.number().int(),
  /** Counts of the three months before, oldest first. */
  previous: z.array(z.number().int()),
  /** count ÷ the average of the previous three months − 1; null when they had none. */
  trend: z.number().nullable(),
};

export const HotTopicsAnswer = z.object({
  node: FigureNode,
  month: z.string(),
  months: z.array(z.string()),
  categories: z.array(
    z.object({ categoryId: z.number().int(), name: z.string(), nameEn: z.string().nullable(), ...trendFields }),
  ),
  places: z.array(
    z.object({
      nodeId: z.number().int(),
      name: z.string(),
      level: z.string(),
      address: z.string(),
      ...trendFields,
    }),
  ),
  /** The same caller about the same matter (category and place) 3 or more times within 60 days. */
  repeatedComplaints: z.array(
    z.object({
      phoneMasked: z.string(),
      categoryId: z.number().int(),
      categoryName: z.string(),
      categoryNameEn: z.string().nullable(),
      address: z.string(),
      count: z.number().int(),
      firstAt: z.string(),
      lastAt: z.string(),
      requests: z.array(z.object({ id: z.number().int(), code: z.string(), state: z.string() })),
    }),
  ),
});
export type HotTopicsAnswer = z.infer<typeof HotTopicsAnswer>;
