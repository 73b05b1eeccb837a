/**
 * The case engine's decision: from a case as stored, the records arriving for it, and what was
 * gathered for it (its matter in force, its jurisdiction, its cross-case group, its department's
 * feed), as of an instant, to what must be committed — the new events, the new state, the alert
 * changes with their events — or nothing. Pure: no I/O, the same inputs always decide the same.
 *
 * It comes in two steps because what must be gathered depends on the case itself: `readCase`
 * folds the stored and incoming events (which tells the matter, the day the case started and its
 * cross-case group), then, once those are gathered, `decideCase` evaluates and reconciles.
 */
import type { Alert } from '../alerts/alert.ts';
import { alertEventsFor } from '../alerts/alert-events.ts';
import { defaultEscalationPolicy, escalateUnanswered, type EscalationPolicy } from '../alerts/escalation.ts';
import { applyFeedHold, heldRecheckMs, type FeedState } from '../alerts/feed-hold.ts';
import { withAnswerDue } from '../alerts/answer-due.ts';
import { reconcileAlerts, type AlertChange } from '../alerts/reconcile-alerts.ts';
import { epochMillisOf, shanghaiDate } from '../calendar/local-date.ts';
import { firstAwaitedYear } from '../calendar/provisional-deadlines.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { CaseKey } from '../records/case-key.ts';
import type { AnyRecordFamily } from '../records/record-families.ts';
import type { CaseSummary } from '../records/record-family.ts';
import { caseOfficial } from '../records/case-official.ts';
import {
  caseContribution,
  commitDeltas,
  timeLimitOf,
  type MatterDelta,
  type ReportedRecord,
  type StatisticsContribution,
} from '../statistics/case-contribution.ts';
import { signalAnswerDeltas } from '../statistics/signal-answer-contribution.ts';
import { defaultReportingSettings, reportingFindings, reportingRuleIds, type ReceivedRecord, type ReportingSettings } from '../reporting/reporting-findings.ts';
import type { CaseCommit, CaseSnapshot, LoadedCase, StoredEvent } from './stored-case.ts';

/** What became of an incoming event: new, a re-delivery, or a different event under a used sequence (the stored one is kept). */
export type IncomingOutcome = 'stored' | 'duplicate' | 'conflict';

/** A member of a cross-case group: a case id and the facts it contributes. */
export interface CrossCaseMember {
  readonly caseId: string;
  readonly facts: Readonly<Record<string, unknown>>;
}

/** A case's events folded, stored and incoming together: what the gathering needs to know of it. */
export interface CaseReading {
  /** Per incoming event, in the order given. */
  readonly incoming: readonly IncomingOutcome[];
  /** Incoming events new to the case, in the order given. */
  readonly newEvents: readonly StoredEvent[];
  /** The family's folded state of every event. */
  readonly state: unknown;
  readonly summary: CaseSummary;
  /** Shanghai date of the earliest event: the day whose catalogue version judges the case. */
  readonly startedOn: string;
  /** The cross-case group the case joins, if its family has such rules and it contributes. */
  readonly membership?: { readonly group: string; readonly order: string; readonly facts: Readonly<Record<string, unknown>> };
}

/** Everything a decision needs beyond the case itself, gathered for it. */
export interface GatheredCase {
  readonly key: CaseKey;
  readonly stored: LoadedCase;
  readonly reading: CaseReading;
  readonly family: AnyRecordFamily;
  /** The matter in force on the day the case started, parsed by the family's schema. */
  readonly matter: unknown;
  readonly jurisdiction: string;
  /** The stored members of the case's cross-case group (this case's stored entry included or not). */
  readonly groupMembers: readonly CrossCaseMember[];
  /** The department's feed at the decision's instant (`decisionInstant`). */
  readonly feed: FeedState;
  /** The department's connection date (Shanghai day), if its profile states one: acts before it are backfill, never late. */
  readonly connectedOn?: string;
}

/** The deployment's rules of time: the calendar and how long unanswered signals wait before they grow. */
export interface DecisionPolicy {
  readonly calendar: WorkingDayCalendar;
  readonly escalation?: EscalationPolicy;
  /** When a record is late and a missing stage incomplete (Art. 24(4)); the 24-hour standard when absent. */
  readonly reporting?: ReportingSettings;
}

export type CaseDecision =
  | { readonly outcome: 'unchanged'; readonly incoming: readonly IncomingOutcome[] }
  | {
      readonly outcome: 'commit';
      readonly incoming: readonly IncomingOutcome[];
      readonly commit: CaseCommit;
      readonly raised: number;
      readonly updated: number;
    };

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

const startedOn = (events: readonly StoredEvent[]): string =>
  shanghaiDate(
    events.reduce(
      (earliest, e) => (epochMillisOf(e.event.occurredAt) < epochMillisOf(earliest) ? e.event.occurredAt : earliest),
      (events[0] as StoredEvent).event.occurredAt,
    ),
  );

