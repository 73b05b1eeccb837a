import { describe, expect, it } from 'vitest';
import { DisclosureMatter } from '#shared/domain/disclosure/disclosure-matter.ts';
import { wordsOfMessage } from '#shared/http/problem.ts';

const aMatterInput = (fields: Record<string, unknown> = {}) => ({
  department: 'natural-resources',
  matterCode: 'GK-REQ-001',
  kind: 'disclosure',
  name: 'Disclosure of land-use planning information',
  legalBasis: '《中华人民共和国政府信息公开条例》',
  ...fields,
});

const issuesOf = (input: unknown) => {
  const result = DisclosureMatter.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: wordsOfMessage(issue.message).en }));
};

describe('disclosure catalogue matter', () => {
  it('fills in the limits of the 2019 regulations', () => {
    // Act
    const matter = DisclosureMatter.parse(aMatterInput());

    // Assess
    expect(matter).toMatchObject({
      replyWorkingDays: 20,
      maxExtensionWorkingDays: 20,
      proactiveWorkingDays: 20,
      promptWorkingDaysBefore: 1,
      completionRequestWorkingDays: 7,
    });
  });

  it('keeps the limits of the regulations before 2019 when configured', () => {
    // Act
    const matter = DisclosureMatter.parse(aMatterInput({ replyWorkingDays: 15, maxExtensionWorkingDays: 15 }));

    // Assess
    expect(matter.replyWorkingDays).toBe(15);
    expect(matter.maxExtensionWorkingDays).toBe(15);
  });

  it('refuses a prompt that would start before the reply period does, naming the field', () => {
    // Act
    const issues = issuesOf(aMatterInput({ replyWorkingDays: 8, promptWorkingDaysBefore: 8 }));

    // Assess
    expect(issues).toEqual([{ path: 'promptWorkingDaysBefore', message: 'promptWorkingDaysBefore (8) must be less than replyWorkingDays (8)' }]);
  });

  it('refuses a completion-request limit longer than the reply limit, naming the field', () => {
    // Act
    const issues = issuesOf(aMatterInput({ replyWorkingDays: 6, completionRequestWorkingDays: 7 }));

    // Assess
    expect(issues).toEqual([{ path: 'completionRequestWorkingDays', message: 'completionRequestWorkingDays (7) must not exceed replyWorkingDays (6)' }]);
  });

  it('accepts limits exactly at the cross-field boundaries', () => {
    // Act
    const issues = issuesOf(aMatterInput({ replyWorkingDays: 7, promptWorkingDaysBefore: 6, completionRequestWorkingDays: 7 }));

    // Assess
    expect(issues).toEqual([]);
  });

  it('refuses fractional, negative or zero limits, and unknown fields', () => {
    // Act
    const fractional = issuesOf(aMatterInput({ replyWorkingDays: 20.5 }));
    const negative = issuesOf(aMatterInput({ maxExtensionWorkingDays: -1 }));
    const zero = issuesOf(aMatterInput({ proactiveWorkingDays: 0 }));
    const unknown = issuesOf(aMatterInput({ feeYuan: 10 }));

    // Assess
    expect(fractional.map((issue) => issue.path)).toEqual(['replyWorkingDays']);
    expect(negative.map((issue) => issue.path)).toEqual(['maxExtensionWorkingDays']);
    expect(zero.map((issue) => issue.path)).toEqual(['proactiveWorkingDays']);
    expect(unknown.map((issue) => issue.path)).toEqual(['']);
  });

  it('refuses a matter of another family', () => {
    // Act
    const issues = issuesOf(aMatterInput({ kind: 'licensing' }));

    // Assess
    expect(issues.map((issue) => issue.path)).toEqual(['kind']);
  });
});
