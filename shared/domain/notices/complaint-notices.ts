/**
 * The text of the written notices (书面告知) to a real-name complainant (Art. 19): the decision
 * on acceptance and the result of handling. Plain, formal administrative Chinese, addressed to the
 * complainant in the second person; the receipt number is the reference. A renderer only sets
 * this text on a page (see `NoticeRenderer`).
 */
import { epochDayOf, type LocalDate } from '../calendar/local-date.ts';
import type { WrittenNotice } from './written-notice.ts';

/** Who handles an accepted complaint, and by when (Art. 19: handled by the supervisor or forwarded). */
export type ComplaintHandling =
  { readonly by: 'supervisor'; readonly deadline: LocalDate } | { readonly by: 'department'; readonly departmentName: string; readonly deadline: LocalDate };

/** What the acceptance decision notice states. */
export interface AcceptanceDecisionFacts {
  readonly receiptNumber: string;
  /** The complainant's name (a person or an organisation), as the salutation prints it. */
  readonly addressee: string;
  readonly receivedOn: LocalDate;
  readonly decidedOn: LocalDate;
  readonly accepted: boolean;
  /** Mandatory when not accepted (printed as the reasons); an optional remark when accepted. */
  readonly reasons: string;
  /** How an accepted complaint will be handled; absent when that is not decided yet. */
  readonly handling?: ComplaintHandling;
  /** The issuing organ (落款), e.g. 宁波市海曙区监察委员会. */
  readonly organ: string;
}

/** What the handling result notice states. */
export interface HandlingResultFacts {
  readonly receiptNumber: string;
  readonly addressee: string;
  readonly receivedOn: LocalDate;
  /** The day handling was concluded; the notice is issued on it. */
  readonly concludedOn: LocalDate;
  /** The result of handling, as reviewed by the supervisor. */
  readonly result: string;
  /** Who handled the complaint: the organ itself (本机关) or the department it was forwarded to. */
  readonly handledBy: string;
  readonly organ: string;
}

/** A date as a notice prints it: `2026-10-09` → `2026年10月9日`. Throws a `RangeError` for a non-date. */
export function formatChineseDate(date: LocalDate): string {
  epochDayOf(date); // validates: a notice never prints 2026年2月30日
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/**
 * The notice of the decision to accept a complaint (投诉受理告知书) or not (投诉不予受理告知书),
 * issued on the day of the decision. Not accepting requires reasons; the notice then tells the
 * complainant where to turn if they disagree.
 */
export function acceptanceDecisionNotice(p: AcceptanceDecisionFacts): WrittenNotice {
  const receivedOn = formatChineseDate(p.receivedOn);
  requireNotBefore(p.decidedOn, p.receivedOn, 'the decision');
  const receiptNumber = requireText(p.receiptNumber, 'receiptNumber');
  const reasons = paragraphsOf(p.reasons);
  const opening = `你于${receivedOn}提出的投诉（投诉编号：${receiptNumber}），本机关已收悉。`;
  let paragraphs: string[];
  if (p.accepted) {
    paragraphs = [
      `${opening}经审查，本机关决定予以受理。`,
      ...reasons.map((reason, index) => (index === 0 ? `受理说明：${reason}` : reason)),
      handlingParagraph(p.handling, p.decidedOn),
      '你可以凭投诉编号和查询码查询办理进度。',
    ];
  } else {
    if (reasons.length === 0) throw new RangeError('a decision not to accept a complaint needs reasons');
    if (p.handling !== undefined) throw new RangeError('a complaint that is not accepted is not handled');
    paragraphs = [`${opening}经审查，本机关决定不予受理，理由如下：`, ...reasons, '你如对本决定有异议，可以向本机关的上一级机关反映。'];
  }
  return {
    kind: 'acceptanceDecision',
    title: p.accepted ? '投诉受理告知书' : '投诉不予受理告知书',
    reference: receiptNumber,
    addressee: requireText(p.addressee, 'addressee'),
    paragraphs: [...paragraphs, '特此告知。'],
    organ: requireText(p.organ, 'organ'),
    issuedOn: p.decidedOn,
  };
}

/** The notice of the result of handling (投诉处理结果告知书), issued on the day handling concluded. */
export function handlingResultNotice(p: HandlingResultFacts): WrittenNotice {
  const receivedOn = formatChineseDate(p.receivedOn);
  requireNotBefore(p.concludedOn, p.receivedOn, 'the conclusion');
  const receiptNumber = requireText(p.receiptNumber, 'receiptNumber');
  const result = paragraphsOf(p.result);
  if (result.length === 0) throw new RangeError('a handling result notice needs the result');
  return {
    kind: 'handlingResult',
    title: '投诉处理结果告知书',
    reference: receiptNumber,
    addressee: requireText(p.addressee, 'addressee'),
    paragraphs: [
      `你于${receivedOn}提出的投诉（投诉编号：${receiptNumber}），` +
        `经${requireText(p.handledBy, 'handledBy')}调查处理，已于${formatChineseDate(p.concludedOn)}办结。现将处理结果告知如下：`,
      ...result,
      '你如对处理结果有异议，可以向本机关的上一级机关反映。你也可以凭投诉编号和查询码对本次投诉的办理情况作出评价。',
      '特此告知。',
    ],
    organ: requireText(p.organ, 'organ'),
    issuedOn: p.concludedOn,
  };
}

function handlingParagraph(handling: ComplaintHandling | undefined, decidedOn: LocalDate): string {
  if (handling === undefined) return '本机关将依法处理，并将处理结果书面告知你。';
  requireNotBefore(handling.deadline, decidedOn, 'the handling deadline');
  const deadline = formatChineseDate(handling.deadline);
  if (handling.by === 'supervisor') return `本机关将依法处理，并于${deadline}前将处理结果书面告知你。`;
  return (
    `本机关已将你的投诉转交${requireText(handling.departmentName, 'departmentName')}办理，办理期限至${deadline}。` + '办理结果经本机关审核后，将书面告知你。'
  );
}

/** Staff text as paragraphs: one per non-blank line, trimmed (a notice has no empty paragraphs). */
function paragraphsOf(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function requireText(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new RangeError(`a notice needs ${field}`);
  return trimmed;
}

function requireNotBefore(date: LocalDate, earliest: LocalDate, what: string): void {
  if (epochDayOf(date) < epochDayOf(earliest)) throw new RangeError(`${what} (${date}) is before ${earliest}`);
}
