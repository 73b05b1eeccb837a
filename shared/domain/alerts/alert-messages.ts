/**
 * What a finding says, stored as a key and its parameters rather than as a sentence, so that each
 * reader gets it in their language: Chinese (the administration's) by default, English on request.
 * The English rendering is the finding's `summary`, word for word: reconciliation compares
 * summaries, so a change to an English text below is a change to the rule's findings.
 */
import type { Bilingual } from '../bilingual.ts';
import { inShanghaiOffset } from '../calendar/local-date.ts';

/** Dates as Shanghai `YYYY-MM-DD`, amounts as numbers, flags as 1; a parameter left out is absent. */
export type MessageParams = Readonly<Record<string, string | number>>;

export interface AlertMessage {
  /** E.g. `licensing.decision-time-limit.statutory-overdue`. */
  readonly key: string;
  readonly params: MessageParams;
  /** The finding a message about the signal itself wraps (an escalation, a hold), rendered inside it in the same language. */
  readonly finding?: AlertMessage;
}

/** A message's text from its parameters, and the wrapped finding's text already rendered (empty when none). */
type Render = (p: MessageParams, finding: string) => string;

interface MessageText {
  readonly zh: Render;
  readonly en: Render;
}

const provisional = {
  zh: (p: MessageParams): string => (p.provisional === 1 ? '（暂定：该年度节假日安排尚未公布）' : ''),
  en: (p: MessageParams): string => (p.provisional === 1 ? ' (provisional: no published holiday arrangement for that year)' : ''),
};

/** A parameter as written in a sentence (absent ones as nothing; rules always set the ones they use). */
const t = (value: string | number | undefined): string => (value === undefined ? '' : String(value));

/** A flag parameter, set as 1. */
const flag = (value: string | number | undefined): boolean => value === 1;

/** Codes listed in a parameter, in their order (`a,b`). */
const codes = (value: string | number | undefined): string[] => (value === undefined || value === '' ? [] : String(value).split(','));

