/** An alert as the console API answers it: every history entry in the reader's language, the escalation's and the hold's too. */
import { describe, expect, it } from 'vitest';
import { alertInLanguage } from '#shared/api/console-contract.ts';
import { englishSummary } from '#shared/domain/alerts/alert-messages.ts';
import { escalateUnanswered } from '#shared/domain/alerts/escalation.ts';
import { applyFeedHold } from '#shared/domain/alerts/feed-hold.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { anAlert } from '../domain/alerts/alert-mother.ts';

const finding = { key: 'licensing.decision-time-limit.statutory-overdue', params: { limit: '2025-09-28' } } as const;
const summary = englishSummary(finding);
const at = '2025-09-29T02:00:00.000Z';
const prompt = anAlert(
  { level: 'prompt', findingLevel: 'prompt', summary, message: finding, history: [{ at, change: 'raised', level: 'prompt', summary, message: finding }] },
  at,
);

describe('an alert in the reader language', () => {
  it('says an escalation by time in Chinese by default and, in English, exactly the sentence stored', () => {
    const escalated = escalateUnanswered([prompt], '2025-10-14T02:00:00.000Z', stateCouncilCalendar, {
      promptToWarningWorkingDays: 3,
      warningToCorrectionWorkingDays: 5,
    }).escalated[0]!;

    expect(alertInLanguage(escalated, 'zh-CN').history.map((entry) => entry.summary)).toEqual([
      '未在法定期限内作出决定（期限 2025-09-28）。',
      '提示信号经 3 个工作日未获答复，升级为警戒。未在法定期限内作出决定（期限 2025-09-28）。',
    ]);
    expect(alertInLanguage(escalated, 'en').history.map((entry) => entry.summary)).toEqual(escalated.history.map((entry) => entry.summary));
  });

  it('says a hold for a stale feed in Chinese by default and, in English, exactly the sentence stored', () => {
    const [change] = applyFeedHold([{ type: 'raise', alert: prompt }], [], { stale: true }, at);
    const held = change!.alert;

    expect(alertInLanguage(held, 'zh-CN').history[0]?.summary).toBe('因数据不足暂缓：该部门从未报送记录。未在法定期限内作出决定（期限 2025-09-28）。');
    expect(alertInLanguage(held, 'en').history[0]?.summary).toBe(
      'Held for insufficient data: no records from the department ever. Decision not made by the statutory time limit of 2025-09-28.',
    );
    expect(held.history[0]?.summary).toBe(alertInLanguage(held, 'en').history[0]?.summary);
  });
});
