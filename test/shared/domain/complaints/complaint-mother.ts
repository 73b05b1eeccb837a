/**
 * Test data for complaints: generated identity numbers (valid check character, never a real
 * person's), and complaints filed and moved through their stages with the real domain functions.
 */
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { defaultComplaintClockPolicy } from '#shared/domain/complaints/complaint-clock.ts';
import type { Complaint, ComplaintSubject, SealedRecord } from '#shared/domain/complaints/complaint.ts';
import { applyDecision, newComplaint, type ClockContext, type FilingInput } from '#shared/domain/complaints/complaint-lifecycle.ts';
import { identityCheckCharacter } from '#shared/domain/complaints/resident-identity-number.ts';

/** A generated identity number: region, birth date and sequence of your choice, the check character computed. */
export function generatedIdentityNumber(region = '330203', birth = '19900101', sequence = '123'): string {
  const first17 = `${region}${birth}${sequence}`;
  return `${first17}${identityCheckCharacter(first17)}`;
}

export const haishuHousing: ComplaintSubject = {
  kind: 'department',
  department: 'haishu-housing',
  departmentName: '海曙区住房和城乡建设局',
  jurisdiction: 'haishu',
};

/** Stands in for sealed data in pure tests: the domain never looks inside it. */
export const opaqueSealed: SealedRecord = { keyRef: 'test', wrappedKey: 'd3JhcHBlZA==', fields: { content: 'c2VhbGVk' } };

export function filingInput(overrides: Partial<FilingInput> = {}): FilingInput {
  return {
    receiptNumber: 'TS20261009K7M2Q9XA',
    receivedAt: '2026-10-09T01:30:00.000Z',
    subject: haishuHousing,
    category: 'delay',
    realName: true,
    identityDisclosureConsent: false,
    sealed: opaqueSealed,
    queryTokenHash: 'a'.repeat(64),
    ...overrides,
  };
}

export const clockContext = (at: string, actor = 'districtSupervisor:sup-1'): ClockContext => ({
  at: new Date(at),
  actor,
  cal: stateCouncilCalendar,
  policy: defaultComplaintClockPolicy,
});

export function aFiledComplaint(overrides: Partial<FilingInput> = {}): Complaint {
  return newComplaint(filingInput(overrides), { cal: stateCouncilCalendar, policy: defaultComplaintClockPolicy }).complaint;
}

/** Filed on 9 October 2026 and forwarded on the 12th to the housing department, due 23 October. */
export function aForwardedComplaint(overrides: Partial<FilingInput> = {}, aboutRecipient = true): Complaint {
  return applyDecision(
    aFiledComplaint(overrides),
    {
      accepted: true,
      handling: { by: 'department', department: 'haishu-housing', departmentName: '海曙区住房和城乡建设局', aboutRecipient },
      deadline: '2026-10-23',
    },
    clockContext('2026-10-12T02:00:00.000Z'),
  ).complaint;
}
