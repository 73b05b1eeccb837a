/**
 * A supervisor reveals a real-name complainant's identity for a stated purpose (security brief:
 * masked unless the role may see it and a purpose is given).
 * Primary course: find it in the caller's jurisdiction, open the sealed fields, answer the
 * complainant in full, and audit the read of personal data with its purpose. Once the personal
 * data was erased at the end of its retention period: 410.
 */
import { supervisesComplaint } from '../../access/complaint-scope.ts';
import type { StaffPrincipal } from '../../access/principal.ts';
import { complainantFromFields, type Complainant } from '../../domain/complaints/complainant.ts';
import { ActionNotAllowedError } from '../../http/errors.ts';
import { actorOf, type ComplaintDependencies } from './complaint-dependencies.ts';
import { complaintForStaff, openedUnlessShredded, sealedPersonalData } from './complaint-access.ts';

export async function revealComplainantIdentity(
  principal: StaffPrincipal,
  receiptNumber: string,
  purpose: string,
  deps: Pick<ComplaintDependencies, 'complaints' | 'protector' | 'audit'>,
): Promise<{ readonly receiptNumber: string; readonly complainant: Complainant }> {
  const complaint = await complaintForStaff(principal, receiptNumber, 'complaint.identity.reveal', deps, supervisesComplaint);
  if (!complaint.realName) throw new ActionNotAllowedError('An anonymous complaint has no identity', 'Only real-name complaints carry the complainant.');
  const what = "The complainant's identity";
  const sealed = sealedPersonalData(complaint, what);
  const complainant = complainantFromFields(await openedUnlessShredded(complaint, what, () => deps.protector.open(sealed, complaint.receiptNumber)));
  if (complainant === undefined) throw new Error('a real-name complaint without its sealed complainant');
  await deps.audit.append({ action: 'complaint.identity.reveal', outcome: 'allowed', actor: actorOf(principal), target: `complaint:${receiptNumber}`, reason: purpose });
  return { receiptNumber: complaint.receiptNumber, complainant };
}
