/**
 * Test-data builders ("object mothers") for administrative penalty cases. Events come out
 * wire-valid (parsed with the zod contract) and numbered 1, 2, 3… in the order the builder calls
 * were made.
 *
 *   aPenaltyCase({ filedAt: '2025-04-01T09:00:00+08:00' })
 *     .caseFiled().priorNoticeIssued('2025-05-06T10:00:00+08:00').decided('2025-05-20T16:00:00+08:00').build();
 */
import { PenaltyEvent, type PenaltyCircumstance } from '#shared/domain/penalty/penalty-event.ts';
import { PenaltyMatter } from '#shared/domain/penalty/penalty-matter.ts';
import { recordLog, type RecordSeed } from '../../../support/record-builder.ts';

export interface PenaltyCaseSeed extends RecordSeed {
  /** Default instant of `caseFiled()`. */
  readonly filedAt?: string;
}

/** What a prior notice proposes; defaults: 5 000 yuan for an ordinary violation of the default code. */
export interface ProposedPenalty {
  readonly proposedFineYuan?: number;
  readonly violationCode?: string;
  readonly circumstance?: PenaltyCircumstance;
}

/** What a decision imposes; defaults: 5 000 yuan for an ordinary violation, no publication. */
export interface DecidedPenalty {
  readonly fineYuan?: number;
  readonly violationCode?: string;
  readonly circumstance?: PenaltyCircumstance;
  readonly publicationRequired?: boolean;
}

/** Fluent builder of one case's events. */
export interface PenaltyCaseBuilder {
  caseFiled(at?: string): PenaltyCaseBuilder;
  investigationConcluded(at: string): PenaltyCaseBuilder;
  priorNoticeIssued(at: string, proposed?: ProposedPenalty): PenaltyCaseBuilder;
  hearingRequested(at: string): PenaltyCaseBuilder;
  hearingNoticeIssued(at: string): PenaltyCaseBuilder;
  hearingHeld(at: string): PenaltyCaseBuilder;
  extended(at: string, additionalCalendarDays: number, approvedBy?: string): PenaltyCaseBuilder;
  decided(at: string, penalty?: DecidedPenalty): PenaltyCaseBuilder;
  published(at: string): PenaltyCaseBuilder;
  executed(at: string): PenaltyCaseBuilder;
  closed(at: string): PenaltyCaseBuilder;
  /** Events as built, sequence 1..n. */
  build(): PenaltyEvent[];
}

export const defaultPenaltyCase = {
  department: 'market-regulation',
  caseId: 'PEN-2025-000042',
  matterCode: 'CF-FOOD-124',
  /** Tuesday; 90 calendar days later is Monday 2025-06-30, a working day. */
  filedAt: '2025-04-01T09:00:00+08:00',
  violationCode: 'FSL-124',
  fineYuan: 5000,
} as const;

/** Starts a case; defaults: a food-safety penalty filed Tuesday 2025-04-01 09:00 Shanghai time. */
export function aPenaltyCase(seed: PenaltyCaseSeed = {}): PenaltyCaseBuilder {
  const filedAt = seed.filedAt ?? defaultPenaltyCase.filedAt;
  const log = recordLog(PenaltyEvent, 'penalty', seed, defaultPenaltyCase);

  const push = (occurredAt: string, body: Record<string, unknown>): PenaltyCaseBuilder => {
    log.append(occurredAt, body);
    return builder;
  };

  const builder: PenaltyCaseBuilder = {
    caseFiled: (at = filedAt) => push(at, { event: 'caseFiled' }),
    investigationConcluded: (at) => push(at, { event: 'investigationConcluded' }),
    priorNoticeIssued: (at, proposed = {}) =>
      push(at, {
        event: 'priorNoticeIssued',
        proposedFineYuan: proposed.proposedFineYuan ?? defaultPenaltyCase.fineYuan,
        violationCode: proposed.violationCode ?? defaultPenaltyCase.violationCode,
        circumstance: proposed.circumstance ?? 'ordinary',
      }),
    hearingRequested: (at) => push(at, { event: 'hearingRequested' }),
    hearingNoticeIssued: (at) => push(at, { event: 'hearingNoticeIssued' }),
    hearingHeld: (at) => push(at, { event: 'hearingHeld' }),
    extended: (at, additionalCalendarDays, approvedBy = 'bureau head') => push(at, { event: 'extended', additionalCalendarDays, approvedBy }),
    decided: (at, penalty = {}) =>
      push(at, {
        event: 'decided',
        fineYuan: penalty.fineYuan ?? defaultPenaltyCase.fineYuan,
        violationCode: penalty.violationCode ?? defaultPenaltyCase.violationCode,
        circumstance: penalty.circumstance ?? 'ordinary',
        publicationRequired: penalty.publicationRequired ?? false,
      }),
    published: (at) => push(at, { event: 'published' }),
    executed: (at) => push(at, { event: 'executed' }),
    closed: (at) => push(at, { event: 'closed' }),
    build: () => log.build(),
  };
  return builder;
}

/** The raw (wire) form of a matter, before defaults; for schema tests. */
export function aRawPenaltyMatter(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    department: defaultPenaltyCase.department,
    matterCode: defaultPenaltyCase.matterCode,
    kind: 'penalty',
    name: 'Food safety violation penalty',
    legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
    hearingThresholdYuan: 10_000,
    discretionBands: [
      { violationCode: defaultPenaltyCase.violationCode, circumstance: 'minor', minFineYuan: 0, maxFineYuan: 1000 },
      { violationCode: defaultPenaltyCase.violationCode, circumstance: 'ordinary', minFineYuan: 1000, maxFineYuan: 20_000 },
      { violationCode: defaultPenaltyCase.violationCode, circumstance: 'serious', minFineYuan: 20_000, maxFineYuan: 100_000 },
    ],
    ...overrides,
  };
}

/**
 * A penalty matter with the national figures (90 calendar days, prompt 7 days before, publication
 * within 7 working days), a hearing threshold of 10 000 yuan and three bands for the default
 * violation: minor 0–1 000, ordinary 1 000–20 000, serious 20 000–100 000 yuan.
 */
export function aPenaltyMatter(overrides: Record<string, unknown> = {}): PenaltyMatter {
  return PenaltyMatter.parse(aRawPenaltyMatter(overrides));
}

/** A case through every stage, each kind of event once (hearing, extension, publication), wire-valid. */
export const aFullPenaltyCase = () =>
  aPenaltyCase()
    .caseFiled()
    .investigationConcluded('2025-04-20T10:00:00+08:00')
    .priorNoticeIssued('2025-04-22T10:00:00+08:00', { proposedFineYuan: 15_000 })
    .hearingRequested('2025-04-24T10:00:00+08:00')
    .hearingNoticeIssued('2025-04-25T10:00:00+08:00')
    .hearingHeld('2025-05-06T10:00:00+08:00')
    .extended('2025-05-07T10:00:00+08:00', 30)
    .decided('2025-05-20T16:00:00+08:00', { fineYuan: 12_000, publicationRequired: true })
    .published('2025-05-22T09:00:00+08:00')
    .executed('2025-06-10T09:00:00+08:00')
    .closed('2025-06-11T09:00:00+08:00')
    .build();
