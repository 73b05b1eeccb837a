/**
 * The 督办 lists as exported sheets: the requests and the cases the caller's list shows, every page
 * of `GET /v1/supervision-requests` / `GET /v1/supervision-cases` up to a cap, in the screens'
 * words, with what a row's expansion or page adds (the matter, the instructions).
 */
import { readAllPages, type CursorPage, type RowsRead } from '../api/all-pages';
import type { ApiClient, Problem } from '../api/client';
import type { ExportColumn } from '../export/export-columns';
import { departmentName, type DepartmentEntry } from '../forms/department-names';
import { caseOrigins, caseStages, requestStatuses, type SupervisionCase, type SupervisionRequest } from './supervision-labels';

/** Far more 督办 than a jurisdiction has in a year, read in a few seconds. */
export const supervisionReadingCap = 5000;

const decisionNames: Record<NonNullable<SupervisionRequest['decision']>['outcome'], string> = { caseOpened: '立项督办', declined: '不予督办' };

export const requestExportColumns = (departments: readonly DepartmentEntry[]): readonly ExportColumn<SupervisionRequest>[] => [
  { header: '申请编号', value: (request) => request.requestNumber, width: 24 },
  { header: '状态', value: (request) => requestStatuses[request.status].name, width: 12 },
  { header: '事由', value: (request) => request.subject, width: 36 },
  { header: '申请部门', value: (request) => departmentName(departments, request.requester), width: 28 },
  { header: '提出时间（北京时间）', value: (request) => request.filedAt, instant: 'dateTime', width: 18 },
  { header: '决定期限（北京时间）', value: (request) => request.decisionDue.at, instant: 'date', width: 14 },
  { header: '事项情况', value: (request) => request.matter, width: 48 },
  { header: '督办请求', value: (request) => request.asks, width: 48 },
  { header: '决定', value: (request) => (request.decision === null ? undefined : decisionNames[request.decision.outcome]), width: 12 },
  { header: '决定时间（北京时间）', value: (request) => request.decision?.at, instant: 'dateTime', width: 18 },
  { header: '督办编号', value: (request) => request.decision?.caseNumber ?? undefined, width: 24 },
];

export const caseExportColumns = (departments: readonly DepartmentEntry[]): readonly ExportColumn<SupervisionCase>[] => [
  { header: '督办编号', value: (supervised) => supervised.caseNumber, width: 24 },
  { header: '状态', value: (supervised) => caseStages[supervised.stage].name, width: 12 },
  { header: '督办事项', value: (supervised) => supervised.subject, width: 36 },
  { header: '责任部门', value: (supervised) => departmentName(departments, supervised.responsibleDepartment), width: 28 },
  { header: '来源', value: (supervised) => caseOrigins[supervised.origin.kind], width: 18 },
  { header: '办结期限（北京时间）', value: (supervised) => supervised.deadline.at, instant: 'date', width: 14 },
  { header: '延期', value: (supervised) => supervised.extensions, width: 8 },
  { header: '立项时间（北京时间）', value: (supervised) => supervised.openedAt, instant: 'dateTime', width: 18 },
  { header: '督办要求', value: (supervised) => supervised.instructions, width: 48 },
];

/** Every page of one of the two lists; a page not read ends the export with the API's reason. */
const readEvery = <Row>(readPage: (cursor: string | undefined) => Promise<{ data?: CursorPage<Row>; error?: unknown }>, cap: number): Promise<RowsRead<Row>> =>
  readAllPages(async (cursor) => {
    const { data, error } = await readPage(cursor);
    if (!data) throw new Error((error as Problem | undefined)?.title ?? '督办读取失败');
    return data;
  }, cap);

const page = (cursor: string | undefined) => ({ limit: 100, ...(cursor === undefined ? {} : { cursor }) });

export const readAllRequests = (api: ApiClient, cap: number = supervisionReadingCap): Promise<RowsRead<SupervisionRequest>> =>
  readEvery((cursor) => api.GET('/v1/supervision-requests', { params: { query: page(cursor) } }), cap);

export const readAllCases = (api: ApiClient, state: 'active' | 'closed', cap: number = supervisionReadingCap): Promise<RowsRead<SupervisionCase>> =>
  readEvery((cursor) => api.GET('/v1/supervision-cases', { params: { query: { state, ...page(cursor) } } }), cap);
