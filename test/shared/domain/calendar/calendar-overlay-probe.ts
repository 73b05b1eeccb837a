/**
 * Prints, as JSON, working days and deadlines of a calendar with a loaded 2027.
 * `calendar-overlay.test.ts` runs it under several TZ values: the output must not depend on the host's zone.
 */
import { overlayCalendar } from '#shared/domain/calendar/calendar-overlay.ts';
import { epochDayOf, localDateOfEpochDay } from '#shared/domain/calendar/local-date.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { addWorkingDays, workingDayDeadline } from '#shared/domain/calendar/working-days.ts';
import { anArrangementFor2027 } from './year-arrangement-mother.ts';

const calendar = overlayCalendar(stateCouncilCalendar, [anArrangementFor2027()]);
const workingDays: string[] = [];
for (let day = epochDayOf('2026-12-01'); day <= epochDayOf('2027-12-31'); day++) {
  const date = localDateOfEpochDay(day);
  if (calendar.isWorkingDay(date)) workingDays.push(date);
}
const deadlines = ['2026-12-25', '2027-01-29', '2027-09-24'].map((from) => workingDayDeadline(calendar, from, addWorkingDays(calendar, from, 20)));

console.log(JSON.stringify({ workingDays, deadlines }));
