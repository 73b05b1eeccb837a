/**
 * An evaluation report in the format asked for, as the bytes or text of a download: the one place
 * that knows which renderer draws which format. JSON is answered through its wire view by the
 * handler, so the document describes it.
 */
import type { EvaluationReport } from '../../domain/evaluation/evaluation-report.ts';
import { reportMediaTypes, type ReportFormat } from '../../api/evaluation-report-contract.ts';
import { evaluationReportCsv } from './evaluation-report-csv.ts';
import { evaluationReportWorkbook } from './exceljs-evaluation-report-workbook.ts';
import type { PdfKitEvaluationReportRenderer } from './pdfkit-evaluation-report-renderer.ts';

/** A report file: its media type, a file name in ASCII, and its content (bytes for the binary formats). */
export interface ReportFile {
  readonly mediaType: string;
  readonly fileName: string;
  readonly content: Uint8Array | string;
}

/** `evaluation-report-city-2027-01-v3.pdf`, with the department for a department's report. */
export const reportFileName = (report: EvaluationReport, extension: string): string =>
  `evaluation-report-${report.owner}-${report.period}-v${report.version}${report.audience === 'department' ? `-${report.departments[0]?.department ?? ''}` : ''}.${extension}`;

export async function evaluationReportFile(
  report: EvaluationReport,
  format: Exclude<ReportFormat, 'json'>,
  pdf: PdfKitEvaluationReportRenderer,
): Promise<ReportFile> {
  const fileName = reportFileName(report, format);
  switch (format) {
    case 'pdf':
      return { mediaType: reportMediaTypes.pdf, fileName, content: await pdf.render(report) };
    case 'csv':
      return { mediaType: reportMediaTypes.csv, fileName, content: evaluationReportCsv(report) };
    case 'xlsx':
      return { mediaType: reportMediaTypes.xlsx, fileName, content: await evaluationReportWorkbook(report) };
  }
}
