/**
 * The columns of an exported list, declared once by the list and written the same way to Excel
 * and to CSV: a Chinese header and how a row's cell reads.
 */

/** How a cell reads: text, a number, or nothing (an empty cell). */
export type ExportValue = string | number | undefined;

export interface ExportColumn<Row> {
  /** The header, in Chinese: `部门`, `期限（北京时间）`. */
  readonly header: string;
  /** The row's cell. For an `instant` column, an ISO 8601 instant. */
  readonly value: (row: Row) => ExportValue;
  /**
   * The value is an instant, written as a Shanghai date (`date`: a statutory deadline is a day) or
   * date and time: a real date cell in Excel, `2025-09-22` / `2025-09-22 09:30` in CSV.
   */
  readonly instant?: 'date' | 'dateTime';
  /** The column's width in Excel, in characters (default 16). */
  readonly width?: number;
}
