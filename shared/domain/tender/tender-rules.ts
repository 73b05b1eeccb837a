/**
 * Supervision rules for tenders (公共资源交易): minimum bid and publicity periods, notice of
 * amendments, the contract time limit after the award, single bidders, contract amounts and the
 * order of the procedure. Pure: the same state, matter, instant and calendar always give the same
 * evaluation.
 *
 * Periods are in calendar days (Bidding Law); as for every period, the day the event happens is
 * not counted, and a period whose last day is a rest day or holiday ends on the next working day
 * (General Provisions of the Civil Law / Civil Code Art. 203). Minimum periods (bid, amendment,
 * publicity) are judged by date: the later step must fall on or after the period's last day.
 */
import type { Finding } from '../alerts/alert.ts';
import { epochMillisOf, localDateOfEpochDay, shanghaiEpochDayOfMillis as dayOf, type EpochMillis, type LocalDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { workingDayArithmetic as days } from '../calendar/working-days.ts';
import { startOfShanghaiDayIso } from '../records/change-days.ts';
import type { FamilyEvaluation } from '../records/record-family.ts';
import { provisionalParam, ruleFinding, sortByRule } from '../records/rule-finding.ts';
import type { TenderCaseState } from './tender-case.ts';
import type { TenderMatter } from './tender-matter.ts';
import { ruleArticles } from '../alerts/rule-articles.ts';

/** Identifiers of the per-tender rules; an alert is kept per (case, rule). */
export const tenderRuleIds = {
  bidPeriod: 'publicResourceTrading.bid-period',
  amendmentNotice: 'publicResourceTrading.amendment-notice',
  publicityPeriod: 'publicResourceTrading.publicity-period',
  contractTimeLimit: 'publicResourceTrading.contract-time-limit',
  singleBidder: 'publicResourceTrading.single-bidder',
  contractAmount: 'publicResourceTrading.contract-amount',
  procedureOrder: 'publicResourceTrading.procedure-order',
} as const;

/** Version of the tender rules' logic, cited by every finding. */
export const tenderRuleVersion = 1;

const finding = ruleFinding(tenderRuleVersion);

const legalBasis = {
  bidPeriod: '《中华人民共和国招标投标法》第二十四条',
  amendmentNotice: '《中华人民共和国招标投标法》第二十三条',
  publicityPeriod: '《中华人民共和国招标投标法实施条例》第五十四条',
  contractTimeLimit: '《中华人民共和国招标投标法》第四十六条',
  singleBidder: '《中华人民共和国招标投标法》第二十八条',
  contractAmount: '《中华人民共和国招标投标法》第四十六条、《中华人民共和国招标投标法实施条例》第五十七条',
  procedureOrder: '《中华人民共和国招标投标法》第二十三条、第三十四条、第四十五条、第四十六条',
} as const;

/** Fewer bidders than this and the tender must be repeated (Bidding Law Art. 28). */
const minimumBidders = 3;

/** The end of a period in calendar days. */
export interface CalendarPeriodEnd {
  /** The period's last day (Asia/Shanghai). */
  readonly date: LocalDate;
  /** ISO instant (UTC) of the first millisecond of `date`, Shanghai time. */
  readonly startsAt: string;
  /** ISO instant (UTC) of the last millisecond of `date`, Shanghai time. */
  readonly endsAt: string;
  /** True when moving it past holidays relied on a year with no published holiday arrangement. */
  readonly provisional: boolean;
}

/** The limits that apply to a tender, as known at evaluation (JSON-serialisable). */
export type TenderDeadlines = {
  /** Earliest lawful bid deadline date, counted from the notice (Art. 24). */
  readonly earliestBidDeadline: CalendarPeriodEnd | null;
  /** Earliest lawful bid deadline date, counted from the latest amendment (Art. 23). */
  readonly earliestBidDeadlineAfterAmendment: CalendarPeriodEnd | null;
  /** Earliest lawful end of the candidate publicity (Implementing Regulations Art. 54). */
  readonly earliestPublicityEnd: CalendarPeriodEnd | null;
  /** Last day to sign the contract, counted from the award notice (Art. 46). */
  readonly contractSigning: CalendarPeriodEnd | null;
};

/** The outcome of evaluating one tender. */
export interface TenderEvaluation extends FamilyEvaluation {
  /** Conditions that hold, at most one per rule, ordered by rule id. */
  readonly findings: Finding[];
  readonly deadlines: TenderDeadlines;
}

/** Whole days from configuration, at least `min` (guards against a matter that skipped its schema). */
function wholeDays(value: number, min: number): number {
  return Number.isFinite(value) ? Math.max(min, Math.floor(value)) : min;
}

/**
 * The last day of a period of `n` calendar days after `from` (not counted), moved to the next
 * working day when it falls on a rest day or holiday.
 */
function calendarPeriodEnd(cal: WorkingDayCalendar, from: number, n: number): number {
  // The first working day on or after `from + n`.
  return days.add(cal, from + n - 1, 1);
}

function periodEnd(cal: WorkingDayCalendar, from: number, day: number): CalendarPeriodEnd {
  const date = localDateOfEpochDay(day);
  return {
    date,
    startsAt: startOfShanghaiDayIso(day),
    // 23:59:59.999 in Shanghai is 15:59:59.999 UTC on the same calendar date.
    endsAt: `${date}T15:59:59.999Z`,
    provisional: days.isProvisional(cal, from, day),
  };
}

/** Bid deadline at least `minBidDays` after the notice (Art. 24), after any amendment. */
function bidPeriodFinding(
  state: TenderCaseState,
  noticeDay: number,
  deadlineDay: number,
  earliestDay: number,
  earliest: CalendarPeriodEnd,
  minDays: number,
): Finding | null {
  if (deadlineDay >= earliestDay) return null;
  const deadline = localDateOfEpochDay(deadlineDay);
  const notice = localDateOfEpochDay(noticeDay);
  return finding(
    tenderRuleIds.bidPeriod,
    'correction',
    legalBasis.bidPeriod,
    {
      key: 'publicResourceTrading.bid-period',
      params: { deadline, notice, minDays, earliest: earliest.date, ...(state.amendments.length > 0 ? { amended: 1 } : {}), ...provisionalParam(earliest) },
    },
    earliest.startsAt,
  );
}

/** Clarifications and amendments at least `minAmendmentNoticeDays` before the bid deadline (Art. 23). */
function amendmentNoticeFinding(amendmentDay: number, deadlineDay: number, earliestDay: number, earliest: CalendarPeriodEnd, minDays: number): Finding | null {
  if (deadlineDay >= earliestDay) return null;
  return finding(
    tenderRuleIds.amendmentNotice,
    'warning',
    legalBasis.amendmentNotice,
    {
      key: 'publicResourceTrading.amendment-notice',
      params: {
        amended: localDateOfEpochDay(amendmentDay),
        minDays,
        deadline: localDateOfEpochDay(deadlineDay),
        earliest: earliest.date,
        ...provisionalParam(earliest),
      },
    },
    earliest.startsAt,
  );
}

/**
 * Candidates publicized for at least `minPublicityDays`, and no award before the publicity ends
 * (Art. 54). `earliestDay` is the epoch day of `earliest`.
 */
function publicityFinding(state: TenderCaseState, earliest: CalendarPeriodEnd | null, earliestDay: number | null, minDays: number): Finding | null {
  if (state.awardedAt === null && (state.publicityEndsAt === null || earliest === null)) return null;
  const problems: string[] = [];
  let short: Record<string, string | number> = {};
  if (state.candidatesPublicizedAt === null || state.publicityEndsAt === null || earliest === null || earliestDay === null) {
    problems.push('notPublicized');
  } else {
    const endDay = dayOf(state.publicityEndsAt);
    if (endDay < earliestDay) {
      problems.push('short');
      short = { publicityEnd: localDateOfEpochDay(endDay), minDays, earliest: earliest.date, ...provisionalParam(earliest) };
    }
    if (state.awardedAt !== null && state.awardedAt < state.publicityEndsAt) problems.push('awardedEarly');
  }
  if (problems.length === 0) return null;
  return finding(
    tenderRuleIds.publicityPeriod,
    'correction',
    legalBasis.publicityPeriod,
    { key: 'publicResourceTrading.publicity-period', params: { problems: problems.join(','), ...short } },
    earliest === null ? undefined : earliest.startsAt,
  );
}

/** Bids opened with fewer than three bidders and still awarded (Art. 28: tender again). */
function singleBidderFinding(state: TenderCaseState, level: Finding['level']): Finding | null {
  if (state.awardedAt === null || state.bidderCount === null || state.bidderCount >= minimumBidders) return null;
  return finding(tenderRuleIds.singleBidder, level, legalBasis.singleBidder, {
    key: 'publicResourceTrading.single-bidder',
    params: { bidders: state.bidderCount },
  });
}

/** Contract amount within `contractDeviationPercent` of the awarded amount (Art. 46, Regulations Art. 57). */
function contractAmountFinding(state: TenderCaseState, percent: number): Finding | null {
  const awarded = state.awardedAmountYuan;
  const contract = state.contractAmountYuan;
  if (awarded === null || contract === null) return null;
  const difference = Math.abs(contract - awarded);
  // Compared as products, so that a difference of exactly the allowed percentage is allowed.
  if (difference * 100 <= percent * awarded) return null;
  // A percentage of nothing has no figure; one decimal, as written.
  const deviation: Record<string, string> = awarded === 0 ? {} : { deviation: ((difference * 100) / awarded).toFixed(1) };
  return finding(tenderRuleIds.contractAmount, 'warning', legalBasis.contractAmount, {
    key: 'publicResourceTrading.contract-amount',
    params: { contract, awarded, percent, ...deviation },
  });
}

/** Amendments before opening, opening at the deadline, award after opening, contract after award. */
function procedureOrderFinding(state: TenderCaseState): Finding | null {
  const found = new Set(state.anomalies.map((anomaly) => anomaly.kind));
  // In the order of the procedure's steps.
  const problems = (['amendedAfterBidsOpened', 'bidsOpenedBeforeDeadline', 'awardedWithoutBidsOpened', 'contractSignedWithoutAward'] as const).filter((kind) =>
    found.has(kind),
  );
  if (problems.length === 0) return null;
  return finding(tenderRuleIds.procedureOrder, 'correction', legalBasis.procedureOrder, {
    key: 'publicResourceTrading.procedure-order',
    params: { problems: problems.join(',') },
  });
}

/** The latest amendment's instant; the tender has at least one amendment. */
function latestAmendment(state: TenderCaseState): EpochMillis {
  let latest = Number.NEGATIVE_INFINITY;
  for (const amendment of state.amendments) if (amendment.at > latest) latest = amendment.at;
  return latest;
}

/** The first of contract, closure and cancellation, which stops the contract clock; null while none happened. */
function contractClockStop(state: TenderCaseState): EpochMillis | null {
  let stop: EpochMillis | null = null;
  if (state.contractSignedAt !== null) stop = state.contractSignedAt;
  if (state.closedAt !== null && (stop === null || state.closedAt < stop)) stop = state.closedAt;
  if (state.cancelledAt !== null && (stop === null || state.cancelledAt < stop)) stop = state.cancelledAt;
  return stop;
}

/** Keeps a finding that holds (a module function, not a closure: evaluation runs for every record). */
function addFinding(findings: Finding[], result: Finding | null): void {
  if (result !== null) findings.push(result);
}

/**
 * Evaluates a tender against its catalogue matter as of `asOf`. Steps already taken are judged as
 * of when they happened; only the contract time limit runs with time, and it stops when the
 * contract is signed or the tender is closed or cancelled.
 */
export function evaluateTenderCase(state: TenderCaseState, matter: TenderMatter, asOf: Date, cal: WorkingDayCalendar): TenderEvaluation {
  const asOfMillis = epochMillisOf(asOf);
  const findings: Finding[] = [];

  // Bid period (Art. 24) and amendments (Art. 23).
  const minBidDays = wholeDays(matter.minBidDays, 1);
  const minAmendmentDays = wholeDays(matter.minAmendmentNoticeDays, 1);
  let earliestBidDeadline: CalendarPeriodEnd | null = null;
  let earliestBidDeadlineAfterAmendment: CalendarPeriodEnd | null = null;
  const deadlineDay = state.bidDeadline === null ? null : dayOf(state.bidDeadline);
  if (state.noticePublishedAt !== null && deadlineDay !== null) {
    const noticeDay = dayOf(state.noticePublishedAt);
    const earliestDay = calendarPeriodEnd(cal, noticeDay, minBidDays);
    earliestBidDeadline = periodEnd(cal, noticeDay, earliestDay);
    addFinding(findings, bidPeriodFinding(state, noticeDay, deadlineDay, earliestDay, earliestBidDeadline, minBidDays));
  }
  if (state.amendments.length > 0 && deadlineDay !== null) {
    // The latest amendment needs the longest notice; all earlier ones then have enough.
    const amendmentDay = dayOf(latestAmendment(state));
    const earliestDay = calendarPeriodEnd(cal, amendmentDay, minAmendmentDays);
    earliestBidDeadlineAfterAmendment = periodEnd(cal, amendmentDay, earliestDay);
    addFinding(findings, amendmentNoticeFinding(amendmentDay, deadlineDay, earliestDay, earliestBidDeadlineAfterAmendment, minAmendmentDays));
  }

  // Candidate publicity (Regulations Art. 54).
  const minPublicityDays = wholeDays(matter.minPublicityDays, 1);
  let earliestPublicityEnd: CalendarPeriodEnd | null = null;
  let earliestPublicityEndDay: number | null = null;
  if (state.candidatesPublicizedAt !== null) {
    const publicizedDay = dayOf(state.candidatesPublicizedAt);
    earliestPublicityEndDay = calendarPeriodEnd(cal, publicizedDay, minPublicityDays);
    earliestPublicityEnd = periodEnd(cal, publicizedDay, earliestPublicityEndDay);
  }
  addFinding(findings, publicityFinding(state, earliestPublicityEnd, earliestPublicityEndDay, minPublicityDays));

  addFinding(findings, singleBidderFinding(state, matter.singleBidderLevel));
  addFinding(findings, contractAmountFinding(state, Number.isFinite(matter.contractDeviationPercent) ? Math.max(0, matter.contractDeviationPercent) : 0));
  addFinding(findings, procedureOrderFinding(state));

  // Contract time limit (Art. 46): the only rule that changes with the passing of time.
  let contractSigning: CalendarPeriodEnd | null = null;
  let nextCheckAt: string | null = null;
  if (state.awardedAt !== null) {
    const awardDay = dayOf(state.awardedAt);
    const limitDay = calendarPeriodEnd(cal, awardDay, wholeDays(matter.contractCalendarDays, 1));
    contractSigning = periodEnd(cal, awardDay, limitDay);
    const promptDays = Number.isFinite(matter.promptCalendarDaysBefore) ? Math.floor(matter.promptCalendarDaysBefore) : -1;
    const frozenMillis = contractClockStop(state);
    addFinding(findings, contractTimeLimitFinding(state, contractSigning, limitDay, dayOf(frozenMillis ?? asOfMillis), frozenMillis !== null, promptDays));
    if (frozenMillis === null) nextCheckAt = nextChange(dayOf(asOfMillis), limitDay, promptDays);
  }

  const deadlines: TenderDeadlines = { earliestBidDeadline, earliestBidDeadlineAfterAmendment, earliestPublicityEnd, contractSigning };
  return { findings: sortByRule(findings), nextCheckAt, deadlines };
}

/** Contract within the limit: prompt as it nears, warning once passed (and it stays when signed late). */
function contractTimeLimitFinding(
  state: TenderCaseState,
  limit: CalendarPeriodEnd,
  limitDay: number,
  evaluatedOn: number,
  stopped: boolean,
  promptDays: number,
): Finding | null {
  if (evaluatedOn > limitDay) {
    return finding(
      tenderRuleIds.contractTimeLimit,
      'warning',
      legalBasis.contractTimeLimit,
      {
        key: state.contractSignedAt !== null ? 'publicResourceTrading.contract-time-limit.late' : 'publicResourceTrading.contract-time-limit.overdue',
        params: { limit: limit.date, ...provisionalParam(limit) },
      },
      limit.endsAt,
    );
  }
  if (!stopped && promptDays >= 0 && limitDay - evaluatedOn <= promptDays) {
    return finding(
      tenderRuleIds.contractTimeLimit,
      'prompt',
      legalBasis.contractTimeLimit,
      { key: 'publicResourceTrading.contract-time-limit.approaching', params: { limit: limit.date, ...provisionalParam(limit) } },
      limit.endsAt,
    );
  }
  return null;
}

/** The first start of a day after `asOfDay` on which the contract finding changes. */
function nextChange(asOfDay: number, limitDay: number, promptDays: number): string | null {
  const candidates = [promptDays >= 0 ? limitDay - promptDays : Number.POSITIVE_INFINITY, limitDay + 1].filter((day) => day > asOfDay);
  if (candidates.length === 0) return null;
  return startOfShanghaiDayIso(Math.min(...candidates));
}

/** The article each of these rules cites by default (special reports name it). */
export const tenderRuleArticles = ruleArticles(tenderRuleIds, legalBasis);
