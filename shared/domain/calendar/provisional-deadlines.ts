/**
 * Which of a case's stored deadlines wait for a year's holiday arrangement. A deadline counted
 * across a year without an arrangement is `provisional` (see `working-days.ts`); once that year's
 * data arrives, the case must be evaluated again so the deadline moves to its real date.
 */
import type { WorkingDayCalendar } from './working-day-calendar.ts';

/** A provisional deadline found in a case's stored deadlines. */
export interface ProvisionalDeadline {
  /** Where it sits in the deadlines object, e.g. `promised` or `stages.hearing`. */
  readonly name: string;
  /** Its (provisional) last day. */
  readonly date: string;
}

/** Stored deadlines are family-specific JSON; a deadline is any object with `date` and `provisional`. */
const maxDepth = 4;

function collect(value: unknown, name: string, depth: number, found: ProvisionalDeadline[]): void {
  if (depth > maxDepth || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((entry, index) => collect(entry, `${name}[${index}]`, depth + 1, found));
    return;
  }
  const record = value as Record<string, unknown>;
  if (record['provisional'] === true && typeof record['date'] === 'string' && /^\d{4}-/.test(record['date'])) {
    found.push({ name, date: record['date'] });
    return;
  }
  for (const [key, entry] of Object.entries(record)) collect(entry, name === '' ? key : `${name}.${key}`, depth + 1, found);
}

/** Every deadline marked `provisional: true` in a case's stored deadlines. */
export function provisionalDeadlines(deadlines: Readonly<Record<string, unknown>>): ProvisionalDeadline[] {
  const found: ProvisionalDeadline[] = [];
  collect(deadlines, '', 0, found);
  return found;
}

const yearOf = (date: string): number => Number(date.slice(0, 4));

/**
 * True when loading `year`'s arrangement may move one of these deadlines: some provisional
 * deadline ends in `year` or later. The period's start is not stored with the deadline, so this
 * errs towards re-evaluating (harmless: evaluation is idempotent), never towards missing one.
 */
export function awaitsArrangementOf(deadlines: Readonly<Record<string, unknown>>, year: number): boolean {
  return provisionalDeadlines(deadlines).some((deadline) => yearOf(deadline.date) >= year);
}

/**
 * The first year, from `sinceYear` (the year the case's periods started counting) to the end of
 * its provisional deadlines, that `cal` has no arrangement for: the year whose arrival must
 * trigger the case's re-evaluation. `undefined` when no deadline is waiting for any year.
 */
export function firstAwaitedYear(cal: WorkingDayCalendar, deadlines: Readonly<Record<string, unknown>>, sinceYear: number): number | undefined {
  let first: number | undefined;
  for (const deadline of provisionalDeadlines(deadlines)) {
    const last = yearOf(deadline.date);
    for (let year = Math.min(sinceYear, last); year <= last && (first === undefined || year < first); year++) {
      if (!cal.hasArrangement(year)) first = year;
    }
  }
  return first;
}
