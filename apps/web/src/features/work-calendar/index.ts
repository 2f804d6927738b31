/** Working-time settings in the console: office hours and the official holiday calendar. */
export { WorkCalendarView } from './work-calendar-view.tsx';
export { useWorkCalendar } from './work-calendar-queries.ts';
