import { describe, expect, it } from 'vitest';
import arrangementData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import {
  acceptanceClock,
  acceptanceDeadline,
  currentSignalLevel,
  defaultComplaintClockPolicy,
  dueTimers,
  fireDueTimers,
  handlingClock,
  nextDueAt,
} from '#shared/domain/complaints/complaint-clock.ts';
import { applyDecision } from '#shared/domain/complaints/complaint-lifecycle.ts';
import { aFiledComplaint, aForwardedComplaint, clockContext } from './complaint-mother.ts';

const data = arrangementData as { holidays: Record<string, string>; workdays: Record<string, string> };

describe('the acceptance deadline (5 working days, day of receipt not counted, Shanghai dates)', () => {
  it('agrees with the State Council data the tests rely on', () => {
    // Prepare / Act / Assess: the package data is the source; these are the days the cases below step over.
    expect(['2026-10-01', '2026-10-07', '2026-09-25', '2026-02-18', '2026-01-01', '2026-01-02'].every((d) => d in data.holidays)).toBe(true);
    expect(['2026-10-10', '2026-09-20', '2026-02-28', '2026-01-04'].every((d) => d in data.workdays)).toBe(true);
    expect(cal.hasArrangement(2027)).toBe(false);
  });

  it('runs over National Day for a complaint received the day before it (30 September 2026)', () => {
    // 8 Oct (1), 9 Oct (2), Saturday 10 Oct make-up day (3), 12 Oct (4), 13 Oct (5).
    const deadline = acceptanceDeadline(cal, '2026-09-30T10:00:00+08:00');

    expect(deadline).toEqual({ date: '2026-10-13', at: '2026-10-13T15:59:59.999Z', provisional: false });
  });

  it('does not count a make-up Saturday of receipt, but counts the next working days', () => {
    // Received on Saturday 10 Oct 2026 (a working day): 12, 13, 14, 15, 16 Oct.
    expect(acceptanceDeadline(cal, '2026-10-10T09:00:00+08:00').date).toBe('2026-10-16');
    // Received on Sunday 20 Sep 2026 (make-up day): 21, 22, 23, 24 Sep, then Mid-Autumn 25–27 Sep off, 28 Sep.
    expect(acceptanceDeadline(cal, '2026-09-20T09:00:00+08:00').date).toBe('2026-09-28');
  });

  it('starts counting after a holiday for a complaint received during it', () => {
    expect(acceptanceDeadline(cal, '2026-10-03T12:00:00+08:00').date).toBe('2026-10-13');
    // Spring Festival 2026: off 15–23 Feb; 24, 25, 26, 27 Feb and the make-up Saturday 28 Feb.
    expect(acceptanceDeadline(cal, '2026-02-18T12:00:00+08:00').date).toBe('2026-02-28');
  });

  it('takes the Shanghai date of receipt, not the UTC date', () => {
    // 23:30 in Shanghai on Friday 9 Oct is 15:30 UTC the same day: received on the 9th.
    expect(acceptanceDeadline(cal, '2026-10-09T15:30:00Z').date).toBe('2026-10-15');
    // 00:30 in Shanghai on Saturday 10 Oct is still 9 Oct in UTC: received on the 10th.
    expect(acceptanceDeadline(cal, '2026-10-09T16:30:00Z').date).toBe('2026-10-16');
  });

  it('crosses the new year with its holiday and the Sunday make-up day', () => {
    // Received Mon 29 Dec 2025: 30 (1), 31 Dec (2), 1–3 Jan off, Sunday 4 Jan make-up (3), 5 (4), 6 Jan (5).
    expect(acceptanceDeadline(cal, '2025-12-29T10:00:00+08:00')).toEqual({ date: '2026-01-06', at: '2026-01-06T15:59:59.999Z', provisional: false });
  });

  it('computes a deadline in a year without an arrangement but flags it provisional', () => {
    // 2027 is not in the package: Monday–Friday is assumed.
    expect(acceptanceDeadline(cal, '2026-12-29T10:00:00+08:00')).toEqual({ date: '2027-01-05', at: '2027-01-05T15:59:59.999Z', provisional: true });
    expect(acceptanceDeadline(cal, '2026-12-21T10:00:00+08:00').provisional).toBe(false);
  });
});

