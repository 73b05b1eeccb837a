/**
 * Tender signs that only show across cases (Bidding Law Art. 4, implementing regulations Art.
 * 41): one buyer's awards just under the tendering threshold in a short window (a project split
 * to avoid tendering), and the same winner again and again for one buyer. A tender joins its
 * buyer's group once awarded; each evaluation runs the detector over the group.
 */
import type { Finding } from '../alerts/alert.ts';
import type { CrossCaseRules } from '../records/record-family.ts';
import type { TenderCaseState } from './tender-case.ts';
import type { TenderMatter } from './tender-matter.ts';
import { detectTenderPatterns, type TenderAward } from './tender-patterns.ts';

export const tenderCrossCaseRuleVersion = 1;

export const tenderCrossCase: CrossCaseRules<TenderCaseState, TenderMatter> = {
  membership(state) {
    if (!state.buyerId || !state.winnerId || state.awardedAt === null || state.awardedAtAsWritten === null || state.awardedAmountYuan === null)
      return undefined;
    // Stored in the case table and read back as other tenders' members: the award's instant is
    // kept as the department wrote it, and the order key is that instant in UTC ISO text.
    const award: TenderAward = {
      buyerId: state.buyerId,
      winnerId: state.winnerId,
      caseId: state.caseId,
      amountYuan: state.awardedAmountYuan,
      awardedAt: state.awardedAtAsWritten,
    };
    return { group: `buyer#${state.buyerId}`, order: `${new Date(state.awardedAt).toISOString()}#${state.caseId}`, facts: { ...award } };
  },
  findings(state, matter, members): readonly Finding[] {
    if (state.awardedAt === null) return [];
    const awards = members.map((member) => member.facts as unknown as TenderAward);
    // Judged as of this case's award: the windows end on the day it was awarded, so the sign
    // stays what it was when the award was made, however late the evaluation runs.
    return detectTenderPatterns(awards, { tenderThresholdYuan: matter.tenderThresholdYuan }, new Date(state.awardedAt))
      .filter((pattern) => pattern.caseIds.includes(state.caseId))
      .map((pattern) => ({
        ruleId: pattern.ruleId,
        ruleVersion: tenderCrossCaseRuleVersion,
        level: pattern.level,
        legalBasis: pattern.legalBasis,
        summary: pattern.summary,
        message: pattern.message,
      }));
  },
};
