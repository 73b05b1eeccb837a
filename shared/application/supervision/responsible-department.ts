/**
 * The department a supervisor makes responsible for a case: it must exist (400 naming the field)
 * and lie in the supervisor's jurisdiction (403, audited: the body names a department the
 * supervisor may not direct).
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { mayAssignTo } from '../../access/supervision-scope.ts';
import type { DepartmentProfile } from '../../domain/catalogue/catalogue-matter.ts';
import { DepartmentOutsideJurisdiction, noSuchDepartment, unknownDepartment, UnknownDepartment } from '../../domain/access-refusals.ts';
import type { AuditLog, ReferenceReader } from '../ports.ts';
import { actorOf } from './supervision-dependencies.ts';

export async function responsibleDepartment(
  principal: StaffPrincipal,
  department: string,
  pointer: string,
  action: string,
  deps: { readonly reference: ReferenceReader; readonly audit: AuditLog },
): Promise<DepartmentProfile> {
  const profile = await deps.reference.department(department);
  if (!profile) throw new UnknownDepartment(unknownDepartment, undefined, [{ pointer, detail: noSuchDepartment }]);
  if (!mayAssignTo(principal, profile)) {
    await deps.audit.append({
      action,
      outcome: 'denied',
      actor: actorOf(principal),
      target: `department:${department}`,
      reason: 'department outside jurisdiction',
    });
    throw new DepartmentOutsideJurisdiction(
      { zh: '该部门不在您的辖区内', en: 'Department outside your jurisdiction' },
      { zh: '监督机构只能督办本辖区的部门。', en: 'A supervisor directs departments of its own jurisdiction only.' },
      [{ pointer, detail: { zh: '不是您辖区内的部门', en: 'not a department of your jurisdiction' } }],
    );
  }
  return profile;
}
