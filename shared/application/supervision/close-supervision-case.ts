/**
 * The supervisor concludes on a case: closes it (after a completion report; before one only with
 * reasons), or sends a completion report back with reasons, which reopens the case and re-arms
 * its timers.
 * Primary course: load the case in the supervisor's jurisdiction, check the version read, apply
 * the step, store it with its timeline step, audit it.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { caseScope, maySupervise } from '../../access/supervision-scope.ts';
import { closeSupervisionCase as close, sendBackSupervisionCase as sendBack, type SupervisionCase } from '../../domain/supervision-cases/supervision-case.ts';
import { RoleNotPermitted } from '../../domain/access-refusals.ts';
import { caseInScope, requireVersion, supervisionCaseWords } from './find-supervision-item.ts';
import { actorOf, calendarOf, refusalOf, type SupervisionDependencies } from './supervision-dependencies.ts';

export type SupervisionClosureInput =
  | { readonly action: 'close'; readonly expectedVersion: number; readonly reasons?: string }
  | { readonly action: 'sendBack'; readonly expectedVersion: number; readonly reasons: string };

export async function closeSupervisionCase(
  principal: StaffPrincipal,
  caseNumber: string,
  input: SupervisionClosureInput,
  deps: Pick<SupervisionDependencies, 'supervision' | 'audit' | 'clock' | 'calendar' | 'policy'>,
): Promise<SupervisionCase> {
  const action = input.action === 'close' ? 'supervision.case.close' : 'supervision.case.sendBack';
  const found = await caseInScope(principal, caseNumber, action, deps);
  if (!maySupervise(principal, caseScope(found))) throw new RoleNotPermitted({ zh: '只有监督机构可以办结督办案件', en: 'Only a supervisor closes a case' });
  requireVersion(found, input.expectedVersion, supervisionCaseWords);
  const by = actorOf(principal);
  const at = deps.clock().toISOString();
  const concluded =
    input.action === 'close'
      ? close(found, { reasons: input.reasons ?? null }, by, at)
      : sendBack(found, { reasons: input.reasons }, by, at, await calendarOf(deps.calendar), deps.policy);
  if (!concluded.ok) throw refusalOf(concluded.refusal);
  await deps.supervision.saveCase({ state: concluded.state, steps: concluded.steps, expectedVersion: input.expectedVersion });
  await deps.audit.append({ action, outcome: 'allowed', actor: by, target: `supervisionCase:${caseNumber}` });
  return concluded.state;
}
