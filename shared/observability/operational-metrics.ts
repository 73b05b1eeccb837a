/**
 * The metrics a city's operators read, in one namespace: what each one counts or measures, its
 * unit and dimensions, and the pure functions that turn use-case outcomes into measurements.
 * Handlers hand measurements to a {@link MetricsSink} (CloudWatch embedded metric format in AWS,
 * the debug log elsewhere); the CDK alarms and dashboard read the names from here, so a metric
 * and the alarm on it cannot drift apart.
 *
 * Dimensions are bounded and never personal: `service` (the function's name, added by Powertools
 * to every metric), department ids (hundreds at most), signal levels (three) and refusal reasons
 * (six). Never a case id, a receipt number, a name or a token.
 */
import type { AlertEvent } from '../domain/alerts/alert-events.ts';
import type { SecurityEventKind } from '../application/security-events.ts';
import { alertLevels, type AlertLevel } from '../domain/alerts/alert.ts';
import type { IngestCounts, RefusalReason } from '../application/ingest-records.ts';
import type { SignalEvent } from '../application/ports.ts';

/** The CloudWatch namespace of every metric of the system (CDK sets it as `POWERTOOLS_METRICS_NAMESPACE`). */
export const metricsNamespace = 'ESupervision';

/** Dimension names. Every metric also has `service`, the name of the function that emitted it. */
export const metricDimensions = {
  service: 'service',
  department: 'department',
  level: 'level',
  reason: 'reason',
} as const;

/** Metric names, by what they mean. */
export const metricNames = {
  /** Records accepted at ingest (new ones, on the queue). Count; `service`, and `service`+`department`. */
  recordsAccepted: 'RecordsAccepted',
  /** Records sent again with the same content (harmless). Count; `service`, and `service`+`department`. */
  recordsDuplicate: 'RecordsDuplicate',
  /** Records refused at ingest. Count; `service`, `service`+`department`, `service`+`reason`. */
  recordsRefused: 'RecordsRefused',
  /** Signals that became active at a level: raised, released after a hold, re-opened. Count; `service`+`level`. */
  signalsRaised: 'SignalsRaised',
  /** Signals escalated to a level (alerts by time, complaint and supervision signals to the superior level). Count; `service`+`level`. */
  signalsEscalated: 'SignalsEscalated',
  /** Seconds from the earliest due time a sweep run took up to the end of that run; 0 when nothing was due. `service`. */
  sweepLag: 'SweepLag',
  /** Age in seconds of the oldest signal event the relay found still unpublished; 0 when none was left. `service`. */
  outboxAge: 'OutboxAge',
  /** Departments whose feed a sweep run found stale (their time-driven signals are held). Count; `service`. */
  staleFeeds: 'StaleFeeds',
  /** Staff requests refused as unauthenticated (missing, expired or forged token: 401). Count; `service`. */
  staffUnauthenticated: 'StaffUnauthenticated',
  /** Source addresses locked out after repeated failed authentication (one per address and window). Count; `service`. */
  staffLockouts: 'StaffLockouts',
  /** Staff requests refused because their source address is locked out (403). Count; `service`. */
  staffLockedOutRequests: 'StaffLockedOutRequests',
  /**
   * Classified content refused (Art. 14): records at ingest, bodies on every other route. Count,
   * no dimension. Not written by the functions: metric filters on every function's log group
   * count the `classifiedRefused` security events.
   */
  classifiedContentRefused: 'ClassifiedContentRefused',
  /**
   * Stored act records found changed outside the application (their keyed digest no longer
   * matches). Count, no dimension; metric filters count the `integrityBreak` security events.
   */
  recordIntegrityBreaks: 'RecordIntegrityBreaks',
  /** Stored act records whose keyed digest a verification run checked. Count; `service`. */
  recordsVerified: 'RecordsVerified',
  /** Entries the audit sealer chained into signed digests in a run. Count; `service`. */
  auditEntriesSealed: 'AuditEntriesSealed',
  /** What the audit sealer's re-check found wrong (entries missing, altered, inserted; digests missing or broken). Count; `service`. */
  auditIntegrityBreaks: 'AuditIntegrityBreaks',
} as const;

/**
 * The fields of a security event's log line (`LoggedSecurityEvents`): a metric filter matches
 * `field` equal to the event's kind and takes the metric's value from `countField`. The content
 * that caused the event is never logged.
 */
export const securityEventLogFields = { field: 'securityEvent', countField: 'count' } as const;

/**
 * The security events counted as metrics (and alarmed on), each by a metric filter on every
 * function's log group: whichever function raises one, it is counted.
 */
export const securityEventMetrics = {
  classifiedRefused: metricNames.classifiedContentRefused,
  integrityBreak: metricNames.recordIntegrityBreaks,
} as const satisfies Partial<Record<SecurityEventKind, MetricName>>;

/** A metric name of the namespace. */
export type MetricName = (typeof metricNames)[keyof typeof metricNames];

/** The units the system's metrics use. */
export type MetricUnit = 'Count' | 'Seconds';

