/**
 * A memo of a pure function of the epoch day, for the texts every evaluation builds again and
 * again (a deadline's date, its last instant, the start of the day of the next check): building
 * `YYYY-MM-DD` costs more than a whole rule, and the days of real cases cluster in a few years.
 */

/** First and last (exclusive) epoch days memoised: 1990-01-01 to 2109-12-31, about 44,000 days. */
const firstMemoDay = 7305;
const endMemoDay = 51_134;

/**
 * `compute`, memoised for days in the window; days outside it are computed every time, so the
 * memo never holds more than one value per day of the window, whatever the input.
 */
export function memoByEpochDay<T>(compute: (epochDay: number) => T): (epochDay: number) => T {
  const values: (T | undefined)[] = new Array(endMemoDay - firstMemoDay);
  return (epochDay) => {
    const offset = epochDay - firstMemoDay;
    // `>>> 0` keeps only a whole offset in the window: a fractional, negative or non-finite day is computed as before.
    if (offset >>> 0 !== offset || offset >= values.length) return compute(epochDay);
    let value = values[offset];
    if (value === undefined) {
      value = compute(epochDay);
      values[offset] = value;
    }
    return value;
  };
}
