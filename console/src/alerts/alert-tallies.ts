/**
 * Alerts counted for the charts, by level: per week or month of their raising (in Shanghai: a
 * week runs Monday to Sunday of the city's calendar) and per department. Periods without alerts
 * between the first and the last are kept, with zeros, so the time axis does not hide quiet weeks.
 */
import type { components } from '../api/schema';
import { shanghaiDate } from '../shanghai-time';
import type { AlertLevel } from './alert-labels';

type Alert = components['schemas']['Alert'];

export type Period = 'week' | 'month';

export interface LevelCounts {
  readonly prompt: number;
  readonly warning: number;
  readonly correction: number;
  readonly total: number;
}

export interface Tally {
  /** The period (`2026-11` for a month, `2026-11-30` the Monday for a week) or the department's identifier. */
  readonly key: string;
  readonly counts: LevelCounts;
}

const noAlerts: LevelCounts = { prompt: 0, warning: 0, correction: 0, total: 0 };

const counted = (counts: LevelCounts, level: AlertLevel): LevelCounts => ({ ...counts, [level]: counts[level] + 1, total: counts.total + 1 });

const dayMs = 24 * 60 * 60 * 1000;
const utcDay = (date: string): Date => new Date(`${date}T00:00:00Z`);
const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** The Monday starting the Shanghai week of an instant, or its month: `2026-11-30`, `2026-11`. */
export function periodOf(instant: string, period: Period): string {
  const date = shanghaiDate(instant);
  if (period === 'month') return date.slice(0, 7);
  const day = utcDay(date);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return isoDay(new Date(day.getTime() - sinceMonday * dayMs));
}

function nextPeriod(key: string, period: Period): string {
  if (period === 'week') return isoDay(new Date(utcDay(key).getTime() + 7 * dayMs));
  const [year, month] = key.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** Counts by level per period of raising, oldest first, every period from the first to the last. */
export function tallyByPeriod(alerts: readonly Alert[], period: Period): readonly Tally[] {
  const counts = new Map<string, LevelCounts>();
  for (const alert of alerts) {
    const key = periodOf(alert.raisedAt, period);
    counts.set(key, counted(counts.get(key) ?? noAlerts, alert.level));
  }
  const keys = [...counts.keys()].sort();
  const first = keys[0];
  const last = keys.at(-1);
  if (first === undefined || last === undefined) return [];
  const tallies: Tally[] = [];
  for (let key = first; key <= last; key = nextPeriod(key, period)) tallies.push({ key, counts: counts.get(key) ?? noAlerts });
  return tallies;
}

/** Counts by level per department, the most alerts first (equal totals by identifier). */
export function tallyByDepartment(alerts: readonly Alert[]): readonly Tally[] {
  const counts = new Map<string, LevelCounts>();
  for (const alert of alerts) counts.set(alert.department, counted(counts.get(alert.department) ?? noAlerts, alert.level));
  return [...counts]
    .map(([key, tallied]) => ({ key, counts: tallied }))
    .sort((one, other) => other.counts.total - one.counts.total || one.key.localeCompare(other.key));
}
