/**
 * Test-data builders ("object mothers") for tenders. Events come out wire-valid (parsed with the
 * zod contract) and numbered 1, 2, 3… in the order the builder calls were made.
 *
 *   aTenderCase().noticePublished('2025-03-04T09:00:00+08:00', { bidDeadline: '2025-03-24T09:30:00+08:00' })
 *     .bidsOpened('2025-03-24T09:30:00+08:00', 5).awarded('2025-04-21T10:00:00+08:00').build();
 */
import { TenderEvent, type TenderCancellationReason } from '#shared/domain/tender/tender-event.ts';
import { TenderMatter, type TenderMatterInput } from '#shared/domain/tender/tender-matter.ts';
import { recordLog, type RecordSeed } from '../../../support/record-builder.ts';

export type TenderCaseSeed = RecordSeed;

export interface NoticeDetails {
  readonly bidDeadline: string;
  readonly buyerId?: string;
  readonly estimatedAmountYuan?: number;
}

/** Fluent builder of one tender's events. */
export interface TenderCaseBuilder {
  noticePublished(at: string, details: NoticeDetails): TenderCaseBuilder;
  noticeAmended(at: string, bidDeadline: string): TenderCaseBuilder;
  bidsOpened(at: string, bidderCount?: number): TenderCaseBuilder;
  evaluationCompleted(at: string): TenderCaseBuilder;
  candidatesPublicized(at: string, publicityEndsAt: string): TenderCaseBuilder;
  awarded(at: string, amountYuan?: number, winnerId?: string): TenderCaseBuilder;
  contractSigned(at: string, amountYuan?: number): TenderCaseBuilder;
  closed(at: string): TenderCaseBuilder;
  cancelled(at: string, reason?: TenderCancellationReason): TenderCaseBuilder;
  /** Events as built, sequence 1..n. */
  build(): TenderEvent[];
}

export const defaultTenderCase = {
  department: 'housing-construction',
  caseId: 'ZB-2025-000042',
  matterCode: 'GC-SG-001',
  buyerId: 'ORG-91330200-BUYER1',
  winnerId: 'ORG-91330200-WIN001',
  estimatedAmountYuan: 12_000_000,
  amountYuan: 11_500_000,
} as const;

/** Starts a tender; defaults: a construction contract of a city buyer, 12 million yuan estimated. */
export function aTenderCase(seed: TenderCaseSeed = {}): TenderCaseBuilder {
  const log = recordLog(TenderEvent, 'publicResourceTrading', seed, defaultTenderCase);

  const push = (occurredAt: string, body: Record<string, unknown>): TenderCaseBuilder => {
    log.append(occurredAt, body);
    return builder;
  };

  const builder: TenderCaseBuilder = {
    noticePublished: (at, details) =>
      push(at, {
        event: 'noticePublished',
        bidDeadline: details.bidDeadline,
        buyerId: details.buyerId ?? defaultTenderCase.buyerId,
        estimatedAmountYuan: details.estimatedAmountYuan ?? defaultTenderCase.estimatedAmountYuan,
      }),
    noticeAmended: (at, bidDeadline) => push(at, { event: 'noticeAmended', bidDeadline }),
    bidsOpened: (at, bidderCount = 5) => push(at, { event: 'bidsOpened', bidderCount }),
    evaluationCompleted: (at) => push(at, { event: 'evaluationCompleted' }),
    candidatesPublicized: (at, publicityEndsAt) => push(at, { event: 'candidatesPublicized', publicityEndsAt }),
    awarded: (at, amountYuan = defaultTenderCase.amountYuan, winnerId = defaultTenderCase.winnerId) => push(at, { event: 'awarded', winnerId, amountYuan }),
    contractSigned: (at, amountYuan = defaultTenderCase.amountYuan) => push(at, { event: 'contractSigned', amountYuan }),
    closed: (at) => push(at, { event: 'closed' }),
    cancelled: (at, reason = 'projectWithdrawn') => push(at, { event: 'cancelled', reason }),
    build: () => log.build(),
  };
  return builder;
}

/**
 * A tender matter with the national figures (20-day bid period, 15-day amendment notice, 3-day
 * publicity, contract within 30 days, prompt 3 days before, 4 million yuan threshold).
 */
export function aTenderMatter(overrides: Partial<TenderMatterInput> = {}): TenderMatter {
  return TenderMatter.parse({
    department: defaultTenderCase.department,
    matterCode: defaultTenderCase.matterCode,
    kind: 'publicResourceTrading',
    name: 'Construction works tender',
    legalBasis: '《中华人民共和国招标投标法》',
    ...overrides,
  });
}

/**
 * A clean tender: notice Tue 2025-03-04, bid deadline Mon 2025-03-24 (the 20th day), five
 * bidders, publicity 14–17 April, award Tue 2025-05-06 (contract limit Thu 2025-06-05).
 */
export function aCleanTenderUpToAward(seed: TenderCaseSeed = {}): TenderCaseBuilder {
  return aTenderCase(seed)
    .noticePublished('2025-03-04T09:00:00+08:00', { bidDeadline: '2025-03-24T09:30:00+08:00' })
    .bidsOpened('2025-03-24T09:30:00+08:00', 5)
    .evaluationCompleted('2025-04-10T17:00:00+08:00')
    .candidatesPublicized('2025-04-14T09:00:00+08:00', '2025-04-17T17:00:00+08:00')
    .awarded('2025-05-06T10:00:00+08:00');
}