/** Folds a case's stored and incoming events; undefined when it has none (nothing to decide). */
export function readCase(family: AnyRecordFamily, stored: LoadedCase, incoming: readonly StoredEvent[]): CaseReading | undefined {
  const { outcomes, newEvents } = classifyIncoming(stored.events, incoming);
  const events = [...stored.events, ...newEvents];
  if (events.length === 0) return undefined;
  const state = family.fold(events.map((e) => e.event));
  const membership = family.crossCase?.membership(state);
  return { incoming: outcomes, newEvents, state, summary: family.summarize(state), startedOn: startedOn(events), ...(membership ? { membership } : {}) };
}

/** Time only moves forward for a case: a late or out-of-order sweep never undoes a later evaluation. */
export function decisionInstant(stored: LoadedCase, asOf: Date): Date {
  const previousAt = stored.snapshot ? new Date(stored.snapshot.updatedAt) : undefined;
  return previousAt && previousAt > asOf ? previousAt : asOf;
}

const earliest = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a < b ? a : b);

/** Reconciled alert writes, then escalations by time folded into them (one write per alert). */
function withEscalations(
  loaded: readonly Alert[],
  changes: readonly AlertChange[],
  at: string,
  policy: DecisionPolicy,
): { changes: AlertChange[]; nextEscalationAt: string | null } {
  const current = new Map(loaded.map((alert) => [alert.ruleId, alert]));
  const byRule = new Map(changes.map((change) => [change.alert.ruleId, change]));
  for (const change of changes) current.set(change.alert.ruleId, change.alert);
  const { escalated, nextEscalationAt } = escalateUnanswered([...current.values()], at, policy.calendar, policy.escalation ?? defaultEscalationPolicy);
  for (const alert of escalated) {
    const earlier = byRule.get(alert.ruleId);
    const stored = loaded.find((a) => a.ruleId === alert.ruleId);
    byRule.set(
      alert.ruleId,
      earlier?.type === 'raise'
        ? { type: 'raise', alert }
        : { type: 'update', alert, expectedVersion: earlier?.type === 'update' ? earlier.expectedVersion : (stored?.version ?? 0) },
    );
  }
  return { changes: [...byRule.values()], nextEscalationAt };
}

/** What the rules look at: the case read, with its family and group. */
export type RuleInputs = Pick<GatheredCase, 'key' | 'family' | 'reading' | 'groupMembers'>;

/** The group's stored members with this case's current facts in place of its stored ones. */
function membersWithThisCase(gathered: RuleInputs): CrossCaseMember[] {
  const membership = gathered.reading.membership;
  if (!membership) return [];
  return [...gathered.groupMembers.filter((member) => member.caseId !== gathered.key.caseId), { caseId: gathered.key.caseId, facts: membership.facts }];
}

/** Findings of the case's own rules and of its cross-case group, as of `at`. */
export function findingsOf(gathered: RuleInputs, matter: unknown, at: Date, calendar: WorkingDayCalendar) {
  const { family, reading } = gathered;
  const own = family.evaluate(reading.state, matter, at, calendar);
  const crossCase = reading.membership && family.crossCase ? family.crossCase.findings(reading.state, matter, membersWithThisCase(gathered), at) : [];
  return { ...own, findings: [...own.findings, ...crossCase] };
}

/** A stored record as the reporting rules and the statistics read it: which it is, when the act happened, when its record arrived. */
export const receivedRecord = (stored: StoredEvent): ReceivedRecord & ReportedRecord => ({
  sequence: stored.event.sequence,
  event: stored.event.event,
  occurredAt: stored.event.occurredAt,
  receivedAt: stored.receivedAt,
});

/** What the case contributes to the statistics once the decision is committed: its summary and limits, and its alerts as changed. */
function statisticsAfter(
  reading: CaseReading,
  deadlines: Readonly<Record<string, unknown>>,
  stored: LoadedCase,
  changes: readonly AlertChange[],
  at: string,
  policy: DecisionPolicy,
): StatisticsContribution {
  const changed = new Map(changes.map((change) => [change.alert.ruleId, change.alert]));
  const after = [...stored.alerts.filter((alert) => !changed.has(alert.ruleId)), ...changed.values()];
  return caseContribution(
    {
      startedOn: reading.startedOn,
      completedAt: reading.summary.completedAt ?? null,
      timeLimit: timeLimitOf(deadlines),
      alerts: after,
      asOf: at,
      records: [...stored.events, ...reading.newEvents].map(receivedRecord),
    },
    policy.calendar,
  );
}

/** What the alerts' writes add to the counters of signals answered in time (counted per signal, not in the case's contribution). */
function signalAnswerDeltasOf(stored: readonly Alert[], changes: readonly AlertChange[]): MatterDelta[] {
  const before = new Map(stored.map((alert) => [alert.ruleId, alert]));
  return changes.flatMap((change) => signalAnswerDeltas(before.get(change.alert.ruleId), change.alert));
}