const capitalized = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function plural(n: string | number | undefined, word: string): string {
  return `${t(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** Fen as yuan with two decimals (`12345` → `123.45`). */
function yuanOfFen(value: string | number | undefined): string {
  const fen = Number(value);
  const cents = fen % 100;
  return `${(fen - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

/** A notice to complete materials issued late (`limit`) or more than once (`requests`). */
const completionProblems = {
  zh: (p: MessageParams): string =>
    [p.limit !== undefined ? `晚于期限 ${t(p.limit)} 发出` : null, Number(p.requests) > 1 ? `分 ${t(p.requests)} 次发出，未一次性告知` : null]
      .filter((problem) => problem !== null)
      .join('，且'),
  en: (verb: string, p: MessageParams): string =>
    [
      p.limit !== undefined ? `${verb} after the limit of ${t(p.limit)}` : null,
      Number(p.requests) > 1 ? `${verb} ${t(p.requests)} times instead of once, all at once` : null,
    ]
      .filter((problem) => problem !== null)
      .join(' and '),
};

const licensingStage = {
  zh: (p: MessageParams, stage: 'acceptance' | 'delivery'): string => {
    const date = `${t(p[stage])}${provisional.zh({ provisional: p[`${stage}Provisional`] ?? 0 })}`;
    if (stage === 'acceptance') return flag(p.acceptanceEnded) ? `受理晚于期限（${date}）` : `未在期限（${date}）前受理申请`;
    return flag(p.deliveryEnded) ? `送达许可证件晚于期限（${date}）` : `未在期限（${date}）前送达许可证件`;
  },
  en: (p: MessageParams, stage: 'acceptance' | 'delivery'): string => {
    const ended = flag(p[`${stage}Ended`]);
    const what =
      stage === 'acceptance'
        ? ended
          ? 'application accepted after'
          : 'application not accepted by'
        : ended
          ? 'licence delivered after'
          : 'licence not delivered by';
    return `${what} the limit of ${t(p[stage])}${provisional.en({ provisional: p[`${stage}Provisional`] ?? 0 })}`;
  },
};

/** Which suspensions a problem concerns (`unfounded`, `unnotified`, `long`): the first's date and how many. */
const suspensions = {
  zh: (p: MessageParams, which: string): string =>
    p[`${which}Count`] === 1 ? `自 ${t(p[`${which}From`])} 起` : `共 ${t(p[`${which}Count`])} 次，第一次自 ${t(p[`${which}From`])} 起`,
  en: (p: MessageParams, which: string): string =>
    p[`${which}Count`] === 1 ? `from ${t(p[`${which}From`])}` : `${t(p[`${which}Count`])} suspensions, the first from ${t(p[`${which}From`])}`,
};

const penaltyProcedureProblems: Record<string, Bilingual> = {
  decidedWithoutFiling: { zh: '未立案即作出处罚决定', en: 'decided without prior case filing' },
  decidedWithoutPriorNotice: { zh: '未事先告知拟作出的行政处罚即作出决定', en: 'decided without prior notice of the proposed penalty' },
  executedWithoutDecision: { zh: '未作出处罚决定即执行', en: 'executed without a decision' },
};

const tenderProcedureProblems: Record<string, Bilingual> = {
  amendedAfterBidsOpened: { zh: '开标后修改招标文件', en: 'tender documents amended after the bids were opened' },
  bidsOpenedBeforeDeadline: { zh: '投标截止时间前开标', en: 'bids opened before the bid deadline' },
  awardedWithoutBidsOpened: { zh: '未开标即确定中标人', en: 'awarded without a bid opening' },
  contractSignedWithoutAward: { zh: '未确定中标人即订立合同', en: 'contract signed without an award' },
};

const publicityProblems = {
  zh: (code: string, p: MessageParams): string =>
    code === 'notPublicized'
      ? '未公示中标候选人即确定中标人'
      : code === 'short'
        ? `中标候选人公示于 ${t(p.publicityEnd)} 结束，不足 ${t(p.minDays)} 日（依法最早结束日 ${t(p.earliest)}${provisional.zh(p)}）`
        : '中标候选人公示期满前即确定中标人',
  en: (code: string, p: MessageParams): string =>
    code === 'notPublicized'
      ? 'the tender was awarded without publicizing the candidates'
      : code === 'short'
        ? `the candidate publicity ending ${t(p.publicityEnd)} is shorter than ${plural(p.minDays, 'day')} (earliest lawful end ${t(p.earliest)}${provisional.en(p)})`
        : 'the award was made before the candidate publicity ended',
};

/** A configured clock's limit: `5 working days after 'received'`. */
const configuredLimit = {
  zh: (p: MessageParams): string => `「${t(p.from)}」后 ${t(p.count)} 个${p.unit === 'working' ? '工作日' : '自然日'}`,
  en: (p: MessageParams): string => `${t(p.count)} ${p.unit === 'working' ? 'working' : 'calendar'} day${p.count === 1 ? '' : 's'} after '${t(p.from)}'`,
};

/** A configured kind's own summary with its placeholders (`{deadline}`, `{from}`, `{to}`, `{limit}`) filled; unknown ones were refused by the schema. */
function filled(p: MessageParams, limit: string): string {
  const values: Record<string, string> = { deadline: t(p.deadline), from: t(p.from), to: t(p.to), limit };
  return t(p.template).replace(/\{(\w+)\}/g, (placeholder, name: string) => (Object.hasOwn(values, name) ? (values[name] as string) : placeholder));
}

/** Steps of an online service case out of the procedure's order, by anomaly code. */
const onlineServiceOrderProblems: Record<string, Bilingual> = {
  acceptedWithoutApplication: { zh: '未见网上申请即作出受理决定', en: 'an acceptance decision without an application' },
  completedWithoutAcceptance: { zh: '未受理即办结', en: 'completed without acceptance' },
  deliveredWithoutCompletion: { zh: '未办结即送达结果', en: 'a result delivered before completion' },
  continuedAfterNotAccepted: { zh: '决定不予受理后仍继续办理', en: 'handled on after the application was not accepted' },
  acceptedBeforeApplication: { zh: '受理决定的时间早于申请时间', en: 'an acceptance decision dated before the application' },
  completedBeforeAcceptance: { zh: '办结时间早于受理时间', en: 'a completion dated before the acceptance' },
  deliveredBeforeCompletion: { zh: '结果送达时间早于办结时间', en: 'a delivery dated before the completion' },
};

/** How a result reached the applicant, for an online service delivered offline. */
const deliveryChannels: Record<string, Bilingual> = {
  postal: { zh: '邮寄', en: 'by post' },
  counter: { zh: '窗口领取', en: 'at a counter' },
};

/** Steps of a share request out of the procedure's order, by anomaly code. */
const sharingStageProblems: Record<string, Bilingual> = {
  answeredWithoutRequest: { zh: '未见共享申请即作出答复', en: 'an answer with no request' },
  deliveredWithoutGrant: { zh: '未同意共享即提供数据', en: 'data delivered without a grant' },
  usedWithoutDelivery: { zh: '未提供数据即报告使用情况', en: 'a use reported before any delivery' },
  deliveredAfterRevocation: { zh: '撤销共享后仍提供数据', en: 'data delivered after the sharing was revoked' },
  repeatedStage: { zh: '同一环节重复报送', en: 'a stage reported twice' },
  datedBeforePreviousStage: { zh: '某一环节的时间早于其前一环节', en: 'a stage dated before the one it follows' },
};

/** Who reported a use of shared data beyond the stated purpose. */
const useReporters: Record<string, Bilingual> = {
  user: { zh: '使用部门', en: 'the requesting department' },
  provider: { zh: '提供部门', en: 'the providing department' },
  audit: { zh: '审计或检查', en: 'an audit' },
};

const petitionExtensionProblems: Record<string, Bilingual> = {
  second: { zh: '办理期限再次延长（只允许延长一次）', en: 'extended a second time (one extension is allowed)' },
  tooLong: { zh: '延长期限超过允许的最长期限', en: 'extended beyond the longest extension allowed' },
  afterLimit: { zh: '办理期限届满后才批准延长', en: 'extension approved after the handling limit had passed' },
  reasonNotNotified: { zh: '未告知信访人延期理由', en: 'petitioner not told the reason for the extension' },
};

const petitionStageProblems: Record<string, Bilingual> = {
  notifiedWithoutReceipt: { zh: '未登记收到信访事项即告知受理情况', en: 'acceptance notified with no record of receipt' },
  handledWithoutAcceptance: { zh: '未受理即延期或出具处理意见', en: 'extended or handled without being accepted' },
  extendedAfterHandling: { zh: '出具处理意见后又延长办理期限', en: 'extended after the handling opinion' },
  reviewWithoutHandling: { zh: '未出具处理意见即复查', en: 'reviewed without a handling opinion' },
  decidedWithoutRequest: { zh: '未收到复查或复核请求即提出意见', en: 'review or re-review decided without a request' },
  reReviewWithoutReview: { zh: '未经复查即复核', en: 're-reviewed without a review' },
  repeatedStage: { zh: '同一环节重复报送', en: 'a stage reported twice' },
  datedBeforePreviousStage: { zh: '某一环节的时间早于其前一环节', en: 'a stage dated before the one it follows' },
  hearingOutsideReReview: { zh: '复核听证不在复核期间（未请求复核或已提出复核意见）', en: 're-review hearing outside the re-review' },
  hearingEndedWithoutStart: { zh: '复核听证未开始即结束', en: 're-review hearing ended without being opened' },
};

const petitionSteps = {
  'acceptance-notice': { zh: '书面告知信访人是否受理', en: 'Written notice of acceptance' },
  'review-time-limit': { zh: '提出复查意见', en: 'Review opinion' },
  're-review-time-limit': { zh: '提出复核意见', en: 'Re-review opinion' },
} as const;

/** The three texts (approaching, late, overdue) of a petition limit counted in days. */
function petitionStepTexts<S extends keyof typeof petitionSteps>(step: S) {
  const what = petitionSteps[step];
  return {
    [`petition.${step}.approaching`]: {
      zh: (p: MessageParams) => `${what.zh}的期限（${t(p.limit)}）即将届满${provisional.zh(p)}。`,
      en: (p: MessageParams) => `Time limit for the ${what.en.toLowerCase()} (${t(p.limit)}) is approaching${provisional.en(p)}.`,
    },
    [`petition.${step}.late`]: {
      zh: (p: MessageParams) => `超过期限${what.zh}（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
      en: (p: MessageParams) => `${what.en} given after the time limit of ${t(p.limit)}${provisional.en(p)}.`,
    },
    [`petition.${step}.overdue`]: {
      zh: (p: MessageParams) => `未在期限内${what.zh}（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
      en: (p: MessageParams) => `${what.en} not given by the time limit of ${t(p.limit)}${provisional.en(p)}.`,
    },
  } as unknown as Record<`petition.${S}.${'approaching' | 'late' | 'overdue'}`, MessageText>;
}

/** Stages of a government investment project out of order, by problem code. */
const investmentStageProblems: Record<string, Bilingual> = {
  feasibilityWithoutProposal: { zh: '未经项目建议书审批即审批可行性研究报告', en: 'feasibility study approved with no project proposal approval' },
  feasibilityBeforeProposal: { zh: '可行性研究报告批复早于项目建议书批复', en: 'feasibility study approval dated before the proposal approval' },
  designWithoutFeasibility: { zh: '未经可行性研究报告审批即审批初步设计', en: 'preliminary design approved with no feasibility study approval' },
  designBeforeFeasibility: { zh: '初步设计批复早于可行性研究报告批复', en: 'preliminary design approval dated before the feasibility study approval' },
  completedWithoutStart: { zh: '未见开工即报完工', en: 'completed with no construction start' },
  completedBeforeStart: { zh: '完工时间早于开工时间', en: 'completion dated before the construction start' },
  acceptedWithoutCompletion: { zh: '未见完工即竣工验收', en: 'completion acceptance with no completion' },
  acceptedBeforeCompletion: { zh: '竣工验收时间早于完工时间', en: 'completion acceptance dated before the completion' },
  finalAccountsWithoutAcceptance: { zh: '未经竣工验收合格即办理竣工财务决算', en: 'final accounts with no passed completion acceptance' },
  finalAccountsBeforeAcceptance: { zh: '竣工财务决算早于竣工验收合格', en: 'final accounts dated before the passed completion acceptance' },
  repeatedStage: { zh: '同一环节重复报送', en: 'a stage reported twice' },
};

/** What a change of a government investment project alters. */
const changeAspects: Record<string, Bilingual> = {
  site: { zh: '建设地点', en: 'site' },
  scale: { zh: '建设规模', en: 'scale' },
  content: { zh: '建设内容', en: 'content' },
  standard: { zh: '建设标准', en: 'standard' },
};

const aspectsZh = (p: MessageParams): string =>
  codes(p.aspects)
    .map((code) => changeAspects[code]?.zh ?? code)
    .join('、');
const aspectsEn = (p: MessageParams): string => listed(codes(p.aspects).map((code) => changeAspects[code]?.en ?? code));

const proactiveChange = (p: MessageParams): string => (p.change === 'changed' ? '变更' : '形成');

const levelNames: Readonly<Record<string, string>> = { prompt: '提示', warning: '警戒', correction: '纠错' };
const levelName = (value: string | number | undefined): string => levelNames[t(value)] ?? t(value);

/** An instant as a reader in the city reads it, `2026-11-03 23:59`; the text itself when it is not one. */
function shanghaiMinute(value: string | number | undefined): string {
  try {
    return inShanghaiOffset(t(value)).slice(0, 16).replace('T', ' ');
  } catch {
    return t(value);
  }
}

/** Sentences about the signal that wrap the finding's were cut at 500 characters when stored in English; the same cut keeps the rendering equal. */
const cut = (sentence: string): string => sentence.slice(0, 500);

/** Every message a rule states, by key. */
export const alertMessageTexts = {
  // 行政许可
  'licensing.completion-notice': {
    zh: (p) => `一次性告知补正材料通知${completionProblems.zh(p)}。`,
    en: (p) => `Notice to complete materials ${completionProblems.en('issued', p)}.`,
  },
  'licensing.decision-time-limit.statutory-overdue': {
    zh: (p) => `未在法定期限内作出决定（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Decision not made by the statutory time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'licensing.decision-time-limit.statutory-late': {
    zh: (p) => `超过法定期限作出决定（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Decision made after the statutory time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'licensing.decision-time-limit.promised-overdue': {
    zh: (p) => `未在承诺期限内作出决定（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Decision not made by the promised time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'licensing.decision-time-limit.promised-late': {
    zh: (p) => `超过承诺期限作出决定（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Decision made after the promised time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'licensing.decision-time-limit.approaching': {
    zh: (p) => `作出决定的承诺期限（${t(p.limit)}）即将届满${provisional.zh(p)}。`,
    en: (p) => `Promised time limit for the decision (${t(p.limit)}) is approaching${provisional.en(p)}.`,
  },
  'licensing.extension': {
    zh: (p) => `延长期限累计 ${t(p.total)} 个工作日，超过上限 ${t(p.cap)} 个工作日；计算期限时只计 ${t(p.cap)} 个工作日。`,
    en: (p) => `Extensions of ${t(p.total)} working days exceed the cap of ${t(p.cap)} working days; only ${t(p.cap)} count towards the time limits.`,
  },
  'licensing.fee.no-standard': {
    zh: (p) => `事项目录未设定收费，却收取费用 ${yuanOfFen(p.chargedFen)} 元。`,
    en: (p) => `Fees of ${yuanOfFen(p.chargedFen)} yuan charged for a matter whose catalogue sets no fee.`,
  },
  'licensing.fee.above-standard': {
    zh: (p) => `收取费用 ${yuanOfFen(p.chargedFen)} 元，超过事项目录规定的标准 ${yuanOfFen(p.standardFen)} 元。`,
    en: (p) => `Fees of ${yuanOfFen(p.chargedFen)} yuan charged, above the catalogue standard of ${yuanOfFen(p.standardFen)} yuan.`,
  },
  'licensing.procedure-order.without-acceptance': {
    zh: () => '未经受理即作出决定。',
    en: () => 'Case decided without prior acceptance.',
  },
  'licensing.procedure-order.without-decision': {
    zh: () => '未作出决定即办结。',
    en: () => 'Case concluded without a decision.',
  },
  'licensing.procedure-order.both': {
    zh: () => '未经受理即作出决定，且未作出决定即办结。',
    en: () => 'Case decided without prior acceptance and concluded without a decision.',
  },
  'licensing.refusal-reasons': {
    zh: () => '作出不予行政许可决定，未书面说明理由。',
    en: () => 'Application refused without written reasons.',
  },
  'licensing.stage-time-limit': {
    zh: (p) =>
      `办理环节超过时限：${[
        p.acceptance !== undefined ? licensingStage.zh(p, 'acceptance') : null,
        p.delivery !== undefined ? licensingStage.zh(p, 'delivery') : null,
      ]
        .filter((problem) => problem !== null)
        .join('；')}。`,
    en: (p) =>
      `Stage time limit passed: ${[
        p.acceptance !== undefined ? licensingStage.en(p, 'acceptance') : null,
        p.delivery !== undefined ? licensingStage.en(p, 'delivery') : null,
      ]
        .filter((problem) => problem !== null)
        .join('; ')}.`,
  },
  'licensing.suspension': {
    zh: (p) => {
      const problems: string[] = [];
      if (p.unfoundedCount !== undefined)
        problems.push(`无《中华人民共和国行政许可法》第四十五条规定的事由（${suspensions.zh(p, 'unfounded')}；中止期间计入期限）`);
      if (p.unnotifiedCount !== undefined) problems.push(`未书面告知申请人所需时间（${suspensions.zh(p, 'unnotified')}）`);
      if (p.longCount !== undefined) {
        const length = p.longCount !== 1 ? '' : flag(p.longOpen) ? '，仍在中止' : `，历时 ${t(p.longDays)} 日`;
        problems.push(`超过 ${t(p.limitDays)} 个自然日（${suspensions.zh(p, 'long')}${length}）`);
      }
      return `案件中止办理：${problems.join('；')}。`;
    },
    en: (p) => {
      const problems: string[] = [];
      if (p.unfoundedCount !== undefined)
        problems.push(`on no legal ground of Article 45 (${suspensions.en(p, 'unfounded')}; such days count towards the time limits)`);
      if (p.unnotifiedCount !== undefined) problems.push(`without written notice to the applicant of how long it takes (${suspensions.en(p, 'unnotified')})`);
      if (p.longCount !== undefined) {
        const length = p.longCount !== 1 ? '' : flag(p.longOpen) ? ', still suspended' : `, ${t(p.longDays)} days`;
        problems.push(`for more than ${t(p.limitDays)} calendar days (${suspensions.en(p, 'long')}${length})`);
      }
      return `Case suspended ${problems.join('; ')}.`;
    },
  },

  // 行政处罚
  'penalty.procedure-order': {
    zh: (p) =>
      `案件${codes(p.problems)
        .map((code) => penaltyProcedureProblems[code]?.zh ?? code)
        .join('；')}。`,
    en: (p) => `Case ${listed(codes(p.problems).map((code) => penaltyProcedureProblems[code]?.en ?? code))}.`,
  },
  'penalty.fine-within-band.no-band': {
    zh: (p) => `违法行为 ${t(p.violation)}（${t(p.circumstance)}）未配置裁量基准。`,
    en: (p) => `No discretion band configured for violation ${t(p.violation)} (${t(p.circumstance)}).`,
  },
  'penalty.fine-within-band.outside': {
    zh: (p) => `罚款 ${t(p.fine)} 元，超出违法行为 ${t(p.violation)}（${t(p.circumstance)}）的裁量基准 ${t(p.min)}-${t(p.max)} 元。`,
    en: (p) =>
      `Fine of ${t(p.fine)} yuan is outside the discretion band of ${t(p.min)}-${t(p.max)} yuan for violation ${t(p.violation)} (${t(p.circumstance)}).`,
  },
  'penalty.hearing-notice.fine': {
    zh: (p) => `罚款 ${t(p.fine)} 元，达到听证标准 ${t(p.threshold)} 元，但作出决定前未告知当事人有要求听证的权利。`,
    en: (p) => `Fine of ${t(p.fine)} yuan reaches the hearing threshold of ${t(p.threshold)} yuan, but no hearing notice was issued before the decision.`,
  },
  'penalty.hearing-notice.proposed-fine': {
    zh: (p) => `拟罚款 ${t(p.fine)} 元，达到听证标准 ${t(p.threshold)} 元，但作出决定前未告知当事人有要求听证的权利。`,
    en: (p) =>
      `Proposed fine of ${t(p.fine)} yuan reaches the hearing threshold of ${t(p.threshold)} yuan, but no hearing notice was issued before the decision.`,
  },
  'penalty.decision-time-limit.late': {
    zh: (p) => `超过办案期限作出行政处罚决定（期限 ${t(p.limit)}${provisional.zh(p)}）。`,
    en: (p) => `Penalty decision made after the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'penalty.decision-time-limit.closed-late': {
    zh: (p) => `超过办案期限（${t(p.limit)}${provisional.zh(p)}）后未作出决定即结案。`,
    en: (p) => `Case closed without a decision after the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'penalty.decision-time-limit.overdue': {
    zh: (p) => `未在办案期限内作出行政处罚决定（期限 ${t(p.limit)}${provisional.zh(p)}）。`,
    en: (p) => `Penalty decision not made by the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'penalty.decision-time-limit.approaching': {
    zh: (p) => `作出行政处罚决定的期限（${t(p.limit)}${provisional.zh(p)}）即将届满。`,
    en: (p) => `Time limit for the penalty decision (${t(p.limit)}${provisional.en(p)}) is approaching.`,
  },
  'penalty.publication.overdue': {
    zh: (p) => `行政处罚决定未在公开期限内公开（期限 ${t(p.limit)}${provisional.zh(p)}）。`,
    en: (p) => `Penalty decision not published by the publication limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'penalty.publication.late': {
    zh: (p) => `行政处罚决定超过公开期限公开（期限 ${t(p.limit)}${provisional.zh(p)}）。`,
    en: (p) => `Penalty decision published after the publication limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'penalty.publication.last-day': {
    zh: (p) => `今日为公开行政处罚决定的最后一日（${t(p.limit)}${provisional.zh(p)}）。`,
    en: (p) => `Today is the last day to publish the penalty decision (${t(p.limit)}${provisional.en(p)}).`,
  },

  // 公共资源交易（招标投标）
  'publicResourceTrading.bid-period': {
    zh: (p) =>
      `投标截止时间${flag(p.amended) ? '（经修改）' : ''}为 ${t(p.deadline)}，距招标公告发布（${t(p.notice)}）不足 ${t(p.minDays)} 日；依法最早的投标截止日为 ${t(p.earliest)}${provisional.zh(p)}。`,
    en: (p) =>
      `Bid deadline${flag(p.amended) ? ' (as amended)' : ''} of ${t(p.deadline)} leaves fewer than ${plural(p.minDays, 'day')} after the notice of ${t(p.notice)}; the earliest lawful bid deadline is ${t(p.earliest)}${provisional.en(p)}.`,
  },
  'publicResourceTrading.amendment-notice': {
    zh: (p) =>
      `招标文件于 ${t(p.amended)} 澄清或修改，距投标截止时间（${t(p.deadline)}）不足 ${t(p.minDays)} 日；修改后依法最早的投标截止日为 ${t(p.earliest)}${provisional.zh(p)}。`,
    en: (p) =>
      `Tender documents amended on ${t(p.amended)}, fewer than ${plural(p.minDays, 'day')} before the bid deadline of ${t(p.deadline)}; the earliest lawful bid deadline after it is ${t(p.earliest)}${provisional.en(p)}.`,
  },
  'publicResourceTrading.publicity-period': {
    zh: (p) =>
      `${codes(p.problems)
        .map((code) => publicityProblems.zh(code, p))
        .join('；')}。`,
    en: (p) =>
      `${capitalized(
        codes(p.problems)
          .map((code) => publicityProblems.en(code, p))
          .join(', and '),
      )}.`,
  },
  'publicResourceTrading.single-bidder': {
    zh: (p) => `仅 ${t(p.bidders)} 个投标人参加仍确定中标；投标人少于三个的，应当重新招标。`,
    en: (p) => `Tender awarded although only ${plural(p.bidders, 'bidder')} took part; fewer than three require a new tender.`,
  },
  'publicResourceTrading.contract-amount': {
    zh: (p) =>
      `合同金额 ${t(p.contract)} 元与中标金额 ${t(p.awarded)} 元${p.deviation === undefined ? '不一致' : `相差 ${t(p.deviation)}%`}，超过允许的 ${t(p.percent)}%。`,
    en: (p) =>
      `Contract amount of ${t(p.contract)} yuan differs from the awarded ${t(p.awarded)} yuan${p.deviation === undefined ? '' : ` by ${t(p.deviation)}%`}, more than the ${t(p.percent)}% allowed.`,
  },
  'publicResourceTrading.procedure-order': {
    zh: (p) =>
      `${codes(p.problems)
        .map((code) => tenderProcedureProblems[code]?.zh ?? code)
        .join('；')}。`,
    en: (p) =>
      `${capitalized(
        codes(p.problems)
          .map((code) => tenderProcedureProblems[code]?.en ?? code)
          .join(', and '),
      )}.`,
  },
  'publicResourceTrading.contract-time-limit.late': {
    zh: (p) => `超过中标后订立合同的期限（${t(p.limit)}）订立合同${provisional.zh(p)}。`,
    en: (p) => `Contract signed after the time limit of ${t(p.limit)} after the award${provisional.en(p)}.`,
  },
  'publicResourceTrading.contract-time-limit.overdue': {
    zh: (p) => `未在中标后订立合同的期限（${t(p.limit)}）内订立合同${provisional.zh(p)}。`,
    en: (p) => `Contract not signed by the time limit of ${t(p.limit)} after the award${provisional.en(p)}.`,
  },
  'publicResourceTrading.contract-time-limit.approaching': {
    zh: (p) => `订立合同的期限（${t(p.limit)}）即将届满${provisional.zh(p)}。`,
    en: (p) => `Time limit for signing the contract (${t(p.limit)}) is approaching${provisional.en(p)}.`,
  },
  'publicResourceTrading.suspected-splitting': {
    zh: (p) =>
      `采购人 ${t(p.buyer)} 在 ${t(p.windowDays)} 日内订立 ${t(p.count)} 份金额在 ${t(p.lowerBound)} 至 ${t(p.upperBound)} 元之间的合同，均略低于依法必须招标的限额 ${t(p.threshold)} 元。`,
    en: (p) =>
      `Buyer ${t(p.buyer)} placed ${t(p.count)} contracts between ${t(p.lowerBound)} and ${t(p.upperBound)} yuan, just under the tendering threshold of ${t(p.threshold)} yuan, within ${t(p.windowDays)} days.`,
  },
  'publicResourceTrading.repeated-winner': {
    zh: (p) => `采购人 ${t(p.buyer)} 在 ${t(p.windowDays)} 日内将 ${t(p.count)} 个项目授予同一中标人 ${t(p.winner)}。`,
    en: (p) => `Buyer ${t(p.buyer)} awarded ${t(p.count)} tenders to the same winner ${t(p.winner)} within ${t(p.windowDays)} days.`,
  },

  // 网上行政服务
  'onlineService.acceptance-time-limit.late': {
    zh: (p) => `受理决定晚于受理期限作出（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Acceptance decided after the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'onlineService.acceptance-time-limit.overdue': {
    zh: (p) => `未在受理期限内作出受理决定（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Acceptance not decided by the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'onlineService.completion-time-limit.statutory-overdue': {
    zh: (p) => `未在法定时限内办结（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Not completed by the statutory time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'onlineService.completion-time-limit.statutory-late': {
    zh: (p) => `超过法定时限办结（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Completed after the statutory time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'onlineService.completion-time-limit.promised-overdue': {
    zh: (p) => `未在承诺时限内办结（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Not completed by the promised time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'onlineService.completion-time-limit.promised-late': {
    zh: (p) => `超过承诺时限办结（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Completed after the promised time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'onlineService.completion-time-limit.approaching': {
    zh: (p) => `办结的承诺时限（${t(p.limit)}）即将届满${provisional.zh(p)}。`,
    en: (p) => `Promised time limit for completion (${t(p.limit)}) is approaching${provisional.en(p)}.`,
  },
  'onlineService.delivery-time-limit.late': {
    zh: (p) => `办理结果晚于送达期限送达（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Result delivered after the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'onlineService.delivery-time-limit.overdue': {
    zh: (p) => `办结后未在送达期限内送达办理结果（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Result not delivered by the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'onlineService.online-delivery': {
    zh: (p) =>
      `${[
        p.channel === undefined ? null : `全程网办事项的办理结果未网上送达，仅${deliveryChannels[t(p.channel)]?.zh ?? t(p.channel)}`,
        flag(p.noCertificate) ? '准予办理的结果未出具电子证照' : null,
      ]
        .filter((problem) => problem !== null)
        .join('；')}。`,
    en: (p) =>
      `${capitalized(
        listed(
          [
            p.channel === undefined
              ? null
              : `the result of a matter handled wholly online was not delivered online, only ${deliveryChannels[t(p.channel)]?.en ?? t(p.channel)}`,
            flag(p.noCertificate) ? 'the approved result came without an electronic certificate' : null,
          ].filter((problem): problem is string => problem !== null),
        ),
      )}.`,
  },
  'onlineService.procedure-order': {
    zh: (p) =>
      `办理环节顺序有误：${codes(p.problems)
        .map((code) => onlineServiceOrderProblems[code]?.zh ?? code)
        .join('；')}。`,
    en: (p) => `Steps out of order: ${listed(codes(p.problems).map((code) => onlineServiceOrderProblems[code]?.en ?? code))}.`,
  },
  'onlineService.supplement-notice': {
    zh: (p) => `一次性告知补正材料通知${completionProblems.zh(p)}。`,
    en: (p) => `Notice to supplement materials ${completionProblems.en('issued', p)}.`,
  },

  // 政府信息公开
  'disclosure.completion-request': {
    zh: (p) => `补正政府信息公开申请的通知${completionProblems.zh(p)}。`,
    en: (p) => `Request to complete the disclosure request ${completionProblems.en('made', p)}.`,
  },
  'disclosure.refusal-reasons.refused': {
    zh: () => '决定不予公开，未说明理由。',
    en: () => 'Disclosure refused without reasons.',
  },
  'disclosure.refusal-reasons.partly': {
    zh: () => '部分公开时对不予公开的部分未说明理由。',
    en: () => 'Information withheld from a partial disclosure without reasons.',
  },
  'disclosure.extension-limit': {
    zh: (p) => `答复期限累计延长 ${t(p.total)} 个工作日，超过允许的 ${t(p.max)} 个工作日。`,
    en: (p) => `Reply limit extended by ${t(p.total)} working days in all, more than the ${t(p.max)} allowed.`,
  },
  'disclosure.reply-time-limit.outermost-late': {
    zh: (p) => `答复晚于 ${t(p.limit)} 作出，已超过延长最长期限（${t(p.maxExtension)} 个工作日）后的答复期限${provisional.zh(p)}。`,
    en: (p) =>
      `Reply given after ${t(p.limit)}, beyond the limit even with the longest extension allowed (${t(p.maxExtension)} working days)${provisional.en(p)}.`,
  },
  'disclosure.reply-time-limit.outermost-overdue': {
    zh: (p) => `至 ${t(p.limit)} 仍未答复，已超过延长最长期限（${t(p.maxExtension)} 个工作日）后的答复期限${provisional.zh(p)}。`,
    en: (p) =>
      `Reply not given by ${t(p.limit)}, beyond the limit even with the longest extension allowed (${t(p.maxExtension)} working days)${provisional.en(p)}.`,
  },
  'disclosure.reply-time-limit.late': {
    zh: (p) => `超过答复期限作出答复（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Reply given after the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'disclosure.reply-time-limit.overdue': {
    zh: (p) => `未在答复期限内作出答复（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Reply not given by the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'disclosure.reply-time-limit.approaching': {
    zh: (p) => `政府信息公开申请的答复期限（${t(p.limit)}）即将届满${provisional.zh(p)}。`,
    en: (p) => `Time limit for the reply to a disclosure request (${t(p.limit)}) is approaching${provisional.en(p)}.`,
  },
  'disclosure.proactive-time-limit.last-day': {
    zh: (p) => `${t(p.formedOn)} ${proactiveChange(p)}的政府信息须于 ${t(p.limit)} 前公开，当日为公开期限的最后一日${provisional.zh(p)}。`,
    en: (p) => `Information ${t(p.change)} on ${t(p.formedOn)} must be published by ${t(p.limit)}, the last day of its time limit${provisional.en(p)}.`,
  },
  'disclosure.proactive-time-limit.late': {
    zh: (p) => `${t(p.formedOn)} ${proactiveChange(p)}的政府信息超过公开期限公开（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Information ${t(p.change)} on ${t(p.formedOn)} published after the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'disclosure.proactive-time-limit.overdue': {
    zh: (p) => `${t(p.formedOn)} ${proactiveChange(p)}的政府信息未在公开期限内公开（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Information ${t(p.change)} on ${t(p.formedOn)} not published by the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },

  // 信访（《信访工作条例》）：期限按日计算
  ...petitionStepTexts('acceptance-notice'),
  'petition.handling-time-limit.outermost-late': {
    zh: (p) => `信访事项晚于 ${t(p.limit)} 办结，已超过延长最长期限（${t(p.maxExtension)} 日）后的办理期限${provisional.zh(p)}。`,
    en: (p) =>
      `Petition handled after ${t(p.limit)}, beyond the limit even with the longest extension allowed (${t(p.maxExtension)} days)${provisional.en(p)}.`,
  },
  'petition.handling-time-limit.outermost-overdue': {
    zh: (p) => `信访事项至 ${t(p.limit)} 仍未办结，已超过延长最长期限（${t(p.maxExtension)} 日）后的办理期限${provisional.zh(p)}。`,
    en: (p) =>
      `Petition not handled by ${t(p.limit)}, beyond the limit even with the longest extension allowed (${t(p.maxExtension)} days)${provisional.en(p)}.`,
  },
  'petition.handling-time-limit.late': {
    zh: (p) => `信访事项超过办理期限办结（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Petition handled after the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'petition.handling-time-limit.overdue': {
    zh: (p) => `信访事项未在办理期限内办结（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Petition not handled by the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'petition.handling-time-limit.approaching': {
    zh: (p) => `信访事项的办理期限（${t(p.limit)}）即将届满${provisional.zh(p)}。`,
    en: (p) => `Time limit for handling the petition (${t(p.limit)}) is approaching${provisional.en(p)}.`,
  },
  'petition.extension': {
    zh: (p) =>
      `办理期限延长 ${t(p.count)} 次、共 ${t(p.total)} 日（最长 ${t(p.max)} 日）：${codes(p.problems)
        .map((code) => petitionExtensionProblems[code]?.zh ?? code)
        .join('；')}。`,
    en: (p) =>
      `Handling limit extended ${plural(p.count, 'time')} by ${plural(p.total, 'day')} in all (at most ${t(p.max)}): ${listed(
        codes(p.problems).map((code) => petitionExtensionProblems[code]?.en ?? code),
      )}.`,
  },
  ...petitionStepTexts('review-time-limit'),
  ...petitionStepTexts('re-review-time-limit'),
  'petition.stage-order': {
    zh: (p) =>
      `信访办理程序顺序有误：${codes(p.problems)
        .map((code) => petitionStageProblems[code]?.zh ?? code)
        .join('；')}。`,
    en: (p) => `Petition procedure out of order: ${listed(codes(p.problems).map((code) => petitionStageProblems[code]?.en ?? code))}.`,
  },

  // 政府投资项目（《政府投资条例》）：金额以分计，以元显示
  'investmentProject.budget-estimate.exceeded': {
    zh: (p) =>
      `${t(p.on)} 累计投资 ${yuanOfFen(p.investmentFen)} 元，超过核定概算 ${yuanOfFen(p.estimateFen)} 元（超出 ${yuanOfFen(p.excessFen)} 元），且未申请调整概算。`,
    en: (p) =>
      `Investment of ${yuanOfFen(p.investmentFen)} yuan on ${t(p.on)} exceeds the approved estimate of ${yuanOfFen(p.estimateFen)} yuan by ${yuanOfFen(p.excessFen)} yuan with no adjustment requested.`,
  },
  'investmentProject.budget-estimate.exceeded-pending': {
    zh: (p) =>
      `${t(p.on)} 累计投资 ${yuanOfFen(p.investmentFen)} 元，在概算调整获批前超过核定概算 ${yuanOfFen(p.estimateFen)} 元（超出 ${yuanOfFen(p.excessFen)} 元）。`,
    en: (p) =>
      `Investment of ${yuanOfFen(p.investmentFen)} yuan on ${t(p.on)} exceeds the approved estimate of ${yuanOfFen(p.estimateFen)} yuan by ${yuanOfFen(p.excessFen)} yuan before the requested adjustment was approved.`,
  },
  'investmentProject.budget-estimate.approaching': {
    zh: (p) => `${t(p.on)} 累计投资 ${yuanOfFen(p.investmentFen)} 元，已接近核定概算 ${yuanOfFen(p.estimateFen)} 元。`,
    en: (p) => `Investment of ${yuanOfFen(p.investmentFen)} yuan on ${t(p.on)} is close to the approved estimate of ${yuanOfFen(p.estimateFen)} yuan.`,
  },
  'investmentProject.design-over-feasibility': {
    zh: (p) =>
      `初步设计提出的投资概算 ${yuanOfFen(p.estimateFen)} 元超过经批准的可行性研究报告投资估算 ${yuanOfFen(p.feasibilityFen)} 元的 ${p.percent}%（超出 ${yuanOfFen(p.excessFen)} 元），项目单位应当向投资主管部门报告，投资主管部门可以要求重新报送可行性研究报告。`,
    en: (p) =>
      `The preliminary design's estimate of ${yuanOfFen(p.estimateFen)} yuan is more than ${p.percent}% above the approved feasibility study's estimate of ${yuanOfFen(p.feasibilityFen)} yuan (by ${yuanOfFen(p.excessFen)} yuan): the project unit must report it, and the investment department may require the feasibility study to be submitted again.`,
  },
  'investmentProject.construction-start.without-design-approval': {
    zh: (p) => `${t(p.started)} 开工建设，但未见初步设计及概算批复。`,
    en: (p) => `Construction started on ${t(p.started)} with no approved preliminary design and estimate.`,
  },
  'investmentProject.construction-start.before-design-approval': {
    zh: (p) => `${t(p.started)} 开工建设，早于 ${t(p.approved)} 的初步设计及概算批复。`,
    en: (p) => `Construction started on ${t(p.started)}, before the preliminary design and estimate were approved on ${t(p.approved)}.`,
  },
  'investmentProject.change-approval.unapproved': {
    zh: (p) => `${t(p.count)} 项较大变更（${aspectsZh(p)}）未报原审批部门审批。`,
    en: (p) => `${capitalized(plural(p.count, 'major change'))} (${aspectsEn(p)}) made without the original approver's approval.`,
  },
  'investmentProject.change-approval.retroactive': {
    zh: (p) => `${t(p.count)} 项较大变更（${aspectsZh(p)}）先实施、后报批。`,
    en: (p) => `${capitalized(plural(p.count, 'major change'))} (${aspectsEn(p)}) made before the original approver approved it.`,
  },
  'investmentProject.tendering.missing': {
    zh: (p) => `施工合同估算价 ${yuanOfFen(p.contractFen)} 元，达到必须招标标准 ${yuanOfFen(p.thresholdFen)} 元，已开工但未见招标。`,
    en: (p) =>
      `Construction contract of ${yuanOfFen(p.contractFen)} yuan, at or above the tendering threshold of ${yuanOfFen(p.thresholdFen)} yuan, started with no tender.`,
  },
  'investmentProject.tendering.after-start': {
    zh: (p) => `施工合同估算价 ${yuanOfFen(p.contractFen)} 元（必须招标标准 ${yuanOfFen(p.thresholdFen)} 元），招标晚于开工。`,
    en: (p) =>
      `Construction contract of ${yuanOfFen(p.contractFen)} yuan (tendering threshold ${yuanOfFen(p.thresholdFen)} yuan) tendered only after construction started.`,
  },
  'investmentProject.tendering.untraced': {
    zh: (p) => `施工合同估算价 ${yuanOfFen(p.contractFen)} 元（必须招标标准 ${yuanOfFen(p.thresholdFen)} 元）的招标未关联公共资源交易编号。`,
    en: (p) =>
      `Tender of the construction contract of ${yuanOfFen(p.contractFen)} yuan (threshold ${yuanOfFen(p.thresholdFen)} yuan) names no public resource trading case.`,
  },
  'investmentProject.tendering.goods-untraced': {
    zh: (p) =>
      `重要设备、材料等货物采购单项合同估算价 ${yuanOfFen(p.contractFen)} 元（必须招标标准 ${yuanOfFen(p.thresholdFen)} 元）的招标未关联公共资源交易编号${Number(p.count) > 1 ? `（共 ${p.count} 项）` : ''}。`,
    en: (p) =>
      `Tender of a goods contract of ${yuanOfFen(p.contractFen)} yuan (threshold ${yuanOfFen(p.thresholdFen)} yuan) names no public resource trading case${Number(p.count) > 1 ? ` (${p.count} such tenders)` : ''}.`,
  },
  'investmentProject.tendering.services-untraced': {
    zh: (p) =>
      `勘察、设计、监理等服务采购单项合同估算价 ${yuanOfFen(p.contractFen)} 元（必须招标标准 ${yuanOfFen(p.thresholdFen)} 元）的招标未关联公共资源交易编号${Number(p.count) > 1 ? `（共 ${p.count} 项）` : ''}。`,
    en: (p) =>
      `Tender of a services contract of ${yuanOfFen(p.contractFen)} yuan (threshold ${yuanOfFen(p.thresholdFen)} yuan) names no public resource trading case${Number(p.count) > 1 ? ` (${p.count} such tenders)` : ''}.`,
  },
  'investmentProject.acceptance-time-limit.approaching': {
    zh: (p) => `竣工验收的期限（${t(p.limit)}）即将届满${provisional.zh(p)}。`,
    en: (p) => `Time limit for the completion acceptance (${t(p.limit)}) is approaching${provisional.en(p)}.`,
  },
  'investmentProject.acceptance-time-limit.late': {
    zh: (p) => `超过期限进行竣工验收（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Completion acceptance held after the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'investmentProject.acceptance-time-limit.overdue': {
    zh: (p) => `未在期限内进行竣工验收（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Completion acceptance not held by the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'investmentProject.final-accounts-time-limit.approaching': {
    zh: (p) => `竣工财务决算的期限（${t(p.limit)}）即将届满${provisional.zh(p)}。`,
    en: (p) => `Time limit for the final accounts (${t(p.limit)}) is approaching${provisional.en(p)}.`,
  },
  'investmentProject.final-accounts-time-limit.late': {
    zh: (p) => `超过期限编报竣工财务决算（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Final accounts completed after the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'investmentProject.final-accounts-time-limit.overdue': {
    zh: (p) => `未在期限内编报竣工财务决算（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Final accounts not completed by the time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'investmentProject.final-accounts-time-limit.outermost-late': {
    zh: (p) => `晚于 ${t(p.limit)} 编报竣工财务决算，已超过延长最长期限（${t(p.maxExtension)} 个月）后的期限${provisional.zh(p)}。`,
    en: (p) =>
      `Final accounts completed after ${t(p.limit)}, beyond the limit even with the longest extension allowed (${plural(p.maxExtension, 'month')})${provisional.en(p)}.`,
  },
  'investmentProject.final-accounts-time-limit.outermost-overdue': {
    zh: (p) => `至 ${t(p.limit)} 仍未编报竣工财务决算，已超过延长最长期限（${t(p.maxExtension)} 个月）后的期限${provisional.zh(p)}。`,
    en: (p) =>
      `Final accounts not completed by ${t(p.limit)}, beyond the limit even with the longest extension allowed (${plural(p.maxExtension, 'month')})${provisional.en(p)}.`,
  },
  'investmentProject.stage-order': {
    zh: (p) =>
      `政府投资项目程序顺序有误：${codes(p.problems)
        .map((code) => investmentStageProblems[code]?.zh ?? code)
        .join('；')}。`,
    en: (p) => `Investment project stages out of order: ${listed(codes(p.problems).map((code) => investmentStageProblems[code]?.en ?? code))}.`,
  },

  // 政务信息共享（《政务数据共享条例》；《政务信息资源共享管理暂行办法》）：期限以工作日计
  'informationSharing.answer-time-limit.approaching': {
    zh: (p) => `共享申请的答复时限（${t(p.limit)}）即将届满${provisional.zh(p)}。`,
    en: (p) => `Time limit for answering the share request (${t(p.limit)}) is approaching${provisional.en(p)}.`,
  },
  'informationSharing.answer-time-limit.catalogue-late': {
    zh: (p) => `超过目录规定的答复时限答复共享申请（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Share request answered after the catalogue time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'informationSharing.answer-time-limit.catalogue-overdue': {
    zh: (p) => `未在目录规定的答复时限内答复共享申请（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Share request not answered by the catalogue time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'informationSharing.answer-time-limit.legal-late': {
    zh: (p) => `超过法定答复时限答复共享申请（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Share request answered after the legal time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'informationSharing.answer-time-limit.legal-overdue': {
    zh: (p) => `未在法定答复时限内答复共享申请（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Share request not answered by the legal time limit of ${t(p.limit)}${provisional.en(p)}.`,
  },
  'informationSharing.delivery-time-limit.late': {
    zh: (p) => `同意共享后超过提供时限提供数据（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Data delivered after the time limit of ${t(p.limit)} following the grant${provisional.en(p)}.`,
  },
  'informationSharing.delivery-time-limit.overdue': {
    zh: (p) => `同意共享后未在提供时限内提供数据（期限 ${t(p.limit)}）${provisional.zh(p)}。`,
    en: (p) => `Data not delivered by the time limit of ${t(p.limit)} following the grant${provisional.en(p)}.`,
  },
  'informationSharing.stage-order': {
    zh: (p) =>
      `信息共享程序顺序有误：${codes(p.problems)
        .map((code) => sharingStageProblems[code]?.zh ?? code)
        .join('；')}。`,
    en: (p) => `Sharing procedure out of order: ${listed(codes(p.problems).map((code) => sharingStageProblems[code]?.en ?? code))}.`,
  },
  'informationSharing.unconditional-refused': {
    zh: (p) => `信息资源 ${t(p.resource)} 属于无条件共享类，却被拒绝共享。`,
    en: (p) => `Resource ${t(p.resource)} is catalogued for unconditional sharing but the request was refused.`,
  },
  'informationSharing.use-beyond-purpose': {
    zh: (p) =>
      `共享数据超出申请用途使用（${t(p.count)} 次，报告方：${codes(p.reportedBy)
        .map((code) => useReporters[code]?.zh ?? code)
        .join('、')}）。`,
    en: (p) =>
      `Shared data used beyond the stated purpose (${plural(p.count, 'report')}, by ${listed(codes(p.reportedBy).map((code) => useReporters[code]?.en ?? code))}).`,
  },

  // 部门接入（《办法》第七条、第十条、第二十四条第一款第（三）项）：长时间未报送，或已要求接入的记录种类迟迟未接入
  'connection.feed-silent.since': {
    zh: (p) => `该部门自 ${shanghaiMinute(p.since)} 起已 ${t(p.workingHours)} 个工作小时未报送记录（至 ${shanghaiMinute(p.limit)}）。`,
    en: (p) => `No records from the department since ${t(p.since)}: ${plural(p.workingHours, 'working hour')} without a push (by ${t(p.limit)}).`,
  },
  'connection.feed-silent.never': {
    zh: (p) => `该部门自 ${t(p.connectedOn)} 接入以来从未报送记录，已超过 ${t(p.workingHours)} 个工作小时（至 ${shanghaiMinute(p.limit)}）。`,
    en: (p) =>
      `No records from the department ever since it was connected on ${t(p.connectedOn)}: more than ${plural(p.workingHours, 'working hour')} (by ${t(p.limit)}).`,
  },
  'connection.delayed-connection': {
    zh: (p) => `要求接入的「${t(p.kind)}」类事项自 ${t(p.connectedOn)} 起 ${t(p.graceWorkingDays)} 个工作日内（至 ${t(p.limit)}）未产生任何记录，接入迟延。`,
    en: (p) => `Delayed connection: no ${t(p.kind)} record within ${plural(p.graceWorkingDays, 'working day')} of ${t(p.connectedOn)} (by ${t(p.limit)}).`,
  },
  // 一致性核查（第七条第二款）：部门报送的清单与系统所存记录不一致，或清单逾期未报
  'reconciliation.difference': {
    zh: (p) =>
      `一致性核查：${t(p.days)} 的记录清单与系统所存不一致（缺失 ${t(p.missing)} 条，多出 ${t(p.extra)} 条，版本不一致 ${t(p.mismatched)} 条，差异分桶 ${t(p.buckets)} 个${p.examples === undefined ? '' : `，如 ${t(p.examples)}`}）。`,
    en: (p) =>
      `Reconciliation: the manifest of ${t(p.days)} differs from what the system holds (${t(p.missing)} missing, ${t(p.extra)} extra, ${t(p.mismatched)} version mismatched, ${plural(p.buckets, 'differing bucket')}${p.examples === undefined ? '' : `, e.g. ${t(p.examples)}`}).`,
  },
  'reconciliation.manifest-late': {
    zh: (p) => `一致性核查：${t(p.days)} 的记录清单未按时报送（应于 ${shanghaiMinute(p.limit)} 前报送）。`,
    en: (p) => `Reconciliation: the manifest of ${t(p.days)} was not submitted on time (due by ${shanghaiMinute(p.limit)}).`,
  },

  // 问责措施（第二十三条、第二十四条）：责令改正逾期未改正
  'accountability.order-overdue': {
    zh: (p) => `责令改正通知书 ${t(p.measureNumber)} 要求于 ${t(p.deadline)} 前改正，期限已过，未报告改正情况。`,
    en: (p) => `Order to correct ${t(p.measureNumber)}: the deadline of ${t(p.deadline)} passed with no correction reported.`,
  },
  'accountability.order-overdue.escalated': {
    zh: (p) =>
      `责令改正通知书 ${t(p.measureNumber)} 要求于 ${t(p.deadline)} 前改正，逾期 ${t(p.workingDays)} 个工作日（至 ${t(p.escalatedOn)}）仍未报告改正情况。`,
    en: (p) =>
      `Order to correct ${t(p.measureNumber)}: still no correction reported ${plural(p.workingDays, 'working day')} after the deadline of ${t(p.deadline)} (by ${t(p.escalatedOn)}).`,
  },

  // 预警本身：情形消除，或迟到的记录表明预警有误
  'alert.resolved': {
    zh: () => '预警所指情形已消除。',
    en: () => 'The condition no longer holds.',
  },
  // Wrapping the finding's own sentence: escalation by time (Art. 18), and a hold while the department's feed is stale.
  'alert.escalated': {
    zh: (p, finding) => cut(`${levelName(p.from)}信号经 ${t(p.workingDays)} 个工作日未获答复，升级为${levelName(p.to)}。${finding}`),
    en: (p, finding) => cut(`Unanswered at level ${t(p.from)}; escalated to ${t(p.to)}. ${finding}`),
  },
  'alert.held': {
    zh: (p, finding) => cut(`因数据不足暂缓：${p.since === undefined ? '该部门从未报送记录' : `该部门自 ${shanghaiMinute(p.since)} 起未报送记录`}。${finding}`),
    en: (p, finding) => cut(`Held for insufficient data: no records from the department ${p.since === undefined ? 'ever' : `since ${t(p.since)}`}. ${finding}`),
  },
  'alert.withdrawn': {
    zh: (p) => `预警撤回：第 ${t(p.sequence)} 条记录发生于 ${t(p.occurredAt)}，迟于预警送达，表明该情形并不成立。`,
    en: (p) => `Withdrawn: record ${t(p.sequence)}, which happened on ${t(p.occurredAt)} but arrived later, shows the condition did not hold.`,
  },

  // 通过配置定义的记录类别
  'configured.clock.overdue': {
    zh: (p) => `「${t(p.to)}」未在期限 ${t(p.limit)}（${configuredLimit.zh(p)}）前发生${provisional.zh(p)}。`,
    en: (p) => `'${t(p.to)}' did not happen by the time limit of ${t(p.limit)} (${configuredLimit.en(p)})${provisional.en(p)}.`,
  },
  'configured.clock.late': {
    zh: (p) => `「${t(p.to)}」晚于期限 ${t(p.limit)}（${configuredLimit.zh(p)}）发生${provisional.zh(p)}。`,
    en: (p) => `'${t(p.to)}' happened after the time limit of ${t(p.limit)} (${configuredLimit.en(p)})${provisional.en(p)}.`,
  },
  // The kind's own words, as its definition wrote them; only the clock's limit is worded per language.
  'configured.clock.own-words': {
    zh: (p) => filled(p, configuredLimit.zh(p)),
    en: (p) => filled(p, configuredLimit.en(p)),
  },
  'configured.clock.approaching': {
    zh: (p) => `「${t(p.to)}」的期限（${t(p.limit)}，${configuredLimit.zh(p)}）即将届满${provisional.zh(p)}。`,
    en: (p) => `Time limit for '${t(p.to)}' (${t(p.limit)}, ${configuredLimit.en(p)}) is approaching${provisional.en(p)}.`,
  },
  'configured.band': {
    zh: (p) =>
      `「${t(p.event)}」的「${t(p.field)}」为 ${t(p.value)}，${
        p.min !== undefined && p.max !== undefined
          ? `不在 ${t(p.min)} 至 ${t(p.max)} 的范围内`
          : p.min !== undefined
            ? `低于下限 ${t(p.min)}`
            : `高于上限 ${t(p.max)}`
      }。`,
    en: (p) =>
      `'${t(p.field)}' of '${t(p.event)}' is ${t(p.value)}, outside ${
        p.min !== undefined && p.max !== undefined
          ? `the band ${t(p.min)} to ${t(p.max)}`
          : p.min !== undefined
            ? `the minimum of ${t(p.min)}`
            : `the maximum of ${t(p.max)}`
      }.`,
  },
  'reporting.future-instant': {
    zh: (p) =>
      `第 ${t(p.sequence)} 条记录（${t(p.event)}）所记的行为时间 ${shanghaiMinute(p.occurredAt)} 晚于其接收时间 ${shanghaiMinute(p.receivedAt)}，记录不准确。`,
    en: (p) =>
      `Record ${t(p.sequence)} (${t(p.event)}) says its act happened at ${shanghaiMinute(p.occurredAt)}, after it was received at ${shanghaiMinute(p.receivedAt)}: the record is not accurate.`,
  },
  'reporting.stage-order': {
    zh: (p) =>
      `第 ${t(p.sequence)} 条记录（${t(p.event)}）所记时间 ${shanghaiMinute(p.occurredAt)} 早于在先环节第 ${t(p.earlierSequence)} 条记录（${t(p.earlierEvent)}）所记时间 ${shanghaiMinute(p.earlierOccurredAt)}，前后矛盾，记录不准确。`,
    en: (p) =>
      `Record ${t(p.sequence)} (${t(p.event)}) is stamped ${shanghaiMinute(p.occurredAt)}, before the earlier stage's record ${t(p.earlierSequence)} (${t(p.earlierEvent)}) stamped ${shanghaiMinute(p.earlierOccurredAt)}: the records contradict each other.`,
  },
  'reporting.late': {
    zh: (p) =>
      `第 ${t(p.sequence)} 条记录（${t(p.event)}）所记行为发生于 ${shanghaiMinute(p.occurredAt)}，至 ${shanghaiMinute(p.receivedAt)} 才报送，超过 ${t(p.hours)} 小时，未及时上报${
        Number(p.count) > 1 ? `（本案共 ${t(p.count)} 条记录迟报）` : ''
      }。`,
    en: (p) =>
      `Record ${t(p.sequence)} (${t(p.event)}) of an act at ${shanghaiMinute(p.occurredAt)} was received at ${shanghaiMinute(p.receivedAt)}, more than ${plural(p.hours, 'hour')} later: reported late${
        Number(p.count) > 1 ? ` (${t(p.count)} records of the case late)` : ''
      }.`,
  },
  'reporting.incomplete': {
    zh: (p) =>
      `已报送第 ${t(p.sequence)} 条记录（${t(p.event)}，接收于 ${shanghaiMinute(p.receivedAt)}），但至 ${shanghaiMinute(p.limit)} 仍未报送其在先环节（${t(p.missing)}）的记录，上报的信息不完整。`,
    en: (p) =>
      `Record ${t(p.sequence)} (${t(p.event)}) arrived at ${shanghaiMinute(p.receivedAt)}, but no record of the earlier stage (${t(p.missing)}) by ${shanghaiMinute(p.limit)}: the case is reported incompletely.`,
  },
  'connection.data-standard': {
    zh: (p) =>
      `${t(p.from)} 至 ${t(p.to)} 报送的 ${t(p.arrived)} 条记录中有 ${t(p.refused)} 条不符合数据标准被拒收（${t(p.percent)}%），达到 ${t(p.threshold)}% 的限度。`,
    en: (p) =>
      `${t(p.refused)} of ${plural(p.arrived, 'record')} pushed from ${t(p.from)} to ${t(p.to)} were refused for departing from the data standard (${t(p.percent)}%), at or above the ${t(p.threshold)}% limit.`,
  },
} satisfies Record<string, MessageText>;

export type AlertMessageKey = keyof typeof alertMessageTexts;

/** A message whose key is one of the table's: what this version states. */
export type KnownAlertMessage = AlertMessage & { readonly key: AlertMessageKey };

const texts: Readonly<Record<string, MessageText>> = alertMessageTexts;

/**
 * The message in `language`; null for a key this version does not know (a message stored by a
 * later or earlier version), so the caller falls back to the stored English summary.
 */
export function renderMessage(message: AlertMessage, language: keyof Bilingual): string | null {
  const text = Object.hasOwn(texts, message.key) ? texts[message.key] : undefined;
  if (text === undefined) return null;
  const finding = message.finding === undefined ? '' : renderMessage(message.finding, language);
  return finding === null ? null : text[language](message.params, finding);
}

/** The English sentence a rule states as its finding's `summary`. */
export function englishSummary(message: KnownAlertMessage): string {
  return renderMessage(message, 'en') ?? '';
}

/**
 * A message about the signal wrapping its finding's (`alert.escalated`, `alert.held`), when the
 * finding has a message and the wrapper renders in English exactly as `summary`, the sentence
 * stored; nothing otherwise (an alert stored before messages, or a finding whose words changed),
 * so the entry keeps its stored sentence in every language.
 */
export function wrappingMessage(
  key: 'alert.escalated' | 'alert.held',
  params: MessageParams,
  finding: AlertMessage | undefined,
  summary: string,
): { readonly message?: AlertMessage } {
  if (finding === undefined) return {};
  const message: AlertMessage = { key, params, finding };
  return renderMessage(message, 'en') === summary ? { message } : {};
}
