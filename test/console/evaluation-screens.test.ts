/**
 * The 统计 and 效能评估 screens in a browser against the whole local runtime (Art. 20-22): the
 * housing bureau of Haishu pushes licensing cases of November 2026 and the city supervisor keeps a
 * scoring model in force from that month. The district supervisor reads November's hand-computed
 * figures, sorts and exports the departments' table; the liaison sees its own department only;
 * the city supervisor is refused a month without a model in Chinese, runs November's evaluation,
 * reads the ranked results and the formula, and approves them after a confirmation, after which
 * (and not before) the public endpoint serves them. Screenshots go to `test-results/screenshots/`.
 *
 * November 2026 has no holiday: its working days are 2–6, 9–13, 16–20, 23–27 and 30 November.
 * The construction permit's limits: promised 10, statutory 20 working days.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import { lastCompleteMonth, periodName } from '../../console/src/statistics/statistics-periods.ts';
import { callComplaintApi } from '../support/complaint-client.ts';
import { openConsoleInBrowser, screenshots, signInAs, type ConsoleInBrowser } from '../support/console-browser.ts';
import { cityScoringModel } from '../support/evaluation-models.ts';
import { parseCsv, sheetRows } from '../support/exported-files.ts';
import { novemberLicensingCases, pushAndProcess } from '../support/licensing-pushes.ts';
import { seriousAccessibilityViolations } from '../support/accessibility.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;

const department = 'haishu-housing';
const housingName = '海曙区住房和城乡建设局';

beforeAll(async () => {
  session = await openConsoleInBrowser('ui-evaluation');
  runtime = session.runtime;
  const housing = runtime.credentials.find((credential) => credential.department === department) as DepartmentCredential;
  await pushAndProcess(runtime, housing, novemberLicensingCases(department));
  const cityToken = await runtime.mintStaffToken({ subject: 'city-model', role: 'citySupervisor', jurisdiction: 'city' });
  const model = await callComplaintApi(runtime.apiUrl, 'POST', '/v1/evaluation-models', {
    bearer: cityToken,
    body: cityScoringModel({ effectiveFrom: '2026-11' }),
  });
  expect(model.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await session?.dispose();
});

/** The figure shown beside `label` in the figures' section titled `section`. */
const figure = (page: Page, section: string, label: string) =>
  page
    .locator('.ant-descriptions')
    .filter({ has: page.locator('.ant-descriptions-title', { hasText: section }) })
    .locator('th.ant-descriptions-item-label', { hasText: new RegExp(`^${label}$`) })
    .locator('xpath=following-sibling::td[1]');

/** The texts of the cells of the table's data rows. */
const tableRows = (page: Page, card: string): Promise<string[][]> =>
  page
    .locator('.ant-card')
    .filter({ has: page.locator('.ant-card-head-title', { hasText: card }) })
    .locator('tbody tr.ant-table-row')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));

const today = (): string => shanghaiDate(new Date());

