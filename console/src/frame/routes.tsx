/** The console's pages by address, each its own chunk, loaded when first shown. */
import { Result } from 'antd';
import { lazy, type ComponentType } from 'react';
import type { ApiClient } from '../api/client';
import type { StaffMember, StaffRole } from '../auth/staff-member';
import { useLanguage } from '../language/language';

/** What every page is given. */
export interface PageProps {
  readonly api: ApiClient;
  readonly member: StaffMember;
  /** The address's query parameters (`/alerts/view?department=…&kind=…&caseId=…&ruleId=…`). */
  readonly params?: Readonly<Record<string, string>>;
}

export interface Route {
  /**
   * The address, fixed: what names a thing goes in the query string. Static addresses are what a
   * static site can serve (in AWS China each is a copy of `index.html`, CloudFront there runs no
   * function), and identifiers with dots would otherwise read as file names.
   */
  readonly path: string;
  readonly title: string;
  /** The title when the console is in English; the Chinese one otherwise. */
  readonly titleEn?: string;
  readonly page: ComponentType<PageProps>;
  /** Who may open the page (the API's roles for what it reads); anyone signed in when absent. */
  readonly roles?: readonly StaffRole[];
  /** Listed in the menu under this name. */
  readonly menu?: string;
}

/** The roles that read the console's queues (`shared/topology.ts`). */
const consoleReaders: readonly StaffRole[] = ['citySupervisor', 'districtSupervisor', 'departmentLiaison'];

/** The roles that run and approve evaluations (`shared/topology.ts`). */
const supervisors: readonly StaffRole[] = ['citySupervisor', 'districtSupervisor'];

const AlertQueuePage = lazy(() => import('../alerts/alert-queue-page'));
const AlertChartsPage = lazy(() => import('../alerts/alert-charts-page'));
const AlertPage = lazy(() => import('../alerts/alert-page'));
const CaseTimelinePage = lazy(() => import('../cases/case-timeline-page'));
const ComplaintQueuePage = lazy(() => import('../complaints/complaint-queue-page'));
const ComplaintPage = lazy(() => import('../complaints/complaint-page'));
const SupervisionRequestsPage = lazy(() => import('../supervision/supervision-requests-page'));
const SupervisionCasesPage = lazy(() => import('../supervision/supervision-cases-page'));
const SupervisionCasePage = lazy(() => import('../supervision/supervision-case-page'));
const CataloguePage = lazy(() => import('../catalogue/catalogue-page'));
const CalendarPage = lazy(() => import('../calendar/calendar-page'));
const StatisticsPage = lazy(() => import('../statistics/statistics-page'));
const OfficialStatisticsPage = lazy(() => import('../statistics/official-statistics-page'));
const EvaluationPage = lazy(() => import('../evaluations/evaluation-page'));
const ConnectionHealthPage = lazy(() => import('../connections/connection-health-page'));
const DataQualityPage = lazy(() => import('../connections/data-quality-page'));
const AccountabilityListPage = lazy(() => import('../accountability/accountability-list-page'));
const AccountabilityMeasurePage = lazy(() => import('../accountability/accountability-measure-page'));
const WebhooksPage = lazy(() => import('../webhooks/webhooks-page'));
const WebhookPage = lazy(() => import('../webhooks/webhook-page'));

function NotFoundPage() {
  const { strings } = useLanguage();
  return <Result status="404" title={strings.pageNotFound} subTitle={strings.pageNotFoundDetail} />;
}

export const routes: readonly Route[] = [
  { path: '/', title: '预警队列', titleEn: 'Alert queue', page: AlertQueuePage },
  { path: '/alerts', title: '预警队列', titleEn: 'Alert queue', page: AlertQueuePage, menu: '预警队列' },
  { path: '/alerts/charts', title: '预警统计图', titleEn: 'Alert charts', page: AlertChartsPage, menu: '预警统计图' },
  { path: '/alerts/view', title: '预警详情', titleEn: 'Alert', page: AlertPage },
  { path: '/cases/timeline', title: '案件时间线', titleEn: 'Case timeline', page: CaseTimelinePage },
  { path: '/complaints', title: '投诉队列', titleEn: 'Complaints', page: ComplaintQueuePage, roles: consoleReaders, menu: '投诉' },
  { path: '/complaints/view', title: '投诉详情', titleEn: 'Complaint', page: ComplaintPage, roles: consoleReaders },
  { path: '/supervision/requests', title: '督办申请', titleEn: 'Supervision requests', page: SupervisionRequestsPage, roles: consoleReaders, menu: '督办申请' },
  { path: '/supervision/cases', title: '督办事项', titleEn: 'Supervision cases', page: SupervisionCasesPage, roles: consoleReaders, menu: '督办事项' },
  { path: '/supervision/cases/view', title: '督办事项详情', titleEn: 'Supervision case', page: SupervisionCasePage, roles: consoleReaders },
  { path: '/accountability', title: '问责措施', titleEn: 'Accountability measures', page: AccountabilityListPage, roles: consoleReaders, menu: '问责措施' },
  { path: '/accountability/view', title: '问责措施详情', titleEn: 'Accountability measure', page: AccountabilityMeasurePage, roles: consoleReaders },
  { path: '/catalogue', title: '事项目录', titleEn: 'Catalogue', page: CataloguePage, roles: consoleReaders, menu: '事项目录' },
  { path: '/calendar', title: '工作日历', titleEn: 'Working-day calendar', page: CalendarPage, roles: consoleReaders, menu: '工作日历' },
  { path: '/statistics', title: '统计', titleEn: 'Statistics', page: StatisticsPage, roles: consoleReaders, menu: '统计' },
  { path: '/statistics/officials', title: '经办人统计', titleEn: 'Signals per official', page: OfficialStatisticsPage, roles: consoleReaders },
  { path: '/connections', title: '接入状况', titleEn: 'Connection health', page: ConnectionHealthPage, roles: consoleReaders, menu: '接入状况' },
  { path: '/data-quality', title: '数据质量', titleEn: 'Data quality', page: DataQualityPage, roles: consoleReaders, menu: '数据质量' },
  { path: '/webhooks', title: '消息推送', titleEn: 'Webhooks', page: WebhooksPage, roles: consoleReaders, menu: '消息推送' },
  { path: '/webhooks/view', title: '推送订阅', titleEn: 'Webhook subscription', page: WebhookPage, roles: consoleReaders },
  { path: '/evaluations', title: '效能评估', titleEn: 'Efficiency evaluation', page: EvaluationPage, roles: supervisors, menu: '效能评估' },
];

/** Whether `member` may open `route`. */
export const mayOpen = (route: Route, member: StaffMember): boolean => route.roles === undefined || route.roles.includes(member.role as StaffRole);

/** The page at `path`, given the address's query parameters. */
export function pageFor(path: string, search = ''): Route & { readonly params: Readonly<Record<string, string>> } {
  const params = Object.fromEntries(new URLSearchParams(search));
  const route = routes.find((candidate) => candidate.path === path);
  return route ? { ...route, params } : { path, title: '未找到', titleEn: 'Not found', page: NotFoundPage, params: {} };
}
