import { describe, expect, it } from 'vitest';
import {
  decideSupervisionRequest,
  fileSupervisionRequest,
  fireRequestTimers,
  requestQueuePlacement,
} from '#shared/domain/supervision-cases/supervision-request.ts';
import { aFiling, aRequest, calendar, policy } from './supervision-mother.ts';

describe('the decision deadline of a supervision request', () => {
  it('falls three working days after a request filed the day before National Day, on the make-up Saturday', () => {
    // Filed Tuesday 2025-09-30 (10:00 Shanghai); 1–8 October are days off, Saturday 11 October is a working day.
    const { state } = fileSupervisionRequest(aFiling({ filedAt: '2025-09-30T02:00:00.000Z' }), calendar, policy);

    expect(state.decisionDue).toEqual({ date: '2025-10-11', at: '2025-10-11T15:59:59.999Z', provisional: false });
    expect(state.timers).toEqual([
      { timer: 'decisionPrompt', dueAt: '2025-10-09T16:00:00.000Z', deadline: '2025-10-11' },
      { timer: 'decisionWarning', dueAt: '2025-10-11T16:00:00.000Z', deadline: '2025-10-11' },
    ]);
  });

  it('counts from the Shanghai date of a request filed at 23:30 Shanghai time', () => {
    const { state } = fileSupervisionRequest(aFiling({ filedAt: '2025-09-30T15:30:00.000Z' }), calendar, policy);
    expect(state.decisionDue.date).toBe('2025-10-11');
  });

  it('counts from the Shanghai date, not the UTC date, of a request filed at 00:30 Shanghai time', () => {
    // 2025-09-29T16:30Z is 00:30 on 30 September in Shanghai: the 29th is not the day of filing.
    const { state } = fileSupervisionRequest(aFiling({ filedAt: '2025-09-29T16:30:00.000Z' }), calendar, policy);
    expect(state.decisionDue.date).toBe('2025-10-11');
  });

  it('follows the configured number of working days', () => {
    const { state } = fileSupervisionRequest(aFiling(), calendar, { ...policy, decisionWorkingDays: 5 });
    expect(state.decisionDue.date).toBe('2025-10-14');
  });

  it('arms no prompt when one working day is all the time there is', () => {
    const { state } = fileSupervisionRequest(aFiling(), calendar, { ...policy, decisionWorkingDays: 1 });
    expect(state.timers.map((t) => t.timer)).toEqual(['decisionWarning']);
  });

  it("records the filing as the first timeline step and waits in the supervisors' queue", () => {
    const { state, steps } = fileSupervisionRequest(aFiling(), calendar, policy);
    expect(steps).toEqual([expect.objectContaining({ sequence: 1, action: 'requestFiled', actor: 'departmentLiaison:liaison-1', internal: false })]);
    expect(state).toMatchObject({ version: 1, status: 'pending', stepCount: 1 });
    expect(requestQueuePlacement(state)).toEqual({
      supervisorQueue: 'supervisionRequestsPending',
      jurisdiction: 'haishu',
      departmentQueue: { department: 'haishu-housing', queue: 'supervisionRequests' },
      deadline: '2025-10-11T15:59:59.999Z',
    });
  });
});

describe('deciding a supervision request', () => {
  it('declines only with reasons', () => {
    const refused = decideSupervisionRequest(aRequest(), { outcome: 'declined', reasons: '  ' }, 'districtSupervisor:s', '2025-10-09T02:00:00.000Z');
    expect(refused).toEqual({
      ok: false,
      refusal: { refusal: 'reasonsRequired', detail: { zh: '不予督办须说明理由', en: 'declining a request requires reasons' } },
    });
  });

  it("records the case opened, cancels the timers and leaves the supervisors' queue", () => {
    const decided = decideSupervisionRequest(
      aRequest(),
      { outcome: 'caseOpened', caseNumber: 'DB20251009ABCDEF', reasons: null },
      'districtSupervisor:s',
      '2025-10-09T02:00:00.000Z',
    );

    if (!decided.ok) throw new Error('refused');
    expect(decided.state).toMatchObject({
      status: 'caseOpened',
      version: 2,
      timers: [],
      decision: { caseNumber: 'DB20251009ABCDEF', by: 'districtSupervisor:s' },
    });
    expect(decided.steps[0]).toMatchObject({
      sequence: 2,
      action: 'requestDecided',
      details: { outcome: 'caseOpened', decidedInTime: true, cancelledTimers: ['decisionPrompt', 'decisionWarning'] },
    });
    expect(requestQueuePlacement(decided.state).supervisorQueue).toBeNull();
    expect(fireRequestTimers(decided.state, '2025-12-31T00:00:00.000Z').fired).toBe(0);
  });

  it('refuses a second decision as not allowed in its stage', () => {
    const first = decideSupervisionRequest(aRequest(), { outcome: 'declined', reasons: '不属于督办范围' }, 'districtSupervisor:s', '2025-10-09T02:00:00.000Z');
    if (!first.ok) throw new Error('refused');

    const second = decideSupervisionRequest(first.state, { outcome: 'declined', reasons: 'again' }, 'districtSupervisor:s', '2025-10-09T03:00:00.000Z');

    expect(second).toEqual({ ok: false, refusal: { refusal: 'notAllowedInStage', action: 'decide', stage: 'declined', allowedIn: ['pending'] } });
  });
});

describe('the timers of a pending request', () => {
  it("prompts the jurisdiction's supervisors once when one working day remains", () => {
    const fired = fireRequestTimers(aRequest(), '2025-10-09T16:00:00.000Z');

    expect(fired.fired).toBe(1);
    expect(fired.state.signals).toEqual([
      {
        rule: 'supervision.decision-deadline',
        level: 'prompt',
        audience: { kind: 'supervisor', jurisdiction: 'haishu' },
        raisedAt: '2025-10-09T16:00:00.000Z',
        deadline: '2025-10-11',
      },
    ]);
    expect(fired.steps).toEqual([expect.objectContaining({ sequence: 2, action: 'signalRaised', actor: 'system', internal: true })]);
    expect(fireRequestTimers(fired.state, '2025-10-09T16:05:00.000Z')).toMatchObject({ fired: 0, steps: [] });
  });

  it('fires nothing before the prompt is due', () => {
    const request = aRequest();
    expect(fireRequestTimers(request, '2025-10-09T15:59:59.999Z')).toEqual({ state: request, steps: [], fired: 0 });
  });

  it('fires the prompt and then the warning, each once, after a long outage', () => {
    const fired = fireRequestTimers(aRequest(), '2025-10-20T00:00:00.000Z');
    expect(fired.state.signals.map((s) => s.level)).toEqual(['prompt', 'warning']);
    expect(fired.state).toMatchObject({ version: 2, timers: [], stepCount: 3 });
  });
});
