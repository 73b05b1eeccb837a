import { describe, expect, it } from 'vitest';
import type { Alert } from '#shared/domain/alerts/alert.ts';
import { renderMessage } from '#shared/domain/alerts/alert-messages.ts';
import { applyFeedHold } from '#shared/domain/alerts/feed-hold.ts';
import type { AlertChange } from '#shared/domain/alerts/reconcile-alerts.ts';
import { anAlert as storedAlert } from './alert-mother.ts';

const at = '2025-09-17T01:00:00.000Z';
const anAlert = (overrides: Partial<Alert> = {}): Alert => storedAlert(overrides, at);
const stale = { stale: true, lastReceivedAt: '2025-09-02T02:00:00.000Z' };

describe('holding signals for insufficient data', () => {
  it('raises a time-driven signal as held while the feed is stale, saying since when', () => {
    const [change] = applyFeedHold([{ type: 'raise', alert: anAlert() }], [], stale, at);
    expect(change?.alert.status).toBe('held');
    expect(change?.alert.history).toHaveLength(1);
    expect(change?.alert.history[0]?.summary).toContain('since 2025-09-02T02:00:00.000Z');
  });

  it('states the hold in a message of its own wrapping the finding, Chinese by default and in English the stored sentence', () => {
    const message = { key: 'licensing.decision-time-limit.promised-overdue', params: { limit: '2025-09-15' } };
    const raised = anAlert({ summary: 'Decision not made by the promised time limit of 2025-09-15.', message });
    const [change] = applyFeedHold([{ type: 'raise', alert: { ...raised, history: [{ ...raised.history[0]!, message }] } }], [], stale, at);
    const entry = change?.alert.history[0];

    expect(change?.alert.message).toEqual(message);
    expect(entry).toMatchObject({
      change: 'held',
      summary:
        'Held for insufficient data: no records from the department since 2025-09-02T02:00:00.000Z. Decision not made by the promised time limit of 2025-09-15.',
      message: { key: 'alert.held', params: { since: '2025-09-02T02:00:00.000Z' }, finding: message },
    });
    expect(renderMessage(entry!.message!, 'en')).toBe(entry?.summary);
    expect(renderMessage(entry!.message!, 'zh')).toBe('因数据不足暂缓：该部门自 2025-09-02 10:00 起未报送记录。未在承诺期限内作出决定（期限 2025-09-15）。');
  });

  it('keeps the stored sentence alone when the finding it holds has no message', () => {
    const [change] = applyFeedHold([{ type: 'raise', alert: anAlert() }], [], stale, at);
    expect(change?.alert.history[0]).not.toHaveProperty('message');
  });

  it('never holds a signal the data itself proves', () => {
    const procedure = anAlert({ ruleId: 'licensing.procedure-order', level: 'correction', deadline: undefined });
    const [change] = applyFeedHold([{ type: 'raise', alert: procedure }], [], stale, at);
    expect(change?.alert.status).toBe('open');
  });

  it('lets a time-driven escalation wait while the feed is stale', () => {
    const stored = anAlert();
    const escalation: AlertChange = { type: 'update', expectedVersion: 1, alert: { ...stored, level: 'correction', version: 2 } };
    expect(applyFeedHold([escalation], [stored], stale, at)).toEqual([]);
  });

  it('releases held signals once the feed is current', () => {
    const stored = anAlert({ status: 'held' });
    const [change] = applyFeedHold([], [stored], { stale: false }, at);
    expect(change).toMatchObject({ type: 'update', expectedVersion: 1, alert: { status: 'open', version: 2 } });
    expect(change?.alert.history.at(-1)?.change).toBe('released');
  });
});
