import { describe, expect, it } from 'vitest';
import { PenaltyEvent } from '#shared/domain/penalty/penalty-event.ts';
import { aFullPenaltyCase, aPenaltyCase } from './penalty-event-mother.ts';

const issuesOf = (raw: unknown) => {
  const result = PenaltyEvent.safeParse(raw);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code }));
};

describe('penalty event schema', () => {
  it('accepts every event of the penalty procedure', () => {
    // Prepare
    const events = aFullPenaltyCase();

    // Act
    const results = events.map((event) => PenaltyEvent.safeParse(event));

    // Assess
    expect(results.every((result) => result.success)).toBe(true);
    expect(events.map((event) => event.event)).toEqual([
      'caseFiled',
      'investigationConcluded',
      'priorNoticeIssued',
      'hearingRequested',
      'hearingNoticeIssued',
      'hearingHeld',
      'extended',
      'decided',
      'published',
      'executed',
      'closed',
    ]);
  });

  it('accepts a non-monetary penalty as a fine of zero yuan and an internal classification', () => {
    // Prepare
    const [, decided] = aPenaltyCase({ classification: 'internal' }).caseFiled().decided('2025-05-20T16:00:00+08:00', { fineYuan: 0 }).build();

    // Act
    const result = PenaltyEvent.safeParse(decided);

    // Assess
    expect(result.success).toBe(true);
  });

  it('refuses a field the contract does not know, such as the name of the party', () => {
    // Prepare
    const [, decided] = aPenaltyCase().caseFiled().decided('2025-05-20T16:00:00+08:00').build();

    // Act
    const issues = issuesOf({ ...decided, partyName: 'Zhang San' });

    // Assess
    expect(issues).toEqual([{ path: '', code: 'unrecognized_keys' }]);
  });

  it('refuses fines that are negative, fractional or beyond a trillion yuan', () => {
    // Prepare
    const [, decided] = aPenaltyCase().caseFiled().decided('2025-05-20T16:00:00+08:00').build();

    // Act
    const refused = [-1, 10.5, 10 ** 12 + 1].map((fineYuan) => issuesOf({ ...decided, fineYuan }));
    const largest = issuesOf({ ...decided, fineYuan: 10 ** 12 });

    // Assess
    for (const issues of refused) expect(issues.map((issue) => issue.path)).toEqual(['fineYuan']);
    expect(largest).toEqual([]);
  });

  it('refuses a decision without its fine, violation, circumstance or publication flag', () => {
    // Prepare
    const [, decided] = aPenaltyCase().caseFiled().decided('2025-05-20T16:00:00+08:00').build();
    const { fineYuan: _f, violationCode: _v, circumstance: _c, publicationRequired: _p, ...bare } = decided as Extract<PenaltyEvent, { event: 'decided' }>;

    // Act
    const issues = issuesOf(bare);

    // Assess
    expect(issues.map((issue) => issue.path).sort()).toEqual(['circumstance', 'fineYuan', 'publicationRequired', 'violationCode']);
  });

  it('refuses an unknown circumstance, event, kind or a classified level', () => {
    // Prepare
    const [filed, notice] = aPenaltyCase().caseFiled().priorNoticeIssued('2025-04-22T10:00:00+08:00').build();

    // Act
    const circumstance = issuesOf({ ...notice, circumstance: 'aggravated' });
    const event = issuesOf({ ...filed, event: 'appealed' });
    const kind = issuesOf({ ...filed, kind: 'licensing' });
    const classification = issuesOf({ ...filed, classification: 'secret' });

    // Assess
    expect(circumstance.map((issue) => issue.path)).toEqual(['circumstance']);
    expect(event.map((issue) => issue.path)).toEqual(['event']);
    expect(kind.map((issue) => issue.path)).toEqual(['kind']);
    expect(classification.map((issue) => issue.path)).toEqual(['classification']);
  });

  it('refuses an extension without approval or of zero days', () => {
    // Prepare
    const [, extended] = aPenaltyCase().caseFiled().extended('2025-06-01T10:00:00+08:00', 30).build();
    const { approvedBy: _a, ...unapproved } = extended as Extract<PenaltyEvent, { event: 'extended' }>;

    // Act
    const withoutApproval = issuesOf(unapproved);
    const zeroDays = issuesOf({ ...extended, additionalCalendarDays: 0 });

    // Assess
    expect(withoutApproval.map((issue) => issue.path)).toEqual(['approvedBy']);
    expect(zeroDays.map((issue) => issue.path)).toEqual(['additionalCalendarDays']);
  });

  it('refuses an instant without an offset and a malformed violation code', () => {
    // Prepare
    const [filed, notice] = aPenaltyCase().caseFiled().priorNoticeIssued('2025-04-22T10:00:00+08:00').build();

    // Act
    const instant = issuesOf({ ...filed, occurredAt: '2025-04-01T09:00:00' });
    const code = issuesOf({ ...notice, violationCode: 'has spaces' });

    // Assess
    expect(instant.map((issue) => issue.path)).toEqual(['occurredAt']);
    expect(code.map((issue) => issue.path)).toEqual(['violationCode']);
  });
});
