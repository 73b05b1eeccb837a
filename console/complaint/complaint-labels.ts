/** What the citizen's page calls the API's codes, in Chinese. */
import type { ComplaintStatus, FileComplaintBody, NoticeKind } from './complaint-api';

export const categoryLabels: Readonly<Record<FileComplaintBody['category'], string>> = {
  delay: '超期办理',
  inaction: '不作为',
  misconduct: '乱作为',
  unlawfulCharge: '违规收费',
  staffConduct: '工作作风',
  other: '其他',
};

export const stageLabels: Readonly<Record<ComplaintStatus['stage'], string>> = {
  awaitingDecision: '待受理',
  notAccepted: '不予受理',
  inHandling: '办理中',
  concluded: '已办结',
};

/** What each stage means for the complainant: what happens next. */
export const stageExplanations: Readonly<Record<ComplaintStatus['stage'], string>> = {
  awaitingDecision: '监察机关将在收到投诉后 5 个工作日内决定是否受理。',
  notAccepted: '监察机关决定不予受理，理由见下。',
  inHandling: '投诉已受理，正在办理。',
  concluded: '投诉已办结，办理结果见下。',
};

export const noticeLabels: Readonly<Record<NoticeKind, string>> = {
  decision: '受理决定告知书',
  result: '办理结果告知书',
};

export const scoreLabels: readonly string[] = ['很不满意', '不满意', '基本满意', '满意', '很满意'];

/** `约 3 分钟` / `45 秒`: how long to wait, in words. */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 60 ? `约 ${minutes} 分钟` : `约 ${Math.ceil(minutes / 60)} 小时`;
}
