/**
 * Rankings of a period's scores (Art. 21: results are published): within the city (every
 * department scored) and within each jurisdiction (a district's departments; the city's own
 * departments form the `city` jurisdiction). Higher totals rank first. Equal totals share a rank
 * and the next total takes the rank after all of them ("1, 2, 2, 4", standard competition
 * ranking): a tie is never broken by something the model does not score. Within a tie, results
 * are listed by department id, so the listing is reproducible.
 */
import type { DepartmentScore } from './score-department.ts';

export interface RankedScore<S extends DepartmentScore = DepartmentScore> {
  readonly score: S;
  /** Rank among every department scored. */
  readonly cityRank: number;
  /** Rank among the departments of the same jurisdiction. */
  readonly jurisdictionRank: number;
}

const hundredths = (score: DepartmentScore): number => Math.round(score.total * 100);
const byTotalThenDepartment = (a: DepartmentScore, b: DepartmentScore): number =>
  hundredths(b) - hundredths(a) || (a.department < b.department ? -1 : a.department > b.department ? 1 : 0);

/** Competition ranks of already ordered scores: each the position of the first score with its total. */
function competitionRanks(ordered: readonly DepartmentScore[]): Map<DepartmentScore, number> {
  const ranks = new Map<DepartmentScore, number>();
  ordered.forEach((score, index) => {
    const previous = ordered[index - 1];
    ranks.set(score, previous !== undefined && hundredths(previous) === hundredths(score) ? ranks.get(previous)! : index + 1);
  });
  return ranks;
}

/** Ranks scores within the city and within each jurisdiction; returned in city order. */
export function rankDepartments<S extends DepartmentScore>(scores: readonly S[]): RankedScore<S>[] {
  const ordered = [...scores].sort(byTotalThenDepartment);
  const cityRanks = competitionRanks(ordered);
  const jurisdictionRanks = new Map<DepartmentScore, number>();
  for (const jurisdiction of new Set(ordered.map((score) => score.jurisdiction))) {
    for (const [score, rank] of competitionRanks(ordered.filter((candidate) => candidate.jurisdiction === jurisdiction))) jurisdictionRanks.set(score, rank);
  }
  return ordered.map((score) => ({ score, cityRank: cityRanks.get(score)!, jurisdictionRank: jurisdictionRanks.get(score)! }));
}
