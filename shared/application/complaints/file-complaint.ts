/**
 * A citizen or enterprise files a complaint (Art. 19), real-name or anonymous.
 * Primary course: check whom it is about (a registered department, or a jurisdiction), draw a
 * receipt number and a query token, seal the content and the complainant's fields under the
 * receipt number (their data key wrapped by the intake key of the month), hash the ID number and phone for lookups, start the acceptance clock and store
 * it all in one transaction. The token is answered once and kept only as a hash.
 * It never reads a stored complaint and never opens sealed data: a receipt number already taken
 * shows as the write's failed condition, and the number is drawn again.
 */
import type { ComplaintCategory, ComplaintSubject } from '../../domain/complaints/complaint.ts';
import { newComplaint } from '../../domain/complaints/complaint-lifecycle.ts';
import { intakeKeyAt } from '../../domain/complaints/personal-data-key-periods.ts';
import { identityLookupValue } from '../../domain/complaints/resident-identity-number.ts';
import { phoneLookupValue } from '../../domain/complaints/phone-number.ts';
import type { Complainant } from '../../domain/complaints/complainant.ts';
import { noSuchDepartment, unknownDepartment, UnknownDepartment, UnknownJurisdiction } from '../../domain/access-refusals.ts';
import type { PersonalDataSealer } from '../ports.ts';
import type { ComplaintDependencies, ComplaintFilingDependencies } from './complaint-dependencies.ts';
import { ReceiptNumberTakenError } from './complaint-repository.ts';
import { drawReceiptNumber } from './draw-receipt-number.ts';
import { newQueryToken, queryTokenHash } from './query-token.ts';

export interface ComplaintFiling {
  readonly department?: string;
  readonly case?: { readonly kind: string; readonly caseId: string };
  readonly jurisdiction?: string;
  readonly category: ComplaintCategory;
  readonly content: string;
  readonly realName: boolean;
  readonly complainant?: Complainant;
  readonly identityDisclosureConsent?: boolean;
}

export interface FiledComplaint {
  readonly receiptNumber: string;
  readonly queryToken: string;
  readonly receivedAt: string;
  readonly acceptanceDueBy: string;
  readonly acceptanceDeadlineProvisional: boolean;
  readonly reopenOf?: string;
}

/** Draws of a receipt number before giving up (a collision among 2^40 numbers a day is already rare). */
const receiptAttempts = 5;

/** Whom the complaint is about, from the reference data: an unknown department or jurisdiction is the caller's error. */
export async function subjectOf(
  filing: Pick<ComplaintFiling, 'department' | 'case' | 'jurisdiction'>,
  deps: Pick<ComplaintDependencies, 'reference'>,
): Promise<ComplaintSubject> {
  if (filing.department !== undefined) {
    const profile = await deps.reference.department(filing.department);
    if (!profile) throw new UnknownDepartment(unknownDepartment, undefined, [{ pointer: '/department', detail: noSuchDepartment }]);
    return {
      kind: 'department',
      department: profile.department,
      departmentName: profile.name,
      jurisdiction: profile.jurisdiction,
      ...(filing.case ? { case: filing.case } : {}),
    };
  }
  // The city's structure says which jurisdictions exist (the city and its districts, counties and county-level cities).
  if (filing.jurisdiction === undefined || (await deps.reference.jurisdiction(filing.jurisdiction)) === undefined) {
    throw new UnknownJurisdiction({ zh: '未知的辖区', en: 'Unknown jurisdiction' }, undefined, [
      { pointer: '/jurisdiction', detail: { zh: '没有该辖区', en: 'no such jurisdiction' } },
    ]);
  }
  return { kind: 'jurisdiction', jurisdiction: filing.jurisdiction };
}

/** The fields sealed for a complaint: its content and, for real-name ones, the complainant. */
export function sealableFields(content: string, complainant: Complainant | undefined): Record<string, string> {
  const fields: Record<string, string> = { content };
  if (complainant) for (const [field, value] of Object.entries(complainant)) if (typeof value === 'string') fields[field] = value;
  return fields;
}

/** Keyed hashes of the complainant's ID number and phone. */
export async function lookupHashesOf(complainant: Complainant | undefined, protector: Pick<PersonalDataSealer, 'lookupHash'>): Promise<string[]> {
  if (!complainant) return [];
  const values = [...(complainant.idNumber === undefined ? [] : [identityLookupValue(complainant.idNumber)]), phoneLookupValue(complainant.phone)];
  return Promise.all(values.map((value) => protector.lookupHash(value)));
}

export async function fileComplaint(filing: ComplaintFiling, deps: ComplaintFilingDependencies): Promise<FiledComplaint> {
  const subject = await subjectOf(filing, deps);
  const cal = await deps.calendar();
  const complainant = filing.realName ? filing.complainant : undefined;
  const lookupHashes = await lookupHashesOf(complainant, deps.protector);
  for (let attempt = 1; ; attempt++) {
    const receivedAt = deps.clock();
    const receiptNumber = drawReceiptNumber(receivedAt);
    const queryToken = newQueryToken();
    // Under the intake key of the month of receipt until the complaint is finished.
    const sealed = await deps.protector.seal(sealableFields(filing.content, complainant), receiptNumber, { period: intakeKeyAt(receivedAt) });
    const change = newComplaint(
      {
        receiptNumber,
        receivedAt: receivedAt.toISOString(),
        subject,
        category: filing.category,
        realName: filing.realName,
        identityDisclosureConsent: filing.identityDisclosureConsent ?? false,
        sealed,
        queryTokenHash: queryTokenHash(queryToken),
      },
      { cal, policy: deps.settings.clock },
    );
    try {
      await deps.complaints.save([{ change, expectedVersion: 0, lookupHashes }]);
    } catch (error) {
      if (error instanceof ReceiptNumberTakenError && attempt < receiptAttempts) continue;
      throw error;
    }
    const { complaint } = change;
    return {
      receiptNumber,
      queryToken,
      receivedAt: complaint.receivedAt,
      acceptanceDueBy: complaint.acceptanceDeadline.date,
      acceptanceDeadlineProvisional: complaint.acceptanceDeadline.provisional,
    };
  }
}
