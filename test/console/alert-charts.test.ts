/**
 * The alert charts (预警统计图) in a browser under the console's Content-Security-Policy: ECharts
 * draws both figures as SVG without a refusal or a page error, and each figure's data table
 * counts the pushed cases by level, per month and per department.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { periodOf } from '../../console/src/alerts/alert-tallies.ts';
import { openConsoleInBrowser, screenshots, signInAs, type ConsoleInBrowser } from '../support/console-browser.ts';
import { bearerGet, signedPost } from '../support/local-api-client.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;
const run = Date.now().toString(36);

const licensing = (department: string, matterCode: string, caseId: string, events: readonly [string, string][]) =>
  events.map(([event, occurredAt], index) => ({
    kind: 'licensing',
    department,
    matterCode,
    caseId,
    sequence: index + 1,
    event,
    occurredAt,
    ...(event === 'decided' ? { outcome: 'granted' } : {}),
  }));

async function push(department: string, records: readonly unknown[]): Promise<void> {
  const credential = runtime.credentials.find((candidate) => candidate.department === department) as DepartmentCredential;
  expect((await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credential)).status).toBe(202);
}

const received: [string, string] = ['received', '2025-09-01T09:00:00+08:00'];
const accepted: [string, string] = ['accepted', '2025-09-01T10:00:00+08:00'];

beforeAll(async () => {
  session = await openConsoleInBrowser('console-charts');
  runtime = session.runtime;
  // Haishu: two cases never decided (纠错) and one decided after its promised 10 working days but
  // within the statutory 20 (警戒, for the decision and for its stage). Yinzhou: one never decided (纠错).
  await push('haishu-housing', [
    ...licensing('haishu-housing', 'construction-permit', `CHART-HS-${run}-1`, [received]),
    ...licensing('haishu-housing', 'construction-permit', `CHART-HS-${run}-2`, [received]),
    ...licensing('haishu-housing', 'construction-permit', `CHART-HS-${run}-3`, [received, accepted, ['decided', '2025-09-22T10:00:00+08:00']]),
  ]);
  await push('yinzhou-market-regulation', licensing('yinzhou-market-regulation', 'food-business-licence', `CHART-YZ-${run}`, [received]));
  await runtime.idle();
});

afterAll(async () => {
  await session?.dispose();
});

describe('alert charts in a browser', () => {
  it('draws alerts by level per month and per department as SVG under the CSP, and tables the counts of the pushed cases', async () => {
    // Prepare: what the pushes raised, as the API says.
    const token = await runtime.mintStaffToken({ subject: 'charts-reader', role: 'citySupervisor', jurisdiction: 'city' });
    const alerts = (await bearerGet(runtime.apiUrl, '/v1/alerts?limit=100', token)).json.items as {
      caseId: string;
      level: string;
      raisedAt: string;
      ruleId: string;
    }[];
    expect(alerts.map((alert) => [alert.caseId, alert.level, alert.ruleId]).sort()).toEqual([
      [`CHART-HS-${run}-1`, 'correction', 'licensing.decision-time-limit'],
      [`CHART-HS-${run}-2`, 'correction', 'licensing.decision-time-limit'],
      [`CHART-HS-${run}-3`, 'warning', 'licensing.decision-time-limit'],
      [`CHART-HS-${run}-3`, 'warning', 'licensing.stage-time-limit'],
      [`CHART-YZ-${run}`, 'correction', 'licensing.decision-time-limit'],
    ]);
    const policy = (await fetch(`${runtime.apiUrl}/alerts/charts`)).headers.get('content-security-policy');
    const { page, problems } = await signInAs(session, '王敏');

    // Act
    await page.getByRole('link', { name: '统计图', exact: true }).click();
    await page.waitForURL(/\/alerts\/charts$/);
    const byMonth = page.getByRole('figure', { name: /图 1.*各级别预警数/ });
    const byDepartment = page.getByRole('figure', { name: /图 2.*各部门预警数/ });
    await byMonth.locator('[role="img"] svg').waitFor();
    await byDepartment.locator('[role="img"] svg').waitFor();
    await byMonth.getByRole('button', { name: '显示数据表' }).click();
    await byDepartment.getByRole('button', { name: '显示数据表' }).click();

    // Assess: the page ran under the strict policy, and a refusal would be among the problems.
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toContain('unsafe-eval');
    await expect(page.getByTestId('alerts-counted').textContent()).resolves.toBe('共 5 条预警');
    await expect(page.getByText('统计接口上线后改由服务端汇总').count()).resolves.toBe(1);
    // The legend is drawn in the chart itself, in Chinese.
    await expect.poll(() => byMonth.locator('[role="img"] svg').textContent(), { timeout: 10_000 }).toMatch(/提示.*警戒.*纠错/);
    const month = periodOf(alerts[0]!.raisedAt, 'month');
    await expect(byMonth.getByRole('row').allTextContents()).resolves.toEqual(['月份提示警戒纠错合计', `${month}0235`]);
    await expect(byDepartment.getByRole('row').allTextContents()).resolves.toEqual([
      '部门提示警戒纠错合计',
      '海曙区住房和城乡建设局0224',
      '鄞州区市场监督管理局0011',
    ]);
    await page.screenshot({ path: join(screenshots, 'alert-charts.png'), fullPage: true });

    // Act: per week; the table follows.
    await page.getByText('按周').click();

    // Assess
    await expect(byMonth.getByRole('row').nth(1).textContent()).resolves.toBe(`${periodOf(alerts[0]!.raisedAt, 'week')} 起0235`);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
