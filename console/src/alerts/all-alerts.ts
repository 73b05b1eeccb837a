/**
 * The alerts matching the queue's filters, every page of `GET /v1/alerts` (100 a page, newest
 * first) up to a cap: what the queue's export and the charts read. The API has no aggregates
 * yet, so the browser reads the alerts themselves.
 */
import { readAllPages, type RowsRead } from '../api/all-pages';
import type { ApiClient, Problem } from '../api/client';
import type { components } from '../api/schema';
import type { AlertLevel, AlertStatus } from './alert-labels';

export type Alert = components['schemas']['Alert'];

/** The filters `GET /v1/alerts` offers. */
export interface AlertFilters {
  readonly department?: string | undefined;
  readonly level?: AlertLevel | undefined;
  readonly status?: AlertStatus | undefined;
  readonly kind?: string | undefined;
  /** The responsible official's staff id. */
  readonly official?: string | undefined;
}

/** 50 pages of 100: a city's busy year of alerts, read in a few seconds. */
export const alertReadingCap = 5000;

export async function readAllAlerts(api: ApiClient, filters: AlertFilters, cap: number = alertReadingCap): Promise<RowsRead<Alert>> {
  return readAllPages(async (cursor) => {
    const { data, error } = await api.GET('/v1/alerts', {
      params: { query: { ...filters, limit: 100, ...(cursor === undefined ? {} : { cursor }) } },
    });
    if (!data) throw new Error(`预警读取失败：${(error as Problem | undefined)?.title ?? '请稍后重试'}`);
    return data;
  }, cap);
}
