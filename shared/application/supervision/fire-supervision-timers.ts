/**
 * Fires the due timers of one supervision request or case; called by the oversight sweep
 * (`shared/application/sweep-oversight-timers.ts`) for every item under `SUPERVISION#` whose
 * `dueAt` has come.
 * Primary course: load the state, let the domain compute which pending timers are due at `asOf`
 * (signals, timeline steps, overdue facts, the escalation a warning arms), and store it under the
 * version read with the signals' events in the outbox (returned for the sweep to publish). Fired timers leave the pending list in that same write, so a second or
 * overlapping run fires nothing; a stale write throws `StaleVersionError` (the sweep re-reads once).
 */
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import { fireCaseTimers } from '../../domain/supervision-cases/supervision-case.ts';
import { supervisionItemKind } from '../../domain/supervision-cases/supervision-numbers.ts';
import type { SupervisionPolicy } from '../../domain/supervision-cases/supervision-policy.ts';
import { fireRequestTimers } from '../../domain/supervision-cases/supervision-request.ts';
import { supervisionSignalEvents } from '../../domain/supervision-cases/supervision-signal-events.ts';
import type { Clock } from '../ports.ts';
import type { TimerFiring } from '../sweep-oversight-timers.ts';
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
    switch (supervisionItemKind(number)) {
      case 'request': {
        const request = await deps.supervision.request(number);
        if (!request) return { fired: 0 };
        const { state, steps, fired } = fireRequestTimers(request, at);
        if (fired === 0) return { fired };
        const events = supervisionSignalEvents(request, { item: 'request', state });
        await deps.supervision.saveRequest({ state, steps, expectedVersion: request.version, events });
        return { fired, events };
      }
      case 'case': {
        const found = await deps.supervision.supervisionCase(number);
        if (!found) return { fired: 0 };
        const { state, steps, fired } = fireCaseTimers(found, at, await calendarOf(deps.calendar), deps.policy);
        if (fired === 0) return { fired };
        const events = supervisionSignalEvents(found, { item: 'case', state });
        await deps.supervision.saveCase({ state, steps, expectedVersion: found.version, events });
        return { fired, events };
      }
      default:
        return { fired: 0 };
    }
  };
}
