import type { workCalendarZhCN } from './work-calendar-zh-cn.ts';

/** English text of the working-time settings. */
export const workCalendarEn: typeof workCalendarZhCN = {
  nav: 'Office hours & holidays',
  title: 'Office hours and public holidays',
  description:
    'Response and resolution time limits count office time on these hours, public holidays and make-up working days; changes apply to new limits at once.',
  missingYear:
    'The holiday schedule of {{year}} has not been entered; that year counts weekends only. Add it when the State Council publishes it.',
  addYear: 'Enter {{year}}',
  hoursTitle: 'Office hours',
  hoursHint:
    'Opening, closing and lunch on every working day (make-up days included); time limits run only in office time.',
  open: 'Open – close',
  lunch: 'Lunch break',
  lunchHint: 'Clear it for no break.',
  saveHours: 'Save office hours',
  yearsTitle: 'Years entered',
  year: 'Year',
  holidays: 'Days off',
  workdays: 'Make-up working days',
  source: 'Source',
  sourceBundled: 'Shipped',
  sourceOverride: 'Entered by an administrator',
  correct: 'Add / correct',
  calendarTitle: 'Calendar',
  legendHoliday: 'Public holiday (off)',
  legendWorkday: 'Make-up working day (on)',
  off: 'off',
  on: 'on',
  yearTitle: 'Holiday schedule {{year}}',
  yearHint:
    'Copy the State Council notice: dates as YYYY-MM-DD, a run of days as "start~end", separated by commas or new lines. Saving replaces the whole year.',
  holidaysHint: 'Every day off of every holiday, e.g. 2027-01-01~2027-01-03.',
  workdaysHint: 'Saturdays and Sundays worked in exchange.',
  sourcePlaceholder: 'e.g. State Council General Office notice on the 2027 holidays (国办发明电〔2026〕× 号)',
  sourceRequired: 'Name the notice and its number',
  saveYear: 'Save this year',
  badDate: 'Cannot read "{{part}}": write dates as 2027-01-01 and runs as 2027-01-01~2027-01-03',
};
