/**
 * The complainant downloads their own written notice (decision or result).
 * Primary course: find the complaint by receipt number and token, read the sealed PDF stored with
 * it and open it under the complaint's context. A complaint without that notice (anonymous, or
 * not decided yet) answers 404; one erased with the personal data at the end of its retention
 * period answers 410.
 */
import type { NoticeKind } from '../../domain/complaints/complaint.ts';
import { personalDataErased } from '../../domain/complaints/personal-data-retention.ts';
import { NoticeNotFound } from './complaint-refusals.ts';
import type { ComplaintDependencies } from './complaint-dependencies.ts';
import { complaintForTokenHolder, noSuchNotice, noticeWords, openedUnlessShredded, personalDataErasedError } from './complaint-access.ts';
import { noticeContext } from './complaint-notices.ts';

export async function readComplainantNotice(
  receiptNumber: string,
  token: string | undefined,
  kind: NoticeKind,
  deps: Pick<ComplaintDependencies, 'complaints' | 'protector'>,
): Promise<Uint8Array> {
  const complaint = await complaintForTokenHolder(receiptNumber, token, deps);
  if (personalDataErased(complaint) && complaint.notices[kind] !== undefined) throw personalDataErasedError(complaint, noticeWords(kind));
  const stored = complaint.notices[kind] === undefined ? undefined : await deps.complaints.notice(complaint.receiptNumber, kind);
  if (stored === undefined) {
    throw new NoticeNotFound(noSuchNotice, {
      zh: `该投诉没有${noticeWords(kind).zh}（实名投诉在作出决定或办结后才制作告知书）。`,
      en: `This complaint has no ${kind} notice (notices are written for real-name complaints once decided or concluded).`,
    });
  }
  return openedUnlessShredded(complaint, noticeWords(kind), () => deps.protector.openDocument(stored.document, noticeContext(complaint.receiptNumber, kind)));
}
