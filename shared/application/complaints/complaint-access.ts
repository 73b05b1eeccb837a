/**
 * Finding the complaint a caller may act on. Staff: out of scope answers exactly as unknown
 * (404), and the refusal is audited. Public: the receipt number and the query token together;
 * an unknown receipt, a malformed one and a wrong or missing token all answer the same 404.
 */
import { canSeeComplaint } from '../../access/complaint-scope.ts';
import type { StaffPrincipal } from '../../access/principal.ts';
import type { Complaint, SealedRecord } from '../../domain/complaints/complaint.ts';
import { isReceiptNumber } from '../../domain/complaints/receipt-number.ts';
import { NotFoundError, StaleVersionError } from '../../http/errors.ts';
import { PersonalDataShreddedError } from '../personal-data-shredded.ts';
import type { AuditLog } from '../ports.ts';
import { actorOf } from './complaint-dependencies.ts';
import type { ComplaintRepository } from './complaint-repository.ts';
import { PersonalDataErasedError } from './complaint-errors.ts';
import { queryTokenMatches } from './query-token.ts';

const notFound = () => new NotFoundError('Complaint not found', 'No such complaint in your jurisdiction.');

/**
 * The complaint, if the staff member may see it and `allowed` (default: may see it) holds;
 * otherwise 404, audited as denied when the complaint exists.
 */
export async function complaintForStaff(
  principal: StaffPrincipal,
  receiptNumber: string,
  action: string,
  deps: { readonly complaints: ComplaintRepository; readonly audit: AuditLog },
  allowed: (principal: StaffPrincipal, complaint: Complaint) => boolean = canSeeComplaint,
): Promise<Complaint> {
  const complaint = await deps.complaints.load(receiptNumber);
  if (complaint === undefined) throw notFound();
  if (!allowed(principal, complaint)) {
    await deps.audit.append({ action, outcome: 'denied', actor: actorOf(principal), target: `complaint:${receiptNumber}`, reason: 'outside scope' });
    throw notFound();
  }
  return complaint;
}

/** 409 when the caller read another version than the stored one. */
export function requireVersion(complaint: Complaint, expectedVersion: number): void {
  if (complaint.version !== expectedVersion) {
    throw new StaleVersionError('The complaint changed since you read it', `It is at version ${complaint.version} (${complaint.stage}); read it again and repeat the step if it still applies.`);
  }
}

/** The complaint the query token opens, or the one 404 every failure shares. */
export async function complaintForTokenHolder(receiptNumber: string, token: string | undefined, deps: { readonly complaints: ComplaintRepository }): Promise<Complaint> {
  const complaint = isReceiptNumber(receiptNumber) ? await deps.complaints.load(receiptNumber) : undefined;
  if (!queryTokenMatches(token, complaint?.queryTokenHash) || complaint === undefined) {
    throw new NotFoundError('Complaint not found', 'No complaint matches this receipt number and query token.');
  }
  return complaint;
}

/** 410 naming the erasure date, for what the erasure took with it. */
export function personalDataErasedError(complaint: Complaint, what: string): PersonalDataErasedError {
  return new PersonalDataErasedError('Personal data erased', `${what} of this complaint was erased on ${complaint.personalDataErasedAt?.slice(0, 10)}, at the end of its retention period.`);
}

/**
 * What `open` opens of a complaint's sealed personal data; 410 when the key it is under is gone —
 * deleted (or pending deletion) once its retention period is over — as for erased data: a table
 * restored from before the erasure holds the sealed data, but nothing opens it any more.
 */
export async function openedUnlessShredded<T>(complaint: Complaint, what: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (!(error instanceof PersonalDataShreddedError)) throw error;
    throw new PersonalDataErasedError('Personal data erased', `${what} of this complaint can no longer be opened: the key of its retention period was deleted${complaint.personalDataRetainedUntil === undefined ? '' : ` after ${complaint.personalDataRetainedUntil.slice(0, 10)}`}.`);
  }
}

/** The complaint's sealed personal data, or 410 once it was erased. */
export function sealedPersonalData(complaint: Complaint, what = 'The personal data'): SealedRecord {
  if (complaint.sealed === null) throw personalDataErasedError(complaint, what);
  return complaint.sealed;
}
