/**
 * The reports of an evaluated month end to end through the local runtime's HTTP API (Art. 21 ¶1):
 * a department pushes licensing records of November 2026, the city supervisor runs the month's
 * evaluation and draws the report to the government in every format; a department liaison reads
 * its own department's report once the version is approved, and nothing of another department;
 * scope and bad input are refused with problem bodies.
 *
 * The hand-computed figures are those of `period-evaluation.test.ts`: Haishu's housing bureau
 * scores 40 + 15 + 3 + 20 + 5 = 83 (良好) and ranks last; every other department did nothing and
 * scores 100 (优秀), rank 1.
 */
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { callComplaintApi, type ComplaintReply } from '../support/complaint-client.ts';
import { cityScoringModel } from '../support/evaluation-models.ts';
import { licensingRecordOf, pushAndProcess } from '../support/licensing-pushes.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let citySupervisor: string;
let haishuSupervisor: string;
let housingLiaison: string;
let departments: number;
let haishuDepartments: number;

const department = 'haishu-housing';
const neighbour = 'haishu-market-regulation';
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const report = '/v1/evaluations/city/2026-11/1/report';

const staff = (token: string, method: string, path: string, body?: unknown): Promise<ComplaintReply> =>
  callComplaintApi(runtime.apiUrl, method, path, { bearer: token, ...(body === undefined ? {} : { body }) });

