/**
 * A department's data-quality scorecard (数据质量, Art. 7(2), 24): over a range of Shanghai days,
 * what its business system sent (the connection-health counters), the findings about its reporting
 * raised in the range by kind and how many of them are still active, its latest reconciliation,
 * and a score out of 100 with a grade (优 / 良 / 中 / 差) from the declared deductions below.
 * Pure: the figures come from what is already stored (feed counters, alerts), nothing is counted anew.
 */
import { activeAlertStatuses, type AlertStatus } from '../alerts/alert.ts';
import { lagClasses, type HealthTotals, type LagClass } from '../connection-health/batch-health.ts';
import { connectionRules } from '../connection-health/connection-findings.ts';
import { reconciliationRules } from '../reconciliation/reconciliation-findings.ts';
import { reportingRuleIds } from '../reporting/reporting-findings.ts';

/** The kinds of data-quality findings a scorecard counts, each from the rules that raise it. */
export const qualityFindingKinds = [
  'late',
  'incomplete',
  'inaccurate',
  'dataStandard',
  'reconciliationDifference',
  'manifestLate',
  'delayedConnection',
  'silentFeed',
] as const;
export type QualityFindingKind = (typeof qualityFindingKinds)[number];

/** The rule of each finding kind: any other rule (a case's own supervision rules) is not a data-quality finding. */
export const qualityFindingRules: Readonly<Record<QualityFindingKind, readonly string[]>> = {
  /** 报送迟延 (Art. 24(4)). */
  late: [reportingRuleIds.late],
  /** 报送不完整 (Art. 24(4)): a stage whose earlier required stage never came. */
  incomplete: [reportingRuleIds.incomplete],
  /** 报送不准确 (Art. 24(4)): stages out of order, an act dated after its receipt. */
  inaccurate: [reportingRuleIds.stageOrder, reportingRuleIds.futureInstant],
  /** 不符合数据标准 (Art. 24(2)): the refused share over the connection check's window. */
  dataStandard: [connectionRules.dataStandard.ruleId],
  /** 一致性核查差异 (Art. 7(2)). */
  reconciliationDifference: [reconciliationRules.difference.ruleId],
  /** 核查清单迟交 (Art. 7(2)). */
  manifestLate: [reconciliationRules.manifestLate.ruleId],
  /** 迟延接入 (Art. 24(3)): a connected kind without records after its grace period. */
  delayedConnection: [connectionRules.delayedConnection.ruleId],
  /** 停止报送 (Art. 7(1), 10): a connected department silent too long. */
  silentFeed: [connectionRules.feedSilent.ruleId],
};

const kindOfRule: ReadonlyMap<string, QualityFindingKind> = new Map(
  qualityFindingKinds.flatMap((kind) => qualityFindingRules[kind].map((ruleId) => [ruleId, kind] as const)),
);

/** The finding kind of a rule, or undefined when the rule is not about data quality. */
export const qualityFindingKindOf = (ruleId: string): QualityFindingKind | undefined => kindOfRule.get(ruleId);

export type FindingCounts = Record<QualityFindingKind, number>;

const noFindings = (): FindingCounts => Object.fromEntries(qualityFindingKinds.map((kind) => [kind, 0])) as FindingCounts;

/** The data-quality findings among a department's signals: raised (in the range read) and still active, by kind. */
export function tallyFindings(alerts: readonly { readonly ruleId: string; readonly status: AlertStatus }[]): {
  raised: FindingCounts;
  active: FindingCounts;
} {
  const raised = noFindings();
  const active = noFindings();
  for (const alert of alerts) {
    const kind = qualityFindingKindOf(alert.ruleId);
    if (kind === undefined) continue;
    raised[kind] += 1;
    if (activeAlertStatuses.includes(alert.status)) active[kind] += 1;
  }
  return { raised, active };
}

/**
 * The lag class holding a quantile of the accepted records (the counters keep classes, not
 * durations: the median is "within a day", not a number of minutes); null when none was accepted.
 */
