import type { Alert } from '#shared/domain/alerts/alert.ts';

/**
 * A stored licensing alert, open at version 1, raised at `raisedAt`; its history's first entry
 * follows the level and summary given.
 */
export function anAlert(overrides: Partial<Alert> = {}, raisedAt = '2025-09-16T02:00:00.000Z'): Alert {
  const level = overrides.level ?? 'warning';
  const summary = overrides.summary ?? 'Decision not made by the promised time limit.';
  return {
    department: 'haishu-housing',
    jurisdiction: 'haishu',
    caseId: 'JS-1',
    kind: 'licensing',
    matterCode: 'construction-permit',
    ruleId: 'licensing.decision-time-limit',
    ruleVersion: 1,
    level,
    findingLevel: level,
    levelSince: raisedAt,
    status: 'open',
    legalBasis: '《中华人民共和国行政许可法》第四十二条',
    summary,
    deadline: '2025-09-15T15:59:59.999Z',
    raisedAt,
    updatedAt: raisedAt,
    history: [{ at: raisedAt, change: 'raised', level, summary }],
    version: 1,
    ...overrides,
  };
}
