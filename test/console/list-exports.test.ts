/**
 * The console's other lists exported in a browser, as the alert queue is: the complaint queue as
 * an Excel workbook and the 督办 cases as a UTF-8 CSV file with a byte-order mark, each holding
 * every row of the list shown in the screen's Chinese words, read back here as a spreadsheet
 * program would; a department's catalogue and a year's holiday arrangement likewise; and the
 * export buttons in English when the console is.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { shanghaiDate, shanghaiDateTime } from '../../console/src/shanghai-time.ts';
import { callComplaintApi, daysAhead } from '../support/complaint-client.ts';
import { openConsoleInBrowser, screenshots, signInAs, type ConsoleInBrowser } from '../support/console-browser.ts';
import { e2eComplainants } from '../support/e2e-complainants.ts';
import { parseCsv, sheetRows } from '../support/exported-files.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;
let supervisor: string;
const run = Date.now().toString(36);

const complaintHeaders = ['受理编号', '状态', '类别', '被投诉部门', '实名', '收到日期', '期限（北京时间）', '期限暂定', '预警', '已上报'];
const caseHeaders = ['督办编号', '状态', '督办事项', '责任部门', '来源', '办结期限（北京时间）', '延期', '立项时间（北京时间）', '督办要求'];

/** The receipt numbers of the complaints filed here: one real-name, one anonymous. */
let filedReceipts: string[];
/** The case numbers of the 督办 cases opened here. */
let openedCases: string[];

async function fileComplaint(body: Record<string, unknown>): Promise<string> {
  const reply = await callComplaintApi(runtime.apiUrl, 'POST', '/v1/public/complaints', { body: { department: 'haishu-housing', ...body } });
  expect(reply.status, JSON.stringify(reply.json)).toBe(201);
  return reply.json.receiptNumber as string;
}

async function openCase(subject: string, deadline: string): Promise<string> {
  const reply = await callComplaintApi(runtime.apiUrl, 'POST', '/v1/supervision-cases', {
    bearer: supervisor,
    body: { origin: 'initiative', responsibleDepartment: 'haishu-housing', subject, instructions: `查明原因并整改，"限期"报告（${run}）。`, deadline },
  });
  expect(reply.status, JSON.stringify(reply.json)).toBe(201);
  return reply.json.caseNumber as string;
}

beforeAll(async () => {
  session = await openConsoleInBrowser('ui-exports');
  runtime = session.runtime;
  supervisor = await runtime.mintStaffToken({ subject: 'local-haishu-supervisor', role: 'districtSupervisor', jurisdiction: 'haishu' });
  filedReceipts = [
    await fileComplaint({
      category: 'delay',
      content: `施工许可超过承诺时限未办结，导出测试 ${run}。`,
      realName: true,
      complainant: e2eComplainants.consoleScreens,
    }),
    await fileComplaint({ category: 'unlawfulCharge', content: `办理施工许可被要求缴纳无依据的费用，导出测试 ${run}。`, realName: false }),
  ];
  openedCases = [await openCase(`施工许可超期整改（导出 ${run}-1）`, daysAhead(14)), await openCase(`物业维修资金使用迟缓（导出 ${run}-2）`, daysAhead(30))];
});

afterAll(async () => {
  await session?.dispose();
});

const today = (): string => shanghaiDate(new Date().toISOString());
const byFirstCell = (one: readonly string[], other: readonly string[]): number => one[0]!.localeCompare(other[0]!);

