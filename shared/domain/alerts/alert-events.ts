/**
 * Every change of a signal's state is an event (Art. 18 notifications): `AlertRaised`,
 * `AlertEscalated`, `AlertResolved`, ... one per history entry the change added. Events are
 * versioned (`detail.version`) and carry a deterministic `eventId`, so a consumer that sees one
 * twice can tell. No personal data: identifiers, levels, rule citations, the actor's role id.
 * Schemas and meaning: docs/events.md.
 */
import type { Alert, AlertTransition } from './alert.ts';
import { renderMessage, type AlertMessage } from './alert-messages.ts';

export const alertEventSource = 'e-supervision.alerts';
export const alertEventVersion = 1;

const detailTypes: Record<AlertTransition['change'], string> = {
  raised: 'AlertRaised',
  escalated: 'AlertEscalated',
  deescalated: 'AlertDeescalated',
  revised: 'AlertRevised',
  resolved: 'AlertResolved',
  withdrawn: 'AlertWithdrawn',
  held: 'AlertHeld',
  released: 'AlertReleased',
  reopened: 'AlertReopened',
  acknowledged: 'AlertAcknowledged',
  responded: 'AlertResponded',
  disputed: 'AlertDisputed',
  disputeRejected: 'AlertDisputeRejected',
  disputeUpheld: 'AlertDisputeUpheld',
  closed: 'AlertClosed',
};

export const alertEventTypes: readonly string[] = Object.values(detailTypes);

export interface AlertEvent {
  /** `<department>/<kind>/<caseId>/<ruleId>/<alert version>/<history index>`: unique and stable. */
  readonly eventId: string;
  readonly detailType: string;
  readonly occurredAt: string;
  readonly detail: {
    readonly version: typeof alertEventVersion;
    readonly eventId: string;
    readonly change: AlertTransition['change'];
    readonly actor?: string;
    readonly alert: {
      readonly department: string;
      readonly jurisdiction: string;
      readonly kind: string;
      readonly caseId: string;
      readonly matterCode: string;
      /** Staff id of the responsible official (经办人) the signal names, when the department named one; never the name. */
      readonly officialStaffId?: string;
      readonly ruleId: string;
      readonly ruleVersion: number;
      readonly level: Alert['level'];
      readonly status: Alert['status'];
      readonly legalBasis: string;
      /** What changed in Chinese, for people (rendered from `message`); the English sentence where there is no message. */
      readonly summaryZh: string;
      /** The same in English: the sentence stored in the alert's history. */
      readonly summary: string;
      /** What the summaries were rendered from (a key and its parameters, and the finding it wraps); absent when the entry has none. */
      readonly message?: AlertMessage;
      readonly deadline?: string;
      readonly alertVersion: number;
    };
  };
}

const chineseSummary = (entry: AlertTransition): string => (entry.message === undefined ? null : renderMessage(entry.message, 'zh')) ?? entry.summary;

/** The events for the history entries `next` has beyond `previous` (all of them for a new alert). */
export function alertEventsFor(previous: Alert | undefined, next: Alert): AlertEvent[] {
  const added = next.history.slice(previous?.history.length ?? 0);
  const firstIndex = next.history.length - added.length;
  return added.map((entry, offset) => {
    const eventId = `${next.department}/${next.kind}/${next.caseId}/${next.ruleId}/${next.version}/${firstIndex + offset}`;
    return {
      eventId,
      detailType: detailTypes[entry.change],
      occurredAt: entry.at,
      detail: {
        version: alertEventVersion,
        eventId,
        change: entry.change,
        ...(entry.actor ? { actor: entry.actor } : {}),
        alert: {
          department: next.department,
          jurisdiction: next.jurisdiction,
          kind: next.kind,
          caseId: next.caseId,
          matterCode: next.matterCode,
          ...(next.officialStaffId === undefined ? {} : { officialStaffId: next.officialStaffId }),
          ruleId: next.ruleId,
          ruleVersion: next.ruleVersion,
          level: entry.level,
          status: next.status,
          legalBasis: next.legalBasis,
          summaryZh: chineseSummary(entry),
          summary: entry.summary,
          ...(entry.message ? { message: entry.message } : {}),
          ...(next.deadline ? { deadline: next.deadline } : {}),
          alertVersion: next.version,
        },
      },
    };
  });
}
