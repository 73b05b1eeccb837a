/**
 * A supervision case with its timeline, for whoever may see it. A liaison does not see steps
 * marked internal.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import type { SupervisionCase } from '../../domain/supervision-cases/supervision-case.ts';
import type { TimelineStep } from '../../domain/supervision-cases/supervision-timeline.ts';
import type { AuditLog } from '../ports.ts';
import { caseInScope } from './find-supervision-item.ts';
import type { SupervisionRepository } from './supervision-repository.ts';

export interface SupervisionCaseDetail {
  readonly case: SupervisionCase;
  readonly timeline: readonly TimelineStep[];
}

export async function readSupervisionCase(
  principal: StaffPrincipal,
  caseNumber: string,
  deps: { readonly supervision: SupervisionRepository; readonly audit: AuditLog },
): Promise<SupervisionCaseDetail> {
  const found = await caseInScope(principal, caseNumber, 'supervision.case.read', deps);
  const timeline = await deps.supervision.timeline(caseNumber);
  return { case: found, timeline: principal.role === 'departmentLiaison' ? timeline.filter((step) => !step.internal) : timeline };
}
