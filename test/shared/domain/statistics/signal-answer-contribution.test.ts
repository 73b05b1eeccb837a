import { describe, expect, it } from 'vitest';
import { withAnswerDue } from '#shared/domain/alerts/answer-due.ts';
import type { Alert } from '#shared/domain/alerts/alert.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { signalAnswerContribution, signalAnswerDeltas } from '#shared/domain/statistics/signal-answer-contribution.ts';
import { anAlert } from '../alerts/alert-mother.ts';

const policy = { promptToWarningWorkingDays: 3, warningToCorrectionWorkingDays: 5 };
// 23:30 on Mon 30 November 2026, Shanghai time: still November. Due at the start of Tue 8 December (1–4, 7 December).
const raisedAt = '2026-11-30T15:30:00.000Z';
const warning = withAnswerDue(anAlert({}, raisedAt), stateCouncilCalendar, policy);
const responded = (at: string): Alert => ({
  ...warning,
  status: 'responded',
  version: warning.version + 1,
  history: [...warning.history, { at, change: 'responded', level: 'warning', summary: 'Explained.' }],
});

describe("a signal's part in the statistics of signals answered in time", () => {
  it('counts a warning raised at 23:30 on the last day of the month in that month, as one to correct', () => {
    expect(warning.answerDueAt).toBe('2026-12-07T16:00:00.000Z');
    expect(signalAnswerContribution(warning)).toEqual({ '2026-11': { toCorrect: 1 } });
  });

  it('adds the answer in time to the month the signal was raised in, whenever it comes', () => {
    expect(signalAnswerDeltas(warning, responded('2026-12-07T15:59:59.999Z'))).toEqual([
      { matterCode: 'construction-permit', delta: { '2026-11': { answeredInTime: 1 } } },
    ]);
    expect(signalAnswerDeltas(warning, responded('2026-12-07T16:00:00.000Z'))).toEqual([]);
  });

  it('takes a signal back when it is withdrawn or goes down to a prompt, and adds a new one in full', () => {
    expect(signalAnswerDeltas(warning, { ...warning, status: 'withdrawn' })).toEqual([
      { matterCode: 'construction-permit', delta: { '2026-11': { toCorrect: -1 } } },
    ]);
    expect(signalAnswerDeltas(warning, { ...warning, level: 'prompt' })).toEqual([
      { matterCode: 'construction-permit', delta: { '2026-11': { toCorrect: -1 } } },
    ]);
    expect(signalAnswerDeltas(undefined, warning)).toEqual([{ matterCode: 'construction-permit', delta: { '2026-11': { toCorrect: 1 } } }]);
  });

  it('counts nothing to correct for the signal of an overdue order to correct, which has no time to answer set', () => {
    const overdue = withAnswerDue(
      anAlert({ kind: 'accountability', caseId: 'WZ20261205K7M2Q9', ruleId: 'accountability.order-overdue' }, raisedAt),
      stateCouncilCalendar,
      policy,
    );
    expect(
      signalAnswerDeltas(overdue, {
        ...overdue,
        status: 'responded',
        history: [...overdue.history, { at: raisedAt, change: 'responded', level: 'warning', summary: 'x' }],
      }),
    ).toEqual([]);
  });

  it("counts nothing to correct for a department's connection signal, which has no time to answer set", () => {
    const silent = withAnswerDue(anAlert({ kind: 'connection', caseId: 'feed', ruleId: 'connection.feed-silent' }, raisedAt), stateCouncilCalendar, policy);
    expect(
      signalAnswerDeltas(silent, {
        ...silent,
        status: 'closed',
        history: [...silent.history, { at: raisedAt, change: 'disputeUpheld', level: 'warning', summary: 'x' }],
      }),
    ).toEqual([]);
  });

  it('counts nothing for a prompt', () => {
    expect(signalAnswerContribution(anAlert({ level: 'prompt' }, raisedAt))).toEqual({});
    expect(signalAnswerDeltas(undefined, anAlert({ level: 'prompt' }, raisedAt))).toEqual([]);
  });
});
