/** Which version of a matter a case is judged by: the one in force on the day the case started. */
import type { LocalDate } from '../calendar/local-date.ts';

/** The dating of a version; see `matter-version.ts` for how ranges work. */
export interface VersionDates {
  readonly version: number;
  readonly effectiveFrom: LocalDate;
  readonly effectiveUntil?: LocalDate;
}

/**
 * The version in force on `onDate` (a Shanghai calendar date): the one that started last on or
 * before that date, unless its `effectiveUntil` has passed (then none is: a gap in the catalogue).
 * A later start supersedes an open-ended version. Versions may come in any order.
 */
export function matterVersionInForce<V extends VersionDates>(versions: readonly V[], onDate: LocalDate): V | undefined {
  let latest: V | undefined;
  for (const candidate of versions) {
    if (candidate.effectiveFrom > onDate) continue;
    if (!latest || candidate.effectiveFrom > latest.effectiveFrom || (candidate.effectiveFrom === latest.effectiveFrom && candidate.version > latest.version)) {
      latest = candidate;
    }
  }
  if (!latest) return undefined;
  return latest.effectiveUntil === undefined || onDate <= latest.effectiveUntil ? latest : undefined;
}
