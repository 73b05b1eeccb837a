/**
 * The complainant downloads their own written notice (decision or result).
 * Primary course: find the complaint by receipt number and token, read the sealed PDF stored with
 * it and open it under the complaint's context. A complaint without that notice (anonymous, or
 * not decided yet) answers 404; one erased with the personal data at the end of its retention
 * period answers 410.
 */
import type { NoticeKind } from '../../domain/complaints/complaint.ts';
import { personalDataErased } from '../../domain/complaints/personal-data-retention.ts';
import { NotFoundError } from '../../http/errors.ts';
import type { ComplaintDependencies } from './complaint-dependencies.ts';
import { complaintForTokenHolder, openedUnlessShredded, personalDataErasedError } from './complaint-access.ts';
import { noticeContext } from './complaint-notices.ts';

export async function readComplainantNotice(receiptNumber: string, token: string | undefined, kind: NoticeKind, deps: Pick<ComplaintDependencies, 'complaints' | 'protector'>): Promise<Uint8Array> {
  const complaint = await complaintForTokenHolder(receiptNumber, token, deps);
  if (personalDataErased(complaint) && complaint.notices[kind] !== undefined) throw personalDataErasedError(complaint, `The ${kind} notice`);
  const stored = complaint.notices[kind] === undefined ? undefined : await deps.complaints.notice(complaint.receiptNumber, kind);
  if (stored === undefined) throw new NotFoundError('No such notice', `This complaint has no ${kind} notice (notices are written for real-name complaints once decided or concluded).`);
  return openedUnlessShredded(complaint, `The ${kind} notice`, () => deps.protector.openDocument(stored.document, noticeContext(complaint.receiptNumber, kind)));
}
