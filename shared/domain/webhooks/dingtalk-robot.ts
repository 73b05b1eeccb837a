/**
 * A DingTalk custom robot (钉钉自定义机器人) as a webhook subscriber: the group's robot URL
 * (`https://oapi.dingtalk.com/robot/send?access_token=…`) with its 加签 secret (`SEC…`, given by
 * whoever made the robot). Each message is signed as DingTalk asks: `timestamp` (milliseconds) and
 * `sign` = base64 HMAC-SHA256 of `"<timestamp>\n<secret>"` under the secret, both added to the URL;
 * the body is a text message in Chinese. DingTalk answers 200 with `errcode` 0 when it took it.
 */
import { createHmac } from 'node:crypto';
import { alertLevels, type AlertLevel } from '../alerts/alert.ts';
import { recordKindNameZh } from '../records/record-kind-names.ts';
import { measureText, type NoticeNames } from './measure-notice-text.ts';

/** The host of DingTalk's robot API: the only one a robot subscription may name. */
export const dingtalkRobotHost = 'oapi.dingtalk.com';

/** A robot's 加签 secret as DingTalk shows it. */
export const dingtalkSecretPattern = /^SEC[0-9a-zA-Z]{20,120}$/;

/** `sign` of a message sent at `timestampMs`. */
export const dingtalkSign = (secret: string, timestampMs: number): string => createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');

/** The robot URL with `timestamp` and `sign` added (encoded as the URL needs). */
export function signedRobotUrl(url: string, secret: string, at: Date): string {
  const signed = new URL(url);
  const timestamp = at.getTime();
  signed.searchParams.set('timestamp', String(timestamp));
  signed.searchParams.set('sign', dingtalkSign(secret, timestamp));
  return signed.toString();
}

/** Whether a URL is a DingTalk robot's: the robot host, its send path and an access token. */
export const isDingtalkRobotUrl = (url: URL): boolean =>
  url.hostname === dingtalkRobotHost && url.pathname === '/robot/send' && (url.searchParams.get('access_token') ?? '') !== '';

const levelWords: Record<AlertLevel, string> = { prompt: '提示', warning: '警戒', correction: '纠错' };

/**
 * The text a group reads: the level, whose, what, in Chinese (the event's own Chinese summary where
 * it has one); an accountability measure's event as `measure-notice-text.ts` writes it. The event
 * type last, in brackets.
 */
export function robotText(detailType: string, detail: unknown, names: NoticeNames = {}): string {
  const measure = measureText(detailType, detail, 'full', names);
  if (measure !== undefined) return `${measure}（${detailType}）`;
  const { alert, signal } = (detail ?? {}) as { alert?: Record<string, unknown>; signal?: Record<string, unknown> };
  const about = alert ?? signal ?? {};
  const level = alertLevels.find((candidate) => candidate === about['level']);
  const heading = `【${level === undefined ? '信号' : levelWords[level]}】`;
  if (alert) {
    return `${heading}${names.department ?? String(alert['department'])} ${recordKindNameZh(String(alert['kind']))} ${String(alert['caseId'])}：${String(alert['summaryZh'] ?? alert['summary'] ?? '')}（${detailType}）`;
  }
  const item = signal?.['receiptNumber'] ? `投诉 ${String(signal['receiptNumber'])}` : `督办 ${String(signal?.['number'] ?? '')}`;
  const deadline = signal?.['deadline'] ? `，期限 ${String(signal['deadline'])}` : '';
  return `${heading}${item}${deadline}（${detailType}）`;
}

/** The robot's text message. */
export const robotMessage = (detailType: string, detail: unknown, names: NoticeNames = {}): { msgtype: 'text'; text: { content: string } } => ({
  msgtype: 'text',
  text: { content: robotText(detailType, detail, names) },
});

/** Whether DingTalk took the message: a 2xx whose JSON says `errcode: 0`. */
export function robotAccepted(statusCode: number, body: string | undefined): boolean {
  if (statusCode < 200 || statusCode >= 300 || body === undefined) return false;
  try {
    return (JSON.parse(body) as { errcode?: unknown }).errcode === 0;
  } catch {
    return false;
  }
}
