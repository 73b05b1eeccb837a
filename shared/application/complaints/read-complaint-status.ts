/**
 * The holder of a complaint's query token reads where it stands.
 * Primary course: find the complaint by receipt number and token (any failure is the same 404),
 * and answer its public status — stage, dates, deadlines, decision, result, notices — with no
 * personal data and nothing internal.
 */
import { issuingOrganFor } from '../city-structure/issuing-organ.ts';
import type { ComplaintDependencies } from './complaint-dependencies.ts';
import { complaintForTokenHolder } from './complaint-access.ts';
import { publicStatusOf, type PublicComplaintStatus } from './complaint-views.ts';

export async function readComplaintStatus(
  receiptNumber: string,
  token: string | undefined,
  deps: Pick<ComplaintDependencies, 'complaints' | 'clock' | 'settings' | 'reference'>,
): Promise<PublicComplaintStatus> {
  const complaint = await complaintForTokenHolder(receiptNumber, token, deps);
  return publicStatusOf(complaint, deps.clock(), deps.settings.reopeningWindowDays, await issuingOrganFor(complaint.jurisdiction, deps.reference));
}
