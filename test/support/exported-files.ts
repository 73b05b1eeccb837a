/**
 * Files the console exported, read back as a person's spreadsheet program would: an Excel sheet's
 * cells as shown with their number formats, a CSV file's records by RFC 4180.
 */
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Download } from 'playwright-core';

/** A date cell as Excel shows it with its number format: ExcelJS reads the cell's date as UTC fields. */
export function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return cell.numFmt === 'yyyy-mm-dd' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  return value === null || value === undefined ? '' : String(value);
}

/** The downloaded workbook's sheet named `sheetName`, every row as the texts of its first `columns` cells (the header first). */
export async function sheetRows(download: Download, sheetName: string, columns: number): Promise<{ rows: string[][]; sheet: ExcelJS.Worksheet }> {
  const workbook = new ExcelJS.Workbook();
  const file = await readFile(await download.path());
  await workbook.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
  const sheet = workbook.getWorksheet(sheetName);
  if (sheet === undefined) throw new Error(`no sheet named ${sheetName}: ${workbook.worksheets.map((candidate) => candidate.name).join(', ')}`);
  const count = sheet.getSheetValues().length - 1;
  const rows = Array.from({ length: count }, (_, row) => Array.from({ length: columns }, (_, column) => cellText(sheet.getRow(row + 1).getCell(column + 1))));
  return { rows, sheet };
}

/** RFC 4180: fields split on commas outside quotes, `""` a quote inside them, records on CRLF. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      records.push([...fields, field]);
      fields = [];
      field = '';
      index++;
    } else field += char;
  }
  return records;
}
