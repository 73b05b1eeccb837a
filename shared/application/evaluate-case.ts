/**
 * Bring a case's stored snapshot and alerts in line with its events as of an instant.
 * Primary course: load the case (events, snapshot, alerts) in one query, add the incoming event
 * if it is new, fold the events in sequence order, evaluate the matter's rules, reconcile the
 * alerts, and commit the new event, the snapshot and the alert changes in one transaction under
 * the snapshot's version. A concurrent writer makes the commit fail; the evaluation is then
 * redone on fresh data, so every effect happens exactly once.
 * Used by the record processor (with the incoming record, as of now) and by the deadline sweep
 * (as of the sweep's time).
 */
import type { Alert } from '../domain/alerts/alert.ts';
import { alertEventsFor, type AlertEvent } from '../domain/alerts/alert-events.ts';
import { defaultEscalationPolicy, escalateUnanswered, type EscalationPolicy } from '../domain/alerts/escalation.ts';
import { reconcileAlerts, type AlertChange } from '../domain/alerts/reconcile-alerts.ts';
import type { WorkingDayCalendar } from '../domain/calendar/working-day-calendar.ts';
import { builtInFamilies, type RecordFamilyRegistry } from '../domain/records/record-families.ts';
import { StaleVersionError } from '../http/errors.ts';
import type { CaseKey } from './case-key.ts';
import type { CaseRepository, CaseSnapshot, CatalogueRepository, FeedStatus, ReferenceReader, StoredEvent } from './ports.ts';
import { applyFeedHold, heldRecheckMs } from '../domain/alerts/feed-hold.ts';
import { epochMillisOf, shanghaiDate } from '../domain/calendar/local-date.ts';
import { firstAwaitedYear } from '../domain/calendar/provisional-deadlines.ts';

export interface EvaluateCaseDependencies {
  readonly cases: CaseRepository;
  readonly reference: ReferenceReader;
  readonly calendar: WorkingDayCalendar;
  /** How long unanswered signals wait before they grow; the default when absent. */
  readonly escalation?: EscalationPolicy;
  /** Built-in and configured record kinds; the built-in ones when absent. */
  readonly families?: RecordFamilyRegistry;
  /** Feed freshness: time-driven signals are held while the department's feed is stale; never held when absent. */
  readonly feeds?: Pick<FeedStatus, 'state'>;
  /** Versioned catalogue: the matter version in force when the case started; the current matter when absent. */
  readonly matterVersions?: Pick<CatalogueRepository, 'matterAt'>;
}

/** The Shanghai date of a case's earliest event: the day whose catalogue version judges it. */
const startedOn = (events: readonly StoredEvent[]): string =>
  shanghaiDate(events.reduce((earliest, e) => (epochMillisOf(e.event.occurredAt) < epochMillisOf(earliest) ? e.event.occurredAt : earliest), events[0]?.event.occurredAt ?? new Date().toISOString()));

/** Reconciled alert writes, then escalations by time folded into them (one write per alert). */
function withEscalations(loaded: readonly Alert[], changes: readonly AlertChange[], at: string, deps: EvaluateCaseDependencies): { changes: AlertChange[]; nextEscalationAt: string | null } {
  const current = new Map(loaded.map((alert) => [alert.ruleId, alert]));
  const byRule = new Map(changes.map((change) => [change.alert.ruleId, change]));
  for (const change of changes) current.set(change.alert.ruleId, change.alert);
  const { escalated, nextEscalationAt } = escalateUnanswered([...current.values()], at, deps.calendar, deps.escalation ?? defaultEscalationPolicy);
  for (const alert of escalated) {
    const earlier = byRule.get(alert.ruleId);
    const stored = loaded.find((a) => a.ruleId === alert.ruleId);
    byRule.set(
      alert.ruleId,
      earlier?.type === 'raise' ? { type: 'raise', alert } : { type: 'update', alert, expectedVersion: earlier?.type === 'update' ? earlier.expectedVersion : (stored?.version ?? 0) },
    );
  }
  return { changes: [...byRule.values()], nextEscalationAt };
}

/** Most members of a cross-case group read per evaluation (the newest). */
const crossCaseMemberLimit = 500;

/** The group's stored members with this case's current facts in place of its stored ones. */
async function groupMembers(key: CaseKey, membership: { group: string; facts: Readonly<Record<string, unknown>> }, deps: EvaluateCaseDependencies) {
  const stored = await deps.cases.crossCaseMembers(key.department, key.kind, membership.group, crossCaseMemberLimit);
  return [...stored.filter((member) => member.caseId !== key.caseId), { caseId: key.caseId, facts: membership.facts }];
}

const earliest = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a < b ? a : b);

/** What became of the incoming event: new, a re-delivery, or a different event under a used sequence (the stored one is kept). */
export type IncomingOutcome = 'stored' | 'duplicate' | 'conflict';

export type EvaluateCaseOutcome =
  | {
      readonly result: 'committed';
      readonly incoming: readonly IncomingOutcome[];
      readonly raised: number;
      readonly updated: number;
      readonly alerts: readonly Alert[];
      /** Alert events written to the outbox with the commit, for the caller to publish. */
      readonly alertEvents: readonly AlertEvent[];
    }
  | { readonly result: 'unchanged'; readonly incoming: readonly IncomingOutcome[] }
  | { readonly result: 'noEvents' };

/** Missing reference data is not the caller's fault at this stage: the message is retried, then dead-lettered. */
export class MissingReferenceDataError extends Error {}

const maxAttempts = 12;
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));

