/**
 * Turns what the rules find now into changes to a case's stored alerts (one per case and rule):
 * raise, escalate, de-escalate, revise, resolve, reopen. Idempotent: reconciling the result
 * again with the same findings yields no changes.
 */
import { englishSummary, type KnownAlertMessage } from './alert-messages.ts';
import { activeAlertStatuses, alertLevelRank, higherLevel, messageOf, type Alert, type AlertTransition, type Finding } from './alert.ts';

/** The case the alerts are about. */
export interface AlertSubject {
  readonly department: string;
  readonly jurisdiction: string;
  readonly caseId: string;
  readonly kind: string;
  readonly matterCode: string;
  /**
   * The staff id of the official the case's latest record naming one names (经办人), if any. A
   * signal raised or restated (escalated, lowered, revised, reopened) names it, and so does one
   * still active when the case changes hands (a write without a history entry: no event); a
   * resolved, withdrawn or closed signal keeps the official it named.
   */
  readonly officialStaffId?: string;
}

/** A write to make: a new alert, or a new version of an existing one (optimistic concurrency). */
export type AlertChange =
  { readonly type: 'raise'; readonly alert: Alert } | { readonly type: 'update'; readonly alert: Alert; readonly expectedVersion: number };

export interface ReconcileAlertsInput {
  readonly subject: AlertSubject;
  /** The case's stored alerts. */
  readonly existing: readonly Alert[];
  /** Findings of the latest evaluation of the case. */
  readonly findings: readonly Finding[];
  /** ISO instant of the reconciliation. */
  readonly at: string;
  /**
   * Records this evaluation added, by sequence and when they happened. One that happened before an
   * alert was raised is late data: if the alert's condition then clears, the alert was wrong and is
   * withdrawn (with that record named) rather than resolved.
   */
  readonly newRecords?: readonly { readonly sequence: number; readonly occurredAt: string }[];
  /**
   * Rules whose condition is a record that has not arrived (`reporting.incomplete`): the record
   * arriving late is the correction the signal asked for, not a proof that it was wrong, so the
   * signal is resolved, never withdrawn.
   */
  readonly awaitingRecords?: readonly string[];
}

const resolvedMessage: KnownAlertMessage = { key: 'alert.resolved', params: {} };

/** The single strongest finding per rule. */
function strongestByRule(findings: readonly Finding[]): Map<string, Finding> {
  const byRule = new Map<string, Finding>();
  for (const finding of findings) {
    const held = byRule.get(finding.ruleId);
    if (held === undefined || alertLevelRank[finding.level] > alertLevelRank[held.level]) byRule.set(finding.ruleId, finding);
  }
  return byRule;
}

/** The latest version per rule (there should be one; tolerate strays). */
function latestByRule(alerts: readonly Alert[]): Map<string, Alert> {
  const byRule = new Map<string, Alert>();
  for (const alert of alerts) {
    const held = byRule.get(alert.ruleId);
    if (held === undefined || alert.version > held.version) byRule.set(alert.ruleId, alert);
  }
  return byRule;
}

/** Copies an alert without `undefined` optional fields, which stores would reject or keep as null. */
function withoutUndefined(alert: Alert): Alert {
  const copy: Record<string, unknown> = { ...alert };
  for (const key of ['deadline', 'resolvedAt', 'escalatedLevel', 'message'] as const) if (copy[key] === undefined) delete copy[key];
  return copy as unknown as Alert;
}

function raised(subject: AlertSubject, finding: Finding, at: string): Alert {
  return withoutUndefined({
    department: subject.department,
    jurisdiction: subject.jurisdiction,
    caseId: subject.caseId,
    kind: subject.kind,
    matterCode: subject.matterCode,
    ...officialOf(subject),
    ruleId: finding.ruleId,
    ruleVersion: finding.ruleVersion,
    level: finding.level,
    findingLevel: finding.level,
    levelSince: at,
    status: 'open',
    legalBasis: finding.legalBasis,
    summary: finding.summary,
    ...messageOf(finding),
    deadline: finding.deadline,
    raisedAt: at,
    updatedAt: at,
    history: [{ at, change: 'raised', level: finding.level, summary: finding.summary, ...messageOf(finding) }],
    version: 1,
  });
}

/** The subject's official as an alert's field; nothing when the case names none. */
const officialOf = (subject: AlertSubject): { officialStaffId?: string } =>
  subject.officialStaffId === undefined ? {} : { officialStaffId: subject.officialStaffId };

