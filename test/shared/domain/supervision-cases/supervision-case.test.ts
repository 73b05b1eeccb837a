import { describe, expect, it } from 'vitest';
import {
  caseQueuePlacement,
  closeSupervisionCase,
  extendSupervisionCase,
  fireCaseTimers,
  openSupervisionCase,
  reportCaseProgress,
  sendBackSupervisionCase,
  type SupervisionCase,
} from '#shared/domain/supervision-cases/supervision-case.ts';
import type { Transition } from '#shared/domain/supervision-cases/supervision-refusal.ts';
import { anOpenCase, anOpening, calendar, evidence, policy } from './supervision-mother.ts';

const supervisor = 'districtSupervisor:supervisor-1';
const liaison = 'departmentLiaison:liaison-1';

function accepted(transition: Transition<SupervisionCase>): SupervisionCase {
  if (!transition.ok) throw new Error(`refused: ${JSON.stringify(transition.refusal)}`);
  return transition.state;
}

const completed = (c: SupervisionCase, at = '2025-09-25T02:00:00.000Z') =>
  accepted(reportCaseProgress(c, { kind: 'completion', summary: '已完成整改', evidence }, liaison, at));

describe('opening a supervision case', () => {
  it('arms a prompt two working days before the deadline and a warning once it has passed', () => {
    const opened = openSupervisionCase(anOpening(), calendar, policy);

    expect(opened.ok && opened.state).toMatchObject({
      version: 1,
      stage: 'open',
      deadline: { date: '2025-09-26', at: '2025-09-26T15:59:59.999Z' },
      timers: [
        { timer: 'deadlinePrompt', dueAt: '2025-09-23T16:00:00.000Z', deadline: '2025-09-26' },
        { timer: 'deadlineWarning', dueAt: '2025-09-26T16:00:00.000Z', deadline: '2025-09-26' },
      ],
      stepCount: 1,
    });
    expect(opened.ok && opened.steps[0]).toMatchObject({ sequence: 1, action: 'caseOpened', actor: supervisor, details: { deadline: '2025-09-26' } });
  });

  it('refuses a deadline before today (Shanghai) and accepts today', () => {
    // 2025-09-14T16:30Z is already 15 September in Shanghai.
    expect(openSupervisionCase(anOpening({ deadline: '2025-09-14', openedAt: '2025-09-14T16:30:00.000Z' }), calendar, policy)).toEqual({
      ok: false,
      refusal: { refusal: 'deadlineInPast', today: '2025-09-15' },
    });
    expect(openSupervisionCase(anOpening({ deadline: '2025-09-15', openedAt: '2025-09-14T16:30:00.000Z' }), calendar, policy).ok).toBe(true);
  });

  it('refuses a deadline more than two years ahead', () => {
    expect(openSupervisionCase(anOpening({ deadline: '2030-01-01' }), calendar, policy)).toMatchObject({ ok: false, refusal: { refusal: 'deadlineTooFar' } });
  });

  it('arms no prompt that would already be due', () => {
    const c = anOpenCase({ deadline: '2025-09-16' });
    expect(c.timers.map((t) => t.timer)).toEqual(['deadlineWarning']);
  });

  it("waits in the jurisdiction's and the department's queues by deadline", () => {
    expect(caseQueuePlacement(anOpenCase())).toEqual({
      supervisorQueue: 'supervisionCases',
      jurisdiction: 'haishu',
      departmentQueue: { department: 'haishu-housing', queue: 'supervisionCases' },
      deadline: '2025-09-26T15:59:59.999Z',
    });
  });
});

