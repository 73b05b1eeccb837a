/**
 * Bring a case's stored snapshot and alerts in line with its events as of an instant.
 * Primary course: load the case (events, snapshot, alerts) in one query, fold the events in
 * sequence order, evaluate the matter's rules, reconcile the alerts, and commit snapshot and
 * alert changes atomically under the snapshot's version. A concurrent writer makes the commit
 * fail; the evaluation is then redone on fresh data, so effects happen exactly once.
 * Used by the record processor (as of now) and by the deadline sweep (as of the sweep's time).
 */
import type { Alert } from '../domain/alerts/alert.ts';
import { reconcileAlerts } from '../domain/alerts/reconcile-alerts.ts';
import type { WorkingDayCalendar } from '../domain/calendar/working-day-calendar.ts';
import { foldLicensingCase } from '../domain/licensing/licensing-case.ts';
import { evaluateLicensingCase } from '../domain/licensing/licensing-rules.ts';
import { licensingStage } from '../domain/licensing/licensing-stage.ts';
import { StaleVersionError } from '../http/errors.ts';
import type { CaseKey } from './case-key.ts';
import type { CaseRepository, CaseSnapshot, ReferenceReader } from './ports.ts';

export interface EvaluateCaseDependencies {
  readonly cases: CaseRepository;
  readonly reference: ReferenceReader;
  readonly calendar: WorkingDayCalendar;
}

export type EvaluateCaseOutcome =
  | { readonly result: 'committed'; readonly raised: number; readonly updated: number; readonly alerts: readonly Alert[] }
  | { readonly result: 'unchanged' }
  | { readonly result: 'noEvents' };

/** Missing reference data is not the caller's fault at this stage: the message is retried, then dead-lettered. */
export class MissingReferenceDataError extends Error {}

const maxAttempts = 6;

export async function evaluateCase(key: CaseKey, asOf: Date, deps: EvaluateCaseDependencies): Promise<EvaluateCaseOutcome> {
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const loaded = await deps.cases.load(key);
    if (loaded.events.length === 0) return { result: 'noEvents' };
    const state = foldLicensingCase(loaded.events.map((stored) => stored.event));
    const matterCode = state.matterCode;
    const [matter, department] = await Promise.all([deps.reference.matter(key.department, matterCode), deps.reference.department(key.department)]);
    if (!matter || !department) throw new MissingReferenceDataError(`reference data missing for ${key.department}/${matterCode}`);

    // Time only moves forward for a case: a late or out-of-order sweep never undoes a later evaluation.
    const previousAt = loaded.snapshot ? new Date(loaded.snapshot.updatedAt) : undefined;
    const at = previousAt && previousAt > asOf ? previousAt : asOf;
    const evaluation = evaluateLicensingCase(state, matter, at, deps.calendar);
    const alertChanges = reconcileAlerts({
      subject: { department: key.department, jurisdiction: department.jurisdiction, caseId: key.caseId, kind: 'licensing', matterCode },
      existing: loaded.alerts,
      findings: evaluation.findings,
      at: at.toISOString(),
    });
    const previous = loaded.snapshot;
    const snapshot: CaseSnapshot = {
      key,
      jurisdiction: department.jurisdiction,
      matterCode,
      kind: 'licensing',
      stateVersion: (previous?.stateVersion ?? 0) + 1,
      lastSequence: state.lastSequence,
      eventCount: state.eventCount,
      stage: licensingStage(state),
      nextCheckAt: evaluation.nextCheckAt,
      deadlines: evaluation.deadlines,
      updatedAt: at.toISOString(),
    };
    const unchanged =
      previous !== undefined &&
      alertChanges.length === 0 &&
      previous.lastSequence === snapshot.lastSequence &&
      previous.eventCount === snapshot.eventCount &&
      previous.nextCheckAt === snapshot.nextCheckAt &&
      previous.stage === snapshot.stage;
    if (unchanged) return { result: 'unchanged' };
    try {
      await deps.cases.commit({ snapshot, expectedStateVersion: previous?.stateVersion ?? 0, alertChanges });
      return {
        result: 'committed',
        raised: alertChanges.filter((c) => c.type === 'raise').length,
        updated: alertChanges.filter((c) => c.type === 'update').length,
        alerts: alertChanges.map((c) => c.alert),
      };
    } catch (error) {
      if (!(error instanceof StaleVersionError) || attempt === maxAttempts) throw error;
    }
  }
  throw new Error('unreachable');
}