/** A download as a browser asks for it: the file's media type in `Accept`. */
async function download(
  token: string,
  path: string,
  accept: string,
): Promise<{ status: number; contentType: string | null; disposition: string | null; bytes: Uint8Array }> {
  const response = await fetch(new URL(path, runtime.apiUrl), { headers: { authorization: `Bearer ${token}`, accept } });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

/** The PDF's text as a reader's viewer extracts it, whitespace removed. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const document = await getDocument({ data: bytes, disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    let text = '';
    for (let number = 1; number <= document.numPages; number++) {
      text += ((await (await document.getPage(number)).getTextContent()).items as TextItem[]).map((item) => item.str).join('');
    }
    return text.replace(/\s+/g, '');
  } finally {
    await document.destroy();
  }
}

beforeAll(async () => {
  started = await startTestRuntime('eval-reports');
  runtime = started.runtime;
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-1', role: 'citySupervisor', jurisdiction: 'city' });
  haishuSupervisor = await runtime.mintStaffToken({ subject: 'hs-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
  housingLiaison = await runtime.mintStaffToken({ subject: 'liaison-1', role: 'departmentLiaison', jurisdiction: 'haishu', department, secondFactor: false });

  // Two cases of the housing bureau decided in November 2026; the city's model; the month's evaluation, version 1.
  const record = licensingRecordOf(department, 'construction-permit');
  await pushAndProcess(runtime, runtime.credentials.find((c) => c.department === department) as DepartmentCredential, [
    record('EARLY', 1, 'received', '2026-11-02T09:00:00+08:00'),
    record('EARLY', 2, 'accepted', '2026-11-02T10:00:00+08:00'),
    record('EARLY', 3, 'decided', '2026-11-12T10:00:00+08:00', { outcome: 'granted' }),
    record('EARLY', 4, 'concluded', '2026-11-13T10:00:00+08:00'),
    record('LAST-MINUTE', 1, 'received', '2026-11-02T09:00:00+08:00'),
    record('LAST-MINUTE', 2, 'accepted', '2026-11-02T10:00:00+08:00'),
    record('LAST-MINUTE', 3, 'decided', '2026-11-30T15:00:00+08:00', { outcome: 'granted' }),
    record('LAST-MINUTE', 4, 'concluded', '2026-12-01T09:00:00+08:00'),
  ]);
  expect((await staff(citySupervisor, 'POST', '/v1/evaluation-models', cityScoringModel({ effectiveFrom: '2026-11' }))).status).toBe(201);
  const run = await staff(citySupervisor, 'POST', '/v1/evaluations', { owner: 'city', period: '2026-11' });
  expect(run.status).toBe(200);
  const inputs = run.json.inputs as { jurisdiction: string }[];
  departments = inputs.length;
  haishuDepartments = inputs.filter((entry) => entry.jurisdiction === 'haishu').length;
}, 240_000);

afterAll(async () => {
  await started?.dispose();
});

describe('the report to the government', () => {
  it('answers every department ranked, with the hand-computed figures, as JSON', async () => {
    // Act
    const answer = await staff(citySupervisor, 'GET', `${report}?format=json`);

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ audience: 'government', owner: 'city', ownerName: '宁波市', period: '2026-11', version: 1, approvedAt: null });
    expect(answer.json.title.zh).toBe('宁波市2026年11月效能评估报告');
    expect(answer.json.departments).toHaveLength(departments);
    expect(answer.json.departments.at(-1)).toMatchObject({
      department,
      departmentName: '海曙区住房和城乡建设局',
      jurisdictionName: '海曙区',
      total: 83,
      grade: 'good',
      rank: departments,
      jurisdictionRank: haishuDepartments,
    });
    expect(answer.json.summary).toMatchObject({ departments, highestTotal: 100, lowestTotal: 83 });
  });

  it('answers a Chinese PDF whose text carries the names, totals, grades and ranks', async () => {
    // Act
    const pdf = await download(citySupervisor, `${report}?format=pdf`, 'application/pdf');

    // Assess
    expect(pdf.status).toBe(200);
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.disposition).toBe('attachment; filename="evaluation-report-city-2026-11-v1.pdf"');
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf.bytes);
    expect(text).toContain('宁波市2026年11月效能评估报告');
    expect(text).toContain(`${departments}海曙区住房和城乡建设局海曙区83.00良好0.00${haishuDepartments}/${haishuDepartments}`);
    expect(text).toContain('海曙区市场监督管理局海曙区100.00优秀');
    expect(text).toContain('图1各部门总分');
  });

  it('answers CSV with a byte-order mark and Excel with a row per department', async () => {
    // Act
    const csv = await download(citySupervisor, `${report}?format=csv`, 'text/csv');
    const workbook = await download(citySupervisor, `${report}?format=xlsx`, xlsx);

    // Assess
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = Buffer.from(csv.bytes.subarray(3)).toString('utf8').split('\r\n');
    expect(lines).toHaveLength(departments + 2);
    expect(lines.find((line) => line.includes(`,${department},`))).toMatch(
      new RegExp(
        `^宁波市,2026年11月,1,未批准,${department},海曙区住房和城乡建设局,海曙区,${departments},${departments},${haishuDepartments},${haishuDepartments},83.00,良好,0.00,`,
      ),
    );
    expect(workbook.status).toBe(200);
    expect(workbook.contentType).toBe(xlsx);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(workbook.bytes) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('部门得分')!;
    expect(sheet.rowCount).toBe(departments + 1);
    expect(sheet.getRow(departments + 1).getCell(6).value).toBe('海曙区住房和城乡建设局');
    expect(sheet.getRow(departments + 1).getCell(12).value).toBe(83);
  });
});

describe("a department's report", () => {
  it('is its own only, for its liaison once the version is approved; another department is refused', async () => {
    // Act
    const beforeApproval = await staff(housingLiaison, 'GET', `${report}?format=json`);
    const approval = await staff(citySupervisor, 'POST', '/v1/evaluations/city/2026-11/1/approval');
    const own = await staff(housingLiaison, 'GET', `${report}?format=json`);
    const ownPdf = await download(housingLiaison, `${report}?format=pdf&department=${department}`, 'application/pdf');
    const another = await staff(housingLiaison, 'GET', `${report}?format=json&department=${neighbour}`);
    const government = await staff(housingLiaison, 'GET', `${report}?format=csv&department=`);

    // Assess
    expect(beforeApproval.status).toBe(404);
    expect(approval.status).toBe(200);
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ audience: 'department', summary: null, jurisdictions: [], rankedDepartments: departments });
    expect(own.json.approvedAt).toBe(approval.json.approval.approvedAt);
    expect(own.json.departments).toEqual([
      expect.objectContaining({ department, total: 83, grade: 'good', rank: departments, jurisdictionRank: haishuDepartments, deducted: 0 }),
    ]);
    expect(own.json.departments[0].parts.map((part: { basis: { zh: string } }) => part.basis.zh)).toContain(
      '基础分 100 × 权重 30% × 承诺时限内办结 1 / 2（50.00%）',
    );
    expect(JSON.stringify(own.json)).not.toContain(neighbour);
    expect(ownPdf.status).toBe(200);
    expect(ownPdf.disposition).toBe(`attachment; filename="evaluation-report-city-2026-11-v1-${department}.pdf"`);
    const text = await pdfText(ownPdf.bytes);
    expect(text).toContain('海曙区住房和城乡建设局2026年11月效能评估结果通报');
    expect(text).toContain(`效能评估总分83.00分，等级良好；在参评的${departments}个部门中排第${departments}名`);
    expect(text).not.toContain('海曙区市场监督管理局');
    expect(another.status).toBe(403);
    expect(another.json.errors).toEqual([expect.objectContaining({ pointer: '/query/department' })]);
    expect(government.status).toBe(400);
  });

  it('is drawn for a supervisor too, and is none for a department the version did not evaluate', async () => {
    // Act
    const csv = await download(citySupervisor, `${report}?format=csv&department=${neighbour}`, 'text/csv');
    const unknown = await staff(citySupervisor, 'GET', `${report}?format=json&department=no-such-department`);

    // Assess
    const lines = Buffer.from(csv.bytes.subarray(3)).toString('utf8').split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`,${neighbour},海曙区市场监督管理局,海曙区,1,${departments},1,${haishuDepartments},100.00,优秀,`);
    expect(unknown.status).toBe(404);
    expect(unknown.json.errors).toEqual([expect.objectContaining({ pointer: '/query/department' })]);
  });
});

describe('refusals', () => {
  it("refuses a district supervisor the city's reports with 403, and answers an unknown version 404", async () => {
    // Act
    const city = await staff(haishuSupervisor, 'GET', `${report}?format=json`);
    const unknown = await staff(citySupervisor, 'GET', '/v1/evaluations/city/2026-11/9/report?format=json');
    const otherMonth = await staff(citySupervisor, 'GET', '/v1/evaluations/city/2026-10/1/report?format=pdf');

    // Assess
    expect(city.status).toBe(403);
    expect(city.headers.get('content-type')).toContain('application/problem+json');
    expect(city.json.errors).toEqual([expect.objectContaining({ pointer: '/path/owner' })]);
    expect([unknown.status, otherMonth.status]).toEqual([404, 404]);
    expect(unknown.json.detail).toContain('第 9 版');
  });

  it('names every malformed parameter with 400: the format, the department, the version', async () => {
    // Act
    const noFormat = await staff(citySupervisor, 'GET', report);
    const docx = await staff(citySupervisor, 'GET', `${report}?format=docx&department=Not_An_Id`);
    const version = await staff(citySupervisor, 'GET', '/v1/evaluations/city/2026-11/first/report?format=pdf');
    const extra = await staff(citySupervisor, 'GET', `${report}?format=pdf&limit=3`);

    // Assess
    expect([noFormat.status, docx.status, version.status, extra.status]).toEqual([400, 400, 400, 400]);
    expect(noFormat.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/query/format']);
    expect(docx.json.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual(['/query/department', '/query/format']);
    expect(docx.json.errors.find((error: { pointer: string }) => error.pointer === '/query/format').detail).toContain('pdf、csv、xlsx、json');
    expect(version.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/path/version']);
    expect(extra.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/query/limit']);
  });
});
