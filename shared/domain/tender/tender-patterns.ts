/**
 * Signs across tenders that no single case shows: a buyer splitting a project into contracts just
 * under the tendering threshold to avoid tendering (化整为零规避招标), and a buyer awarding to the same
 * winner again and again. Pure: the caller gathers the awards (from any buyer's cases) and decides
 * what to raise.
 */
import * as z from 'zod';
import { epochMillisOf, shanghaiEpochDayOfMillis } from '../calendar/local-date.ts';
import { englishSummary, type AlertMessage } from '../alerts/alert-messages.ts';
import type { RuleMessage } from '../records/rule-finding.ts';
import { AmountYuan } from './tender-event.ts';
import { ruleArticles } from '../alerts/rule-articles.ts';

/** One award (or directly placed contract) of a buyer, as input to pattern detection. */
export interface TenderAward {
  readonly buyerId: string;
  readonly winnerId: string;
  readonly caseId: string;
  readonly amountYuan: number;
  /** ISO 8601 instant with offset. */
  readonly awardedAt: string;
}

/** Thresholds and windows of the cross-case signs; windows are calendar days ending on the day of `asOf`. */
export const TenderPatternParams = z.strictObject({
  /** Amount from which tendering is mandatory (the matter's `tenderThresholdYuan`). */
  tenderThresholdYuan: AmountYuan.min(1),
  splitWindowDays: z.number().int().min(1).max(3660).default(90),
  /** Contracts just under the threshold, at least this many, make the splitting sign. */
  splitMinCount: z.number().int().min(2).max(10_000).default(3),
  /** "Just under": from this share of the threshold (inclusive) up to the threshold (exclusive). */
  splitShareOfThreshold: z.number().gt(0).lt(1).default(0.8),
  repeatWinnerWindowDays: z.number().int().min(1).max(3660).default(365),
  /** Awards of one buyer to one winner, at least this many, make the repeated-winner sign. */
  repeatWinnerMinCount: z.number().int().min(2).max(10_000).default(3),
});
export type TenderPatternParams = z.infer<typeof TenderPatternParams>;
/** Parameters as configured; all but the threshold have defaults. */
export type TenderPatternParamsInput = z.input<typeof TenderPatternParams>;

export const tenderPatternRuleIds = {
  suspectedSplitting: 'publicResourceTrading.suspected-splitting',
  repeatedWinner: 'publicResourceTrading.repeated-winner',
} as const;

/** A sign found across a buyer's tenders. */
export interface PatternFinding {
  readonly ruleId: (typeof tenderPatternRuleIds)[keyof typeof tenderPatternRuleIds];
  readonly buyerId: string;
  /** The repeated winner (repeated-winner findings only). */
  readonly winnerId?: string;
  /** Cases that make the sign, oldest award first. */
  readonly caseIds: readonly string[];
  readonly level: 'warning';
  /** One sentence a supervisor reads, in English (the message's English rendering); organisations appear by opaque id only. */
  readonly summary: string;
  /** What the sign says, rendered in the reader's language. */
  readonly message: AlertMessage;
  readonly legalBasis: string;
}

/** A sign's message and its English summary. */
function stated(message: RuleMessage): { summary: string; message: AlertMessage } {
  return { summary: englishSummary(message), message };
}

const legalBasis = {
  suspectedSplitting: '《中华人民共和国招标投标法》第四条、《中华人民共和国招标投标法实施条例》第二十四条',
  repeatedWinner: '《中华人民共和国招标投标法》第五条、第三十二条',
} as const;

interface DatedAward {
  readonly award: TenderAward;
  readonly millis: number;
  readonly day: number;
}

/** Canonical text of an award, independent of property order: the tie-break for equal instants. */
function canonicalText(award: TenderAward): string {
  return JSON.stringify([award.caseId, award.buyerId, award.winnerId, award.amountYuan, award.awardedAt]);
}

