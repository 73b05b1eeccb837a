/**
 * The supervisor decides on a department's request: open a case, or decline with reasons.
 * Primary course: load the request in the caller's jurisdiction, check the version read, check
 * the step is allowed (a pending request), then either record the refusal, or open a case naming
 * the responsible department (default: the requester), what must be done and a deadline, and
 * store the decided request and the new case in one transaction. Both are audited.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { isSupervisor } from '../../access/supervision-scope.ts';
import type { SupervisionCase } from '../../domain/supervision-cases/supervision-case.ts';
import { decideSupervisionRequest as decide, type SupervisionRequest } from '../../domain/supervision-cases/supervision-request.ts';
import { RoleNotPermitted } from '../../domain/access-refusals.ts';
import { requestInScope, requireVersion, supervisionRequestWords } from './find-supervision-item.ts';
import { openCaseUnderFreeNumber } from './open-supervision-case.ts';
import { responsibleDepartment } from './responsible-department.ts';
import { actorOf, calendarOf, refusalOf, type SupervisionDependencies } from './supervision-dependencies.ts';

export type SupervisionDecisionInput =
  | {
      readonly decision: 'openCase';
      readonly expectedVersion: number;
      readonly responsibleDepartment?: string;
      /** Default: the request's subject. */
      readonly subject?: string;
      readonly instructions: string;
      readonly deadline: string;
      readonly reasons?: string;
    }
  | { readonly decision: 'decline'; readonly expectedVersion: number; readonly reasons: string };

export interface SupervisionDecisionOutcome {
  readonly request: SupervisionRequest;
  readonly case?: SupervisionCase;
}

export async function decideSupervisionRequest(
  principal: StaffPrincipal,
  requestNumber: string,
  input: SupervisionDecisionInput,
  deps: SupervisionDependencies,
): Promise<SupervisionDecisionOutcome> {
  const action = 'supervision.request.decide';
  const request = await requestInScope(principal, requestNumber, action, deps);
  if (!isSupervisor(principal)) throw new RoleNotPermitted({ zh: '只有监督机构可以决定督办申请', en: 'Only a supervisor decides on a request' });
  requireVersion(request, input.expectedVersion, supervisionRequestWords);
  const by = actorOf(principal);
  const at = deps.clock().toISOString();
  const target = `supervisionRequest:${requestNumber}`;

  if (input.decision === 'decline') {
    const declined = decide(request, { outcome: 'declined', reasons: input.reasons }, by, at);
    if (!declined.ok) throw refusalOf(declined.refusal);
    await deps.supervision.saveRequest({ state: declined.state, steps: declined.steps, expectedVersion: input.expectedVersion });
    await deps.audit.append({ action, outcome: 'allowed', actor: by, target, reason: 'declined' });
    return { request: declined.state };
  }

  const decideOpening = (caseNumber: string) => decide(request, { outcome: 'caseOpened', caseNumber, reasons: input.reasons ?? null }, by, at);
  // The stage first: a request already decided is a 409 whatever the rest of the body says (the
  // case number plays no part in that check; the case's own is drawn when it is stored).
  const allowed = decideOpening('');
  if (!allowed.ok) throw refusalOf(allowed.refusal);
  const profile = await responsibleDepartment(principal, input.responsibleDepartment ?? request.requester, '/responsibleDepartment', action, deps);
  const calendar = await calendarOf(deps.calendar);
  const outcome = await openCaseUnderFreeNumber(
    {
      origin: { kind: 'request', requestNumber, requester: request.requester },
      links: request.links,
      subject: input.subject ?? request.subject,
      department: profile,
      orders: input,
      by,
      at,
    },
    calendar,
    deps,
    async (opened) => {
      const decided = decideOpening(opened.state.caseNumber);
      if (!decided.ok) throw refusalOf(decided.refusal);
      await deps.supervision.saveCase(opened, { state: decided.state, steps: decided.steps, expectedVersion: input.expectedVersion });
      return { request: decided.state, case: opened.state };
    },
  );
  await deps.audit.append({ action, outcome: 'allowed', actor: by, target, reason: `case opened: ${outcome.case.caseNumber}` });
  await deps.audit.append({ action: 'supervision.case.open', outcome: 'allowed', actor: by, target: `supervisionCase:${outcome.case.caseNumber}` });
  return outcome;
}