/** What happens to each incoming event against the stored ones (and earlier incoming ones). */
function classifyIncoming(stored: readonly StoredEvent[], incoming: readonly StoredEvent[]): { outcomes: IncomingOutcome[]; newEvents: StoredEvent[] } {
  const known = new Map(stored.map((e) => [e.event.sequence, e.contentHash]));
  const newEvents: StoredEvent[] = [];
  const outcomes = incoming.map((event): IncomingOutcome => {
    const hash = known.get(event.event.sequence);
    if (hash !== undefined) return hash === event.contentHash ? 'duplicate' : 'conflict';
    known.set(event.event.sequence, event.contentHash);
    newEvents.push(event);
    return 'stored';
  });
  return { outcomes, newEvents };
}

/**
 * Evaluates the case as of `asOf`, adding `incoming` events (all of the same case) that are new
 * to it. Several incoming events are folded and committed together: one evaluation, one
 * transaction, no alert raised by a half-delivered batch.
 */
export async function evaluateCase(key: CaseKey, asOf: Date, deps: EvaluateCaseDependencies, incoming: readonly StoredEvent[] = []): Promise<EvaluateCaseOutcome> {
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const loaded = await deps.cases.load(key);
    const { outcomes, newEvents } = classifyIncoming(loaded.events, incoming);
    const events = [...loaded.events, ...newEvents];
    if (events.length === 0) return { result: 'noEvents' };

    const family = (deps.families ?? builtInFamilies).familyOf(key.kind);
    if (!family) throw new MissingReferenceDataError(`no record family ${key.kind}`);
    const state = family.fold(events.map((e) => e.event));
    const summary = family.summarize(state);
    const matterCode = summary.matterCode;
    const [inForce, department] = await Promise.all([deps.matterVersions?.matterAt(key.department, matterCode, startedOn(events)), deps.reference.department(key.department)]);
    const storedMatter = inForce?.matter ?? (await deps.reference.matter(key.department, matterCode));
    const matter = storedMatter?.kind === key.kind ? family.matterSchema.safeParse(storedMatter) : undefined;
    if (!matter?.success || !department) throw new MissingReferenceDataError(`reference data missing or invalid for ${key.department}/${key.kind}/${matterCode}`);

    // Time only moves forward for a case: a late or out-of-order sweep never undoes a later evaluation.
    const previous = loaded.snapshot;
    const previousAt = previous ? new Date(previous.updatedAt) : undefined;
    const at = previousAt && previousAt > asOf ? previousAt : asOf;
    const own = family.evaluate(state, matter.data, at, deps.calendar);
    const membership = family.crossCase?.membership(state);
    const crossCaseFindings = membership && family.crossCase ? family.crossCase.findings(state, matter.data, await groupMembers(key, membership, deps), at) : [];
    const evaluation = { ...own, findings: [...own.findings, ...crossCaseFindings] };
    const reconciled = reconcileAlerts({
      subject: { department: key.department, jurisdiction: department.jurisdiction, caseId: key.caseId, kind: key.kind, matterCode },
      existing: loaded.alerts,
      findings: evaluation.findings,
      at: at.toISOString(),
      newRecords: newEvents.map((e) => ({ sequence: e.event.sequence, occurredAt: e.event.occurredAt })),
    });
    const escalations = withEscalations(loaded.alerts, reconciled, at.toISOString(), deps);
    const feed = deps.feeds ? await deps.feeds.state(key.department, at) : { stale: false };
    const alertChanges = applyFeedHold(escalations.changes, loaded.alerts, feed, at.toISOString());
    const holding = feed.stale && [...loaded.alerts, ...alertChanges.map((c) => c.alert)].some((a) => a.status === 'held');
    const nextEscalationAt = earliest(escalations.nextEscalationAt, holding ? new Date(at.getTime() + heldRecheckMs).toISOString() : null);
    const snapshot: CaseSnapshot = {
      key,
      jurisdiction: department.jurisdiction,
      matterCode,
      kind: key.kind,
      stateVersion: (previous?.stateVersion ?? 0) + 1,
      lastSequence: summary.lastSequence,
      eventCount: summary.eventCount,
      stage: summary.stage,
      nextCheckAt: earliest(evaluation.nextCheckAt, nextEscalationAt),
      startedOn: startedOn(events),
      ...(membership ? { crossCase: membership } : {}),
      awaitingCalendarYear: firstAwaitedYear(deps.calendar, evaluation.deadlines, Number(startedOn(events).slice(0, 4))) ?? null,
      deadlines: evaluation.deadlines,
      updatedAt: at.toISOString(),
    };
    const unchanged =
      newEvents.length === 0 &&
      previous !== undefined &&
      alertChanges.length === 0 &&
      previous.lastSequence === snapshot.lastSequence &&
      previous.eventCount === snapshot.eventCount &&
      previous.nextCheckAt === snapshot.nextCheckAt &&
      previous.awaitingCalendarYear === snapshot.awaitingCalendarYear &&
      previous.startedOn === snapshot.startedOn &&
      previous.stage === snapshot.stage;
    if (unchanged) return { result: 'unchanged', incoming: outcomes };
    try {
      const previousAlerts = new Map(loaded.alerts.map((alert) => [alert.ruleId, alert]));
      const alertEvents = alertChanges.flatMap((change) => alertEventsFor(previousAlerts.get(change.alert.ruleId), change.alert));
      await deps.cases.commit({ snapshot, expectedStateVersion: previous?.stateVersion ?? 0, alertChanges, newEvents, alertEvents });
      return {
        result: 'committed',
        incoming: outcomes,
        raised: alertChanges.filter((c) => c.type === 'raise').length,
        updated: alertChanges.filter((c) => c.type === 'update').length,
        alerts: alertChanges.map((c) => c.alert),
        alertEvents,
      };
    } catch (error) {
      if (!(error instanceof StaleVersionError) || attempt === maxAttempts) throw error;
      await backoff(attempt);
    }
  }
  throw new Error('unreachable');
}
