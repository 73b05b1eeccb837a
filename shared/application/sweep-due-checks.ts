/**
 * The deadline sweep.
 * Primary course: find the cases whose next check is due at or before the scheduled time
 * (an index query that reads only what is due), and evaluate each as of that time. Each
 * evaluation moves the case's next check past the time, so a second sweep of the same window
 * finds nothing, and a sweep after downtime catches up on everything overdue.
 */
import type { AlertEvent } from '../domain/alerts/alert-events.ts';
import type { WorkingDayCalendar } from '../domain/calendar/working-day-calendar.ts';
import { caseKeyText, type CaseKey } from './case-key.ts';
import type { CaseEngine } from './case-engine.ts';
import { earliestOf } from './earliest-of.ts';
import type { CaseRepository } from './ports.ts';

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
  /** Alert events the sweep's own commits wrote (the engine has published them, or left them in the outbox). */
  readonly alertEvents: readonly AlertEvent[];
  /** Set when publishing them failed: they wait in the outbox for the relay. */
  readonly publicationFailure?: unknown;
}

export interface SweepDependencies {
  readonly engine: CaseEngine;
  readonly cases: Pick<CaseRepository, 'dueCases' | 'casesAwaitingCalendar'>;
  readonly calendar: Pick<WorkingDayCalendar, 'hasArrangement'>;
}

export interface SweepOptions {
  /** Cases evaluated per sweep run at most; the rest wait for the next run. */
  readonly maxCases: number;
  /** Cases the engine takes up in one batch (gathered, decided and committed together). */
  readonly batchSize: number;
}

export async function sweepDueChecks(
  asOf: Date,
  deps: SweepDependencies,
  options: SweepOptions,
  onFailure?: (error: unknown, key: CaseKey) => void,
): Promise<SweepOutcome> {
  const dueChecks = await deps.cases.dueCases(asOf.toISOString(), options.maxCases);
  const earliestDueAt = earliestOf(dueChecks.map((check) => check.dueAt));
  const due: CaseKey[] = [...dueChecks];
  // Cases whose provisional deadlines waited for a year's holiday arrangement that has now arrived.
  const year = Number(asOf.toISOString().slice(0, 4));
  for (const awaited of [year - 1, year, year + 1, year + 2]) {
    if (!deps.calendar.hasArrangement(awaited) || due.length >= options.maxCases) continue;
    const seen = new Set(due.map(caseKeyText));
    for (const key of await deps.cases.casesAwaitingCalendar(awaited, options.maxCases - due.length)) {
      if (!seen.has(caseKeyText(key))) due.push(key);
    }
  }
  let committed = 0;
  let alertsRaised = 0;
  let alertsUpdated = 0;
  let failed = 0;
  const alertEvents: AlertEvent[] = [];
  let publicationFailure: unknown;
  for (let start = 0; start < due.length; start += options.batchSize) {
    const batch = due.slice(start, start + options.batchSize);
    const run = await deps.engine.run(
      batch.map((key) => ({ key, incoming: [] })),
      asOf,
    );
    alertEvents.push(...run.alertEvents);
    if (run.publicationFailure !== undefined) publicationFailure ??= run.publicationFailure;
    for (const key of batch) {
      const result = run.results.get(caseKeyText(key));
      if (result?.ok && result.outcome.result === 'committed') {
        committed += 1;
        alertsRaised += result.outcome.raised;
        alertsUpdated += result.outcome.updated;
      } else if (result && !result.ok) {
        // One broken case must not stop the sweep; it stays due and is retried next run.
        failed += 1;
        onFailure?.(result.error, key);
      }
    }
  }
  return {
    due: due.length,
    committed,
    alertsRaised,
    alertsUpdated,
    failed,
    earliestDueAt,
    alertEvents,
    ...(publicationFailure === undefined ? {} : { publicationFailure }),
  };
}
