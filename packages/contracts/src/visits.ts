/** Home visits (走访) to residents in care groups, and what is due when. */
import { z } from 'zod';

export const visitKinds = ['home', 'phone', 'neighbour'] as const;
export const wellbeings = ['good', 'attention', 'urgent'] as const;
export const dueStates = ['overdue', 'due_soon', 'ok'] as const;

export const visitLabels = {
  kind: {
    home: { zh: '入户走访', en: 'Home visit' },
    phone: { zh: '电话问候', en: 'Phone call' },
    neighbour: { zh: '邻里探访', en: 'Neighbour check' },
  },
  wellbeing: {
    good: { zh: '良好', en: 'Well' },
    attention: { zh: '需关注', en: 'Needs attention' },
    urgent: { zh: '紧急', en: 'Urgent' },
  },
  dueState: {
    overdue: { zh: '已逾期', en: 'Overdue' },
    due_soon: { zh: '即将到期', en: 'Due soon' },
    ok: { zh: '按时', en: 'On time' },
  },
} as const;

export const RecordVisitBody = z.strictObject({
  kind: z.enum(visitKinds, '请选择走访方式'),
  visitedOn: z.iso.date('日期格式应为 YYYY-MM-DD'),
  wellbeing: z.enum(wellbeings, '请选择情况'),
  finding: z.string().trim().max(1000, '最多 1000 个字').optional(),
  needsFollowUp: z.boolean().default(false),
  followUpNote: z.string().trim().max(500, '最多 500 个字').optional(),
});

export const Visit = z.object({
  id: z.number().int(),
  residentId: z.number().int(),
  kind: z.enum(visitKinds),
  visitedOn: z.string(),
  wellbeing: z.enum(wellbeings),
  finding: z.string().nullable(),
  needsFollowUp: z.boolean(),
  followUpNote: z.string().nullable(),
  visitedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Visit = z.infer<typeof Visit>;

export const DueVisit = z.object({
  residentId: z.number().int(),
  name: z.string(),
  age: z.number().int().nullable(),
  address: z.string(),
  phoneMasked: z.string().nullable(),
  tags: z.array(z.string()),
  kind: z.enum(visitKinds),
  everyDays: z.number().int(),
  lastVisitedOn: z.string().nullable(),
  dueOn: z.string(),
  state: z.enum(dueStates),
});
export type DueVisit = z.infer<typeof DueVisit>;

export const DueVisitsQuery = z.strictObject({
  nodeId: z.coerce.number().int().positive().optional(),
  /** Include visits due within this many days (overdue ones always). */
  withinDays: z.coerce.number().int().min(0).max(90).default(7),
  kind: z.enum(visitKinds).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const CoverageRow = z.object({
  nodeId: z.number().int(),
  name: z.string(),
  level: z.string(),
  /** Residents in care groups with at least one visit rule. */
  residents: z.number().int(),
  /** Of them, those with no overdue visit. */
  covered: z.number().int(),
  overdue: z.number().int(),
  /** covered / residents, 0–1; null when there is nobody to visit. */
  rate: z.number().nullable(),
});
export const CoverageQuery = z.strictObject({ nodeId: z.coerce.number().int().positive().optional() });
