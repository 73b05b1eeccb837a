/**
 * A supervisor decides whether to accept a complaint (Art. 19): not accepting needs reasons;
 * accepting sets who handles it — the supervisor itself or the competent department — and by when.
 * Primary course: find it in the caller's jurisdiction, check the version the supervisor read,
 * check the department forwarded to is one the supervisor may forward to, check the text the
 * written notice will print, apply the decision (the acceptance clock stops, a handling clock
 * starts), produce the decision notice for a real-name complaint, store everything in one
 * transaction, audit it.
 */
import { canSeeDepartment } from '../../access/jurisdiction-scope.ts';
import { supervisesComplaint } from '../../access/complaint-scope.ts';
import type { StaffPrincipal } from '../../access/principal.ts';
import type { DecisionBody } from '../../api/complaint-contract.ts';
import type { Handling } from '../../domain/complaints/complaint.ts';
import { applyDecision } from '../../domain/complaints/complaint-lifecycle.ts';
import { DepartmentOutsideJurisdiction, noSuchDepartment, unknownDepartment, UnknownDepartment } from '../../domain/access-refusals.ts';
import { actorOf, type ComplaintDependencies } from './complaint-dependencies.ts';
import { complaintForStaff, requireVersion } from './complaint-access.ts';
import { applyingRules } from './complaint-refusals.ts';
import { requirePrintable, withDueNotices } from './complaint-notices.ts';
import { changedViewOf } from './complaint-views.ts';
import { withPersonalDataUnderRetentionKey } from './move-personal-data-under-retention-key.ts';

export async function decideOnComplaint(principal: StaffPrincipal, receiptNumber: string, body: DecisionBody, deps: ComplaintDependencies) {
  const actor = actorOf(principal);
  const complaint = await complaintForStaff(principal, receiptNumber, 'complaint.decide', deps, supervisesComplaint);
  requireVersion(complaint, body.expectedVersion);
  let handling: Handling | undefined;
  if (body.accepted && body.handling.by === 'department') {
    const profile = await deps.reference.department(body.handling.department);
    if (!profile) throw new UnknownDepartment(unknownDepartment, undefined, [{ pointer: '/handling/department', detail: noSuchDepartment }]);
    if (!canSeeDepartment(principal, profile)) {
      await deps.audit.append({
        action: 'complaint.forward',
        outcome: 'denied',
        actor,
        target: `complaint:${receiptNumber}`,
        reason: `department ${profile.department} outside jurisdiction`,
      });
      throw new DepartmentOutsideJurisdiction({ zh: '不是您辖区内的部门', en: 'Not a department of your jurisdiction' }, undefined, [
        { pointer: '/handling/department', detail: { zh: '应转交您辖区内的部门', en: 'forward to a department of your jurisdiction' } },
      ]);
    }
    const filedAboutIt = complaint.subject.kind === 'department' && complaint.subject.department === profile.department;
    handling = {
      by: 'department',
      department: profile.department,
      departmentName: profile.name,
      aboutRecipient: filedAboutIt || body.handling.aboutRecipient === true,
    };
  } else if (body.accepted) {
    handling = { by: 'supervisor' };
  }
  if (complaint.realName) requirePrintable(deps.renderer, { '/reasons': body.reasons });
  const at = deps.clock();
  const cal = await deps.calendar();
  const decided = applyingRules(
    () =>
      applyDecision(
        complaint,
        body.accepted && handling
          ? { accepted: true, handling, deadline: body.handling.deadline, ...(body.reasons === undefined ? {} : { reasons: body.reasons }) }
          : { accepted: false, reasons: body.reasons ?? '' },
        { at, actor, cal, policy: deps.settings.clock },
      ),
    '/handling/deadline',
  );
  // Finishing it moves its personal data under its retention key, before the notice is sealed beside it.
  const moved = await withPersonalDataUnderRetentionKey(complaint, decided, deps);
  const { change, notices } = await withDueNotices(moved.change, deps, at);
  await deps.complaints.save([{ change, expectedVersion: complaint.version, notices, replacedNotices: moved.replacedNotices }]);
  const outcome = body.accepted
    ? handling?.by === 'department'
      ? `accepted, forwarded to ${handling.department}`
      : 'accepted, handled by the supervisor'
    : 'not accepted';
  await deps.audit.append({ action: 'complaint.decide', outcome: 'allowed', actor, target: `complaint:${receiptNumber}`, reason: outcome });
  return changedViewOf(change.complaint);
}
