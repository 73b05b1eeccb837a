/**
 * Graded access by jurisdiction (Art. 4, security brief): the one place that decides what a staff
 * member may see. The city supervisor sees every department; a district supervisor the
 * departments of its district; a liaison its own department; other roles no case data. A
 * department's business system (its SigV4 identity) sees its own department only, as its liaison.
 */
import type { DepartmentProfile } from '../domain/catalogue/catalogue-matter.ts';
import { cityJurisdiction } from '../domain/records/identifiers.ts';
import type { Principal } from './principal.ts';

export function canSeeDepartment(principal: Principal, department: DepartmentProfile): boolean {
  if (principal.kind === 'department') return principal.department === department.department;
  switch (principal.role) {
    case 'citySupervisor':
      return principal.jurisdiction === cityJurisdiction;
    case 'districtSupervisor':
      return principal.jurisdiction !== cityJurisdiction && department.jurisdiction === principal.jurisdiction;
    case 'departmentLiaison':
      return principal.department !== undefined && principal.department === department.department;
    default:
      return false;
  }
}

/** Which alert index a principal's unfiltered list reads. */
export type AlertListing =
  | { readonly index: 'citywide'; readonly partition: 'ALL' }
  | { readonly index: 'jurisdiction'; readonly partition: string }
  | { readonly index: 'department'; readonly partition: string }
  | { readonly index: 'none' };

export function defaultAlertListing(principal: Principal): AlertListing {
  if (principal.kind === 'department') return { index: 'department', partition: principal.department };
  switch (principal.role) {
    case 'citySupervisor':
      return principal.jurisdiction === cityJurisdiction ? { index: 'citywide', partition: 'ALL' } : { index: 'none' };
    case 'districtSupervisor':
      return principal.jurisdiction !== cityJurisdiction ? { index: 'jurisdiction', partition: principal.jurisdiction } : { index: 'none' };
    case 'departmentLiaison':
      return principal.department ? { index: 'department', partition: principal.department } : { index: 'none' };
    default:
      return { index: 'none' };
  }
}
