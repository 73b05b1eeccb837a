/**
 * Sets an evaluation report (Art. 21 ¶1) as an A4 PDF with pdfkit, in the notice font (the
 * committed subset of Noto Sans CJK SC, loaded and parsed once per container by the notice
 * renderer's `loadFont`). The report to the government: what it was drawn from, the scope's
 * figures, a horizontal bar chart of every department's total (coloured by grade), the ranking
 * table, each jurisdiction's figures and the formula. The report to a department: its total, grade
 * and ranks, a chart of the parts of its total (deductions to the left of zero), each part with
 * what it came from, and the formula. Charts are pdfkit vector paths, so the figures stay sharp
 * and the text in them is searchable. The same report gives the same bytes: the document is dated
 * by the evaluation, not by the download.
 */
import PDFDocument from 'pdfkit';
import { grades, gradeWords, type Grade } from '../../domain/evaluation/scoring-model.ts';
import { partLabel, readableInstant, type EvaluationReport, type GroupFigures, type ReportDepartment } from '../../domain/evaluation/evaluation-report.ts';
import { loadFont, printableText, repositoryFontFile, type ParsedFont } from '../pdf/pdfkit-notice-renderer.ts';

type Doc = InstanceType<typeof PDFDocument>;

const margin = 56; // about 2 cm
const titleSize = 18;
const headingSize = 13;
const bodySize = 10;
const tableSize = 9;
const cellPadding = 3;
const ink = '#1f1f1f';
const rule = '#9e9e9e';
const headerFill = '#eceff1';
const gradeColours: Readonly<Record<Grade, string>> = { excellent: '#2e7d32', good: '#1565c0', pass: '#ef6c00', fail: '#c62828' };

/** A column of a table: its header, width share and alignment. */
interface TableColumn {
  readonly header: string;
  readonly width: number;
  readonly align?: 'left' | 'right' | 'center';
}

/** What every drawing step needs: the document, the font's printable text, and the frame. */
interface Page {
  readonly doc: Doc;
  readonly text: (value: string) => string;
  readonly left: number;
  readonly width: number;
}

const points = (value: number): string => value.toFixed(2);
const bottomOf = (doc: Doc): number => doc.page.height - doc.page.margins.bottom;

/** Starts a new page when `height` does not fit below the current line. */
function ensureRoom({ doc }: Page, height: number): void {
  if (doc.y + height > bottomOf(doc)) doc.addPage();
}

function heading(page: Page, words: string): void {
  const { doc } = page;
  ensureRoom(page, headingSize * 3);
  doc.moveDown(0.6);
  doc.fillColor(ink).fontSize(headingSize).text(page.text(words), page.left, doc.y, { width: page.width });
  doc.moveDown(0.3);
  doc.fontSize(bodySize);
}

function paragraph(page: Page, words: string, size = bodySize): void {
  const { doc } = page;
  doc.fillColor(ink).fontSize(size).text(page.text(words), page.left, doc.y, { width: page.width, lineGap: 2 });
}

/** A table with a shaded header row repeated on each page; rows grow to fit wrapped text. */
function table(page: Page, columns: readonly TableColumn[], rows: readonly (readonly string[])[]): void {
  const { doc } = page;
  const total = columns.reduce((sum, column) => sum + column.width, 0);
  const widths = columns.map((column) => (column.width / total) * page.width);
  doc.fontSize(tableSize);
  const heightOf = (cells: readonly string[]): number =>
    Math.max(...cells.map((cell, index) => doc.heightOfString(page.text(cell), { width: (widths[index] as number) - 2 * cellPadding }))) + 2 * cellPadding;
  const drawRow = (cells: readonly string[], header: boolean): void => {
    const height = heightOf(cells);
    const top = doc.y;
    let x = page.left;
    if (header) doc.rect(page.left, top, page.width, height).fill(headerFill);
    cells.forEach((cell, index) => {
      const width = widths[index] as number;
      doc.rect(x, top, width, height).lineWidth(0.5).stroke(rule);
      doc.fillColor(ink).text(page.text(cell), x + cellPadding, top + cellPadding, {
        width: width - 2 * cellPadding,
        align: header ? 'center' : (columns[index]?.align ?? 'left'),
      });
      x += width;
    });
    doc.x = page.left;
    doc.y = top + height;
  };
  const headers = columns.map((column) => column.header);
  ensureRoom(page, heightOf(headers) + heightOf(rows[0] ?? headers));
  drawRow(headers, true);
  for (const row of rows) {
    if (doc.y + heightOf(row) > bottomOf(doc)) {
      doc.addPage();
      drawRow(headers, true);
    }
    drawRow(row, false);
  }
  doc.fontSize(bodySize);
  doc.moveDown(0.5);
}

