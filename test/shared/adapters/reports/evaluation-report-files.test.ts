import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { describe, expect, it } from 'vitest';
import { evaluationReportCsv } from '#shared/adapters/reports/evaluation-report-csv.ts';
import { evaluationReportWorkbook, reportSheetNames } from '#shared/adapters/reports/exceljs-evaluation-report-workbook.ts';
import { PdfKitEvaluationReportRenderer } from '#shared/adapters/reports/pdfkit-evaluation-report-renderer.ts';
import { departmentReport, governmentReport, reportColumns, type ReportNames } from '#shared/domain/evaluation/evaluation-report.ts';
import { januaryNames, januarySource } from '../../../support/evaluation-snapshots.ts';

// Only the committed font subset: CI has no system CJK fonts.
const renderer = new PdfKitEvaluationReportRenderer();
const government = governmentReport(januarySource(), januaryNames);
const transport = departmentReport(januarySource(), januaryNames, 'haishu-transport')!;

interface ReadPdf {
  /** All text in reading order, whitespace removed. */
  readonly text: string;
  /** Text items grouped by line (same page, same baseline), each line's items left to right, joined. */
  readonly lines: readonly string[];
  readonly pages: number;
  readonly info: Record<string, unknown>;
}

/** What a reader's PDF viewer extracts: the text through the embedded font's ToUnicode map. */
async function read(pdf: Uint8Array): Promise<ReadPdf> {
  const document = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const items: { text: string; x: number; y: number; page: number }[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const content = await (await document.getPage(number)).getTextContent();
      for (const item of content.items as TextItem[]) {
        if (item.str.trim() !== '') items.push({ text: item.str, x: item.transform[4] as number, y: Math.round(item.transform[5] as number), page: number });
      }
    }
    const byLine = new Map<string, typeof items>();
    for (const item of items) byLine.set(`${item.page}:${item.y}`, [...(byLine.get(`${item.page}:${item.y}`) ?? []), item]);
    const { info } = await document.getMetadata();
    return {
      text: items
        .map((item) => item.text)
        .join('')
        .replace(/\s+/g, ''),
      lines: [...byLine.values()].map((line) =>
        line
          .sort((a, b) => a.x - b.x)
          .map((item) => item.text.trim())
          .join(' '),
      ),
      pages: document.numPages,
      info: info as Record<string, unknown>,
    };
  } finally {
    await document.destroy();
  }
}

async function workbookOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

const rowsOf = (sheet: ExcelJS.Worksheet): unknown[][] => sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? [row.slice(1)] : []));

describe('the report to the government as PDF', () => {
  it('reads back with its title, every department in rank order with its score, grade and rank, and the scope figures', async () => {
    // Act
    const pdf = await read(await renderer.render(government));

    // Assess
    expect(pdf.info['Title']).toBe('宁波市2027年1月效能评估报告');
    expect(pdf.text).toContain('宁波市2027年1月效能评估报告');
    expect(pdf.lines).toEqual(
      expect.arrayContaining([
        '1 宁波市市场监督管理局 宁波市 100.00 优秀 0.00 1 / 2',
        '1 宁波市税务局 宁波市 100.00 优秀 0.00 1 / 2',
        '3 海曙区住房和城乡建设局 海曙区 80.95 良好 -11.75 1 / 2',
        '4 海曙区交通运输局 海曙区 23.67 不合格 -33.00 2 / 2',
      ]),
    );
    expect(pdf.text).toContain('本期共有4个部门参评，平均总分76.16分，最高100.00分，最低23.67分；优秀2个，良好1个，合格0个，不合格1个。');
    expect(pdf.lines).toContain('海曙区 2 52.31 80.95 23.67 0 1 0 1');
    expect(pdf.text).toContain('每条提示信号扣3分，每条警戒信号扣5分，每条纠错信号扣10分。');
    expect(pdf.text).toContain('2027-02-0309:30（北京时间）');
    expect(pdf.text).toContain(government.inputsDigest);
  });

  it('draws a bar chart of the totals: each department labelled beside its bar and its total', async () => {
    // Act
    const pdf = await read(await renderer.render(government));

    // Assess: the chart's rows are the label and the value on one baseline, best first.
    const chartRows = pdf.lines.filter((line) => /^\S+ \d+\.\d\d$/.test(line));
    expect(chartRows).toEqual(['宁波市市场监督管理局 100.00', '宁波市税务局 100.00', '海曙区住房和城乡建设局 80.95', '海曙区交通运输局 23.67']);
    expect(pdf.text).toContain('图1各部门总分');
  });

  it('numbers its pages and gives the same bytes for the same version', async () => {
    // Act
    const first = await renderer.render(government);
    const second = await renderer.render(governmentReport(januarySource(), januaryNames));
    const pdf = await read(first);

    // Assess
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(pdf.text).toContain(`第1页共${pdf.pages}页`);
  });

  it('carries a ranking of two hundred departments over as many pages as it needs, the header on each', async () => {
    // Prepare
    const many = {
      ...government,
      departments: Array.from({ length: 200 }, (_, index) => ({
        ...government.departments[2]!,
        department: `d${index}`,
        departmentName: `部门${index + 1}`,
        rank: index + 1,
      })),
    };

    // Act
    const pdf = await read(await renderer.render(many));

    // Assess
    expect(pdf.pages).toBeGreaterThan(5);
    expect(pdf.lines).toEqual(expect.arrayContaining(['部门200 80.95', '200 部门200 海曙区 80.95 良好 -11.75 1 / 2']));
    expect(pdf.lines.filter((line) => line === '全市排名 部门 辖区 总分 等级 扣分合计 辖区排名').length).toBeGreaterThan(2);
  });
});

