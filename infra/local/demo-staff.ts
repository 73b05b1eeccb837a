/**
 * The staff a person can sign in as on the local identity provider's sign-in page: one of each
 * scope the console serves. Generated people, as all demo data is; the city's identity provider
 * holds the real ones.
 */
import type { StaffTokenRequest } from './identity-provider.ts';

/** A demo staff member: what the sign-in page shows and what the issued tokens assert. */
export interface DemoStaffIdentity extends Pick<StaffTokenRequest, 'subject' | 'role' | 'jurisdiction' | 'department' | 'secondFactor'> {
  /** Chosen on the sign-in page. */
  readonly id: string;
  /** 姓名（演示） */
  readonly name: string;
  /** What the person does, in the words of the organ. */
  readonly title: string;
}

export const demoStaff: readonly DemoStaffIdentity[] = [
  {
    id: 'city-supervisor',
    name: '王敏（演示）',
    title: '宁波市监察委员会 · 市级监察员',
    subject: 'local-city-supervisor',
    role: 'citySupervisor',
    jurisdiction: 'city',
    secondFactor: true,
  },
  {
    id: 'haishu-supervisor',
    name: '李卫东（演示）',
    title: '宁波市海曙区监察委员会 · 区级监察员',
    subject: 'local-haishu-supervisor',
    role: 'districtSupervisor',
    jurisdiction: 'haishu',
    secondFactor: true,
  },
  {
    id: 'haishu-housing-liaison',
    name: '陈静（演示）',
    title: '海曙区住房和城乡建设局 · 部门联络员',
    subject: 'local-haishu-housing-liaison',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-housing',
    // A liaison is not a privileged role: a password is enough, as the city's provider allows.
    secondFactor: false,
  },
];
