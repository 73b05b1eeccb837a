/**
 * A supervisor reads a written notice of a complaint in its jurisdiction (to print and deliver it).
 * Primary course: find it in the caller's jurisdiction, read the sealed PDF, open it, audit the
 * read (the notice names the complainant). A notice erased with the personal data at the end of
 * its retention period answers 410.
 */
import { supervisesComplaint } from '../../access/complaint-scope.ts';
import type { StaffPrincipal } from '../../access/principal.ts';
import type { NoticeKind } from '../../domain/complaints/complaint.ts';
import { personalDataErased } from '../../domain/complaints/personal-data-retention.ts';
import { NoticeNotFound } from './complaint-refusals.ts';
import { actorOf, type ComplaintDependencies } from './complaint-dependencies.ts';
import { complaintForStaff, noSuchNotice, noticeWords, openedUnlessShredded, personalDataErasedError } from './complaint-access.ts';
import { noticeContext } from './complaint-notices.ts';

export async function readComplaintNotice(
  principal: StaffPrincipal,
  receiptNumber: string,
  kind: NoticeKind,
  deps: Pick<ComplaintDependencies, 'complaints' | 'protector' | 'audit'>,
): Promise<Uint8Array> {
  const complaint = await complaintForStaff(principal, receiptNumber, 'complaint.notice.read', deps, supervisesComplaint);
  if (personalDataErased(complaint) && complaint.notices[kind] !== undefined) throw personalDataErasedError(complaint, noticeWords(kind));
  const stored = complaint.notices[kind] === undefined ? undefined : await deps.complaints.notice(receiptNumber, kind);
  if (stored === undefined) {
    throw new NoticeNotFound(noSuchNotice, {
      zh: `该投诉没有${noticeWords(kind).zh}（实名投诉在作出决定或办结后才制作告知书）。`,
      en: `This complaint has no ${kind} notice (written for real-name complaints once decided or concluded).`,
    });
  }
  const pdf = await openedUnlessShredded(complaint, noticeWords(kind), () => deps.protector.openDocument(stored.document, noticeContext(receiptNumber, kind)));
  await deps.audit.append({
    action: 'complaint.notice.read',
    outcome: 'allowed',
    actor: actorOf(principal),
    target: `complaint:${receiptNumber}/notice:${kind}`,
  });
  return pdf;
}
