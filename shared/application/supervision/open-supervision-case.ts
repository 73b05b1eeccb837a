/**
 * A supervisor opens a case on its own initiative: from an alert, a complaint, or nothing.
 * Primary course: the responsible department (named, or the alert's department) must be of the
 * supervisor's jurisdiction, and so must an alert it refers to; the deadline is a Shanghai date
 * not in the past; store the case with its timers and first step, audit it.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { isSupervisor } from '../../access/supervision-scope.ts';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import type { DepartmentProfile } from '../../domain/catalogue/catalogue-matter.ts';
import {
  openSupervisionCase as open,
  type CaseOrigin,
  type SupervisionCase,
  type SupervisionCaseOpening,
} from '../../domain/supervision-cases/supervision-case.ts';
import type { AlertLink, SupervisionLinks } from '../../domain/supervision-cases/supervision-request.ts';
import type { TimelineStep } from '../../domain/supervision-cases/supervision-timeline.ts';
import { RoleNotPermitted } from '../../domain/access-refusals.ts';
import { RequiredForStep } from '../../domain/refusal.ts';
import { responsibleDepartment } from './responsible-department.ts';
import { actorOf, calendarOf, refusalOf, type SupervisionDependencies } from './supervision-dependencies.ts';
import { withFreeSupervisionNumber } from './with-free-supervision-number.ts';

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
  if (!isSupervisor(principal)) throw new RoleNotPermitted({ zh: '只有监督机构可以立案督办', en: 'Only a supervisor opens a case' });
  const by = actorOf(principal);
  if (input.origin === 'alert') await responsibleDepartment(principal, input.alert.department, '/alert/department', action, deps);
  const department = input.responsibleDepartment ?? (input.origin === 'alert' ? input.alert.department : undefined);
  if (department === undefined) {
    throw new RequiredForStep({ zh: '缺少责任部门', en: 'Responsible department required' }, undefined, [
      { pointer: '/responsibleDepartment', detail: { zh: '除依据预警立案外必须填写', en: 'required unless the case is opened from an alert' } },
    ]);
  }
  const profile = await responsibleDepartment(principal, department, '/responsibleDepartment', action, deps);
  const calendar = await calendarOf(deps.calendar);
  const at = deps.clock().toISOString();
  const opened = await openCaseUnderFreeNumber(
    {
      origin: { kind: input.origin },
      links: input.origin === 'alert' ? { alert: input.alert } : input.origin === 'complaint' ? { complaint: input.complaint } : {},
      subject: input.subject,
      department: profile,
      orders: input,
      by,
      at,
    },
    calendar,
    deps,
    async (opened) => {
      await deps.supervision.saveCase(opened);
      return opened.state;
    },
  );
  await deps.audit.append({ action, outcome: 'allowed', actor: by, target: `supervisionCase:${opened.caseNumber}`, reason: `origin: ${input.origin}` });
  return opened;
}

/** A case about to be opened by a supervisor, whichever way: on a request or on its own initiative. */
export interface CaseToOpen {
  readonly origin: CaseOrigin;
  readonly links: SupervisionLinks;
  readonly subject: string;
  /** The responsible department, already checked to be the supervisor's to assign. */
  readonly department: DepartmentProfile;
  /** What must be done, by when (a Shanghai date), and why. */
  readonly orders: { readonly instructions: string; readonly deadline: string; readonly reasons?: string };
  /** `role:subject` of the supervisor, and the instant. */
  readonly by: string;
  readonly at: string;
}

/**
 * Opens a case under a freshly drawn number and stores it with `store` (which may write more in
 * the same transaction), drawing again while the number is taken; a refused opening is the
 * caller's error.
 */
export function openCaseUnderFreeNumber<T>(
  toOpen: CaseToOpen,
  calendar: WorkingDayCalendar,
  deps: Pick<SupervisionDependencies, 'policy' | 'randomBelow'>,
  store: (opened: { readonly state: SupervisionCase; readonly steps: readonly TimelineStep[] }) => Promise<T>,
): Promise<T> {
  const { origin, links, subject, department, orders, by, at } = toOpen;
  return withFreeSupervisionNumber('DB', at, deps, async (caseNumber) => {
    const opening: SupervisionCaseOpening = {
      caseNumber,
      origin,
      links,
      responsibleDepartment: department.department,
      jurisdiction: department.jurisdiction,
      subject,
      instructions: orders.instructions,
      deadline: orders.deadline,
      openedAt: at,
      openedBy: by,
      reasons: orders.reasons ?? null,
    };
    const opened = open(opening, calendar, deps.policy);
    if (!opened.ok) throw refusalOf(opened.refusal);
    return store({ state: opened.state, steps: opened.steps });
  });
}
