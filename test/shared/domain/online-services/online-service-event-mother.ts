/**
 * Test-data builders ("object mothers") for online service cases. Events come out wire-valid
 * (parsed with the zod contract) and numbered 1, 2, 3… in the order the builder calls were made.
 *
 *   anOnlineServiceCase().applied().accepted('2025-09-30T10:00:00+08:00').completed('2025-10-15T10:00:00+08:00').build();
 */
import {
  OnlineServiceEvent,
  type DeliveryChannel,
  type ExcludedPeriodReason,
  type OnlineServiceOutcome,
} from '#shared/domain/online-services/online-service-event.ts';
import { OnlineServiceMatter } from '#shared/domain/online-services/online-service-matter.ts';
import { recordLog, type RecordSeed } from '../../../support/record-builder.ts';

export interface OnlineServiceCaseSeed extends RecordSeed {
  /** Default instant of `applied()`. */
  readonly appliedAt?: string;
}

/** Fluent builder of one case's events. */
export interface OnlineServiceCaseBuilder {
  applied(at?: string): OnlineServiceCaseBuilder;
  supplementRequested(at: string, materials?: readonly string[]): OnlineServiceCaseBuilder;
  supplemented(at: string): OnlineServiceCaseBuilder;
  accepted(at: string): OnlineServiceCaseBuilder;
  notAccepted(at: string, reasons?: string): OnlineServiceCaseBuilder;
  /** A step 《行政许可法》第四十五条 leaves out of the limit began; `notifiedAt`: when the applicant was told how long it takes. */
  suspended(at: string, reason?: ExcludedPeriodReason, notifiedAt?: string): OnlineServiceCaseBuilder;
  resumed(at: string): OnlineServiceCaseBuilder;
  completed(at: string, outcome?: OnlineServiceOutcome): OnlineServiceCaseBuilder;
  resultDelivered(at: string, channel?: DeliveryChannel, electronicCertificate?: boolean): OnlineServiceCaseBuilder;
  /** Events as built, sequence 1..n. */
  build(): OnlineServiceEvent[];
}

export const defaultOnlineServiceCase = {
  department: 'haishu-housing',
  caseId: 'WSBJ-2025-000118',
  matterCode: 'construction-waste-permit',
  appliedAt: '2025-09-26T09:00:00+08:00',
} as const;

/** Starts a case; default: an application made online on Friday 2025-09-26 09:00 Shanghai time. */
export function anOnlineServiceCase(seed: OnlineServiceCaseSeed = {}): OnlineServiceCaseBuilder {
  const log = recordLog(OnlineServiceEvent, 'onlineService', seed, defaultOnlineServiceCase);

  const push = (occurredAt: string, body: Record<string, unknown>): OnlineServiceCaseBuilder => {
    log.append(occurredAt, body);
    return builder;
  };

  const builder: OnlineServiceCaseBuilder = {
    applied: (at = seed.appliedAt ?? defaultOnlineServiceCase.appliedAt) => push(at, { event: 'applied' }),
    supplementRequested: (at, materials = ['the disposal site agreement']) => push(at, { event: 'supplementRequested', materials: [...materials] }),
    supplemented: (at) => push(at, { event: 'supplemented' }),
    accepted: (at) => push(at, { event: 'accepted' }),
    notAccepted: (at, reasons = 'the matter is outside the department’s remit') => push(at, { event: 'notAccepted', reasons }),
    suspended: (at, reason = 'testing', notifiedAt) =>
      push(at, { event: 'suspended', reason, ...(notifiedAt === undefined ? {} : { applicantNotifiedAt: notifiedAt }) }),
    resumed: (at) => push(at, { event: 'resumed' }),
    completed: (at, outcome = 'approved') => push(at, { event: 'completed', outcome }),
    resultDelivered: (at, channel = 'online', electronicCertificate) =>
      push(at, { event: 'resultDelivered', channel, ...(electronicCertificate === undefined ? {} : { electronicCertificate }) }),
    build: () => log.build(),
  };
  return builder;
}

/**
 * A catalogue matter (parsed, so defaults apply): promised 10 working days, legal 20, a prompt
 * when one working day remains, acceptance within 3 working days, the supplement notice within
 * 5, handled wholly online with an electronic certificate.
 */
export function anOnlineServiceMatter(overrides: Partial<Record<keyof OnlineServiceMatter, unknown>> = {}): OnlineServiceMatter {
  return OnlineServiceMatter.parse({
    department: defaultOnlineServiceCase.department,
    matterCode: defaultOnlineServiceCase.matterCode,
    kind: 'onlineService',
    name: '城市建筑垃圾处置核准',
    legalBasis: '《中华人民共和国行政许可法》第四十二条',
    statutoryWorkingDays: 20,
    promisedWorkingDays: 10,
    acceptanceWorkingDays: 3,
    fullyOnline: true,
    electronicCertificate: true,
    ...overrides,
  });
}
