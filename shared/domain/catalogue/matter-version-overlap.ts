/**
 * The rule that versions of one matter never claim the same day (the catalogue must say, for any
 * date, which limits applied). An open-ended version yields to any version starting later, so it
 * overlaps nothing after it; an explicit `effectiveUntil` is a promise that no other version starts
 * inside that range.
 */
import type { VersionDates } from './matter-version-in-force.ts';

/** Whether two versions claim a common day. */
export function versionsOverlap(a: VersionDates, b: VersionDates): boolean {
  if (a.effectiveFrom === b.effectiveFrom) return true;
  const [first, second] = a.effectiveFrom < b.effectiveFrom ? [a, b] : [b, a];
  return first.effectiveUntil !== undefined && second.effectiveFrom <= first.effectiveUntil;
}

/** The stored versions a proposed one overlaps, in version order; empty when it fits. */
export function findOverlappingVersions<V extends VersionDates>(stored: readonly V[], proposed: VersionDates): V[] {
  return stored.filter((version) => versionsOverlap(version, proposed)).sort((a, b) => a.version - b.version);
}
