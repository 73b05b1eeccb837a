/**
 * The console's alert screens in a browser against the whole local runtime: an alert's page
 * (summary, level, deadline with working days, history, the actions of the signed-in role, the
 * version sent for the user and a conflict said in Chinese), a case's timeline, the print layout,
 * English as the second language, and axe-core's accessibility rules on the main screens.
 * Screenshots go to `test-results/screenshots/` (not committed).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { openConsoleInBrowser, openPage, screenshots, signInAs as signInThrough, type ConsoleInBrowser } from '../support/console-browser.ts';
import { bearerGet, signedPost } from '../support/local-api-client.ts';
import { e2eOfficials } from '../support/e2e-officials.ts';
import { shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { addWorkingDays } from '#shared/domain/calendar/working-days.ts';
import { seriousAccessibilityViolations } from '../support/accessibility.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;
const run = Date.now().toString(36).toUpperCase();
const cases = {
  closed: `ALERT-CLOSE-${run}`,
  disputed: `ALERT-DISPUTE-${run}`,
  raced: `ALERT-RACE-${run}`,
  answered: `ALERT-ANSWER-${run}`,
  yinzhou: `ALERT-YZ-${run}`,
  named: `ALERT-NAMED-${run}`,
};
const rule = 'licensing.decision-time-limit';
const alertUrl = (department: string, caseId: string): string => `/alerts/view?department=${department}&kind=licensing&caseId=${caseId}&ruleId=${rule}`;
const timelineUrl = (department: string, caseId: string): string => `/cases/timeline?department=${department}&kind=licensing&caseId=${caseId}`;
const haishuAlert = (caseId: string): string => alertUrl('haishu-housing', caseId);

/** A licensing case received on 2025-09-01 and never decided: long past its limit, a correction (纠错). */
async function pushOverdueCase(department: string, matterCode: string, caseId: string, extra: Record<string, unknown> = {}): Promise<void> {
  const credential = runtime.credentials.find((candidate) => candidate.department === department) as DepartmentCredential;
  const body = JSON.stringify({
    records: [{ kind: 'licensing', department, matterCode, caseId, sequence: 1, event: 'received', occurredAt: '2025-09-01T09:00:00+08:00', ...extra }],
  });
  expect((await signedPost(runtime.apiUrl, '/v1/records', body, credential)).status).toBe(202);
}

