/**
 * What the supervision use cases need, and the few things they share: the calendar in force,
 * the actor's name in steps and audit entries, and turning a refusal of the supervision rules into words (`refusalOf`).
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import type { SupervisionPolicy } from '../../domain/supervision-cases/supervision-policy.ts';
import type { SupervisionRefusal } from '../../domain/supervision-cases/supervision-refusal.ts';
import { DeadlineOutOfRange, Refusal, RequiredForStep } from '../../domain/refusal.ts';
import type { AuditLog, Clock, ReferenceReader } from '../ports.ts';
import type { SupervisionRepository } from './supervision-repository.ts';

/** A calendar that may change while the function runs (`CalendarProvider`). */
export interface CalendarSource {
  calendar(): Promise<WorkingDayCalendar>;
}

/** A fixed calendar (tests, `stateCouncilCalendar`) or a source of the calendar in force. */
export type CalendarInput = WorkingDayCalendar | CalendarSource;

export async function calendarOf(input: CalendarInput): Promise<WorkingDayCalendar> {
  return 'calendar' in input && typeof input.calendar === 'function' ? input.calendar() : (input as WorkingDayCalendar);
}

export interface SupervisionDependencies {
  readonly supervision: SupervisionRepository;
  readonly reference: ReferenceReader;
  readonly audit: AuditLog;
  readonly calendar: CalendarInput;
  readonly clock: Clock;
  readonly policy: SupervisionPolicy;
  /** Uniform integer in `0..n-1` for new numbers; `crypto.randomInt` unless a test fixes it. */
  readonly randomBelow?: (n: number) => number;
}

export const actorOf = (principal: StaffPrincipal): string => `${principal.role}:${principal.subject}`;

/** The step is not possible in the supervision request's or case's current stage. */
export class SupervisionActionNotAllowed extends Refusal {
  readonly kind = 'not-allowed-now';
  readonly slug = 'action-not-allowed';
}

/** A refusal of the supervision rules in words: a step the stage does not allow, or the field it names otherwise. */
export function refusalOf(refusal: SupervisionRefusal, deadlinePointer = '/deadline'): Refusal {
  switch (refusal.refusal) {
    case 'notAllowedInStage':
      return new SupervisionActionNotAllowed(
        { zh: `处于 ${refusal.stage} 阶段时不能执行 ${refusal.action}`, en: `Cannot ${refusal.action} while ${refusal.stage}` },
        { zh: `可以执行的阶段：${refusal.allowedIn.join('、')}。`, en: `Possible while: ${refusal.allowedIn.join(', ')}.` },
      );
    case 'reasonsRequired':
      return new RequiredForStep({ zh: '缺少理由', en: 'Reasons required' }, undefined, [{ pointer: '/reasons', detail: refusal.detail }]);
    case 'evidenceRequired':
      return new RequiredForStep({ zh: '缺少证明材料', en: 'Evidence required' }, undefined, [
        { pointer: '/evidence', detail: { zh: '办结报告须附证明材料', en: 'a completion report requires evidence' } },
      ]);
    case 'deadlineInPast':
      return new DeadlineOutOfRange({ zh: '期限已过', en: 'Deadline in the past' }, undefined, [
        { pointer: deadlinePointer, detail: { zh: `应不早于 ${refusal.today}（今日，北京时间）`, en: `must be ${refusal.today} (today, Shanghai) or later` } },
      ]);
    case 'deadlineTooFar':
      return new DeadlineOutOfRange({ zh: '期限过远', en: 'Deadline too far ahead' }, undefined, [
        { pointer: deadlinePointer, detail: { zh: `应不晚于 ${refusal.latest}`, en: `must be ${refusal.latest} or earlier` } },
      ]);
    case 'deadlineNotLater':
      return new DeadlineOutOfRange({ zh: '期限未延后', en: 'Deadline not later' }, undefined, [
        { pointer: deadlinePointer, detail: { zh: `应晚于当前期限 ${refusal.current}`, en: `must be later than the current deadline ${refusal.current}` } },
      ]);
  }
}
