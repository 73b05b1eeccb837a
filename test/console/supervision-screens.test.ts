/**
 * The 督办 screens in a browser against the whole local runtime: a department liaison requests
 * supervision, a district supervisor decides the request on the list — a deadline in the past
 * refused beside its field — and opens a case, whose page the liaison then reports progress on.
 * Screenshots go to `test-results/screenshots/`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { daysAhead } from '../support/complaint-client.ts';
import { openConsoleInBrowser, screenshots, signInAs, type ConsoleInBrowser } from '../support/console-browser.ts';
import { bearerGet } from '../support/local-api-client.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;

beforeAll(async () => {
  session = await openConsoleInBrowser('ui-supervision');
  runtime = session.runtime;
});

afterAll(async () => {
  await session?.dispose();
});

describe('督办 screens', () => {
  it('lets a liaison request 督办 and a supervisor open a case from it, which the liaison reports progress on', async () => {
    // Prepare
    const subject = `老旧小区加装电梯审批协调（控制台 ${Date.now().toString(36)}）`;
    const deadline = daysAhead(21);

    // Act: the liaison files the request.
    const liaison = await signInAs(session, '陈静');
    await liaison.page.getByRole('link', { name: '督办申请' }).click();
    await liaison.page.getByRole('button', { name: '申请督办' }).click();
    const filing = liaison.page.getByRole('dialog', { name: '申请督办' });
    await filing.getByLabel('事由').fill(subject);
    await filing.getByLabel('事项情况').fill('涉及规划、住建、市场监管多个部门，审批链条长。');
    await filing.getByLabel('请求督办的内容').fill('请求督办协调各部门限期会商。');
    await filing.getByRole('button', { name: '提交申请' }).click();
    const filedRow = liaison.page.getByRole('row', { name: new RegExp(subject.replace(/[()（）]/g, '.')) });
    await filedRow.getByText('待决定').waitFor();
    await liaison.page.screenshot({ path: join(screenshots, 'supervision-requests-liaison.png'), fullPage: true });

    // Act: the supervisor decides it, first with a deadline already past.
    const supervisor = await signInAs(session, '李卫东');
    await supervisor.page.getByRole('link', { name: '督办申请' }).click();
    const pendingRow = supervisor.page.getByRole('row', { name: new RegExp(subject.replace(/[()（）]/g, '.')) });
    await pendingRow.getByRole('button', { name: '决定' }).click();
    const deciding = supervisor.page.getByRole('dialog', { name: /督办决定/ });
    await deciding.getByLabel('督办要求').fill('两周内组织联合会商并报告结果。');
    await deciding.getByLabel('办结期限').fill('2025-01-06');
    await deciding.getByRole('button', { name: '提交决定' }).click();
    await deciding.getByText(/应不早于 20\d\d-\d\d-\d\d（今日，北京时间）/).waitFor();
    await supervisor.page.screenshot({ path: join(screenshots, 'supervision-decision-refused-deadline.png'), fullPage: true });
    await deciding.getByLabel('办结期限').fill(deadline);
    await deciding.getByRole('button', { name: '提交决定' }).click();
    const opened = supervisor.page.getByText(/已立项督办：DB\d{8}/);
    await opened.waitFor();
    const caseNumber = /DB\d{8}[0-9A-Z]+/.exec((await opened.textContent()) ?? '')![0];

    // Act: the liaison reports progress on the case's page.
    await liaison.page.goto(`${runtime.apiUrl}/supervision/cases`);
    await liaison.page.getByRole('link', { name: caseNumber }).click();
    await liaison.page.getByLabel('报告内容').fill('已召开第一次联合会商，形成会议纪要。');
    await liaison.page.getByRole('button', { name: '提交报告' }).click();
    await liaison.page.getByText('进展已报告。').waitFor();

    // Assess
    await supervisor.page.goto(`${runtime.apiUrl}/supervision/cases/view?case=${caseNumber}`);
    await supervisor.page.getByText('已召开第一次联合会商，形成会议纪要。').waitFor();
    await expect(supervisor.page.getByText('办结期限').first().isVisible()).resolves.toBe(true);
    await expect(supervisor.page.getByRole('cell', { name: new RegExp(deadline) }).count()).resolves.toBeGreaterThan(0);
    await supervisor.page.getByRole('button', { name: '延期' }).waitFor();
    await expect.poll(() => supervisor.page.getByTestId('working-days-left').textContent(), { timeout: 10_000 }).toMatch(/^剩余 \d+ 个工作日$/);
    await supervisor.page.screenshot({ path: join(screenshots, 'supervision-case-page.png'), fullPage: true });
    await supervisor.page.goto(`${runtime.apiUrl}/supervision/cases`);
    await supervisor.page.getByRole('link', { name: caseNumber }).waitFor();
    await supervisor.page.screenshot({ path: join(screenshots, 'supervision-cases.png'), fullPage: true });
    const token = await runtime.mintStaffToken({ subject: 'reader', role: 'districtSupervisor', jurisdiction: 'haishu' });
    const stored = await bearerGet(runtime.apiUrl, `/v1/supervision-cases/${caseNumber}`, token);
    expect(stored.json.case).toMatchObject({ stage: 'open', responsibleDepartment: 'haishu-housing', deadline: { date: deadline }, progressReports: 1 });
    expect(stored.json.timeline.map((step: { action: string }) => step.action)).toEqual(['caseOpened', 'progressReported']);
    expect(liaison.problems).toEqual([]);
    expect(supervisor.problems).toEqual([]);
    await liaison.page.context().close();
    await supervisor.page.context().close();
  }, 120_000);
});
