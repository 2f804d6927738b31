/**
 * The installation's working time: office hours and an administrator's additions to the bundled
 * official calendar, stored in one row and applied to every new time limit at once.
 */
import type { WorkCalendar } from '@linli/contracts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { auditBy, type Caller } from '../../platform/auth/caller.ts';
import type { Db } from '../../platform/db/db.ts';
import { DomainError } from '../../platform/http/errors.ts';
import {
  bundledCalendar,
  calendarYears,
  createWorkTime,
  defaultOfficeHours,
  mergeCalendarData,
  validateCalendarData,
  type CalendarData,
  type OfficeHours,
  type WorkTime,
} from '../../platform/worktime/index.ts';
import type { WorkClock } from './request.ts';

interface Setting {
  officeHours: OfficeHours;
  override: CalendarData;
  version: number;
  updatedAt: Date | null;
}

export type WorkCalendarService = Awaited<ReturnType<typeof createWorkCalendarService>>;

/** Loads the setting and answers a clock that always uses the latest one. */
export async function createWorkCalendarService(deps: { db: Db }) {
  const { db } = deps;

  async function read(): Promise<Setting> {
    const { rows } = await db.query<{
      office_hours: OfficeHours;
      calendar: CalendarData;
      version: number;
      updated_at: Date;
    }>(`SELECT office_hours, calendar, version, updated_at FROM work_calendar_setting WHERE id = 1`);
    const r = rows[0];
    if (!r) return { officeHours: defaultOfficeHours, override: {}, version: 0, updatedAt: null };
    return { officeHours: r.office_hours, override: r.calendar, version: r.version, updatedAt: r.updated_at };
  }

  function build(s: Setting): WorkTime {
    return createWorkTime({ data: mergeCalendarData(bundledCalendar, s.override), officeHours: s.officeHours });
  }

  let setting = await read();
  let current = build(setting);

  const clock: WorkClock = {
    addWorkingHours: (from, hours) => current.addWorkingHours(from, hours),
    addWorkingDays: (from, days) => current.addWorkingDays(from, days),
    workingMsBetween: (a, b) => current.workingMsBetween(a, b),
  };

  function answer(): WorkCalendar {
    const data = mergeCalendarData(bundledCalendar, setting.override);
    const days = Object.values(data)
      .flatMap((y) => [
        ...y.holidays.map((date) => ({ date, kind: 'holiday' as const })),
        ...y.workdays.map((date) => ({ date, kind: 'workday' as const })),
      ])
      .sort((a, b) => a.date.localeCompare(b.date));
    return {
      officeHours: setting.officeHours,
      override: setting.override,
      coveredYears: [...current.coveredYears],
      bundledYears: calendarYears(bundledCalendar),
      days,
      version: setting.version,
      updatedAt: setting.updatedAt?.toISOString() ?? null,
    };
  }

  return {
    clock,
    /** Office time of one working day with the current hours, ms. */
    officeMsPerDay: () => current.officeMsPerDay,
    get: async (): Promise<WorkCalendar> => answer(),

    async update(
      caller: Caller,
      body: { version: number; officeHours: OfficeHours; override: CalendarData },
    ): Promise<WorkCalendar> {
      const checked = validateCalendarData(body.override);
      if (!checked.ok)
        throw new DomainError(
          'VALIDATION_FAILED',
          checked.errors.map((message) => ({ path: 'body.override', message })),
        );
      let next: WorkTime;
      const candidate: Setting = { officeHours: body.officeHours, override: checked.data, version: 0, updatedAt: null };
      try {
        next = build(candidate);
      } catch (e) {
        throw new DomainError('VALIDATION_FAILED', [
          { path: 'body.officeHours', message: e instanceof Error ? e.message : String(e) },
        ]);
      }
      const saved = await db.tx(async (q) => {
        const { rows } = await q.query<{ version: number }>(
          `SELECT version FROM work_calendar_setting WHERE id = 1 FOR UPDATE`,
        );
        if ((rows[0]?.version ?? 0) !== body.version) throw new DomainError('CONFLICT');
        const { rows: out } = await q.query<{ version: number; updated_at: Date }>(
          `INSERT INTO work_calendar_setting (id, office_hours, calendar, updated_by) VALUES (1, $1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET office_hours = EXCLUDED.office_hours, calendar = EXCLUDED.calendar,
             updated_by = EXCLUDED.updated_by, version = work_calendar_setting.version + 1, updated_at = now()
           RETURNING version, updated_at`,
          [
            JSON.stringify(body.officeHours),
            JSON.stringify(checked.data),
            caller.actor.kind === 'user' ? caller.actor.userId : null,
          ],
        );
        await appendAudit(q, {
          ...auditBy(caller),
          action: 'requests.work_calendar.update',
          entityType: 'work_calendar_setting',
          entityId: 1,
          summary: {
            before: { officeHours: setting.officeHours, years: Object.keys(setting.override) },
            after: { officeHours: body.officeHours, years: Object.keys(checked.data) },
          },
        });
        return out[0]!;
      });
      setting = { ...candidate, version: saved.version, updatedAt: saved.updated_at };
      current = next;
      return answer();
    },
  };
}