export function lagClassAtQuantile(lag: Readonly<Record<LagClass, number>>, quantile: number): LagClass | null {
  const total = lagClasses.reduce((sum, lagClass) => sum + lag[lagClass], 0);
  if (total === 0) return null;
  const rank = Math.ceil(quantile * total);
  let seen = 0;
  for (const lagClass of lagClasses) {
    seen += lag[lagClass];
    if (seen >= rank) return lagClass;
  }
  return 'overWeek';
}

/**
 * How the score is computed, declared once: the answer carries it, the documentation states it.
 * A department starts at 100 and loses points for its refused share, its late arrivals and the
 * findings raised about it in the range, each capped; the grade follows from the score.
 */
export const qualityScoring = {
  /** Points per percentage point of the records that arrived and were refused (the refusal share), at most `refusalMaxPoints`. */
  refusalPointsPerPercent: 2,
  refusalMaxPoints: 30,
  /** Points per percentage point of the accepted records received more than 24 hours after their event, at most `lateArrivalMaxPoints`. */
  lateArrivalPointsPerPercent: 1,
  lateArrivalMaxPoints: 20,
  /** Points per finding raised in the range, by kind; at most `findingsMaxPoints` in all. */
  findingPoints: {
    late: 1,
    incomplete: 2,
    inaccurate: 2,
    dataStandard: 10,
    reconciliationDifference: 5,
    manifestLate: 2,
    delayedConnection: 10,
    silentFeed: 10,
  } satisfies Record<QualityFindingKind, number>,
  findingsMaxPoints: 50,
  /** The lowest score of each grade: 优 ≥ 90, 良 ≥ 75, 中 ≥ 60, 差 below. */
  gradeThresholds: { excellent: 90, good: 75, fair: 60 },
} as const;

export const qualityGrades = ['excellent', 'good', 'fair', 'poor'] as const;
export type QualityGrade = (typeof qualityGrades)[number];

export interface QualityDeductions {
  readonly refusals: number;
  readonly lateArrivals: number;
  readonly findings: number;
}

export interface QualityScore {
  /** 0–100, whole points; null when no record arrived in the range (nothing to judge: the findings still show). */
  readonly score: number | null;
  readonly grade: QualityGrade | null;
  readonly deductions: QualityDeductions;
}

const oneDecimal = (n: number): number => Math.round(n * 10) / 10;

/** The score and grade of a department's range from its health totals and the findings raised in it. */
export function scoreQuality(totals: HealthTotals, raised: Readonly<FindingCounts>, scoring = qualityScoring): QualityScore {
  const arrived = totals.accepted + totals.duplicates + totals.refused;
  const lateShare = totals.accepted === 0 ? 0 : totals.receivedOver24Hours / totals.accepted;
  const findingPoints = qualityFindingKinds.reduce((sum, kind) => sum + raised[kind] * scoring.findingPoints[kind], 0);
  const deductions: QualityDeductions = {
    refusals: oneDecimal(Math.min(scoring.refusalMaxPoints, totals.refusalRate * 100 * scoring.refusalPointsPerPercent)),
    lateArrivals: oneDecimal(Math.min(scoring.lateArrivalMaxPoints, lateShare * 100 * scoring.lateArrivalPointsPerPercent)),
    findings: Math.min(scoring.findingsMaxPoints, findingPoints),
  };
  if (arrived === 0) return { score: null, grade: null, deductions };
  const score = Math.max(0, Math.round(100 - deductions.refusals - deductions.lateArrivals - deductions.findings));
  return { score, grade: gradeOf(score, scoring), deductions };
}

/** The grade of a score by the declared thresholds. */
export function gradeOf(score: number, scoring = qualityScoring): QualityGrade {
  if (score >= scoring.gradeThresholds.excellent) return 'excellent';
  if (score >= scoring.gradeThresholds.good) return 'good';
  if (score >= scoring.gradeThresholds.fair) return 'fair';
  return 'poor';
}