/** The Haishu housing liaison acting through the API, as a colleague in another browser would. */
async function liaisonActs(caseId: string, body: Record<string, unknown>): Promise<number> {
  const token = await runtime.mintStaffToken({
    subject: 'liaison-colleague',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-housing',
    secondFactor: false,
  });
  const reply = await fetch(`${runtime.apiUrl}/v1/cases/haishu-housing/licensing/${caseId}/alerts/${rule}/actions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return reply.status;
}

async function alertAsStored(caseId: string): Promise<{ status: string; version: number; history: { change: string; note?: string }[] }> {
  const token = await runtime.mintStaffToken({ subject: 'reader', role: 'districtSupervisor', jurisdiction: 'haishu' });
  return (await bearerGet(runtime.apiUrl, `/v1/cases/haishu-housing/licensing/${caseId}/alerts/${rule}`, token)).json;
}

beforeAll(async () => {
  session = await openConsoleInBrowser('console-alerts');
  runtime = session.runtime;
  for (const caseId of [cases.closed, cases.disputed, cases.raced, cases.answered]) await pushOverdueCase('haishu-housing', 'construction-permit', caseId);
  await pushOverdueCase('yinzhou-market-regulation', 'food-business-licence', cases.yinzhou);
  await pushOverdueCase('haishu-housing', 'construction-permit', cases.named, { official: e2eOfficials.zhang });
  await runtime.idle();
  expect(await liaisonActs(cases.disputed, { action: 'dispute', expectedVersion: 1, note: '申请人补正材料期间不计入办理期限。' })).toBe(200);
}, 120_000);

afterAll(async () => {
  await session?.dispose();
});

const signInAs = (person: string) => signInThrough(session, person);

/** Opens a page of the signed-in console by address (the session survives the page load). */
async function goTo(page: Page, path: string): Promise<void> {
  await page.goto(`${runtime.apiUrl}${path}`);
}

const statusOf = (page: Page) => page.getByTestId('alert-status');
const historyOf = (page: Page) => page.getByTestId('alert-history');

describe('alert screens in a browser', () => {
  it('lets a city supervisor open an overdue alert from the queue, close it and rule on a disputed one, showing each new state', async () => {
    // Prepare
    const { page, problems } = await signInAs('王敏');
    const row = page.getByRole('row', { name: new RegExp(cases.closed) });

    // Act
    await row.getByRole('link', { name: cases.closed }).click();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === haishuAlert(cases.closed));
    await statusOf(page).getByText('待签收').waitFor();
    await page.getByTestId('working-days').waitFor();
    const answerDue = await page.getByTestId('answer-due').textContent();
    const summaryBefore = await page.getByTestId('alert-summary').textContent();
    const offered = await page.getByRole('button', { name: /^(签收|答复|申辩|裁定|关闭)$/ }).allTextContents();
    await page.getByRole('button', { name: '关闭', exact: true }).click();
    await page.getByLabel('关闭理由').fill('部门已于当日作出决定，补报数据后核实无误。');
    await page.getByRole('button', { name: '提交' }).click();
    await statusOf(page).getByText('已办结').waitFor();
    await page.screenshot({ path: join(screenshots, 'alert-closed-city-supervisor.png'), fullPage: true });

    await goTo(page, haishuAlert(cases.disputed));
    await statusOf(page).getByText('有异议').waitFor();
    await page.getByRole('button', { name: '裁定', exact: true }).click();
    await page.getByLabel('申辩成立（关闭预警）').check();
    await page.getByLabel('说明').fill('补正期间依法不计入期限，申辩成立。');
    await page.getByRole('button', { name: '提交' }).click();
    await statusOf(page).getByText('已办结').waitFor();

    // Assess
    // Raised today at correction level: five working days to correct or explain it, today not counted.
    expect(answerDue).toBe(addWorkingDays(stateCouncilCalendar, shanghaiDate(new Date()), 5));
    expect(summaryBefore).toMatch(/纠错/);
    expect(summaryBefore).toMatch(/未在法定期限内作出决定/);
    // The deadline is a Shanghai date, and the case is long past it in working days.
    expect(summaryBefore).toMatch(/20\d\d-\d\d-\d\d\s*已逾期 \d+ 个工作日/);
    expect(offered).toEqual(['关闭']);
    const closedHistory = await historyOf(page).textContent();
    expect(closedHistory).toMatch(/申辩.*部门联络员（liaison-colleague）.*申请人补正材料期间不计入办理期限/);
    expect(closedHistory).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d · 裁定：申辩成立.*市级监察员（local-city-supervisor）.*补正期间依法不计入期限/);
    await expect(page.getByText('该预警当前没有您可执行的处置。').count()).resolves.toBe(1);
    await expect(alertAsStored(cases.closed)).resolves.toMatchObject({ status: 'closed', version: 2 });
    expect((await alertAsStored(cases.closed)).history.at(-1)).toMatchObject({ change: 'closed', note: '部门已于当日作出决定，补报数据后核实无误。' });
    await expect(alertAsStored(cases.disputed)).resolves.toMatchObject({ status: 'closed', version: 3 });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('sends the version it read, and when someone acted first says so in Chinese and shows the fresh state', async () => {
    // Prepare
    const { page, problems } = await signInAs('王敏');
    await goTo(page, haishuAlert(cases.raced));
    await statusOf(page).getByText('待签收').waitFor();
    await page.getByRole('button', { name: '关闭', exact: true }).click();
    await page.getByLabel('关闭理由').fill('核实后关闭。');

    // Act
    expect(await liaisonActs(cases.raced, { action: 'acknowledge', expectedVersion: 1 })).toBe(200);
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('conflict').waitFor();

    // Assess
    await statusOf(page).getByText('已签收').waitFor();
    await expect
      .poll(() => page.getByTestId('conflict').textContent(), { timeout: 10_000 })
      .toMatch(/操作未成功：该预警已被他人处理或已更新。已重新读取最新状态/);
    await expect.poll(() => historyOf(page).textContent(), { timeout: 10_000 }).toMatch(/签收.*部门联络员（liaison-colleague）/);
    await expect.poll(() => page.getByTestId('alert-summary').textContent(), { timeout: 10_000 }).toMatch(/版本 2/);
    await expect(alertAsStored(cases.raced)).resolves.toMatchObject({ status: 'acknowledged', version: 2 });
    await page.screenshot({ path: join(screenshots, 'alert-conflict.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("lets a liaison answer its department's alert with evidence, shows a refused field beside it, and finds no other department's alert", async () => {
    // Prepare
    const { page, problems } = await signInAs('陈静');
    await goTo(page, haishuAlert(cases.answered));
    await statusOf(page).getByText('待签收').waitFor();
    const offered = await page.getByRole('button', { name: /^(签收|答复|申辩|裁定|关闭)$/ }).allTextContents();

    // Act
    await page.getByRole('button', { name: '答复', exact: true }).click();
    await page.getByLabel('已纠正').check();
    await page.getByLabel('说明', { exact: true }).fill('已于 2025-12-01 作出准予许可决定。');
    // An evidence item longer than the API takes (200 characters): refused, and said beside the field.
    await page.getByLabel(/证明材料/).fill(`海建许〔2025〕931 号决定书\n${'https://www.haishu.gov.cn/'.padEnd(201, 'x')}`);
    await page.getByRole('button', { name: '提交' }).click();
    const evidenceError = page.locator('.ant-form-item-has-error').filter({ hasText: '证明材料' }).locator('.ant-form-item-explain-error');
    const evidenceRefusal = await evidenceError.textContent();
    const refusedStatus = await statusOf(page).textContent();
    await page.getByLabel(/证明材料/).fill('海建许〔2025〕931 号决定书\nhttps://www.haishu.gov.cn/decisions/931');
    await page.getByRole('button', { name: '提交' }).click();
    await statusOf(page).getByText('已反馈').waitFor();
    await page.screenshot({ path: join(screenshots, 'alert-answered-liaison.png'), fullPage: true });

    await goTo(page, alertUrl('yinzhou-market-regulation', cases.yinzhou));
    await page.getByText('预警不存在').waitFor();
    await goTo(page, timelineUrl('yinzhou-market-regulation', cases.yinzhou));
    await page.getByText('案件不存在').waitFor();
    await goTo(page, '/alerts');
    await page.getByRole('row', { name: new RegExp(cases.answered) }).waitFor();

    // Assess
    expect(offered).toEqual(['签收', '答复', '申辩']);
    expect(evidenceRefusal).not.toBe('');
    expect(refusedStatus).toBe('待签收');
    await expect(page.getByRole('row', { name: new RegExp(cases.yinzhou) }).count()).resolves.toBe(0);
    const stored = await alertAsStored(cases.answered);
    expect(stored).toMatchObject({ status: 'responded', version: 2 });
    expect(stored.history.at(-1)?.note).toBe(
      'corrected: 已于 2025-12-01 作出准予许可决定。 [evidence: 海建许〔2025〕931 号决定书; https://www.haishu.gov.cn/decisions/931]',
    );
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("shows the case's responsible official on the alert's page, and narrows the queue to one official's alerts", async () => {
    // Prepare
    const { page, problems } = await signInAs('陈静');

    // Act
    await goTo(page, haishuAlert(cases.named));
    const named = await page.getByTestId('alert-official').textContent();
    await goTo(page, haishuAlert(cases.answered));
    const unnamed = await page.getByTestId('alert-official').textContent();
    await goTo(page, '/alerts');
    await page.getByRole('row', { name: new RegExp(cases.answered) }).waitFor();
    await page.getByLabel('经办人工号').fill('HS-0231');
    await page.getByLabel('经办人工号').press('Enter');
    await page.getByRole('row', { name: new RegExp(cases.answered) }).waitFor({ state: 'detached' });
    const rows = await page.locator('.ant-table-tbody tr').allTextContents();

    // Assess
    expect(named).toBe('张晓明（工号 HS-0231）');
    expect(unnamed).toBe('部门未写明');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(cases.named);
    expect(rows[0]).toContain('HS-0231');
    expect(rows[0]).not.toContain('张晓明');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("shows a case's timeline: its records in order at Shanghai times and its alerts, each opening the alert", async () => {
    // Prepare
    const { page, problems } = await signInAs('李卫东');

    // Act
    await goTo(page, timelineUrl('haishu-housing', cases.closed));
    const records = page.getByTestId('case-records');
    await records.getByRole('row', { name: /received/ }).waitFor();
    const recordRow = await records.getByRole('row', { name: /received/ }).textContent();
    const alertRow = await page.getByTestId('case-alerts').getByRole('row', { name: /纠错/ }).textContent();
    await page.getByTestId('case-summary').getByText('海曙区住房和城乡建设局').waitFor();
    const caseSummary = await page.getByTestId('case-summary').textContent();
    await page.screenshot({ path: join(screenshots, 'case-timeline.png'), fullPage: true });
    await page
      .getByTestId('case-alerts')
      .getByRole('link', { name: /未在法定期限内作出决定/ })
      .click();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === haishuAlert(cases.closed));

    // Assess
    // 09:00 in Shanghai, shown so in a browser set to New York.
    expect(recordRow).toMatch(/^1received2025-09-01 09:00/);
    expect(alertRow).toMatch(/纠错已办结未在法定期限内作出决定.*20\d\d-\d\d-\d\d/);
    expect(caseSummary).toMatch(new RegExp(`${cases.closed}.*海曙区住房和城乡建设局.*行政许可.*construction-permit`));
    await statusOf(page).getByText('已办结').waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('switches to English in the header: the console, Ant Design and the API’s summaries, remembered on the next visit', async () => {
    // Prepare
    const { page, problems } = await signInAs('王敏');
    await goTo(page, alertUrl('yinzhou-market-regulation', cases.yinzhou));
    await statusOf(page).getByText('待签收').waitFor();
    const chinese = await page.getByTestId('alert-sentence').textContent();

    // Act
    const englishRead = page.waitForRequest(
      (request) =>
        request.url().endsWith(`/v1/cases/yinzhou-market-regulation/licensing/${cases.yinzhou}/alerts/${rule}`) &&
        request.headers()['accept-language'] === 'en',
    );
    await page.getByText('English', { exact: true }).click();
    await englishRead;
    await statusOf(page).getByText('Open').waitFor();
    await page.screenshot({ path: join(screenshots, 'alert-english.png'), fullPage: true });
    await page.reload();
    await statusOf(page).getByText('Open').waitFor();
    await page.getByTestId('working-days').waitFor();

    // Assess
    expect(chinese).toMatch(/^未在法定期限内作出决定/);
    await expect.poll(() => page.getByTestId('alert-sentence').textContent(), { timeout: 10_000 }).toMatch(/^Decision not made by the statutory time limit/);
    await expect.poll(() => page.getByTestId('alert-summary').textContent(), { timeout: 10_000 }).toMatch(/Correction.*Overdue by \d+ working days/);
    await expect(page.getByRole('heading', { name: 'Alert', exact: true }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(1);
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('en');
    await page.getByText('中文', { exact: true }).click();
    await statusOf(page).getByText('待签收').waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('prints the alert and the timeline without the navigation, buttons or forms', async () => {
    // Prepare
    const { page, problems } = await signInAs('王敏');
    await goTo(page, alertUrl('yinzhou-market-regulation', cases.yinzhou));
    await statusOf(page).getByText('待签收').waitFor();
    // The browser's print dialogue would block the page: the button's call is counted instead.
    await page.evaluate('window.printed = 0; window.print = () => { window.printed += 1; }');

    // Act
    await page.getByRole('button', { name: '打印' }).click();
    const printCalls = await page.evaluate('window.printed');
    await page.emulateMedia({ media: 'print' });
    const alertPrinted = {
      header: await page.locator('header').isVisible(),
      buttons: await page
        .getByRole('button', { name: /打印|关闭|返回预警队列/ })
        .filter({ visible: true })
        .count(),
      summary: await page.getByTestId('alert-summary').isVisible(),
      history: await historyOf(page).isVisible(),
      printedAt: await page.getByText(/^打印时间：\d{4}-\d\d-\d\d \d\d:\d\d$/).isVisible(),
    };
    await page.screenshot({ path: join(screenshots, 'alert-print.png'), fullPage: true });
    await goTo(page, timelineUrl('yinzhou-market-regulation', cases.yinzhou));
    await page
      .getByTestId('case-records')
      .getByRole('row', { name: /received/ })
      .waitFor();
    const timelinePrinted = { header: await page.locator('header').isVisible(), records: await page.getByTestId('case-records').isVisible() };
    await page.screenshot({ path: join(screenshots, 'case-timeline-print.png'), fullPage: true });

    // Assess
    expect(printCalls).toBe(1);
    expect(alertPrinted).toEqual({ header: false, buttons: 0, summary: true, history: true, printedAt: true });
    expect(timelinePrinted).toEqual({ header: false, records: true });
    await page.emulateMedia({ media: 'screen' });
    await expect(page.locator('header').isVisible()).resolves.toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('has no serious or critical axe-core violations on the sign-in page, the queue, an alert and a timeline', async () => {
    // Prepare
    // axe-core is injected as a script of the page: past the console's policy, for this test only.
    const signedOut = await openPage(session, '/', { bypassCSP: true });
    await signedOut.page.getByRole('button', { name: '登录' }).waitFor();
    const { page, problems } = await signInThrough(session, '陈静', { bypassCSP: true });

    // Act
    const found = { signIn: await seriousAccessibilityViolations(signedOut.page) } as Record<string, string[]>;
    await page.getByRole('row', { name: new RegExp(cases.answered) }).waitFor();
    found['queue'] = await seriousAccessibilityViolations(page);
    await goTo(page, haishuAlert(cases.raced));
    await statusOf(page).waitFor();
    await page.getByRole('button', { name: '答复', exact: true }).click();
    found['alert'] = await seriousAccessibilityViolations(page);
    await goTo(page, timelineUrl('haishu-housing', cases.raced));
    await page.getByTestId('case-records').waitFor();
    found['timeline'] = await seriousAccessibilityViolations(page);

    // Assess
    expect(found).toEqual({ signIn: [], queue: [], alert: [], timeline: [] });
    expect(problems).toEqual([]);
    await signedOut.page.context().close();
    await page.context().close();
  });
});
