import { describe, expect, it } from 'vitest';
import { renderMessage } from '#shared/domain/alerts/alert-messages.ts';
import { reportingFindings } from '#shared/domain/reporting/reporting-findings.ts';

// Received at 16:30 on 5 December 2026, Shanghai time.
const receivedAt = '2026-12-05T08:30:00.000Z';
const record = (sequence: number, occurredAt: string) => ({ sequence, event: 'accepted', occurredAt, receivedAt });

describe('the reporting rules every family shares (Art. 24(4))', () => {
  it('finds nothing in records of acts before their receipt, or up to five minutes after it (clocks differ)', () => {
    expect(reportingFindings([record(1, '2026-11-02T09:00:00+08:00'), record(2, '2026-12-05T16:35:00+08:00')])).toEqual([]);
  });

  it('finds a record whose act happened after it was received, beyond five minutes, inaccurate: a warning naming the record', () => {
    const [finding, ...others] = reportingFindings([record(1, '2026-12-05T16:00:00+08:00'), record(2, '2026-12-05T16:35:00.001+08:00')]);

    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      ruleId: 'reporting.future-instant',
      ruleVersion: 1,
      level: 'warning',
      legalBasis: '《宁波市行政电子监察办法》第二十四条第（四）项',
    });
    expect(finding?.summary).toBe(
      'Record 2 (accepted) says its act happened at 2026-12-05 16:35, after it was received at 2026-12-05 16:30: the record is not accurate.',
    );
    expect(renderMessage(finding!.message!, 'zh')).toBe('第 2 条记录（accepted）所记的行为时间 2026-12-05 16:35 晚于其接收时间 2026-12-05 16:30，记录不准确。');
  });
});
