/** Alert events as subscribers read them: the Chinese summary first, the English sentence stored, and the message both come from. */
import { describe, expect, it } from 'vitest';
import { alertEventsFor } from '#shared/domain/alerts/alert-events.ts';
import type { Alert } from '#shared/domain/alerts/alert.ts';
import { anAlert } from './alert-mother.ts';

const finding = { key: 'licensing.decision-time-limit.promised-overdue', params: { limit: '2025-09-15' } };
const raised: Alert = anAlert({
  summary: 'Decision not made by the promised time limit of 2025-09-15.',
  message: finding,
  history: [
    {
      at: '2025-09-16T02:00:00.000Z',
      change: 'raised',
      level: 'warning',
      summary: 'Decision not made by the promised time limit of 2025-09-15.',
      message: finding,
    },
  ],
});
const escalation = { key: 'alert.escalated', params: { from: 'warning', to: 'correction', workingDays: 5 }, finding };
const escalated: Alert = {
  ...raised,
  level: 'correction',
  version: 2,
  history: [
    ...raised.history,
    {
      at: '2025-09-23T16:00:00.000Z',
      change: 'escalated',
      level: 'correction',
      summary: 'Unanswered at level warning; escalated to correction. Decision not made by the promised time limit of 2025-09-15.',
      message: escalation,
    },
  ],
};

describe('alert events', () => {
  it('carry the Chinese summary beside the English sentence, and the message they are rendered from', () => {
    const [event] = alertEventsFor(undefined, raised);
    expect(event?.detail.alert).toMatchObject({
      summaryZh: '未在承诺期限内作出决定（期限 2025-09-15）。',
      summary: 'Decision not made by the promised time limit of 2025-09-15.',
      message: finding,
    });
  });

  it('say an escalation by time in Chinese around the finding it wraps', () => {
    const events = alertEventsFor(raised, escalated);
    expect(events.map((event) => event.detailType)).toEqual(['AlertEscalated']);
    expect(events[0]?.detail.alert).toMatchObject({
      level: 'correction',
      summaryZh: '警戒信号经 5 个工作日未获答复，升级为纠错。未在承诺期限内作出决定（期限 2025-09-15）。',
      summary: 'Unanswered at level warning; escalated to correction. Decision not made by the promised time limit of 2025-09-15.',
      message: escalation,
    });
  });

  it('give the stored English sentence as the Chinese summary when the entry has no message, and no message', () => {
    const [event] = alertEventsFor(undefined, anAlert());
    expect(event?.detail.alert.summaryZh).toBe('Decision not made by the promised time limit.');
    expect(event?.detail.alert).not.toHaveProperty('message');
  });
});

describe('alert events and the responsible official', () => {
  it("name the official's staff id when the signal names one, and nothing otherwise", () => {
    const [named] = alertEventsFor(undefined, { ...raised, officialStaffId: 'HS-0231' });
    const [unnamed] = alertEventsFor(undefined, raised);

    expect(named?.detail.alert.officialStaffId).toBe('HS-0231');
    expect(unnamed?.detail.alert).not.toHaveProperty('officialStaffId');
  });
});
