/** How accountability measures (问责措施, Art. 23, 24) read in the console: types, statuses, steps and outcomes in Chinese. */
import type { components } from '../api/schema';

export type AccountabilityMeasure = components['schemas']['AccountabilityMeasure'];

export const measureTypes: Record<AccountabilityMeasure['type'], string> = {
  correctionOrder: '责令改正',
  circulatedCriticism: '通报批评',
  accountabilityReferral: '追究责任',
};

export const measureStatuses: Record<AccountabilityMeasure['status'], { readonly name: string; readonly color: string }> = {
  issued: { name: '已下达', color: 'processing' },
  correctionReported: { name: '已报告改正情况', color: 'warning' },
  correctionRejected: { name: '改正未通过', color: 'error' },
  corrected: { name: '已改正', color: 'success' },
  circulated: { name: '已通报', color: 'default' },
  decided: { name: '已作出处理决定', color: 'default' },
};

export const measureChanges: Record<AccountabilityMeasure['history'][number]['change'], string> = {
  issued: '下达',
  correctionReported: '报告改正情况',
  correctionAccepted: '确认已改正',
  correctionRejected: '退回改正情况',
  circulationRecorded: '登记已通报',
  decisionRecorded: '登记处理决定',
};

export const referralOutcomes: Record<NonNullable<AccountabilityMeasure['decision']>['outcome'], string> = {
  sanctioned: '给予处分',
  otherHandling: '其他处理（组织处理、诫勉等）',
  notPursued: '不予追究',
};

export const sanctions: Record<NonNullable<NonNullable<AccountabilityMeasure['decision']>['sanction']>, string> = {
  warning: '警告',
  demerit: '记过',
  majorDemerit: '记大过',
  demotion: '降级',
  dismissalFromPost: '撤职',
  expulsion: '开除',
};

/** The items of Art. 24 ¶1, as the issue form offers them. */
export const article24Items: readonly { readonly value: number; readonly label: string }[] = [
  { value: 1, label: '（一）不遵守电子监察系统建设的规划、建设、运行、安全制度' },
  { value: 2, label: '（二）不遵守数据采集标准的业务要求及技术规范' },
  { value: 3, label: '（三）推诿、拖延或拒绝将行政事项接入电子监察系统' },
  { value: 4, label: '（四）未及时上报电子监察信息或信息不完整、不准确' },
  { value: 5, label: '（五）违反保密制度，擅自泄露国家秘密、商业秘密、个人隐私' },
  { value: 6, label: '（六）其他违反本办法的行为' },
];

/** The address of a measure's page. */
export const measurePage = (measureNumber: string): string => `/accountability/view?measure=${encodeURIComponent(measureNumber)}`;

/** The address of the list with the issue form open on an alert. */
export const issueFromAlert = (alert: { readonly department: string; readonly kind: string; readonly caseId: string; readonly ruleId: string }): string =>
  `/accountability?${new URLSearchParams({ department: alert.department, kind: alert.kind, caseId: alert.caseId, ruleId: alert.ruleId }).toString()}`;

/** Saves bytes fetched in memory as a file the browser downloads. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
