/**
 * Evaluation periods (效能评估周期, Art. 20): a calendar month of Asia/Shanghai, written `YYYY-MM`.
 * Months compare as strings; a quarter or a year is evaluated as its months.
 */
import * as z from 'zod';

export const EvaluationPeriod = z
  .string()
  .regex(/^20\d\d-(0[1-9]|1[0-2])$/, '应为 2000 年至 2099 年间的月份，格式 YYYY-MM，如 2027-01 / a month between 2000 and 2099 as YYYY-MM, e.g. 2027-01');
export type EvaluationPeriod = z.infer<typeof EvaluationPeriod>;

/** The dating of a model version: in force from a period, until a period (inclusive) or the next version. */
export interface EffectivePeriods {
  readonly version: number;
  readonly effectiveFrom: EvaluationPeriod;
  readonly effectiveUntil?: EvaluationPeriod;
}

/**
 * Whether two versions claim a common period. An open-ended version yields to any version starting
 * later (so it overlaps nothing after it); an explicit `effectiveUntil` promises that no other
 * version starts inside it. The same rule as a catalogue matter's dated versions.
 */
export function periodsOverlap(a: EffectivePeriods, b: EffectivePeriods): boolean {
  if (a.effectiveFrom === b.effectiveFrom) return true;
  const [first, second] = a.effectiveFrom < b.effectiveFrom ? [a, b] : [b, a];
  return first.effectiveUntil !== undefined && second.effectiveFrom <= first.effectiveUntil;
}

/** The stored versions a new one overlaps, in version order; empty when it fits. */
export function findOverlappingVersions<V extends EffectivePeriods>(stored: readonly V[], proposed: Omit<EffectivePeriods, 'version'>): V[] {
  return stored.filter((version) => periodsOverlap(version, { ...proposed, version: 0 })).sort((a, b) => a.version - b.version);
}

/**
 * The version in force for a period: the one that started last on or before it, unless its
 * `effectiveUntil` has passed (then none is: a gap). Versions may come in any order.
 */
export function versionInForce<V extends EffectivePeriods>(versions: readonly V[], period: EvaluationPeriod): V | undefined {
  let latest: V | undefined;
  for (const candidate of versions) {
    if (candidate.effectiveFrom > period) continue;
    if (!latest || candidate.effectiveFrom > latest.effectiveFrom) latest = candidate;
  }
  if (!latest) return undefined;
  return latest.effectiveUntil === undefined || period <= latest.effectiveUntil ? latest : undefined;
}

/** Whether a version is the one in force for a period among its owner's versions. */
export const inForceFor = <V extends EffectivePeriods>(versions: readonly V[], version: V, period: EvaluationPeriod): boolean =>
  versionInForce(versions, period)?.version === version.version;
