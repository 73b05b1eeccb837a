/**
 * The government investment project family (政府重大投资建设, Measures Art. 17(3)): projects
 * funded by the government budget, from approval to final accounts, judged by 《政府投资条例》
 * (2019) and the rules it refers to.
 */
import type { RecordFamily } from '../records/record-family.ts';
import { foldInvestmentProject, type InvestmentProjectState } from './investment-project-case.ts';
import { InvestmentProjectEvent } from './investment-project-event.ts';
import { InvestmentProjectMatter } from './investment-project-matter.ts';
import { evaluateInvestmentProject } from './investment-project-rules.ts';
import { investmentProjectStage } from './investment-project-stage.ts';

export const investmentProjectFamily: RecordFamily<InvestmentProjectEvent, InvestmentProjectState, InvestmentProjectMatter> = {
  kind: 'investmentProject',
  eventSchema: InvestmentProjectEvent,
  matterSchema: InvestmentProjectMatter,
  fold: foldInvestmentProject,
  summarize: (state) => ({
    matterCode: state.matterCode,
    lastSequence: state.lastSequence,
    eventCount: state.eventCount,
    stage: investmentProjectStage(state),
    ...(state.finalAccountsAt === null ? {} : { completedAt: new Date(state.finalAccountsAt).toISOString() }),
  }),
  evaluate: evaluateInvestmentProject,
};
