/**
 * A department's connection (Art. 7(1), 10, 24(3)): what the rules find about its feed and its
 * connected record kinds at an instant, from its profile and the feed's status alone (no record is
 * read). Each finding is about a pseudo-case of kind `connection`: `feed` for the department's
 * pushes, and one per connected record kind for its connection, so that the signals live as
 * alerts with the lifecycle every signal has.
 *
 * - `connection.feed-silent` (警戒): a connected department pushed no accepted record for
 *   `silentAfterWorkingHours` working hours (`working-hours.ts`), counted from its last push, or
 *   from its connection date when it never pushed. Pushing again clears it.
 * - `connection.delayed-connection` (警戒): a connected kind produced no accepted record within
 *   `graceWorkingDays` working days after the connection date (the date itself not counted, as
 *   periods are). Its first record clears it.
 *
 * - `connection.data-standard` (警戒): of the records the department pushed over the last
 *   `refusedWindowDays` Shanghai days (today included), at least `refusedMinimumRecords`, a share of
 *   `refusedPercentLimit` percent or more was refused at ingest for departing from the data
 *   standard (schema, unknown matter, reused sequence; Art. 24(2)). Raised on the feed's
 *   pseudo-case; resolved once the share over the window falls below the limit.
 *
 * Before the connection date nothing is found. A department connected for no kind is not watched.
 */
