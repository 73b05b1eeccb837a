/**
 * The complaint queue as an exported sheet: every complaint of the queue (and jurisdiction) shown,
 * read page after page of `GET /v1/complaints` up to a cap, in the screen's words. Like the
 * screen, a row carries no personal data.
 */
import { readAllPages, type RowsRead } from '../api/all-pages';
import type { ApiClient, Problem } from '../api/client';
import type { ExportColumn } from '../export/export-columns';
import { shanghaiDayStart } from '../export/export-columns';
import { departmentName, type DepartmentEntry } from '../forms/department-names';
import { complaintCategories, complaintStages, signalLevels, type ComplaintQueue, type ComplaintQueueRow } from './complaint-labels';

/** A district's busy year of complaints in one queue, read in a few seconds. */
export const complaintReadingCap = 5000;

export const complaintExportColumns = (departments: readonly DepartmentEntry[]): readonly ExportColumn<ComplaintQueueRow>[] => [
  { header: '受理编号', value: (row) => row.receiptNumber, width: 24 },
  { header: '状态', value: (row) => complaintStages[row.stage] ?? row.stage, width: 16 },
  { header: '类别', value: (row) => complaintCategories[row.category] ?? row.category, width: 12 },
  { header: '被投诉部门', value: (row) => (row.department === undefined ? undefined : departmentName(departments, row.department)), width: 28 },
  { header: '实名', value: (row) => (row.realName ? '实名' : '匿名'), width: 8 },
  { header: '收到日期', value: (row) => shanghaiDayStart(row.receivedOn), instant: 'date', width: 14 },
  { header: '期限（北京时间）', value: (row) => row.deadline?.at, instant: 'date', width: 14 },
  // The screen's “暂定” tag: the year's holidays are not yet published, the date may move.
  { header: '期限暂定', value: (row) => (row.deadline?.provisional === true ? '暂定' : undefined), width: 10 },
  { header: '预警', value: (row) => (row.signal === null ? undefined : (signalLevels[row.signal]?.name ?? row.signal)), width: 8 },
  { header: '已上报', value: (row) => (row.escalated ? '已上报' : undefined), width: 10 },
];

export async function readAllComplaints(
  api: ApiClient,
  queue: ComplaintQueue,
  jurisdiction: string | undefined,
  cap: number = complaintReadingCap,
): Promise<RowsRead<ComplaintQueueRow>> {
  return readAllPages(async (cursor) => {
    const { data, error } = await api.GET('/v1/complaints', {
      params: { query: { queue, limit: 100, ...(jurisdiction === undefined ? {} : { jurisdiction }), ...(cursor === undefined ? {} : { cursor }) } },
    });
    if (!data) throw new Error((error as Problem | undefined)?.title ?? '投诉读取失败');
    return data;
  }, cap);
}
