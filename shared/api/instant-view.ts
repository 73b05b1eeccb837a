/**
 * Instants as responses carry them: in Shanghai time with the offset written out
 * (`2026-11-03T23:59:59.999+08:00`), beside summaries that speak of Shanghai dates. Stored items
 * and events keep what they store; a view renders its instants when it parses its answer, so a
 * response built through its view cannot carry a `Z` instant and the document says the format.
 */
import * as z from 'zod';
import { inShanghaiOffset } from '../domain/calendar/local-date.ts';

const shanghaiInstantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/;

export const instantFormatDescription =
  '上海时间的时刻，带偏移 +08:00，精确到毫秒，如 2026-11-03T23:59:59.999+08:00 / an instant in Shanghai time with its offset +08:00, to the millisecond, e.g. 2026-11-03T23:59:59.999+08:00';

/** Renders a stored instant (any offset) in Shanghai time; what is not an instant fails the pattern. */
const render = (value: string): string => {
  try {
    return inShanghaiOffset(value);
  } catch {
    return value;
  }
};

/** An instant in a response: accepts any RFC 3339 instant, answers it with `+08:00`. */
export const InstantView = z
  .string()
  .transform(render)
  .pipe(z.string().regex(shanghaiInstantPattern, '应为带 +08:00 偏移的时刻 / an instant written with +08:00'))
  .meta({ description: instantFormatDescription, examples: ['2026-11-03T23:59:59.999+08:00'] });
