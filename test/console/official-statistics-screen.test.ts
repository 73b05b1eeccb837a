/**
 * 经办人统计 in a browser against the whole local runtime: haishu-housing pushes five licensing
 * cases received on 1 September 2025 and never decided, each raising one signal on the decision
 * time limit when processed (this month, Shanghai time): two name 张晓明 (HS-0231), two 李静怡
 * (HS-0456), one nobody. The district supervisor of 海曙区 opens the page from 统计, chooses the
 * housing bureau and this month, and reads HS-0231 2, HS-0456 1 (Li's second case is a hand-over
 * from Zhang: its latest record names her, so 2), 1 naming nobody, 5 in all, staff ids only; the
 * table sorts; a staff id opens the alert queue filtered to that official. The housing liaison
 * sees its own department whatever the address names; axe-core finds no serious or critical
 * violation. Screenshots go to `test-results/screenshots/`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { monthOfInstant } from '#shared/domain/statistics/statistics-period.ts';
import { seriousAccessibilityViolations } from '../support/accessibility.ts';
import { openConsoleInBrowser, screenshots, signInAs, type ConsoleInBrowser, type PageUnderTest } from '../support/console-browser.ts';
import { e2eOfficials } from '../support/e2e-officials.ts';
import { licensingRecordOf, pushAndProcess } from '../support/licensing-pushes.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;
const department = 'haishu-housing';
const { zhang, li } = e2eOfficials;
const record = licensingRecordOf(department, 'construction-permit');
/** Shanghai month the signals are raised in. */
let month: string;

/** A case received on 1 September 2025 and never decided: long past its legal limit, one signal (纠错) on the decision time limit. */
const overdue = (caseId: string, official?: { staffId: string; name: string }) =>
  record(caseId, 1, 'received', '2025-09-01T09:00:00+08:00', official ? { official } : {});

beforeAll(async () => {
  session = await openConsoleInBrowser('ui-officials');
  runtime = session.runtime;
  month = monthOfInstant(new Date().toISOString());
  const housing = runtime.credentials.find((candidate) => candidate.department === department) as DepartmentCredential;
  await pushAndProcess(runtime, housing, [
    overdue('UI-OF-ZHANG-1', zhang),
    overdue('UI-OF-ZHANG-2', zhang),
    overdue('UI-OF-LI-1', li),
    overdue('UI-OF-NOBODY'),
  ]);
  // Handed over from Zhang to Li: the later record names Li, so the signal counts for her.
  await pushAndProcess(runtime, housing, [overdue('UI-OF-HANDOVER', zhang)]);
  await pushAndProcess(runtime, housing, [record('UI-OF-HANDOVER', 2, 'accepted', '2025-09-01T10:00:00+08:00', { official: li })]);
});

afterAll(async () => {
  await session?.dispose();
});

/** Chooses this month (the period under way) in the period picker. */
async function chooseThisMonth({ page }: PageUnderTest): Promise<void> {
  // The chosen period's text lies over the box: the click goes to the select around it.
  await page.locator('.ant-select', { has: page.getByRole('combobox', { name: '期间' }) }).click();
  await page.locator('.ant-select-item-option', { hasText: '（进行中）' }).click();
}

const rowTexts = async ({ page }: PageUnderTest): Promise<string[][]> => {
  const rows = page.getByRole('row');
  const texts: string[][] = [];
  for (let index = 1; index < (await rows.count()); index += 1) texts.push(await rows.nth(index).getByRole('cell').allTextContents());
  return texts;
};

