import { describe, expect, it } from 'vitest';
import { applyMeasureStep, issueMeasure, type AccountabilityMeasure, type MeasureOrder } from '#shared/domain/accountability/accountability-measure.ts';
import { escalationDay, overdueOrderFindings, overdueOrderSubject } from '#shared/domain/accountability/overdue-order.ts';
import { renderMessage } from '#shared/domain/alerts/alert-messages.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';

const supervisor = { side: 'supervisor', id: 'districtSupervisor:hs-1' } as const;
const department = { side: 'department', id: 'departmentLiaison:l-1' } as const;
const settings = { escalateAfterWorkingDays: 3 };

// Issued Friday 25 September 2026; to be corrected by Wednesday 30 September, the eve of the National Day holiday.
const orderOf = (order: MeasureOrder): AccountabilityMeasure =>
  issueMeasure({
    measureNumber: 'WZ20260925K7M2Q9',
    department: { department: 'haishu-housing', name: '海曙区住房和城乡建设局', jurisdiction: 'haishu' },
    issuer: { jurisdiction: 'haishu', organ: '宁波市海曙区监察委员会', by: supervisor.id },
    at: '2026-09-25T02:00:00.000Z',
    order,
    article24Item: 4,
    facts: '该局有 3 件行政许可申请逾期未作决定。',
    signals: [],
  });
const order = orderOf({ type: 'correctionOrder', deadline: '2026-09-30', requirements: '逐件作出决定。' });

const findingsAt = (measure: AccountabilityMeasure, instant: string) => overdueOrderFindings(measure, new Date(instant), stateCouncilCalendar, settings);
const levelAt = (measure: AccountabilityMeasure, instant: string) => findingsAt(measure, instant).map((finding) => finding.level);

const reported = (measure: AccountabilityMeasure, at: string) =>
  applyMeasureStep(measure, { step: 'reportCorrection', text: '已逐件作出决定。', evidence: ['决定书 2026-101'] }, department, at);

describe('the signal of an order to correct past its deadline', () => {
  it('counts the escalation in working days across the National Day holiday: 8 Oct (1), 9 Oct (2), the make-up Saturday 10 Oct (3)', () => {
    expect(escalationDay('2026-09-30', stateCouncilCalendar, settings)).toBe('2026-10-10');
    // From Friday 25 September, an ordinary weekend: Mon 28 (1), Tue 29 (2), Wed 30 (3).
    expect(escalationDay('2026-09-25', stateCouncilCalendar, settings)).toBe('2026-09-30');
  });

  it('is nothing on the deadline day itself, a warning from midnight (Shanghai) after it, and a correction signal from the day after the third further working day', () => {
    expect(levelAt(order, '2026-09-30T15:59:59.999Z')).toEqual([]); // 23:59:59.999 on 30 September, Shanghai
    expect(levelAt(order, '2026-09-30T16:00:00.000Z')).toEqual(['warning']); // 00:00 on 1 October
    expect(levelAt(order, '2026-10-07T08:00:00.000Z')).toEqual(['warning']); // the holiday counts no working day
    expect(levelAt(order, '2026-10-10T15:59:59.999Z')).toEqual(['warning']); // the make-up Saturday is the third
    expect(levelAt(order, '2026-10-10T16:00:00.000Z')).toEqual(['correction']); // 00:00 on Sunday 11 October
  });

  it('cites the order, its deadline and the articles, in both languages, on the department and the order itself', () => {
    const [warning] = findingsAt(order, '2026-10-01T02:00:00.000Z');
    expect(warning).toMatchObject({
      ruleId: 'accountability.order-overdue',
      legalBasis: '《宁波市行政电子监察管理办法》第二十三条、第二十四条',
      deadline: '2026-09-30T15:59:59.999Z',
      summary: 'Order to correct WZ20260925K7M2Q9: the deadline of 2026-09-30 passed with no correction reported.',
    });
    expect(warning?.message && renderMessage(warning.message, 'zh')).toBe(
      '责令改正通知书 WZ20260925K7M2Q9 要求于 2026-09-30 前改正，期限已过，未报告改正情况。',
    );
    const [correction] = findingsAt(order, '2026-10-12T02:00:00.000Z');
    expect(correction?.message && renderMessage(correction.message, 'zh')).toBe(
      '责令改正通知书 WZ20260925K7M2Q9 要求于 2026-09-30 前改正，逾期 3 个工作日（至 2026-10-10）仍未报告改正情况。',
    );
    expect(overdueOrderSubject(order)).toEqual({
      department: 'haishu-housing',
      jurisdiction: 'haishu',
      kind: 'accountability',
      caseId: 'WZ20260925K7M2Q9',
      matterCode: 'correctionOrder',
    });
  });

  it('stays at the level reached when a late correction is reported, and clears only when the issuing organ accepts it', () => {
    const late = reported(order, '2026-10-09T02:00:00.000Z');
    expect(levelAt(late, '2026-10-20T02:00:00.000Z')).toEqual(['warning']);
    const accepted = applyMeasureStep(late, { step: 'acceptCorrection' }, supervisor, '2026-10-20T03:00:00.000Z');
    expect(levelAt(accepted, '2026-10-20T04:00:00.000Z')).toEqual([]);
  });

  it('is not raised while a correction reported by the deadline awaits acceptance, and counts again once that report is rejected', () => {
    const inTime = reported(order, '2026-09-29T02:00:00.000Z');
    expect(levelAt(inTime, '2026-10-12T02:00:00.000Z')).toEqual([]);
    const rejected = applyMeasureStep(inTime, { step: 'rejectCorrection', reasons: '证明材料不全。' }, supervisor, '2026-10-12T02:00:00.000Z');
    expect(levelAt(rejected, '2026-10-12T03:00:00.000Z')).toEqual(['correction']);
  });

  it('is never raised on a circulated criticism or a referral', () => {
    const criticism = orderOf({ type: 'circulatedCriticism', circulatedText: '通报。', circulatedTo: '全区各部门' });
    expect(levelAt(criticism, '2027-01-04T02:00:00.000Z')).toEqual([]);
  });
});
