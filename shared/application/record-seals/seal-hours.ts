/**
 * Which hours a verification checks. A scheduled run (hourly, a few minutes past the hour) checks
 * the hour that just ended — every record sealed since the run before — and a rolling share of
 * the older hours: those of the last {@link sealRecheck}`.horizonHours` whose number is congruent
 * to the run's modulo `cycleHours`. So every stored hour is checked again every `cycleHours`
 * hours (16⅔ days) while it is younger than the horizon (400 days), and one run reads at most
 * `horizonHours / cycleHours + 1` (25) hours of records: its cost follows the records written in
 * those hours, not everything stored. Older hours, or any range at once: the operators' command.
 */
import { isSealHour } from './record-seal.ts';

const hourMs = 3_600_000;

/** The rolling re-check of older hours. */
export const sealRecheck = { horizonHours: 400 * 24, cycleHours: 400 } as const;

/** Most hours an operator's request covers (one invocation); the command asks hour range after hour range. */
export const maxHoursPerRequest = 48;

const hourNumber = (hour: string): number => Date.parse(`${hour}:00:00Z`) / hourMs;
const hourText = (hourNumberValue: number): string => new Date(hourNumberValue * hourMs).toISOString().slice(0, 13);

/** The hours a scheduled run at `at` checks: the hour before, then the rolling share of older ones, newest first. */
export function scheduledSealHours(at: Date, recheck: { readonly horizonHours: number; readonly cycleHours: number } = sealRecheck): string[] {
  const current = Math.floor(at.getTime() / hourMs);
  const hours = [current - 1];
  const oldest = current - 1 - recheck.horizonHours;
  // The newest hour ≤ current - 2 congruent to `current` modulo the cycle.
  const cycle = recheck.cycleHours;
  const newest = current - 2 - ((((current - 2 - current) % cycle) + cycle) % cycle);
  for (let hour = newest; hour >= oldest; hour -= cycle) hours.push(hour);
  return hours.map(hourText);
}

/** Every hour from `from` to `to`, both included (`YYYY-MM-DDTHH`, UTC). */
export function sealHoursBetween(from: string, to: string): string[] {
  if (!isSealHour(from) || !isSealHour(to)) throw new RangeError('hours are written YYYY-MM-DDTHH');
  const hours: string[] = [];
  for (let hour = hourNumber(from); hour <= hourNumber(to); hour += 1) hours.push(hourText(hour));
  return hours;
}
