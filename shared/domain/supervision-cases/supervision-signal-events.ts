/**
 * The signals supervision timers raise (prompt, warning, correction; to the supervisors, the
 * responsible department or the superior level) as events for the bus. A case that stayed
 * overdue is escalated: its correction signals are `SupervisionCaseEscalated`, the others
 * `SupervisionSignalRaised`. Versioned (`detail.version`), with a deterministic `eventId`
 * (`<number>/signal/<n>`: the n-th signal of the request or case; signals are only ever appended,
 * so n never changes). No personal data: numbers, places, levels and instants only.
 * Schemas and meaning: docs/events.md.
 */
import type { SupervisionCase } from './supervision-case.ts';
import type { SupervisionRequest } from './supervision-request.ts';
import { supervisionRules, type SignalAudience, type SupervisionRule, type SupervisionSignal } from './supervision-signals.ts';

export const supervisionEventSource = 'e-supervision.supervision';
export const supervisionEventVersion = 1;
export const supervisionSignalRaised = 'SupervisionSignalRaised';
export const supervisionCaseEscalated = 'SupervisionCaseEscalated';

export interface SupervisionSignalEvent {
  /** `<number>/signal/<n>` (1-based), e.g. `DB-2026-0007/signal/2`: unique and stable. */
  readonly eventId: string;
  readonly source: typeof supervisionEventSource;
  readonly detailType: typeof supervisionSignalRaised | typeof supervisionCaseEscalated;
  /** When the signal was raised (the sweep's firing instant). */
  readonly occurredAt: string;
  readonly detail: {
    readonly version: typeof supervisionEventVersion;
    readonly eventId: string;
    readonly signal: {
      /** `request` (awaiting the supervisors' decision) or `case`. */
      readonly item: 'request' | 'case';
      readonly number: string;
      /** Whose supervisors own the item: a district id or `city`. */
      readonly jurisdiction: string;
      /** The department addressed, for a signal to a department. */
      readonly department?: string;
      readonly rule: SupervisionRule;
      readonly level: SupervisionSignal['level'];
      readonly addressee: SignalAudience['kind'];
      /** The superior level a signal to it escalates to (`city`, `cityGovernment`). */
      readonly escalatedTo?: string;
      /** The deadline the signal is about (Shanghai date). */
      readonly deadline: string;
      readonly raisedAt: string;
    };
  };
}

type Aggregate = { readonly item: 'request'; readonly state: SupervisionRequest } | { readonly item: 'case'; readonly state: SupervisionCase };

const numberOf = (aggregate: Aggregate): string => (aggregate.item === 'request' ? aggregate.state.requestNumber : aggregate.state.caseNumber);

function addressOf(audience: SignalAudience): { addressee: SignalAudience['kind']; department?: string; escalatedTo?: string } {
  switch (audience.kind) {
    case 'department':
      return { addressee: 'department', department: audience.department };
    case 'supervisor':
      return { addressee: 'supervisor' };
    case 'superior':
      return { addressee: 'superior', escalatedTo: audience.superior };
  }
}

/** The events for the signals `after` has beyond `before` (all of them for a new request or case). */
export function supervisionSignalEvents(before: { readonly signals: readonly SupervisionSignal[] } | undefined, after: Aggregate): SupervisionSignalEvent[] {
  const number = numberOf(after);
  const first = before?.signals.length ?? 0;
  return after.state.signals.slice(first).map((signal, offset) => {
    const eventId = `${number}/signal/${first + offset + 1}`;
    return {
      eventId,
      source: supervisionEventSource,
      detailType: signal.rule === supervisionRules.caseOverdue ? supervisionCaseEscalated : supervisionSignalRaised,
      occurredAt: signal.raisedAt,
      detail: {
        version: supervisionEventVersion,
        eventId,
        signal: {
          item: after.item,
          number,
          jurisdiction: after.state.jurisdiction,
          rule: signal.rule,
          level: signal.level,
          ...addressOf(signal.audience),
          deadline: signal.deadline,
          raisedAt: signal.raisedAt,
        },
      },
    };
  });
}