describe('the deadline timers of a case', () => {
  it('prompts the department once, however often the timers are fired', () => {
    const first = fireCaseTimers(anOpenCase(), '2025-09-23T16:00:00.000Z', calendar, policy);
    const second = fireCaseTimers(first.state, '2025-09-23T16:01:00.000Z', calendar, policy);

    expect(first.fired).toBe(1);
    expect(first.state.signals).toEqual([
      {
        rule: 'supervision.case-deadline',
        level: 'prompt',
        audience: { kind: 'department', department: 'haishu-housing' },
        raisedAt: '2025-09-23T16:00:00.000Z',
        deadline: '2025-09-26',
      },
    ]);
    expect(first.steps).toEqual([expect.objectContaining({ sequence: 2, action: 'signalRaised', actor: 'system' })]);
    expect(second).toEqual({ state: first.state, steps: [], fired: 0 });
  });

  it('warns once the deadline has passed, records the case as overdue and arms the escalation', () => {
    const prompted = fireCaseTimers(anOpenCase(), '2025-09-24T00:00:00.000Z', calendar, policy).state;

    const warned = fireCaseTimers(prompted, '2025-09-26T16:00:00.000Z', calendar, policy);

    expect(warned.state.signals.at(-1)).toMatchObject({ level: 'warning', rule: 'supervision.case-deadline' });
    expect(warned.state.overdue).toEqual({ overdueSince: '2025-09-26T16:00:00.000Z', escalatedAt: null });
    // Three working days overdue: Sunday 28 September (a make-up working day), 29 and 30 September.
    expect(warned.state.timers).toEqual([{ timer: 'overdueEscalation', dueAt: '2025-09-30T16:00:00.000Z', deadline: '2025-09-26' }]);
  });

  it('escalates to the city after three working days overdue: correction to the department, signal to the superior level', () => {
    const warned = fireCaseTimers(anOpenCase(), '2025-09-27T00:00:00.000Z', calendar, policy).state;
    expect(fireCaseTimers(warned, '2025-09-30T15:59:59.999Z', calendar, policy).fired).toBe(0);

    const escalated = fireCaseTimers(warned, '2025-09-30T16:00:00.000Z', calendar, policy);

    expect(escalated.fired).toBe(1);
    expect(escalated.state.signals.slice(-2)).toEqual([
      {
        rule: 'supervision.case-overdue',
        level: 'correction',
        audience: { kind: 'department', department: 'haishu-housing' },
        raisedAt: '2025-09-30T16:00:00.000Z',
        deadline: '2025-09-26',
      },
      {
        rule: 'supervision.case-overdue',
        level: 'correction',
        audience: { kind: 'superior', superior: 'city' },
        raisedAt: '2025-09-30T16:00:00.000Z',
        deadline: '2025-09-26',
      },
    ]);
    expect(escalated.state.overdue).toEqual({ overdueSince: '2025-09-26T16:00:00.000Z', escalatedAt: '2025-09-30T16:00:00.000Z' });
    expect(escalated.state.timers).toEqual([]);
    expect(escalated.steps).toEqual([
      expect.objectContaining({
        action: 'escalated',
        details: expect.objectContaining({
          audiences: [
            { kind: 'department', department: 'haishu-housing' },
            { kind: 'superior', superior: 'city' },
          ],
        }),
      }),
    ]);
  });

  it('escalates a city-level case to the city government', () => {
    const c = anOpenCase({ responsibleDepartment: 'city-housing', jurisdiction: 'city' });
    const escalated = fireCaseTimers(c, '2025-10-31T00:00:00.000Z', calendar, policy);
    expect(escalated.state.signals.at(-1)?.audience).toEqual({ kind: 'superior', superior: 'cityGovernment' });
  });

  it('fires every overdue timer once, in order, after a long outage', () => {
    const caughtUp = fireCaseTimers(anOpenCase(), '2025-10-31T00:00:00.000Z', calendar, policy);

    expect(caughtUp.fired).toBe(3);
    expect(caughtUp.steps.map((s) => [s.sequence, s.action, s.details['level']])).toEqual([
      [2, 'signalRaised', 'prompt'],
      [3, 'signalRaised', 'warning'],
      [4, 'escalated', 'correction'],
    ]);
    expect(caughtUp.state).toMatchObject({
      version: 2,
      stepCount: 4,
      timers: [],
      overdue: { overdueSince: '2025-09-26T16:00:00.000Z', escalatedAt: '2025-10-31T00:00:00.000Z' },
    });
    expect(fireCaseTimers(caughtUp.state, '2025-11-30T00:00:00.000Z', calendar, policy).fired).toBe(0);
  });

  it('escalates with the configured number of working days', () => {
    const warned = fireCaseTimers(anOpenCase({}, { ...policy, escalateAfterWorkingDays: 1 }), '2025-09-27T00:00:00.000Z', calendar, {
      ...policy,
      escalateAfterWorkingDays: 1,
    }).state;
    expect(warned.timers[0]?.dueAt).toBe('2025-09-28T16:00:00.000Z');
  });
});

