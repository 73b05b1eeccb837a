/**
 * A supervisor reveals a real-name complainant's identity for a stated purpose (security brief:
 * masked unless the role may see it and a purpose is given).
 * Primary course: the supervisor signed in with a second factor, finds the complaint in its
 * jurisdiction, opens the sealed fields, answers the complainant in full, and the read of
 * personal data is audited with its purpose. Without a second factor: 403, audited. Anyone who
 * does not supervise the complaint — a department liaison above all, even of the department it
 * was forwarded to — gets the 404 of an unknown complaint, audited. Once the personal data was
 * erased at the end of its retention period: 410.
 */
import { supervisesComplaint } from '../../access/complaint-scope.ts';
import type { StaffPrincipal } from '../../access/principal.ts';
import { complainantFromFields, type Complainant } from '../../domain/complaints/complainant.ts';
import { actorOf, type ComplaintDependencies } from './complaint-dependencies.ts';
import { complainantIdentityWords, complaintForStaff, openedUnlessShredded, sealedPersonalData } from './complaint-access.ts';
import { NoIdentityToReveal, SecondFactorRequired } from './complaint-refusals.ts';

const action = 'complaint.identity.reveal';

export async function revealComplainantIdentity(
  principal: StaffPrincipal,
  receiptNumber: string,
  purpose: string,
  deps: Pick<ComplaintDependencies, 'complaints' | 'protector' | 'audit'>,
): Promise<{ readonly receiptNumber: string; readonly complainant: Complainant }> {
  if (principal.secondFactor !== true) {
    await deps.audit.append({ action, outcome: 'denied', actor: actorOf(principal), target: `complaint:${receiptNumber}`, reason: 'no second factor' });
    throw new SecondFactorRequired(
      { zh: '需要第二认证因素', en: 'Second factor required' },
      { zh: '查看投诉人身份须以第二认证因素登录。', en: "Revealing a complainant's identity needs a sign-in with a second factor." },
    );
  }
  const complaint = await complaintForStaff(principal, receiptNumber, action, deps, supervisesComplaint);
  if (!complaint.realName) {
    throw new NoIdentityToReveal(
      { zh: '匿名投诉没有投诉人身份信息', en: 'An anonymous complaint has no identity' },
      { zh: '只有实名投诉载有投诉人信息。', en: 'Only real-name complaints carry the complainant.' },
    );
  }
  const what = complainantIdentityWords;
  const sealed = sealedPersonalData(complaint, what);
  const complainant = complainantFromFields(await openedUnlessShredded(complaint, what, () => deps.protector.open(sealed, complaint.receiptNumber)));
  if (complainant === undefined) throw new Error('a real-name complaint without its sealed complainant');
  await deps.audit.append({ action, outcome: 'allowed', actor: actorOf(principal), target: `complaint:${receiptNumber}`, reason: purpose });
  return { receiptNumber: complaint.receiptNumber, complainant };
}
