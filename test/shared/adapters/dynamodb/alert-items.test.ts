/**
 * How an alert is stored: a history entry that restates the alert's current message keeps a
 * marker instead of a second copy, and reads back exactly as it was written.
 */
import { describe, expect, it } from 'vitest';
import { alertFromItem, alertIndexAttributes, alertItemFields } from '#shared/adapters/dynamodb/case-items.ts';
import { itemSize } from '#infra/local/write-units.ts';
import type { Alert } from '#shared/domain/alerts/alert.ts';
import { englishSummary } from '#shared/domain/alerts/alert-messages.ts';
import { escalateUnanswered } from '#shared/domain/alerts/escalation.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { anAlert } from '../../domain/alerts/alert-mother.ts';

const overdue = { key: 'licensing.decision-time-limit.statutory-overdue', params: { deadline: '2025-09-28' } };
const earlier = { key: 'licensing.decision-time-limit.promised-overdue', params: { deadline: '2025-09-15' } };

/** A raised alert whose first history entry restates its message, and one whose finding changed since. */
const raised: Alert = anAlert({
  message: overdue,
  history: [{ at: '2025-09-16T02:00:00.000Z', change: 'raised', level: 'warning', summary: 'Decision not made by the promised time limit.', message: overdue }],
});
const revised: Alert = anAlert({
  message: overdue,
  history: [
    {
      at: '2025-09-16T02:00:00.000Z',
      change: 'raised',
      level: 'warning',
      summary: 'Decision not made by the promised time limit of 2025-09-15.',
      message: earlier,
    },
    { at: '2025-09-29T02:00:00.000Z', change: 'revised', level: 'correction', summary: 'Decision not made by the promised time limit.', message: overdue },
  ],
});
const older: Alert = anAlert();
/** Raised, escalated twice by time and then held: entries whose messages wrap the alert's. */
const escalatedTwice: Alert = anAlert({
  message: overdue,
  level: 'correction',
  history: [
    ...raised.history,
    {
      at: '2025-09-19T16:00:00.000Z',
      change: 'escalated',
      level: 'correction',
      summary: 'Unanswered at level warning; escalated to correction. Decision not made by the promised time limit.',
      message: { key: 'alert.escalated', params: { from: 'warning', to: 'correction', workingDays: 5 }, finding: overdue },
    },
    {
      at: '2025-09-20T02:00:00.000Z',
      change: 'held',
      level: 'correction',
      summary: 'Held for insufficient data: no records from the department ever. Decision not made by the statutory time limit of 2025-09-28.',
      message: { key: 'alert.held', params: {}, finding: earlier },
    },
  ],
});

/** The stored item's size as DynamoDB counts it, roughly: names and values as UTF-8. */
const itemBytes = (item: Record<string, unknown>) => Buffer.byteLength(JSON.stringify(item));

describe('an alert as stored', () => {
  it.each([
    ['raised, its history restating its message', raised],
    ['revised, an earlier message kept in its history', revised],
    ['stored before messages existed', older],
    ['escalated and held, its entries wrapping its message or an earlier one', escalatedTwice],
  ])('reads back exactly as written: %s', (_label, alert) => {
    expect(alertFromItem({ pk: 'p', sk: 's', ...alertItemFields(alert), ...alertIndexAttributes(alert) })).toEqual(alert);
  });

  it('keeps one copy of a message its history restates, and every message that differs', () => {
    expect(JSON.stringify(alertItemFields(raised)).split(overdue.key)).toHaveLength(2);
    expect(JSON.stringify(alertItemFields(revised)).split(earlier.key)).toHaveLength(2);
    expect(itemBytes(alertItemFields(raised))).toBeLessThan(itemBytes({ ...raised }));
  });

  it("keeps one copy of the finding an escalation wraps when it is the alert's, and a wrapped earlier finding in full", () => {
    const stored = JSON.stringify(alertItemFields(escalatedTwice));
    expect(stored.split(overdue.key)).toHaveLength(2);
    expect(stored.split(earlier.key)).toHaveLength(2);
  });

  it('adds under 100 bytes a step for the message of an escalation by time, staying within the write units it took before', () => {
    const finding = { key: 'licensing.decision-time-limit.statutory-overdue', params: { limit: '2025-09-28' } } as const;
    const summary = englishSummary(finding);
    const at = '2025-09-29T02:00:00.000Z';
    const prompt = anAlert(
      { level: 'prompt', findingLevel: 'prompt', summary, message: finding, history: [{ at, change: 'raised', level: 'prompt', summary, message: finding }] },
      at,
    );
    const policy = { promptToWarningWorkingDays: 3, warningToCorrectionWorkingDays: 5 };
    const stored = (alert: Alert) => ({
      pk: 'CASE#haishu-housing#licensing#JS-2025-001',
      sk: `ALERT#${alert.ruleId}`,
      ...alertItemFields(alert),
      ...alertIndexAttributes(alert),
    });
    const writeUnits = (bytes: number) => Math.ceil(bytes / 1024);

    for (const [when, steps] of [
      ['2025-10-14T02:00:00.000Z', 1],
      ['2025-10-31T02:00:00.000Z', 2],
    ] as const) {
      const escalated = escalateUnanswered([prompt], when, stateCouncilCalendar, policy).escalated[0]!;
      // The same alert as stored before escalation entries had messages.
      const sentencesOnly: Alert = {
        ...escalated,
        history: escalated.history.map(({ message, ...entry }) => (entry.change === 'escalated' ? entry : { ...entry, message })),
      };
      const [before, after] = [itemSize(stored(sentencesOnly)), itemSize(stored(escalated))];

      expect(escalated.history.filter((entry) => entry.message?.key === 'alert.escalated')).toHaveLength(steps);
      expect(after - before).toBeLessThan(100 * steps);
      expect(writeUnits(after)).toBe(writeUnits(before));
      expect(alertFromItem(stored(escalated))).toEqual(escalated);
    }
  });
});
