/**
 * A year's holiday arrangement as the holiday list reads it — runs of consecutive days with the
 * same name (“国庆节 2026-10-01 至 2026-10-07（7 天）”) — and as an exported sheet: the days off
 * (节假日) and the adjusted working days (调休上班), each run a row.
 */
import dayjs from 'dayjs';
import type { ExportColumn } from '../export/export-columns';
import { shanghaiDayStart } from '../export/export-columns';

export interface DayRun {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly days: number;
}

/** Runs of consecutive days (`YYYY-MM-DD` → holiday name, '' when unnamed) with the same name, in date order. */
export function dayRuns(days: ReadonlyMap<string, string>): DayRun[] {
  const runs: { name: string; from: string; to: string; days: number }[] = [];
  for (const date of [...days.keys()].sort()) {
    const name = days.get(date) ?? '';
    const last = runs.at(-1);
    if (last !== undefined && last.name === name && dayjs(last.to).add(1, 'day').format('YYYY-MM-DD') === date) {
      last.to = date;
      last.days += 1;
    } else runs.push({ name, from: date, to: date, days: 1 });
  }
  return runs;
}

export interface ArrangementRow extends DayRun {
  readonly type: '节假日' | '调休上班';
}

/** The year's days off, then its adjusted working days. */
export const arrangementRows = (daysOff: ReadonlyMap<string, string>, workingDays: ReadonlyMap<string, string>): readonly ArrangementRow[] => [
  ...dayRuns(daysOff).map((run) => ({ type: '节假日' as const, ...run })),
  ...dayRuns(workingDays).map((run) => ({ type: '调休上班' as const, ...run })),
];

export const arrangementExportColumns: readonly ExportColumn<ArrangementRow>[] = [
  { header: '类型', value: (row) => row.type, width: 10 },
  { header: '名称', value: (row) => (row.name === '' ? undefined : row.name), width: 14 },
  { header: '开始日期', value: (row) => shanghaiDayStart(row.from), instant: 'date', width: 14 },
  { header: '结束日期', value: (row) => shanghaiDayStart(row.to), instant: 'date', width: 14 },
  { header: '天数', value: (row) => row.days, width: 8 },
];
