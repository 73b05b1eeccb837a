/**
 * Signals by SMS (短信): a subscription names up to five mainland mobile numbers — personal data,
 * sealed like a webhook secret (the console API can seal them, never read them back; only the
 * deliveries open them) and shown masked (`138****5678`). Each signal is one short Chinese text,
 * at most {@link maxSmsLength} characters so it stays one message; the provider adds its signature.
 */
import { robotText } from './dingtalk-robot.ts';
import { measureText, type NoticeNames } from './measure-notice-text.ts';

/** A mainland mobile number, eleven digits. */
export const mobileNumberPattern = /^1[3-9]\d{9}$/;

/** Numbers one subscription may name. */
export const maxSmsRecipients = 5;

/** Characters of one SMS text (70 is one message of Chinese text; the provider's signature takes a few). */
export const maxSmsLength = 60;

/** `138****5678`: what anybody reading the subscription sees. */
export const maskedMobileNumber = (number: string): string => `${number.slice(0, 3)}****${number.slice(-4)}`;

/**
 * The text of a signal: the robot's Chinese text without the event type, cut to one message; of an
 * accountability measure's event, its short text (`measure-notice-text.ts`), cut likewise.
 */
export function smsText(detailType: string, detail: unknown, names: NoticeNames = {}): string {
  const text = measureText(detailType, detail, 'short', names) ?? robotText(detailType, detail, names).replace(/（[A-Za-z]+）$/, '');
  return text.length <= maxSmsLength ? text : `${text.slice(0, maxSmsLength - 1)}…`;
}
