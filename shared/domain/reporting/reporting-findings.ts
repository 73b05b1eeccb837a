/**
 * Findings on how a department reports a case (Art. 24(4): 未及时上报行政电子监察信息或上报的信息
 * 不完整、不准确), read from the case's stored records and when each arrived:
 * - `reporting.future-instant` (警戒, inaccurate): a record says its act happened after the record
 *   was received (beyond a few minutes of clock difference between the department's system and ours).
 * - `reporting.stage-order` (警戒, inaccurate): two stages of a case contradict each other in time:
 *   a later stage of the family's procedure (a decision) stamped before an earlier one (the
 *   acceptance). The families' procedure-order rules judge the order of the records; this one
 *   judges the instants the records state, whatever their order.
 * - `reporting.late` (提示, late): a record received more than `lateAfterHours` after its act. A
 *   department's first push of its history is not late: records of acts before its connection date
 *   (`connectedOn`, Shanghai day) are backfill. Without a connection date backfill cannot be told
 *   apart from lateness, so nothing is found late.
 * - `reporting.incomplete` (警戒, incomplete): a stage the family requires before a later one was
 *   never reported, `lateAfterHours` after the later stage's record arrived (licensing: an
 *   acceptance, decision or conclusion without the application's receipt). Only where the family's
 *   own procedure-order rule does not already find the gap. Its arrival resolves the finding.
 *
 * Pure: the same records, department and instant give the same findings.
 */
import type { Finding } from '../alerts/alert.ts';
import { englishSummary, type KnownAlertMessage } from '../alerts/alert-messages.ts';
import { epochMillisOf, inShanghaiOffset, shanghaiDate, type LocalDate } from '../calendar/local-date.ts';
import { lateReportingHours } from '../statistics/case-contribution.ts';

export const reportingRuleIds = {
  futureInstant: 'reporting.future-instant',
  stageOrder: 'reporting.stage-order',
  late: 'reporting.late',
  incomplete: 'reporting.incomplete',
} as const;

/** 《宁波市行政电子监察管理办法》第二十四条第一款第（四）项: 未及时上报行政电子监察信息或上报的信息不完整、不准确的. */
export const reportingLegalBasis = '《宁波市行政电子监察管理办法》第二十四条第一款第（四）项';

/** Clock difference tolerated between a department's system and ours before an act "in the future" is inaccurate. */
export const clockToleranceMinutes = 5;

/** How the reporting rules are set for a deployment (`reporting.*` of its configuration). */
export interface ReportingSettings {
  /** Hours after an act within which its record must arrive; also the grace before a missing stage is incomplete. */
  readonly lateAfterHours: number;
}

/** The common standard, the one the statistics count late records by: a record within 24 hours of its act. */
export const defaultReportingSettings: ReportingSettings = { lateAfterHours: lateReportingHours };

/** What the rules know of the case's department and family. */
export interface ReportingContext {
  /** The record family (`licensing`, ...): which stages it has. */
  readonly kind: string;
  /** The department's connection date (Shanghai day): records of earlier acts are backfill. Absent: nothing is found late. */
  readonly connectedOn?: LocalDate;
}

/** One stored record of a case, as these rules read it. */
export interface ReceivedRecord {
  readonly sequence: number;
  readonly event: string;
  readonly occurredAt: string;
  readonly receivedAt: string;
}

/**
 * The stages of each family in the order its procedure requires, as events: a stage stamped
 * before an earlier present stage contradicts it. Only the stages that follow one another in every
 * case of the family (a hearing or a publication may or may not come).
 */
export const stageOrders: Readonly<Record<string, readonly string[]>> = {
  licensing: ['received', 'accepted', 'decided', 'concluded'],
  penalty: ['caseFiled', 'priorNoticeIssued', 'decided', 'executed'],
  publicResourceTrading: ['noticePublished', 'bidsOpened', 'evaluationCompleted', 'awarded', 'contractSigned'],
  disclosure: ['requestReceived', 'replied', 'closed'],
};

/**
 * The stages a family requires before later ones, whose absence its own procedure-order rule does
 * not find: licensing finds a decision without acceptance and a conclusion without decision, but
 * not a case whose application's receipt (the day the acceptance limit counts from) never came.
 */
export const requiredStages: Readonly<Record<string, readonly { readonly stage: string; readonly before: readonly string[] }[]>> = {
  licensing: [{ stage: 'received', before: ['accepted', 'decided', 'concluded'] }],
};

/** What the reporting rules find now, and when a finding next changes with time alone. */
export interface ReportingEvaluation {
  readonly findings: Finding[];
  /** The instant (ISO) a pending stage becomes incomplete, if one is pending. */
  readonly nextCheckAt: string | null;
}

const hourMs = 3_600_000;

function finding(ruleId: string, level: Finding['level'], message: KnownAlertMessage, deadline?: string): Finding {
  return { ruleId, ruleVersion: 1, level, legalBasis: reportingLegalBasis, summary: englishSummary(message), message, ...(deadline ? { deadline } : {}) };
}

