/**
 * 数据质量 in a browser against the whole local runtime: haishu-housing, connected three days ago,
 * pushes a record 30 hours after its act, a decision stamped before its acceptance and a record of
 * a matter not in its catalogue. The district supervisor of 海曙区 sees its two departments: the
 * housing bureau graded 差 (47) with 20% refused, 25% over 24 hours late, one late and one
 * inaccurate finding still open; the market regulator 未评分. The table sorts by a column; the
 * housing bureau's 查看预警 opens the alert queue filtered to it; the housing liaison sees its own
 * department only; axe-core finds no serious or critical violation on the page.
 * Screenshots go to `test-results/screenshots/`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import { seriousAccessibilityViolations } from '../support/accessibility.ts';
import { callComplaintApi } from '../support/complaint-client.ts';
import { openConsoleInBrowser, screenshots, signInAs, type ConsoleInBrowser } from '../support/console-browser.ts';
import { licensingRecordOf } from '../support/licensing-pushes.ts';
import { signedPost } from '../support/local-api-client.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;
const department = 'haishu-housing';
const run = Date.now().toString(36);

beforeAll(async () => {
  session = await openConsoleInBrowser('ui-data-quality');
  runtime = session.runtime;
  const now = Date.now();
  const hoursAgo = (hours: number) => new Date(now - hours * 3_600_000).toISOString();
  // Connected three days ago: a record of an act since then received 30 hours late is a late report.
  const administrator = await runtime.mintStaffToken({ subject: 'admin-1', role: 'systemAdministrator', jurisdiction: 'city' });
  const profile = await callComplaintApi(runtime.apiUrl, 'GET', `/v1/departments/${department}`, { bearer: administrator });
  const { name, jurisdiction, connectedKinds, version } = profile.json;
  const saved = await callComplaintApi(runtime.apiUrl, 'PUT', `/v1/departments/${department}`, {
    bearer: administrator,
    body: { name, jurisdiction, connectedKinds, connectedOn: shanghaiDate(new Date(now - 3 * 86_400_000)), expectedVersion: version },
  });
  expect(saved.status).toBe(200);
  const record = licensingRecordOf(department, 'construction-permit');
  const records = [
    record(`UI-DQ-LATE-${run}`, 1, 'received', hoursAgo(30)),
    record(`UI-DQ-ORDER-${run}`, 1, 'received', hoursAgo(5)),
    record(`UI-DQ-ORDER-${run}`, 2, 'accepted', hoursAgo(2)),
    record(`UI-DQ-ORDER-${run}`, 3, 'decided', hoursAgo(3), { outcome: 'granted' }),
    { ...record(`UI-DQ-REFUSED-${run}`, 1, 'received', hoursAgo(1)), matterCode: 'no-such-matter' },
  ];
  const credential = runtime.credentials.find((candidate) => candidate.department === department) as DepartmentCredential;
  expect((await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credential)).status).toBe(202);
  await runtime.idle();
});

afterAll(async () => {
  await session?.dispose();
});

describe('the data-quality screen', () => {
  it("shows a district supervisor its district's departments graded, sorts them and opens a department's alerts", async () => {
    // Prepare
    const { page, problems } = await signInAs(session, '李卫东');

    // Act
    await page.getByRole('link', { name: '数据质量' }).click();
    const housing = page.getByRole('row', { name: /海曙区住房和城乡建设局/ });
    await housing.waitFor();

    // Assess: 部门, 等级, 得分, 到达记录, 拒收率, 超过24小时报送, 报送时延, 报送迟延, 不完整/不准确, 数据标准, 核查不一致, 清单迟交, 迟延接入/停报, 一致性核查.
    const cells = await housing.getByRole('cell').allTextContents();
    expect(cells).toEqual([
      '海曙区住房和城乡建设局查看预警',
      '差',
      '47',
      '5',
      '20.0%（1）',
      '25.0%（1）',
      '1天内 / 1周内',
      '1（未结 1）',
      '1（未结 1）',
      '0',
      '0',
      '0',
      '0',
      '—',
    ]);
    expect(await page.getByRole('row', { name: /海曙区市场监督管理局/ }).textContent()).toContain('未评分');
    expect(await page.getByTestId('scoring').textContent()).toMatch(/拒收率每 1 个百分点扣 2 分.*优 ≥ 90，良 ≥ 75，中 ≥ 60/);
    expect(await page.getByRole('row').count()).toBe(3);
    await page.screenshot({ path: join(screenshots, 'data-quality.png'), fullPage: true });

    // Act: fewest records first.
    await page.getByRole('columnheader', { name: '到达记录' }).click();

    // Assess
    await expect.poll(async () => (await page.getByRole('row').nth(1).textContent()) ?? '').toContain('海曙区市场监督管理局');

    // Act: the housing bureau's alerts.
    await housing.getByRole('link', { name: '查看预警' }).click();
    await page.waitForURL(/\/alerts\?department=haishu-housing$/);
    await page.getByRole('row', { name: new RegExp(`UI-DQ-LATE-${run}`) }).waitFor();

    // Assess: the queue is filtered to the department.
    const queued = await page.getByRole('row').allTextContents();
    expect(queued.slice(1).every((row) => row.includes('海曙区住房和城乡建设局'))).toBe(true);
    expect(queued.some((row) => row.includes(`UI-DQ-ORDER-${run}`))).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows a liaison its own department only', async () => {
    const { page, problems } = await signInAs(session, '陈静');

    await page.getByRole('link', { name: '数据质量' }).click();
    await page.getByRole('row', { name: /海曙区住房和城乡建设局/ }).waitFor();

    expect(await page.getByRole('row').count()).toBe(2);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('has no serious or critical axe-core violations', async () => {
    // Prepare: axe-core is injected as a script of the page, past the console's policy, for this test only.
    const { page, problems } = await signInAs(session, '李卫东', { bypassCSP: true });
    await page.getByRole('link', { name: '数据质量' }).click();
    await page.getByRole('row', { name: /海曙区住房和城乡建设局/ }).waitFor();

    // Act
    const found = await seriousAccessibilityViolations(page);

    // Assess
    expect(found).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
