/**
 * Supervision rules for government investment projects (政府投资项目, 《政府投资条例》 2019): the
 * order of the approvals, a design estimate more than 10 % above the feasibility estimate, construction started without an approved preliminary design and
 * estimate, investment beyond the approved estimate, major changes without approval, tendering
 * missing where the law requires it (construction) or traced to no trading case (construction,
 * goods, services), and the completion acceptance and final accounts after
 * construction is completed. Periods in days (日) and months (月) are counted by the Civil Code's
 * rules (start day not counted; a month period ends on the corresponding day; a last day that is
 * a day off moves to the next working day). Pure: the same state, matter, instant and calendar
 * always give the same evaluation.
 */
import type { AlertLevel, Finding } from '../alerts/alert.ts';
import { ruleArticles } from '../alerts/rule-articles.ts';
import { calendarDayArithmetic as days, type DayPeriodDeadline } from '../calendar/calendar-days.ts';
import { epochDayOf, epochMillisOf, localDateOfEpochDay, shanghaiEpochDayOfMillis as dayOf, type EpochMillis } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { ChangeDays } from '../records/change-days.ts';
import type { FamilyEvaluation } from '../records/record-family.ts';
import { provisionalParam, ruleFinding, sortByRule } from '../records/rule-finding.ts';
import type { DatedAmount, InvestmentProjectState } from './investment-project-case.ts';
import { investmentProjectLaw as law, investmentRegulation } from './investment-project-law.ts';
import type { InvestmentProjectMatter } from './investment-project-matter.ts';

/** Identifiers of the investment project rules; an alert is kept per (case, rule). */
export const investmentProjectRuleIds = {
  acceptanceTimeLimit: 'investmentProject.acceptance-time-limit',
  budgetEstimate: 'investmentProject.budget-estimate',
  changeApproval: 'investmentProject.change-approval',
  constructionStart: 'investmentProject.construction-start',
  designOverFeasibility: 'investmentProject.design-over-feasibility',
  finalAccountsTimeLimit: 'investmentProject.final-accounts-time-limit',
  stageOrder: 'investmentProject.stage-order',
  tendering: 'investmentProject.tendering',
} as const;

/** Version of the investment project rules' logic, cited by every finding. */
export const investmentProjectRuleVersion = 1;

const finding = ruleFinding(investmentProjectRuleVersion);

const legalBasis = {
  acceptanceTimeLimit: `${law.completion}（验收期限由事项目录设定，无法定天数）`,
  budgetEstimate: law.estimate,
  changeApproval: law.change,
  constructionStart: `${law.constructionStart}、${law.approvals}`,
  designOverFeasibility: law.designOverFeasibility.article,
  finalAccountsTimeLimit: `${law.completion}、${law.finalAccounts.article}`,
  stageOrder: `${law.approvals}、${investmentRegulation}第二十五条`,
  tendering: law.tendering.article,
} as const;

/** The limits and figures that apply to a project, as known at evaluation. */
export type InvestmentProjectDeadlines = {
  readonly unit: 'days';
  /** The estimate in force now (the approved one, or its latest approved adjustment), in fen; null before design approval. */
  readonly estimateFen: number | null;
  /** The latest investment to date reported, in fen. */
  readonly investmentToDateFen: number | null;
  /** Completion acceptance, from construction completion, when the catalogue sets a number of days. */
  readonly acceptance: DayPeriodDeadline | null;
  /** Final accounts, from construction completion, with the approved extension counted up to the maximum. */
  readonly finalAccounts: DayPeriodDeadline | null;
  /** Final accounts with the longest extension allowed: past it, a correction. */
  readonly finalAccountsOutermost: DayPeriodDeadline | null;
  readonly finalAccountsExtensionMonths: number;
};

export interface InvestmentProjectEvaluation extends FamilyEvaluation {
  readonly findings: Finding[];
  readonly deadlines: InvestmentProjectDeadlines;
}

const monthsLater = new Map<number, number>();

/** Epoch day of the day `months` months after `day`: the corresponding day, or the month's last day (民法典第二百零二条). */
export function addMonthsToEpochDay(day: number, months: number): number {
  // Memoised: every evaluation of a completed project asks for the same two or three days.
  const key = day * 128 + months;
  const known = monthsLater.get(key);
  if (known !== undefined) return known;
  const later = monthsAfter(day, months);
  if (monthsLater.size > 100_000) monthsLater.clear();
  monthsLater.set(key, later);
  return later;
}

