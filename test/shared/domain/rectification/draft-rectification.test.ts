import { describe, expect, it } from 'vitest';
import { draftRectification, periodInChinese, raisedWithin, type PeriodSignal } from '#shared/domain/rectification/draft-rectification.ts';

const at = '2026-12-10T02:00:00.000Z';
const decision = { ruleId: 'licensing.decision-time-limit', legalBasis: '《行政许可法》第四十二条', kind: 'licensing' };
const fee = { ruleId: 'licensing.fee', legalBasis: '《行政许可法》第五十八条', kind: 'licensing' };
const notice = { ruleId: 'licensing.completion-notice', legalBasis: '《行政许可法》第三十二条', kind: 'licensing' };

/** A signal mother: raised in December 2026, open, no deadline unless given. */
const signal = (base: typeof decision, caseId: string, over: Partial<PeriodSignal> = {}): PeriodSignal => ({
  ...base,
  caseId,
  level: 'warning',
  status: 'open',
  summaryZh: `${caseId} 未在法定期限内作出决定。`,
  raisedAt: '2026-12-02T01:00:00.000Z',
  ...over,
});

const draftOf = (signals: PeriodSignal[], complete = true) =>
  draftRectification({ department: 'haishu-housing', departmentName: '海曙区住房和城乡建设局', period: '2026-12', signals, complete, at });

