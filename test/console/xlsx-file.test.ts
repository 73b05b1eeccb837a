/** A list exported as an Excel workbook: Chinese headers in bold, instants as Shanghai dates, and text that looks like a formula kept as text. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { shanghaiDayStart, type ExportColumn } from '../../console/src/export/export-columns.ts';
import { xlsxBytes } from '../../console/src/export/xlsx-file.ts';

interface Row {
  readonly name: string;
  readonly count: number;
  readonly due: string;
  readonly at: string;
}

const columns: readonly ExportColumn<Row>[] = [
  { header: '名称', value: (row) => row.name, width: 30 },
  { header: '数量', value: (row) => row.count },
  { header: '期限（北京时间）', value: (row) => row.due, instant: 'date' },
  { header: '发出时间（北京时间）', value: (row) => row.at, instant: 'dateTime' },
];

async function sheetOf(rows: readonly Row[]): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await xlsxBytes('预警队列', columns, rows));
  return workbook.getWorksheet('预警队列')!;
}

describe('Excel export', () => {
  it('writes the Chinese headers in a bold first row and a row per record', async () => {
    // Act
    const sheet = await sheetOf([{ name: '海曙区住房和城乡建设局', count: 3, due: '2025-09-28T15:59:59Z', at: '2026-12-05T08:03:00Z' }]);

    // Assess
    expect(sheet.getRow(1).values).toEqual([undefined, '名称', '数量', '期限（北京时间）', '发出时间（北京时间）']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).value).toBe('海曙区住房和城乡建设局');
    expect(sheet.getRow(2).getCell(2).value).toBe(3);
    expect(sheet.rowCount).toBe(2);
  });

  it('writes instants as date cells holding the Shanghai date and time, whatever the zone of the machine', async () => {
    // Act: 16:30 UTC on 28 September is 00:30 on the 29th in Shanghai.
    const sheet = await sheetOf([{ name: '案件', count: 1, due: '2025-09-28T16:30:00Z', at: '2025-09-28T16:30:00Z' }]);

    // Assess
    const due = sheet.getRow(2).getCell(3);
    const at = sheet.getRow(2).getCell(4);
    expect(due.value).toEqual(new Date('2025-09-29T00:00:00Z'));
    expect(due.numFmt).toBe('yyyy-mm-dd');
    expect(at.value).toEqual(new Date('2025-09-29T00:30:00Z'));
    expect(at.numFmt).toBe('yyyy-mm-dd hh:mm');
  });

  it('keeps text that looks like a formula as text, never as a formula', async () => {
    // Act
    const sheet = await sheetOf([{ name: '=HYPERLINK("http://evil.example","点此")', count: 1, due: 'unknown', at: '2025-09-28T16:30:00Z' }]);

    // Assess
    const cell = sheet.getRow(2).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe('=HYPERLINK("http://evil.example","点此")');
    // Text in a date column that is not an instant stays as it is.
    expect(sheet.getRow(2).getCell(3).value).toBe('unknown');
  });

  it('names the sheet without the characters Excel refuses in a sheet name, and writes a calendar day as that day', async () => {
    // Act
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      await xlsxBytes('事项目录-交通/运输[试点]局', columns, [
        { name: '事项', count: 1, due: shanghaiDayStart('2025-10-08'), at: shanghaiDayStart('2025-10-01') },
      ]),
    );

    // Assess
    const sheet = workbook.getWorksheet('事项目录-交通-运输-试点-局')!;
    expect(sheet).toBeDefined();
    expect(sheet.getRow(2).getCell(3).value).toEqual(new Date('2025-10-08T00:00:00Z'));
    expect(sheet.getRow(2).getCell(4).value).toEqual(new Date('2025-10-01T00:00:00Z'));
  });
});
