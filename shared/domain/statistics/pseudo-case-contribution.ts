/**
 * What the signals of a department's pseudo-cases contribute to its statistics (Art. 20, 24): its
 * connection and reconciliation signals (kind `connection`: a silent or delayed feed, records
 * outside the data standard, a manifest's difference or lateness) and the signals of its orders to
 * correct left uncorrected (kind `accountability`). They are counted as a case's signals are
 * (`addSignalCounters`): by level in the month the signal was raised, at the level it stands at;
 * withdrawn ones not at all; resolved ones as corrected, with the minutes it took. The rules are
 * counted by level only (`countedPerRule`).
 *
 * A pseudo-case keeps no state of its own, so its contribution is counted per signal: every write
 * of one of its alerts adds `contribution(after) − contribution(before)` in its own transaction,
 * under the alert's version condition (`dynamodb-connection-alerts.ts`), so each change is added
 * exactly once; the aggregate items are those of the pseudo-case's kind and matter (`connection` ×
 * the pseudo-case's id, `accountability` × `correctionOrder`), apart from the record kinds'.
 *
 * Not counted for them: the signals to correct and those answered in time (`toCorrect`,
 * `answeredInTime`). No time to answer is set on a pseudo-case's signal (`answer-due.ts` is the
 * case engine's); the feed resuming or the order's correction accepted clears it (`corrected`).
 * Pure.
 */
import type { Alert } from '../alerts/alert.ts';
import { accountabilityKind } from '../accountability/overdue-order.ts';
import { connectionKind } from '../connection-health/connection-findings.ts';
import { addSignalCounters, commitDeltas, type MatterDelta, type StatisticsContribution } from './case-contribution.ts';
import type { StatisticsMonth } from './statistics-period.ts';

/** The kinds of a department's pseudo-cases, whose signals are counted one by one. */
export const pseudoCaseKinds: readonly string[] = [connectionKind, accountabilityKind];

export const isPseudoCaseKind = (kind: string): boolean => pseudoCaseKinds.includes(kind);

/** What one signal of a pseudo-case contributes (nothing for an alert of a case: its case counts it). */
export function pseudoCaseSignalContribution(alert: Alert): StatisticsContribution {
  const into: Record<StatisticsMonth, Record<string, number>> = {};
  if (isPseudoCaseKind(alert.kind)) addSignalCounters(into, alert);
  return into;
}

/** The change one write of a pseudo-case's alert makes to the aggregates, under its matter (before: as stored, if it was). */
export const pseudoCaseSignalDeltas = (before: Alert | undefined, after: Alert): MatterDelta[] =>
  commitDeltas(before && { matterCode: before.matterCode, statistics: pseudoCaseSignalContribution(before) }, {
    matterCode: after.matterCode,
    statistics: pseudoCaseSignalContribution(after),
  });
