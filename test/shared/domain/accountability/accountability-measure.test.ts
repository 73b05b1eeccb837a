import { describe, expect, it } from 'vitest';
import {
  applyMeasureStep,
  correctionDeadline,
  DecisionSanctionMismatch,
  isOverdue,
  issueMeasure,
  MeasureDeadlineRefused,
  measureNumber,
  measureNumberPattern,
  MeasureStepNotAllowed,
  MeasureStepNotYours,
  type MeasureIssue,
  type MeasureOrder,
} from '#shared/domain/accountability/accountability-measure.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';

const supervisor = { side: 'supervisor', id: 'districtSupervisor:hs-1' } as const;
const department = { side: 'department', id: 'departmentLiaison:l-1' } as const;
// Tuesday 29 September 2026, 10:00 Shanghai.
const issuedAt = '2026-09-29T02:00:00.000Z';

const issueOf = (order: MeasureOrder): MeasureIssue => ({
  measureNumber: 'WZ20260929K7M2Q9',
  department: { department: 'haishu-housing', name: '海曙区住房和城乡建设局', jurisdiction: 'haishu' },
  issuer: { jurisdiction: 'haishu', organ: '宁波市海曙区监察委员会', by: supervisor.id },
  at: issuedAt,
  order,
  article24Item: 4,
  facts: '该局 2026 年 9 月有 3 件行政许可申请逾期未作决定。',
  signals: [
    {
      department: 'haishu-housing',
      kind: 'licensing',
      caseId: 'C-1',
      ruleId: 'licensing.decision-time-limit',
      level: 'correction',
      legalBasis: '《中华人民共和国行政许可法》第四十二条',
      summaryZh: '许可决定已超过法定期限',
      raisedAt: '2026-09-20T01:00:00.000Z',
    },
  ],
});

const correction = issueMeasure(issueOf({ type: 'correctionOrder', deadline: '2026-10-12', requirements: '逐件作出决定。' }));
const at = (day: number) => `2026-10-${String(day).padStart(2, '0')}T02:00:00.000Z`;

describe('the deadline of an order to correct', () => {
  it('counts working days after the day of issue by the city calendar: the National Day holiday skipped, the make-up Saturday counted', () => {
    // Sep 30 (1), Oct 1–7 holiday, Oct 8 (2), Oct 9 (3), Sat Oct 10 make-up day (4), Mon Oct 12 (5).
    expect(correctionDeadline({ workingDays: 5 }, '2026-09-29', stateCouncilCalendar)).toBe('2026-10-12');
    expect(correctionDeadline({ workingDays: 1 }, '2026-09-29', stateCouncilCalendar)).toBe('2026-09-30');
  });

  it('takes a date after the day of issue and within a year, and refuses others naming the field', () => {
    expect(correctionDeadline({ date: '2026-10-20' }, '2026-09-29', stateCouncilCalendar)).toBe('2026-10-20');
    for (const date of ['2026-09-29', '2026-09-01', '2027-09-30']) {
      const refusal = (() => {
        try {
          correctionDeadline({ date }, '2026-09-29', stateCouncilCalendar);
        } catch (error) {
          return error;
        }
      })();
      expect(refusal).toBeInstanceOf(MeasureDeadlineRefused);
      expect((refusal as MeasureDeadlineRefused).errors?.[0]?.pointer).toBe('/measure/deadline/date');
    }
  });
});

describe('the written document of a measure', () => {
  it('is an order to correct addressed to the department, citing the signals, Art. 23 and the item of Art. 24, with the deadline in Chinese', () => {
    expect(correction.document).toMatchObject({
      kind: 'accountabilityMeasure',
      title: '责令改正通知书',
      reference: 'WZ20260929K7M2Q9',
      addressee: '海曙区住房和城乡建设局',
      organ: '宁波市海曙区监察委员会',
      issuedOn: '2026-09-29',
    });
    const text = correction.document.paragraphs.join('\n');
    expect(text).toContain('1. 许可决定已超过法定期限（案件 C-1，规则 licensing.decision-time-limit，依据：《中华人民共和国行政许可法》第四十二条）。');
    expect(text).toContain('第二十四条第一款第（四）项规定的“未及时上报行政电子监察信息或上报的信息不完整、不准确”情形');
    expect(text).toContain('根据《宁波市行政电子监察管理办法》第二十三条、第二十四条第一款第（四）项的规定，现责令你单位于2026年10月12日前改正');
    expect(correction.legalBasis).toBe('《宁波市行政电子监察管理办法》第二十三条、第二十四条第一款第（四）项');
  });

  it('is a referral addressed to the body it goes to, and a criticism naming where it is circulated', () => {
    const referral = issueMeasure(issueOf({ type: 'accountabilityReferral', referredTo: '宁波市海曙区纪委监委' }));
    expect(referral.document.title).toBe('追究责任移送函');
    expect(referral.document.addressee).toBe('宁波市海曙区纪委监委');
    expect(referral.document.paragraphs.at(-1)).toContain('对直接负责的主管人员和其他责任人员依法追究责任，现移送你机关依法处理');
    const criticism = issueMeasure(issueOf({ type: 'circulatedCriticism', circulatedText: '特此通报。', circulatedTo: '全区各部门' }));
    expect(criticism.document.title).toBe('通报批评决定书');
    expect(criticism.document.paragraphs).toContain('特此通报。');
    expect(criticism.document.paragraphs.join('')).toContain('予以通报批评，通报范围：全区各部门');
  });

  it('is numbered WZ, the Shanghai date of issue and six random characters', () => {
    const number = measureNumber('2026-09-29T17:00:00.000Z', () => 1);
    expect(number).toBe('WZ20260930111111');
    expect(measureNumberPattern.test(number)).toBe(true);
  });
});

