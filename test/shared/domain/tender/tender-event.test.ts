import { describe, expect, it } from 'vitest';
import { TenderEvent } from '#shared/domain/tender/tender-event.ts';
import { aCleanTenderUpToAward, aTenderCase } from './tender-event-mother.ts';

const common = {
  kind: 'publicResourceTrading',
  department: 'housing-construction',
  matterCode: 'GC-SG-001',
  caseId: 'ZB-2025-000042',
  sequence: 1,
  occurredAt: '2025-03-04T09:00:00+08:00',
};
const notice = {
  ...common,
  event: 'noticePublished',
  bidDeadline: '2025-03-24T09:30:00+08:00',
  buyerId: 'ORG-BUYER-1',
  estimatedAmountYuan: 12_000_000,
};

const issuePaths = (value: unknown): string[] => {
  const result = TenderEvent.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.') || issue.code);
};

describe('tender event wire contract', () => {
  it('accepts every step of a tender, from notice to closure and cancellation', () => {
    // Prepare
    const build = () =>
      aCleanTenderUpToAward({ classification: 'public' })
        .noticeAmended('2025-03-05T09:00:00+08:00', '2025-03-25T09:30:00+08:00')
        .contractSigned('2025-05-20T10:00:00+08:00', 11_400_000)
        .closed('2025-12-01T10:00:00+08:00')
        .cancelled('2025-12-02T10:00:00+08:00', 'complaintUpheld')
        .build();

    // Act
    const events = build();

    // Assess
    expect(events.map((event) => event.event)).toEqual([
      'noticePublished',
      'bidsOpened',
      'evaluationCompleted',
      'candidatesPublicized',
      'awarded',
      'noticeAmended',
      'contractSigned',
      'closed',
      'cancelled',
    ]);
  });

  it('refuses an unknown field instead of ignoring it', () => {
    // Act
    const paths = issuePaths({ ...notice, contactPhone: '13800000000' });

    // Assess
    expect(paths).toEqual(['unrecognized_keys']);
  });

  it('refuses a winner given by name rather than by organisation identifier', () => {
    // Act
    const paths = issuePaths({ ...common, event: 'awarded', winnerName: '某某建设有限公司', amountYuan: 100 });

    // Assess
    expect(paths).toContain('winnerId');
  });

  it('refuses money that is not whole yuan, negative or beyond a trillion', () => {
    // Act
    const fraction = issuePaths({ ...notice, estimatedAmountYuan: 100.5 });
    const negative = issuePaths({ ...common, event: 'contractSigned', amountYuan: -1 });
    const huge = issuePaths({ ...common, event: 'awarded', winnerId: 'ORG-W', amountYuan: 10 ** 12 + 1 });

    // Assess
    expect(fraction).toEqual(['estimatedAmountYuan']);
    expect(negative).toEqual(['amountYuan']);
    expect(huge).toEqual(['amountYuan']);
  });

  it('refuses another family kind, an unknown event, and a bid deadline without offset', () => {
    // Act
    const wrongKind = issuePaths({ ...notice, kind: 'licensing' });
    const unknownEvent = issuePaths({ ...common, event: 'bidWithdrawn' });
    const localTime = issuePaths({ ...notice, bidDeadline: '2025-03-24T09:30:00' });

    // Assess
    expect(wrongKind).toEqual(['kind']);
    expect(unknownEvent).toEqual(['event']);
    expect(localTime).toEqual(['bidDeadline']);
  });

  it('refuses a fractional bidder count, a cancellation without a known reason and a classified level', () => {
    // Act
    const fractional = issuePaths({ ...common, event: 'bidsOpened', bidderCount: 2.5 });
    const reasonless = issuePaths({ ...common, event: 'cancelled' });
    const secret = issuePaths({ ...common, event: 'closed', classification: 'secret' });

    // Assess
    expect(fractional).toEqual(['bidderCount']);
    expect(reasonless).toEqual(['reason']);
    expect(secret).toEqual(['classification']);
  });

  it('refuses an organisation identifier with spaces or personal-looking free text', () => {
    // Act
    const paths = issuePaths({ ...notice, buyerId: 'Zhang San 13800000000' });

    // Assess
    expect(paths).toEqual(['buyerId']);
  });

  it('builds events numbered in call order', () => {
    // Act
    const events = aTenderCase()
      .noticePublished('2025-03-04T09:00:00+08:00', { bidDeadline: '2025-03-24T09:30:00+08:00' })
      .bidsOpened('2025-03-24T09:30:00+08:00')
      .build();

    // Assess
    expect(events.map((event) => event.sequence)).toEqual([1, 2]);
  });
});
