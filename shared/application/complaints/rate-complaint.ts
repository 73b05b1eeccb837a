/**
 * The complainant rates the handling once the complaint is finished, within the re-opening window
 * (beyond the regulation).
 * Primary course: find the complaint by receipt number and token, seal the comment (it may name
 * people) under a new data key wrapped by the key the complaint's data is under — nothing is
 * opened — and record the rating once (409 afterwards).
 * A signal fired by the sweep in between is not the complainant's concern: the step is applied
 * again to the complaint as it now is.
 */
import { VersionChanged } from '../store-refusals.ts';
import { applyRating } from '../../domain/complaints/complaint-lifecycle.ts';
import type { PersonalDataSealer } from '../ports.ts';
import type { ComplaintDependencies } from './complaint-dependencies.ts';
import { complaintForTokenHolder } from './complaint-access.ts';
import { applyingRules } from './complaint-refusals.ts';

const attempts = 3;

export async function rateComplaint(
  receiptNumber: string,
  token: string | undefined,
  rating: { readonly score: number; readonly comment?: string },
  deps: Pick<ComplaintDependencies, 'complaints' | 'clock' | 'settings'> & { readonly protector: Pick<PersonalDataSealer, 'seal'> },
): Promise<{ readonly receiptNumber: string; readonly score: number; readonly ratedAt: string }> {
  for (let attempt = 1; ; attempt++) {
    const complaint = await complaintForTokenHolder(receiptNumber, token, deps);
    // Under the key the complaint's data is under (its retention key once finished): erased and shredded with it.
    const comment =
      rating.comment === undefined || complaint.sealed === null
        ? undefined
        : await deps.protector.seal({ ratingComment: rating.comment }, complaint.receiptNumber, { keyRef: complaint.sealed.keyRef });
    const change = applyingRules(() =>
      applyRating(complaint, { score: rating.score, ...(comment ? { comment } : {}) }, deps.settings.reopeningWindowDays, {
        at: deps.clock(),
        actor: 'public',
      }),
    );
    try {
      await deps.complaints.save([{ change, expectedVersion: complaint.version }]);
      return { receiptNumber: complaint.receiptNumber, score: rating.score, ratedAt: change.complaint.rating?.ratedAt ?? '' };
    } catch (error) {
      if (!(error instanceof VersionChanged) || attempt >= attempts) throw error;
    }
  }
}
