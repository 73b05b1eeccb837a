/** The article each built-in rule cites by default, by rule id (a configured kind's rules are named by their id only). */
import { disclosureRuleArticles } from '../disclosure/disclosure-rules.ts';
import { investmentProjectRuleArticles } from '../investment-projects/investment-project-rules.ts';
import { informationSharingRuleArticles } from '../information-sharing/information-sharing-rules.ts';
import { licensingRuleArticles } from '../licensing/licensing-rules.ts';
import { onlineServiceRuleArticles } from '../online-services/online-service-rules.ts';
import { penaltyRuleArticles } from '../penalty/penalty-rules.ts';
import { petitionRuleArticles } from '../petition/petition-rules.ts';
import { tenderPatternRuleArticles } from '../tender/tender-patterns.ts';
import { tenderRuleArticles } from '../tender/tender-rules.ts';

export const builtInRuleArticles: Readonly<Record<string, string>> = {
  ...licensingRuleArticles,
  ...penaltyRuleArticles,
  ...tenderRuleArticles,
  ...tenderPatternRuleArticles,
  ...disclosureRuleArticles,
  ...onlineServiceRuleArticles,
  ...petitionRuleArticles,
  ...investmentProjectRuleArticles,
  ...informationSharingRuleArticles,
};
