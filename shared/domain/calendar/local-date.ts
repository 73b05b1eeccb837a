/**
 * Calendar dates and instants in Asia/Shanghai, computed with fixed +08:00 arithmetic on epoch
 * milliseconds. China has observed no daylight saving time since 1991, so the offset is constant
 * for every instant this system handles, and the host's time zone never enters the computation.
 */
import { memoByEpochDay } from './epoch-day-memo.ts';

/** A calendar date in Asia/Shanghai, `YYYY-MM-DD`. */
export type LocalDate = string;

/** An instant as milliseconds since 1970-01-01T00:00:00Z (what `Date#getTime` gives). */
export type EpochMillis = number;

const millisPerDay = 86_400_000;
const shanghaiOffsetMillis = 8 * 3_600_000;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`),
 * integer arithmetic only, so no `Date` and no host zone is involved.
 */
function daysFromCivilArithmetic(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Years whose months' first days are tabled: every instant this system sees falls in them. */
const tabledFromYear = 1900;
const tabledYears = 300;

/** Epoch day of the first of each month of the tabled years, month by month. */
const monthStarts = Int32Array.from({ length: tabledYears * 12 }, (_, i) => daysFromCivilArithmetic(tabledFromYear + Math.floor(i / 12), (i % 12) + 1, 1));

/**
 * {@link daysFromCivilArithmetic} for integer `year` and `month` (1–12): a table read in the
 * tabled years (parsing an instant is otherwise mostly this arithmetic), the arithmetic outside.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const row = year - tabledFromYear;
  if (row >= 0 && row < tabledYears && month >= 1 && month <= 12) return (monthStarts[row * 12 + month - 1] as number) + day - 1;
  return daysFromCivilArithmetic(year, month, day);
}

/** Inverse of {@link daysFromCivil}: `[year, month, day]` of an epoch day. */
function civilFromDays(epochDay: number): [number, number, number] {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** The value of `count` decimal digits at `offset`, or -1 when any of them is not a digit. */
function digitsAt(text: string, offset: number, count: number): number {
  let value = 0;
  for (let i = offset; i < offset + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1; // also past the end, where charCodeAt gives NaN
    value = value * 10 + digit;
  }
  return value;
}

/** {@link digitsAt} for two digits, unrolled: most of an instant is read two digits at a time. */
function twoDigitsAt(text: string, offset: number): number {
  const tens = text.charCodeAt(offset) - 48;
  const units = text.charCodeAt(offset + 1) - 48;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Epoch day of a `YYYY-MM-DD` prefix of `text`, or NaN when it is not a real calendar date. */
function epochDayAt(text: string): number {
  const century = twoDigitsAt(text, 0);
  const yearOfCentury = twoDigitsAt(text, 2);
  const year = century < 0 || yearOfCentury < 0 ? -1 : century * 100 + yearOfCentury;
  const month = twoDigitsAt(text, 5);
  const day = twoDigitsAt(text, 8);
  if (year < 0 || month < 1 || month > 12 || day < 1 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  if (day > daysInMonth(year, month)) return Number.NaN;
  return daysFromCivil(year, month, day);
}

/**
 * The number of days from 1970-01-01 to `date` (negative before). Throws a `RangeError` for a
 * string that is not a real calendar date (`2025-02-30`).
 */
export function epochDayOf(date: LocalDate): number {
  const epochDay = date.length === 10 ? epochDayAt(date) : Number.NaN;
  if (Number.isNaN(epochDay)) throw new RangeError(`not a YYYY-MM-DD calendar date: ${JSON.stringify(date)}`);
  return epochDay;
}

function formatEpochDay(epochDay: number): LocalDate {
  const [year, month, day] = civilFromDays(epochDay);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** The `YYYY-MM-DD` date of an epoch day (see {@link epochDayOf}). */
export const localDateOfEpochDay: (epochDay: number) => LocalDate = memoByEpochDay(formatEpochDay);

/** The calendar year of an epoch day. */
export function yearOfEpochDay(epochDay: number): number {
  // Estimate, then correct by at most a year either way.
  let year = 1970 + Math.floor(epochDay / 365.2425);
  while (daysFromCivil(year, 1, 1) > epochDay) year--;
  while (daysFromCivil(year + 1, 1, 1) <= epochDay) year++;
  return year;
}

/** Day of the week of an epoch day: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

/**
 * The fields of the instant {@link scanInstant} read last, kept here so that a scan returns them
 * without allocating (an evaluation reads several instants per case).
 */
const scanned = {
  /** Epoch day of the instant's local date, as written. */
  epochDay: 0,
  /** Minutes from the start of `epochDay` in UTC: the written time less the offset (so up to a day before or after it). */
  utcMinutes: 0,
  /** Seconds and milliseconds past the minute, in milliseconds. */
  millisOfMinute: 0,
};

/** Reads an ISO 8601 date-time with an explicit offset into {@link scanned}; false when it is not one. */
function scanInstant(text: string): boolean {
  const epochDay = text.length >= 17 && (text.charCodeAt(10) | 32) === 116 /* T or t */ ? epochDayAt(text) : Number.NaN;
  const hours = twoDigitsAt(text, 11);
  const minutes = twoDigitsAt(text, 14);
  if (Number.isNaN(epochDay) || hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || text.charCodeAt(13) !== 58) return false;
  let index = 16;
  let seconds = 0;
  let millis = 0;
  if (text.charCodeAt(index) === 58 /* : */) {
    seconds = twoDigitsAt(text, index + 1);
    if (seconds < 0 || seconds > 59) return false;
    index += 3;
    if (text.charCodeAt(index) === 46 /* . */) {
      const fractionStart = ++index;
      while (index < text.length && digitsAt(text, index, 1) >= 0) index++;
      const fractionLength = index - fractionStart;
      if (fractionLength === 0) return false;
      // Milliseconds are the first three fraction digits; finer digits are truncated, as Date.parse does.
      const significant = Math.min(fractionLength, 3);
      millis = digitsAt(text, fractionStart, significant) * 10 ** (3 - significant);
    }
  }
  let offsetMinutes = 0;
  const zone = text.charCodeAt(index);
  if ((zone | 32) === 122 /* Z or z */ && index + 1 === text.length) {
    offsetMinutes = 0;
  } else if ((zone === 43 || zone === 45) && index + 6 === text.length && text.charCodeAt(index + 3) === 58) {
    const offsetHours = twoDigitsAt(text, index + 1);
    const offsetRest = twoDigitsAt(text, index + 4);
    if (offsetHours < 0 || offsetHours > 23 || offsetRest < 0 || offsetRest > 59) return false;
    offsetMinutes = (zone === 45 ? -1 : 1) * (offsetHours * 60 + offsetRest);
  } else {
    return false;
  }
  scanned.epochDay = epochDay;
  scanned.utcMinutes = hours * 60 + minutes - offsetMinutes;
  scanned.millisOfMinute = seconds * 1000 + millis;
  return true;
}

/** Epoch milliseconds of an ISO 8601 date-time with an explicit offset, or NaN. */
function parseInstant(text: string): number {
  if (!scanInstant(text)) return Number.NaN;
  return scanned.epochDay * millisPerDay + scanned.utcMinutes * 60_000 + scanned.millisOfMinute;
}

function notAnInstant(instant: Date | string): RangeError {
  return new RangeError(`not an ISO 8601 instant with offset: ${String(instant)}`);
}

/**
 * Epoch milliseconds of an instant. Strings must be ISO 8601 with an explicit offset (`Z` or
 * `±hh:mm`), as on the wire; anything else throws a `RangeError` instead of being read in the
 * host's zone.
 */
export function epochMillisOf(instant: Date | string): number {
  const millis = typeof instant === 'string' ? parseInstant(instant) : instant.getTime();
  if (Number.isNaN(millis)) throw notAnInstant(instant);
  return millis;
}

/** The Shanghai epoch day that contains an instant given in epoch milliseconds. */
export function shanghaiEpochDayOfMillis(millis: number): number {
  return Math.floor((millis + shanghaiOffsetMillis) / millisPerDay);
}

/**
 * `shanghaiEpochDayOfMillis(epochMillisOf(instant))` for an instant written as text, without the
 * division of a large number: the rules read every instant of a case as a Shanghai day.
 */
export function shanghaiEpochDayOfInstant(instant: string): number {
  if (!scanInstant(instant)) throw notAnInstant(instant);
  // Seconds never move an instant across midnight, so the day follows from the minutes alone.
  const shanghaiMinutes = scanned.utcMinutes + shanghaiOffsetMillis / 60_000;
  const dayShift = shanghaiMinutes < 0 ? -1 : shanghaiMinutes < 1440 ? 0 : shanghaiMinutes < 2880 ? 1 : 2;
  return scanned.epochDay + dayShift;
}

/** The calendar date in Asia/Shanghai at `instant` (`2026-03-02T15:30:00Z` is `2026-03-02`). */
export function shanghaiDate(instant: Date | string): LocalDate {
  return localDateOfEpochDay(shanghaiEpochDayOfMillis(epochMillisOf(instant)));
}

/** Epoch milliseconds of 00:00:00.000 Shanghai time on an epoch day. */
export function startOfShanghaiEpochDay(epochDay: number): number {
  return epochDay * millisPerDay - shanghaiOffsetMillis;
}

/** The first instant (00:00:00.000 Shanghai time) of `date`. */
export function startOfShanghaiDay(date: LocalDate): Date {
  return new Date(startOfShanghaiEpochDay(epochDayOf(date)));
}

/** The last millisecond (23:59:59.999 Shanghai time) of `date`: a deadline on `date` ends here. */
export function endOfShanghaiDay(date: LocalDate): Date {
  return new Date(startOfShanghaiEpochDay(epochDayOf(date) + 1) - 1);
}

/** The calendar day after `date`. */
export function nextLocalDate(date: LocalDate): LocalDate {
  return localDateOfEpochDay(epochDayOf(date) + 1);
}

/** The calendar day before `date`. */
export function previousLocalDate(date: LocalDate): LocalDate {
  return localDateOfEpochDay(epochDayOf(date) - 1);
}

/**
 * An instant written in Shanghai time with its offset, `2026-11-03T23:59:59.999+08:00`: the same
 * instant as `instant` (any offset), to the millisecond, as a reader in the city reads it.
 * Throws a `RangeError` when `instant` is not an instant.
 */
export function inShanghaiOffset(instant: string): string {
  const shifted = new Date(epochMillisOf(instant) + shanghaiOffsetMillis).toISOString();
  return `${shifted.slice(0, -1)}+08:00`;
}
