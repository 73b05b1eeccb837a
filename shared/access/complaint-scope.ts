/**
 * Who may see and act on a complaint, and how much of the complainant they see — the one place
 * these rules live (Art. 19, security brief: graded access).
 *
 * - The city supervisor sees every complaint; a district supervisor those of its district.
 * - A department liaison sees a complaint only while or after it was forwarded to its department.
 * - Supervisors see the complainant masked (张*, 138****5678) unless they reveal the identity for a
 *   stated purpose. A liaison sees the identity only when the complaint is not about its own
 *   department or staff, or when the complainant agreed; otherwise it is withheld entirely.
 */
import { cityJurisdiction } from '../domain/records/identifiers.ts';
import type { Complaint } from '../domain/complaints/complaint.ts';
import type { ComplaintQueue, ComplaintQueueScope } from '../application/complaints/complaint-repository.ts';
import type { StaffPrincipal } from './principal.ts';

export const isCitySupervisor = (principal: StaffPrincipal): boolean => principal.role === 'citySupervisor' && principal.jurisdiction === cityJurisdiction;

/** A supervisor whose jurisdiction covers the complaint. */
export function supervisesComplaint(principal: StaffPrincipal, complaint: Pick<Complaint, 'jurisdiction'>): boolean {
  if (isCitySupervisor(principal)) return true;
  return principal.role === 'districtSupervisor' && principal.jurisdiction !== cityJurisdiction && principal.jurisdiction === complaint.jurisdiction;
}

/** The liaison of the department the complaint was forwarded to. */
export function handlesComplaint(principal: StaffPrincipal, complaint: Pick<Complaint, 'handling'>): boolean {
  return (
    principal.role === 'departmentLiaison' &&
    principal.department !== undefined &&
    complaint.handling?.by === 'department' &&
    complaint.handling.department === principal.department
  );
}

export function canSeeComplaint(principal: StaffPrincipal, complaint: Pick<Complaint, 'jurisdiction' | 'handling'>): boolean {
  return supervisesComplaint(principal, complaint) || handlesComplaint(principal, complaint);
}

/** How much of the complainant a staff member sees by default. */
export type IdentityView = 'anonymous' | 'masked' | 'full' | 'withheld';

/** Whether the complaint concerns the department it is handled by (or that department's staff). */
export function concernsHandlingDepartment(complaint: Pick<Complaint, 'subject' | 'handling'>): boolean {
  const handling = complaint.handling;
  if (handling?.by !== 'department') return false;
  return handling.aboutRecipient || (complaint.subject.kind === 'department' && complaint.subject.department === handling.department);
}

export function identityViewFor(
  principal: StaffPrincipal,
  complaint: Pick<Complaint, 'realName' | 'identityDisclosureConsent' | 'subject' | 'handling' | 'jurisdiction'>,
): IdentityView {
  if (!complaint.realName) return 'anonymous';
  if (supervisesComplaint(principal, complaint)) return 'masked';
  if (handlesComplaint(principal, complaint)) return !concernsHandlingDepartment(complaint) || complaint.identityDisclosureConsent ? 'full' : 'withheld';
  return 'withheld';
}

/**
 * The queue listing a staff member reads: the city supervisor the whole city (or one jurisdiction
 * it names), a district supervisor its own, a liaison its department's forwarded complaints.
 * `undefined` when the role or the jurisdiction asked for is not theirs.
 */
export function complaintQueueScopeFor(principal: StaffPrincipal, queue: ComplaintQueue, jurisdiction?: string): ComplaintQueueScope | undefined {
  if (principal.role === 'departmentLiaison') {
    if (queue !== 'forwarded' || principal.department === undefined || jurisdiction !== undefined) return undefined;
    return { kind: 'department', department: principal.department };
  }
  if (isCitySupervisor(principal)) return jurisdiction === undefined ? { kind: 'citywide' } : { kind: 'jurisdiction', jurisdiction };
  if (principal.role === 'districtSupervisor' && principal.jurisdiction !== cityJurisdiction) {
    if (jurisdiction !== undefined && jurisdiction !== principal.jurisdiction) return undefined;
    return { kind: 'jurisdiction', jurisdiction: principal.jurisdiction };
  }
  return undefined;
}