describe('the report to a department as PDF', () => {
  it('reads back with its own total, grade, ranks and each part with what it came from, and nothing of another department', async () => {
    // Act
    const pdf = await read(await renderer.render(transport));

    // Assess
    expect(pdf.text).toContain('海曙区交通运输局2027年1月效能评估结果通报');
    expect(pdf.text).toContain('效能评估总分23.67分，等级不合格；在参评的4个部门中排第4名，在海曙区的2个部门中排第2名。');
    expect(pdf.lines).toContain('23.67 不合格 4 / 4 2 / 2 -33.00');
    // A part's row: its name, points and what they came from (whitespace aside: a long cell wraps).
    expect(pdf.text).toContain('6.67基础分100×权重20%×按时纠正或说明的信号1/3（33.33%）');
    expect(pdf.text).toContain('迟报或不完整的数据-10.00迟报或不完整的记录5/20（25.00%）×每百分点0.5分，上限10分');
    expect(pdf.lines).toContain('警戒信号扣分 -10.00'); // the chart's bar
    for (const other of ['宁波市市场监督管理局', '宁波市税务局', '海曙区住房和城乡建设局', '80.95']) expect(pdf.text).not.toContain(other);
  });
});

describe('the report as CSV', () => {
  it('opens with a byte-order mark and Chinese headers, one row per department with its figures', () => {
    // Act
    const csv = evaluationReportCsv(government);

    // Assess
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toMatch(
      /^评估主体,评估期间,结果版本,批准时间,部门编号,部门,辖区,排名,参评部门数,辖区排名,辖区参评部门数,总分,等级,扣分合计,法定时限内办结率得分,/,
    );
    expect(lines[3]).toMatch(/^宁波市,2027年1月,3,2027-02-03 09:30（北京时间）,haishu-housing,海曙区住房和城乡建设局,海曙区,3,4,1,2,80.95,良好,-11.75,39.20,/);
    expect(lines[3]).toContain(',-0.75,迟报或不完整的记录 6 / 400（1.50%）× 每百分点 0.5 分，上限 10 分,1.50,');
    expect(lines).toHaveLength(4 + 2);
    expect(lines.at(-1)).toBe('');
  });

  it('defuses a name a spreadsheet would take for a formula, and quotes one holding a comma or quote', () => {
    // Prepare
    const names: ReportNames = {
      departments: new Map([['haishu-housing', '=HYPERLINK("http://x","点击")']]),
      jurisdictions: new Map([['haishu', '海曙区,"北"']]),
    };

    // Act
    const csv = evaluationReportCsv(departmentReport(januarySource(), names, 'haishu-housing')!);

    // Assess
    expect(csv).toContain(`,"'=HYPERLINK(""http://x"",""点击"")","海曙区,""北""",3,4,`);
    expect(csv).toContain(',-11.75,'); // a negative figure stays a number
  });
});

describe('the report as Excel', () => {
  it('holds the overview, the department table with typed figures, each jurisdiction and the formula', async () => {
    // Act
    const workbook = await workbookOf(await evaluationReportWorkbook(government));

    // Assess
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      reportSheetNames.overview,
      reportSheetNames.departments,
      reportSheetNames.jurisdictions,
      reportSheetNames.formula,
    ]);
    const departments = rowsOf(workbook.getWorksheet(reportSheetNames.departments)!);
    // The columns of the report model, in order (their Chinese headers are the model's tests' to state).
    expect(departments[0]).toEqual(reportColumns(government).map((column) => column.header));
    expect(departments.slice(1).map((row) => [row[5], row[7], row[11], row[12], row[13]])).toEqual([
      ['宁波市市场监督管理局', 1, 100, '优秀', 0],
      ['宁波市税务局', 1, 100, '优秀', 0],
      ['海曙区住房和城乡建设局', 3, 80.95, '良好', -11.75],
      ['海曙区交通运输局', 4, 23.67, '不合格', -33],
    ]);
    expect(workbook.getWorksheet(reportSheetNames.departments)!.getCell('L2').numFmt).toBe('0.00');
    const overview = rowsOf(workbook.getWorksheet(reportSheetNames.overview)!);
    expect(overview).toEqual(
      expect.arrayContaining([
        ['结果版本', 3],
        ['平均总分', 76.16],
        ['不合格（部门数）', 1],
      ]),
    );
    expect(rowsOf(workbook.getWorksheet(reportSheetNames.jurisdictions)!)[2]!.slice(0, 6)).toEqual(['haishu', '海曙区', 2, 52.31, 80.95, 23.67]);
    expect(rowsOf(workbook.getWorksheet(reportSheetNames.formula)!)[1]).toEqual(['宁波市部门效能评估办法（市级）。']);
  });

  it('gives a department its own row only, and keeps a formula-like name as text', async () => {
    // Prepare
    const names: ReportNames = { departments: new Map([['haishu-transport', '=1+1']]), jurisdictions: januaryNames.jurisdictions };

    // Act
    const workbook = await workbookOf(await evaluationReportWorkbook(departmentReport(januarySource(), names, 'haishu-transport')!));

    // Assess
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([reportSheetNames.overview, reportSheetNames.departments, reportSheetNames.formula]);
    const rows = rowsOf(workbook.getWorksheet(reportSheetNames.departments)!);
    expect(rows).toHaveLength(2);
    expect(rows[1]![5]).toBe('=1+1');
    expect(workbook.getWorksheet(reportSheetNames.departments)!.getCell('F2').type).toBe(ExcelJS.ValueType.String);
    expect(rowsOf(workbook.getWorksheet(reportSheetNames.overview)!)).toEqual(
      expect.arrayContaining([
        ['排名', '4 / 4'],
        ['总分', 23.67],
      ]),
    );
  });
});
