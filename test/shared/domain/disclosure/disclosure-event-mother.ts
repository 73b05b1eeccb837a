/**
 * Test-data builders ("object mothers") for disclosure cases. Events come out wire-valid (parsed
 * with the zod contract) and numbered 1, 2, 3… in the order the builder calls were made.
 *
 *   aDisclosureCase().requestReceived().replied('2025-09-20T10:00:00+08:00', 'disclosed').build();
 *   aDisclosureCase().informationFormed().published('2025-05-06T09:00:00+08:00').build();
 */
import { DisclosureEvent, type ConsultedParty, type DisclosureOutcome } from '#shared/domain/disclosure/disclosure-event.ts';
import { DisclosureMatter } from '#shared/domain/disclosure/disclosure-matter.ts';
import { recordLog, type RecordSeed } from '../../../support/record-builder.ts';

export interface DisclosureCaseSeed extends RecordSeed {
  /** Default instant of `requestReceived()`. */
  readonly receivedAt?: string;
  /** Default instant of `informationFormed()`. */
  readonly formedAt?: string;
}

/** Fluent builder of one case's events. */
export interface DisclosureCaseBuilder {
  requestReceived(at?: string): DisclosureCaseBuilder;
  completionRequested(at: string, items?: readonly string[]): DisclosureCaseBuilder;
  completionReceived(at: string): DisclosureCaseBuilder;
  consultationStarted(at: string, party?: ConsultedParty): DisclosureCaseBuilder;
  consultationEnded(at: string): DisclosureCaseBuilder;
  extended(at: string, additionalWorkingDays: number, approvedBy?: string): DisclosureCaseBuilder;
  replied(at: string, outcome?: DisclosureOutcome, reasons?: string): DisclosureCaseBuilder;
  closed(at: string): DisclosureCaseBuilder;
  informationFormed(at?: string, change?: 'formed' | 'changed'): DisclosureCaseBuilder;
  published(at: string): DisclosureCaseBuilder;
  /** Events as built, sequence 1..n. */
  build(): DisclosureEvent[];
}

export const defaultDisclosureCase = {
  department: 'natural-resources',
  caseId: 'GKSQ-2025-000042',
  matterCode: 'GK-REQ-001',
  receivedAt: '2025-09-01T09:00:00+08:00',
  formedAt: '2025-04-21T10:00:00+08:00',
} as const;

/**
 * Starts a case; defaults: a request received Monday 2025-09-01 09:00 Shanghai time, or
 * information formed Monday 2025-04-21 10:00.
 */
export function aDisclosureCase(seed: DisclosureCaseSeed = {}): DisclosureCaseBuilder {
  const log = recordLog(DisclosureEvent, 'disclosure', seed, defaultDisclosureCase);

  const push = (occurredAt: string, body: Record<string, unknown>): DisclosureCaseBuilder => {
    log.append(occurredAt, body);
    return builder;
  };

  const builder: DisclosureCaseBuilder = {
    requestReceived: (at = seed.receivedAt ?? defaultDisclosureCase.receivedAt) => push(at, { event: 'requestReceived' }),
    completionRequested: (at, items = ['the period the requested planning documents cover']) => push(at, { event: 'completionRequested', items: [...items] }),
    completionReceived: (at) => push(at, { event: 'completionReceived' }),
    consultationStarted: (at, party = 'thirdParty') => push(at, { event: 'consultationStarted', party }),
    consultationEnded: (at) => push(at, { event: 'consultationEnded' }),
    extended: (at, additionalWorkingDays, approvedBy = 'head of the disclosure office') => push(at, { event: 'extended', additionalWorkingDays, approvedBy }),
    replied: (at, outcome = 'disclosed', reasons) => push(at, { event: 'replied', outcome, ...(reasons === undefined ? {} : { reasons }) }),
    closed: (at) => push(at, { event: 'closed' }),
    informationFormed: (at = seed.formedAt ?? defaultDisclosureCase.formedAt, change = 'formed') => push(at, { event: 'informationFormed', change }),
    published: (at) => push(at, { event: 'published', channel: 'governmentWebsite' }),
    build: () => log.build(),
  };
  return builder;
}

/**
 * A catalogue matter with the 2019 regulations' figures (parsed, so defaults apply): reply in 20
 * working days (+20 with approval), completion request within 7, proactive disclosure within 20,
 * a prompt when one working day remains.
 */
export function aDisclosureMatter(overrides: Partial<DisclosureMatter> = {}): DisclosureMatter {
  return DisclosureMatter.parse({
    department: defaultDisclosureCase.department,
    matterCode: defaultDisclosureCase.matterCode,
    kind: 'disclosure',
    name: 'Disclosure of land-use planning information',
    legalBasis: '《中华人民共和国政府信息公开条例》',
    ...overrides,
  });
}
