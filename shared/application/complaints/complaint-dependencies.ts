/** What the complaint use cases need from the outside world, built once per cold start. */
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import type { ComplaintClockPolicy } from '../../domain/complaints/complaint-clock.ts';
import type { AuditLog, Clock, NoticeRenderer, PersonalDataProtector, ReferenceReader } from '../ports.ts';
import type { ComplaintRepository } from './complaint-repository.ts';

export interface ComplaintSettings {
  readonly clock: ComplaintClockPolicy;
  /** Calendar days after a complaint is finished within which it may be re-opened. */
  readonly reopeningWindowDays: number;
}

export interface ComplaintDependencies {
  readonly complaints: ComplaintRepository;
  readonly protector: PersonalDataProtector;
  readonly renderer: NoticeRenderer;
  readonly reference: ReferenceReader;
  readonly audit: AuditLog;
  /** The working-day calendar in force (State Council arrangement with supervisor-loaded years). */
  readonly calendar: () => Promise<WorkingDayCalendar>;
  readonly clock: Clock;
  readonly settings: ComplaintSettings;
}

/** `role:subject`, as steps and audit entries name staff. */
export const actorOf = (principal: { readonly role: string; readonly subject: string }): string => `${principal.role}:${principal.subject}`;