describe('an order to correct followed to its outcome', () => {
  it('is reported on by the department, rejected, reported again and accepted; each step a new version in the history', () => {
    const reported = applyMeasureStep(correction, { step: 'reportCorrection', text: '已作出决定。', evidence: ['海住建〔2026〕1号'] }, department, at(9));
    const rejected = applyMeasureStep(reported, { step: 'rejectCorrection', reasons: '尚有一件未决定。' }, supervisor, at(10));
    const again = applyMeasureStep(rejected, { step: 'reportCorrection', text: '三件均已决定。', evidence: [] }, department, at(12));
    const accepted = applyMeasureStep(again, { step: 'acceptCorrection' }, supervisor, at(13));
    expect([reported, rejected, again, accepted].map((m) => [m.status, m.version])).toEqual([
      ['correctionReported', 2],
      ['correctionRejected', 3],
      ['correctionReported', 4],
      ['corrected', 5],
    ]);
    expect(accepted.history.map((entry) => entry.change)).toEqual([
      'issued',
      'correctionReported',
      'correctionRejected',
      'correctionReported',
      'correctionAccepted',
    ]);
    expect(accepted.history[1]).toMatchObject({ actor: department.id, note: '已作出决定。', evidence: ['海住建〔2026〕1号'] });
    expect(accepted.document).toEqual(correction.document);
  });

  it('is overdue after its deadline while no correction is in hand, and not once one is reported', () => {
    expect(isOverdue(correction, new Date('2026-10-12T15:59:59.999Z'))).toBe(false);
    expect(isOverdue(correction, new Date('2026-10-12T16:00:00.000Z'))).toBe(true);
    const reported = applyMeasureStep(correction, { step: 'reportCorrection', text: '已改正。', evidence: [] }, department, at(13));
    expect(isOverdue(reported, new Date('2026-10-20T02:00:00.000Z'))).toBe(false);
  });

  it("refuses the other side's step and a step its status or type does not allow", () => {
    expect(() => applyMeasureStep(correction, { step: 'acceptCorrection' }, department, at(9))).toThrow(MeasureStepNotYours);
    expect(() => applyMeasureStep(correction, { step: 'reportCorrection', text: 'x', evidence: [] }, supervisor, at(9))).toThrow(MeasureStepNotYours);
    expect(() => applyMeasureStep(correction, { step: 'acceptCorrection' }, supervisor, at(9))).toThrow(MeasureStepNotAllowed);
    expect(() => applyMeasureStep(correction, { step: 'recordCirculation', note: '已通报' }, supervisor, at(9))).toThrow(MeasureStepNotAllowed);
  });
});

describe('a criticism and a referral followed to their outcome', () => {
  it('records a criticism circulated, once', () => {
    const criticism = issueMeasure(issueOf({ type: 'circulatedCriticism', circulatedText: '特此通报。', circulatedTo: '全区各部门' }));
    const circulated = applyMeasureStep(criticism, { step: 'recordCirculation', note: '已于 10 月 9 日在全区通报。' }, supervisor, at(9));
    expect(circulated).toMatchObject({ status: 'circulated', version: 2 });
    expect(() => applyMeasureStep(circulated, { step: 'recordCirculation', note: '再次' }, supervisor, at(10))).toThrow(MeasureStepNotAllowed);
  });

  it('records the decision on a referral, with the sanction exactly when one was given', () => {
    const referral = issueMeasure(issueOf({ type: 'accountabilityReferral', referredTo: '宁波市海曙区纪委监委' }));
    const decision = { outcome: 'sanctioned', sanction: 'demerit', decidedOn: '2026-10-20', text: '给予科长某某记过处分。' } as const;
    const decided = applyMeasureStep(referral, { step: 'recordDecision', decision }, supervisor, at(21));
    expect(decided).toMatchObject({ status: 'decided', decision, version: 2 });
    expect(decided.history[1]?.note).toBe('给予处分（记过）：给予科长某某记过处分。');
    expect(() =>
      applyMeasureStep(
        referral,
        { step: 'recordDecision', decision: { outcome: 'notPursued', sanction: 'warning', decidedOn: '2026-10-20', text: '不予追究。' } },
        supervisor,
        at(21),
      ),
    ).toThrow(DecisionSanctionMismatch);
    expect(() =>
      applyMeasureStep(referral, { step: 'recordDecision', decision: { outcome: 'sanctioned', decidedOn: '2026-10-20', text: '处分。' } }, supervisor, at(21)),
    ).toThrow(DecisionSanctionMismatch);
    const notPursued = applyMeasureStep(
      referral,
      { step: 'recordDecision', decision: { outcome: 'notPursued', decidedOn: '2026-10-20', text: '情节轻微。' } },
      supervisor,
      at(21),
    );
    expect(notPursued.history[1]?.note).toBe('不予追究：情节轻微。');
  });
});
