/**
 * The complaint's part of the oversight sweep: fires its due timers once.
 * Primary course: load the complaint, let the domain fire every timer of its running clock that is
 * due at `asOf` and not fired yet (signals on the complaint, steps on the timeline, the next
 * `dueAt`), and write that on the version read. Another writer first → `StaleVersionError` (the
 * sweep reloads and retries); a second or overlapping sweep finds them fired and does nothing.
 */
import { fireDueTimers } from '../../domain/complaints/complaint-clock.ts';
import type { TimerFiring } from '../sweep-oversight-timers.ts';
import type { ComplaintRepository } from './complaint-repository.ts';

export function complaintTimerFiring(deps: { readonly complaints: ComplaintRepository }): TimerFiring {
  return async (receiptNumber, asOf) => {
    const complaint = await deps.complaints.load(receiptNumber);
    if (complaint === undefined) return { fired: 0 };
    const { complaint: next, steps, fired } = fireDueTimers(complaint, asOf);
    if (fired.length === 0) return { fired: 0 };
    await deps.complaints.save([{ change: { complaint: next, steps }, expectedVersion: complaint.version }]);
    return { fired: fired.length };
  };
}
