/**
 * Fires the due timers of one supervision request or case; called by the oversight sweep
 * (`shared/application/sweep-oversight-timers.ts`) for every item under `SUPERVISION#` whose
 * `dueAt` has come.
 * Primary course: load the state, let the domain compute which pending timers are due at `asOf`
 * (signals, timeline steps, overdue facts, the escalation a warning arms), and store the firing
 * alone under the version read (one small write), its signals' events marked unpublished and
 * returned for the sweep to publish, with any an earlier firing left unpublished. Fired timers
 * leave the pending list in that same write, so a second or overlapping run fires nothing; a
 * stale write throws `VersionChanged` (the sweep re-reads once).
 */
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import { fireCaseTimers } from '../../domain/supervision-cases/supervision-case.ts';
import type { SupervisionPolicy } from '../../domain/supervision-cases/supervision-policy.ts';
import { fireRequestTimers } from '../../domain/supervision-cases/supervision-request.ts';
import { supervisionSignalEvents } from '../../domain/supervision-cases/supervision-signal-events.ts';
import type { Clock } from '../ports.ts';
import { leftOverEvents, type TimerFiring } from '../sweep-oversight-timers.ts';
import { calendarOf, type CalendarSource } from './supervision-dependencies.ts';
import type { SupervisionRepository } from './supervision-repository.ts';

/**
 * What the sweep passes. Build once per cold start:
 * `{ supervision: new DynamoDbSupervisionRepository(client, OVERSIGHT_TABLE), calendar: new
 * CalendarProvider(new DynamoDbCalendarStore(client, REFERENCE_TABLE)) (or stateCouncilCalendar),
 * policy: supervisionPolicyFrom(readEnvironment(SupervisionEnvironment)) }`.
 */
export interface SupervisionTimerDependencies {
  readonly supervision: SupervisionRepository;
  /** The calendar in force; the escalation a warning arms is counted with it. */
  readonly calendar: WorkingDayCalendar | CalendarSource;
  /** Not read: `asOf` is the firing instant. Accepted so one dependency object serves every aggregate. */
  readonly clock?: Clock;
  readonly policy: SupervisionPolicy;
}

export function supervisionTimerFiring(deps: SupervisionTimerDependencies): TimerFiring {
  return async (number, asOf) => {
    const at = asOf.toISOString();
    const loaded = await deps.supervision.itemForSweep(number);
    if (!loaded) return { fired: 0 };
    const { unpublishedEventIds, ...item } = loaded;
    const leftOver =
      unpublishedEventIds.length === 0
        ? []
        : leftOverEvents(
            supervisionSignalEvents(undefined, item).filter((event) => unpublishedEventIds.includes(event.eventId)),
            asOf,
          );
    const nothingFired = { fired: 0, ...(leftOver.length > 0 ? { events: leftOver } : {}) };
    switch (item.item) {
      case 'request': {
        const request = item.state;
        const { state, fired, firing } = fireRequestTimers(request, at);
        if (fired === 0 || !firing) return nothingFired;
        const events = supervisionSignalEvents(request, { item: 'request', state });
        await deps.supervision.saveFiring({ item: 'request', state, expectedVersion: request.version, firing, events });
        return { fired, events: [...leftOver, ...events] };
      }
      case 'case': {
        const found = item.state;
        const { state, fired, firing } = fireCaseTimers(found, at, await calendarOf(deps.calendar), deps.policy);
        if (fired === 0 || !firing) return nothingFired;
        const events = supervisionSignalEvents(found, { item: 'case', state });
        await deps.supervision.saveFiring({ item: 'case', state, expectedVersion: found.version, firing, events });
        return { fired, events: [...leftOver, ...events] };
      }
    }
  };
}
