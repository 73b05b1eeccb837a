/**
 * A list as CSV that Excel opens correctly: UTF-8 with a byte-order mark (without it Excel reads
 * Chinese as the system's legacy code page), RFC 4180 quoting and CRLF line ends, instants as
 * Shanghai dates, and no cell a spreadsheet would run as a formula.
 */
import { shanghaiDate, shanghaiDateTime } from '../shanghai-time';
import type { ExportColumn } from './export-columns';

const byteOrderMark = '\uFEFF';

/** What spreadsheets take as the start of a formula (OWASP's CSV injection list, tab and CR included). */
const formulaStart = /^[=+\-@\t\r]/;

/** Text a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`) gets a leading `'`, so it shows as text. */
export const neutraliseFormula = (text: string): string => (formulaStart.test(text) ? `'${text}` : text);

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
const field = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

function cellText<Row>(column: ExportColumn<Row>, row: Row): string {
  const value = column.value(row);
  if (value === undefined) return '';
  // A number is data, never a formula: `-3` stays a negative number.
  if (typeof value === 'number') return String(value);
  if (column.instant === 'date') return neutraliseFormula(shanghaiDate(value));
  if (column.instant === 'dateTime') return neutraliseFormula(shanghaiDateTime(value));
  return neutraliseFormula(value);
}

/** The whole file as text: the byte-order mark, the header line, a line per row. */
export function csvText<Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((column) => neutraliseFormula(column.header)), ...rows.map((row) => columns.map((column) => cellText(column, row)))];
  return `${byteOrderMark}${lines.map((cells) => cells.map(field).join(',')).join('\r\n')}\r\n`;
}