describe('统计', () => {
  it("shows a district supervisor the period's hand-computed figures, its departments sortable and exported", async () => {
    // Act: the menu's page shows the last ended month; then November 2026.
    const { page, problems } = await signInAs(session, '李卫东');
    await page.getByRole('link', { name: '统计', exact: true }).click();
    await page.getByText(`全部管辖范围 · ${periodName(lastCompleteMonth())}`).waitFor();
    await page.goto(`${runtime.apiUrl}/statistics?period=2026-11`);
    await page.getByText('全部管辖范围 · 2026年11月').waitFor();
    await expect.poll(() => figure(page, '办理情况', '受理').textContent()).toBe('3');

    // Assess: EARLY, LAST-MINUTE and NOVEMBER-NIGHT received; EARLY, LAST-MINUTE and OCTOBER-NIGHT completed
    // in 8, 20 and 0 working days; LAST-MINUTE past its promise; OVERDUE open past its limit at the month's end.
    expect(await figure(page, '办理情况', '办结').textContent()).toBe('3');
    expect(await figure(page, '办理情况', '法定时限内办结率').textContent()).toBe('100.00%');
    expect(await figure(page, '办理情况', '承诺时限内办结率').textContent()).toBe('66.67%');
    expect(await figure(page, '办理情况', '提前办结率').textContent()).toBe('66.67%');
    // ((20 − 8) ÷ 20 + 0 + 20 ÷ 20) ÷ 3
    expect(await figure(page, '办理情况', '提速率').textContent()).toBe('53.33%');
    expect(await figure(page, '办理情况', '平均办理工作日').textContent()).toBe('9.33');
    expect(await figure(page, '办理情况', '办理工作日中位数').textContent()).toBe('8');
    expect(await figure(page, '办理情况', '办理工作日第 90 百分位').textContent()).toBe('20');
    expect(await figure(page, '办理情况', '期末逾期未办结').textContent()).toBe('1');
    // The signals were raised when the records arrived (this month), not in November: nothing to correct.
    expect(await figure(page, '预警信号', '合计').textContent()).toBe('0');
    expect(await figure(page, '预警信号', '纠正率').textContent()).toBe('—');
    expect(await figure(page, '投诉', '属实率').textContent()).toBe('—');
    // November has ended: no complaint or 督办 was open past its deadline at its end.
    expect(await figure(page, '投诉', '期末逾期未办结').textContent()).toBe('0');
    expect(await figure(page, '督办', '期末逾期未结案').textContent()).toBe('0');
    await figure(page, '办理情况', '承诺时限内办结率').locator('span[tabindex="0"]').hover();
    await page.getByRole('tooltip', { name: '2 / 3（分子 / 分母）' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'statistics-district.png'), fullPage: true });

    // The district's two departments; sorted by 受理, descending on the second click.
    const rows = await tableRows(page, '各部门情况');
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row[0] === housingName)?.slice(1, 6)).toEqual(['3', '3', '100.00%', '66.67%', '66.67%']);
    const received = page.getByRole('columnheader', { name: '受理' });
    await received.click();
    expect((await tableRows(page, '各部门情况'))[0]![1]).toBe('0');
    await received.click();
    expect((await tableRows(page, '各部门情况'))[0]![0]).toBe(housingName);

    // Exported as Excel and CSV: rates as percentages with their parts beside them.
    const [excel] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(excel.suggestedFilename()).toBe(`统计-2026年11月-${today()}.xlsx`);
    const { rows: sheet } = await sheetRows(excel, '统计-2026年11月', 10);
    expect(sheet[0]).toEqual([
      '部门',
      '部门编号',
      '受理',
      '办结',
      '法定时限内办结率',
      '法定时限内办结率（分子/分母）',
      '承诺时限内办结率',
      '承诺时限内办结率（分子/分母）',
      '提前办结率',
      '提前办结率（分子/分母）',
    ]);
    expect(sheet.find((row) => row[1] === department)).toEqual([housingName, department, '3', '3', '100.00%', '3 / 3', '66.67%', '2 / 3', '66.67%', '2 / 3']);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const bytes = await readFile(await csv.path());
    const [header, ...csvRows] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(header?.slice(0, 4)).toEqual(['部门', '部门编号', '受理', '办结']);
    expect(csvRows.filter((row) => row.length > 1)).toHaveLength(2);
    expect(csvRows.find((row) => row[1] === department)?.slice(0, 8)).toEqual([housingName, department, '3', '3', '100.00%', '3 / 3', '66.67%', '2 / 3']);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('shows a liaison its own department only, without the supervisors’ choices or the evaluations', async () => {
    // Act
    const { page, problems } = await signInAs(session, '陈静');
    await page.getByRole('link', { name: '统计', exact: true }).waitFor();
    await page.goto(`${runtime.apiUrl}/statistics?period=2026-11`);
    await page.getByText(`${housingName} · 2026年11月`).waitFor();
    await expect.poll(() => figure(page, '办理情况', '受理').textContent()).toBe('3');

    // Assess
    const rows = await tableRows(page, '各部门情况');
    expect(rows.map((row) => row[0])).toEqual([housingName]);
    expect(await page.getByRole('combobox', { name: '部门' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '效能评估' }).count()).toBe(0);
    await page.screenshot({ path: join(screenshots, 'statistics-liaison.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});

describe('效能评估', () => {
  it('runs the city’s November evaluation, shows it ranked with its formula, and publishes it only once approved', async () => {
    const publicRead = () => fetch(new URL('/v1/public/evaluations/city/2026-11', runtime.apiUrl));

    // Act: a month without a model in force is refused, in Chinese.
    const { page, problems } = await signInAs(session, '王敏');
    await page.getByRole('link', { name: '效能评估' }).click();
    await page.goto(`${runtime.apiUrl}/evaluations?period=2026-10`);
    await page.getByText('该期间尚未评估').waitFor();
    await page.getByRole('button', { name: '运行评估' }).click();
    await page.getByText(/运行评估未成功：.*2026-10/).waitFor();

    // Act: November, run.
    await page.goto(`${runtime.apiUrl}/evaluations?period=2026-11`);
    await page.getByText('该期间尚未评估').waitFor();
    await page.getByRole('button', { name: '运行评估' }).click();
    await page.getByText('已生成第 1 版评估结果（未公开）。').waitFor();
    await page.getByText('第 1 版评估结果（未公开）', { exact: true }).waitFor();

    // Assess: housing, 40 × 3/3 + 30 × 2/3 + 10 × 32/60 + 20 (no signal to correct) + 5 (0.1 × 66.67, capped at 5) = 90.33,
    // last of the city's six departments; the five others did nothing and score 100.
    const results = await tableRows(page, '第 1 版评估结果');
    expect(results).toHaveLength(6);
    expect(results.slice(0, 5).every((row) => row[0] === '1' && row[2] === '100.00' && row[3] === '优秀')).toBe(true);
    expect(results[5]).toEqual(['6', housingName, '90.33', '优秀', '40.00', '20.00', '5.33', '20.00', '0.00', '5.00']);
    await page.getByRole('list', { name: '评分公式' }).getByText('每条提示信号扣 3 分，每条警戒信号扣 5 分，每条纠错信号扣 10 分。').waitFor();
    await page.screenshot({ path: join(screenshots, 'evaluation-results.png'), fullPage: true });
    expect((await publicRead()).status).toBe(404);

    // Act: approve, after the confirmation.
    await page
      .getByRole('row', { name: /第 1 版/ })
      .getByRole('button', { name: '批准发布' })
      .click();
    const confirmation = page.getByRole('dialog');
    await confirmation.getByText(/2026年11月的评估结果、排名及评分公式将向社会公开/).waitFor();
    await page.screenshot({ path: join(screenshots, 'evaluation-approval-confirmation.png'), fullPage: true, animations: 'disabled' });
    await confirmation.getByRole('button', { name: '批准发布' }).click();
    await page.getByText('第 1 版已批准，结果已公开。').waitFor();

    // Assess
    await page.getByText('第 1 版评估结果（已公开）', { exact: true }).waitFor();
    const published = await publicRead();
    expect(published.status).toBe(200);
    const body = (await published.json()) as { version: number; results: { department: string; total: number; cityRank: number }[] };
    expect(body.version).toBe(1);
    expect(body.results.find((result) => result.department === department)).toMatchObject({ total: 90.33, cityRank: 6 });
    expect(
      await page
        .getByRole('row', { name: /第 1 版/ })
        .getByRole('button', { name: '批准发布' })
        .count(),
    ).toBe(0);
    await page.screenshot({ path: join(screenshots, 'evaluation-published.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});

describe('accessibility', () => {
  it('has no serious or critical axe-core violations on the 统计 and 效能评估 pages', async () => {
    // Prepare: axe-core is injected as a script of the page: past the console's policy, for this test only.
    const { page, problems } = await signInAs(session, '王敏', { bypassCSP: true });

    // Act: the statistics of November, and its evaluation (run and approved above).
    await page.goto(`${runtime.apiUrl}/statistics?period=2026-11`);
    await expect.poll(() => figure(page, '办理情况', '受理').textContent()).toBe('3');
    const statistics = await seriousAccessibilityViolations(page);
    await page.goto(`${runtime.apiUrl}/evaluations?period=2026-11`);
    await page.getByRole('list', { name: '评分公式' }).waitFor();
    const evaluations = await seriousAccessibilityViolations(page);

    // Assess
    expect({ statistics, evaluations }).toEqual({ statistics: [], evaluations: [] });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});
