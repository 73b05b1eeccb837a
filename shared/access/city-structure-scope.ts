/**
 * Who sees and who changes the city's structure. A system administrator of the city changes it
 * and sees all of it; the city's supervisors see all of it; a district supervisor sees its own
 * jurisdiction and its departments; a liaison its own department (as `jurisdiction-scope.ts`
 * decides for case data). Nobody else sees any of it.
 */
import type { DepartmentProfile } from '../domain/catalogue/catalogue-matter.ts';
import { cityJurisdiction } from '../domain/records/identifiers.ts';
import { canSeeDepartment } from './jurisdiction-scope.ts';
import type { StaffPrincipal } from './principal.ts';

/** Only the city's system administrator changes jurisdictions and departments. */
export const mayChangeCityStructure = (principal: StaffPrincipal): boolean =>
  principal.role === 'systemAdministrator' && principal.jurisdiction === cityJurisdiction;

export function canSeeJurisdictionProfile(principal: StaffPrincipal, jurisdiction: string): boolean {
  if (mayChangeCityStructure(principal)) return true;
  switch (principal.role) {
    case 'citySupervisor':
      return principal.jurisdiction === cityJurisdiction;
    case 'districtSupervisor':
      return principal.jurisdiction !== cityJurisdiction && jurisdiction === principal.jurisdiction;
    default:
      return false;
  }
}

export function canSeeDepartmentProfile(principal: StaffPrincipal, department: DepartmentProfile): boolean {
  return mayChangeCityStructure(principal) || canSeeDepartment(principal, department);
}
