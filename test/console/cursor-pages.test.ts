/**
 * A list read a page at a time with the API's cursor, in a browser: the alert queue of a
 * department with more alerts than a page holds, paged on to its last page and back, and started
 * again from the first page when a filter changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { openConsoleInBrowser, signInAs, type ConsoleInBrowser } from '../support/console-browser.ts';
import { licensingRecordOf, pushAndProcess } from '../support/licensing-pushes.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;
const prefix = `PAGED-${Date.now().toString(36)}`;
const caseIds = Array.from({ length: 25 }, (_, index) => `${prefix}-${String(index + 1).padStart(2, '0')}`);

beforeAll(async () => {
  session = await openConsoleInBrowser('ui-cursor-pages');
  runtime = session.runtime;
  // 25 licensing cases received on 2025-09-01 and never decided: each long past its limit.
  const department = 'haishu-housing';
  const credential = runtime.credentials.find((candidate) => candidate.department === department) as DepartmentCredential;
  const received = licensingRecordOf(department, 'construction-permit');
  await pushAndProcess(
    runtime,
    credential,
    caseIds.map((caseId) => received(caseId, 1, 'received', '2025-09-01T09:00:00+08:00')),
  );
}, 120_000);

afterAll(async () => {
  await session?.dispose();
});

describe('a list read a page at a time', () => {
  it('pages the alert queue on to its last page and back, and starts again from the first page when a filter changes', async () => {
    // Prepare
    const { page, problems } = await signInAs(session, '陈静');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    const previous = page.getByRole('button', { name: '上一页' });
    const next = page.getByRole('button', { name: '下一页' });
    const settled = async (): Promise<string[]> => {
      await page.locator('.ant-table-wrapper .ant-spin-spinning').waitFor({ state: 'detached' });
      return rows.allInnerTexts();
    };
    /** Clicks `button` and waits for the rows of the page it leads to. */
    const turn = async (button: typeof next, from: readonly string[]): Promise<string[]> => {
      await button.click();
      await expect.poll(async () => (await rows.allInnerTexts())[0], { timeout: 15_000 }).not.toBe(from[0]);
      return settled();
    };
    await page
      .getByText(caseIds[0]!, { exact: true })
      .or(page.getByText(caseIds[24]!, { exact: true }))
      .first()
      .waitFor();
    const firstPage = await settled();

    // Act: on to the last page, then back to the first.
    const pages = [firstPage];
    while (await next.isEnabled()) pages.push(await turn(next, pages.at(-1)!));
    const lastPageNumber = await page.getByText(/^第 \d+ 页$/).textContent();
    const backOne = await turn(previous, pages.at(-1)!);
    while (await previous.isEnabled()) await turn(previous, await rows.allInnerTexts());
    const backToFirst = await settled();
    await turn(next, backToFirst);
    await page.getByText('第 2 页').waitFor();
    await page.getByRole('combobox', { name: '状态' }).click();
    await page.locator('.ant-select-item-option[title="已签收"]').click();

    // Assess
    expect(firstPage).toHaveLength(20);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(lastPageNumber).toBe(`第 ${pages.length} 页`);
    const everyRow = pages.flat();
    expect(new Set(everyRow).size).toBe(everyRow.length);
    for (const caseId of caseIds) expect(everyRow.some((row) => row.includes(caseId))).toBe(true);
    expect(backOne).toEqual(pages.at(-2));
    expect(backToFirst).toEqual(firstPage);
    await page.getByText('没有符合条件的预警').waitFor();
    await expect(page.getByText(/^第 \d+ 页$/).textContent()).resolves.toBe('第 1 页');
    await expect(previous.isDisabled()).resolves.toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});
