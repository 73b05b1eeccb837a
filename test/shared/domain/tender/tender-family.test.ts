import { describe, expect, it } from 'vitest';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { tenderFamily } from '#shared/domain/tender/tender-family.ts';
import { aCleanTenderUpToAward, aTenderMatter } from './tender-event-mother.ts';

describe('tender record family', () => {
  it('parses, folds, summarizes and evaluates a tender through the family interface', () => {
    // Prepare
    const raw = JSON.parse(JSON.stringify(aCleanTenderUpToAward().build())) as unknown[];
    const matter = tenderFamily.matterSchema.parse({
      department: 'housing-construction',
      matterCode: 'GC-SG-001',
      kind: 'publicResourceTrading',
      name: 'Construction works tender',
      legalBasis: '《中华人民共和国招标投标法》',
    });

    // Act
    const events = raw.map((record) => tenderFamily.eventSchema.parse(record));
    const state = tenderFamily.fold(events);
    const summary = tenderFamily.summarize(state);
    const evaluation = tenderFamily.evaluate(state, matter, new Date('2025-06-06T09:00:00+08:00'), cal);

    // Assess
    expect(tenderFamily.kind).toBe('publicResourceTrading');
    expect(matter).toEqual(aTenderMatter());
    expect(summary).toEqual({ matterCode: 'GC-SG-001', lastSequence: 5, eventCount: 5, stage: 'awarded' });
    expect(evaluation.findings.map((finding) => finding.ruleId)).toEqual(['publicResourceTrading.contract-time-limit']);
    expect(JSON.parse(JSON.stringify(evaluation.deadlines))).toEqual(evaluation.deadlines);
  });

  it('refuses a licensing record through the tender schema', () => {
    // Act
    const result = tenderFamily.eventSchema.safeParse({
      kind: 'licensing',
      event: 'received',
      department: 'housing-construction',
      matterCode: 'GC-SG-001',
      caseId: 'ZB-1',
      sequence: 1,
      occurredAt: '2025-03-04T09:00:00+08:00',
    });

    // Assess
    expect(result.success).toBe(false);
  });
});
