/**
 * The supervisor reviews the result a department reported: accepts it (the complaint is
 * concluded; the result notice for a real-name complaint) or sends it back with reasons and a new
 * deadline (forwarded again, a new handling clock).
 * Primary course: find it in the caller's jurisdiction, check the version read, check the text
 * the notice will print, apply the review, store, audit.
 */
import { supervisesComplaint } from '../../access/complaint-scope.ts';
import type { StaffPrincipal } from '../../access/principal.ts';
import type { ReviewBody } from '../../api/complaint-contract.ts';
import { applyReview } from '../../domain/complaints/complaint-lifecycle.ts';
import { actorOf, type ComplaintDependencies } from './complaint-dependencies.ts';
import { complaintForStaff, requireVersion } from './complaint-access.ts';
import { applyingRules } from './complaint-refusals.ts';
import { requirePrintable, withDueNotices } from './complaint-notices.ts';
import { changedViewOf } from './complaint-views.ts';
import { withPersonalDataUnderRetentionKey } from './move-personal-data-under-retention-key.ts';

export async function reviewComplaintResult(principal: StaffPrincipal, receiptNumber: string, body: ReviewBody, deps: ComplaintDependencies) {
  const actor = actorOf(principal);
  const complaint = await complaintForStaff(principal, receiptNumber, 'complaint.review', deps, supervisesComplaint);
  requireVersion(complaint, body.expectedVersion);
  if (body.verdict === 'accept' && complaint.realName) {
    const printed = body.summary ?? complaint.results.at(-1)?.summary;
    // Without a summary of its own, the department's result is printed: a character it lacks is named under /summary.
    requirePrintable(deps.renderer, { '/summary': printed });
  }
  const at = deps.clock();
  const cal = await deps.calendar();
  const reviewed = applyingRules(() =>
    applyReview(
      complaint,
      body.verdict === 'accept'
        ? { verdict: 'accept', ...(body.summary === undefined ? {} : { summary: body.summary }) }
        : { verdict: 'sendBack', reasons: body.reasons, deadline: body.deadline },
      { at, actor, cal, policy: deps.settings.clock },
    ),
  );
  // Finishing it moves its personal data under its retention key, before the notice is sealed beside it.
  const moved = await withPersonalDataUnderRetentionKey(complaint, reviewed, deps);
  const { change, notices } = await withDueNotices(moved.change, deps, at);
  await deps.complaints.save([{ change, expectedVersion: complaint.version, notices, replacedNotices: moved.replacedNotices }]);
  await deps.audit.append({ action: 'complaint.review', outcome: 'allowed', actor, target: `complaint:${receiptNumber}`, reason: body.verdict });
  return changedViewOf(change.complaint);
}
