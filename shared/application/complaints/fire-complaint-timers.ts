/**
 * The complaint's part of the oversight sweep: fires its due timers once — the running clock's
 * signals, and, for a finished complaint, the erasure of its personal data at the end of the
 * retention period.
 * Primary course: load the complaint; if its retention has ended, let the domain erase its
 * personal data (the sealed fields with their wrapped key, the rating comment; a step on the
 * timeline) and store that on the version read together with the deletion of its lookup hashes
 * and sealed notices; otherwise let the domain fire every timer of its running clock that is due
 * at `asOf` and not fired yet (signals on the complaint, steps on the timeline, the next `dueAt`),
 * and store the firing alone on the version read (one small write), its events marked
 * unpublished; the events are returned for the sweep to publish. Events an earlier firing left
 * unpublished (the sweep that fired died before publishing) are returned again with them.
 * Another writer first → `VersionChanged` (the sweep reloads and retries); a second or
 * overlapping sweep finds them fired (or the data erased) and does nothing.
 */
import { fireDueTimers } from '../../domain/complaints/complaint-clock.ts';
import { complaintSignalEvents } from '../../domain/complaints/complaint-signal-events.ts';
import { erasePersonalData, personalDataErasureDue } from '../../domain/complaints/personal-data-retention.ts';
import { leftOverEvents, type TimerFiring } from '../sweep-oversight-timers.ts';
import type { ComplaintRepository } from './complaint-repository.ts';

/** The effect an erasure is named by in the sweep's audit entry and outcome. */
export const personalDataErasedEffect = 'personalDataErased';

export function complaintTimerFiring(deps: { readonly complaints: ComplaintRepository }): TimerFiring {
  return async (receiptNumber, asOf) => {
    const loaded = await deps.complaints.loadForSweep(receiptNumber);
    if (loaded === undefined) return { fired: 0 };
    const { complaint, unpublishedEventIds } = loaded;
    const leftOver =
      unpublishedEventIds.length === 0
        ? []
        : leftOverEvents(
            complaintSignalEvents(undefined, complaint).filter((event) => unpublishedEventIds.includes(event.eventId)),
            asOf,
          );
    if (personalDataErasureDue(complaint, asOf)) {
      // A whole write: it moves the left-over events to the outbox partition, which the sweep relays.
      await deps.complaints.save([{ change: erasePersonalData(complaint, asOf), expectedVersion: complaint.version, erasePersonalData: true }]);
      return { fired: 1, effects: [personalDataErasedEffect] };
    }
    const { complaint: next, fired, firing } = fireDueTimers(complaint, asOf);
    if (fired.length === 0 || firing === undefined) return { fired: 0, ...(leftOver.length > 0 ? { events: leftOver } : {}) };
    const events = complaintSignalEvents(complaint, next);
    await deps.complaints.saveFiring({ complaint: next, expectedVersion: complaint.version, firing, events });
    return { fired: fired.length, events: [...leftOver, ...events] };
  };
}
