/** The console's pages by address, each its own chunk, loaded when first shown. */
import { Result } from 'antd';
import { lazy, type ComponentType } from 'react';
import type { ApiClient } from '../api/client';
import type { StaffMember } from '../auth/staff-member';

/** What every page is given. */
export interface PageProps {
  readonly api: ApiClient;
  readonly member: StaffMember;
}

export interface Route {
  readonly path: string;
  readonly title: string;
  readonly page: ComponentType<PageProps>;
}

const AlertQueuePage = lazy(() => import('../alerts/alert-queue-page'));
const AlertChartsPage = lazy(() => import('../alerts/alert-charts-page'));

function NotFoundPage() {
  return <Result status="404" title="页面不存在" subTitle="该地址没有对应的页面。" />;
}

export const routes: readonly Route[] = [
  { path: '/', title: '预警队列', page: AlertQueuePage },
  { path: '/alerts', title: '预警队列', page: AlertQueuePage },
  { path: '/alerts/charts', title: '预警统计图', page: AlertChartsPage },
];

export const pageFor = (path: string): Route => routes.find((route) => route.path === path) ?? { path, title: '未找到', page: NotFoundPage };
