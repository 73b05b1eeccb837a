/**
 * The 问责 screens in a browser against the whole local runtime: a district supervisor opens an
 * overdue case's alert, issues an order to correct from it (a deadline in working days), lands on
 * the measure's page with its document; the department's liaison finds it under 问责措施 and
 * reports the correction; the supervisor accepts it. Screenshots go to `test-results/screenshots/`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { openConsoleInBrowser, screenshots, signInAs, type ConsoleInBrowser } from '../support/console-browser.ts';
import { pushOverdueCase } from '../support/licensing-pushes.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;

beforeAll(async () => {
  session = await openConsoleInBrowser('ui-accountability');
  runtime = session.runtime;
});

afterAll(async () => {
  await session?.dispose();
});

describe('问责 screens', () => {
  it("issues an order to correct from an alert's page, which the liaison reports on and the supervisor accepts", async () => {
    // Prepare: an overdue case of the liaison's department, with its signal.
    const department = 'haishu-housing';
    const caseId = await pushOverdueCase(runtime, department, 'UI-WZ');
    const alertQuery = new URLSearchParams({ department, kind: 'licensing', caseId, ruleId: 'licensing.decision-time-limit' }).toString();

    // Act: the supervisor issues the order from the alert's page.
    const supervisor = await signInAs(session, '李卫东');
    await supervisor.page.goto(`${runtime.apiUrl}/alerts/view?${alertQuery}`);
    await supervisor.page.getByRole('link', { name: '问责', exact: true }).click();
    await supervisor.page.waitForURL(/\/accountability\?/);
    const issuing = supervisor.page.getByRole('dialog', { name: '作出问责' });
    await expect(issuing.getByLabel('案件编号').inputValue()).resolves.toBe(caseId);
    await issuing.getByLabel('查明的事实').fill('该局一件建设工程施工许可申请逾期未作决定。');
    await issuing.getByLabel('改正要求').fill('请依法作出许可决定并报送改正情况。');
    await supervisor.page.screenshot({ path: join(screenshots, 'accountability-issue.png'), fullPage: true });
    await issuing.getByRole('button', { name: '下达' }).click();
    await supervisor.page.waitForURL(/\/accountability\/view\?measure=WZ/);
    await supervisor.page.getByText('责令改正通知书').waitFor();
    const measureNumber = new URL(supervisor.page.url()).searchParams.get('measure') as string;
    await supervisor.page.getByText('已下达').first().waitFor();
    await supervisor.page.getByText(/现责令你单位于\d{4}年\d{1,2}月\d{1,2}日前改正/).waitFor();
    await supervisor.page.screenshot({ path: join(screenshots, 'accountability-measure.png'), fullPage: true });

    // Act: the liaison finds it in the list and reports the correction.
    const liaison = await signInAs(session, '陈静');
    await liaison.page.getByRole('link', { name: '问责措施' }).click();
    await liaison.page.getByRole('link', { name: measureNumber }).click();
    await liaison.page.getByLabel('改正情况').fill('已作出许可决定并送达申请人。');
    await liaison.page.getByRole('button', { name: '提交报告' }).click();
    await liaison.page.getByText('改正情况已报告。').waitFor();

    // Act: the supervisor accepts it.
    await supervisor.page.reload();
    await supervisor.page.getByRole('button', { name: '确认已改正' }).click();
    await supervisor.page.getByText('已确认改正。').waitFor();

    // Assess
    await supervisor.page.getByText('已改正', { exact: true }).first().waitFor();
    await supervisor.page.getByText('已作出许可决定并送达申请人。').waitFor();
    await supervisor.page.screenshot({ path: join(screenshots, 'accountability-corrected.png'), fullPage: true });
    await supervisor.page.goto(`${runtime.apiUrl}/accountability`);
    await supervisor.page.getByRole('link', { name: measureNumber }).waitFor();
    await supervisor.page.screenshot({ path: join(screenshots, 'accountability-list.png'), fullPage: true });
    // Its deadline is ahead (and it is corrected): not among the overdue.
    await supervisor.page.getByRole('checkbox', { name: '仅逾期未改正' }).check();
    await expect.poll(() => supervisor.page.getByRole('link', { name: measureNumber }).count(), { timeout: 10_000 }).toBe(0);
    expect(supervisor.problems).toEqual([]);
    expect(liaison.problems).toEqual([]);
  }, 120_000);
});
