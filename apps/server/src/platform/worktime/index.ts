// Working time on the official Chinese calendar (工作日, 调休): time limits of requests in office hours, Shanghai time.
export {
  CalendarData,
  CalendarYear,
  calendarYears,
  describeCalendar,
  mergeCalendarData,
  validateCalendarData,
  validateCalendarJson,
  type CalendarValidation,
} from './calendar.ts';
export { bundledCalendar } from './calendar-data.ts';
export { OfficeBreak, OfficeHours, defaultOfficeHours } from './office-hours.ts';
export { shanghaiDayOf } from './shanghai-time.ts';
export {
  createWorkTime,
  defaultDueSoonThreshold,
  type DueSoonThreshold,
  type DueState,
  type WorkTime,
  type WorkTimeOptions,
} from './working-time.ts';
