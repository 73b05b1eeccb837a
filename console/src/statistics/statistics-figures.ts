/**
 * How the statistics read (Art. 20): rates as percentages (their numerator and denominator told
 * beside them), a figure not measurable (no denominator) as “—”, and the departments' table as an
 * exported sheet in the same words.
 */
import type { components } from '../api/schema';
import type { ExportColumn } from '../export/export-columns';
import { departmentName, type DepartmentEntry } from '../forms/department-names';

export type Statistics = components['schemas']['Statistics'];
export type Figures = Statistics['figures'];
export type DepartmentFigures = Statistics['departments'][number];

export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number | null;
}

/** 0.6667 → 66.67%; null (nothing to divide by) → —. */
export const percent = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(2)}%`);

/** A rate's parts, as its tooltip says them. */
export const rateParts = (rate: Rate): string => `${rate.numerator} / ${rate.denominator}`;

/** A mean or a percentile of working days; — when nothing was completed. */
export const days = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : String(value));

/** A rate for sorting: a rate without a denominator sorts below every measured one. */
export const rateOrder = (value: number | null | undefined): number => value ?? -1;

/** The departments' table, as a sheet: rates as percentages with their parts in columns of their own. */
export const departmentExportColumns = (departments: readonly DepartmentEntry[]): readonly ExportColumn<DepartmentFigures>[] => {
  const rate = (header: string, pick: (figures: Figures) => Rate): readonly ExportColumn<DepartmentFigures>[] => [
    { header, value: (row) => (pick(row.figures).value === null ? undefined : percent(pick(row.figures).value)), width: 12 },
    { header: `${header}（分子/分母）`, value: (row) => rateParts(pick(row.figures)), width: 14 },
  ];
  return [
    { header: '部门', value: (row) => departmentName(departments, row.department), width: 28 },
    { header: '部门编号', value: (row) => row.department, width: 24 },
    { header: '受理', value: (row) => row.figures.received, width: 8 },
    { header: '办结', value: (row) => row.figures.completed, width: 8 },
    ...rate('法定时限内办结率', (figures) => figures.onTimeLegal),
    ...rate('承诺时限内办结率', (figures) => figures.onTimePromised),
    ...rate('提前办结率', (figures) => figures.earlyCompletion),
    { header: '平均办理工作日', value: (row) => row.figures.processingWorkingDays.mean ?? undefined, width: 12 },
    { header: '办理工作日中位数', value: (row) => row.figures.processingWorkingDays.p50 ?? undefined, width: 12 },
    { header: '办理工作日P90', value: (row) => row.figures.processingWorkingDays.p90 ?? undefined, width: 12 },
    { header: '提速率', value: (row) => (row.figures.speedUpRate === null ? undefined : percent(row.figures.speedUpRate)), width: 10 },
    { header: '提示', value: (row) => row.figures.signals.prompt, width: 8 },
    { header: '警戒', value: (row) => row.figures.signals.warning, width: 8 },
    { header: '纠错', value: (row) => row.figures.signals.correction, width: 8 },
    ...rate('预警纠正率', (figures) => figures.signalCorrection),
    ...rate('按时纠正或说明率', (figures) => figures.signalsAnsweredInTime),
    { header: '报送记录', value: (row) => row.figures.records.reported, width: 10 },
    ...rate('迟报率', (figures) => figures.records.late),
    { header: '期末逾期未办结', value: (row) => row.figures.overdue.openAtPeriodEnd, width: 12 },
    { header: '投诉受理', value: (row) => row.figures.complaints.received, width: 10 },
    {
      header: '投诉属实率',
      value: (row) => (row.figures.complaints.upheld.value === null ? undefined : percent(row.figures.complaints.upheld.value)),
      width: 10,
    },
    { header: '督办立项', value: (row) => row.figures.supervision.opened, width: 10 },
    { header: '督办结案', value: (row) => row.figures.supervision.closed, width: 10 },
    // Given once the period has ended: an empty cell before.
    { header: '投诉期末逾期未办结', value: (row) => row.figures.complaints.openOverdueAtPeriodEnd ?? undefined, width: 14 },
    { header: '督办期末逾期未结案', value: (row) => row.figures.supervision.openOverdueAtPeriodEnd ?? undefined, width: 14 },
  ];
};