describe('exporting the complaint queue and the 督办 cases', () => {
  it('saves the complaints awaiting a decision as an Excel sheet with the queue’s Chinese words and Shanghai dates', async () => {
    // Prepare: the rows the API lists in the queue, written out as the screen reads them.
    const listed = (await callComplaintApi(runtime.apiUrl, 'GET', '/v1/complaints?queue=awaitingDecision&limit=100', { bearer: supervisor })).json;
    expect(listed.nextCursor).toBeUndefined();
    const expected = (listed.items as { receiptNumber: string; realName: boolean; receivedOn: string; deadline: { date: string; provisional: boolean } }[])
      .map((row) => [
        row.receiptNumber,
        '待决定受理',
        filedReceipts[1] === row.receiptNumber ? '违规收费' : '超期办理',
        '海曙区住房和城乡建设局',
        row.realName ? '实名' : '匿名',
        row.receivedOn,
        row.deadline.date,
        row.deadline.provisional ? '暂定' : '',
        '',
        '',
      ])
      .sort(byFirstCell);
    const { page, problems } = await signInAs(session, '李卫东');
    await page.getByRole('link', { name: '投诉' }).click();
    await page.getByRole('row', { name: new RegExp(filedReceipts[0]!) }).waitFor();

    // Act
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    const { rows, sheet } = await sheetRows(download, '投诉队列-待决定受理', complaintHeaders.length);

    // Assess
    expect(download.suggestedFilename()).toBe(`投诉队列-待决定受理-${today()}.xlsx`);
    expect(rows[0]).toEqual(complaintHeaders);
    const exported = rows.slice(1).sort(byFirstCell);
    expect(exported).toEqual(expected);
    expect(exported.map((row) => row[0])).toEqual(expect.arrayContaining(filedReceipts));
    const anonymous = exported.find((row) => row[0] === filedReceipts[1]);
    expect(anonymous?.slice(2, 5)).toEqual(['违规收费', '海曙区住房和城乡建设局', '匿名']);
    // The received day and the deadline are real dates in Excel, not text.
    expect(sheet.getRow(2).getCell(6).value).toBeInstanceOf(Date);
    expect(sheet.getRow(2).getCell(7).value).toBeInstanceOf(Date);
    await page.getByText(`已导出 ${expected.length} 条记录`).waitFor();
    await page.screenshot({ path: join(screenshots, 'complaint-queue-exported.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('saves the 督办 cases under supervision as a UTF-8 CSV with a byte-order mark, quotes doubled, deadlines as Shanghai dates', async () => {
    // Prepare
    const listed = (await callComplaintApi(runtime.apiUrl, 'GET', '/v1/supervision-cases?state=active&limit=100', { bearer: supervisor })).json;
    expect(listed.nextCursor).toBeUndefined();
    const expected = (listed.items as { caseNumber: string; subject: string; deadline: { date: string }; openedAt: string; instructions: string }[])
      .map((supervised) => [
        supervised.caseNumber,
        '督办中',
        supervised.subject,
        '海曙区住房和城乡建设局',
        '监察机关主动督办',
        supervised.deadline.date,
        '0',
        shanghaiDateTime(supervised.openedAt),
        supervised.instructions,
      ])
      .sort(byFirstCell);
    const { page, problems } = await signInAs(session, '李卫东');
    await page.getByRole('link', { name: '督办事项' }).click();
    await page.getByRole('link', { name: openedCases[0]! }).waitFor();

    // Act
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const bytes = await readFile(await download.path());

    // Assess
    expect(download.suggestedFilename()).toBe(`督办事项-督办中-${today()}.csv`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(header).toEqual(caseHeaders);
    expect(rows.sort(byFirstCell)).toEqual(expected);
    expect(rows.map((row) => row[0])).toEqual(expect.arrayContaining(openedCases));
    expect(rows.find((row) => row[0] === openedCases[1])?.slice(2, 6)).toEqual([
      `物业维修资金使用迟缓（导出 ${run}-2）`,
      '海曙区住房和城乡建设局',
      '监察机关主动督办',
      daysAhead(30),
    ]);
    expect(rows.find((row) => row[0] === openedCases[0])?.[8]).toBe(`查明原因并整改，"限期"报告（${run}）。`);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('labels the export buttons and their message in English when the console is, the file keeping its Chinese name and headers', async () => {
    // Prepare
    const { page, problems } = await signInAs(session, '李卫东');
    await page.getByText('English', { exact: true }).click();
    await page.goto(`${runtime.apiUrl}/supervision/cases`);
    await page.getByRole('link', { name: openedCases[0]! }).waitFor();

    // Act
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const bytes = await readFile(await download.path());

    // Assess
    await page.getByText(/^Exported \d+ records$/).waitFor();
    await expect(page.getByRole('button', { name: '导出 CSV' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Export Excel' }).count()).resolves.toBe(1);
    expect(download.suggestedFilename()).toBe(`督办事项-督办中-${today()}.csv`);
    expect(parseCsv(bytes.subarray(3).toString('utf8'))[0]).toEqual(caseHeaders);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("saves a department's catalogue as an Excel sheet named after it, and a year's holiday arrangement as CSV, a row per run of days", async () => {
    // Prepare
    const { page, problems } = await signInAs(session, '李卫东');
    await page.getByRole('link', { name: '事项目录' }).click();
    await page.getByRole('combobox', { name: '部门' }).click();
    await page.locator('.ant-select-item-option', { hasText: '海曙区住房和城乡建设局' }).click();
    await page.getByRole('row', { name: /construction-permit/ }).waitFor();

    // Act
    const [catalogue] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    const { rows: matters } = await sheetRows(catalogue, '事项目录-海曙区住房和城乡建设局', 5);
    await page.goto(`${runtime.apiUrl}/calendar?month=2026-10`);
    await page.getByTestId('holiday-list').getByText('国庆节').waitFor();
    const [calendar] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const [header, ...runs] = parseCsv((await readFile(await calendar.path())).subarray(3).toString('utf8'));

    // Assess
    expect(catalogue.suggestedFilename()).toBe(`事项目录-海曙区住房和城乡建设局-${today()}.xlsx`);
    expect(matters[0]).toEqual(['事项编码', '事项名称', '类别', '法律依据', '最新版本']);
    expect(matters.find((row) => row[0] === 'construction-permit')).toEqual(['construction-permit', expect.any(String), '行政许可', expect.any(String), '1']);
    expect(calendar.suggestedFilename()).toBe(`2026年节假日安排-${today()}.csv`);
    expect(header).toEqual(['类型', '名称', '开始日期', '结束日期', '天数']);
    expect(runs).toContainEqual(['节假日', '国庆节', '2026-10-01', '2026-10-07', '7']);
    expect(runs.some((run) => run[0] === '调休上班')).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});
