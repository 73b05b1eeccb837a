/**
 * The console in a browser (the system's Chromium, driven by playwright-core) against the whole
 * local runtime: signing in through the local identity provider's page with the authorization
 * code flow, the alert queue as each scope sees it, and signing for an alert. Screenshots of the
 * main screens go to `test-results/screenshots/` (not committed).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { openConsoleInBrowser, screenshots, signInAs as signInThrough, type ConsoleInBrowser } from '../support/console-browser.ts';
import { bearerGet, signedPost } from '../support/local-api-client.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;
const haishuCase = `CONSOLE-HS-${Date.now().toString(36)}`;
const yinzhouCase = `CONSOLE-YZ-${Date.now().toString(36)}`;
const sharingCase = `CONSOLE-GX-${Date.now().toString(36)}`;

/** A licensing case received on 2025-09-01 and never decided: long past its limit, a correction (纠错). */
async function pushOverdueCase(department: string, matterCode: string, caseId: string): Promise<void> {
  const credential = runtime.credentials.find((candidate) => candidate.department === department) as DepartmentCredential;
  const body = JSON.stringify({
    records: [{ kind: 'licensing', department, matterCode, caseId, sequence: 1, event: 'received', occurredAt: '2025-09-01T09:00:00+08:00' }],
  });
  expect((await signedPost(runtime.apiUrl, '/v1/records', body, credential)).status).toBe(202);
}

/** A share request for a conditional-share resource, received on 2025-09-25 and never answered: past the legal 10 working days, a correction (纠错). */
async function pushUnansweredShareRequest(caseId: string): Promise<void> {
  const department = 'haishu-market-regulation';
  const matterCode = 'console-enterprise-registration';
  const token = await runtime.mintStaffToken({ subject: 'console-catalogue', role: 'citySupervisor', jurisdiction: 'city' });
  const version = await fetch(new URL(`/v1/departments/${department}/catalogue/${matterCode}/versions`, runtime.apiUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'informationSharing',
      name: '企业登记信息',
      legalBasis: '《政务数据共享条例》',
      sharingType: 'conditional',
      version: 1,
      effectiveFrom: '2025-01-01',
    }),
  });
  expect(version.status).toBe(201);
  const credential = runtime.credentials.find((candidate) => candidate.department === department) as DepartmentCredential;
  const record = { kind: 'informationSharing', department, matterCode, caseId, sequence: 1, occurredAt: '2025-09-25T09:00:00+08:00' };
  const body = JSON.stringify({
    records: [{ ...record, event: 'requested', requestingDepartment: 'haishu-housing', purpose: '核验企业资质', scope: ['注册资本'] }],
  });
  expect((await signedPost(runtime.apiUrl, '/v1/records', body, credential)).status).toBe(202);
}

beforeAll(async () => {
  session = await openConsoleInBrowser('console');
  runtime = session.runtime;
  await pushOverdueCase('haishu-housing', 'construction-permit', haishuCase);
  await pushOverdueCase('yinzhou-market-regulation', 'food-business-licence', yinzhouCase);
  await pushUnansweredShareRequest(sharingCase);
  await runtime.idle();
});

afterAll(async () => {
  await session?.dispose();
});

const signInAs = (person: string, screenshotOfSignIn?: string) => signInThrough(session, person, { screenshotOfSignIn });

describe('console in a browser', () => {
  it("signs a city supervisor in through the provider's page and shows the city's overdue alerts as corrections, with Shanghai dates", async () => {
    // Act
    const { page, problems } = await signInAs('王敏', 'sign-in.png');
    const haishuRow = page.getByRole('row', { name: new RegExp(haishuCase) });
    await haishuRow.waitFor();

    // Assess
    // The scope's name replaces its id once read.
    await expect.poll(() => page.getByTestId('signed-in').textContent(), { timeout: 10_000 }).toMatch(/王敏（演示）.*市级监察员.*宁波市/);
    await expect.poll(() => haishuRow.textContent(), { timeout: 10_000 }).toMatch(/纠错.*待签收.*海曙区住房和城乡建设局.*行政许可/);
    // A deadline shows as the date in Shanghai, whatever the browser's own zone (New York here).
    await expect.poll(() => haishuRow.textContent(), { timeout: 10_000 }).toMatch(/20\d\d-\d\d-\d\d/);
    await expect(page.getByRole('row', { name: new RegExp(yinzhouCase) }).count()).resolves.toBe(1);
    // Every record family is listed by its Chinese name: information sharing between departments too.
    await expect
      .poll(() => page.getByRole('row', { name: new RegExp(sharingCase) }).textContent(), { timeout: 10_000 })
      .toMatch(/纠错.*待签收.*海曙区市场监督管理局.*政务信息共享/);
    // Signing for an alert is the department's act (Art. 18), not the supervisor's.
    await expect(haishuRow.getByRole('button', { name: '签收' }).count()).resolves.toBe(0);
    await page.screenshot({ path: join(screenshots, 'alert-queue-city-supervisor.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("shows a department liaison only its department's alerts, signs for one, and says so in Chinese when another change came first", async () => {
    // Prepare
    const raced = `CONSOLE-RACE-${Date.now().toString(36)}`;
    await pushOverdueCase('haishu-housing', 'construction-permit', raced);
    await runtime.idle();
    const { page, problems } = await signInAs('陈静');
    const row = page.getByRole('row', { name: new RegExp(haishuCase) });
    const racedRow = page.getByRole('row', { name: new RegExp(raced) });
    await row.waitFor();

    // Act
    await row.getByRole('button', { name: '签收' }).click();
    await row.getByText('已签收').waitFor();
    // Someone else signs for the other alert after this page read it.
    const colleague = await runtime.mintStaffToken({
      subject: 'liaison-colleague',
      role: 'departmentLiaison',
      jurisdiction: 'haishu',
      department: 'haishu-housing',
      secondFactor: false,
    });
    const aside = await fetch(`${runtime.apiUrl}/v1/cases/haishu-housing/licensing/${raced}/alerts/licensing.decision-time-limit/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${colleague}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'acknowledge', expectedVersion: 1 }),
    });
    await racedRow.getByRole('button', { name: '签收' }).click();
    const conflict = page.getByText('签收未成功：该预警已被他人处理或已更新');
    await conflict.waitFor();

    // Assess
    await expect.poll(() => page.getByTestId('signed-in').textContent(), { timeout: 10_000 }).toMatch(/陈静（演示）.*部门联络员.*海曙区住房和城乡建设局/);
    await expect(page.getByRole('row', { name: new RegExp(yinzhouCase) }).count()).resolves.toBe(0);
    expect(aside.status).toBe(200);
    await page.screenshot({ path: join(screenshots, 'alert-queue-liaison-conflict.png'), fullPage: true });
    await racedRow.getByText('已签收').waitFor();
    const token = await runtime.mintStaffToken({ subject: 'reader', role: 'districtSupervisor', jurisdiction: 'haishu' });
    const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/haishu-housing/licensing/${haishuCase}/timeline`, token);
    expect(timeline.json.alerts[0]).toMatchObject({ status: 'acknowledged', version: 2 });
    expect(timeline.json.alerts[0].history.at(-1)).toMatchObject({ change: 'acknowledged', actor: 'departmentLiaison:local-haishu-housing-liaison' });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
