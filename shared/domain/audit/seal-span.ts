/**
 * The spans of time the sealer chains, one digest each. A span runs from the end of the previous
 * one to the run's cut-off, never across a UTC midnight (entries are stored per UTC day), so the
 * digests of a day tile it from 00:00 to the last cut-off. The cut-off trails the clock by a grace
 * period: an entry is sealed only once no writer can still be appending one with an instant
 * before it.
 */
import { auditDayOf } from './audit-entry.ts';

/** A span of writers' instants, `[start, end)`, ISO instants with milliseconds. */
export interface SealSpan {
  readonly start: string;
  readonly end: string;
}

const dayMs = 86_400_000;

/** `2026-12-04` → `2026-12-04T00:00:00.000Z`. */
export const startOfDay = (day: string): string => `${day}T00:00:00.000Z`;

/** The next UTC midnight after `instant` (its day's end). */
export const endOfDayOf = (instant: string): string => new Date(Date.parse(startOfDay(auditDayOf(instant))) + dayMs).toISOString();

/** The day after `day`, or before it with `step = -1`. */
export const dayAfter = (day: string, step = 1): string => new Date(Date.parse(startOfDay(day)) + step * dayMs).toISOString().slice(0, 10);

/** Every day from `from` to `to`, both included. */
export function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = dayAfter(day)) days.push(day);
  return days;
}

/**
 * Up to where a run seals: the earlier of the schedule's time and the clock (a run fired for a
 * future time never seals the future), less the grace period, down to the whole second.
 */
export function sealCutoff(scheduledAt: Date, now: Date, graceSeconds: number): string {
  const latest = Math.min(scheduledAt.getTime(), now.getTime()) - graceSeconds * 1000;
  return new Date(Math.floor(latest / 1000) * 1000).toISOString();
}

/**
 * The spans from `from` up to `cutoff`, cut at each midnight, at most `max` of them (a run after
 * a long outage catches up over the next runs). Empty when `cutoff` is not after `from`.
 */
export function spansToSeal(from: string, cutoff: string, max: number): SealSpan[] {
  const spans: SealSpan[] = [];
  let start = from;
  while (start < cutoff && spans.length < max) {
    const midnight = endOfDayOf(start);
    const end = midnight < cutoff ? midnight : cutoff;
    spans.push({ start, end });
    start = end;
  }
  return spans;
}

/** Whether an entry key (or instant) lies inside a span. Keys start with their instant, so string order is time order. */
export const spanHolds = (span: SealSpan, key: string): boolean => key >= span.start && key < span.end;

/**
 * The object key of the digest of the span starting at `start`:
 * `digests/<YYYY-MM-DD>/<HHMMSS.mmm>Z.json`. One key per start, so two runs extending the same
 * chain head write the same key and only one of them can.
 */
export function digestObjectKey(start: string): string {
  const time = start.slice(11, 23).replaceAll(':', '');
  return `${digestDayPrefix(auditDayOf(start))}${time}Z.json`;
}

/** The prefix under which a day's digests lie. */
export const digestDayPrefix = (day: string): string => `digests/${day}/`;

/** The span start a digest object key names, or undefined for a key of another shape. */
export function spanStartOfObjectKey(objectKey: string): string | undefined {
  const match = /^digests\/(\d{4}-\d\d-\d\d)\/(\d\d)(\d\d)(\d\d)\.(\d{3})Z\.json$/.exec(objectKey);
  if (!match) return undefined;
  const [, day, hours, minutes, seconds, millis] = match;
  return `${day}T${hours}:${minutes}:${seconds}.${millis}Z`;
}