/** A horizontal bar chart: one bar a row from a zero axis (negative values to its left), value at the bar's end. */
function barChart(page: Page, bars: readonly { label: string; value: number; colour: string }[], scale: { min: number; max: number }, caption: string): void {
  const { doc } = page;
  const rowHeight = 14;
  const labelWidth = page.width * 0.34;
  const valueWidth = 40;
  const plotLeft = page.left + labelWidth + 4;
  const plotWidth = page.width - labelWidth - 4 - valueWidth;
  const span = scale.max - scale.min || 1;
  const xOf = (value: number): number => plotLeft + ((value - scale.min) / span) * plotWidth;
  const drawAxis = (top: number, bottom: number): void => {
    const zero = xOf(0);
    doc.moveTo(zero, top).lineTo(zero, bottom).lineWidth(0.7).stroke(ink);
    doc.fontSize(7).fillColor(ink);
    for (const tick of [scale.min, 0, scale.max].filter((value, index, all) => all.indexOf(value) === index)) {
      doc.text(String(tick), xOf(tick) - 15, bottom + 2, { width: 30, align: 'center' });
    }
  };
  paragraph(page, caption, tableSize);
  doc.moveDown(0.2);
  let top = doc.y;
  for (const bar of bars) {
    if (doc.y + rowHeight + 14 > bottomOf(doc)) {
      drawAxis(top, doc.y);
      doc.addPage();
      top = doc.y;
    }
    const y = doc.y;
    doc
      .fontSize(8)
      .fillColor(ink)
      .text(page.text(bar.label), page.left, y + 2, { width: labelWidth, height: rowHeight - 4, align: 'right', ellipsis: true });
    const from = xOf(Math.min(0, bar.value));
    const to = xOf(Math.max(0, bar.value));
    doc.rect(from, y + 2, Math.max(to - from, 0.5), rowHeight - 4).fill(bar.colour);
    // A deduction's value goes right of the zero line, clear of the labels.
    const valueX = bar.value < 0 ? xOf(0) + 2 : to + 2;
    doc
      .fontSize(8)
      .fillColor(ink)
      .text(points(bar.value), valueX, y + 2, { width: valueWidth, lineBreak: false });
    doc.x = page.left;
    doc.y = y + rowHeight;
  }
  drawAxis(top, doc.y);
  doc.x = page.left;
  doc.y += 14;
  doc.fontSize(bodySize);
}

function legend(page: Page, grades: readonly Grade[]): void {
  const { doc } = page;
  let x = page.left;
  const y = doc.y;
  doc.fontSize(8);
  for (const grade of grades) {
    doc.rect(x, y + 1, 8, 8).fill(gradeColours[grade]);
    const words = gradeWords[grade].zh;
    doc.fillColor(ink).text(words, x + 11, y, { lineBreak: false });
    x += 11 + doc.widthOfString(words) + 12;
  }
  doc.x = page.left;
  doc.y = y + 14;
  doc.fontSize(bodySize);
}

function provenance(page: Page, report: EvaluationReport): void {
  const rows: [string, string][] = [
    ['评估主体', report.ownerName],
    ['评估期间', report.periodWords.zh],
    ['结果版本', `第 ${report.version} 版`],
    ['评估模型', `${report.modelName}（第 ${report.modelVersion} 版）`],
    ['评估时间', readableInstant(report.evaluatedAt)],
    ['批准时间', report.approvedAt === null ? '未批准（不得公布）' : readableInstant(report.approvedAt)],
    ['参评部门数', String(report.rankedDepartments)],
    ['模型与输入摘要', report.inputsDigest],
  ];
  if (report.unmeasuredInputs.length > 0) rows.push(['按 0 计入的输入', `统计尚未计量：${report.unmeasuredInputs.join('、')}`]);
  table(
    page,
    [
      { header: '项目', width: 1 },
      { header: '内容', width: 4 },
    ],
    rows,
  );
}