describe('the per-official statistics screen', () => {
  it('shows a supervisor the signals of a department per official, sorts them and opens an official’s alerts', async () => {
    // Prepare
    const under = await signInAs(session, '李卫东');
    const { page, problems } = under;

    // Act: from 统计 to 经办人统计, the housing bureau, this month.
    await page.getByRole('link', { name: '统计', exact: true }).click();
    await page.getByRole('link', { name: '经办人统计' }).click();
    await page.waitForURL(/\/statistics\/officials\?period=/);
    await page.getByText('请选择一个部门，查看其经办人统计').waitFor();
    await page.getByRole('combobox', { name: '部门' }).click();
    await page.locator('.ant-select-item-option', { hasText: '海曙区住房和城乡建设局' }).click();
    await chooseThisMonth(under);
    await page.getByRole('row', { name: /HS-0231/ }).waitFor();

    // Assess: 经办人工号, 提示, 警戒, 纠错, 合计 — five signals, all 纠错, counted by hand; no name anywhere.
    await expect
      .poll(() => rowTexts(under))
      .toEqual([
        ['HS-0231', '0', '0', '2', '2'],
        ['HS-0456', '0', '0', '2', '2'],
        ['未注明经办人', '0', '0', '1', '1'],
        ['全部预警', '0', '0', '5', '5'],
      ]);
    const shown = (await page.locator('main').textContent()) ?? '';
    expect(shown).not.toContain(zhang.name);
    expect(shown).not.toContain(li.name);
    expect(shown).toContain(`统计月份：${month}`);
    await page.screenshot({ path: join(screenshots, 'official-statistics.png'), fullPage: true });

    // Act: staff ids descending.
    const staffIdHeader = page.getByRole('columnheader', { name: '经办人工号' });
    await staffIdHeader.click();
    await staffIdHeader.click();

    // Assess: the officials re-ordered, the department's lines stay below.
    await expect.poll(async () => (await rowTexts(under)).map((cells) => cells[0])).toEqual(['HS-0456', 'HS-0231', '未注明经办人', '全部预警']);

    // Act: Zhang's alerts.
    await page.getByRole('link', { name: `查看经办人 ${zhang.staffId} 的预警` }).click();
    await page.waitForURL(/\/alerts\?department=haishu-housing&official=HS-0231$/);
    await page.getByRole('row', { name: /UI-OF-ZHANG-1/ }).waitFor();

    // Assess: the queue is filtered to the official, the filter shows the staff id.
    await expect
      .poll(async () =>
        (await page.getByRole('row').allTextContents())
          .slice(1)
          .map((row) => /UI-OF-[A-Z]+-?\d?/.exec(row)?.[0])
          .sort(),
      )
      .toEqual(['UI-OF-ZHANG-1', 'UI-OF-ZHANG-2']);
    await expect(page.getByRole('searchbox', { name: '经办人工号' }).inputValue()).resolves.toBe(zhang.staffId);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows a liaison its own department only, whatever the address names', async () => {
    // Prepare
    const under = await signInAs(session, '陈静');
    const { page, problems } = under;

    // Act
    await page.goto(`${runtime.apiUrl}/statistics/officials?department=haishu-market-regulation&period=${month}`);
    await page.getByRole('row', { name: /HS-0231/ }).waitFor();

    // Assess
    expect(await page.getByRole('combobox', { name: '部门' }).count()).toBe(0);
    expect(await page.getByText('海曙区住房和城乡建设局').count()).toBeGreaterThan(0);
    expect((await rowTexts(under)).at(-1)).toEqual(['全部预警', '0', '0', '5', '5']);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('says so when the period has no signal naming an official, in Chinese and in English', async () => {
    // Prepare
    const under = await signInAs(session, '陈静');
    const { page, problems } = under;

    // Act: the same month a year earlier.
    const earlier = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
    await page.goto(`${runtime.apiUrl}/statistics/officials?period=${earlier}`);

    // Assess
    await page.getByText('该期间没有注明经办人的预警').waitFor();
    expect((await rowTexts(under)).at(-1)).toEqual(['全部预警', '0', '0', '0', '0']);

    // Act: the same in English.
    await page.getByText('English', { exact: true }).click();

    // Assess
    await page.getByText('No signal of the period names an official').waitFor();
    expect((await rowTexts(under)).at(-1)).toEqual(['All signals', '0', '0', '0', '0']);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("says so when the address names a department outside the supervisor's scope", async () => {
    // Prepare
    const under = await signInAs(session, '李卫东');
    const { page, problems } = under;

    // Act: a department of 鄞州区, outside 海曙区.
    await page.goto(`${runtime.apiUrl}/statistics/officials?department=yinzhou-market-regulation&period=${month}`);

    // Assess: the API's 404, read as out of scope, and no figures.
    await page.getByRole('alert').filter({ hasText: '该部门不在您的管辖范围内' }).waitFor();
    expect(await page.getByRole('row', { name: /全部预警/ }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('has no serious or critical axe-core violations', async () => {
    // Prepare: axe-core is injected as a script of the page, past the console's policy, for this test only.
    const under = await signInAs(session, '李卫东', { bypassCSP: true });
    const { page, problems } = under;
    await page.goto(`${runtime.apiUrl}/statistics/officials?department=${department}&period=${month}`);
    await page.getByRole('row', { name: /HS-0231/ }).waitFor();

    // Act
    const found = await seriousAccessibilityViolations(page);

    // Assess
    expect(found).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
