/**
 * A list as an Excel workbook (`.xlsx`) with ExcelJS: one sheet, a bold frozen header row with a
 * filter, instants as real date cells showing the Shanghai date or time. ExcelJS is large, so it
 * is loaded only when someone exports (its own chunk, not in the console's first load); its build
 * without polyfills, because the console targets ES2022 browsers and polyfills would patch globals.
 */
/// <reference path="./exceljs-browser.d.ts" />
import type { ExportColumn, ExportValue } from './export-columns';

/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
const shanghaiOffsetMs = 8 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

/**
 * Excel's dates have no zone: ExcelJS writes a Date's UTC fields. So the cell gets the Shanghai
 * wall clock as those fields, and a date column the Shanghai day at midnight.
 */
function shanghaiWallClock(instant: string, precision: 'date' | 'dateTime'): Date | undefined {
  const at = new Date(instant).getTime();
  if (Number.isNaN(at)) return undefined;
  const wallClock = at + shanghaiOffsetMs;
  return new Date(precision === 'date' ? wallClock - (((wallClock % dayMs) + dayMs) % dayMs) : wallClock);
}

function cellValue<Row>(column: ExportColumn<Row>, row: Row): ExportValue | Date {
  const value = column.value(row);
  if (column.instant === undefined || typeof value !== 'string') return value;
  // Text that is not an instant stays text (an ExcelJS string cell is never a formula).
  return shanghaiWallClock(value, column.instant) ?? value;
}

const dateFormats = { date: 'yyyy-mm-dd', dateTime: 'yyyy-mm-dd hh:mm' } as const;

/** The workbook's bytes; `sheetName` is the list's name (Excel allows 31 characters). */
export async function xlsxBytes<Row>(sheetName: string, columns: readonly ExportColumn<Row>[], rows: readonly Row[]): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs/dist/exceljs.bare.min.js');
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  // Excel refuses a sheet name with \ / ? * [ ] or : (a department's name could hold one).
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, '-').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width ?? 16,
    ...(column.instant === undefined ? {} : { style: { numFmt: dateFormats[column.instant] } }),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  for (const row of rows) sheet.addRow(columns.map((column) => cellValue(column, row) ?? null));
  return workbook.xlsx.writeBuffer();
}
