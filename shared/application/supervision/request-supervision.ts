/**
 * A department requests supervision (Art. 18 ¶2): its liaison files a written report on a major,
 * complex or specific matter.
 * Primary course: the requester is the liaison's own department (a body naming another one is
 * refused and audited), count the decision deadline in working days from the Shanghai date of
 * filing, store the request with its timers and first timeline step, audit it.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { fileSupervisionRequest, type SupervisionLinks, type SupervisionRequest } from '../../domain/supervision-cases/supervision-request.ts';
import { DepartmentNotRegistered, NotYourDepartment, RoleNotPermitted } from '../../domain/access-refusals.ts';
import { actorOf, calendarOf, type SupervisionDependencies } from './supervision-dependencies.ts';
import { withFreeSupervisionNumber } from './with-free-supervision-number.ts';

export interface SupervisionRequestInput {
  /** Optional: when given it must be the liaison's own department. */
  readonly department?: string;
  readonly subject: string;
  readonly matter: string;
  readonly asks: string;
  readonly links?: SupervisionLinks;
}

export async function requestSupervision(
  principal: StaffPrincipal,
  input: SupervisionRequestInput,
  deps: SupervisionDependencies,
): Promise<SupervisionRequest> {
  const actor = actorOf(principal);
  const department = principal.role === 'departmentLiaison' ? principal.department : undefined;
  if (department === undefined) throw new RoleNotPermitted({ zh: '只有部门联络员可以申请督办', en: 'Only a department liaison requests supervision' });
  const namedElsewhere =
    input.department !== undefined && input.department !== department
      ? '/department'
      : input.links?.alert !== undefined && input.links.alert.department !== department
        ? '/links/alert/department'
        : undefined;
  if (namedElsewhere) {
    await deps.audit.append({
      action: 'supervision.request.file',
      outcome: 'denied',
      actor,
      target: `department:${input.department ?? input.links?.alert?.department}`,
      reason: 'names another department',
    });
    throw new NotYourDepartment(
      { zh: '不是您的部门', en: 'Not your department' },
      { zh: '联络员只能为本部门申请督办。', en: 'A liaison requests supervision for its own department only.' },
      [{ pointer: namedElsewhere, detail: { zh: '应为您所在的部门', en: 'must be your own department' } }],
    );
  }
  const profile = await deps.reference.department(department);
  if (!profile)
    throw new DepartmentNotRegistered(
      { zh: '部门未登记', en: 'Department not registered' },
      { zh: '基础数据中没有您所在部门的信息。', en: 'Your department has no profile in the reference data.' },
    );
  const calendar = await calendarOf(deps.calendar);
  const filedAt = deps.clock().toISOString();
  const state = await withFreeSupervisionNumber('DQ', filedAt, deps, async (requestNumber) => {
    const filed = fileSupervisionRequest(
      {
        requestNumber,
        requester: department,
        jurisdiction: profile.jurisdiction,
        subject: input.subject,
        matter: input.matter,
        asks: input.asks,
        links: input.links ?? {},
        filedAt,
        filedBy: actor,
      },
      calendar,
      deps.policy,
    );
    await deps.supervision.saveRequest(filed);
    return filed.state;
  });
  await deps.audit.append({ action: 'supervision.request.file', outcome: 'allowed', actor, target: `supervisionRequest:${state.requestNumber}` });
  return state;
}
