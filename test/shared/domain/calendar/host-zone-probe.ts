/**
 * Prints, as JSON, a battery of calendar and licensing-rule results. `host-zone.test.ts` runs it
 * under several TZ values: the output must not depend on the host's time zone.
 */
import { endOfShanghaiDay, localDateOfEpochDay, epochDayOf, shanghaiDate, startOfShanghaiDay } from '#shared/domain/calendar/local-date.ts';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { addWorkingDays, workingDaysAfter } from '#shared/domain/calendar/working-days.ts';
import { foldLicensingCase } from '#shared/domain/licensing/licensing-case.ts';
import { evaluateLicensingCase } from '#shared/domain/licensing/licensing-rules.ts';
import { aCatalogueMatter, aLicensingCase } from '../licensing/licensing-event-mother.ts';

const workingDays: string[] = [];
for (let day = epochDayOf('2024-01-01'); day <= epochDayOf('2027-12-31'); day++) {
  const date = localDateOfEpochDay(day);
  if (cal.isWorkingDay(date)) workingDays.push(date);
}

const instants = ['2026-03-02T23:30:00+08:00', '2026-03-02T15:30:00Z', '2025-12-31T16:00:00Z', '2025-10-01T00:00:00-05:00'];
const state = foldLicensingCase(aLicensingCase().received().accepted('2025-09-23T10:00:00+08:00').build());

console.log(
  JSON.stringify({
    dates: instants.map((instant) => shanghaiDate(instant)),
    dayBounds: ['2025-10-01', '2026-01-01'].map((date) => [startOfShanghaiDay(date).toISOString(), endOfShanghaiDay(date).toISOString()]),
    workingDays,
    added: ['2025-09-22', '2025-09-30', '2025-12-31', '2026-02-13'].map((from) => addWorkingDays(cal, from, 10)),
    counted: workingDaysAfter(cal, '2025-09-01', '2026-03-01'),
    evaluation: evaluateLicensingCase(state, aCatalogueMatter(), new Date('2025-10-09T12:00:00+08:00'), cal),
  }),
);
