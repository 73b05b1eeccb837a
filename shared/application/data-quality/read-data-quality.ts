/**
 * The data-quality scorecard (数据质量) of the departments a staff member may see: one row per
 * department over a range of Shanghai days.
 * Primary course: the departments' connection health of the range, read and scoped exactly as the
 * connection-health listing reads it (a liaison its own department, a district supervisor its
 * district's, the city all; one outside the scope or unknown is 404, audited); then each
 * department's signals raised in the range from its alert index (a key range, at most
 * `dataQualityLimits.maxSignals`), of which the data-quality findings are counted by kind; then the
 * score and grade from the declared deductions. Nothing is counted anew and no record is read.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { endOfShanghaiDay, startOfShanghaiDay } from '../../domain/calendar/local-date.ts';
import { lagClassAtQuantile, qualityScoring, scoreQuality, tallyFindings } from '../../domain/data-quality/quality-scorecard.ts';
import type { PeriodAlertReader } from '../rectification/rectification-store.ts';
import {
  listConnectionHealth,
  readConnectionHealth,
  type DepartmentHealth,
  type HealthRange,
  type ReadConnectionHealthDependencies,
} from '../connection-health/read-connection-health.ts';

export interface ReadDataQualityDependencies extends ReadConnectionHealthDependencies {
  /** A department's signals raised in an interval (its alert index). */
  readonly alerts: PeriodAlertReader;
}

export interface DataQualityQuery extends HealthRange {
  readonly department?: string | undefined;
  readonly jurisdiction?: string | undefined;
}

export const dataQualityLimits = {
  /** Signals of one department read at most for a range (the earliest); `findings.complete` says when there were more. */
  maxSignals: 5_000,
} as const;

async function scorecardOf(health: DepartmentHealth, deps: ReadDataQualityDependencies) {
  const read = await deps.alerts.alertsRaised(
    health.department,
    startOfShanghaiDay(health.from).toISOString(),
    endOfShanghaiDay(health.to).toISOString(),
    dataQualityLimits.maxSignals,
  );
  const { raised, active } = tallyFindings(read.alerts);
  const { totals } = health;
  const arrived = totals.accepted + totals.duplicates + totals.refused;
  return {
    department: health.department,
    name: health.name,
    jurisdiction: health.jurisdiction,
    connectedKinds: health.connectedKinds,
    ...(health.connectedOn === undefined ? {} : { connectedOn: health.connectedOn }),
    lastReceivedAt: health.lastReceivedAt,
    kindsWithoutRecords: health.kindsWithoutRecords,
    records: {
      arrived,
      accepted: totals.accepted,
      duplicates: totals.duplicates,
      refused: totals.refused,
      refusalRate: totals.refusalRate,
      receivedOver24Hours: totals.receivedOver24Hours,
      lateRate: totals.accepted === 0 ? 0 : Math.round((totals.receivedOver24Hours / totals.accepted) * 10_000) / 10_000,
      lag: totals.lag,
      lagMedian: lagClassAtQuantile(totals.lag, 0.5),
      lagP95: lagClassAtQuantile(totals.lag, 0.95),
    },
    findings: {
      raised,
      active,
      raisedTotal: Object.values(raised).reduce((sum, n) => sum + n, 0),
      activeTotal: Object.values(active).reduce((sum, n) => sum + n, 0),
      complete: read.complete,
    },
    reconciliation: health.reconciliation,
    ...scoreQuality(totals, raised),
  };
}

export type DepartmentScorecard = Awaited<ReturnType<typeof scorecardOf>>;

/** The scorecard of every department of the caller's scope (or of one jurisdiction, or one department of it), by jurisdiction then id. */
export async function readDataQuality(
  principal: StaffPrincipal,
  query: DataQualityQuery,
  deps: ReadDataQualityDependencies,
  defaultDays: number,
): Promise<{ from: string; to: string; scoring: typeof qualityScoring; items: DepartmentScorecard[] }> {
  const { department, ...rest } = query;
  const health =
    department === undefined
      ? await listConnectionHealth(principal, rest, deps, defaultDays)
      : await readConnectionHealth(principal, department, rest, deps, defaultDays);
  const items: DepartmentScorecard[] = [];
  for (const item of health.items) items.push(await scorecardOf(item, deps));
  return { from: health.from, to: health.to, scoring: qualityScoring, items };
}
