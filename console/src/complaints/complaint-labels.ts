/** How complaints read in the console: queues, stages, categories, notices and timeline steps in Chinese. */
import type { components } from '../api/schema';

export type ComplaintQueueRow = components['schemas']['ComplaintQueuePage']['items'][number];
export type ComplaintQueue = components['schemas']['ComplaintQueuePage']['queue'];
export type ComplaintStage = ComplaintQueueRow['stage'];
export type ComplaintCategory = ComplaintQueueRow['category'];

/** The console's queues, in the order of the complaint's course. */
export const complaintQueues: Record<ComplaintQueue, string> = {
  awaitingDecision: '待决定受理',
  inHandling: '监察机关自办',
  forwarded: '已转部门办理',
  awaitingReview: '待审核结果',
};

export const complaintStages: Record<ComplaintStage, string> = {
  awaitingDecision: '待决定受理',
  notAccepted: '不予受理',
  inHandling: '监察机关办理中',
  forwarded: '部门办理中',
  awaitingReview: '待审核结果',
  concluded: '已办结',
};

export const complaintCategories: Record<ComplaintCategory, string> = {
  delay: '超期办理',
  inaction: '不作为',
  misconduct: '乱作为',
  unlawfulCharge: '违规收费',
  staffConduct: '工作作风',
  other: '其他',
};

export const noticeNames: Record<string, string> = {
  decision: '受理决定告知书',
  result: '办理结果告知书',
};

export const signalLevels: Record<string, { readonly name: string; readonly color: string }> = {
  prompt: { name: '提示', color: 'processing' },
  warning: { name: '警戒', color: 'warning' },
  correction: { name: '纠错', color: 'error' },
};

export const identityViews: Record<string, string> = {
  anonymous: '匿名投诉',
  masked: '已遮蔽（查看须说明用途）',
  full: '完整',
  withheld: '对被投诉部门保密',
};

export const complaintSteps: Record<string, string> = {
  filed: '收到投诉',
  filedAsReopening: '收到重新投诉',
  decided: '作出受理决定',
  handlingAssigned: '确定办理',
  forwarded: '转部门办理',
  resultReported: '报告办理结果',
  resultAccepted: '审核通过',
  resultSentBack: '退回重办',
  concluded: '办结',
  noticeProduced: '生成告知书',
  noticeDelivered: '送达告知书',
  signalRaised: '发出预警',
  signalEscalated: '预警上报',
  rated: '投诉人评价',
  reopened: '投诉人重新投诉',
  personalDataErased: '个人信息已删除',
};

export const complaintStepName = (action: string): string => complaintSteps[action] ?? action;
