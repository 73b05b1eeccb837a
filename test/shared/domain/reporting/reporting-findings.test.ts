import { describe, expect, it } from 'vitest';
import { renderMessage } from '#shared/domain/alerts/alert-messages.ts';
import { reportingFindings, type ReceivedRecord } from '#shared/domain/reporting/reporting-findings.ts';

// Received at 16:30 on 5 December 2026, Shanghai time.
const receivedAt = '2026-12-05T08:30:00.000Z';
const record = (sequence: number, occurredAt: string) => ({ sequence, event: 'accepted', occurredAt, receivedAt });
const licensing = { kind: 'licensing' };
const at = new Date('2026-12-05T09:00:00.000Z');
const received = (sequence: number, event: string, occurredAt: string, receivedAtShanghai: string): ReceivedRecord => ({
  sequence,
  event,
  occurredAt,
  receivedAt: new Date(receivedAtShanghai).toISOString(),
});

describe('the reporting rules every family shares (Art. 24(4))', () => {
  it('finds nothing in records of acts before their receipt, or up to five minutes after it (clocks differ)', () => {
    expect(reportingFindings([record(1, '2026-11-02T09:00:00+08:00'), record(2, '2026-12-05T16:35:00+08:00')], licensing, at).findings).toEqual([]);
  });

  it('finds a record whose act happened after it was received, beyond five minutes, inaccurate: a warning naming the record', () => {
    const [finding, ...others] = reportingFindings(
      [record(1, '2026-12-05T16:00:00+08:00'), record(2, '2026-12-05T16:35:00.001+08:00')],
      { kind: 'configured-kind' },
      at,
    ).findings;

    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      ruleId: 'reporting.future-instant',
      ruleVersion: 1,
      level: 'warning',
      legalBasis: '《宁波市行政电子监察管理办法》第二十四条第一款第（四）项',
    });
    expect(finding?.summary).toBe(
      'Record 2 (accepted) says its act happened at 2026-12-05 16:35, after it was received at 2026-12-05 16:30: the record is not accurate.',
    );
    expect(renderMessage(finding!.message!, 'zh')).toBe('第 2 条记录（accepted）所记的行为时间 2026-12-05 16:35 晚于其接收时间 2026-12-05 16:30，记录不准确。');
  });
});

describe('inaccurate: stages that contradict each other in time (reporting.stage-order)', () => {
  const asOf = new Date('2026-12-04T10:00:00+08:00');

  it('finds a licensing decision stamped before the acceptance it follows, whatever the records’ order', () => {
    const records = [
      received(1, 'received', '2026-12-01T09:00:00+08:00', '2026-12-01T09:05:00+08:00'),
      received(2, 'accepted', '2026-12-02T15:00:00+08:00', '2026-12-02T15:05:00+08:00'),
      // The decision says 14:00 on 2 December, an hour before the acceptance.
      received(3, 'decided', '2026-12-02T14:00:00+08:00', '2026-12-03T09:00:00+08:00'),
    ];
    const [finding, ...others] = reportingFindings(records, licensing, asOf).findings;

    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      ruleId: 'reporting.stage-order',
      level: 'warning',
      legalBasis: '《宁波市行政电子监察管理办法》第二十四条第一款第（四）项',
    });
    expect(finding?.summary).toBe(
      "Record 3 (decided) is stamped 2026-12-02 14:00, before the earlier stage's record 2 (accepted) stamped 2026-12-02 15:00: the records contradict each other.",
    );
    expect(renderMessage(finding!.message!, 'zh')).toBe(
      '第 3 条记录（decided）所记时间 2026-12-02 14:00 早于在先环节第 2 条记录（accepted）所记时间 2026-12-02 15:00，前后矛盾，记录不准确。',
    );
  });

  it('finds nothing when the stages follow each other, at the same minute included, or in a family without stated stages', () => {
    const records = [
      received(1, 'caseFiled', '2026-12-01T09:00:00+08:00', '2026-12-01T09:05:00+08:00'),
      received(2, 'priorNoticeIssued', '2026-12-02T09:00:00+08:00', '2026-12-02T09:05:00+08:00'),
      received(3, 'decided', '2026-12-02T09:00:00+08:00', '2026-12-02T09:05:00+08:00'),
    ];
    expect(reportingFindings(records, { kind: 'penalty' }, asOf).findings).toEqual([]);
    expect(reportingFindings([...records].reverse(), { kind: 'a-configured-kind' }, asOf).findings).toEqual([]);
  });

  it('finds a penalty executed before it was decided', () => {
    const records = [
      received(1, 'caseFiled', '2026-12-01T09:00:00+08:00', '2026-12-01T09:05:00+08:00'),
      received(2, 'decided', '2026-12-03T09:00:00+08:00', '2026-12-03T09:05:00+08:00'),
      received(3, 'executed', '2026-12-02T09:00:00+08:00', '2026-12-03T09:10:00+08:00'),
    ];
    expect(reportingFindings(records, { kind: 'penalty' }, asOf).findings.map((f) => f.message?.params)).toEqual([
      {
        sequence: 3,
        event: 'executed',
        occurredAt: '2026-12-02T09:00:00.000+08:00',
        earlierSequence: 2,
        earlierEvent: 'decided',
        earlierOccurredAt: '2026-12-03T09:00:00.000+08:00',
      },
    ]);
  });
});