function monthsAfter(day: number, months: number): number {
  const [y, m, d] = localDateOfEpochDay(day).split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return epochDayOf(`${year}-${pad(month)}-${pad(Math.min(d, lastDay))}`);
}

/** A period of `months` months from `from`: its last day moved past days off, as a deadline. */
function monthPeriod(cal: WorkingDayCalendar, from: number, months: number): { end: number; deadline: DayPeriodDeadline } {
  if (months === 0) return { end: from, deadline: days.deadlineEnding(cal, from, 0, from) };
  const nominal = addMonthsToEpochDay(from, months);
  const end = days.periodEnd(cal, nominal - 1, 1);
  return { end, deadline: days.deadlineEnding(cal, nominal - 1, 1, end) };
}

const limitLevel = (end: number, doneAt: EpochMillis | null, asOfMillis: number, promptDays: number): AlertLevel | null => {
  const judgedOn = dayOf(doneAt ?? asOfMillis);
  if (judgedOn > end) return 'warning';
  if (doneAt === null && promptDays >= 0 && judgedOn >= end - promptDays) return 'prompt';
  return null;
};

const levelRank: Readonly<Record<AlertLevel, number>> = { prompt: 1, warning: 2, correction: 3 };

/** The estimate in force at `at`: the latest adjustment approved by then, else the design's. */
function estimateAt(state: InvestmentProjectState, at: EpochMillis): number | null {
  let estimate = state.approvedEstimateFen;
  let latest = Number.NEGATIVE_INFINITY;
  for (const approval of state.adjustmentApprovals) {
    if (approval.at <= at && approval.at >= latest) {
      latest = approval.at;
      estimate = approval.fen;
    }
  }
  return estimate;
}

/** Investment beyond the estimate in force (第二十三条): correction with no adjustment asked for, warning while one awaits approval, prompt near it. */
function budgetFinding(state: InvestmentProjectState, matter: InvestmentProjectMatter): Finding | null {
  if (state.approvedEstimateFen === null) return null;
  const figures: DatedAmount[] = [...state.investmentReports];
  if (state.finalAccountsAt !== null && state.finalCostFen !== null) figures.push({ at: state.finalAccountsAt, fen: state.finalCostFen });
  let worst: { level: AlertLevel; figure: DatedAmount; estimate: number } | null = null;
  let latest: DatedAmount | null = null;
  for (const figure of figures) {
    if (latest === null || figure.at >= latest.at) latest = figure;
    const estimate = estimateAt(state, figure.at) as number;
    if (figure.fen <= estimate) continue;
    const requested = state.adjustmentRequests.some((request) => request.at <= figure.at);
    const level: AlertLevel = requested ? 'warning' : 'correction';
    if (worst === null || levelRank[level] > levelRank[worst.level] || (level === worst.level && figure.at >= worst.figure.at)) {
      worst = { level, figure, estimate };
    }
  }
  // Near the estimate is worth a prompt only while money is still being spent.
  if (worst === null && latest !== null && state.finalAccountsAt === null) {
    const estimate = estimateAt(state, Number.POSITIVE_INFINITY) as number;
    if (latest.fen * 10_000 >= estimate * matter.estimatePromptBasisPoints && estimate > 0) worst = { level: 'prompt', figure: latest, estimate };
  }
  if (worst === null) return null;
  const on = localDateOfEpochDay(dayOf(worst.figure.at));
  const key =
    worst.level === 'prompt'
      ? 'investmentProject.budget-estimate.approaching'
      : worst.level === 'warning'
        ? 'investmentProject.budget-estimate.exceeded-pending'
        : 'investmentProject.budget-estimate.exceeded';
  const params: Readonly<Record<string, string | number>> =
    worst.level === 'prompt'
      ? { on, investmentFen: worst.figure.fen, estimateFen: worst.estimate }
      : { on, investmentFen: worst.figure.fen, estimateFen: worst.estimate, excessFen: worst.figure.fen - worst.estimate };
  return finding(investmentProjectRuleIds.budgetEstimate, worst.level, legalBasis.budgetEstimate, { key, params });
}