describe('the clocks and their timers', () => {
  it('prompts the supervisor at the start of the 5th working day, warns at the deadline and escalates to the city a working day later', () => {
    const clock = acceptanceClock(cal, '2026-09-30T02:00:00.000Z', defaultComplaintClockPolicy);

    expect(clock.timers).toEqual([
      { id: 'acceptance-1:prompt', level: 'prompt', addressee: 'supervisor', dueAt: '2026-10-12T16:00:00.000Z' },
      { id: 'acceptance-1:warning', level: 'warning', addressee: 'supervisor', dueAt: '2026-10-13T15:59:59.999Z' },
      { id: 'acceptance-1:correction', level: 'correction', addressee: 'superior', dueAt: '2026-10-14T15:59:59.999Z' },
    ]);
  });

  it('escalates after the configured number of working days', () => {
    const clock = acceptanceClock(cal, '2026-09-30T02:00:00.000Z', { ...defaultComplaintClockPolicy, escalateAfterWorkingDays: 3 });

    expect(clock.timers.find((t) => t.level === 'correction')?.dueAt).toBe('2026-10-16T15:59:59.999Z');
  });

  it('prompts the department when two working days remain before its handling deadline', () => {
    // Deadline Friday 20 Nov 2026: prompt at the start of Thursday 19 Nov; escalation at the end of Monday 23 Nov.
    const clock = handlingClock(
      cal,
      '2026-11-02T02:00:00.000Z',
      '2026-11-20',
      1,
      { by: 'department', department: 'haishu-housing' },
      defaultComplaintClockPolicy,
    );

    expect(clock.timers.map((t) => [t.level, t.addressee, t.dueAt])).toEqual([
      ['prompt', 'department', '2026-11-18T16:00:00.000Z'],
      ['warning', 'department', '2026-11-20T15:59:59.999Z'],
      ['correction', 'supervisor', '2026-11-23T15:59:59.999Z'],
    ]);
  });

  it('leaves out a prompt that would fall before the clock starts', () => {
    const clock = handlingClock(cal, '2026-11-19T02:00:00.000Z', '2026-11-20', 1, { by: 'supervisor' }, defaultComplaintClockPolicy);

    expect(clock.timers.map((t) => t.level)).toEqual(['warning', 'correction']);
  });
});

describe('firing timers', () => {
  it('raises a due prompt once: firing again at the same or a later instant raises nothing new', () => {
    const complaint = aFiledComplaint({ receivedAt: '2026-09-30T02:00:00.000Z' });
    const asOf = new Date('2026-10-12T16:00:30.000Z');

    const first = fireDueTimers(complaint, asOf);
    const second = fireDueTimers(first.complaint, asOf);
    const later = fireDueTimers(first.complaint, new Date('2026-10-13T08:00:00.000Z'));

    expect(first.fired.map((s) => s.level)).toEqual(['prompt']);
    expect(first.complaint.version).toBe(complaint.version + 1);
    expect(first.steps).toEqual([expect.objectContaining({ sequence: 2, actor: 'system', action: 'signalRaised', internal: true })]);
    expect(second.fired).toEqual([]);
    expect(second.complaint).toBe(first.complaint);
    expect(later.fired).toEqual([]);
    expect(nextDueAt(first.complaint)).toBe('2026-10-13T15:59:59.999Z');
    expect(currentSignalLevel(first.complaint)).toBe('prompt');
  });

  it('fires every overdue timer once, in order, after downtime, and then has none pending', () => {
    const complaint = aFiledComplaint({ receivedAt: '2026-09-30T02:00:00.000Z' });

    const { complaint: after, fired, steps } = fireDueTimers(complaint, new Date('2026-11-01T00:00:00.000Z'));

    expect(fired.map((s) => [s.level, s.dueAt, s.raisedAt])).toEqual([
      ['prompt', '2026-10-12T16:00:00.000Z', '2026-11-01T00:00:00.000Z'],
      ['warning', '2026-10-13T15:59:59.999Z', '2026-11-01T00:00:00.000Z'],
      ['correction', '2026-10-14T15:59:59.999Z', '2026-11-01T00:00:00.000Z'],
    ]);
    expect(fired[2]).toMatchObject({ addressee: 'superior', escalatedTo: 'city' });
    expect(steps.map((s) => [s.sequence, s.action])).toEqual([
      [2, 'signalRaised'],
      [3, 'signalRaised'],
      [4, 'signalEscalated'],
    ]);
    expect(nextDueAt(after)).toBeNull();
    expect(dueTimers(after, new Date('2027-01-01T00:00:00Z'))).toEqual([]);
  });

  it('never fires the acceptance timers once the decision is made', () => {
    const complaint = aFiledComplaint({ receivedAt: '2026-09-30T02:00:00.000Z' });
    const decided = applyDecision(complaint, { accepted: false, reasons: '不属于受理范围' }, clockContext('2026-10-09T02:00:00.000Z')).complaint;

    const { fired } = fireDueTimers(decided, new Date('2026-12-31T00:00:00.000Z'));

    expect(fired).toEqual([]);
    // Only the erasure of the personal data remains, 1095 days (the default retention) after the decision.
    expect(nextDueAt(decided)).toBe('2029-10-08T02:00:00.000Z');
  });

  it('replaces the acceptance timers by the handling timers when the complaint is forwarded', () => {
    const forwarded = aForwardedComplaint();

    const { fired } = fireDueTimers(forwarded, new Date('2026-10-22T16:00:01.000Z'));

    expect(fired.map((s) => [s.clock, s.level, s.addressee, s.department])).toEqual([['handling', 'prompt', 'department', 'haishu-housing']]);
    expect(forwarded.clock?.timers.some((t) => t.id.startsWith('acceptance'))).toBe(false);
  });

  it('escalates a department that misses its deadline to the supervisor of the jurisdiction', () => {
    const forwarded = aForwardedComplaint();

    const { fired } = fireDueTimers(forwarded, new Date('2026-10-27T00:00:00.000Z'));

    expect(fired.at(-1)).toMatchObject({ level: 'correction', addressee: 'supervisor', escalatedTo: 'haishu', deadline: '2026-10-23' });
  });
});
