/**
 * The patterns a special report is about (专项报告, Art. 21 ¶2), found in the signal counts of a
 * period and of the periods before it:
 * - *widespread*: the same rule broken (signals raised under it) in at least N departments of the
 *   scope, or — in a city's report — in at least M districts;
 * - *sharp rise*: the signals of the owner's whole scope, or of one department, for one rule or in
 *   total, at least X% above the mean of the previous K periods and at least a minimum count (a
 *   rise from a zero baseline is a rise once it reaches that count).
 * Pure: counts in, findings out, every comparison in whole numbers.
 */
import { cityJurisdiction } from '../records/identifiers.ts';
import { ruleCounterPrefix, type Counters } from '../statistics/case-contribution.ts';
import type { PatternThresholds } from './pattern-thresholds.ts';

/** Signals of one scope in one period: in total, and per rule. */
export interface SignalCounts {
  readonly total: number;
  readonly byRule: Readonly<Record<string, number>>;
}

/** A department's signal counts: the period's, and the previous periods', nearest first. */
export interface DepartmentSignals {
  readonly department: string;
  readonly name: string;
  readonly jurisdiction: string;
  readonly current: SignalCounts;
  readonly previous: readonly SignalCounts[];
}

export interface PatternInput {
  /** `city`, or the district whose report it is. */
  readonly owner: string;
  /** The previous periods compared with, nearest first (one per entry of each department's `previous`). */
  readonly previousPeriods: readonly string[];
  readonly departments: readonly DepartmentSignals[];
  /** The article each rule cites, by rule id (a rule without one is named by its id only). */
  readonly articles: Readonly<Record<string, string>>;
}

/** A department where a rule was broken, and how many signals it raised. */
export interface RuleBreach {
  readonly department: string;
  readonly name: string;
  readonly jurisdiction: string;
  readonly count: number;
}

export interface WidespreadFinding {
  readonly kind: 'widespread';
  readonly ruleId: string;
  readonly article: string | null;
  /** The rule's signals in the period, over the departments below. */
  readonly count: number;
  /** Most signals first. */
  readonly departments: readonly RuleBreach[];
  /** The districts of those departments (a city department is in none), most departments first. */
  readonly districts: readonly { readonly jurisdiction: string; readonly departments: number; readonly count: number }[];
  /** Which of the two thresholds the breach met. */
  readonly met: { readonly departments: boolean; readonly districts: boolean };
}

/** Where a rise was seen: the owner's whole scope, or one department. */
export type RiseScope =
  | { readonly level: 'owner'; readonly owner: string }
  | { readonly level: 'department'; readonly department: string; readonly name: string; readonly jurisdiction: string };

export interface SharpRiseFinding {
  readonly kind: 'sharpRise';
  readonly scope: RiseScope;
  /** The rule whose signals rose; null: all signals. */
  readonly ruleId: string | null;
  readonly article: string | null;
  readonly current: number;
  /** The previous periods' counts, nearest first. */
  readonly previous: readonly { readonly period: string; readonly count: number }[];
  /** Their mean, rounded to 2 decimals. */
  readonly baseline: number;
  /** How far above the mean, in percent rounded to 1 decimal; null from a zero baseline. */
  readonly risePercent: number | null;
}

export type PatternFinding = WidespreadFinding | SharpRiseFinding;

const noSignals: SignalCounts = { total: 0, byRule: {} };

/** The signal counts in a period's summed counters: all levels together, and per rule. */
export function signalCountsOf(counters: Counters): SignalCounts {
  const byRule: Record<string, number> = {};
  for (const [counter, value] of Object.entries(counters))
    if (counter.startsWith(ruleCounterPrefix) && value > 0) byRule[counter.slice(ruleCounterPrefix.length)] = value;
  return { total: (counters['signalsPrompt'] ?? 0) + (counters['signalsWarning'] ?? 0) + (counters['signalsCorrection'] ?? 0), byRule };
}

const sumOf = (counts: readonly SignalCounts[]): SignalCounts => {
  const byRule: Record<string, number> = {};
  for (const c of counts) for (const [rule, n] of Object.entries(c.byRule)) byRule[rule] = (byRule[rule] ?? 0) + n;
  return { total: counts.reduce((sum, c) => sum + c.total, 0), byRule };
};

const articleOf = (articles: Readonly<Record<string, string>>, ruleId: string | null): string | null => (ruleId === null ? null : (articles[ruleId] ?? null));

