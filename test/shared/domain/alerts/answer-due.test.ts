import { describe, expect, it } from 'vitest';
import { answeredInTime, answerWorkingDays, callsForCorrection, withAnswerDue } from '#shared/domain/alerts/answer-due.ts';
import type { Alert, AlertTransition } from '#shared/domain/alerts/alert.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { anAlert } from './alert-mother.ts';

const policy = { promptToWarningWorkingDays: 3, warningToCorrectionWorkingDays: 5 };
// Thu 2025-09-11, 10:00 Shanghai.
const raisedAt = '2025-09-11T02:00:00.000Z';
const withEntry = (alert: Alert, entry: Omit<AlertTransition, 'level' | 'summary'>, status: Alert['status']): Alert => ({
  ...alert,
  status,
  history: [...alert.history, { level: alert.level, summary: 'x', ...entry }],
});

describe('the time set to correct or explain a signal', () => {
  it('gives a warning five working days from the day it was raised, the day itself not counted', () => {
    // Fri 12, Mon 15, Tue 16, Wed 17, Thu 18: due at the start of Fri 19 September, Shanghai time.
    expect(withAnswerDue(anAlert({}, raisedAt), stateCouncilCalendar, policy).answerDueAt).toBe('2025-09-18T16:00:00.000Z');
  });

  it('counts over the National Day holiday and its make-up Saturday', () => {
    // Raised Tue 30 September 2025: 1–8 October are off, Sat 11 October is worked. Thu 9, Fri 10, Sat 11, Mon 13, Tue 14.
    const alert = anAlert({}, '2025-09-30T02:00:00.000Z');
    expect(withAnswerDue(alert, stateCouncilCalendar, policy).answerDueAt).toBe('2025-10-14T16:00:00.000Z');
  });

  it('counts an escalated prompt from the day it became a warning', () => {
    // Escalated at the start of Wed 17 September: Thu 18, Fri 19, Mon 22, Tue 23, Wed 24.
    const escalated = anAlert({ level: 'warning', findingLevel: 'prompt', escalatedLevel: 'warning', levelSince: '2025-09-16T16:00:00.000Z' }, raisedAt);
    expect(withAnswerDue(escalated, stateCouncilCalendar, policy).answerDueAt).toBe('2025-09-24T16:00:00.000Z');
  });

  it('counts a signal held for insufficient data from the day it was released to the department', () => {
    // Released Mon 22 September: Tue 23 … Fri 26, and Sun 28 September 2025, a make-up working day.
    const released = withEntry(anAlert({}, raisedAt), { at: '2025-09-22T02:00:00.000Z', change: 'released' }, 'open');
    expect(withAnswerDue(released, stateCouncilCalendar, policy).answerDueAt).toBe('2025-09-28T16:00:00.000Z');
    // While held it is not yet the department's to answer.
    expect(withAnswerDue(anAlert({ status: 'held' }, raisedAt), stateCouncilCalendar, policy).answerDueAt).toBeUndefined();
  });

  it('sets nothing on a prompt, and keeps the first due instant once set', () => {
    expect(withAnswerDue(anAlert({ level: 'prompt' }, raisedAt), stateCouncilCalendar, policy)).not.toHaveProperty('answerDueAt');
    const due = withAnswerDue(anAlert({}, raisedAt), stateCouncilCalendar, policy);
    const escalatedLater = { ...due, level: 'correction' as const, levelSince: '2025-09-30T02:00:00.000Z' };
    expect(withAnswerDue(escalatedLater, stateCouncilCalendar, policy).answerDueAt).toBe('2025-09-18T16:00:00.000Z');
  });

  it('keeps five working days when the city turns escalation off', () => {
    expect(answerWorkingDays({ promptToWarningWorkingDays: 0, warningToCorrectionWorkingDays: 0 })).toBe(5);
    expect(answerWorkingDays({ promptToWarningWorkingDays: 3, warningToCorrectionWorkingDays: 2 })).toBe(2);
  });
});

describe('whether a signal was answered in time', () => {
  const due = withAnswerDue(anAlert({}, raisedAt), stateCouncilCalendar, policy);

  it('takes a response up to the last millisecond of the last day, not after', () => {
    const lastMoment = withEntry(due, { at: '2025-09-18T15:59:59.999Z', change: 'responded' }, 'responded');
    const tooLate = withEntry(due, { at: '2025-09-18T16:00:00.000Z', change: 'responded' }, 'responded');
    expect(answeredInTime(lastMoment)).toBe(true);
    expect(answeredInTime(tooLate)).toBe(false);
  });

  it('takes later records clearing the condition as an answer, and a supervisor closing an unanswered signal as none', () => {
    expect(answeredInTime(withEntry(due, { at: '2025-09-15T02:00:00.000Z', change: 'resolved' }, 'resolved'))).toBe(true);
    expect(answeredInTime(withEntry(due, { at: '2025-09-15T02:00:00.000Z', change: 'closed' }, 'closed'))).toBe(false);
  });

  it('judges the first answer: a late response after an early one that did not close it still counts as in time', () => {
    const early = withEntry(due, { at: '2025-09-12T02:00:00.000Z', change: 'responded' }, 'responded');
    expect(answeredInTime(withEntry(early, { at: '2025-09-25T02:00:00.000Z', change: 'closed' }, 'closed'))).toBe(true);
  });

  it('leaves out signals that call for no correction: prompts, withdrawn, held, and disputes the supervisor upheld', () => {
    expect(callsForCorrection(anAlert({ level: 'prompt' }))).toBe(false);
    expect(callsForCorrection(anAlert({ status: 'withdrawn' }))).toBe(false);
    expect(callsForCorrection(anAlert({ status: 'held' }))).toBe(false);
    const upheld = withEntry(
      withEntry(due, { at: '2025-09-12T02:00:00.000Z', change: 'disputed' }, 'disputed'),
      { at: '2025-09-15T02:00:00.000Z', change: 'disputeUpheld' },
      'closed',
    );
    expect(callsForCorrection(upheld)).toBe(false);
    expect(callsForCorrection(anAlert({ level: 'correction' }))).toBe(true);
  });
});
