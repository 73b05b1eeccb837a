/**
 * The supervisor extends a case's deadline, with reasons.
 * Primary course: load the case in the supervisor's jurisdiction, check the version read, move
 * the deadline (later than the current one, not in the past) and re-arm the timers for it in the
 * same write, audit it.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { maySupervise, caseScope } from '../../access/supervision-scope.ts';
import { extendSupervisionCase as extend, type SupervisionCase } from '../../domain/supervision-cases/supervision-case.ts';
import { RoleNotPermitted } from '../../domain/access-refusals.ts';
import { caseInScope, requireVersion, supervisionCaseWords } from './find-supervision-item.ts';
import { actorOf, calendarOf, refusalOf, type SupervisionDependencies } from './supervision-dependencies.ts';

export interface SupervisionExtensionInput {
  readonly expectedVersion: number;
  readonly deadline: string;
  readonly reasons: string;
}

export async function extendSupervisionCase(
  principal: StaffPrincipal,
  caseNumber: string,
  input: SupervisionExtensionInput,
  deps: Pick<SupervisionDependencies, 'supervision' | 'audit' | 'clock' | 'calendar' | 'policy'>,
): Promise<SupervisionCase> {
  const action = 'supervision.case.extend';
  const found = await caseInScope(principal, caseNumber, action, deps);
  if (!maySupervise(principal, caseScope(found))) throw new RoleNotPermitted({ zh: '只有监督机构可以延长督办期限', en: 'Only a supervisor extends a case' });
  requireVersion(found, input.expectedVersion, supervisionCaseWords);
  const by = actorOf(principal);
  const extended = extend(
    found,
    { deadline: input.deadline, reasons: input.reasons },
    by,
    deps.clock().toISOString(),
    await calendarOf(deps.calendar),
    deps.policy,
  );
  if (!extended.ok) throw refusalOf(extended.refusal);
  await deps.supervision.saveCase({ state: extended.state, steps: extended.steps, expectedVersion: input.expectedVersion });
  await deps.audit.append({
    action,
    outcome: 'allowed',
    actor: by,
    target: `supervisionCase:${caseNumber}`,
    reason: `deadline ${found.deadline.date} → ${input.deadline}`,
  });
  return extended.state;
}
