/** Who is signed in, from the ID token's claims: the person, their role and their scope. */
import type { User } from 'oidc-client-ts';

export type StaffRole = 'citySupervisor' | 'districtSupervisor' | 'departmentLiaison' | 'auditor' | 'securityAdministrator' | 'systemAdministrator';

export interface StaffMember {
  readonly name: string;
  readonly role: StaffRole | string;
  readonly jurisdiction: string;
  readonly department?: string;
}

export const roleNames: Record<StaffRole, string> = {
  citySupervisor: '市级监察员',
  districtSupervisor: '区（县、市）监察员',
  departmentLiaison: '部门联络员',
  auditor: '审计员',
  securityAdministrator: '安全管理员',
  systemAdministrator: '系统管理员',
};

export const roleName = (role: string): string => roleNames[role as StaffRole] ?? role;

export function staffMemberOf(user: User): StaffMember {
  const claims = user.profile as Record<string, unknown>;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const department = text(claims['department']);
  return {
    name: text(claims['name']) ?? user.profile.sub,
    role: text(claims['role']) ?? '',
    jurisdiction: text(claims['jurisdiction']) ?? '',
    ...(department === undefined ? {} : { department }),
  };
}

/** Department liaisons act for their department on its alerts (Art. 18); supervisors close and rule. */
export const actsForDepartment = (member: StaffMember): boolean => member.role === 'departmentLiaison';
