/** Working-time settings: office hours and additions to the official holiday calendar (调休). */
import { z } from 'zod';

const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间应写成 24 小时制 "HH:MM"，如 "08:30"');

/** The shape only; the server checks the meaning (closing after opening, breaks inside) and says what is wrong. */
export const OfficeHoursInput = z.strictObject({
  start: hhmm,
  end: hhmm,
  breaks: z
    .array(z.strictObject({ start: hhmm, end: hhmm }))
    .max(4)
    .optional(),
});

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成 YYYY-MM-DD');
export const CalendarYearInput = z.strictObject({
  holidays: z.array(day).max(60),
  workdays: z.array(day).max(20),
  source: z.string().trim().min(1, '请写明国务院办公厅通知的标题和文号').max(200),
});

export const WorkCalendar = z.object({
  officeHours: OfficeHoursInput,
  /** Years added or corrected by an administrator, replacing the bundled year whole. */
  override: z.record(z.string(), CalendarYearInput),
  /** Years whose official schedule is known (bundled or added). Later years count weekends only. */
  coveredYears: z.array(z.number().int()),
  bundledYears: z.array(z.number().int()),
  /** Holidays and make-up working days of the covered years, for the calendar view. */
  days: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']) })),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type WorkCalendar = z.infer<typeof WorkCalendar>;

export const UpdateWorkCalendarBody = z.strictObject({
  version: z.number().int().min(0),
  officeHours: OfficeHoursInput,
  override: z.record(z.string().regex(/^\d{4}$/, '年份应为 4 位数字'), CalendarYearInput),
});