/** The decision for one case as of `asOf`. */
export function decideCase(gathered: GatheredCase, asOf: Date, policy: DecisionPolicy): CaseDecision {
  const { key, stored, reading } = gathered;
  const at = decisionInstant(stored, asOf);
  const evaluation = findingsOf(gathered, gathered.matter, at, policy.calendar);
  const records = [...stored.events, ...reading.newEvents].map(receivedRecord);
  const reporting = reportingFindings(
    records,
    { kind: key.kind, ...(gathered.connectedOn === undefined ? {} : { connectedOn: gathered.connectedOn }) },
    at,
    policy.reporting ?? defaultReportingSettings,
  );
  const official = caseOfficial([...stored.events, ...reading.newEvents].map((e) => e.event));
  const reconciled = reconcileAlerts({
    subject: {
      department: key.department,
      jurisdiction: gathered.jurisdiction,
      caseId: key.caseId,
      kind: key.kind,
      matterCode: reading.summary.matterCode,
      ...(official === undefined ? {} : { officialStaffId: official.staffId }),
    },
    existing: stored.alerts,
    // The family's rules and the reporting rules every family shares (Art. 24(4)).
    findings: [...evaluation.findings, ...reporting.findings],
    at: at.toISOString(),
    newRecords: reading.newEvents.map((e) => ({ sequence: e.event.sequence, occurredAt: e.event.occurredAt })),
    awaitingRecords: [reportingRuleIds.incomplete],
  });
  const escalations = withEscalations(stored.alerts, reconciled, at.toISOString(), policy);
  const escalation = policy.escalation ?? defaultEscalationPolicy;
  const alertChanges = applyFeedHold(escalations.changes, stored.alerts, gathered.feed, at.toISOString()).map((change) => ({
    ...change,
    alert: withAnswerDue(change.alert, policy.calendar, escalation),
  }));
  const holding = gathered.feed.stale && [...stored.alerts, ...alertChanges.map((c) => c.alert)].some((a) => a.status === 'held');
  const nextEscalationAt = earliest(escalations.nextEscalationAt, holding ? new Date(at.getTime() + heldRecheckMs).toISOString() : null);
  const previous = stored.snapshot;
  const snapshot: CaseSnapshot = {
    key,
    jurisdiction: gathered.jurisdiction,
    matterCode: reading.summary.matterCode,
    kind: key.kind,
    stateVersion: (previous?.stateVersion ?? 0) + 1,
    lastSequence: reading.summary.lastSequence,
    eventCount: reading.summary.eventCount,
    stage: reading.summary.stage,
    nextCheckAt: earliest(earliest(evaluation.nextCheckAt, reporting.nextCheckAt), nextEscalationAt),
    startedOn: reading.startedOn,
    ...(reading.membership ? { crossCase: reading.membership } : {}),
    awaitingCalendarYear: firstAwaitedYear(policy.calendar, evaluation.deadlines, Number(reading.startedOn.slice(0, 4))) ?? null,
    deadlines: evaluation.deadlines,
    updatedAt: at.toISOString(),
    statistics: statisticsAfter(reading, evaluation.deadlines, stored, alertChanges, at.toISOString(), policy),
  };
  const statisticsDeltas = [
    ...commitDeltas(previous, { matterCode: snapshot.matterCode, statistics: snapshot.statistics ?? {} }),
    ...signalAnswerDeltasOf(stored.alerts, alertChanges),
  ];
  const unchanged =
    reading.newEvents.length === 0 &&
    previous !== undefined &&
    alertChanges.length === 0 &&
    previous.lastSequence === snapshot.lastSequence &&
    previous.eventCount === snapshot.eventCount &&
    previous.nextCheckAt === snapshot.nextCheckAt &&
    previous.awaitingCalendarYear === snapshot.awaitingCalendarYear &&
    previous.startedOn === snapshot.startedOn &&
    previous.stage === snapshot.stage &&
    statisticsDeltas.length === 0;
  if (unchanged) return { outcome: 'unchanged', incoming: reading.incoming };
  const previousAlerts = new Map(stored.alerts.map((alert) => [alert.ruleId, alert]));
  const alertEvents = alertChanges.flatMap((change) => alertEventsFor(previousAlerts.get(change.alert.ruleId), change.alert));
  return {
    outcome: 'commit',
    incoming: reading.incoming,
    commit: {
      snapshot,
      expectedStateVersion: previous?.stateVersion ?? 0,
      alertChanges,
      newEvents: reading.newEvents,
      alertEvents,
      ...(statisticsDeltas.length === 0 ? {} : { statisticsDeltas }),
    },
    raised: alertChanges.filter((c) => c.type === 'raise').length,
    updated: alertChanges.filter((c) => c.type === 'update').length,
  };
}
