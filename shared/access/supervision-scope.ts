/**
 * Who may see and act on supervision requests and cases (督办). A request belongs to its
 * requester's jurisdiction, a case to its responsible department's. The city supervisor sees
 * every one; a district supervisor those of its district; a liaison its own department's
 * requests and the cases assigned to its department. Everything else answers as if it did not
 * exist.
 */
import type { DepartmentProfile } from '../domain/catalogue/catalogue-matter.ts';
import { cityJurisdiction } from '../domain/records/identifiers.ts';
import type { SupervisionCase } from '../domain/supervision-cases/supervision-case.ts';
import type { SupervisionRequest } from '../domain/supervision-cases/supervision-request.ts';
import { canSeeDepartment } from './jurisdiction-scope.ts';
import type { StaffPrincipal } from './principal.ts';

/** What scoping needs to know of an item: whose supervisors own it and which department it concerns. */
export interface SupervisionScope {
  readonly jurisdiction: string;
  readonly department: string;
}

export const requestScope = (request: SupervisionRequest): SupervisionScope => ({ jurisdiction: request.jurisdiction, department: request.requester });
export const caseScope = (c: SupervisionCase): SupervisionScope => ({ jurisdiction: c.jurisdiction, department: c.responsibleDepartment });

export function isSupervisor(principal: StaffPrincipal): boolean {
  return (
    (principal.role === 'citySupervisor' && principal.jurisdiction === cityJurisdiction) ||
    (principal.role === 'districtSupervisor' && principal.jurisdiction !== cityJurisdiction)
  );
}

export function canSeeSupervisionItem(principal: StaffPrincipal, item: SupervisionScope): boolean {
  switch (principal.role) {
    case 'citySupervisor':
      return principal.jurisdiction === cityJurisdiction;
    case 'districtSupervisor':
      return principal.jurisdiction !== cityJurisdiction && item.jurisdiction === principal.jurisdiction;
    case 'departmentLiaison':
      return principal.department !== undefined && principal.department === item.department;
    default:
      return false;
  }
}

/** A supervisor may decide and act on items of its jurisdiction only. */
export function maySupervise(principal: StaffPrincipal, item: SupervisionScope): boolean {
  return isSupervisor(principal) && canSeeSupervisionItem(principal, item);
}

/** Only the responsible department's liaison reports on a case. */
export function mayReportOn(principal: StaffPrincipal, c: SupervisionCase): boolean {
  return principal.role === 'departmentLiaison' && principal.department === c.responsibleDepartment;
}

/** A supervisor may make a department of its jurisdiction responsible for a case. */
export function mayAssignTo(principal: StaffPrincipal, department: DepartmentProfile): boolean {
  return isSupervisor(principal) && canSeeDepartment(principal, department);
}

/** Which queue partition a principal's listing reads. */
export type SupervisionListing =
  | { readonly index: 'citywide'; readonly owner: null }
  | { readonly index: 'jurisdiction'; readonly owner: string }
  | { readonly index: 'department'; readonly owner: string }
  /** The role lists nothing. */
  | { readonly index: 'none' }
  /** A jurisdiction filter outside the caller's scope: answered as not found. */
  | { readonly index: 'outOfScope' };

/**
 * The listing for a principal, optionally narrowed to one jurisdiction: the city supervisor reads
 * the citywide queue or one jurisdiction's; a district supervisor its own; a liaison its department's.
 */
export function supervisionListing(principal: StaffPrincipal, jurisdiction?: string): SupervisionListing {
  switch (principal.role) {
    case 'citySupervisor':
      if (principal.jurisdiction !== cityJurisdiction) return { index: 'none' };
      return jurisdiction === undefined ? { index: 'citywide', owner: null } : { index: 'jurisdiction', owner: jurisdiction };
    case 'districtSupervisor':
      if (principal.jurisdiction === cityJurisdiction) return { index: 'none' };
      if (jurisdiction !== undefined && jurisdiction !== principal.jurisdiction) return { index: 'outOfScope' };
      return { index: 'jurisdiction', owner: principal.jurisdiction };
    case 'departmentLiaison':
      if (principal.department === undefined) return { index: 'none' };
      if (jurisdiction !== undefined && jurisdiction !== principal.jurisdiction) return { index: 'outOfScope' };
      return { index: 'department', owner: principal.department };
    default:
      return { index: 'none' };
  }
}
