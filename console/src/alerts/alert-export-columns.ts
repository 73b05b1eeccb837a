/** The alert queue as an exported sheet: what the screen shows, in words rather than tags, plus the matter and the legal basis. */
import type { ExportColumn } from '../export/export-columns';
import { alertLevels, alertStatuses, recordKindName } from './alert-labels';
import type { Alert } from './all-alerts';

/** `departments` maps a department's identifier to its name; one not found shows as its identifier. */
export const alertExportColumns = (departments: ReadonlyMap<string, string>): readonly ExportColumn<Alert>[] => [
  { header: '级别', value: (alert) => alertLevels[alert.level].name, width: 8 },
  { header: '状态', value: (alert) => alertStatuses[alert.status] ?? alert.status, width: 12 },
  { header: '部门', value: (alert) => departments.get(alert.department) ?? alert.department, width: 28 },
  { header: '类别', value: (alert) => recordKindName(alert.kind), width: 14 },
  { header: '事项编码', value: (alert) => alert.matterCode, width: 24 },
  { header: '案件编号', value: (alert) => alert.caseId, width: 24 },
  { header: '事由', value: (alert) => alert.summary, width: 48 },
  { header: '依据', value: (alert) => alert.legalBasis, width: 36 },
  { header: '期限（北京时间）', value: (alert) => alert.deadline, instant: 'date', width: 14 },
  { header: '发出时间（北京时间）', value: (alert) => alert.raisedAt, instant: 'dateTime', width: 18 },
];
