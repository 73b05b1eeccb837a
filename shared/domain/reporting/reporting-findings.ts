/**
 * Findings on how a department reports, whatever the record family (Art. 24(4): 上报的信息不准确),
 * read from the case's stored records and when each arrived:
 * - `reporting.future-instant` (warning): a record says its act happened after the record was
 *   received (beyond a few minutes of clock difference between the department's system and ours):
 *   the record is not accurate.
 *
 * Proven by the data themselves, never by time passing, so a stale feed never holds it. Records
 * reported late are counted by the statistics (`late`, weighed by evaluation's data deduction), not
 * found one by one: a department's first push backfills its history, all of it "late", until
 * connection dates tell backfill apart. Pure: the same records give the same findings.
 */
import type { Finding } from '../alerts/alert.ts';
import { englishSummary, type KnownAlertMessage } from '../alerts/alert-messages.ts';
import { epochMillisOf, inShanghaiOffset } from '../calendar/local-date.ts';

export const reportingRuleIds = { futureInstant: 'reporting.future-instant' } as const;

const legalBasis = '《宁波市行政电子监察办法》第二十四条第（四）项';

/** Clock difference tolerated between a department's system and ours before an act "in the future" is inaccurate. */
export const clockToleranceMinutes = 5;

/** One stored record of a case, as these rules read it. */
export interface ReceivedRecord {
  readonly sequence: number;
  readonly event: string;
  readonly occurredAt: string;
  readonly receivedAt: string;
}

function finding(ruleId: string, level: Finding['level'], message: KnownAlertMessage): Finding {
  return { ruleId, ruleVersion: 1, level, legalBasis, summary: englishSummary(message), message };
}

export function reportingFindings(records: readonly ReceivedRecord[]): Finding[] {
  const ahead = records.find((record) => epochMillisOf(record.occurredAt) - epochMillisOf(record.receivedAt) > clockToleranceMinutes * 60_000);
  if (ahead === undefined) return [];
  return [
    finding(reportingRuleIds.futureInstant, 'warning', {
      key: 'reporting.future-instant',
      params: { sequence: ahead.sequence, event: ahead.event, occurredAt: inShanghaiOffset(ahead.occurredAt), receivedAt: inShanghaiOffset(ahead.receivedAt) },
    }),
  ];
}
