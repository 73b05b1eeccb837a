/**
 * The alert queue exported in a browser: every alert matching the queue's filters, not only the
 * page on screen, saved as an Excel workbook and as a CSV file that open as spreadsheets with
 * Chinese headers, levels and department names, and deadlines as Shanghai dates. The files are
 * read back here as a person's spreadsheet program would read them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { shanghaiDate, shanghaiDateTime } from '../../console/src/shanghai-time.ts';
import { openConsoleInBrowser, screenshots, signInAs, type ConsoleInBrowser } from '../support/console-browser.ts';
import { parseCsv, sheetRows } from '../support/exported-files.ts';
import { bearerGet, signedPost } from '../support/local-api-client.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;
const run = Date.now().toString(36);
// More than the queue's page of 20: the export holds them all.
const haishuCases = Array.from({ length: 23 }, (_, index) => `EXPORT-HS-${run}-${String(index + 1).padStart(2, '0')}`);
const yinzhouCase = `EXPORT-YZ-${run}`;

const headers = ['级别', '状态', '部门', '类别', '事项编码', '案件编号', '事由', '依据', '期限（北京时间）', '发出时间（北京时间）'];

/** Licensing cases received on 2025-09-01 and never decided: long past their limit, corrections (纠错). */
async function pushOverdueCases(department: string, matterCode: string, caseIds: readonly string[]): Promise<void> {
  const credential = runtime.credentials.find((candidate) => candidate.department === department) as DepartmentCredential;
  const records = caseIds.map((caseId) => ({
    kind: 'licensing',
    department,
    matterCode,
    caseId,
    sequence: 1,
    event: 'received',
    occurredAt: '2025-09-01T09:00:00+08:00',
  }));
  expect((await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credential)).status).toBe(202);
}

/** The rows the export must hold, built from what the API says of each alert; the Chinese words and the deadline are written out. */
let expectedRows: string[][];

beforeAll(async () => {
  session = await openConsoleInBrowser('console-export');
  runtime = session.runtime;
  await pushOverdueCases('haishu-housing', 'construction-permit', haishuCases);
  await pushOverdueCases('yinzhou-market-regulation', 'food-business-licence', [yinzhouCase]);
  await runtime.idle();
  const token = await runtime.mintStaffToken({ subject: 'export-reader', role: 'districtSupervisor', jurisdiction: 'haishu' });
  const alerts = (await bearerGet(runtime.apiUrl, '/v1/alerts?department=haishu-housing&limit=100', token)).json.items as {
    caseId: string;
    summary: string;
    legalBasis: string;
    deadline: string;
    raisedAt: string;
  }[];
  expect(alerts.map((alert) => alert.caseId).sort()).toEqual(haishuCases);
  expectedRows = alerts
    .map((alert) => [
      '纠错',
      '待签收',
      '海曙区住房和城乡建设局',
      '行政许可',
      'construction-permit',
      alert.caseId,
      alert.summary,
      alert.legalBasis,
      // 20 working days after receipt on 2025-09-01: the 20th is Sunday 28 September, a make-up working day (调休).
      '2025-09-28',
      shanghaiDateTime(alert.raisedAt),
    ])
    .sort(byCaseId);
});

afterAll(async () => {
  await session?.dispose();
});

const byCaseId = (one: readonly string[], other: readonly string[]): number => one[5]!.localeCompare(other[5]!);

/** Signs the city supervisor in and narrows the queue to one Haishu department; resolves once the queue shows only it. */
async function queueOfHaishuHousing(): Promise<{ page: Page; problems: string[] }> {
  const opened = await signInAs(session, '王敏');
  const { page } = opened;
  await page.getByRole('row', { name: new RegExp(yinzhouCase) }).waitFor();
  await page.getByRole('combobox', { name: '部门' }).click();
  await page.locator('.ant-select-item-option[title="海曙区住房和城乡建设局"]').click();
  await page.getByRole('row', { name: new RegExp(yinzhouCase) }).waitFor({ state: 'detached' });
  await page
    .getByRole('row', { name: /EXPORT-HS-/ })
    .first()
    .waitFor();
  return opened;
}

const today = (): string => shanghaiDate(new Date().toISOString());

describe('exporting the alert queue', () => {
  it('saves every alert matching the filters, beyond the page shown, as an Excel sheet with Chinese words and Shanghai deadlines', async () => {
    // Prepare
    const { page, problems } = await queueOfHaishuHousing();
    await expect(page.getByRole('row', { name: /EXPORT-HS-/ }).count()).resolves.toBe(20);

    // Act
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    const { rows: read, sheet } = await sheetRows(download, '预警队列', headers.length);

    // Assess
    expect(download.suggestedFilename()).toBe(`预警队列-${today()}.xlsx`);
    expect(read[0]).toEqual(headers);
    expect(read.slice(1).sort(byCaseId)).toEqual(expectedRows);
    // The deadline is a real date in Excel, not text: it sorts and filters as one.
    expect(sheet.getRow(2).getCell(9).value).toBeInstanceOf(Date);
    await page.getByText('已导出 23 条记录').waitFor();
    await page.screenshot({ path: join(screenshots, 'alert-queue-exported.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('saves the same rows as a UTF-8 CSV with a byte-order mark, so Excel reads the Chinese', async () => {
    // Prepare
    const { page, problems } = await queueOfHaishuHousing();

    // Act
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const bytes = await readFile(await download.path());

    // Assess
    expect(download.suggestedFilename()).toBe(`预警队列-${today()}.csv`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(header).toEqual(headers);
    expect(rows.sort(byCaseId)).toEqual(expectedRows);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
