/**
 * Retention of a complaint's personal data (security brief: "personal data deleted or
 * crypto-shredded after its retention period"), pure. When a complaint is finished (not accepted,
 * or concluded) its personal data is kept for a retention period in calendar days, then erased:
 * the sealed fields and their wrapped data key, the rating's sealed comment, the sealed notices
 * and the lookup hashes go; the complaint stays for statistics and its timeline.
 *
 * The erasure is a timer like the clocks' ones: `personalDataRetainedUntil` is stamped on the
 * complaint when it is finished (so a later change of the setting never moves a complaint already
 * finished, and the sweep needs no setting), the complaint's `nextDueAt` includes it, and the
 * sweep's conditional write on the version makes it happen once.
 */
import { closedStages, type Complaint, type ComplaintChangeSet, type ComplaintStep } from './complaint.ts';

/** Calendar days the personal data of a finished complaint is kept by default (3 years). */
export const defaultPersonalDataRetentionDays = 1095;

/**
 * The shortest retention a deployment may set: the personal data must outlast the window in which
 * the complainant may still rate or re-open the complaint (30 days by default; re-opening copies
 * the personal data to the new complaint).
 */
export const minimumPersonalDataRetentionDays = 31;

const dayMs = 86_400_000;

/** The instant the personal data of a complaint finished at `finishedAt` is erased. */
export function retentionEndOf(finishedAt: Date | string, retentionDays: number): string {
  return new Date(new Date(finishedAt).getTime() + retentionDays * dayMs).toISOString();
}

type RetentionFacts = Pick<Complaint, 'stage' | 'personalDataRetainedUntil' | 'personalDataErasedAt'>;

/** Whether the complaint's personal data was erased. */
export const personalDataErased = (complaint: Pick<Complaint, 'personalDataErasedAt'>): boolean => complaint.personalDataErasedAt !== undefined;

/** When the erasure of a finished complaint's personal data is due; null when it is not finished, has no retention end, or was erased. */
export function personalDataErasureDueAt(complaint: RetentionFacts): string | null {
  if (!closedStages.includes(complaint.stage) || personalDataErased(complaint)) return null;
  return complaint.personalDataRetainedUntil ?? null;
}

/** Whether the erasure is due at `asOf` (and not done yet). */
export function personalDataErasureDue(complaint: RetentionFacts, asOf: Date): boolean {
  const dueAt = personalDataErasureDueAt(complaint);
  return dueAt !== null && dueAt <= asOf.toISOString();
}

/** Erasing personal data that is not due for erasure (not finished, or already erased). */
export class PersonalDataErasureNotDueError extends Error {}

/**
 * The complaint without its personal data: `sealed` null (the wrapped data key goes with it), the
 * rating without its comment, and an internal step `personalDataErased`. The notices' metadata
 * (digest, size, deliveries) stays: it is not personal data; their sealed PDFs and the lookup
 * hashes are deleted by the repository in the same write. Version + 1.
 */
export function erasePersonalData(complaint: Complaint, asOf: Date): ComplaintChangeSet {
  const retainedUntil = personalDataErasureDueAt(complaint);
  if (retainedUntil === null || retainedUntil > asOf.toISOString())
    throw new PersonalDataErasureNotDueError(`the personal data of ${complaint.receiptNumber} is not due for erasure`);
  const erasedAt = asOf.toISOString();
  const { rating } = complaint;
  const step: ComplaintStep = {
    sequence: complaint.stepCount + 1,
    at: erasedAt,
    actor: 'system',
    action: 'personalDataErased',
    details: {
      retainedUntil,
      notices: Object.keys(complaint.notices).length,
      ratingComment: rating?.comment !== undefined,
    },
    internal: true,
  };
  const next: Complaint = {
    ...complaint,
    version: complaint.version + 1,
    sealed: null,
    ...(rating === undefined ? {} : { rating: { score: rating.score, ratedAt: rating.ratedAt } }),
    personalDataErasedAt: erasedAt,
    stepCount: complaint.stepCount + 1,
    updatedAt: erasedAt,
  };
  return { complaint: next, steps: [step] };
}
