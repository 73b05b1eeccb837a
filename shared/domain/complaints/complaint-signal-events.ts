/**
 * The signals a complaint's clocks raise (Art. 18: prompt, warning, correction) as events for the
 * bus, so notification channels can tell the supervisor, the department handling it or the
 * superior level. Versioned (`detail.version`), with a deterministic `eventId`
 * (`<receiptNumber>/<timerId>`: a timer fires once, so a consumer that sees an id twice knows it
 * is the same signal). No personal data: the receipt number, places, levels and instants only.
 * Schemas and meaning: docs/events.md.
 */
import type { Complaint, ComplaintSignal } from './complaint.ts';

export const complaintEventSource = 'e-supervision.complaints';
export const complaintEventVersion = 1;
export const complaintSignalRaised = 'ComplaintSignalRaised';

export interface ComplaintSignalEvent {
  /** `<receiptNumber>/<timerId>`, e.g. `TS20261009ABCDEFGH/acceptance-1:prompt`: unique and stable. */
  readonly eventId: string;
  readonly source: typeof complaintEventSource;
  readonly detailType: typeof complaintSignalRaised;
  /** When the signal was raised (the sweep's firing instant). */
  readonly occurredAt: string;
  readonly detail: {
    readonly version: typeof complaintEventVersion;
    readonly eventId: string;
    readonly signal: {
      readonly receiptNumber: string;
      /** Whose supervisors handle the complaint: a district id or `city`. */
      readonly jurisdiction: string;
      /** The department that must act, for a clock run by a department. */
      readonly department?: string;
      readonly clock: ComplaintSignal['clock'];
      readonly round: number;
      readonly timerId: string;
      readonly level: ComplaintSignal['level'];
      readonly addressee: ComplaintSignal['addressee'];
      /** The level a signal was escalated to (the jurisdiction above, or the supervisors above a department). */
      readonly escalatedTo?: string;
      /** The deadline the signal is about (Shanghai date). */
      readonly deadline: string;
      readonly dueAt: string;
      readonly raisedAt: string;
    };
  };
}

/**
 * The events for the signals `after` has and `before` did not (all of them for a new complaint).
 * A signal is known by its timer (`<clock>-<round>:<level>`), fired once, so re-firing gives nothing.
 */
export function complaintSignalEvents(
  before: Pick<Complaint, 'signals'> | undefined,
  after: Pick<Complaint, 'receiptNumber' | 'jurisdiction' | 'signals'>,
): ComplaintSignalEvent[] {
  const known = new Set((before?.signals ?? []).map((signal) => signal.timerId));
  return after.signals
    .filter((signal) => !known.has(signal.timerId))
    .map((signal) => {
      const eventId = `${after.receiptNumber}/${signal.timerId}`;
      return {
        eventId,
        source: complaintEventSource,
        detailType: complaintSignalRaised,
        occurredAt: signal.raisedAt,
        detail: {
          version: complaintEventVersion,
          eventId,
          signal: {
            receiptNumber: after.receiptNumber,
            jurisdiction: after.jurisdiction,
            ...(signal.department === undefined ? {} : { department: signal.department }),
            clock: signal.clock,
            round: signal.round,
            timerId: signal.timerId,
            level: signal.level,
            addressee: signal.addressee,
            ...(signal.escalatedTo === undefined ? {} : { escalatedTo: signal.escalatedTo }),
            deadline: signal.deadline,
            dueAt: signal.dueAt,
            raisedAt: signal.raisedAt,
          },
        },
      };
    });
}
