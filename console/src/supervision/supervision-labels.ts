/** How 督办 reads in the console: request statuses, case stages, origins and timeline steps in Chinese. */
import type { components } from '../api/schema';

export type SupervisionRequest = components['schemas']['SupervisionRequest'];
export type SupervisionCase = components['schemas']['SupervisionCase'];

export const requestStatuses: Record<SupervisionRequest['status'], { readonly name: string; readonly color: string }> = {
  pending: { name: '待决定', color: 'processing' },
  caseOpened: { name: '已立项督办', color: 'success' },
  declined: { name: '不予督办', color: 'default' },
};

export const caseStages: Record<SupervisionCase['stage'], { readonly name: string; readonly color: string }> = {
  open: { name: '督办中', color: 'processing' },
  completionReported: { name: '已报告办结', color: 'warning' },
  closed: { name: '已结案', color: 'default' },
};

export const caseOrigins: Record<SupervisionCase['origin']['kind'], string> = {
  request: '部门申请',
  initiative: '监察机关主动督办',
  alert: '预警转督办',
  complaint: '投诉转督办',
};

export const supervisionSteps: Record<string, string> = {
  requestFiled: '提出督办申请',
  requestDecided: '作出督办决定',
  caseOpened: '立项督办',
  progressReported: '报告进展',
  completionReported: '报告办结',
  deadlineExtended: '延长期限',
  sentBack: '退回继续办理',
  caseClosed: '结案',
  signalRaised: '发出预警',
  escalated: '逾期上报',
};

export const supervisionStepName = (action: string): string => supervisionSteps[action] ?? action;

/** The address of a case's page. */
export const casePage = (caseNumber: string): string => `/supervision/cases/view?case=${encodeURIComponent(caseNumber)}`;