describe('drafting a rectification suggestion', () => {
  it('groups the signals by rule, most serious first, with counts by level, examples and the open overdue cases', () => {
    // Prepare: decision limit — 2 corrections and 1 warning, two of them still open past their limit; fee — 3 warnings; notice — 1 prompt.
    const signals = [
      signal(decision, 'D-3', { level: 'warning', status: 'closed', raisedAt: '2026-12-05T01:00:00.000Z' }),
      signal(decision, 'D-1', { level: 'correction', deadline: '2026-12-08T15:59:59.999Z', raisedAt: '2026-12-03T01:00:00.000Z' }),
      signal(decision, 'D-2', { level: 'correction', status: 'acknowledged', deadline: '2026-12-04T15:59:59.999Z', raisedAt: '2026-12-04T01:00:00.000Z' }),
      signal(fee, 'F-1'),
      signal(fee, 'F-2'),
      signal(fee, 'F-3', { status: 'responded', deadline: '2026-12-31T15:59:59.999Z' }),
      signal(notice, 'N-1', { level: 'prompt', deadline: '2026-12-01T15:59:59.999Z', status: 'resolved' }),
    ];

    // Act
    const draft = draftOf(signals);

    // Assess: by corrections (2, 0, 0), then warnings (fee 3 before notice 0).
    expect(draft.signalCount).toBe(7);
    expect(draft.groups.map((g) => [g.ruleId, g.counts, g.total])).toEqual([
      ['licensing.decision-time-limit', { prompt: 0, warning: 1, correction: 2 }, 3],
      ['licensing.fee', { prompt: 0, warning: 3, correction: 0 }, 3],
      ['licensing.completion-notice', { prompt: 1, warning: 0, correction: 0 }, 1],
    ]);
    const [decisions, fees, notices] = draft.groups;
    // Examples in the order raised; the typical finding is the earliest signal's words.
    expect(decisions?.exampleCaseIds).toEqual(['D-1', 'D-2', 'D-3']);
    expect(decisions?.typicalFinding).toBe('D-1 未在法定期限内作出决定。');
    expect(decisions?.legalBasis).toBe('《行政许可法》第四十二条');
    // Open past the limit at drafting: D-2 (4 Dec) before D-1 (8 Dec); D-3 is closed. F-3's limit is still ahead; N-1 resolved itself.
    expect(decisions?.openOverdueCaseIds).toEqual(['D-2', 'D-1']);
    expect(fees?.openOverdueCaseIds).toEqual([]);
    expect(notices?.openOverdueCount).toBe(0);
    expect(decisions?.suggestedAction).toBe(
      '请对上述纠错事项逐件依法纠正，查明原因，依规追究相关人员责任，并书面报告整改结果。其中 2 件至今未处理完毕且已超过期限（D-2、D-1），请立即办理。',
    );
    expect(fees?.suggestedAction).toBe('请对上述警戒事项逐件核查处理，完善办理流程和时限管理，防止问题升级为纠错。');
    expect(notices?.suggestedAction).toBe('请关注上述提示事项，加强时限提醒和过程管理，确保在期限内依法办结。');
  });

  it('writes the text a supervisor edits: salutation, one numbered paragraph per rule with its article, a closing', () => {
    const draft = draftOf([signal(decision, 'D-1', { level: 'correction' }), signal(fee, 'F-1'), signal(fee, 'F-2')]);

    expect(draft.text.split('\n')).toEqual([
      '海曙区住房和城乡建设局：',
      '根据《宁波市行政电子监察管理办法》第二十一条、第二十三条，经对2026年12月电子监察信号的分析，你单位共收到预警信号 3 件，涉及 2 项规则。现提出以下整改建议：',
      '一、licensing.decision-time-limit（依据：《行政许可法》第四十二条）。本期共 1 件，其中纠错 1 件，如案件 D-1。典型情形：D-1 未在法定期限内作出决定。',
      '请对上述纠错事项逐件依法纠正，查明原因，依规追究相关人员责任，并书面报告整改结果。',
      '二、licensing.fee（依据：《行政许可法》第五十八条）。本期共 2 件，其中警戒 2 件，如案件 F-1、F-2。典型情形：F-1 未在法定期限内作出决定。',
      '请对上述警戒事项逐件核查处理，完善办理流程和时限管理，防止问题升级为纠错。',
      '请于收到本建议后认真整改，并在整改完成后通过电子监察系统报告整改情况，附相关证明材料。',
    ]);
  });

  it('keeps at most five examples and twenty open overdue cases, saying there are more', () => {
    const signals = Array.from({ length: 22 }, (_unused, i) =>
      signal(decision, `D-${String(i + 1).padStart(2, '0')}`, { deadline: '2026-12-05T15:59:59.999Z', raisedAt: `2026-12-01T0${i % 10}:00:00.000Z` }),
    );

    const [group] = draftOf(signals).groups;

    expect(group?.exampleCaseIds).toEqual(['D-01', 'D-11', 'D-21', 'D-02', 'D-12']);
    expect(group?.openOverdueCount).toBe(22);
    expect(group?.openOverdueCaseIds).toHaveLength(20);
    expect(group?.suggestedAction).toContain('其中 22 件至今未处理完毕且已超过期限（D-01、');
    expect(group?.suggestedAction).toContain('D-20等），请立即办理。');
    expect(draftOf(signals).text).toContain('如案件 D-01、D-11、D-21、D-02、D-12 等。');
  });

  it('leaves out withdrawn and held signals, and says when the period had none', () => {
    const draft = draftOf([signal(decision, 'D-1', { status: 'withdrawn' }), signal(fee, 'F-1', { status: 'held' })]);

    expect(draft.signalCount).toBe(0);
    expect(draft.groups).toEqual([]);
    expect(draft.text).toBe('海曙区住房和城乡建设局：\n2026年12月，电子监察系统未向你单位发出预警信号。请继续保持依法、按时办理行政事项。');
  });

  it('says a draft covers only the earliest signals when the period held more than it read', () => {
    expect(draftOf([signal(fee, 'F-1')], false).text).toContain('你单位共收到预警信号 1 件（本期信号较多，以下按最早发出的信号归纳），');
  });

  it('gives the same draft for the same signals in any order', () => {
    const signals = [signal(decision, 'D-1', { level: 'correction' }), signal(fee, 'F-1'), signal(decision, 'D-2')];
    expect(draftOf([...signals].reverse())).toEqual(draftOf(signals));
  });
});

describe('the period of a suggestion', () => {
  it('names a month, a quarter and a year in Chinese', () => {
    expect([periodInChinese('2026-12'), periodInChinese('2026-Q4'), periodInChinese('2026')]).toEqual(['2026年12月', '2026年第四季度', '2026年度']);
  });

  it('takes the signals raised from 00:00 of the first day to the end of the last day, Shanghai time', () => {
    expect(raisedWithin(['2026-11'])).toEqual({ from: '2026-10-31T16:00:00.000Z', until: '2026-11-30T15:59:59.999Z' });
    expect(raisedWithin(['2026-10', '2026-11', '2026-12'])).toEqual({ from: '2026-09-30T16:00:00.000Z', until: '2026-12-31T15:59:59.999Z' });
    expect(raisedWithin(['2028-02'])).toEqual({ from: '2028-01-31T16:00:00.000Z', until: '2028-02-29T15:59:59.999Z' });
  });
});
