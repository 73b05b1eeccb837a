/**
 * A supervisor finds the complaints of one person by ID number or phone, through the keyed hash
 * (the values themselves are never stored in the clear).
 * Primary course: hash the normalised value, read the complaints carrying that hash, keep those in
 * the caller's jurisdiction, answer receipt numbers and stages only, audit the search (not the value).
 */
import { supervisesComplaint } from '../../access/complaint-scope.ts';
import type { StaffPrincipal } from '../../access/principal.ts';
import type { ComplaintSearchBody } from '../../api/complaint-contract.ts';
import type { ComplaintStage } from '../../domain/complaints/complaint.ts';
import { phoneLookupValue } from '../../domain/complaints/phone-number.ts';
import { identityLookupValue } from '../../domain/complaints/resident-identity-number.ts';
import { actorOf, type ComplaintDependencies } from './complaint-dependencies.ts';

const maxFound = 100;

export async function searchComplaints(
  principal: StaffPrincipal,
  body: ComplaintSearchBody,
  deps: Pick<ComplaintDependencies, 'complaints' | 'protector' | 'audit'>,
): Promise<{ readonly items: readonly { readonly receiptNumber: string; readonly stage: ComplaintStage }[] }> {
  const by = body.idNumber !== undefined ? 'idNumber' : 'phone';
  const value = body.idNumber !== undefined ? identityLookupValue(body.idNumber) : phoneLookupValue(body.phone ?? '');
  const found = await deps.complaints.byLookupHash(await deps.protector.lookupHash(value), maxFound);
  const items = found
    .filter((complaint) => supervisesComplaint(principal, complaint))
    .map((complaint) => ({ receiptNumber: complaint.receiptNumber, stage: complaint.stage }));
  await deps.audit.append({
    action: 'complaint.search',
    outcome: 'allowed',
    actor: actorOf(principal),
    target: `complainant:by ${by}`,
    reason: `${items.length} found`,
  });
  return { items };
}
