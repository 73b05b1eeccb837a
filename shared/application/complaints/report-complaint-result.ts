/**
 * The result of handling, with its evidence: the supervisor's own concludes a complaint it
 * handles (with the result notice for a real-name complaint); the liaison of the department it
 * was forwarded to reports the department's, which then awaits the supervisor's review.
 * Primary course: find it in the caller's scope, check the version read, check the text the
 * notice will print, apply the result (the handling clock stops), store, audit.
 */
import { handlesComplaint, supervisesComplaint } from '../../access/complaint-scope.ts';
import type { StaffPrincipal } from '../../access/principal.ts';
import type { ResultBody } from '../../api/complaint-contract.ts';
import { applyResult } from '../../domain/complaints/complaint-lifecycle.ts';
import { RoleNotPermitted } from '../../domain/access-refusals.ts';
import { actorOf, type ComplaintDependencies } from './complaint-dependencies.ts';
import { complaintForStaff, requireVersion } from './complaint-access.ts';
import { applyingRules } from './complaint-refusals.ts';
import { requirePrintable, withDueNotices } from './complaint-notices.ts';
import { changedViewOf } from './complaint-views.ts';
import { withPersonalDataUnderRetentionKey } from './move-personal-data-under-retention-key.ts';

export async function reportComplaintResult(principal: StaffPrincipal, receiptNumber: string, body: ResultBody, deps: ComplaintDependencies) {
  const actor = actorOf(principal);
  const complaint = await complaintForStaff(principal, receiptNumber, 'complaint.result', deps, (p, c) => supervisesComplaint(p, c) || handlesComplaint(p, c));
  requireVersion(complaint, body.expectedVersion);
  const byDepartment = principal.role === 'departmentLiaison';
  if (!byDepartment && complaint.stage === 'forwarded') {
    throw new RoleNotPermitted(
      { zh: '该处理结果应由部门报告', en: 'The department reports this result' },
      {
        zh: '该投诉已转交部门办理，由该部门报告处理结果，您负责审核。',
        en: 'The complaint was forwarded; its department reports the result and you review it.',
      },
    );
  }
  // Only the supervisor's own result concludes at once and is printed; a department's is printed when accepted.
  if (!byDepartment && complaint.realName) requirePrintable(deps.renderer, { '/summary': body.summary });
  const at = deps.clock();
  const reported = applyingRules(() =>
    applyResult(
      complaint,
      {
        by: byDepartment ? 'department' : 'supervisor',
        ...(byDepartment && principal.department ? { department: principal.department } : {}),
        summary: body.summary,
        ...(body.finding === undefined ? {} : { finding: body.finding }),
        evidence: body.evidence,
        ...(body.note === undefined ? {} : { note: body.note }),
      },
      { at, actor, policy: deps.settings.clock },
    ),
  );
  // Finishing it moves its personal data under its retention key, before the notice is sealed beside it.
  const moved = await withPersonalDataUnderRetentionKey(complaint, reported, deps);
  const { change, notices } = await withDueNotices(moved.change, deps, at);
  await deps.complaints.save([{ change, expectedVersion: complaint.version, notices, replacedNotices: moved.replacedNotices }]);
  await deps.audit.append({ action: 'complaint.result', outcome: 'allowed', actor, target: `complaint:${receiptNumber}`, reason: change.complaint.stage });
  return changedViewOf(change.complaint);
}