function figureTable(page: Page, figures: GroupFigures): void {
  table(
    page,
    [
      { header: '参评部门', width: 1, align: 'right' },
      { header: '平均总分', width: 1, align: 'right' },
      { header: '最高', width: 1, align: 'right' },
      { header: '最低', width: 1, align: 'right' },
      ...figures.gradeCounts.map(({ grade }) => ({ header: gradeWords[grade].zh, width: 1, align: 'right' as const })),
      { header: '提示/警戒/纠错信号', width: 1.8, align: 'center' },
    ],
    [
      [
        String(figures.departments),
        points(figures.averageTotal),
        points(figures.highestTotal),
        points(figures.lowestTotal),
        ...figures.gradeCounts.map(({ count }) => String(count)),
        `${figures.signalsRaised.prompt} / ${figures.signalsRaised.warning} / ${figures.signalsRaised.correction}`,
      ],
    ],
  );
}

function governmentBody(page: Page, report: EvaluationReport): void {
  const cityWide = report.owner === 'city';
  const summary = report.summary as GroupFigures;
  heading(page, '一、总体情况');
  paragraph(
    page,
    `本期共有 ${summary.departments} 个部门参评，平均总分 ${points(summary.averageTotal)} 分，最高 ${points(summary.highestTotal)} 分，最低 ${points(summary.lowestTotal)} 分；` +
      `${summary.gradeCounts.map(({ grade, count }) => `${gradeWords[grade].zh} ${count} 个`).join('，')}。`,
  );
  page.doc.moveDown(0.4);
  figureTable(page, summary);

  heading(page, '二、各部门总分');
  legend(page, grades);
  barChart(
    page,
    report.departments.map((row) => ({ label: row.departmentName, value: row.total, colour: gradeColours[row.grade] })),
    { min: 0, max: Math.max(report.basePoints, summary.highestTotal) },
    '图 1  各部门总分（按名次排列，颜色表示等级）',
  );

  heading(page, '三、部门排名');
  table(
    page,
    [
      { header: cityWide ? '全市排名' : '排名', width: 0.8, align: 'center' },
      { header: '部门', width: 3.2 },
      { header: '辖区', width: 1.4 },
      { header: '总分', width: 1, align: 'right' },
      { header: '等级', width: 0.9, align: 'center' },
      { header: '扣分合计', width: 1, align: 'right' },
      ...(cityWide ? [{ header: '辖区排名', width: 0.9, align: 'center' as const }] : []),
    ],
    report.departments.map((row) => [
      String(row.rank),
      row.departmentName,
      row.jurisdictionName,
      points(row.total),
      gradeWords[row.grade].zh,
      points(row.deducted),
      ...(cityWide ? [`${row.jurisdictionRank} / ${row.jurisdictionDepartments}`] : []),
    ]),
  );

  if (report.jurisdictions.length > 0) {
    heading(page, '四、各辖区情况');
    table(
      page,
      [
        { header: '辖区', width: 1.6 },
        { header: '参评部门', width: 1, align: 'right' },
        { header: '平均总分', width: 1, align: 'right' },
        { header: '最高', width: 1, align: 'right' },
        { header: '最低', width: 1, align: 'right' },
        ...grades.map((grade) => ({ header: gradeWords[grade].zh, width: 0.8, align: 'right' as const })),
      ],
      report.jurisdictions.map((entry) => [
        entry.jurisdictionName,
        String(entry.departments),
        points(entry.averageTotal),
        points(entry.highestTotal),
        points(entry.lowestTotal),
        ...entry.gradeCounts.map(({ count }) => String(count)),
      ]),
    );
  }
}

