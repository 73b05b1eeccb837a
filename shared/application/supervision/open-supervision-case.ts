/**
 * A supervisor opens a case on its own initiative: from an alert, a complaint, or nothing.
 * Primary course: the responsible department (named, or the alert's department) must be of the
 * supervisor's jurisdiction, and so must an alert it refers to; the deadline is a Shanghai date
 * not in the past; store the case with its timers and first step, audit it.
 */
import { randomInt } from 'node:crypto';
import type { StaffPrincipal } from '../../access/principal.ts';
import { isSupervisor } from '../../access/supervision-scope.ts';
import { openSupervisionCase as open, type SupervisionCase } from '../../domain/supervision-cases/supervision-case.ts';
import { supervisionNumber } from '../../domain/supervision-cases/supervision-numbers.ts';
import type { AlertLink } from '../../domain/supervision-cases/supervision-request.ts';
import { ForbiddenError, InvalidRequestError } from '../../http/errors.ts';
import { numberAttempts } from './request-supervision.ts';
import { responsibleDepartment } from './responsible-department.ts';
import { actorOf, calendarOf, refusalError, type SupervisionDependencies } from './supervision-dependencies.ts';
import { SupervisionNumberTakenError } from './supervision-repository.ts';

interface CaseFields {
  readonly responsibleDepartment?: string;
  readonly subject: string;
  readonly instructions: string;
  readonly deadline: string;
  readonly reasons?: string;
}

export type SupervisionCaseInput =
  | (CaseFields & { readonly origin: 'initiative' })
  | (CaseFields & { readonly origin: 'alert'; readonly alert: AlertLink })
  | (CaseFields & { readonly origin: 'complaint'; readonly complaint: string });

export async function openSupervisionCase(principal: StaffPrincipal, input: SupervisionCaseInput, deps: SupervisionDependencies): Promise<SupervisionCase> {
  const action = 'supervision.case.open';
  if (!isSupervisor(principal)) throw new ForbiddenError('Only a supervisor opens a case');
  const by = actorOf(principal);
  if (input.origin === 'alert') await responsibleDepartment(principal, input.alert.department, '/alert/department', action, deps);
  const department = input.responsibleDepartment ?? (input.origin === 'alert' ? input.alert.department : undefined);
  if (department === undefined) {
    throw new InvalidRequestError('Responsible department required', undefined, [{ pointer: '/responsibleDepartment', detail: 'required unless the case is opened from an alert' }]);
  }
  const profile = await responsibleDepartment(principal, department, '/responsibleDepartment', action, deps);
  const calendar = await calendarOf(deps.calendar);
  const at = deps.clock().toISOString();
  for (let attempt = 0; attempt < numberAttempts; attempt += 1) {
    const caseNumber = supervisionNumber('DB', at, deps.randomBelow ?? randomInt);
    const opened = open(
      {
        caseNumber,
        origin: { kind: input.origin },
        links: input.origin === 'alert' ? { alert: input.alert } : input.origin === 'complaint' ? { complaint: input.complaint } : {},
        responsibleDepartment: profile.department,
        jurisdiction: profile.jurisdiction,
        subject: input.subject,
        instructions: input.instructions,
        deadline: input.deadline,
        openedAt: at,
        openedBy: by,
        reasons: input.reasons ?? null,
      },
      calendar,
      deps.policy,
    );
    if (!opened.ok) throw refusalError(opened.refusal);
    try {
      await deps.supervision.saveCase({ state: opened.state, steps: opened.steps });
    } catch (error) {
      if (error instanceof SupervisionNumberTakenError) continue;
      throw error;
    }
    await deps.audit.append({ action, outcome: 'allowed', actor: by, target: `supervisionCase:${caseNumber}`, reason: `origin: ${input.origin}` });
    return opened.state;
  }
  throw new Error(`no free supervision case number after ${numberAttempts} attempts`);
}
