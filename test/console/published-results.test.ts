/**
 * The published evaluation results on the citizen's page (Art. 21), in the system Chromium: a
 * portal's link opens a period's results (ranked departments, grades, the approval date, the
 * formula in words, the CSV); a period not yet approved says so; a period that is not one is
 * refused beside its field, and nothing is asked of the API.
 * Screenshots go to `test-results/screenshots/` (not committed).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callComplaintApi } from '../support/complaint-client.ts';
import { openConsoleInBrowser, openPage, screenshots, type ConsoleInBrowser } from '../support/console-browser.ts';
import { cityScoringModel } from '../support/evaluation-models.ts';

const phone = { viewport: { width: 390, height: 844 } } as const;

let session: ConsoleInBrowser;
let departments: number;
let approvedOn: string;

beforeAll(async () => {
  session = await openConsoleInBrowser('pubresults');
  const { runtime } = session;
  const city = await runtime.mintStaffToken({ subject: 'city-1', role: 'citySupervisor', jurisdiction: 'city' });
  const staff = (method: string, path: string, body?: unknown) =>
    callComplaintApi(runtime.apiUrl, method, path, { bearer: city, ...(body === undefined ? {} : { body }) });
  expect((await staff('POST', '/v1/evaluation-models', cityScoringModel({ effectiveFrom: '2026-11' }))).status).toBe(201);
  // No department recorded anything in November: each scores on zeros, the model's full marks.
  const run = await staff('POST', '/v1/evaluations', { owner: 'city', period: '2026-11' });
  expect(run.status, JSON.stringify(run.json)).toBe(200);
  departments = run.json.results.length;
  const approved = await staff('POST', '/v1/evaluations/city/2026-11/1/approval');
  expect(approved.status).toBe(200);
  approvedOn = String(approved.json.approval.approvedAt).slice(0, 10);
}, 180_000);

afterAll(async () => {
  await session?.dispose();
});

describe('the published results on the citizen’s page', () => {
  it("opens a period's approved results from a portal's link: ranks, grades, the approval date, the formula and the CSV", async () => {
    // Act
    const { page, problems } = await openPage(session, '/complaint/?owner=city&period=2026-11', phone);
    await page.getByRole('heading', { name: '全市 2026年11月效能评估结果（第 1 版）' }).waitFor();

    // Assess
    const [year, month, day] = approvedOn.split('-');
    await page.getByText(`公布日期：${year}年${Number(month)}月${Number(day)}日`).waitFor();
    expect(await page.getByRole('row').count()).toBe(departments + 1);
    const first = page.getByRole('row').nth(1);
    expect(await first.getByRole('cell').allInnerTexts()).toEqual(['1', expect.stringMatching(/^[a-z-]+\n?（[a-z-]+）$/), '100.00', '优秀']);
    await page.getByText('每条提示信号扣 3 分，每条警戒信号扣 5 分，每条纠错信号扣 10 分。').waitFor();
    // Every input is measured: no input is said to count as zero.
    expect(await page.getByText('部分输入项尚未计量').count()).toBe(0);
    expect(await page.getByRole('link', { name: '下载 CSV 数据' }).getAttribute('href')).toBe(
      `${session.runtime.apiUrl}/v1/public/evaluations/city/2026-11?format=csv`.replace(session.runtime.apiUrl, ''),
    );
    expect(await page.getByRole('button', { name: '结果公示' }).getAttribute('aria-current')).toBe('page');
    await page.screenshot({ path: join(screenshots, 'published-results.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('says a period is not published yet, and refuses one that is not a period beside its field', async () => {
    // Prepare
    const { page, problems } = await openPage(session, '/complaint/', phone);
    await page.getByRole('button', { name: '结果公示' }).click();

    // Act
    await page.getByLabel('期间').fill('2026-10');
    await page.getByRole('button', { name: '查看结果' }).click();
    await page.getByText('2026年10月的评估结果尚未公布。').waitFor();
    await page.getByLabel('期间').fill('十一月');
    await page.getByRole('button', { name: '查看结果' }).click();

    // Assess
    await page
      .getByTestId('field-error')
      .getByText(/期间（如 2026-11、2026-Q4 或 2026）/)
      .waitFor();
    expect(await page.getByText('2026年10月的评估结果尚未公布。').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
