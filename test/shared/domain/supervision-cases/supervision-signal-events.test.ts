import { describe, expect, it } from 'vitest';
import { fireCaseTimers } from '#shared/domain/supervision-cases/supervision-case.ts';
import { fireRequestTimers } from '#shared/domain/supervision-cases/supervision-request.ts';
import { supervisionSignalEvents } from '#shared/domain/supervision-cases/supervision-signal-events.ts';
import { anOpenCase, aRequest, calendar, policy } from './supervision-mother.ts';

describe('supervision signal events', () => {
  it("publishes a case's deadline prompt to the responsible department as a versioned event with a stable id", () => {
    const opened = anOpenCase();
    const prompted = fireCaseTimers(opened, '2025-09-23T16:00:00.000Z', calendar, policy).state;

    const events = supervisionSignalEvents(opened, { item: 'case', state: prompted });

    expect(events).toEqual([
      {
        eventId: 'DB20250915ABCDEF/signal/1',
        source: 'e-supervision.supervision',
        detailType: 'SupervisionSignalRaised',
        occurredAt: '2025-09-23T16:00:00.000Z',
        detail: {
          version: 1,
          eventId: 'DB20250915ABCDEF/signal/1',
          signal: {
            item: 'case',
            number: 'DB20250915ABCDEF',
            jurisdiction: 'haishu',
            rule: 'supervision.case-deadline',
            level: 'prompt',
            addressee: 'department',
            department: 'haishu-housing',
            deadline: '2025-09-26',
            raisedAt: '2025-09-23T16:00:00.000Z',
          },
        },
      },
    ]);
  });

  it('publishes the escalation of an overdue case as two SupervisionCaseEscalated events: to the department and to the superior level', () => {
    const warned = fireCaseTimers(anOpenCase(), '2025-09-27T00:00:00.000Z', calendar, policy).state;
    const escalated = fireCaseTimers(warned, '2025-09-30T16:00:00.000Z', calendar, policy).state;

    const events = supervisionSignalEvents(warned, { item: 'case', state: escalated });

    expect(
      events.map((event) => [
        event.eventId,
        event.detailType,
        event.detail.signal.level,
        event.detail.signal.addressee,
        event.detail.signal.department ?? event.detail.signal.escalatedTo,
      ]),
    ).toEqual([
      ['DB20250915ABCDEF/signal/3', 'SupervisionCaseEscalated', 'correction', 'department', 'haishu-housing'],
      ['DB20250915ABCDEF/signal/4', 'SupervisionCaseEscalated', 'correction', 'superior', 'city'],
    ]);
  });

  it('publishes nothing when the timers fire again with nothing due, and keeps ids stable', () => {
    const opened = anOpenCase();
    const prompted = fireCaseTimers(opened, '2025-09-23T16:00:00.000Z', calendar, policy).state;
    const refired = fireCaseTimers(prompted, '2025-09-23T16:01:00.000Z', calendar, policy).state;
    const caughtUp = fireCaseTimers(opened, '2025-10-31T00:00:00.000Z', calendar, policy).state;

    expect(supervisionSignalEvents(prompted, { item: 'case', state: refired })).toEqual([]);
    expect(supervisionSignalEvents(undefined, { item: 'case', state: caughtUp }).map((event) => event.eventId)).toEqual(
      supervisionSignalEvents(opened, { item: 'case', state: caughtUp }).map((event) => event.eventId),
    );
    expect(supervisionSignalEvents(prompted, { item: 'case', state: caughtUp }).map((event) => event.eventId)).toEqual([
      'DB20250915ABCDEF/signal/2',
      'DB20250915ABCDEF/signal/3',
      'DB20250915ABCDEF/signal/4',
    ]);
  });

  it("warns the jurisdiction's supervisors of an undecided request, naming no department", () => {
    const request = aRequest();
    const warned = fireRequestTimers(request, '2025-12-31T00:00:00.000Z').state;

    const events = supervisionSignalEvents(request, { item: 'request', state: warned });

    expect(events.map((event) => event.detail.signal)).toEqual([
      expect.objectContaining({
        item: 'request',
        number: 'DQ20250930ABCDEF',
        jurisdiction: 'haishu',
        rule: 'supervision.decision-deadline',
        level: 'prompt',
        addressee: 'supervisor',
      }),
      expect.objectContaining({ item: 'request', number: 'DQ20250930ABCDEF', level: 'warning', addressee: 'supervisor' }),
    ]);
    expect(events.every((event) => event.detail.signal.department === undefined && event.detailType === 'SupervisionSignalRaised')).toBe(true);
  });
});
