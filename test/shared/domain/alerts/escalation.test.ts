import { describe, expect, it } from 'vitest';
import type { Alert } from '#shared/domain/alerts/alert.ts';
import { anAlert } from './alert-mother.ts';
import { renderMessage } from '#shared/domain/alerts/alert-messages.ts';
import { escalateUnanswered, escalationDueAt } from '#shared/domain/alerts/escalation.ts';
import { reconcileAlerts } from '#shared/domain/alerts/reconcile-alerts.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';

const policy = { promptToWarningWorkingDays: 3, warningToCorrectionWorkingDays: 5 };
// Raised Thu 2025-09-11 (Shanghai): three working days later is Tue 09-16; escalation at the start of Wed 09-17.
const raisedAt = '2025-09-11T02:00:00.000Z';

const aPrompt = (overrides: Partial<Alert> = {}): Alert =>
  anAlert(
    {
      ruleId: 'licensing.completion-notice',
      level: 'prompt',
      deadline: undefined,
      legalBasis: '《中华人民共和国行政许可法》第三十二条',
      summary: 'Notice to complete materials is due.',
      ...overrides,
    },
    raisedAt,
  );

describe('escalating unanswered signals', () => {
  it('turns an unanswered prompt into a warning after three working days, counting across the weekend', () => {
    expect(escalationDueAt(aPrompt(), stateCouncilCalendar, policy)).toBe('2025-09-16T16:00:00.000Z');
    expect(escalateUnanswered([aPrompt()], '2025-09-16T15:59:59.999Z', stateCouncilCalendar, policy).escalated).toEqual([]);

    const { escalated } = escalateUnanswered([aPrompt()], '2025-09-16T16:00:00.000Z', stateCouncilCalendar, policy);

    expect(escalated[0]).toMatchObject({ level: 'warning', escalatedLevel: 'warning', findingLevel: 'prompt', status: 'open', version: 2 });
    expect(escalated[0]?.history.at(-1)?.change).toBe('escalated');
  });

  it("states each step in a message wrapping the finding's: Chinese by default, in English the stored sentence", () => {
    const finding = { key: 'licensing.completion-notice', params: { requests: 1, limit: '2025-09-08' } };
    const prompt = aPrompt({ summary: 'Notice to complete materials issued after the limit of 2025-09-08.', message: finding });
    const { escalated } = escalateUnanswered([prompt], '2025-10-31T02:00:00.000Z', stateCouncilCalendar, policy);
    const [toWarning, toCorrection] = escalated[0]?.history.slice(1) ?? [];

    expect(toWarning?.summary).toBe('Unanswered at level prompt; escalated to warning. Notice to complete materials issued after the limit of 2025-09-08.');
    expect(toWarning?.message).toEqual({ key: 'alert.escalated', params: { from: 'prompt', to: 'warning', workingDays: 3 }, finding });
    expect(toCorrection?.message).toEqual({ key: 'alert.escalated', params: { from: 'warning', to: 'correction', workingDays: 5 }, finding });
    for (const entry of [toWarning, toCorrection]) expect(renderMessage(entry!.message!, 'en')).toBe(entry?.summary);
    expect(renderMessage(toWarning!.message!, 'zh')).toBe('提示信号经 3 个工作日未获答复，升级为警戒。一次性告知补正材料通知晚于期限 2025-09-08 发出。');
  });

  it("keeps the stored sentence alone when the alert's finding has no message", () => {
    const { escalated } = escalateUnanswered([aPrompt()], '2025-09-17T02:00:00.000Z', stateCouncilCalendar, policy);
    expect(escalated[0]?.history.at(-1)).not.toHaveProperty('message');
  });

  it('catches up over a long outage, recording each step', () => {
    const { escalated, nextEscalationAt } = escalateUnanswered([aPrompt()], '2025-10-31T02:00:00.000Z', stateCouncilCalendar, policy);
    expect(escalated[0]?.level).toBe('correction');
    expect(escalated[0]?.history.map((h) => [h.change, h.level])).toEqual([
      ['raised', 'prompt'],
      ['escalated', 'warning'],
      ['escalated', 'correction'],
    ]);
    expect(nextEscalationAt).toBeNull();
  });

  it('counts the warning period from when the prompt fell due, not from a late evaluation', () => {
    const { escalated } = escalateUnanswered([aPrompt()], '2025-09-19T02:00:00.000Z', stateCouncilCalendar, policy);
    expect(escalated[0]?.levelSince).toBe('2025-09-16T16:00:00.000Z');
  });

  it.each<Alert['status']>(['responded', 'disputed', 'closed', 'resolved'])('leaves a %s signal alone', (status) => {
    expect(escalateUnanswered([aPrompt({ status })], '2025-10-31T02:00:00.000Z', stateCouncilCalendar, policy)).toEqual({
      escalated: [],
      nextEscalationAt: null,
    });
  });

  it('escalates an acknowledged but unanswered signal', () => {
    expect(escalateUnanswered([aPrompt({ status: 'acknowledged' })], '2025-09-17T02:00:00.000Z', stateCouncilCalendar, policy).escalated[0]?.level).toBe(
      'warning',
    );
  });

  it('never escalates when the policy says zero days, and says when the next escalation is due otherwise', () => {
    expect(
      escalateUnanswered([aPrompt()], '2025-12-31T02:00:00.000Z', stateCouncilCalendar, { promptToWarningWorkingDays: 0, warningToCorrectionWorkingDays: 0 })
        .escalated,
    ).toEqual([]);
    expect(escalateUnanswered([aPrompt()], '2025-09-12T02:00:00.000Z', stateCouncilCalendar, policy).nextEscalationAt).toBe('2025-09-16T16:00:00.000Z');
  });

  it('keeps an escalated level when the rule still finds the lower one', () => {
    const [warning] = escalateUnanswered([aPrompt()], '2025-09-17T02:00:00.000Z', stateCouncilCalendar, policy).escalated;
    const finding = {
      ruleId: 'licensing.completion-notice',
      ruleVersion: 1,
      level: 'prompt' as const,
      legalBasis: '《中华人民共和国行政许可法》第三十二条',
      summary: 'Notice to complete materials is due.',
    };
    const subject = { department: 'haishu-housing', jurisdiction: 'haishu', caseId: 'JS-1', kind: 'licensing', matterCode: 'construction-permit' };
    expect(reconcileAlerts({ subject, existing: [warning as Alert], findings: [finding], at: '2025-09-18T02:00:00.000Z' })).toEqual([]);
  });
});