/**
 * The design's estimate more than 10 % above the approved feasibility study's investment estimate
 * (第十二条第二款): the project unit must report it, and the approver may ask for the feasibility
 * study again. Compared exactly (amounts up to 10^15 fen: 11 × that is past 2^53).
 */
function designOverFeasibilityFinding(state: InvestmentProjectState): Finding | null {
  const estimate = state.approvedEstimateFen;
  const feasibility = state.investmentEstimateFen;
  if (estimate === null || feasibility === null) return null;
  const percent = BigInt(law.designOverFeasibility.percent);
  if (BigInt(estimate) * 100n <= BigInt(feasibility) * (100n + percent)) return null;
  return finding(investmentProjectRuleIds.designOverFeasibility, 'warning', legalBasis.designOverFeasibility, {
    key: 'investmentProject.design-over-feasibility',
    params: { estimateFen: estimate, feasibilityFen: feasibility, excessFen: estimate - feasibility, percent: law.designOverFeasibility.percent },
  });
}

/** Construction started with no approved preliminary design and estimate, or before it (第二十条). */
function constructionStartFinding(state: InvestmentProjectState): Finding | null {
  if (state.startedAt === null) return null;
  const started = localDateOfEpochDay(dayOf(state.startedAt));
  if (state.designApprovedAt === null)
    return finding(investmentProjectRuleIds.constructionStart, 'correction', legalBasis.constructionStart, {
      key: 'investmentProject.construction-start.without-design-approval',
      params: { started },
    });
  if (state.designApprovedAt > state.startedAt)
    return finding(investmentProjectRuleIds.constructionStart, 'correction', legalBasis.constructionStart, {
      key: 'investmentProject.construction-start.before-design-approval',
      params: { started, approved: localDateOfEpochDay(dayOf(state.designApprovedAt)) },
    });
  return null;
}

/** The aspects of changes, each once, in a stable order. */
function aspects(list: readonly string[]): string {
  return [...new Set(list)].sort().join(',');
}

/** Major changes made without the original approver's approval, or approved only afterwards (第二十一条). */
function changeFinding(state: InvestmentProjectState): Finding | null {
  const unapproved: string[] = [];
  const retroactive: string[] = [];
  for (const change of state.changes) {
    if (!change.major) continue;
    const approvedAt = Object.hasOwn(state.changeApprovals, change.id) ? state.changeApprovals[change.id] : undefined;
    if (approvedAt === undefined) unapproved.push(change.aspect);
    else if (approvedAt > change.at) retroactive.push(change.aspect);
  }
  if (unapproved.length > 0)
    return finding(investmentProjectRuleIds.changeApproval, 'correction', legalBasis.changeApproval, {
      key: 'investmentProject.change-approval.unapproved',
      params: { count: unapproved.length, aspects: aspects(unapproved) },
    });
  if (retroactive.length > 0)
    return finding(investmentProjectRuleIds.changeApproval, 'warning', legalBasis.changeApproval, {
      key: 'investmentProject.change-approval.retroactive',
      params: { count: retroactive.length, aspects: aspects(retroactive) },
    });
  return null;
}

/** A construction contract at or above the threshold not tendered, tendered only after the start, or not traced to a trading case (16号令第五条). */
function tenderingFinding(state: InvestmentProjectState, matter: InvestmentProjectMatter): Finding | null {
  const threshold = matter.constructionTenderThresholdFen;
  const construction = state.tenders.filter((tender) => tender.contractKind === 'construction');
  const required =
    (state.constructionContractFen !== null && state.constructionContractFen >= threshold) || construction.some((t) => t.contractEstimateFen >= threshold);
  if (!required) return null;
  const contractFen = construction.reduce((most, tender) => Math.max(most, tender.contractEstimateFen), state.constructionContractFen ?? 0);
  const params = { contractFen, thresholdFen: threshold };
  if (construction.length === 0) {
    if (state.startedAt === null) return null;
    return finding(investmentProjectRuleIds.tendering, 'correction', legalBasis.tendering, { key: 'investmentProject.tendering.missing', params });
  }
  const firstAt = construction.reduce((earliest, tender) => Math.min(earliest, tender.at), Number.POSITIVE_INFINITY);
  if (state.startedAt !== null && firstAt > state.startedAt)
    return finding(investmentProjectRuleIds.tendering, 'warning', legalBasis.tendering, { key: 'investmentProject.tendering.after-start', params });
  if (construction.every((tender) => tender.tradingCaseId === null))
    return finding(investmentProjectRuleIds.tendering, 'prompt', legalBasis.tendering, { key: 'investmentProject.tendering.untraced', params });
  return null;
}