/** The alert brought in line with a finding, with a history entry of kind `change`. */
function followed(subject: AlertSubject, alert: Alert, finding: Finding, requested: AlertTransition['change'], at: string): Alert {
  // A reopened signal starts afresh; otherwise an escalation by time still stands above the finding.
  const escalatedLevel = requested === 'reopened' ? undefined : alert.escalatedLevel;
  const level = higherLevel(finding.level, escalatedLevel);
  const change = requested === 'escalated' && level === alert.level ? 'revised' : requested;
  // A stronger or renewed signal asks for attention again; a revision keeps where the department is.
  const status = change === 'escalated' || change === 'reopened' ? 'open' : alert.status;
  return withoutUndefined({
    ...alert,
    ...officialOf(subject),
    ruleVersion: finding.ruleVersion,
    level,
    findingLevel: finding.level,
    escalatedLevel,
    levelSince: level === alert.level ? (alert.levelSince ?? alert.raisedAt) : at,
    status,
    legalBasis: finding.legalBasis,
    summary: finding.summary,
    message: finding.message,
    deadline: finding.deadline,
    updatedAt: at,
    resolvedAt: undefined,
    history: [...alert.history, { at, change, level, summary: finding.summary, ...messageOf(finding) }],
    version: alert.version + 1,
  });
}

function resolved(alert: Alert, at: string, lateRecord: { sequence: number; occurredAt: string } | undefined): Alert {
  const withdrawn = lateRecord !== undefined;
  const message: KnownAlertMessage = withdrawn
    ? { key: 'alert.withdrawn', params: { sequence: lateRecord.sequence, occurredAt: lateRecord.occurredAt } }
    : resolvedMessage;
  const summary = englishSummary(message);
  return withoutUndefined({
    ...alert,
    status: withdrawn ? 'withdrawn' : 'resolved',
    updatedAt: at,
    resolvedAt: at,
    history: [...alert.history, { at, change: withdrawn ? 'withdrawn' : 'resolved', level: alert.level, summary, message }],
    version: alert.version + 1,
  });
}

/** The earliest added record that happened before the alert was raised, if any. */
function lateRecordFor(alert: Alert, newRecords: ReconcileAlertsInput['newRecords']): { sequence: number; occurredAt: string } | undefined {
  const raised = Date.parse(alert.raisedAt);
  return (newRecords ?? []).filter((r) => Date.parse(r.occurredAt) < raised).sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt))[0];
}

function sameContent(alert: Alert, finding: Finding): boolean {
  return (
    alert.summary === finding.summary &&
    alert.deadline === finding.deadline &&
    alert.legalBasis === finding.legalBasis &&
    alert.ruleVersion === finding.ruleVersion
  );
}

/** What one rule's finding (or its absence) does to that rule's alert. */
function changeFor(
  subject: AlertSubject,
  alert: Alert | undefined,
  finding: Finding | undefined,
  at: string,
  newRecords: ReconcileAlertsInput['newRecords'],
): AlertChange | null {
  if (alert === undefined) return finding === undefined ? null : { type: 'raise', alert: raised(subject, finding, at) };
  const update = (next: Alert): AlertChange => ({ type: 'update', alert: next, expectedVersion: alert.version });
  const active = activeAlertStatuses.includes(alert.status);
  if (finding === undefined) return active ? update(resolved(alert, at, lateRecordFor(alert, newRecords))) : null;
  if (alert.status === 'resolved' || alert.status === 'withdrawn') return update(followed(subject, alert, finding, 'reopened', at));
  const difference = alertLevelRank[finding.level] - alertLevelRank[alert.findingLevel ?? alert.level];
  // A supervisor closed it: it stays closed unless the condition grows worse.
  if (alert.status === 'closed') return difference > 0 ? update(followed(subject, alert, finding, 'escalated', at)) : null;
  if (difference > 0) return update(followed(subject, alert, finding, 'escalated', at));
  if (difference < 0) return update(followed(subject, alert, finding, 'deescalated', at));
  // Same level: nothing to do unless what the alert cites moved (e.g. an extension moved the deadline),
  if (!sameContent(alert, finding)) return update(followed(subject, alert, finding, 'revised', at));
  // or the case changed hands: a signal still asking something names who has the case now.
  return active && subject.officialStaffId !== undefined && alert.officialStaffId !== subject.officialStaffId
    ? update({ ...alert, officialStaffId: subject.officialStaffId, updatedAt: at, version: alert.version + 1 })
    : null;
}

/**
 * The alert writes that bring a case's stored alerts in line with its current findings, ordered by
 * rule id. Pure: the caller applies them with `expectedVersion` as a condition.
 */
export function reconcileAlerts(input: ReconcileAlertsInput): AlertChange[] {
  const findings = strongestByRule(input.findings);
  const alerts = latestByRule(input.existing);
  const ruleIds = [...new Set([...alerts.keys(), ...findings.keys()])].sort();
  const changes: AlertChange[] = [];
  for (const ruleId of ruleIds) {
    const newRecords = input.awaitingRecords?.includes(ruleId) ? undefined : input.newRecords;
    const change = changeFor(input.subject, alerts.get(ruleId), findings.get(ruleId), input.at, newRecords);
    if (change !== null) changes.push(change);
  }
  return changes;
}
