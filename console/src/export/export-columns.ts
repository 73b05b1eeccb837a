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

/**
 * A calendar day (`2025-09-01`, as the API gives a deadline's or a receipt's day) as the instant
 * its Shanghai day starts, for an `instant: 'date'` column: the same day in Excel and in CSV.
 */
export const shanghaiDayStart = (day: string): string => `${day}T00:00:00+08:00`;
