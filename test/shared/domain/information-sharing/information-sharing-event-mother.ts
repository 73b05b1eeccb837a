/**
 * Test-data builders ("object mothers") for share requests. Events come out wire-valid (parsed
 * with the zod contract) and numbered 1, 2, 3… in the order the builder calls were made.
 *
 *   aShareRequest().requested().granted('2025-09-30T10:00:00+08:00').delivered('2025-10-09T10:00:00+08:00').build();
 */
import { InformationSharingEvent, type UseReporter } from '#shared/domain/information-sharing/information-sharing-event.ts';
import { InformationSharingMatter } from '#shared/domain/information-sharing/information-sharing-matter.ts';
import { recordLog, type RecordSeed } from '../../../support/record-builder.ts';

export interface ShareRequestBuilder {
  requested(at?: string): ShareRequestBuilder;
  granted(at: string): ShareRequestBuilder;
  grantedWithConditions(at: string, conditions?: string): ShareRequestBuilder;
  refused(at: string, reasons?: string): ShareRequestBuilder;
  delivered(at: string): ShareRequestBuilder;
  useReported(at: string, beyondStatedPurpose: boolean, reportedBy?: UseReporter): ShareRequestBuilder;
  revoked(at: string, reasons?: string): ShareRequestBuilder;
  /** Events as built, sequence 1..n. */
  build(): InformationSharingEvent[];
}

export const defaultShareRequest = {
  department: 'market-regulation',
  caseId: 'GX-2025-000042',
  matterCode: 'enterprise-registration-records',
  requestingDepartment: 'housing',
  /** Thursday before the 2025 National Day holiday. */
  requestedAt: '2025-09-25T09:00:00+08:00',
} as const;

/** Starts a share request; default: requested by `housing` on Thursday 2025-09-25 09:00 Shanghai time. */
export function aShareRequest(seed: RecordSeed & { readonly requestedAt?: string; readonly requestingDepartment?: string } = {}): ShareRequestBuilder {
  const log = recordLog(InformationSharingEvent, 'informationSharing', seed, defaultShareRequest);
  const push = (occurredAt: string, body: Record<string, unknown>): ShareRequestBuilder => {
    log.append(occurredAt, body);
    return builder;
  };
  const builder: ShareRequestBuilder = {
    requested: (at = seed.requestedAt ?? defaultShareRequest.requestedAt) =>
      push(at, {
        event: 'requested',
        requestingDepartment: seed.requestingDepartment ?? defaultShareRequest.requestingDepartment,
        purpose: 'checking the licences of construction enterprises',
        scope: ['unifiedSocialCreditCode', 'registeredCapital'],
      }),
    granted: (at) => push(at, { event: 'granted' }),
    grantedWithConditions: (at, conditions = 'query by credit code only') => push(at, { event: 'grantedWithConditions', conditions }),
    refused: (at, reasons = 'contains commercial secrets') => push(at, { event: 'refused', reasons }),
    delivered: (at) => push(at, { event: 'delivered' }),
    useReported: (at, beyondStatedPurpose, reportedBy = 'audit') =>
      push(at, { event: 'useReported', reportedBy, beyondStatedPurpose, use: beyondStatedPurpose ? 'marketing lists' : 'licence checks' }),
    revoked: (at, reasons = 'use beyond the stated purpose') => push(at, { event: 'revoked', reasons }),
    build: () => log.build(),
  };
  return builder;
}

/** A conditional-share resource (parsed, so defaults apply): answer within the legal 10 working days, prompt at 1. */
export function aSharedResource(overrides: Partial<InformationSharingMatter> = {}): InformationSharingMatter {
  return InformationSharingMatter.parse({
    department: defaultShareRequest.department,
    matterCode: defaultShareRequest.matterCode,
    kind: 'informationSharing',
    name: 'Enterprise registration records',
    legalBasis: '《政务数据共享条例》',
    sharingType: 'conditional',
    ...overrides,
  });
}
