import { describe, expect, it } from 'vitest';
import type { Alert } from '#shared/domain/alerts/alert.ts';
import { pseudoCaseSignalContribution, pseudoCaseSignalDeltas } from '#shared/domain/statistics/pseudo-case-contribution.ts';
import { anAlert } from '../alerts/alert-mother.ts';

// 23:30 on Mon 30 November 2026, Shanghai time: still November.
const raisedAt = '2026-11-30T15:30:00.000Z';
const silent = anAlert({ kind: 'connection', caseId: 'feed', matterCode: 'feed', ruleId: 'connection.feed-silent' }, raisedAt);
const overdueOrder = anAlert(
  { kind: 'accountability', caseId: 'WZ20261205K7M2Q9', matterCode: 'correctionOrder', ruleId: 'accountability.order-overdue' },
  raisedAt,
);
const next = (alert: Alert, changes: Partial<Alert>): Alert => ({ ...alert, ...changes, version: alert.version + 1 });

describe("what a department's pseudo-case signal counts in its statistics", () => {
  it('counts a connection warning raised at 23:30 on the last day of the month in that month, by level only', () => {
    expect(pseudoCaseSignalContribution(silent)).toEqual({ '2026-11': { signalsWarning: 1 } });
    expect(pseudoCaseSignalDeltas(undefined, silent)).toEqual([{ matterCode: 'feed', delta: { '2026-11': { signalsWarning: 1 } } }]);
  });

  it('moves an escalated overdue order from the warnings to the corrections of the month it was raised in', () => {
    const escalated = next(overdueOrder, { level: 'correction', findingLevel: 'correction', levelSince: '2026-12-08T01:00:00.000Z' });

    expect(pseudoCaseSignalDeltas(overdueOrder, escalated)).toEqual([
      { matterCode: 'correctionOrder', delta: { '2026-11': { signalsWarning: -1, signalsCorrection: 1 } } },
    ]);
  });

  it('counts a resolved signal as corrected, with the whole minutes it took, in the month it was raised', () => {
    // From 23:30 on 30 November to 01:15:59 on 1 December, Shanghai time: 105 whole minutes.
    const resolved = next(silent, { status: 'resolved', resolvedAt: '2026-11-30T17:15:59.000Z' });

    expect(pseudoCaseSignalDeltas(silent, resolved)).toEqual([{ matterCode: 'feed', delta: { '2026-11': { corrected: 1, correctionMinutes: 105 } } }]);
  });

  it('takes a withdrawn signal back, and adds nothing for a change the statistics do not see', () => {
    expect(pseudoCaseSignalDeltas(silent, next(silent, { status: 'withdrawn' }))).toEqual([
      { matterCode: 'feed', delta: { '2026-11': { signalsWarning: -1 } } },
    ]);
    expect(pseudoCaseSignalDeltas(silent, next(silent, { status: 'acknowledged' }))).toEqual([]);
  });

  it("counts nothing for a case's alert: its case counts it", () => {
    expect(pseudoCaseSignalContribution(anAlert({}, raisedAt))).toEqual({});
  });
});
