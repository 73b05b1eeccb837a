/** What the complaint use cases need from the outside world, built once per cold start. */
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import type { ComplaintClockPolicy } from '../../domain/complaints/complaint-clock.ts';
import type { AuditLog, Clock, NoticeRenderer, PersonalDataProtector, PersonalDataSealer, ReferenceReader } from '../ports.ts';
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

/**
 * What filing a complaint needs, and no more: new complaints stored (never one read back) and
 * personal data sealed (never opened), besides the reference data and the calendar.
 */
export interface ComplaintFilingDependencies {
  readonly complaints: Pick<ComplaintRepository, 'save'>;
  readonly protector: PersonalDataSealer;
  readonly reference: ReferenceReader;
  readonly calendar: () => Promise<WorkingDayCalendar>;
  readonly clock: Clock;
  readonly settings: ComplaintSettings;
}

/**
 * What the holder of a query token's requests need (status, notices, rating, re-opening): the
 * complaints, read and written, and personal data sealed and opened; no notice renderer, no audit.
 */
export type ComplaintFollowUpDependencies = Omit<ComplaintDependencies, 'renderer' | 'audit'>;

/** `role:subject`, as steps and audit entries name staff. */
export const actorOf = (principal: { readonly role: string; readonly subject: string }): string => `${principal.role}:${principal.subject}`;
