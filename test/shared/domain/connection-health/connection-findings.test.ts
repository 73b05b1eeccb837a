/**
 * The connection rules on a calendar written out by hand: weekdays are working days except the
 * holidays listed, and a listed make-up Saturday works. Every limit below is counted by hand in
 * working hours of 09:00-17:00 Shanghai time (8 a working day).
 */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '#shared/domain/alerts/alert-messages.ts';
import { reconcileAlerts } from '#shared/domain/alerts/reconcile-alerts.ts';
import { isWeekday, type WorkingDayCalendar } from '#shared/domain/calendar/working-day-calendar.ts';
import { connectionFindings, type ConnectedDepartment, type FeedFacts } from '#shared/domain/connection-health/connection-findings.ts';
import { instantAfterWorkingHours, workingHoursBetween } from '#shared/domain/connection-health/working-hours.ts';

const calendarWith = (holidays: readonly string[] = [], makeUpDays: readonly string[] = []): WorkingDayCalendar => ({
  isWorkingDay: (date) => makeUpDays.includes(date) || (isWeekday(date) && !holidays.includes(date)),
  hasArrangement: () => true,
});
const weekdays = calendarWith();
const settings = { silentAfterWorkingHours: 16, graceWorkingDays: 20 };
const housing: ConnectedDepartment = {
  department: 'haishu-housing',
  jurisdiction: 'haishu',
  connectedKinds: ['licensing', 'penalty'],
  connectedOn: '2026-11-02',
};
const received = (lastReceivedAt: string): FeedFacts => ({ lastReceivedAt, kindsReceived: ['licensing', 'penalty'] });
const ms = (instant: string): number => Date.parse(instant);

const feedFindingsAt = (at: string, feed: FeedFacts, calendar = weekdays, department = housing) =>
  connectionFindings(department, feed, new Date(at), calendar, settings).find((found) => found.subject.caseId === 'feed')?.findings ?? [];

describe('working hours', () => {
  it('counts 09:00-17:00 on working days only: a Friday afternoon and a Monday make 10 hours', () => {
    // Friday 2026-12-04 15:00 to Tuesday 2026-12-08 09:00 (Shanghai): 2 on Friday, 8 on Monday.
    expect(workingHoursBetween(weekdays, ms('2026-12-04T15:00:00+08:00'), ms('2026-12-08T09:00:00+08:00'))).toBe(10);
  });

  it('starts counting at the next opening when the start falls outside working hours', () => {
    // Saturday 2026-12-05 at noon: Monday 09:00 + 16 hours = Tuesday 17:00.
    expect(new Date(instantAfterWorkingHours(weekdays, ms('2026-12-05T12:00:00+08:00'), 16)).toISOString()).toBe('2026-12-08T09:00:00.000Z');
  });
});

describe('a connected department that stops pushing', () => {
  const lastPush = received('2026-12-04T07:00:00.000Z'); // Friday 15:00 Shanghai

  it('is silent after 16 working hours across the weekend: Friday 2 + Monday 8 + Tuesday 6, at Tuesday 15:00', () => {
    expect(feedFindingsAt('2026-12-08T14:59:59+08:00', lastPush)).toEqual([]);
    const [finding] = feedFindingsAt('2026-12-08T15:00:00+08:00', lastPush);
    expect(finding).toMatchObject({
      ruleId: 'connection.feed-silent',
      ruleVersion: 1,
      level: 'warning',
      legalBasis: '《宁波市行政电子监察管理办法》第七条第（一）项、第十条第二款',
      deadline: '2026-12-08T07:00:00.000Z',
    });
    expect(renderMessage(finding!.message!, 'zh')).toBe('该部门自 2026-12-04 15:00 起已 16 个工作小时未报送记录（至 2026-12-08 15:00）。');
  });

  it('does not count a holiday: with Monday off, the limit moves to Wednesday 15:00', () => {
    const holidayMonday = calendarWith(['2026-12-07']);
    expect(feedFindingsAt('2026-12-09T14:59:59+08:00', lastPush, holidayMonday)).toEqual([]);
    expect(feedFindingsAt('2026-12-09T15:00:00+08:00', lastPush, holidayMonday)).toEqual([expect.objectContaining({ deadline: '2026-12-09T07:00:00.000Z' })]);
  });

  it('counts a make-up Saturday: the limit comes on Monday 15:00', () => {
    const workingSaturday = calendarWith([], ['2026-12-05']);
    expect(feedFindingsAt('2026-12-07T15:00:00+08:00', lastPush, workingSaturday)).toEqual([expect.objectContaining({ deadline: '2026-12-07T07:00:00.000Z' })]);
  });

  it('finds nothing for a department connected for no kind', () => {
    expect(feedFindingsAt('2027-01-04T12:00:00+08:00', lastPush, weekdays, { ...housing, connectedKinds: [] })).toEqual([]);
  });
});