/**
 * Goods and services tenders at or above their thresholds traced to no trading case (16号令第五条).
 * Only tenders are on the wire for goods and services (no event names such a contract otherwise,
 * nor when it was signed), so a contract never tendered cannot be seen, and no start is judged.
 */
function procurementTenderingFinding(state: InvestmentProjectState, matter: InvestmentProjectMatter): Finding | null {
  for (const kind of ['goods', 'services'] as const) {
    const threshold = kind === 'goods' ? matter.goodsTenderThresholdFen : matter.servicesTenderThresholdFen;
    let count = 0;
    let contractFen = 0;
    for (const tender of state.tenders) {
      if (tender.contractKind !== kind || tender.contractEstimateFen < threshold || tender.tradingCaseId !== null) continue;
      count++;
      contractFen = Math.max(contractFen, tender.contractEstimateFen);
    }
    if (count > 0)
      return finding(investmentProjectRuleIds.tendering, 'prompt', legalBasis.tendering, {
        key: kind === 'goods' ? 'investmentProject.tendering.goods-untraced' : 'investmentProject.tendering.services-untraced',
        params: { contractFen, thresholdFen: threshold, count },
      });
  }
  return null;
}

/** Notes a stage that happened without the one before it (when that one is required) or before it. */
function checkOrder(problems: string[], at: EpochMillis | null, previous: EpochMillis | null, required: boolean, missing: string, before: string): void {
  if (at === null) return;
  if (previous === null) {
    if (required) problems.push(missing);
  } else if (at < previous) problems.push(before);
}

/** Stages out of the order of 第九条第一款 and 第二十五条, judged by their instants (so whatever order the records came in). */
function stageOrderFinding(state: InvestmentProjectState, matter: InvestmentProjectMatter): Finding | null {
  const problems: string[] = [];
  checkOrder(
    problems,
    state.feasibilityApprovedAt,
    state.proposalApprovedAt,
    matter.proposalRequired,
    'feasibilityWithoutProposal',
    'feasibilityBeforeProposal',
  );
  checkOrder(problems, state.designApprovedAt, state.feasibilityApprovedAt, true, 'designWithoutFeasibility', 'designBeforeFeasibility');
  checkOrder(problems, state.completedAt, state.startedAt, true, 'completedWithoutStart', 'completedBeforeStart');
  checkOrder(problems, state.acceptedAt, state.completedAt, true, 'acceptedWithoutCompletion', 'acceptedBeforeCompletion');
  const passedAt = state.acceptancePassed === true ? state.acceptedAt : null;
  checkOrder(problems, state.finalAccountsAt, passedAt, true, 'finalAccountsWithoutAcceptance', 'finalAccountsBeforeAcceptance');
  if (state.anomalies.some((anomaly) => anomaly.kind === 'repeatedStage')) problems.push('repeatedStage');
  if (problems.length === 0) return null;
  return finding(investmentProjectRuleIds.stageOrder, 'warning', legalBasis.stageOrder, {
    key: 'investmentProject.stage-order',
    params: { problems: problems.join(',') },
  });
}

/**
 * Evaluates a project against its catalogue matter as of `asOf`. The time limits after completion
 * are judged at the act that ends them (acceptance, final accounts) or, while it is pending, now;
 * the other rules look at what happened, whenever it is evaluated.
 */
