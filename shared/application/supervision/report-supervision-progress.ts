/**
 * The responsible department reports on its case: progress, or completion with evidence.
 * Primary course: load the case as the liaison of its responsible department (anyone else: 404),
 * check the version read, apply the report (a completion report cancels the deadline timers),
 * store it with its timeline step, audit it.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { mayReportOn } from '../../access/supervision-scope.ts';
import { reportCaseProgress, type Evidence, type SupervisionCase } from '../../domain/supervision-cases/supervision-case.ts';
import { NotYourDepartment } from '../../domain/access-refusals.ts';
import type { AuditLog, Clock } from '../ports.ts';
import { caseInScope, requireVersion, supervisionCaseWords } from './find-supervision-item.ts';
import { actorOf, refusalOf } from './supervision-dependencies.ts';
import type { SupervisionRepository } from './supervision-repository.ts';

export interface SupervisionProgressInput {
  readonly expectedVersion: number;
  readonly report: 'progress' | 'completion';
  readonly summary: string;
  readonly evidence?: readonly Evidence[];
}

export async function reportSupervisionProgress(
  principal: StaffPrincipal,
  caseNumber: string,
  input: SupervisionProgressInput,
  deps: { readonly supervision: SupervisionRepository; readonly audit: AuditLog; readonly clock: Clock },
): Promise<SupervisionCase> {
  const action = `supervision.case.${input.report}`;
  const found = await caseInScope(principal, caseNumber, action, deps);
  if (!mayReportOn(principal, found))
    throw new NotYourDepartment({ zh: '只有责任部门可以报告督办案件的办理情况', en: 'Only the responsible department reports on a case' });
  requireVersion(found, input.expectedVersion, supervisionCaseWords);
  const by = actorOf(principal);
  const reported = reportCaseProgress(found, { kind: input.report, summary: input.summary, evidence: input.evidence ?? [] }, by, deps.clock().toISOString());
  if (!reported.ok) throw refusalOf(reported.refusal);
  await deps.supervision.saveCase({ state: reported.state, steps: reported.steps, expectedVersion: input.expectedVersion });
  await deps.audit.append({ action, outcome: 'allowed', actor: by, target: `supervisionCase:${caseNumber}` });
  return reported.state;
}
