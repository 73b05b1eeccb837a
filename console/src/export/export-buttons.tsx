/**
 * 导出 Excel / 导出 CSV for any list of the console. The list gives its name, its columns and a
 * function reading every row that matches its current filters (`readAllPages` over its API list,
 * with a cap); the file is named after the list and the Shanghai date (`预警队列-2026-12-05.xlsx`)
 * and saved by the browser. When the cap was reached the person is told the file is partial.
 * The buttons and messages follow the console's language; the file's name and headers stay
 * Chinese, so a file reads the same whoever exported it.
 */
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import type { RowsRead } from '../api/all-pages';
import { useLanguage } from '../language/language';
import { shanghaiDate } from '../shanghai-time';
import { csvText } from './csv-file';
import type { ExportColumn } from './export-columns';
import { xlsxBytes } from './xlsx-file';

export interface ExportButtonsProps<Row> {
  /** The list's name in Chinese: the file's name and the Excel sheet's. */
  readonly listName: string;
  /**
   * The columns, or how to make them when the file is made: columns that name things (a department's
   * name for its id) read what they need then, so a file made before the page's names arrived still has them.
   */
  readonly columns: readonly ExportColumn<Row>[] | (() => Promise<readonly ExportColumn<Row>[]>);
  /** Reads every row matching the list's current filters, up to a cap. */
  readonly readRows: () => Promise<RowsRead<Row>>;
}

type Format = 'xlsx' | 'csv';

const mediaTypes: Record<Format, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
};

/** The file name: the list's name and today's Shanghai date. */
export const exportFileName = (listName: string, format: Format, now: Date = new Date()): string => `${listName}-${shanghaiDate(now.toISOString())}.${format}`;

/** Hands the bytes to the browser as a download (an object URL on a link: no server round trip, nothing the CSP refuses). */
function saveFile(contents: BlobPart, format: Format, fileName: string): void {
  const url = URL.createObjectURL(new Blob([contents], { type: mediaTypes[format] }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The browser has taken the file once the click is handled; revoke on the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function ExportButtons<Row>({ listName, columns, readRows }: ExportButtonsProps<Row>) {
  const { message } = App.useApp();
  const { strings } = useLanguage();
  const [exporting, setExporting] = useState<Format | undefined>();

  const exportAs = async (format: Format): Promise<void> => {
    setExporting(format);
    try {
      const [{ rows, capped, cap }, columnsOfFile] = await Promise.all([readRows(), typeof columns === 'function' ? columns() : columns]);
      const contents = format === 'xlsx' ? await xlsxBytes(listName, columnsOfFile, rows) : csvText(columnsOfFile, rows);
      saveFile(contents, format, exportFileName(listName, format));
      if (capped) message.warning(strings.exports.capped(cap), 8);
      else message.success(strings.exports.exported(rows.length));
    } catch (error) {
      message.error(strings.exports.failed(error instanceof Error ? error.message : undefined));
    } finally {
      setExporting(undefined);
    }
  };

  return (
    <Space>
      <Button loading={exporting === 'xlsx'} disabled={exporting === 'csv'} onClick={() => void exportAs('xlsx')}>
        {strings.exports.excel}
      </Button>
      <Button loading={exporting === 'csv'} disabled={exporting === 'xlsx'} onClick={() => void exportAs('csv')}>
        {strings.exports.csv}
      </Button>
    </Space>
  );
}
