/**
 * The deadline sweep.
 * Primary course: find the cases whose next check is due at or before the scheduled time
 * (an index query that reads only what is due), and evaluate each as of that time. Each
 * evaluation moves the case's next check past the time, so a second sweep of the same window
 * finds nothing, and a sweep after downtime catches up on everything overdue.
 */
import type { AlertEvent } from '../domain/alerts/alert-events.ts';
import type { CaseKey } from './case-key.ts';
import { earliestOf } from './earliest-of.ts';
import { evaluateCase, type EvaluateCaseDependencies } from './evaluate-case.ts';
import { mapConcurrently } from './map-concurrently.ts';

export interface SweepOutcome {
  readonly due: number;
  readonly committed: number;
  readonly alertsRaised: number;
  readonly alertsUpdated: number;
  readonly failed: number;
  /**
   * When the earliest of the checks this run took up fell due (ISO), or null when none was due:
   * how late the run came for it is the sweep's lag. A check that keeps failing stays due and
   * keeps this time early; cases taken up only because their calendar year arrived do not count.
   */
  readonly earliestDueAt: string | null;
  /** Alert events the sweep's own commits wrote, for it to publish. */
  readonly alertEvents: readonly AlertEvent[];
}

export interface SweepOptions {
  /** Cases evaluated per sweep run at most; the rest wait for the next run. */
  readonly maxCases: number;
  readonly concurrency: number;
}

export async function sweepDueChecks(asOf: Date, deps: EvaluateCaseDependencies, options: SweepOptions, onFailure?: (error: unknown, key: CaseKey) => void): Promise<SweepOutcome> {
  const dueChecks = await deps.cases.dueCases(asOf.toISOString(), options.maxCases);
  const earliestDueAt = earliestOf(dueChecks.map((check) => check.dueAt));
  const due: CaseKey[] = [...dueChecks];
  // Cases whose provisional deadlines waited for a year's holiday arrangement that has now arrived.
  const year = Number(asOf.toISOString().slice(0, 4));
  for (const awaited of [year - 1, year, year + 1, year + 2]) {
    if (!deps.calendar.hasArrangement(awaited) || due.length >= options.maxCases) continue;
    const seen = new Set(due.map((key) => `${key.department}#${key.kind}#${key.caseId}`));
    for (const key of await deps.cases.casesAwaitingCalendar(awaited, options.maxCases - due.length)) {
      if (!seen.has(`${key.department}#${key.kind}#${key.caseId}`)) due.push(key);
    }
  }
  let committed = 0;
  let alertsRaised = 0;
  let alertsUpdated = 0;
  let failed = 0;
  const alertEvents: AlertEvent[] = [];
  await mapConcurrently(due, options.concurrency, async (key) => {
    try {
      const outcome = await evaluateCase(key, asOf, deps);
      if (outcome.result === 'committed') {
        committed += 1;
        alertsRaised += outcome.raised;
        alertsUpdated += outcome.updated;
        alertEvents.push(...outcome.alertEvents);
      }
    } catch (error) {
      // One broken case must not stop the sweep; it stays due and is retried next run.
      failed += 1;
      onFailure?.(error, key);
    }
  });
  return { due: due.length, committed, alertsRaised, alertsUpdated, failed, earliestDueAt, alertEvents };
}
