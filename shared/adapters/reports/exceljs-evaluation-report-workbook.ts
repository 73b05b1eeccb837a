/**
 * An evaluation report as an Excel workbook (.xlsx) with exceljs: an overview sheet (what the
 * report was drawn from, and the scope's figures or the department's own), the department table
 * (`reportColumns`: points as numbers with two decimals, counts as integers), each jurisdiction's
 * figures in a city's government report, and the formula in words. Sheet and column names are
 * Chinese. Cells are typed values, never formulas: a name that starts with `=` stays text.
 */
import ExcelJS from 'exceljs';
import { gradeWords } from '../../domain/evaluation/scoring-model.ts';
import { readableInstant, reportColumns, type EvaluationReport, type GroupFigures, type ReportCell } from '../../domain/evaluation/evaluation-report.ts';

export const reportSheetNames = { overview: '概况', departments: '部门得分', jurisdictions: '各辖区', formula: '评估公式' } as const;

const pointsFormat = '0.00';
const bold = { bold: true } as const;

const valueOf = (cell: ReportCell): string | number => ('text' in cell ? cell.text : 'count' in cell ? cell.count : cell.points);

function figureRows(figures: GroupFigures): [string, string | number][] {
  return [
    ['参评部门数', figures.departments],
    ['平均总分', figures.averageTotal],
    ['最高总分', figures.highestTotal],
    ['最低总分', figures.lowestTotal],
    ...figures.gradeCounts.map(({ grade, count }): [string, number] => [`${gradeWords[grade].zh}（部门数）`, count]),
    ['办结件数', figures.concludedActs],
    ['提示信号（条）', figures.signalsRaised.prompt],
    ['警戒信号（条）', figures.signalsRaised.warning],
    ['纠错信号（条）', figures.signalsRaised.correction],
  ];
}

function addOverview(workbook: ExcelJS.Workbook, report: EvaluationReport): void {
  const sheet = workbook.addWorksheet(reportSheetNames.overview);
  sheet.columns = [{ width: 22 }, { width: 70 }];
  sheet.addRow([report.title.zh]).font = { bold: true, size: 14 };
  sheet.addRow([report.title.en]);
  sheet.addRow([]);
  const rows: [string, string | number][] = [
    ['评估主体', report.ownerName],
    ['评估期间', report.periodWords.zh],
    ['结果版本', report.version],
    ['评估模型', `${report.modelName}（第 ${report.modelVersion} 版）`],
    ['评估时间', readableInstant(report.evaluatedAt)],
    ['批准时间', report.approvedAt === null ? '未批准（不得公布）' : readableInstant(report.approvedAt)],
    ['模型与输入摘要（SHA-256）', report.inputsDigest],
    ['参评部门数', report.rankedDepartments],
  ];
  if (report.unmeasuredInputs.length > 0) rows.push(['统计尚未计量、按 0 计入的输入', report.unmeasuredInputs.join('、')]);
  for (const row of rows) sheet.addRow(row).getCell(1).font = bold;
  sheet.addRow([]);
  if (report.summary !== null) {
    sheet.addRow(['全辖区概况']).font = bold;
    for (const row of figureRows(report.summary)) sheet.addRow(row);
  }
  const own = report.audience === 'department' ? report.departments[0] : undefined;
  if (own !== undefined) {
    sheet.addRow(['本部门结果']).font = bold;
    sheet.addRow(['部门', own.departmentName]);
    sheet.addRow(['总分', own.total]).getCell(2).numFmt = pointsFormat;
    sheet.addRow(['等级', gradeWords[own.grade].zh]);
    sheet.addRow(['排名', `${own.rank} / ${report.rankedDepartments}`]);
    sheet.addRow(['辖区排名', `${own.jurisdictionRank} / ${own.jurisdictionDepartments}`]);
    sheet.addRow(['扣分合计', own.deducted]).getCell(2).numFmt = pointsFormat;
  }
}

function addDepartments(workbook: ExcelJS.Workbook, report: EvaluationReport): void {
  const sheet = workbook.addWorksheet(reportSheetNames.departments, { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = reportColumns(report);
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.header.endsWith('依据') ? 48 : Math.max(10, column.header.length * 2 + 2) }));
  sheet.getRow(1).font = bold;
  for (const row of report.departments) {
    const added = sheet.addRow(columns.map((column) => valueOf(column.cell(row))));
    columns.forEach((column, index) => {
      if ('points' in column.cell(row)) added.getCell(index + 1).numFmt = pointsFormat;
    });
  }
}

function addJurisdictions(workbook: ExcelJS.Workbook, report: EvaluationReport): void {
  if (report.jurisdictions.length === 0) return;
  const sheet = workbook.addWorksheet(reportSheetNames.jurisdictions);
  const gradesHeader = report.jurisdictions[0]!.gradeCounts.map(({ grade }) => gradeWords[grade].zh);
  sheet.columns = ['辖区编号', '辖区', '参评部门数', '平均总分', '最高总分', '最低总分', ...gradesHeader, '提示信号', '警戒信号', '纠错信号'].map((header) => ({
    header,
    width: 14,
  }));
  sheet.getRow(1).font = bold;
  for (const entry of report.jurisdictions) {
    const row = sheet.addRow([
      entry.jurisdiction,
      entry.jurisdictionName,
      entry.departments,
      entry.averageTotal,
      entry.highestTotal,
      entry.lowestTotal,
      ...entry.gradeCounts.map(({ count }) => count),
      entry.signalsRaised.prompt,
      entry.signalsRaised.warning,
      entry.signalsRaised.correction,
    ]);
    for (const column of [4, 5, 6]) row.getCell(column).numFmt = pointsFormat;
  }
}

function addFormula(workbook: ExcelJS.Workbook, report: EvaluationReport): void {
  const sheet = workbook.addWorksheet(reportSheetNames.formula);
  sheet.columns = [{ width: 120 }];
  sheet.addRow(['评估公式']).font = bold;
  for (const sentence of report.formula.zh) sheet.addRow([sentence]);
  sheet.addRow([]);
  sheet.addRow(['Formula']).font = bold;
  for (const sentence of report.formula.en) sheet.addRow([sentence]);
}

/** The workbook's bytes. */
export async function evaluationReportWorkbook(report: EvaluationReport): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'e-supervision';
  workbook.title = report.title.zh;
  // Dated by the evaluation, not by the download: the same version, the same properties.
  workbook.created = new Date(report.evaluatedAt);
  workbook.modified = new Date(report.evaluatedAt);
  addOverview(workbook, report);
  addDepartments(workbook, report);
  addJurisdictions(workbook, report);
  addFormula(workbook, report);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
