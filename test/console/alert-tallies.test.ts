/** The charts count alerts by level per Shanghai week or month of raising, and per department. */
import { describe, expect, it } from 'vitest';
import { periodOf, tallyByDepartment, tallyByPeriod } from '../../console/src/alerts/alert-tallies.ts';
import type { components } from '../../console/src/api/schema.ts';

type Alert = components['schemas']['Alert'];

/** An alert of `department` at `level` raised at `raisedAt`; the rest does not count. */
const anAlert = (raisedAt: string, level: Alert['level'], department = 'haishu-housing'): Alert => ({
  department,
  jurisdiction: 'haishu',
  caseId: `C-${raisedAt}`,
  kind: 'licensing',
  matterCode: 'construction-permit',
  ruleId: 'licensing.decision-time-limit',
  ruleVersion: 1,
  level,
  status: 'open',
  legalBasis: '《行政许可法》第四十二条',
  summary: '许可决定超过法定期限',
  raisedAt,
  updatedAt: raisedAt,
  version: 1,
  history: [],
});

describe('alert tallies for the charts', () => {
  it('puts an alert raised on Sunday evening UTC into the Shanghai week that starts that Monday', () => {
    // 2026-11-29 is a Sunday; 17:00 UTC is Monday 01:00 in Shanghai.
    expect(periodOf('2026-11-29T17:00:00Z', 'week')).toBe('2026-11-30');
    expect(periodOf('2026-11-29T15:00:00Z', 'week')).toBe('2026-11-23');
    expect(periodOf('2026-11-30T16:30:00Z', 'month')).toBe('2026-12');
  });

  it('counts each level per month and keeps the months without alerts, with zeros', () => {
    // Act
    const tallies = tallyByPeriod(
      [
        anAlert('2026-09-03T02:00:00Z', 'prompt'),
        anAlert('2026-09-20T02:00:00Z', 'correction'),
        anAlert('2026-12-01T02:00:00Z', 'warning'),
        anAlert('2026-12-02T02:00:00Z', 'correction'),
      ],
      'month',
    );

    // Assess
    expect(tallies).toEqual([
      { key: '2026-09', counts: { prompt: 1, warning: 0, correction: 1, total: 2 } },
      { key: '2026-10', counts: { prompt: 0, warning: 0, correction: 0, total: 0 } },
      { key: '2026-11', counts: { prompt: 0, warning: 0, correction: 0, total: 0 } },
      { key: '2026-12', counts: { prompt: 0, warning: 1, correction: 1, total: 2 } },
    ]);
  });

  it('runs the weeks across a new year', () => {
    // Act
    const tallies = tallyByPeriod([anAlert('2026-12-21T02:00:00Z', 'prompt'), anAlert('2027-01-05T02:00:00Z', 'prompt')], 'week');

    // Assess
    expect(tallies.map((tally) => [tally.key, tally.counts.total])).toEqual([
      ['2026-12-21', 1],
      ['2026-12-28', 0],
      ['2027-01-04', 1],
    ]);
  });

  it('lists departments with the most alerts first', () => {
    // Act
    const tallies = tallyByDepartment([
      anAlert('2026-12-01T02:00:00Z', 'correction', 'yinzhou-market-regulation'),
      anAlert('2026-12-01T02:00:00Z', 'correction', 'haishu-housing'),
      anAlert('2026-12-02T02:00:00Z', 'warning', 'haishu-housing'),
    ]);

    // Assess
    expect(tallies).toEqual([
      { key: 'haishu-housing', counts: { prompt: 0, warning: 1, correction: 1, total: 2 } },
      { key: 'yinzhou-market-regulation', counts: { prompt: 0, warning: 0, correction: 1, total: 1 } },
    ]);
  });

  it('draws nothing when no alert matches', () => {
    expect(tallyByPeriod([], 'week')).toEqual([]);
  });
});
