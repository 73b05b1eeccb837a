/**
 * A supervisor or the handling department's liaison reads a complaint with its timeline.
 * Primary course: find it in the caller's scope (404 otherwise), open its sealed content, show the
 * complainant as the scope rules allow — masked for supervisors, in full for the liaison only
 * when the complaint is not about its department or the complainant agreed, otherwise withheld —
 * and audit every read that shows an identity in full. Once the personal data was erased, the
 * complaint is shown without content, complainant or rating comment, saying when it was erased.
 */
import { identityViewFor } from '../../access/complaint-scope.ts';
import type { StaffPrincipal } from '../../access/principal.ts';
import { complainantFromFields, maskedComplainant } from '../../domain/complaints/complainant.ts';
import { actorOf, type ComplaintDependencies } from './complaint-dependencies.ts';
import { complaintForStaff } from './complaint-access.ts';
import { detailViewOf } from './complaint-views.ts';
import { PersonalDataShreddedError } from '../personal-data-shredded.ts';

/** Personal data whose key is gone (deleted after its retention period) is shown as absent, like erased data. */
const unlessShredded = <T>(opening: Promise<T>): Promise<T | undefined> =>
  opening.catch((error: unknown) => {
    if (error instanceof PersonalDataShreddedError) return undefined;
    throw error;
  });

export async function readComplaint(principal: StaffPrincipal, receiptNumber: string, deps: Pick<ComplaintDependencies, 'complaints' | 'protector' | 'audit'>) {
  const complaint = await complaintForStaff(principal, receiptNumber, 'complaint.read', deps);
  const identity = identityViewFor(principal, complaint);
  const [opened, timeline, ratingComment] = await Promise.all([
    complaint.sealed === null ? Promise.resolve(undefined) : unlessShredded(deps.protector.open(complaint.sealed, complaint.receiptNumber)),
    deps.complaints.timeline(complaint.receiptNumber),
    complaint.rating?.comment ? unlessShredded(deps.protector.open(complaint.rating.comment, complaint.receiptNumber)) : Promise.resolve(undefined),
  ]);
  const person = opened === undefined ? undefined : complainantFromFields(opened);
  const complainant = person === undefined ? undefined : identity === 'masked' ? maskedComplainant(person) : identity === 'full' ? person : undefined;
  if (identity === 'full' && complainant !== undefined) {
    await deps.audit.append({
      action: 'complaint.identity.read',
      outcome: 'allowed',
      actor: actorOf(principal),
      target: `complaint:${receiptNumber}`,
      reason: 'handling department (not about it, or the complainant agreed)',
    });
  }
  return detailViewOf(
    complaint,
    identity,
    {
      ...(opened === undefined ? {} : { content: opened['content'] ?? '' }),
      ...(complainant ? { complainant } : {}),
      ...(ratingComment?.['ratingComment'] === undefined ? {} : { ratingComment: ratingComment['ratingComment'] }),
    },
    timeline,
  );
}
