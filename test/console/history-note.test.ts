import { describe, expect, it } from 'vitest';
import { historyNoteIn } from '../../console/src/alerts/history-note';

describe("an alert history entry's note", () => {
  it('reads the words the system added to an answer in Chinese, and what people wrote as written', () => {
    const note = 'corrected: 已于 2025-12-01 作出准予许可决定。 [evidence: 海建许〔2025〕931 号决定书; https://www.haishu.gov.cn/decisions/931]';

    expect(historyNoteIn(note, false)).toBe(
      '已纠正：已于 2025-12-01 作出准予许可决定。（证据：海建许〔2025〕931 号决定书; https://www.haishu.gov.cn/decisions/931）',
    );
    expect(historyNoteIn('explained: 申请人补正材料后重新计时。', false)).toBe('情况说明：申请人补正材料后重新计时。');
  });

  it('keeps the stored sentence in English, and leaves notes that are not answers alone', () => {
    const note = 'explained: waiting for the applicant [evidence: letter 12]';

    expect(historyNoteIn(note, true)).toBe(note);
    expect(historyNoteIn('申辩：已在法定期限内作出决定', false)).toBe('申辩：已在法定期限内作出决定');
  });
});
