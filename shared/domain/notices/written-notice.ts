/**
 * A written notice (书面告知) to a real-name complainant: the decision on acceptance or the result
 * of handling (Art. 19); or the written document of an accountability measure (Art. 23, 24). The
 * text is composed in the domain; a renderer only sets it on a page.
 */
import type { LocalDate } from '../calendar/local-date.ts';

export type WrittenNoticeKind = 'acceptanceDecision' | 'handlingResult' | 'accountabilityMeasure';

export interface WrittenNotice {
  readonly kind: WrittenNoticeKind;
  /** e.g. 投诉受理告知书, 投诉不予受理告知书, 投诉处理结果告知书 */
  readonly title: string;
  /** Reference printed under the title, e.g. the receipt number. */
  readonly reference: string;
  /** Whom it is addressed to, as the salutation (`张三：`) prints it: the complainant, the department. */
  readonly addressee: string;
  /** Body paragraphs, in order; each is set as its own indented paragraph. */
  readonly paragraphs: readonly string[];
  /** The issuing organ (落款), e.g. 宁波市海曙区监察委员会. */
  readonly organ: string;
  /** Shanghai date of issue, printed as 2026年10月9日. */
  readonly issuedOn: LocalDate;
}
