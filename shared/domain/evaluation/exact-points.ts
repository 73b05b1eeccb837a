/**
 * Points are counted exactly, in hundredths of a point held as integers (`bigint`), so a published
 * score never carries binary floating-point drift (0.1 + 0.2). A share is a fraction of integers
 * until it is rounded; rounding is half-up to the hundredth (x.xx5 → x.xx + 0.01), applied only
 * where the scoring says so.
 */

/** An exact number of hundredths of a point. */
export type Hundredths = bigint;

/**
 * A model's figure (at most two decimals, checked by its schema) in hundredths. `Math.round`
 * removes the binary representation error of e.g. 0.29 × 100 = 28.999999999999996.
 */
export const hundredthsOf = (points: number): Hundredths => BigInt(Math.round(points * 100));

/** Hundredths as the number published (87.5 for 8750n): the shortest decimal of a double with two decimals is exact. */
export const pointsOf = (hundredths: Hundredths): number => Number(hundredths) / 100;

/** The fraction `numerator / denominator` (both ≥ 0, denominator > 0) rounded half-up to an integer. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

/** `numerator / denominator` hundredths, capped at `cap`, then rounded half-up (the cap is itself a whole hundredth). */
export function cappedHundredths(numerator: bigint, denominator: bigint, cap: Hundredths): Hundredths {
  return numerator >= cap * denominator ? cap : roundHalfUp(numerator, denominator);
}

/** Whether a figure has at most two decimals (tolerating the binary error of its own representation). */
export const hasAtMostTwoDecimals = (value: number): boolean => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
