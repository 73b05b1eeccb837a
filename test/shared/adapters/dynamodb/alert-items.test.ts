/**
 * How an alert is stored: a history entry that restates the alert's current message keeps a
 * marker instead of a second copy, and reads back exactly as it was written.
 */
import { describe, expect, it } from 'vitest';
import { alertFromItem, alertIndexAttributes, alertItemFields } from '#shared/adapters/dynamodb/case-items.ts';
import type { Alert } from '#shared/domain/alerts/alert.ts';
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

/** The stored item's size as DynamoDB counts it, roughly: names and values as UTF-8. */
const itemBytes = (item: Record<string, unknown>) => Buffer.byteLength(JSON.stringify(item));

describe('an alert as stored', () => {
  it.each([
    ['raised, its history restating its message', raised],
    ['revised, an earlier message kept in its history', revised],
    ['stored before messages existed', older],
  ])('reads back exactly as written: %s', (_label, alert) => {
    expect(alertFromItem({ pk: 'p', sk: 's', ...alertItemFields(alert), ...alertIndexAttributes(alert) })).toEqual(alert);
  });

  it('keeps one copy of a message its history restates, and every message that differs', () => {
    expect(JSON.stringify(alertItemFields(raised)).split(overdue.key)).toHaveLength(2);
    expect(JSON.stringify(alertItemFields(revised)).split(earlier.key)).toHaveLength(2);
    expect(itemBytes(alertItemFields(raised))).toBeLessThan(itemBytes({ ...raised }));
  });
});