/** Rules broken in at least the thresholds' departments or (a city's report) districts. */
export function widespreadBreaches(input: PatternInput, thresholds: PatternThresholds): WidespreadFinding[] {
  const breaches = new Map<string, RuleBreach[]>();
  for (const d of input.departments)
    for (const [ruleId, count] of Object.entries(d.current.byRule))
      if (count > 0) breaches.set(ruleId, [...(breaches.get(ruleId) ?? []), { department: d.department, name: d.name, jurisdiction: d.jurisdiction, count }]);
  const findings: WidespreadFinding[] = [];
  for (const [ruleId, departments] of breaches) {
    const byDistrict = new Map<string, { departments: number; count: number }>();
    for (const b of departments) {
      if (b.jurisdiction === cityJurisdiction) continue;
      const district = byDistrict.get(b.jurisdiction) ?? { departments: 0, count: 0 };
      byDistrict.set(b.jurisdiction, { departments: district.departments + 1, count: district.count + b.count });
    }
    const met = {
      departments: departments.length >= thresholds.departments,
      // A district's report covers one district: only the city's can find a rule broken across districts.
      districts: input.owner === cityJurisdiction && byDistrict.size >= thresholds.districts,
    };
    if (!met.departments && !met.districts) continue;
    findings.push({
      kind: 'widespread',
      ruleId,
      article: articleOf(input.articles, ruleId),
      count: departments.reduce((sum, b) => sum + b.count, 0),
      departments: [...departments].sort((a, b) => b.count - a.count || a.department.localeCompare(b.department)),
      districts: [...byDistrict.entries()]
        .map(([jurisdiction, d]) => ({ jurisdiction, ...d }))
        .sort((a, b) => b.departments - a.departments || b.count - a.count || a.jurisdiction.localeCompare(b.jurisdiction)),
      met,
    });
  }
  return findings.sort((a, b) => b.departments.length - a.departments.length || b.count - a.count || a.ruleId.localeCompare(b.ruleId));
}

/**
 * Whether `current` is a sharp rise over `previous`: at least the minimum count, and at least
 * `risePercent` above their mean — in whole numbers, `current · 100 · K ≥ (100 + X) · Σ previous`.
 */
export function isSharpRise(current: number, previous: readonly number[], thresholds: PatternThresholds): boolean {
  const sum = previous.reduce((total, n) => total + n, 0);
  return previous.length > 0 && current >= thresholds.minimumCount && current * 100 * previous.length >= (100 + thresholds.risePercent) * sum;
}

function riseOf(
  scope: RiseScope,
  ruleId: string | null,
  current: number,
  previous: readonly number[],
  input: PatternInput,
  thresholds: PatternThresholds,
): SharpRiseFinding | undefined {
  if (!isSharpRise(current, previous, thresholds)) return undefined;
  const sum = previous.reduce((total, n) => total + n, 0);
  return {
    kind: 'sharpRise',
    scope,
    ruleId,
    article: articleOf(input.articles, ruleId),
    current,
    previous: previous.map((count, i) => ({ period: input.previousPeriods[i] as string, count })),
    baseline: Math.round((sum * 100) / previous.length) / 100,
    risePercent: sum === 0 ? null : Math.round(((current * previous.length - sum) * 1000) / sum) / 10,
  };
}

/** The rises of one scope: its total first, then each rule with signals in the period. */
function risesOf(scope: RiseScope, current: SignalCounts, previous: readonly SignalCounts[], input: PatternInput, thresholds: PatternThresholds) {
  const total = riseOf(
    scope,
    null,
    current.total,
    previous.map((p) => p.total),
    input,
    thresholds,
  );
  const rules = Object.keys(current.byRule)
    .sort()
    .map((ruleId) =>
      riseOf(
        scope,
        ruleId,
        current.byRule[ruleId] ?? 0,
        previous.map((p) => p.byRule[ruleId] ?? 0),
        input,
        thresholds,
      ),
    )
    .filter((finding): finding is SharpRiseFinding => finding !== undefined)
    .sort((a, b) => b.current - a.current);
  return total === undefined ? rules : [total, ...rules];
}

/** Sharp rises of the owner's whole scope, then of each department (most signals first). */
export function sharpRises(input: PatternInput, thresholds: PatternThresholds): SharpRiseFinding[] {
  const periods = input.previousPeriods.length;
  const previousOf = (d: DepartmentSignals): SignalCounts[] => Array.from({ length: periods }, (_unused, i) => d.previous[i] ?? noSignals);
  const whole = risesOf(
    { level: 'owner', owner: input.owner },
    sumOf(input.departments.map((d) => d.current)),
    Array.from({ length: periods }, (_unused, i) => sumOf(input.departments.map((d) => previousOf(d)[i] as SignalCounts))),
    input,
    thresholds,
  );
  const departments = input.departments
    .flatMap((d) =>
      risesOf({ level: 'department', department: d.department, name: d.name, jurisdiction: d.jurisdiction }, d.current, previousOf(d), input, thresholds),
    )
    .sort((a, b) => b.current - a.current);
  return [...whole, ...departments];
}

/** Every pattern of the period: the widespread breaches, then the sharp rises. */
export const detectPatterns = (input: PatternInput, thresholds: PatternThresholds): PatternFinding[] => [
  ...widespreadBreaches(input, thresholds),
  ...sharpRises(input, thresholds),
];
