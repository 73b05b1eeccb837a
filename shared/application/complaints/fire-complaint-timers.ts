/**
 * The complaint's part of the oversight sweep: fires its due timers once — the running clock's
 * signals, and, for a finished complaint, the erasure of its personal data at the end of the
 * retention period.
 * Primary course: load the complaint; if its retention has ended, let the domain erase its
 * personal data (the sealed fields with their wrapped key, the rating comment; a step on the
 * timeline) and store that on the version read together with the deletion of its lookup hashes
 * and sealed notices; otherwise let the domain fire every timer of its running clock that is due
 * at `asOf` and not fired yet (signals on the complaint, steps on the timeline, the next `dueAt`),
 * and write that on the version read, with the signals' events in the outbox; the events are
 * returned for the sweep to publish. Another writer first → `StaleVersionError` (the sweep
 * reloads and retries); a second or overlapping sweep finds them fired (or the data erased) and
 * does nothing.
 */
import { fireDueTimers } from '../../domain/complaints/complaint-clock.ts';
import { complaintSignalEvents } from '../../domain/complaints/complaint-signal-events.ts';
import { erasePersonalData, personalDataErasureDue } from '../../domain/complaints/personal-data-retention.ts';
import type { TimerFiring } from '../sweep-oversight-timers.ts';
import type { ComplaintRepository } from './complaint-repository.ts';

/** The effect an erasure is named by in the sweep's audit entry and outcome. */
export const personalDataErasedEffect = 'personalDataErased';

export function complaintTimerFiring(deps: { readonly complaints: ComplaintRepository }): TimerFiring {
  return async (receiptNumber, asOf) => {
    const complaint = await deps.complaints.load(receiptNumber);
    if (complaint === undefined) return { fired: 0 };
    if (personalDataErasureDue(complaint, asOf)) {
      await deps.complaints.save([{ change: erasePersonalData(complaint, asOf), expectedVersion: complaint.version, erasePersonalData: true }]);
      return { fired: 1, effects: [personalDataErasedEffect] };
    }
    const { complaint: next, steps, fired } = fireDueTimers(complaint, asOf);
    if (fired.length === 0) return { fired: 0 };
    const events = complaintSignalEvents(complaint, next);
    await deps.complaints.save([{ change: { complaint: next, steps }, expectedVersion: complaint.version, events }]);
    return { fired: fired.length, events };
  };
}