describe('late: a record received more than the allowed hours after its act (reporting.late)', () => {
  // Connected on Tuesday 1 December 2026; acts before it are the department's backfilled history.
  const connected = { kind: 'licensing', connectedOn: '2026-12-01' };
  const asOf = new Date('2026-12-05T12:00:00+08:00');

  it('prompts for a record of an act after the connection date received more than 24 hours after it, counting the case’s late records', () => {
    const records = [
      received(1, 'received', '2026-12-02T09:00:00+08:00', '2026-12-02T09:30:00+08:00'),
      // Accepted at 10:00 on 2 December, received 10:00:01 on the 3rd: 24 hours and a second.
      received(2, 'accepted', '2026-12-02T10:00:00+08:00', '2026-12-03T10:00:01+08:00'),
      received(3, 'decided', '2026-12-03T10:00:00+08:00', '2026-12-05T09:00:00+08:00'),
    ];
    const [finding, ...others] = reportingFindings(records, connected, asOf).findings;

    expect(others).toEqual([]);
    expect(finding).toMatchObject({ ruleId: 'reporting.late', level: 'prompt', legalBasis: '《宁波市行政电子监察管理办法》第二十四条第一款第（四）项' });
    expect(finding?.deadline).toBeUndefined();
    expect(finding?.summary).toBe(
      'Record 2 (accepted) of an act at 2026-12-02 10:00 was received at 2026-12-03 10:00, more than 24 hours later: reported late (2 records of the case late).',
    );
    expect(renderMessage(finding!.message!, 'zh')).toBe(
      '第 2 条记录（accepted）所记行为发生于 2026-12-02 10:00，至 2026-12-03 10:00 才报送，超过 24 小时，未及时上报（本案共 2 条记录迟报）。',
    );
  });

  it('does not find a record received exactly 24 hours after its act late; a configured 48 hours lets 47 pass', () => {
    const onTheHour = [received(1, 'received', '2026-12-02T09:00:00+08:00', '2026-12-03T09:00:00+08:00')];
    expect(reportingFindings(onTheHour, connected, asOf).findings).toEqual([]);
    const day2 = [received(1, 'received', '2026-12-02T09:00:00+08:00', '2026-12-04T08:00:00+08:00')];
    expect(reportingFindings(day2, connected, asOf).findings.map((f) => f.ruleId)).toEqual(['reporting.late']);
    expect(reportingFindings(day2, connected, asOf, { lateAfterHours: 48 }).findings).toEqual([]);
  });

  it('never finds backfill late: acts before the connection date (Shanghai day), however long ago', () => {
    // 23:30 on 30 November Shanghai is 15:30 UTC that day: before the connection date.
    const records = [
      received(1, 'received', '2025-09-01T10:00:00+08:00', '2026-12-04T09:00:00+08:00'),
      received(2, 'accepted', '2026-11-30T23:30:00+08:00', '2026-12-04T09:00:00+08:00'),
    ];
    expect(reportingFindings(records, connected, asOf).findings).toEqual([]);
    // At 00:00 on 1 December Shanghai (16:00 UTC on 30 November) the act is on the connection date.
    const midnight = [received(1, 'received', '2026-12-01T00:00:00+08:00', '2026-12-04T09:00:00+08:00')];
    expect(reportingFindings(midnight, connected, asOf).findings.map((f) => f.ruleId)).toEqual(['reporting.late']);
  });

  it('finds nothing late for a department without a connection date: backfill cannot be told apart', () => {
    const records = [received(1, 'received', '2026-12-02T09:00:00+08:00', '2026-12-05T09:00:00+08:00')];
    expect(reportingFindings(records, { kind: 'licensing' }, asOf).findings).toEqual([]);
  });
});

describe('incomplete: a stage the procedure requires never reported (reporting.incomplete)', () => {
  // The acceptance arrives at 10:05 on Wednesday 2 December 2026 without the application's receipt.
  const records = [received(1, 'accepted', '2026-12-02T10:00:00+08:00', '2026-12-02T10:05:00+08:00')];

  it('waits 24 hours after the later stage’s record for the missing one, then warns naming it, with the limit as its deadline', () => {
    const before = reportingFindings(records, licensing, new Date('2026-12-03T10:04:59+08:00'));
    expect(before).toEqual({ findings: [], nextCheckAt: '2026-12-03T02:05:00.000Z' });

    const after = reportingFindings(records, licensing, new Date('2026-12-03T10:05:00+08:00'));
    expect(after.nextCheckAt).toBeNull();
    const [finding, ...others] = after.findings;
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ ruleId: 'reporting.incomplete', level: 'warning', deadline: '2026-12-03T02:05:00.000Z' });
    expect(finding?.summary).toBe(
      'Record 1 (accepted) arrived at 2026-12-02 10:05, but no record of the earlier stage (received) by 2026-12-03 10:05: the case is reported incompletely.',
    );
    expect(renderMessage(finding!.message!, 'zh')).toBe(
      '已报送第 1 条记录（accepted，接收于 2026-12-02 10:05），但至 2026-12-03 10:05 仍未报送其在先环节（received）的记录，上报的信息不完整。',
    );
  });

  it('finds nothing once the missing stage arrives, for stages the family’s own procedure rule finds, or for backfill', () => {
    const complete = [received(2, 'received', '2026-12-02T09:00:00+08:00', '2026-12-04T09:00:00+08:00'), ...records];
    const later = new Date('2026-12-05T09:00:00+08:00');
    expect(reportingFindings(complete, licensing, later)).toEqual({ findings: [], nextCheckAt: null });
    // A penalty decided without its filing is the penalty procedure-order rule's finding.
    expect(reportingFindings([received(1, 'decided', '2026-12-02T10:00:00+08:00', '2026-12-02T10:05:00+08:00')], { kind: 'penalty' }, later)).toEqual({
      findings: [],
      nextCheckAt: null,
    });
    expect(reportingFindings(records, { kind: 'licensing', connectedOn: '2026-12-03' }, later)).toEqual({ findings: [], nextCheckAt: null });
  });
});
