/** HTTP adapter of the working-time settings. */
import { callerOf } from '../../platform/http/caller-of.ts';
import type { RouteHandlers } from '../../platform/http/routing.ts';
import type { WorkCalendarService } from './work-calendar.service.ts';

export function workCalendarHandlers(
  svc: WorkCalendarService,
): Pick<RouteHandlers, 'getWorkCalendar' | 'updateWorkCalendar'> {
  return {
    getWorkCalendar: async () => svc.get(),
    updateWorkCalendar: async ({ body }, ctx) => svc.update(callerOf(ctx), body),
  };
}
