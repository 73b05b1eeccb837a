/**
 * An evaluation report as CSV (RFC 4180; UTF-8 with a byte-order mark, so that spreadsheet
 * programs read the Chinese): the report's department table (`reportColumns`), one row per
 * department, best first (one row in a department's report). Points are written with two
 * decimals, counts as integers; a text cell a spreadsheet would read as a formula is defused with
 * a leading apostrophe (CSV injection). Names come from the city structure, so they are text a
 * person typed: never trusted as a cell.
 */
import { reportColumns, type EvaluationReport, type ReportCell } from '../../domain/evaluation/evaluation-report.ts';

/** A text field: quoted when it holds a comma, quote or line break; opening with a formula character, defused. */
export function csvText(value: string): string {
  const text = /^[=+\-@\t\r|%]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const fieldOf = (cell: ReportCell): string => ('text' in cell ? csvText(cell.text) : 'count' in cell ? String(cell.count) : cell.points.toFixed(2));

export function evaluationReportCsv(report: EvaluationReport): string {
  const columns = reportColumns(report);
  const lines = [columns.map((column) => csvText(column.header)), ...report.departments.map((row) => columns.map((column) => fieldOf(column.cell(row))))];
  return `\uFEFF${lines.map((line) => line.join(',')).join('\r\n')}\r\n`;
}
