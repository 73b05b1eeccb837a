/**
 * The catalogue and the working-day calendar in a browser against the whole local runtime: a
 * district supervisor picks a department, sees a matter's versions with the one in force, and
 * back-tests a shorter promised limit on a stored case, which would raise a warning; a liaison
 * sees its own department's catalogue without the back-test; the calendar shows the 2026 国庆
 * holidays and the adjusted working day after them, and a city supervisor loads 2027 (which the
 * package lacks), a date that does not exist refused beside its field. Screenshots go to
 * `test-results/screenshots/`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { openConsoleInBrowser, screenshots, signInAs, type ConsoleInBrowser } from '../support/console-browser.ts';
import { signedPost } from '../support/local-api-client.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;
const department = 'haishu-housing';

beforeAll(async () => {
  session = await openConsoleInBrowser('ui-reference');
  runtime = session.runtime;
});

afterAll(async () => {
  await session?.dispose();
});

/** A construction permit accepted on 2025-09-01 and decided 8 working days later: within the catalogue's promise of 10. */
async function pushDecidedCase(caseId: string): Promise<void> {
  const credential = runtime.credentials.find((candidate) => candidate.department === department) as DepartmentCredential;
  const base = { kind: 'licensing', department, matterCode: 'construction-permit', caseId };
  const records = [
    { ...base, sequence: 1, event: 'received', occurredAt: '2025-09-01T09:00:00+08:00' },
    { ...base, sequence: 2, event: 'accepted', occurredAt: '2025-09-01T10:00:00+08:00' },
    { ...base, sequence: 3, event: 'decided', outcome: 'granted', occurredAt: '2025-09-11T15:00:00+08:00' },
    { ...base, sequence: 4, event: 'concluded', occurredAt: '2025-09-11T15:00:00+08:00' },
  ];
  expect((await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credential)).status).toBe(202);
}

