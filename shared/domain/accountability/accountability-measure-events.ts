/**
 * Accountability measures (问责措施, Art. 23, 24) as events for the bus: a measure issued
 * (`AccountabilityMeasureIssued`), and each step recorded on it (`AccountabilityMeasureStepRecorded`:
 * a correction reported, accepted or rejected, a criticism circulated, a referral's decision).
 * Versioned (`detail.version`), with a deterministic `eventId` (`<measure number>/<measure version>`:
 * each version of a measure is written once). No personal data and no free text: numbers,
 * department and jurisdiction ids, the type, status and item of Art. 24, the deadline, the signals
 * cited by their keys, and the acting staff member as `role:subject` (as alert events name their
 * actor) — never a name, the facts, the requirements, a report's text or evidence, or a sanction.
 * Schemas and meaning: docs/events.md.
 */
import type { AccountabilityMeasure, MeasureEntry, MeasureStatus, MeasureType, ReferralOutcome } from './accountability-measure.ts';

export const accountabilityEventSource = 'e-supervision.accountability';
export const accountabilityEventVersion = 1;
export const accountabilityMeasureIssued = 'AccountabilityMeasureIssued';
export const accountabilityMeasureStepRecorded = 'AccountabilityMeasureStepRecorded';

export interface AccountabilityMeasureEvent {
  /** `<measure number>/<measure version>`, e.g. `WZ20261205K7M2Q9/1`: unique and stable. */
  readonly eventId: string;
  readonly source: typeof accountabilityEventSource;
  readonly detailType: typeof accountabilityMeasureIssued | typeof accountabilityMeasureStepRecorded;
  /** When the measure was issued or the step recorded. */
  readonly occurredAt: string;
  readonly detail: {
    readonly version: typeof accountabilityEventVersion;
    readonly eventId: string;
    /** `role:subject` of who issued the measure or took the step. */
    readonly actor: string;
    /** What happened: `issued`, `correctionReported`, `correctionAccepted`, `correctionRejected`, `circulationRecorded`, `decisionRecorded`. */
    readonly change: MeasureEntry['change'];
    readonly measure: {
      readonly measureNumber: string;
      readonly department: string;
      /** The department's jurisdiction: whose supervisors see the measure. */
      readonly jurisdiction: string;
      /** The issuing organ's jurisdiction (a district id or `city`). */
      readonly issuerJurisdiction: string;
      readonly type: MeasureType;
      readonly status: MeasureStatus;
      /** The failing of Art. 24 ¶1 it is based on, (一)–(六) as 1–6. */
      readonly article24Item: number;
      /** An order to correct's deadline (Shanghai date). */
      readonly deadline?: string;
      /** A referral's decision, once recorded: its outcome only. */
      readonly decisionOutcome?: ReferralOutcome;
      /** The signals it is based on, by their keys. */
      readonly signals: readonly { readonly department: string; readonly kind: string; readonly caseId: string; readonly ruleId: string }[];
      readonly issuedAt: string;
      readonly measureVersion: number;
    };
  };
}

/** The event of the measure's latest version: its issue (version 1) or the step that made it. */
export function accountabilityMeasureEvent(measure: AccountabilityMeasure): AccountabilityMeasureEvent {
  const entry = measure.history.at(-1) ?? { at: measure.issuedAt, change: 'issued' as const, actor: measure.issuer.by };
  const eventId = `${measure.measureNumber}/${measure.version}`;
  return {
    eventId,
    source: accountabilityEventSource,
    detailType: entry.change === 'issued' ? accountabilityMeasureIssued : accountabilityMeasureStepRecorded,
    occurredAt: entry.at,
    detail: {
      version: accountabilityEventVersion,
      eventId,
      actor: entry.actor,
      change: entry.change,
      measure: {
        measureNumber: measure.measureNumber,
        department: measure.department,
        jurisdiction: measure.jurisdiction,
        issuerJurisdiction: measure.issuer.jurisdiction,
        type: measure.order.type,
        status: measure.status,
        article24Item: measure.article24Item,
        ...(measure.order.type === 'correctionOrder' ? { deadline: measure.order.deadline } : {}),
        ...(measure.decision ? { decisionOutcome: measure.decision.outcome } : {}),
        signals: measure.signals.map(({ department, kind, caseId, ruleId }) => ({ department, kind, caseId, ruleId })),
        issuedAt: measure.issuedAt,
        measureVersion: measure.version,
      },
    },
  };
}
