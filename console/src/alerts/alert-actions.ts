/**
 * Which actions a person may take on an alert (Art. 18), as the API decides them: the department's
 * liaison acknowledges, responds or disputes; a supervisor of the jurisdiction rules on a dispute
 * or closes. The console offers only these; the API still checks every one.
 */
import type { StaffMember } from '../auth/staff-member';
import type { AlertAction } from '../language/strings';
import type { AlertStatus } from './alert-labels';

const allowed: Readonly<Record<AlertAction, { readonly side: 'department' | 'supervisor'; readonly from: readonly AlertStatus[] }>> = {
  acknowledge: { side: 'department', from: ['open'] },
  respond: { side: 'department', from: ['open', 'acknowledged'] },
  dispute: { side: 'department', from: ['open', 'acknowledged'] },
  ruleOnDispute: { side: 'supervisor', from: ['disputed'] },
  close: { side: 'supervisor', from: ['open', 'acknowledged', 'responded'] },
};

function sideOf(member: StaffMember): 'department' | 'supervisor' | undefined {
  if (member.role === 'departmentLiaison') return 'department';
  if (member.role === 'citySupervisor' || member.role === 'districtSupervisor') return 'supervisor';
  return undefined;
}

/** The actions `member` may take on an alert of `department` in `status`, in the order they are offered. */
export function actionsFor(member: StaffMember, alert: { readonly department: string; readonly status: string }): AlertAction[] {
  const side = sideOf(member);
  if (side === undefined) return [];
  if (side === 'department' && member.department !== alert.department) return [];
  return (Object.keys(allowed) as AlertAction[]).filter(
    (action) => allowed[action].side === side && allowed[action].from.includes(alert.status as AlertStatus),
  );
}