/** One value of one metric. */
export interface Measurement {
  readonly name: MetricName;
  readonly unit: MetricUnit;
  readonly value: number;
  /** Dimensions besides `service`; absent for the function-wide series. */
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** Where a handler puts its measurements; written out once the invocation ends. */
export interface MetricsSink {
  record(measurements: readonly Measurement[]): void;
}

const count = (name: MetricName, value: number, dimensions?: Readonly<Record<string, string>>): Measurement => ({
  name,
  unit: 'Count',
  value,
  ...(dimensions ? { dimensions } : {}),
});

const secondsBetween = (earlier: string, now: Date): number => Math.max(0, Math.round((now.getTime() - Date.parse(earlier)) / 1000));

/** Refused records of a batch, whatever the reason. */
export const refusedTotal = (counts: IngestCounts): number => Object.values(counts.refused).reduce((sum, n) => sum + (n ?? 0), 0);

/**
 * What became of a department's batch: accepted, duplicate and refused records, each for the
 * whole function and for the department; refused ones also per reason (only reasons that occurred).
 */
export function ingestMeasurements(counts: IngestCounts): Measurement[] {
  const refusals = Object.entries(counts.refused) as [RefusalReason, number][];
  const refused = refusedTotal(counts);
  const department = { [metricDimensions.department]: counts.department };
  return [
    count(metricNames.recordsAccepted, counts.accepted),
    count(metricNames.recordsDuplicate, counts.duplicates),
    count(metricNames.recordsRefused, refused),
    count(metricNames.recordsAccepted, counts.accepted, department),
    count(metricNames.recordsDuplicate, counts.duplicates, department),
    count(metricNames.recordsRefused, refused, department),
    ...refusals.filter(([, n]) => n > 0).map(([reason, n]) => count(metricNames.recordsRefused, n, { [metricDimensions.reason]: reason })),
  ];
}

/** How a signal event counts: a signal that became active, or one escalated, at a level; or neither. */
export function signalChangeOf(event: SignalEvent): { readonly change: 'raised' | 'escalated'; readonly level: AlertLevel } | undefined {
  if ('change' in event.detail) {
    const { change, alert } = (event as AlertEvent).detail;
    if (change === 'escalated') return { change: 'escalated', level: alert.level };
    // A held signal released, or a closed one re-opened, is as new to whoever must act on it.
    if (change === 'raised' || change === 'released' || change === 'reopened') return { change: 'raised', level: alert.level };
    return undefined;
  }
  const { signal } = event.detail;
  // Complaint and supervision signals to the superior level are the escalations of their clocks.
  return { change: signal.addressee === 'superior' ? 'escalated' : 'raised', level: signal.level };
}

/** Signals raised and escalated, per level, by the events a function committed (levels with none are left out). */
export function signalMeasurements(events: readonly SignalEvent[]): Measurement[] {
  const tally = new Map<string, number>();
  for (const event of events) {
    const counted = signalChangeOf(event);
    if (counted) tally.set(`${counted.change}#${counted.level}`, (tally.get(`${counted.change}#${counted.level}`) ?? 0) + 1);
  }
  return (['raised', 'escalated'] as const).flatMap((change) =>
    alertLevels
      .filter((level) => tally.has(`${change}#${level}`))
      .map((level) =>
        count(change === 'raised' ? metricNames.signalsRaised : metricNames.signalsEscalated, tally.get(`${change}#${level}`) ?? 0, {
          [metricDimensions.level]: level,
        }),
      ),
  );
}

/** What a sweep run reports: its lag, the age of its outbox, and how many departments' feeds it found stale. */
export interface SweepReport {
  /** When the run ended. */
  readonly now: Date;
  /** When the earliest due check or timer the run took up fell due; null when none was due. */
  readonly earliestDueAt: string | null;
  /** When the oldest leftover event in the outbox occurred; null when none was left. */
  readonly oldestPendingAt: string | null;
  /** Departments whose feed the run found stale; absent for a sweep that does not read feeds. */
  readonly staleDepartments?: readonly string[];
}

/**
 * A sweep run's lag (0 when nothing was due), its outbox's age (0 when empty) and, for the sweep
 * that reads feeds, the number of departments with a stale feed: emitted every run, so a missing
 * value means no run finished.
 */
export function sweepMeasurements(report: SweepReport): Measurement[] {
  return [
    { name: metricNames.sweepLag, unit: 'Seconds', value: report.earliestDueAt === null ? 0 : secondsBetween(report.earliestDueAt, report.now) },
    { name: metricNames.outboxAge, unit: 'Seconds', value: report.oldestPendingAt === null ? 0 : secondsBetween(report.oldestPendingAt, report.now) },
    ...(report.staleDepartments ? [count(metricNames.staleFeeds, report.staleDepartments.length)] : []),
  ];
}

/** One staff request refused as unauthenticated (401). */
export const staffUnauthenticatedMeasurement = (): Measurement => count(metricNames.staffUnauthenticated, 1);

/** A source address locked out after repeated failed authentication. */
export const staffLockoutMeasurement = (): Measurement => count(metricNames.staffLockouts, 1);

/** A request refused because its source address is locked out. */
export const staffLockedOutRequestMeasurement = (): Measurement => count(metricNames.staffLockedOutRequests, 1);

/** What an audit sealer run reports: its lag (as a sweep's), the entries it sealed and the breaks its re-check found; every run, 0 when none. */
export function auditSealMeasurements(report: {
  readonly now: Date;
  readonly earliestDueAt: string | null;
  readonly entriesSealed: number;
  readonly integrityBreaks: number;
}): Measurement[] {
  return [
    { name: metricNames.sweepLag, unit: 'Seconds', value: report.earliestDueAt === null ? 0 : secondsBetween(report.earliestDueAt, report.now) },
    count(metricNames.auditEntriesSealed, report.entriesSealed),
    count(metricNames.auditIntegrityBreaks, report.integrityBreaks),
  ];
}