function futureInstantFinding(records: readonly ReceivedRecord[]): Finding | null {
  const ahead = records.find((record) => epochMillisOf(record.occurredAt) - epochMillisOf(record.receivedAt) > clockToleranceMinutes * 60_000);
  if (ahead === undefined) return null;
  return finding(reportingRuleIds.futureInstant, 'warning', {
    key: 'reporting.future-instant',
    params: { sequence: ahead.sequence, event: ahead.event, occurredAt: inShanghaiOffset(ahead.occurredAt), receivedAt: inShanghaiOffset(ahead.receivedAt) },
  });
}

/** The first record of each stage (lowest sequence), by event. */
function firstOfEach(records: readonly ReceivedRecord[]): Map<string, ReceivedRecord> {
  const first = new Map<string, ReceivedRecord>();
  for (const record of records) {
    const earlier = first.get(record.event);
    if (earlier === undefined || record.sequence < earlier.sequence) first.set(record.event, record);
  }
  return first;
}

function stageOrderFinding(kind: string, first: ReadonlyMap<string, ReceivedRecord>): Finding | null {
  const stages = (stageOrders[kind] ?? []).flatMap((stage) => {
    const record = first.get(stage);
    return record === undefined ? [] : [record];
  });
  for (let later = 1; later < stages.length; later++) {
    const record = stages[later] as ReceivedRecord;
    const at = epochMillisOf(record.occurredAt);
    const contradicted = stages.slice(0, later).find((earlier) => epochMillisOf(earlier.occurredAt) > at);
    if (contradicted === undefined) continue;
    return finding(reportingRuleIds.stageOrder, 'warning', {
      key: 'reporting.stage-order',
      params: {
        sequence: record.sequence,
        event: record.event,
        occurredAt: inShanghaiOffset(record.occurredAt),
        earlierSequence: contradicted.sequence,
        earlierEvent: contradicted.event,
        earlierOccurredAt: inShanghaiOffset(contradicted.occurredAt),
      },
    });
  }
  return null;
}

/** A record of an act on or after the connection date: reported as the department works, not backfilled. */
const afterConnection = (record: ReceivedRecord, connectedOn: LocalDate): boolean => shanghaiDate(record.occurredAt) >= connectedOn;

function lateFinding(records: readonly ReceivedRecord[], connectedOn: LocalDate | undefined, settings: ReportingSettings): Finding | null {
  if (connectedOn === undefined) return null;
  const late = records.filter((record) => afterConnection(record, connectedOn) && isLate(record, settings));
  const first = late.reduce<ReceivedRecord | undefined>(
    (lowest, record) => (lowest === undefined || record.sequence < lowest.sequence ? record : lowest),
    undefined,
  );
  if (first === undefined) return null;
  return finding(reportingRuleIds.late, 'prompt', {
    key: 'reporting.late',
    params: {
      sequence: first.sequence,
      event: first.event,
      occurredAt: inShanghaiOffset(first.occurredAt),
      receivedAt: inShanghaiOffset(first.receivedAt),
      hours: settings.lateAfterHours,
      count: late.length,
    },
  });
}

/** Received more than the allowed hours after its act. */
export const isLate = (record: Pick<ReceivedRecord, 'occurredAt' | 'receivedAt'>, settings: ReportingSettings): boolean =>
  epochMillisOf(record.receivedAt) - epochMillisOf(record.occurredAt) > settings.lateAfterHours * hourMs;

/** The first missing required stage, with the record that shows it missing and the instant its grace ends. */
function missingStage(
  kind: string,
  first: ReadonlyMap<string, ReceivedRecord>,
  context: ReportingContext,
  settings: ReportingSettings,
): { stage: string; shownBy: ReceivedRecord; limit: number } | undefined {
  for (const { stage, before } of requiredStages[kind] ?? []) {
    if (first.has(stage)) continue;
    const later = before
      .flatMap((event) => {
        const record = first.get(event);
        return record === undefined || (context.connectedOn !== undefined && !afterConnection(record, context.connectedOn)) ? [] : [record];
      })
      .sort((a, b) => epochMillisOf(a.receivedAt) - epochMillisOf(b.receivedAt) || a.sequence - b.sequence)[0];
    if (later !== undefined) return { stage, shownBy: later, limit: epochMillisOf(later.receivedAt) + settings.lateAfterHours * hourMs };
  }
  return undefined;
}

/** The reporting rules' findings on a case's records as of `at`. */
export function reportingFindings(
  records: readonly ReceivedRecord[],
  context: ReportingContext,
  at: Date,
  settings: ReportingSettings = defaultReportingSettings,
): ReportingEvaluation {
  const first = firstOfEach(records);
  const findings = [futureInstantFinding(records), stageOrderFinding(context.kind, first), lateFinding(records, context.connectedOn, settings)].filter(
    (found): found is Finding => found !== null,
  );
  const missing = missingStage(context.kind, first, context, settings);
  if (missing === undefined) return { findings, nextCheckAt: null };
  const limit = new Date(missing.limit).toISOString();
  if (missing.limit > at.getTime()) return { findings, nextCheckAt: limit };
  const { shownBy } = missing;
  findings.push(
    finding(
      reportingRuleIds.incomplete,
      'warning',
      {
        key: 'reporting.incomplete',
        params: { missing: missing.stage, sequence: shownBy.sequence, event: shownBy.event, receivedAt: inShanghaiOffset(shownBy.receivedAt), limit },
      },
      limit,
    ),
  );
  return { findings, nextCheckAt: null };
}