describe('reports from the responsible department', () => {
  it('counts a progress report and keeps the timers', () => {
    const c = accepted(reportCaseProgress(anOpenCase(), { kind: 'progress', summary: '已召开协调会', evidence: [] }, liaison, '2025-09-18T02:00:00.000Z'));
    expect(c).toMatchObject({ stage: 'open', progressReports: 1, version: 2, stepCount: 2 });
    expect(c.timers).toHaveLength(2);
  });

  it('cancels the timers with a completion report, so none fires after the deadline', () => {
    const c = completed(anOpenCase());

    expect(c).toMatchObject({ stage: 'completionReported', completionReportedAt: '2025-09-25T02:00:00.000Z', timers: [] });
    expect(fireCaseTimers(c, '2025-12-31T00:00:00.000Z', calendar, policy).fired).toBe(0);
  });

  it('requires evidence for a completion report', () => {
    expect(reportCaseProgress(anOpenCase(), { kind: 'completion', summary: 'done', evidence: [] }, liaison, '2025-09-25T02:00:00.000Z')).toEqual({
      ok: false,
      refusal: { refusal: 'evidenceRequired' },
    });
  });

  it('refuses a report on a case whose completion was reported', () => {
    const result = reportCaseProgress(completed(anOpenCase()), { kind: 'progress', summary: 'more', evidence: [] }, liaison, '2025-09-25T03:00:00.000Z');
    expect(result).toMatchObject({ ok: false, refusal: { refusal: 'notAllowedInStage', stage: 'completionReported', allowedIn: ['open'] } });
  });
});

describe('extending a case', () => {
  it('moves the timers to the new deadline; the old ones never fire', () => {
    const extended = accepted(
      extendSupervisionCase(anOpenCase(), { deadline: '2025-10-17', reasons: '需等待规划部门论证' }, supervisor, '2025-09-20T02:00:00.000Z', calendar, policy),
    );

    expect(extended).toMatchObject({ deadline: { date: '2025-10-17' }, originalDeadline: '2025-09-26', extensions: 1, version: 2 });
    expect(extended.timers).toEqual([
      { timer: 'deadlinePrompt', dueAt: '2025-10-14T16:00:00.000Z', deadline: '2025-10-17' },
      { timer: 'deadlineWarning', dueAt: '2025-10-17T16:00:00.000Z', deadline: '2025-10-17' },
    ]);
    expect(fireCaseTimers(extended, '2025-09-30T16:00:00.000Z', calendar, policy).fired).toBe(0);
  });

  it('cancels a pending escalation of an overdue case, keeping the overdue facts', () => {
    const overdue = fireCaseTimers(anOpenCase(), '2025-09-27T00:00:00.000Z', calendar, policy).state;

    const extended = accepted(
      extendSupervisionCase(overdue, { deadline: '2025-10-17', reasons: '延期' }, supervisor, '2025-09-29T02:00:00.000Z', calendar, policy),
    );

    expect(extended.timers.map((t) => t.timer)).toEqual(['deadlinePrompt', 'deadlineWarning']);
    expect(extended.overdue).toEqual({ overdueSince: '2025-09-26T16:00:00.000Z', escalatedAt: null });
    expect(fireCaseTimers(extended, '2025-10-01T00:00:00.000Z', calendar, policy).fired).toBe(0);
  });

  it('refuses a deadline that is not later than the current one', () => {
    expect(extendSupervisionCase(anOpenCase(), { deadline: '2025-09-26', reasons: 'x' }, supervisor, '2025-09-20T02:00:00.000Z', calendar, policy)).toEqual({
      ok: false,
      refusal: { refusal: 'deadlineNotLater', current: '2025-09-26' },
    });
  });

  it('refuses an extension without reasons, and one after completion was reported', () => {
    expect(
      extendSupervisionCase(anOpenCase(), { deadline: '2025-10-17', reasons: ' ' }, supervisor, '2025-09-20T02:00:00.000Z', calendar, policy),
    ).toMatchObject({ ok: false, refusal: { refusal: 'reasonsRequired' } });
    expect(
      extendSupervisionCase(completed(anOpenCase()), { deadline: '2025-10-17', reasons: 'x' }, supervisor, '2025-09-26T02:00:00.000Z', calendar, policy),
    ).toMatchObject({ ok: false, refusal: { refusal: 'notAllowedInStage' } });
  });
});

