import { describe, expect, it } from 'vitest';
import { disclosureCaseTypeOf, DisclosureEvent } from '#shared/domain/disclosure/disclosure-event.ts';
import { aDisclosureCase } from './disclosure-event-mother.ts';

const aRecord = (fields: Record<string, unknown>) => ({
  kind: 'disclosure',
  department: 'natural-resources',
  matterCode: 'GK-REQ-001',
  caseId: 'GKSQ-2025-000042',
  sequence: 1,
  occurredAt: '2025-09-01T09:00:00+08:00',
  ...fields,
});

const issuePaths = (input: unknown): string[] => {
  const result = DisclosureEvent.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.') || issue.code);
};

describe('disclosure event schema', () => {
  it('accepts every event of both kinds of case', () => {
    // Prepare
    const request = aDisclosureCase({ classification: 'internal' })
      .requestReceived()
      .completionRequested('2025-09-03T09:00:00+08:00')
      .completionReceived('2025-09-05T09:00:00+08:00')
      .consultationStarted('2025-09-08T09:00:00+08:00', 'otherAuthority')
      .consultationEnded('2025-09-12T09:00:00+08:00')
      .extended('2025-09-20T09:00:00+08:00', 20)
      .replied('2025-10-10T09:00:00+08:00', 'refused', 'the information concerns a commercial secret of a third party')
      .closed('2025-10-11T09:00:00+08:00')
      .build();
    const proactive = aDisclosureCase().informationFormed().published('2025-05-06T09:00:00+08:00').build();

    // Act
    const parsed = [...request, ...proactive].map((event) => DisclosureEvent.safeParse(event).success);

    // Assess
    expect(parsed).toHaveLength(10);
    expect(parsed.every(Boolean)).toBe(true);
    expect(request[0]?.classification).toBe('internal');
  });

  it('accepts a refusal without reasons, for the refusal-reasons rule to flag', () => {
    // Act
    const paths = issuePaths(aRecord({ event: 'replied', outcome: 'refused' }));

    // Assess
    expect(paths).toEqual([]);
  });

  it('refuses an unknown field such as the applicant’s name', () => {
    // Act
    const paths = issuePaths(aRecord({ event: 'requestReceived', applicantName: 'someone' }));

    // Assess
    expect(paths).toEqual(['unrecognized_keys']);
  });

  it('refuses an extension of more than twenty working days, none at all, or one without approval', () => {
    // Act
    const tooLong = issuePaths(aRecord({ event: 'extended', additionalWorkingDays: 21, approvedBy: 'head of office' }));
    const none = issuePaths(aRecord({ event: 'extended', additionalWorkingDays: 0, approvedBy: 'head of office' }));
    const unapproved = issuePaths(aRecord({ event: 'extended', additionalWorkingDays: 5 }));

    // Assess
    expect(tooLong).toEqual(['additionalWorkingDays']);
    expect(none).toEqual(['additionalWorkingDays']);
    expect(unapproved).toEqual(['approvedBy']);
  });

  it('refuses an unknown outcome, consulted party or kind of change', () => {
    // Act
    const outcome = issuePaths(aRecord({ event: 'replied', outcome: 'ignored' }));
    const party = issuePaths(aRecord({ event: 'consultationStarted', party: 'applicant' }));
    const change = issuePaths(aRecord({ event: 'informationFormed', change: 'deleted' }));

    // Assess
    expect(outcome).toEqual(['outcome']);
    expect(party).toEqual(['party']);
    expect(change).toEqual(['change']);
  });

  it('refuses a completion request that names nothing to complete', () => {
    // Act
    const paths = issuePaths(aRecord({ event: 'completionRequested', items: [] }));

    // Assess
    expect(paths).toEqual(['items']);
  });

  it('refuses a record of another family, an unknown event and an instant without offset', () => {
    // Act
    const otherKind = issuePaths(aRecord({ kind: 'licensing', event: 'requestReceived' }));
    const unknownEvent = issuePaths(aRecord({ event: 'decided' }));
    const noOffset = issuePaths(aRecord({ event: 'requestReceived', occurredAt: '2025-09-01T09:00:00' }));

    // Assess
    expect(otherKind).toEqual(['kind']);
    expect(unknownEvent).toEqual(['event']);
    expect(noOffset).toEqual(['occurredAt']);
  });

  it('tells a proactive disclosure from a request by its event', () => {
    // Act
    const types = (['requestReceived', 'replied', 'closed', 'informationFormed', 'published'] as const).map(disclosureCaseTypeOf);

    // Assess
    expect(types).toEqual(['request', 'request', 'request', 'proactive', 'proactive']);
  });
});
