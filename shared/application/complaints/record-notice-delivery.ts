/**
 * A supervisor records that a written notice reached the complainant (post, SMS, e-mail, in
 * person, online); several deliveries may be recorded.
 * Primary course: find it in the caller's jurisdiction, check the version read, refuse a delivery
 * in the future, apply it (a step on the timeline), store.
 */
import { supervisesComplaint } from '../../access/complaint-scope.ts';
import type { StaffPrincipal } from '../../access/principal.ts';
import type { DeliveryBody } from '../../api/complaint-contract.ts';
import type { NoticeKind } from '../../domain/complaints/complaint.ts';
import { applyNoticeDelivery } from '../../domain/complaints/complaint-lifecycle.ts';
import { actorOf, type ComplaintDependencies } from './complaint-dependencies.ts';
import { complaintForStaff, noSuchNotice, noticeWords, requireVersion } from './complaint-access.ts';
import { applyingRules, DeliveryInFuture, NoticeNotFound } from './complaint-refusals.ts';
import { changedViewOf } from './complaint-views.ts';

/** Clock skew tolerated between the supervisor's device and ours. */
const futureToleranceMs = 5 * 60_000;

export async function recordNoticeDelivery(
  principal: StaffPrincipal,
  receiptNumber: string,
  kind: NoticeKind,
  body: DeliveryBody,
  deps: Pick<ComplaintDependencies, 'complaints' | 'audit' | 'clock'>,
) {
  const complaint = await complaintForStaff(principal, receiptNumber, 'complaint.notice.delivery', deps, supervisesComplaint);
  if (complaint.notices[kind] === undefined)
    throw new NoticeNotFound(noSuchNotice, { zh: `该投诉没有${noticeWords(kind).zh}。`, en: `This complaint has no ${kind} notice.` });
  requireVersion(complaint, body.expectedVersion);
  const at = deps.clock();
  const deliveredAt = new Date(body.deliveredAt);
  if (deliveredAt.getTime() > at.getTime() + futureToleranceMs)
    throw new DeliveryInFuture({ zh: '送达时间晚于当前时间', en: 'Delivery in the future' }, undefined, [
      { pointer: '/deliveredAt', detail: { zh: '不能在送达之前登记送达', en: 'a delivery cannot be recorded before it happened' } },
    ]);
  const change = applyingRules(() =>
    applyNoticeDelivery(
      complaint,
      kind,
      {
        channel: body.channel,
        deliveredAt: deliveredAt.toISOString(),
        ...(body.trackingReference === undefined ? {} : { trackingReference: body.trackingReference }),
      },
      { at, actor: actorOf(principal) },
    ),
  );
  await deps.complaints.save([{ change, expectedVersion: complaint.version }]);
  return changedViewOf(change.complaint);
}