describe('catalogue and calendar screens', () => {
  it("shows a department's matter versions and back-tests a shorter promised limit, which would raise a warning on a stored case", async () => {
    // Prepare
    const caseId = `UI-BT-${Date.now().toString(36)}`;
    await pushDecidedCase(caseId);
    await runtime.idle();
    const { page, problems } = await signInAs(session, '李卫东');
    await page.getByRole('link', { name: '事项目录' }).click();

    // Act
    await page.getByRole('combobox', { name: '部门' }).click();
    await page.locator('.ant-select-item-option', { hasText: '海曙区住房和城乡建设局' }).click();
    const matterRow = page.getByRole('row', { name: /construction-permit/ });
    await matterRow.getByRole('button', { name: '查看版本' }).click();
    const versions = page.getByTestId('matter-versions');
    await versions.getByText('现行').waitFor();
    const proposalField = page.getByLabel('拟定版本（JSON）');
    const proposal = JSON.parse(await proposalField.inputValue()) as Record<string, unknown>;
    await proposalField.fill(JSON.stringify({ ...proposal, promisedWorkingDays: 5 }, null, 2));
    await page.getByLabel(/回测案件编号/).fill(`${caseId}, NO-SUCH-CASE`);
    await page.getByRole('button', { name: '回测', exact: true }).click();
    const result = page.getByTestId('back-test-result');
    await result.waitFor();

    // Assess
    expect(proposal).toMatchObject({ kind: 'licensing', version: 2 });
    expect(proposal).not.toHaveProperty('recordedAt');
    await expect
      .poll(() => versions.getByRole('row', { name: /第 1 版/ }).textContent(), { timeout: 10_000 })
      .toMatch(/第 1 版.*现行.*承诺时限（工作日）：\d+/);
    await expect
      .poll(() => result.getByRole('row', { name: new RegExp(caseId) }).textContent(), { timeout: 10_000 })
      .toMatch(/新增.*licensing\.decision-time-limit.*无.*警戒/);
    await expect.poll(() => result.getByRole('row', { name: /NO-SUCH-CASE/ }).textContent(), { timeout: 10_000 }).toContain('没有该案件');
    await expect.poll(() => result.textContent(), { timeout: 10_000 }).toMatch(/结论变化的案件1/);
    await page.screenshot({ path: join(screenshots, 'catalogue-back-test.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("shows a liaison its own department's catalogue, read only", async () => {
    // Act
    const { page, problems } = await signInAs(session, '陈静');
    await page.getByRole('link', { name: '事项目录' }).click();
    await page
      .getByRole('row', { name: /construction-permit/ })
      .getByRole('button', { name: '查看版本' })
      .click();
    await page.getByTestId('matter-versions').getByText('现行').waitFor();

    // Assess
    await expect(page.getByRole('combobox', { name: '部门' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: '回测', exact: true }).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('shows the 2026 国庆 holidays and the adjusted working day after them on the working-day calendar', async () => {
    // Act
    const { page, problems } = await signInAs(session, '陈静');
    await page.getByRole('link', { name: '工作日历' }).click();
    await page.getByTestId('working-day-calendar').waitFor();
    await page.goto(`${runtime.apiUrl}/calendar?month=2026-10`);
    const calendar = page.getByTestId('working-day-calendar');
    await calendar.getByText('休 国庆节').first().waitFor();

    // Assess
    await expect(calendar.getByText('休 国庆节').count()).resolves.toBe(7);
    await expect.poll(() => calendar.locator('[title="2026-10-10"]').textContent(), { timeout: 10_000 }).toContain('班 国庆节');
    // Ant Design's own words in Chinese too: its zh_CN locale, not its English fallback ("Su Mo …").
    await expect.poll(() => calendar.locator('thead').first().textContent(), { timeout: 10_000 }).toMatch(/^一二三四五六日$/);
    await expect.poll(() => page.getByTestId('holiday-list').textContent(), { timeout: 10_000 }).toContain('国庆节2026-10-01 至 2026-10-07（7 天）');
    await page.getByText('内置的国务院办公厅节假日安排').waitFor();
    await expect(page.getByRole('button', { name: /载入/ }).count()).resolves.toBe(0);
    await page.screenshot({ path: join(screenshots, 'working-day-calendar.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('lets the city supervisor load 2027, refusing a date that does not exist beside the field, and then shows its National Day', async () => {
    // Prepare
    const { page, problems } = await signInAs(session, '王敏');
    await page.goto(`${runtime.apiUrl}/calendar?month=2027-10`);
    await page.getByText('2027 年的节假日安排尚未公布或载入').waitFor();
    const nationalDay = ['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'];

    // Act
    await page.getByLabel(/节假日（每行一个日期/).fill(['2027-01-01', '2027-02-30', ...nationalDay].join('\n'));
    await page.getByLabel(/调休上班日/).fill('2027-09-26\n2027-10-09');
    await page.getByLabel('依据（通知文号）').fill('国办发明电〔2026〕测试号');
    await page.getByRole('button', { name: '载入 2027 年安排' }).click();
    await page.getByText(/第 2 项：/).waitFor();
    await page.getByLabel(/节假日（每行一个日期/).fill(['2027-01-01', ...nationalDay].join('\n'));
    await page.getByRole('button', { name: '载入 2027 年安排' }).click();
    await page.getByText('2027 年的安排由监察员载入（第 1 版）：国办发明电〔2026〕测试号').waitFor();

    // Assess
    const calendar = page.getByTestId('working-day-calendar');
    await expect(calendar.getByText('休', { exact: true }).count()).resolves.toBe(7);
    await expect.poll(() => calendar.locator('[title="2027-10-09"]').textContent(), { timeout: 10_000 }).toContain('班');
    const token = await runtime.mintStaffToken({ subject: 'reader', role: 'districtSupervisor', jurisdiction: 'haishu' });
    const stored = await fetch(`${runtime.apiUrl}/v1/calendar/years/2027`, { headers: { authorization: `Bearer ${token}` } });
    expect(await stored.json()).toMatchObject({
      year: 2027,
      version: 1,
      holidays: ['2027-01-01', ...nationalDay],
      makeUpWorkingDays: ['2027-09-26', '2027-10-09'],
    });
    await page.screenshot({ path: join(screenshots, 'working-day-calendar-loaded-year.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});