describe('a connected department that never pushed', () => {
  const never: FeedFacts = { kindsReceived: [] };
  const connectedTuesday = { ...housing, connectedOn: '2026-12-01' };

  it('is silent 16 working hours after the start of its connection date: Wednesday 17:00', () => {
    expect(feedFindingsAt('2026-12-02T16:59:59+08:00', never, weekdays, connectedTuesday)).toEqual([]);
    const [finding] = feedFindingsAt('2026-12-02T17:00:00+08:00', never, weekdays, connectedTuesday);
    expect(finding?.summary).toBe(
      'No records from the department ever since it was connected on 2026-12-01: more than 16 working hours (by 2026-12-02T09:00:00.000Z).',
    );
  });

  it('is not watched before its connection date', () => {
    expect(feedFindingsAt('2026-11-30T12:00:00+08:00', never, weekdays, { ...housing, connectedOn: '2026-12-01' })).toEqual([]);
  });

  it('without a connection date, is watched from the day the check first saw it', () => {
    const undated: ConnectedDepartment = { department: 'haishu-housing', jurisdiction: 'haishu', connectedKinds: ['licensing'] };
    const seen: FeedFacts = { kindsReceived: [], watchedSince: '2026-12-01T03:15:00.000Z' };
    expect(feedFindingsAt('2026-12-02T17:00:00+08:00', seen, weekdays, undated)).toHaveLength(1);
    expect(feedFindingsAt('2026-12-02T17:00:00+08:00', { kindsReceived: [] }, weekdays, undated)).toEqual([]);
  });
});

describe('delayed connection of a kind (Art. 24(3))', () => {
  // 20 working days after Monday 2026-11-02 (not counted): Nov 3-6 (4), 9-13 (9), 16-20 (14), 23-27 (19), 30 (20).
  const onlyLicensing: FeedFacts = { lastReceivedAt: '2026-11-30T01:00:00.000Z', kindsReceived: ['licensing'] };
  const kindFindings = (at: string) =>
    connectionFindings(housing, onlyLicensing, new Date(at), weekdays, settings)
      .filter((found) => found.subject.caseId !== 'feed')
      .map((found) => ({ caseId: found.subject.caseId, kind: found.subject.kind, rules: found.findings.map((f) => f.ruleId) }));

  it('is found for the kind that produced nothing once its 20 working days after the connection date have ended', () => {
    expect(kindFindings('2026-11-30T23:59:59+08:00')).toEqual([
      { caseId: 'licensing', kind: 'connection', rules: [] },
      { caseId: 'penalty', kind: 'connection', rules: [] },
    ]);
    expect(kindFindings('2026-12-01T00:00:00+08:00')).toEqual([
      { caseId: 'licensing', kind: 'connection', rules: [] },
      { caseId: 'penalty', kind: 'connection', rules: ['connection.delayed-connection'] },
    ]);
  });

  it('cites Art. 24(3) and the last day of the grace', () => {
    const penalty = connectionFindings(housing, onlyLicensing, new Date('2026-12-01T09:00:00+08:00'), weekdays, settings).find(
      (f) => f.subject.caseId === 'penalty',
    );
    expect(penalty?.findings[0]).toMatchObject({
      legalBasis: '《宁波市行政电子监察管理办法》第二十四条第一款第（三）项',
      deadline: '2026-11-30T15:59:59.999Z',
      summary: 'Delayed connection: no penalty record within 20 working days of 2026-11-02 (by 2026-11-30).',
    });
  });
});

