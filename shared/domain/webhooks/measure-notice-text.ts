/**
 * The Chinese text of an accountability measure's event (问责措施, Art. 23, 24) as a DingTalk
 * group, a 浙政钉 work notice and an SMS show it: whose measure, its type and number, and what
 * happened (issued, with an order to correct's deadline; a correction reported, accepted or
 * rejected; a criticism circulated; a referral's decision recorded, its outcome only). Built from
 * the event's own fields only (docs/events.md), and the department's name when the city structure
 * gives it (its id otherwise); never a person, the facts, the requirements or a report's text (the
 * event has none).
 */
import { accountabilityMeasureIssued, accountabilityMeasureStepRecorded } from '../accountability/accountability-measure-events.ts';
import { measureTypeNames, referralOutcomeNames, type MeasureType, type ReferralOutcome } from '../accountability/accountability-measure.ts';

/**
 * `full`: a group's or a work notice's text; `short`: an SMS's (one message): the number without
 * words around it, no deadline again on a rejection (the issue's), no referral outcome.
 */
export type MeasureTextStyle = 'full' | 'short';

const heading = '【电子监察】';

/** Names the texts use instead of ids: the department's, as the city structure holds it. */
export interface NoticeNames {
  readonly department?: string;
}

/** What a department is said to receive, by the measure's type. */
const issuedWords: Record<MeasureType, string> = {
  correctionOrder: '收到责令改正',
  circulatedCriticism: '收到通报批评',
  accountabilityReferral: '被移送追究责任',
};

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Whether an event type is a measure's. */
export const isMeasureEvent = (detailType: string): boolean => detailType === accountabilityMeasureIssued || detailType === accountabilityMeasureStepRecorded;

/** The text of a measure's event, without its event type; undefined when the detail is not a measure's. */
export function measureText(detailType: string, detail: unknown, style: MeasureTextStyle, names: NoticeNames = {}): string | undefined {
  if (!isMeasureEvent(detailType) || typeof detail !== 'object' || detail === null) return undefined;
  const { change, measure } = detail as { change?: unknown; measure?: Record<string, unknown> };
  const type = Object.keys(measureTypeNames).find((candidate) => candidate === measure?.['type']) as MeasureType | undefined;
  const number = text(measure?.['measureNumber']);
  if (measure === undefined || type === undefined || number === undefined) return undefined;
  const department = names.department ?? text(measure['department']) ?? '';
  const deadline = text(measure['deadline']);
  const numbered = style === 'full' ? `（编号 ${number}）` : ` ${number}`;
  const deadlineWords = (words: string): string => (deadline === undefined ? '' : `，${words} ${deadline}`);
  if (detailType === accountabilityMeasureIssued) {
    return `${heading}${department} ${issuedWords[type]}${numbered}${deadlineWords(style === 'full' ? '整改期限' : '期限')}`;
  }
  const outcome = Object.keys(referralOutcomeNames).find((candidate) => candidate === measure['decisionOutcome']) as ReferralOutcome | undefined;
  const full = style === 'full';
  const what: Readonly<Record<string, string>> = {
    correctionReported: '整改已报告',
    correctionAccepted: '整改已验收',
    correctionRejected: `整改被退回${full ? deadlineWords('整改期限') : ''}`,
    circulationRecorded: '通报已发布',
    decisionRecorded: `追责决定已记录${full && outcome !== undefined ? `：${referralOutcomeNames[outcome]}` : ''}`,
  };
  const step = typeof change === 'string' && Object.hasOwn(what, change) ? what[change]! : '已更新';
  return `${heading}${department} ${measureTypeNames[type]}${numbered}${full ? '' : ' '}${step}`;
}
