/**
 * What the connection check finds about a department's reconciliation (一致性核查, Art. 7(2)),
 * on the pseudo-case `connection/reconciliation`:
 *
 * - `reconciliation.difference` (警戒): the latest manifest of a day within the last
 *   {@link reconciliationLookbackDays} days differs from what the system holds. Re-pushing the
 *   missing records and submitting the manifest again (consistent now) clears it.
 * - `reconciliation.manifest-late` (提示): a department that submits manifests (from the day of its
 *   first one) has not submitted that of a working day by `dueHour` o'clock (Shanghai) of the next
 *   working day. Submitting it clears it.
 */
import { englishSummary, type KnownAlertMessage } from '../alerts/alert-messages.ts';
import type { Finding } from '../alerts/alert.ts';
import { shanghaiDate, startOfShanghaiDay, type LocalDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { addWorkingDays } from '../calendar/working-days.ts';
import { addDays } from '../connection-health/date-range.ts';
import type { BucketDifferences, MatterComparison } from './compare-manifest.ts';

/** The pseudo-case (of kind `connection`) the reconciliation signals are raised on. */
export const reconciliationCaseId = 'reconciliation';

/** Days back from today the check looks at. */
export const reconciliationLookbackDays = 14;

const measures = '《宁波市行政电子监察管理办法》';

export const reconciliationRules = {
  difference: { ruleId: 'reconciliation.difference', ruleVersion: 1, level: 'warning', legalBasis: `${measures}第七条第二款` },
  manifestLate: { ruleId: 'reconciliation.manifest-late', ruleVersion: 1, level: 'prompt', legalBasis: `${measures}第七条第二款` },
} as const;

export interface ReconciliationSettings {
  /** Hour (Shanghai, 0-23) of the next working day by which a working day's manifest is due. */
  readonly manifestDueHour: number;
}

/** A day's latest manifest as compared, with the differences listed so far. */
export interface ReconciliationDay {
  readonly department: string;
  readonly day: LocalDate;
  readonly submittedAt: string;
  readonly matters: readonly MatterComparison[];
  /** The buckets listed by the department, record by record. */
  readonly differences: readonly BucketDifferences[];
}

/** Differences of a day, counted. */
export interface DayTally {
  readonly status: 'consistent' | 'differing';
  readonly differingBuckets: number;
  /** Differing buckets the department has not listed yet. */
  readonly bucketsToList: number;
  readonly missing: number;
  readonly extra: number;
  readonly mismatched: number;
}

export function tallyOf(day: Pick<ReconciliationDay, 'matters' | 'differences'>): DayTally {
  const listed = new Set(day.differences.map((d) => `${d.matterCode}\n${d.bucket}`));
  let differingBuckets = 0;
  let bucketsToList = 0;
  for (const matter of day.matters) {
    differingBuckets += matter.differingBuckets.length;
    bucketsToList += matter.differingBuckets.filter((bucket) => !listed.has(`${matter.matterCode}\n${bucket}`)).length;
  }
  const sum = (of: (d: BucketDifferences) => number) => day.differences.reduce((total, d) => total + of(d), 0);
  return {
    status: differingBuckets === 0 ? 'consistent' : 'differing',
    differingBuckets,
    bucketsToList,
    missing: sum((d) => d.counts.missing),
    extra: sum((d) => d.counts.extra),
    mismatched: sum((d) => d.counts.mismatched),
  };
}

/** The due instant of a working day's manifest. */
export function manifestDueAt(day: LocalDate, calendar: WorkingDayCalendar, settings: ReconciliationSettings): Date {
  return new Date(startOfShanghaiDay(addWorkingDays(calendar, day, 1)).getTime() + settings.manifestDueHour * 3_600_000);
}

function finding(rule: (typeof reconciliationRules)[keyof typeof reconciliationRules], message: KnownAlertMessage, deadline?: string): Finding {
  return { ...rule, summary: englishSummary(message), message, ...(deadline === undefined ? {} : { deadline }) };
}

const examplesOf = (days: readonly ReconciliationDay[]): string | undefined => {
  const refs = days.flatMap((day) =>
    day.differences.flatMap((d) => [...d.missing, ...d.mismatched, ...d.extra].map((r) => `${d.matterCode}/${r.caseId}#${r.sequence}`)),
  );
  return refs.length === 0 ? undefined : refs.slice(0, 3).join(', ');
};

/**
 * The reconciliation findings of a department at `at`, from its days of the look-back window
 * (oldest first) and the first day it submitted a manifest for (none: it does not reconcile, and no
 * manifest is late). Pure.
 */
export function reconciliationFindings(
  days: readonly ReconciliationDay[],
  since: LocalDate | undefined,
  at: Date,
  calendar: WorkingDayCalendar,
  settings: ReconciliationSettings,
): Finding[] {
  const findings: Finding[] = [];
  const differing = days.filter((day) => tallyOf(day).status === 'differing');
  if (differing.length > 0) {
    const tallies = differing.map(tallyOf);
    const examples = examplesOf(differing);
    const message: KnownAlertMessage = {
      key: 'reconciliation.difference',
      params: {
        days: differing.map((day) => day.day).join(', '),
        missing: tallies.reduce((n, t) => n + t.missing, 0),
        extra: tallies.reduce((n, t) => n + t.extra, 0),
        mismatched: tallies.reduce((n, t) => n + t.mismatched, 0),
        buckets: tallies.reduce((n, t) => n + t.differingBuckets, 0),
        ...(examples === undefined ? {} : { examples }),
      },
    };
    findings.push(finding(reconciliationRules.difference, message));
  }
  if (since !== undefined) {
    const submitted = new Set(days.map((day) => day.day));
    const today = shanghaiDate(at);
    const late: { day: LocalDate; due: Date }[] = [];
    const from = since > addDays(today, -reconciliationLookbackDays) ? since : addDays(today, -reconciliationLookbackDays);
    for (let day = from; day < today; day = addDays(day, 1)) {
      if (!calendar.isWorkingDay(day) || submitted.has(day)) continue;
      const due = manifestDueAt(day, calendar, settings);
      if (due.getTime() <= at.getTime()) late.push({ day, due });
    }
    const first = late[0];
    if (first !== undefined) {
      const message: KnownAlertMessage = {
        key: 'reconciliation.manifest-late',
        params: { days: late.map((l) => l.day).join(', '), limit: first.due.toISOString() },
      };
      findings.push(finding(reconciliationRules.manifestLate, message, first.due.toISOString()));
    }
  }
  return findings;
}
