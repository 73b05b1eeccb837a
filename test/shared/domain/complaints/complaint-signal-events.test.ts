import { describe, expect, it } from 'vitest';
import { fireDueTimers } from '#shared/domain/complaints/complaint-clock.ts';
import { complaintSignalEvents } from '#shared/domain/complaints/complaint-signal-events.ts';
import { aFiledComplaint, aForwardedComplaint, opaqueSealed } from './complaint-mother.ts';

describe('complaint signal events', () => {
  it('publishes the acceptance prompt to the supervisors as a versioned event with a stable id', () => {
    const filed = aFiledComplaint({ receivedAt: '2026-09-30T02:00:00.000Z' });
    const { complaint: prompted } = fireDueTimers(filed, new Date('2026-10-12T16:00:30.000Z'));

    const events = complaintSignalEvents(filed, prompted);

    expect(events).toEqual([
      {
        eventId: `${filed.receiptNumber}/acceptance-1:prompt`,
        source: 'e-supervision.complaints',
        detailType: 'ComplaintSignalRaised',
        occurredAt: '2026-10-12T16:00:30.000Z',
        detail: {
          version: 1,
          eventId: `${filed.receiptNumber}/acceptance-1:prompt`,
          signal: {
            receiptNumber: filed.receiptNumber,
            jurisdiction: filed.jurisdiction,
            clock: 'acceptance',
            round: 1,
            timerId: 'acceptance-1:prompt',
            level: 'prompt',
            addressee: 'supervisor',
            deadline: '2026-10-13',
            dueAt: '2026-10-12T16:00:00.000Z',
            raisedAt: '2026-10-12T16:00:30.000Z',
          },
        },
      },
    ]);
  });

  it('publishes only the signals the change raised, none when the timers fire again', () => {
    const filed = aFiledComplaint({ receivedAt: '2026-09-30T02:00:00.000Z' });
    const prompted = fireDueTimers(filed, new Date('2026-10-12T16:00:30.000Z')).complaint;
    const refired = fireDueTimers(prompted, new Date('2026-10-12T16:05:00.000Z')).complaint;
    const escalated = fireDueTimers(prompted, new Date('2026-11-01T00:00:00.000Z')).complaint;

    expect(complaintSignalEvents(prompted, refired)).toEqual([]);
    expect(
      complaintSignalEvents(prompted, escalated).map((event) => [
        event.eventId,
        event.detail.signal.level,
        event.detail.signal.addressee,
        event.detail.signal.escalatedTo,
      ]),
    ).toEqual([
      [`${filed.receiptNumber}/acceptance-1:warning`, 'warning', 'supervisor', undefined],
      [`${filed.receiptNumber}/acceptance-1:correction`, 'correction', 'superior', 'city'],
    ]);
  });

  it('gives a signal the same id however often its events are computed', () => {
    const filed = aFiledComplaint({ receivedAt: '2026-09-30T02:00:00.000Z' });
    const late = fireDueTimers(filed, new Date('2026-11-01T00:00:00.000Z')).complaint;

    const fromScratch = complaintSignalEvents(undefined, late).map((event) => event.eventId);
    const fromFiled = complaintSignalEvents(filed, late).map((event) => event.eventId);

    expect(fromScratch).toEqual(fromFiled);
    expect(new Set(fromScratch).size).toBe(3);
  });

  it("names the department a forwarded complaint's handling prompt is for", () => {
    const forwarded = aForwardedComplaint();
    const prompted = fireDueTimers(forwarded, new Date('2026-10-22T16:00:00.000Z')).complaint;

    const [event] = complaintSignalEvents(forwarded, prompted);

    expect(event?.detail.signal).toMatchObject({
      clock: 'handling',
      level: 'prompt',
      addressee: 'department',
      department: 'haishu-housing',
      deadline: '2026-10-23',
    });
  });

  it("carries none of the complaint's sealed content or its query token hash", () => {
    const filed = aFiledComplaint({ receivedAt: '2026-09-30T02:00:00.000Z', queryTokenHash: 'f'.repeat(64) });
    const late = fireDueTimers(filed, new Date('2026-11-01T00:00:00.000Z')).complaint;

    const serialised = JSON.stringify(complaintSignalEvents(filed, late));

    expect(serialised).toContain(filed.receiptNumber);
    for (const value of [opaqueSealed.wrappedKey, opaqueSealed.fields['content'] ?? 'content', 'f'.repeat(64)]) expect(serialised).not.toContain(value);
  });
});
