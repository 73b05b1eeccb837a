/**
 * Test-data builders ("object mothers") for licensing cases. Events come out wire-valid (parsed
 * with the zod contract) and numbered 1, 2, 3… in the order the builder calls were made.
 *
 *   aLicensingCase({ receivedAt: '2025-09-22T09:00:00+08:00' })
 *     .received().accepted('2025-09-23T10:00:00+08:00').decided('2025-10-09T16:00:00+08:00').build();
 */
import type { CatalogueMatter } from '#shared/domain/catalogue/catalogue-matter.ts';
import { LicensingEvent, type SuspensionReason } from '#shared/domain/licensing/licensing-event.ts';
import { recordLog, type RecordSeed } from '../../../support/record-builder.ts';

export interface LicensingCaseSeed extends RecordSeed {
  /** Default instant of `received()`. */
  readonly receivedAt?: string;
}

/** Fluent builder of one case's events. */
export interface LicensingCaseBuilder {
  received(at?: string): LicensingCaseBuilder;
  accepted(at: string): LicensingCaseBuilder;
  completionRequested(at: string, materials?: readonly string[]): LicensingCaseBuilder;
  completionReceived(at: string): LicensingCaseBuilder;
  /** The applicant is told in writing at the same instant unless `applicantNotifiedAt` says otherwise; `null`: never told. */
  suspended(at: string, reason?: SuspensionReason, applicantNotifiedAt?: string | null): LicensingCaseBuilder;
  resumed(at: string): LicensingCaseBuilder;
  extended(at: string, additionalWorkingDays: number, approvedBy?: string): LicensingCaseBuilder;
  decided(at: string, outcome?: 'granted' | 'refused', reasons?: string): LicensingCaseBuilder;
  concluded(at: string): LicensingCaseBuilder;
  feeCharged(at: string, amountYuan: number): LicensingCaseBuilder;
  /** Events as built, sequence 1..n. */
  build(): LicensingEvent[];
}

export const defaultLicensingCase = {
  department: 'market-regulation',
  caseId: 'LIC-2025-000123',
  matterCode: 'SC-FOOD-001',
  receivedAt: '2025-09-22T09:00:00+08:00',
} as const;

/** Starts a case; defaults: a food-business licence received Monday 2025-09-22 09:00 Shanghai time. */
export function aLicensingCase(seed: LicensingCaseSeed = {}): LicensingCaseBuilder {
  const receivedAt = seed.receivedAt ?? defaultLicensingCase.receivedAt;
  const log = recordLog(LicensingEvent, 'licensing', seed, defaultLicensingCase);

  const push = (occurredAt: string, body: Record<string, unknown>): LicensingCaseBuilder => {
    log.append(occurredAt, body);
    return builder;
  };

  const builder: LicensingCaseBuilder = {
    received: (at = receivedAt) => push(at, { event: 'received' }),
    accepted: (at) => push(at, { event: 'accepted' }),
    completionRequested: (at, materials = ['business licence copy']) => push(at, { event: 'completionRequested', materials: [...materials] }),
    completionReceived: (at) => push(at, { event: 'completionReceived' }),
    suspended: (at, reason = 'expertReview', applicantNotifiedAt = at) =>
      push(at, { event: 'suspended', reason, ...(applicantNotifiedAt === null ? {} : { applicantNotifiedAt }) }),
    resumed: (at) => push(at, { event: 'resumed' }),
    extended: (at, additionalWorkingDays, approvedBy = 'head of bureau') => push(at, { event: 'extended', additionalWorkingDays, approvedBy }),
    decided: (at, outcome = 'granted', reasons) => push(at, { event: 'decided', outcome, ...(reasons === undefined ? {} : { reasons }) }),
    concluded: (at) => push(at, { event: 'concluded' }),
    feeCharged: (at, amountYuan) => push(at, { event: 'feeCharged', amountYuan }),
    build: () => log.build(),
  };
  return builder;
}

/**
 * A catalogue matter with the Licensing Law's figures: 20 working days statutory (Art. 42),
 * a promise of 10, a prompt 3 working days before the promise, 5 days for a completion notice.
 */
export function aCatalogueMatter(overrides: Partial<CatalogueMatter> = {}): CatalogueMatter {
  return {
    department: defaultLicensingCase.department,
    matterCode: defaultLicensingCase.matterCode,
    kind: 'licensing',
    name: 'Food business licence',
    promisedWorkingDays: 10,
    statutoryWorkingDays: 20,
    promptWorkingDaysBefore: 3,
    completionNoticeWorkingDays: 5,
    legalBasis: '《中华人民共和国行政许可法》第四十二条',
    ...overrides,
  };
}