/** Parameters with defaults applied; an invalid one throws a `RangeError` naming it. */
function parseParams(params: TenderPatternParamsInput): TenderPatternParams {
  const parsed = TenderPatternParams.safeParse(params);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new RangeError(`invalid tender pattern parameter ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
}

/** Awards in the `windowDays` calendar days ending on the day of `asOf` (that day included), not after `asOf`. */
function within(awards: readonly DatedAward[], asOfMillis: number, windowDays: number): DatedAward[] {
  const asOfDay = shanghaiEpochDayOfMillis(asOfMillis);
  return awards.filter((dated) => dated.millis <= asOfMillis && asOfDay - dated.day < windowDays);
}

/** Groups awards by key; distinct cases only (the first award of a case counts), oldest first. */
function groupBy(awards: readonly DatedAward[], key: (award: TenderAward) => string): Map<string, DatedAward[]> {
  const groups = new Map<string, DatedAward[]>();
  const seen = new Set<string>();
  for (const dated of awards) {
    const groupKey = key(dated.award);
    const caseKey = JSON.stringify([groupKey, dated.award.caseId]);
    if (seen.has(caseKey)) continue;
    seen.add(caseKey);
    const group = groups.get(groupKey);
    if (group === undefined) groups.set(groupKey, [dated]);
    else group.push(dated);
  }
  return groups;
}

/** Sort key of a finding: rule, buyer, winner. */
function findingOrder(finding: PatternFinding): string {
  return JSON.stringify([finding.ruleId, finding.buyerId, finding.winnerId ?? '']);
}

/**
 * Finds splitting and repeated-winner signs among `awards` as of `asOf`. Windows are counted in
 * Asia/Shanghai calendar days ending on the day of `asOf`; awards after `asOf` are ignored.
 * Findings are ordered by rule, buyer and winner. Throws a `RangeError` for an invalid parameter
 * or an award whose `awardedAt` is not an ISO instant.
 */
export function detectTenderPatterns(awards: readonly TenderAward[], params: TenderPatternParamsInput, asOf: Date): PatternFinding[] {
  const p = parseParams(params);
  const asOfMillis = epochMillisOf(asOf);
  const dated = awards
    .map((award) => {
      const millis = epochMillisOf(award.awardedAt);
      return { award, millis, day: shanghaiEpochDayOfMillis(millis), text: canonicalText(award) };
    })
    // Oldest first, ties by content, so the result does not depend on input order.
    .sort((a, b) => a.millis - b.millis || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));

  const findings: PatternFinding[] = [];
  const threshold = p.tenderThresholdYuan;
  // Rounded first so that 4 000 000 × 0.8 is 3 200 000 and not a hair above it.
  const lowerBound = Math.ceil(Number((threshold * p.splitShareOfThreshold).toFixed(6)));
  const justUnder = within(dated, asOfMillis, p.splitWindowDays).filter(({ award }) => award.amountYuan >= lowerBound && award.amountYuan < threshold);
  for (const [buyerId, group] of groupBy(justUnder, (award) => award.buyerId)) {
    if (group.length < p.splitMinCount) continue;
    findings.push({
      ruleId: tenderPatternRuleIds.suspectedSplitting,
      buyerId,
      caseIds: group.map(({ award }) => award.caseId),
      level: 'warning',
      ...stated({
        key: 'publicResourceTrading.suspected-splitting',
        params: { buyer: buyerId, count: group.length, lowerBound, upperBound: threshold - 1, threshold, windowDays: p.splitWindowDays },
      }),
      legalBasis: legalBasis.suspectedSplitting,
    });
  }

  const recent = within(dated, asOfMillis, p.repeatWinnerWindowDays);
  for (const group of groupBy(recent, (award) => JSON.stringify([award.buyerId, award.winnerId])).values()) {
    const { buyerId, winnerId } = (group[0] as DatedAward).award;
    if (group.length < p.repeatWinnerMinCount) continue;
    findings.push({
      ruleId: tenderPatternRuleIds.repeatedWinner,
      buyerId,
      winnerId,
      caseIds: group.map(({ award }) => award.caseId),
      level: 'warning',
      ...stated({
        key: 'publicResourceTrading.repeated-winner',
        params: { buyer: buyerId, count: group.length, winner: winnerId, windowDays: p.repeatWinnerWindowDays },
      }),
      legalBasis: legalBasis.repeatedWinner,
    });
  }

  return findings.sort((a, b) => (findingOrder(a) < findingOrder(b) ? -1 : findingOrder(a) > findingOrder(b) ? 1 : 0));
}

/** The article each of these rules cites by default (special reports name it). */
export const tenderPatternRuleArticles = ruleArticles(tenderPatternRuleIds, legalBasis);
