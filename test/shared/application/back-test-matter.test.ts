import { describe, expect, it } from 'vitest';
import { diffFindings } from '#shared/application/back-test-matter.ts';

describe('the back-test diff of findings', () => {
  it('names raised, cleared, escalated and lowered rules and leaves unchanged ones out', () => {
    // Prepare
    const current = [
      { ruleId: 'a.cleared', level: 'prompt' as const },
      { ruleId: 'b.escalated', level: 'warning' as const },
      { ruleId: 'c.lowered', level: 'correction' as const },
      { ruleId: 'd.same', level: 'warning' as const },
    ];
    const proposed = [
      { ruleId: 'b.escalated', level: 'correction' as const },
      { ruleId: 'c.lowered', level: 'prompt' as const },
      { ruleId: 'd.same', level: 'warning' as const },
      { ruleId: 'e.raised', level: 'warning' as const },
    ];

    // Act
    const diff = diffFindings(current, proposed);

    // Assess
    expect(diff).toEqual([
      { ruleId: 'a.cleared', change: 'cleared', current: 'prompt', proposed: null },
      { ruleId: 'b.escalated', change: 'escalated', current: 'warning', proposed: 'correction' },
      { ruleId: 'c.lowered', change: 'deescalated', current: 'correction', proposed: 'prompt' },
      { ruleId: 'e.raised', change: 'raised', current: null, proposed: 'warning' },
    ]);
  });
});
