/**
 * Office hours of a working day, in Shanghai time: opening, closing and breaks (lunch). The same hours
 * apply to every working day, make-up Saturdays and Sundays included.
 */
import { z } from 'zod';
import { MINUTE_MS } from './shanghai-time.ts';

const clock = z
  .string({ error: '时间应写成 "HH:MM"' })
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间应写成 24 小时制 "HH:MM"，如 "08:30"');

/** A break inside office hours, e.g. lunch { start: '12:00', end: '13:30' }. */
export const OfficeBreak = z.strictObject({ start: clock, end: clock });
export type OfficeBreak = z.infer<typeof OfficeBreak>;

/** Opening and closing time of a working day, with optional breaks. */
export const OfficeHours = z
  .strictObject({ start: clock, end: clock, breaks: z.array(OfficeBreak).optional() })
  .superRefine((h, ctx) => {
    const open = minutesOf(h.start);
    const close = minutesOf(h.end);
    if (close <= open) {
      ctx.addIssue({ code: 'custom', message: `下班时间 ${h.end} 应晚于上班时间 ${h.start}`, path: ['end'] });
      return;
    }
    const breaks = [...(h.breaks ?? [])].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    let previousEnd = open;
    for (const b of breaks) {
      const s = minutesOf(b.start);
      const e = minutesOf(b.end);
      const label = `休息时间 ${b.start}–${b.end}`;
      if (e <= s) ctx.addIssue({ code: 'custom', message: `${label}：结束应晚于开始`, path: ['breaks'] });
      else if (s <= open || e >= close) {
        ctx.addIssue({ code: 'custom', message: `${label} 应在 ${h.start}–${h.end} 之内`, path: ['breaks'] });
      } else if (s < previousEnd) {
        ctx.addIssue({ code: 'custom', message: `${label} 与其他休息时间重叠`, path: ['breaks'] });
      }
      previousEnd = Math.max(previousEnd, e);
    }
  });
export type OfficeHours = z.infer<typeof OfficeHours>;

/**
 * Default office hours: 08:30–12:00 and 13:30–17:30, 7.5 hours a day — the common schedule of street
 * offices and community service stations; deployments whose offices keep other hours configure theirs.
 */
export const defaultOfficeHours: OfficeHours = {
  start: '08:30',
  end: '17:30',
  breaks: [{ start: '12:00', end: '13:30' }],
};

/** Office hours as sorted periods of milliseconds since midnight, with running totals. */
export interface OfficePeriods {
  /** Start of each period, ms since midnight. */
  starts: readonly number[];
  /** End of each period (exclusive), ms since midnight. */
  ends: readonly number[];
  /** Office time before each period starts, ms. */
  before: readonly number[];
  /** Office time of a whole working day, ms. */
  dayMs: number;
}

/** Validates office hours and turns them into periods. Throws with Chinese messages when invalid. */
export function compileOfficeHours(input: OfficeHours): OfficePeriods {
  const parsed = OfficeHours.safeParse(input);
  if (!parsed.success) {
    throw new RangeError(`办公时间设置有误：${parsed.error.issues.map((i) => i.message).join('；')}`);
  }
  const h = parsed.data;
  const cuts = [...(h.breaks ?? [])]
    .map((b) => [minutesOf(b.start), minutesOf(b.end)] as const)
    .sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  const before: number[] = [];
  let from = minutesOf(h.start);
  let total = 0;
  for (const [s, e] of [...cuts, [minutesOf(h.end), minutesOf(h.end)] as const]) {
    starts.push(from * MINUTE_MS);
    ends.push(s * MINUTE_MS);
    before.push(total);
    total += (s - from) * MINUTE_MS;
    from = e;
  }
  return { starts, ends, before, dayMs: total };
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