describe('closing a case', () => {
  it('closes after a completion report without further reasons and moves to the closed queues', () => {
    const closed = accepted(closeSupervisionCase(completed(anOpenCase()), { reasons: null }, supervisor, '2025-09-26T02:00:00.000Z'));

    expect(closed).toMatchObject({ stage: 'closed', closure: { afterCompletionReport: true, reasons: null, by: supervisor } });
    expect(caseQueuePlacement(closed).supervisorQueue).toBe('supervisionCasesClosed');
  });

  it('closes without a completion report only with reasons, cancelling the timers', () => {
    expect(closeSupervisionCase(anOpenCase(), { reasons: null }, supervisor, '2025-09-20T02:00:00.000Z')).toMatchObject({
      ok: false,
      refusal: { refusal: 'reasonsRequired' },
    });

    const closed = accepted(closeSupervisionCase(anOpenCase(), { reasons: '事项已由上级统一处理' }, supervisor, '2025-09-20T02:00:00.000Z'));

    expect(closed).toMatchObject({ stage: 'closed', timers: [], closure: { afterCompletionReport: false } });
    expect(fireCaseTimers(closed, '2025-12-31T00:00:00.000Z', calendar, policy).fired).toBe(0);
  });

  it('refuses to close a closed case', () => {
    const closed = accepted(closeSupervisionCase(anOpenCase(), { reasons: 'x' }, supervisor, '2025-09-20T02:00:00.000Z'));
    expect(closeSupervisionCase(closed, { reasons: 'y' }, supervisor, '2025-09-20T03:00:00.000Z')).toMatchObject({
      ok: false,
      refusal: { refusal: 'notAllowedInStage', stage: 'closed' },
    });
  });

  it('sends an insufficient completion report back, re-arming what has not fired for the deadline', () => {
    const warned = fireCaseTimers(anOpenCase(), '2025-09-27T00:00:00.000Z', calendar, policy).state;
    const reported = completed(warned, '2025-09-28T02:00:00.000Z');

    const sentBack = accepted(sendBackSupervisionCase(reported, { reasons: '证据不足' }, supervisor, '2025-09-29T02:00:00.000Z', calendar, policy));

    expect(sentBack).toMatchObject({ stage: 'open', completionReportedAt: null });
    expect(sentBack.timers).toEqual([{ timer: 'overdueEscalation', dueAt: '2025-09-30T16:00:00.000Z', deadline: '2025-09-26' }]);
    expect(sendBackSupervisionCase(sentBack, { reasons: 'x' }, supervisor, '2025-09-29T03:00:00.000Z', calendar, policy)).toMatchObject({
      ok: false,
      refusal: { refusal: 'notAllowedInStage' },
    });
  });
});
