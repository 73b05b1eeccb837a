/**
 * What one signal contributes to the statistics of signals answered in time (Art. 20, 21): in the
 * month it was raised (the same cohort as the signals by level), `toCorrect` when it is a
 * warning or correction the department must correct or explain, and `answeredInTime` when
 * the department did so before its answer fell due (`answer-due.ts`).
 *
 * These counters move with a person's action (a response) as well as with the engine's commits,
 * so they are counted per signal, not in the case's contribution: every write of an alert, by the
 * engine or by a person, adds `contribution(after) − contribution(before)` in its own transaction,
 * under the alert's version condition, so each change is added exactly once. Pure.
 */
import { answeredInTime, callsForCorrection } from '../alerts/answer-due.ts';
import type { Alert } from '../alerts/alert.ts';
import { connectionKind } from '../connection-health/connection-findings.ts';
import { accountabilityKind } from '../accountability/overdue-order.ts';
import { addToCounter, commitDeltas, type MatterDelta, type StatisticsContribution } from './case-contribution.ts';
import { monthOfInstant, type StatisticsMonth } from './statistics-period.ts';

export const signalAnswerCounterNames = ['toCorrect', 'answeredInTime'] as const;

export function signalAnswerContribution(alert: Alert): StatisticsContribution {
  const into: Record<StatisticsMonth, Record<string, number>> = {};
  // A connection signal and an overdue order to correct's are counted by level (`pseudo-case-contribution.ts`),
  // but no time to answer is set on them: they are not among the signals to correct, and a response to one adds nothing.
  if (alert.kind === connectionKind || alert.kind === accountabilityKind || !callsForCorrection(alert)) return into;
  const month = monthOfInstant(alert.raisedAt);
  addToCounter(into, month, 'toCorrect', 1);
  addToCounter(into, month, 'answeredInTime', answeredInTime(alert) ? 1 : 0);
  return into;
}

/** The change one write of an alert makes to these counters, under the alert's matter (before: as stored, if it was). */
export const signalAnswerDeltas = (before: Alert | undefined, after: Alert): MatterDelta[] =>
  commitDeltas(before && { matterCode: before.matterCode, statistics: signalAnswerContribution(before) }, {
    matterCode: after.matterCode,
    statistics: signalAnswerContribution(after),
  });