import { endOfShanghaiDay, epochDayOf, localDateOfEpochDay, shanghaiDate, type LocalDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { addWorkingDays } from '../calendar/working-days.ts';
import { englishSummary, type KnownAlertMessage } from '../alerts/alert-messages.ts';
import type { Finding } from '../alerts/alert.ts';
import type { AlertSubject } from '../alerts/reconcile-alerts.ts';
import { instantAfterWorkingHours, startOfDateMs } from './working-hours.ts';

/** The record family of the pseudo-cases connection signals are raised on. */
export const connectionKind = 'connection';
/** The pseudo-case of a department's pushes. */
export const feedCaseId = 'feed';

/** The regulation every connection rule cites. */
const measures = '《宁波市行政电子监察管理办法》';

export const connectionRules = {
  feedSilent: { ruleId: 'connection.feed-silent', ruleVersion: 1, level: 'warning', legalBasis: `${measures}第七条第（一）项、第十条第二款` },
  delayedConnection: { ruleId: 'connection.delayed-connection', ruleVersion: 1, level: 'warning', legalBasis: `${measures}第二十四条第一款第（三）项` },
  dataStandard: { ruleId: 'connection.data-standard', ruleVersion: 1, level: 'warning', legalBasis: `${measures}第二十四条第一款第（二）项` },
} as const;

/** When a department's refused records depart from the data standard. */
export interface DataStandardSettings {
  /** Percent of the records pushed in the window refused, at or above which the department departs from the standard. */
  readonly refusedPercentLimit: number;
  /** Shanghai days of the window, today included. */
  readonly refusedWindowDays: number;
  /** Records pushed in the window below which the share is not judged. */
  readonly refusedMinimumRecords: number;
}

/** What the department pushed over the window, counted at ingest. */
export interface PushedRecords {
  /** The window's first and last Shanghai days. */
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** Records that arrived: accepted, duplicate and refused. */
  readonly arrived: number;
  readonly refused: number;
}

export interface ConnectionSettings {
  /** Working hours without an accepted record after which a connected department is silent. */
  readonly silentAfterWorkingHours: number;
  /** Working days after the connection date within which each connected kind must produce a record. */
  readonly graceWorkingDays: number;
  /** The refused share of the data standard; absent: the share is not judged. */
  readonly dataStandard?: DataStandardSettings;
}

/** A department as the check reads it from the city's structure. */
export interface ConnectedDepartment {
  readonly department: string;
  readonly jurisdiction: string;
  readonly connectedKinds: readonly string[];
  /** The date its business system was connected (Shanghai); absent on profiles that never stated one. */
  readonly connectedOn?: LocalDate;
}

/** What the feed's status says: the last accepted push and the kinds that ever produced a record. */
export interface FeedFacts {
  readonly lastReceivedAt?: string;
  readonly kindsReceived: readonly string[];
  /**
   * When the check first watched the department (ISO): the connection date of a profile without
   * one, so a department stored before connection dates existed is given the whole grace from then.
   */
  readonly watchedSince?: string;
  /** What it pushed over the data standard's window, when the check counted it. */
  readonly pushed?: PushedRecords;
}

/** One pseudo-case and what its rules find now (none: its signals, if any, are resolved). */
export interface ConnectionCaseFindings {
  readonly subject: AlertSubject;
  readonly findings: readonly Finding[];
}

const subjectOf = (department: ConnectedDepartment, caseId: string): AlertSubject => ({
  department: department.department,
  jurisdiction: department.jurisdiction,
  kind: connectionKind,
  caseId,
  matterCode: caseId,
});

function finding(rule: (typeof connectionRules)[keyof typeof connectionRules], message: KnownAlertMessage, deadline: string): Finding {
  return { ...rule, summary: englishSummary(message), message, deadline };
}

/** The connection date in force: the profile's, else the day the check first watched the department. */
export function connectionDateOf(department: ConnectedDepartment, feed: FeedFacts): LocalDate | undefined {
  return department.connectedOn ?? (feed.watchedSince === undefined ? undefined : shanghaiDate(feed.watchedSince));
}

function feedFindings(feed: FeedFacts, connectedOn: LocalDate, at: number, calendar: WorkingDayCalendar, settings: ConnectionSettings): Finding[] {
  const connectedFrom = startOfDateMs(connectedOn);
  const lastPush = feed.lastReceivedAt === undefined ? undefined : Date.parse(feed.lastReceivedAt);
  // A push before the connection date (a trial run) does not start the silence before it.
  const since = lastPush === undefined ? connectedFrom : Math.max(lastPush, connectedFrom);
  const limit = instantAfterWorkingHours(calendar, since, settings.silentAfterWorkingHours);
  if (limit > at) return [];
  const limitText = new Date(limit).toISOString();
  const message: KnownAlertMessage =
    lastPush === undefined
      ? { key: 'connection.feed-silent.never', params: { connectedOn, workingHours: settings.silentAfterWorkingHours, limit: limitText } }
      : {
          key: 'connection.feed-silent.since',
          params: { since: new Date(since).toISOString(), workingHours: settings.silentAfterWorkingHours, limit: limitText },
        };
  return [finding(connectionRules.feedSilent, message, limitText)];
}

/** The first day of the window of `days` Shanghai days ending on `to`. */
export const windowStart = (to: LocalDate, days: number): LocalDate => localDateOfEpochDay(epochDayOf(to) - (days - 1));

function dataStandardFindings(feed: FeedFacts, settings: ConnectionSettings): Finding[] {
  const limit = settings.dataStandard;
  const pushed = feed.pushed;
  if (limit === undefined || pushed === undefined || pushed.arrived < limit.refusedMinimumRecords) return [];
  // Compared in whole numbers: refused / arrived ≥ limit / 100.
  if (pushed.refused * 100 < limit.refusedPercentLimit * pushed.arrived) return [];
  const message: KnownAlertMessage = {
    key: 'connection.data-standard',
    params: {
      from: pushed.from,
      to: pushed.to,
      arrived: pushed.arrived,
      refused: pushed.refused,
      percent: Math.round((pushed.refused * 1000) / pushed.arrived) / 10,
      threshold: limit.refusedPercentLimit,
    },
  };
  const { ruleId, ruleVersion, level, legalBasis } = connectionRules.dataStandard;
  return [{ ruleId, ruleVersion, level, legalBasis, summary: englishSummary(message), message }];
}

function kindFindings(
  kind: string,
  feed: FeedFacts,
  connectedOn: LocalDate,
  at: number,
  calendar: WorkingDayCalendar,
  settings: ConnectionSettings,
): Finding[] {
  if (feed.kindsReceived.includes(kind)) return [];
  const lastDay = addWorkingDays(calendar, connectedOn, settings.graceWorkingDays);
  const limit = endOfShanghaiDay(lastDay);
  if (limit.getTime() >= at) return [];
  const message: KnownAlertMessage = {
    key: 'connection.delayed-connection',
    params: { kind, connectedOn, graceWorkingDays: settings.graceWorkingDays, limit: lastDay },
  };
  return [finding(connectionRules.delayedConnection, message, limit.toISOString())];
}

/**
 * The department's pseudo-cases with what the rules find at `at`: its feed, and each connected
 * kind. Pure; reconciling these with the stored alerts raises, keeps or resolves the signals.
 */
export function connectionFindings(
  department: ConnectedDepartment,
  feed: FeedFacts,
  at: Date,
  calendar: WorkingDayCalendar,
  settings: ConnectionSettings,
): ConnectionCaseFindings[] {
  const connectedOn = connectionDateOf(department, feed);
  const now = at.getTime();
  const watched = department.connectedKinds.length > 0 && connectedOn !== undefined && startOfDateMs(connectedOn) <= now;
  return [
    {
      subject: subjectOf(department, feedCaseId),
      findings: watched ? [...feedFindings(feed, connectedOn, now, calendar, settings), ...dataStandardFindings(feed, settings)] : [],
    },
    ...department.connectedKinds.map((kind) => ({
      subject: subjectOf(department, kind),
      findings: watched ? kindFindings(kind, feed, connectedOn, now, calendar, settings) : [],
    })),
  ];
}