function departmentBody(page: Page, report: EvaluationReport, own: ReportDepartment): void {
  heading(page, '一、评估结果');
  paragraph(
    page,
    `${own.departmentName}${report.periodWords.zh}效能评估总分 ${points(own.total)} 分，等级${gradeWords[own.grade].zh}；` +
      `在参评的 ${report.rankedDepartments} 个部门中排第 ${own.rank} 名` +
      (report.owner === 'city' ? `，在${own.jurisdictionName}的 ${own.jurisdictionDepartments} 个部门中排第 ${own.jurisdictionRank} 名。` : '。') +
      `扣分合计 ${points(own.deducted)} 分；本期提示信号 ${own.signalsRaised.prompt} 条、警戒信号 ${own.signalsRaised.warning} 条、纠错信号 ${own.signalsRaised.correction} 条。`,
  );
  page.doc.moveDown(0.4);
  table(
    page,
    [
      { header: '总分', width: 1, align: 'right' },
      { header: '等级', width: 1, align: 'center' },
      { header: '排名', width: 1, align: 'center' },
      { header: '辖区排名', width: 1, align: 'center' },
      { header: '扣分合计', width: 1, align: 'right' },
    ],
    [
      [
        points(own.total),
        gradeWords[own.grade].zh,
        `${own.rank} / ${report.rankedDepartments}`,
        `${own.jurisdictionRank} / ${own.jurisdictionDepartments}`,
        points(own.deducted),
      ],
    ],
  );

  heading(page, '二、得分构成');
  const values = own.parts.map((part) => part.points);
  barChart(
    page,
    own.parts.map((part) => ({ label: partLabel(part), value: part.points, colour: part.points < 0 ? gradeColours.fail : gradeColours.good })),
    { min: Math.min(0, ...values), max: Math.max(0, ...values) },
    '图 1  各项得分（扣分在零线左侧）',
  );
  table(
    page,
    [
      { header: '项目', width: 2.2 },
      { header: '得分', width: 0.9, align: 'right' },
      { header: '计算依据', width: 4.4 },
    ],
    own.parts.map((part) => [part.words.zh, points(part.points), part.basis.zh]),
  );
}

/** Page numbers at the foot of every page, once the page count is known. */
function footers(page: Page, report: EvaluationReport): void {
  const { doc } = page;
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    // Text below the bottom margin would open a new page: the margin is lifted while the footer is set.
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor(rule)
      .text(page.text(`${report.title.zh}　第 ${index + 1} 页 共 ${range.count} 页`), page.left, doc.page.height - bottom + 16, {
        width: page.width,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

/** Options of {@link PdfKitEvaluationReportRenderer}. */
export interface PdfKitEvaluationReportRendererOptions {
  /** The OpenType font file: `NOTICE_FONT_FILE` in a bundle; default the repository's notice font. */
  readonly fontFile?: string;
}

/** Reports as PDF; see the module comment. */
export class PdfKitEvaluationReportRenderer {
  private readonly fontFile: string;

  constructor(options?: PdfKitEvaluationReportRendererOptions) {
    this.fontFile = options?.fontFile ?? repositoryFontFile;
  }

  async render(report: EvaluationReport): Promise<Uint8Array> {
    const font: ParsedFont = loadFont(this.fontFile);
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: margin, bottom: margin, left: margin, right: margin },
      pdfVersion: '1.7',
      lang: 'zh-CN',
      displayTitle: true,
      bufferPages: true,
      font: '', // no Helvetica: every line is set in the notice font
      info: { Title: report.title.zh, Creator: 'e-supervision', Producer: 'e-supervision (PDFKit)', CreationDate: new Date(report.evaluatedAt) },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve, reject) => {
      doc.on('end', () => resolve());
      doc.on('error', reject);
    });
    // pdfkit takes a parsed fontkit font where its types only list file names and bytes.
    doc.font(font as unknown as Uint8Array);
    const page: Page = { doc, text: (value) => printableText(value, font), left: margin, width: doc.page.width - 2 * margin };

    doc.fillColor(ink).fontSize(titleSize).text(page.text(report.title.zh), page.left, doc.y, { width: page.width, align: 'center' });
    doc.fontSize(9).text(page.text(report.title.en), { width: page.width, align: 'center' });
    doc.moveDown(0.8);
    doc.fontSize(bodySize);
    provenance(page, report);

    const own = report.audience === 'department' ? report.departments[0] : undefined;
    if (own === undefined) governmentBody(page, report);
    else departmentBody(page, report, own);

    heading(page, report.audience === 'department' ? '三、评估公式' : report.jurisdictions.length > 0 ? '五、评估公式' : '四、评估公式');
    for (const sentence of report.formula.zh) paragraph(page, sentence);

    footers(page, report);
    doc.end();
    await ended;
    return Buffer.concat(chunks);
  }
}
