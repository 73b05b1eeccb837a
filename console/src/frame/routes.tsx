/** The console's pages by address, each its own chunk, loaded when first shown. */
import { Result } from 'antd';
import { lazy, type ComponentType } from 'react';
import type { ApiClient } from '../api/client';
import type { StaffMember, StaffRole } from '../auth/staff-member';

/** What every page is given. */
export interface PageProps {
  readonly api: ApiClient;
  readonly member: StaffMember;
}

export interface Route {
  readonly path: string;
  readonly title: string;
  readonly page: ComponentType<PageProps>;
  /** Who may open the page (the API's roles for what it reads); anyone signed in when absent. */
  readonly roles?: readonly StaffRole[];
  /** Listed in the menu under this name. */
  readonly menu?: string;
}

/** The roles that read the console's queues (`shared/topology.ts`). */
const consoleReaders: readonly StaffRole[] = ['citySupervisor', 'districtSupervisor', 'departmentLiaison'];

const AlertQueuePage = lazy(() => import('../alerts/alert-queue-page'));
const ComplaintQueuePage = lazy(() => import('../complaints/complaint-queue-page'));
const ComplaintPage = lazy(() => import('../complaints/complaint-page'));
const SupervisionRequestsPage = lazy(() => import('../supervision/supervision-requests-page'));
const SupervisionCasesPage = lazy(() => import('../supervision/supervision-cases-page'));
const SupervisionCasePage = lazy(() => import('../supervision/supervision-case-page'));
const CataloguePage = lazy(() => import('../catalogue/catalogue-page'));
const CalendarPage = lazy(() => import('../calendar/calendar-page'));

function NotFoundPage() {
  return <Result status="404" title="页面不存在" subTitle="该地址没有对应的页面。" />;
}

export const routes: readonly Route[] = [
  { path: '/', title: '预警队列', page: AlertQueuePage },
  { path: '/alerts', title: '预警队列', page: AlertQueuePage, menu: '预警队列' },
  { path: '/complaints', title: '投诉队列', page: ComplaintQueuePage, roles: consoleReaders, menu: '投诉' },
  { path: '/complaints/view', title: '投诉详情', page: ComplaintPage, roles: consoleReaders },
  { path: '/supervision/requests', title: '督办申请', page: SupervisionRequestsPage, roles: consoleReaders, menu: '督办申请' },
  { path: '/supervision/cases', title: '督办事项', page: SupervisionCasesPage, roles: consoleReaders, menu: '督办事项' },
  { path: '/supervision/cases/view', title: '督办事项详情', page: SupervisionCasePage, roles: consoleReaders },
  { path: '/catalogue', title: '事项目录', page: CataloguePage, roles: consoleReaders, menu: '事项目录' },
  { path: '/calendar', title: '工作日历', page: CalendarPage, roles: consoleReaders, menu: '工作日历' },
];

/** Whether `member` may open `route`. */
export const mayOpen = (route: Route, member: StaffMember): boolean => route.roles === undefined || route.roles.includes(member.role as StaffRole);

export const pageFor = (path: string): Route => routes.find((route) => route.path === path) ?? { path, title: '未找到', page: NotFoundPage };
