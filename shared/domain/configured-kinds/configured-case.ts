/**
 * A case of a configured kind as the fold of its events. The rules of a configured kind only ask
 * whether an event happened, when, and with which values, so the state keeps the first occurrence
 * of each event in the department's sequence order; any arrival order gives the same state.
 */
import { epochMillisOf, type EpochMillis } from '../calendar/local-date.ts';
import { distinctInSequence } from '../records/distinct-in-sequence.ts';
import type { ConfiguredEvent, ConfiguredFieldValue } from './configured-event.ts';
import type { KindDefinition } from './kind-definition.ts';

/**
 * The first occurrence of an event in a case. Its instant is epoch milliseconds, read once by the
 * fold from the event's ISO text: clocks count days from it at every evaluation, and text with
 * different offsets (`…+08:00`, `…Z`) does not even compare in time order.
 */
export interface ConfiguredOccurrence {
  readonly sequence: number;
  readonly occurredAt: EpochMillis;
  /**
   * The event's declared fields, as pushed: an `instant` field stays ISO text, since no rule
   * reads one (a band needs a number, a clock the events' own instants).
   */
  readonly fields: Readonly<Record<string, ConfiguredFieldValue>>;
}

/** A sequence sent with two or more different events; the one kept is named. */
export interface ConfiguredConflict {
  readonly sequence: number;
  readonly event: string;
}

/** The folded state of a case of a configured kind (JSON-serialisable). */
export interface ConfiguredCaseState {
  readonly kind: string;
  readonly department: string;
  readonly caseId: string;
  /** Matter code of the latest event (a department may correct it). */
  readonly matterCode: string;
  /** First occurrence of each event that happened, by event name (own properties only). */
  readonly occurrences: Readonly<Record<string, ConfiguredOccurrence>>;
  /** Event name of the last event in sequence order. */
  readonly lastEvent: string;
  readonly lastSequence: number;
  /** Distinct sequences folded. */
  readonly eventCount: number;
  /** In sequence order. */
  readonly conflicts: readonly ConfiguredConflict[];
}

/** The first occurrence of `event` in `state`, if it happened. */
export function occurrenceOf(state: ConfiguredCaseState, event: string): ConfiguredOccurrence | undefined {
  // Own properties only: an event named `constructor` must not find Object.prototype's.
  return Object.hasOwn(state.occurrences, event) ? state.occurrences[event] : undefined;
}

/**
 * The fold of a configured kind: order-tolerant and idempotent (duplicates of a sequence count
 * once). The returned function throws a `RangeError` when `events` is empty or mixes cases.
 */
export function configuredCaseFold(definition: KindDefinition): (events: readonly ConfiguredEvent[]) => ConfiguredCaseState {
  const declaredFields = new Map(definition.events.map(({ event, fields = {} }) => [event, Object.keys(fields)]));
  return (events) => {
    const { ordered, conflicts } = distinctInSequence(events);
    const first = ordered[0];
    const last = ordered.at(-1);
    if (first === undefined || last === undefined) throw new RangeError(`a ${definition.kind} case needs at least one event`);
    const occurrences: Record<string, ConfiguredOccurrence> = {};
    for (const event of ordered) {
      if (event.kind !== first.kind || event.department !== first.department || event.caseId !== first.caseId) {
        throw new RangeError(`events of different cases folded together: ${first.caseId} and ${event.caseId}`);
      }
      if (Object.hasOwn(occurrences, event.event)) continue;
      const fields: Record<string, ConfiguredFieldValue> = {};
      for (const name of declaredFields.get(event.event) ?? []) {
        const value = event[name];
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[name] = value;
      }
      occurrences[event.event] = { sequence: event.sequence, occurredAt: epochMillisOf(event.occurredAt), fields };
    }
    return {
      kind: first.kind,
      department: first.department,
      caseId: first.caseId,
      matterCode: last.matterCode,
      occurrences,
      lastEvent: last.event,
      lastSequence: last.sequence,
      eventCount: ordered.length,
      conflicts: conflicts.map(({ sequence, kept }) => ({ sequence, event: kept.event })),
    };
  };
}