export function evaluateInvestmentProject(
  state: InvestmentProjectState,
  matter: InvestmentProjectMatter,
  asOf: Date,
  cal: WorkingDayCalendar,
): InvestmentProjectEvaluation {
  const asOfMillis = epochMillisOf(asOf);
  const changes = new ChangeDays(dayOf(asOfMillis));
  const promptDays = matter.promptDaysBefore;
  const findings: Finding[] = [];

  let acceptance: DayPeriodDeadline | null = null;
  let finalAccounts: DayPeriodDeadline | null = null;
  let finalAccountsOutermost: DayPeriodDeadline | null = null;
  let extensionMonths = 0;
  if (state.completedAt !== null) {
    const completedDay = dayOf(state.completedAt);
    if (matter.acceptanceDays !== undefined) {
      const end = days.periodEnd(cal, completedDay, matter.acceptanceDays);
      acceptance = days.deadlineEnding(cal, completedDay, matter.acceptanceDays, end);
      const done = state.acceptedAt;
      const level = limitLevel(end, done, asOfMillis, promptDays);
      if (level !== null) {
        const suffix = level === 'prompt' ? ('approaching' as const) : done !== null ? ('late' as const) : ('overdue' as const);
        findings.push(
          finding(
            investmentProjectRuleIds.acceptanceTimeLimit,
            level,
            legalBasis.acceptanceTimeLimit,
            { key: `investmentProject.acceptance-time-limit.${suffix}` as const, params: { limit: acceptance.date, ...provisionalParam(acceptance) } },
            acceptance.at,
          ),
        );
      }
      if (done === null) {
        changes.consider(end - promptDays);
        changes.consider(end + 1);
      }
    }
    const maxExtension = matter.maxFinalAccountsExtensionMonths;
    extensionMonths = Math.min(
      maxExtension,
      state.finalAccountsExtensions.reduce((sum, extension) => sum + extension.fen, 0),
    );
    const limit = monthPeriod(cal, completedDay, matter.finalAccountsMonths + extensionMonths);
    const outer = monthPeriod(cal, completedDay, matter.finalAccountsMonths + maxExtension);
    finalAccounts = limit.deadline;
    finalAccountsOutermost = outer.deadline;
    const done = state.finalAccountsAt;
    const judgedOn = dayOf(done ?? asOfMillis);
    const missed = done !== null ? ('late' as const) : ('overdue' as const);
    if (judgedOn > outer.end) {
      findings.push(
        finding(
          investmentProjectRuleIds.finalAccountsTimeLimit,
          'correction',
          legalBasis.finalAccountsTimeLimit,
          {
            key: `investmentProject.final-accounts-time-limit.outermost-${missed}` as const,
            params: { limit: outer.deadline.date, maxExtension, ...provisionalParam(outer.deadline) },
          },
          outer.deadline.at,
        ),
      );
    } else {
      const level = limitLevel(limit.end, done, asOfMillis, promptDays);
      if (level !== null) {
        const suffix = level === 'prompt' ? ('approaching' as const) : missed;
        findings.push(
          finding(
            investmentProjectRuleIds.finalAccountsTimeLimit,
            level,
            legalBasis.finalAccountsTimeLimit,
            {
              key: `investmentProject.final-accounts-time-limit.${suffix}` as const,
              params: { limit: limit.deadline.date, ...provisionalParam(limit.deadline) },
            },
            limit.deadline.at,
          ),
        );
      }
    }
    if (done === null) {
      changes.consider(limit.end - promptDays);
      changes.consider(limit.end + 1);
      changes.consider(outer.end + 1);
    }
  }

  for (const found of [
    budgetFinding(state, matter),
    changeFinding(state),
    constructionStartFinding(state),
    designOverFeasibilityFinding(state),
    stageOrderFinding(state, matter),
    // One alert per rule: a construction contract's finding comes before the goods' and services'.
    tenderingFinding(state, matter) ?? procurementTenderingFinding(state, matter),
  ])
    if (found !== null) findings.push(found);

  const latestReport = state.investmentReports.reduce<DatedAmount | null>((latest, r) => (latest === null || r.at >= latest.at ? r : latest), null);
  return {
    findings: sortByRule(findings),
    nextCheckAt: changes.instant(),
    deadlines: {
      unit: 'days',
      estimateFen: state.approvedEstimateFen === null ? null : estimateAt(state, Number.POSITIVE_INFINITY),
      investmentToDateFen: latestReport === null ? null : latestReport.fen,
      acceptance,
      finalAccounts,
      finalAccountsOutermost,
      finalAccountsExtensionMonths: extensionMonths,
    },
  };
}

/** The article each of these rules cites by default (special reports name it). */
export const investmentProjectRuleArticles = ruleArticles(investmentProjectRuleIds, legalBasis);