describe('the signals follow the condition', () => {
  it('raises the silence once, keeps it while the silence lasts, and resolves it when pushes resume', () => {
    // Prepare: silent since Friday 15:00.
    const silentFeed = received('2026-12-04T07:00:00.000Z');
    const feedCase = (feed: FeedFacts, at: string) => connectionFindings(housing, feed, new Date(at), weekdays, settings)[0]!;
    const first = feedCase(silentFeed, '2026-12-08T16:00:00+08:00');

    // Act
    const raised = reconcileAlerts({ subject: first.subject, existing: [], findings: first.findings, at: '2026-12-08T08:00:00.000Z' });
    const stored = raised.map((change) => change.alert);
    const again = feedCase(silentFeed, '2026-12-09T10:00:00+08:00');
    const unchanged = reconcileAlerts({ subject: again.subject, existing: stored, findings: again.findings, at: '2026-12-09T02:00:00.000Z' });
    const resumed = feedCase(received('2026-12-09T02:30:00.000Z'), '2026-12-09T11:00:00+08:00');
    const resolved = reconcileAlerts({ subject: resumed.subject, existing: stored, findings: resumed.findings, at: '2026-12-09T03:00:00.000Z' });

    // Assess
    expect(raised).toEqual([
      expect.objectContaining({ type: 'raise', alert: expect.objectContaining({ caseId: 'feed', kind: 'connection', status: 'open' }) }),
    ]);
    expect(unchanged).toEqual([]);
    expect(resolved).toEqual([
      expect.objectContaining({ type: 'update', expectedVersion: 1, alert: expect.objectContaining({ status: 'resolved', version: 2 }) }),
    ]);
  });
});

describe('a department whose records depart from the data standard (Art. 24(2))', () => {
  const dataStandard = { refusedPercentLimit: 5, refusedWindowDays: 7, refusedMinimumRecords: 20 };
  const at = '2026-12-08T10:15:00+08:00';
  // Pushed today, so the feed is not silent: only the data standard is judged.
  const pushed = (arrived: number, refused: number): FeedFacts => ({
    ...received('2026-12-08T10:00:00+08:00'),
    pushed: { from: '2026-12-02', to: '2026-12-08', arrived, refused },
  });
  const findingsOf = (feed: FeedFacts) =>
    connectionFindings(housing, feed, new Date(at), weekdays, { ...settings, dataStandard }).find((found) => found.subject.caseId === 'feed')?.findings ?? [];

  it('warns when 5% or more of the records pushed over the 7 days were refused: 2 of 40', () => {
    expect(findingsOf(pushed(40, 1))).toEqual([]);
    const [finding, ...others] = findingsOf(pushed(40, 2));
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      ruleId: 'connection.data-standard',
      level: 'warning',
      legalBasis: '《宁波市行政电子监察管理办法》第二十四条第一款第（二）项',
    });
    expect(finding?.deadline).toBeUndefined();
    expect(finding?.summary).toBe(
      '2 of 40 records pushed from 2026-12-02 to 2026-12-08 were refused for departing from the data standard (5%), at or above the 5% limit.',
    );
    expect(renderMessage(finding!.message!, 'zh')).toBe('2026-12-02 至 2026-12-08 报送的 40 条记录中有 2 条不符合数据标准被拒收（5%），达到 5% 的限度。');
  });

  it('does not judge fewer than 20 records, nor a department whose share is not counted', () => {
    expect(findingsOf(pushed(19, 19))).toEqual([]);
    expect(findingsOf(received('2026-12-08T10:00:00+08:00'))).toEqual([]);
    expect(connectionFindings(housing, pushed(40, 40), new Date(at), weekdays, settings).flatMap((found) => found.findings)).toEqual([]);
  });

  it('is resolved once the share falls back below the limit', () => {
    const raised = findingsOf(pushed(20, 1));
    expect(raised.map((finding) => finding.ruleId)).toEqual(['connection.data-standard']);
    const subject = { department: 'haishu-housing', jurisdiction: 'haishu', kind: 'connection', caseId: 'feed', matterCode: 'feed' };
    const [raise] = reconcileAlerts({ subject, existing: [], findings: raised, at: '2026-12-08T02:15:00.000Z' });
    const [resolve] = reconcileAlerts({ subject, existing: [raise!.alert], findings: findingsOf(pushed(21, 1)), at: '2026-12-08T03:15:00.000Z' });
    expect(resolve?.alert).toMatchObject({ ruleId: 'connection.data-standard', status: 'resolved' });
  });
});
