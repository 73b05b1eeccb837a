/**
 * When a complaint is finished (not accepted, or concluded) its retention end is known, and every
 * data key of its personal data moves under the key of its retention period
 * (`personal-data-key-periods.ts`): the sealed fields' and every notice's already stored (a
 * decision notice produced when it was accepted). The data keys are re-wrapped inside the key
 * service — never exposed — and the new wrapped copies are written in the same transaction that
 * stamps `personalDataRetainedUntil`, so there is never a finished complaint under its intake key,
 * nor one under its retention key without its retention end. What is sealed afterwards (the
 * result notice, the rating comment) is sealed under the same key as the fields.
 */
import type { Complaint, ComplaintChangeSet, NoticeKind } from '../../domain/complaints/complaint.ts';
import { retentionKeyFor } from '../../domain/complaints/personal-data-key-periods.ts';
import type { PersonalDataProtector } from '../ports.ts';
import { noticeContext } from './complaint-notices.ts';
import type { ComplaintRepository, StoredNotice } from './complaint-repository.ts';

/** The change with its personal data under the retention key, and the stored notices re-wrapped with it (to replace the old ones). */
export interface MovedUnderRetentionKey {
  readonly change: ComplaintChangeSet;
  readonly replacedNotices: readonly StoredNotice[];
}

/** Whether the change finishes the complaint: it stamps the retention end the complaint did not have. */
export const finishesComplaint = (before: Complaint, change: ComplaintChangeSet): boolean =>
  before.personalDataRetainedUntil === undefined && change.complaint.personalDataRetainedUntil !== undefined;

/** Moves the data keys of a complaint the change finishes under its retention key; any other change passes unchanged. */
export async function withPersonalDataUnderRetentionKey(
  before: Complaint,
  change: ComplaintChangeSet,
  deps: { readonly protector: Pick<PersonalDataProtector, 'rewrap'>; readonly complaints: Pick<ComplaintRepository, 'notice'> },
): Promise<MovedUnderRetentionKey> {
  const { complaint } = change;
  const retainedUntil = complaint.personalDataRetainedUntil;
  if (!finishesComplaint(before, change) || retainedUntil === undefined || complaint.sealed === null) return { change, replacedNotices: [] };
  const to = retentionKeyFor(retainedUntil);
  const { receiptNumber } = complaint;
  const sealed = { ...complaint.sealed, ...(await deps.protector.rewrap(complaint.sealed, receiptNumber, to)) };
  const kinds = Object.keys(before.notices) as NoticeKind[];
  const stored = await Promise.all(kinds.map((kind) => deps.complaints.notice(receiptNumber, kind)));
  const replacedNotices = await Promise.all(
    stored
      .filter((notice): notice is StoredNotice => notice !== undefined)
      .map(async (notice) => ({
        ...notice,
        document: { ...notice.document, ...(await deps.protector.rewrap(notice.document, noticeContext(receiptNumber, notice.kind), to)) },
      })),
  );
  return { change: { ...change, complaint: { ...complaint, sealed } }, replacedNotices };
}
