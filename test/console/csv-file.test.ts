/** A list exported as CSV opens in Excel with its Chinese intact and its cells as data, never as formulas. */
import { describe, expect, it } from 'vitest';
import { csvText, neutraliseFormula } from '../../console/src/export/csv-file.ts';
import type { ExportColumn } from '../../console/src/export/export-columns.ts';

interface Row {
  readonly name: string;
  readonly count?: number;
  readonly due?: string;
  readonly at?: string;
}

const columns: readonly ExportColumn<Row>[] = [
  { header: '名称', value: (row) => row.name },
  { header: '数量', value: (row) => row.count },
  { header: '期限（北京时间）', value: (row) => row.due, instant: 'date' },
  { header: '发出时间', value: (row) => row.at, instant: 'dateTime' },
];

const bytesOf = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('CSV export', () => {
  it('starts with the UTF-8 byte-order mark so Excel reads Chinese, then the Chinese headers', () => {
    // Act
    const bytes = bytesOf(csvText(columns, []));

    // Assess
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('名称,数量,期限（北京时间）,发出时间\r\n');
  });

  it('quotes fields holding commas, quotes or line breaks as RFC 4180 says, and ends lines with CRLF', () => {
    // Act
    const text = csvText(columns, [{ name: '海曙区住房和城乡建设局, "建设科"' }, { name: '第一行\n第二行' }, { name: '普通' }]);

    // Assess
    expect(text.split('\r\n').slice(1)).toEqual(['"海曙区住房和城乡建设局, ""建设科""",,,', '"第一行\n第二行",,,', '普通,,,', '']);
  });

  it.each([
    ['=HYPERLINK("http://evil.example","点此")', `"'=HYPERLINK(""http://evil.example"",""点此"")"`],
    ['+86 574 1234', "'+86 574 1234"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
  ])('writes %j as text a spreadsheet will not run', (value, written) => {
    // Act
    const line = csvText(columns, [{ name: value }]).split('\r\n')[1];

    // Assess
    expect(line).toBe(`${written},,,`);
  });

  it('leaves numbers, negative ones too, and ordinary text as they are', () => {
    // Act
    const line = csvText(columns, [{ name: '行政许可 A-1', count: -3 }]).split('\r\n')[1];

    // Assess
    expect(line).toBe('行政许可 A-1,-3,,');
    expect(neutraliseFormula('纠错')).toBe('纠错');
  });

  it('writes instants as Shanghai dates and times, whatever the zone of the machine', () => {
    // Act
    const line = csvText(columns, [{ name: '案件', due: '2025-09-28T16:30:00Z', at: '2025-09-28T16:30:00Z' }]).split('\r\n')[1];

    // Assess
    expect(line).toBe('案件,,2025-09-29,2025-09-29 00:30');
  });
});
