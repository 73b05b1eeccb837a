/**
 * 接入状况 in a browser against the whole local runtime: after haishu-housing pushes two records
 * (one three days late) and one of a matter not in its catalogue, the district supervisor of
 * 海曙区 sees its two departments — the housing bureau with 2 accepted, 1 refused (33.3%) and 1 more
 * than 24 hours late and its manifest of a day ten days ago 一致, the market regulator 从未报送 and
 * never reconciled — and the housing liaison its own department only.
 * Screenshots go to `test-results/screenshots/`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { openConsoleInBrowser, screenshots, signInAs, type ConsoleInBrowser } from '../support/console-browser.ts';
import { shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import { addDays } from '#shared/domain/connection-health/date-range.ts';
import { signedPost, signedPut } from '../support/local-api-client.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;
const department = 'haishu-housing';
const reconciledDay = addDays(shanghaiDate(new Date()), -10);

beforeAll(async () => {
  session = await openConsoleInBrowser('ui-connections');
  runtime = session.runtime;
  const credential = runtime.credentials.find((candidate) => candidate.department === department) as DepartmentCredential;
  const now = Date.now();
  const base = { kind: 'licensing', department, sequence: 1, event: 'received' };
  const records = [
    { ...base, matterCode: 'construction-permit', caseId: `UI-CH-${now}-1`, occurredAt: new Date(now - 30 * 60_000).toISOString() },
    { ...base, matterCode: 'construction-permit', caseId: `UI-CH-${now}-2`, occurredAt: new Date(now - 72 * 3_600_000).toISOString() },
    { ...base, matterCode: 'no-such-matter', caseId: `UI-CH-${now}-3`, occurredAt: new Date(now - 30 * 60_000).toISOString() },
  ];
  expect((await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credential)).status).toBe(202);
  await runtime.idle();
  // Its manifest of a day ten days ago: no records that day, none held.
  expect(
    (await signedPut(runtime.apiUrl, `/v1/departments/${department}/manifests/${reconciledDay}`, JSON.stringify({ matters: [] }), credential)).status,
  ).toBe(200);
});

afterAll(async () => {
  await session?.dispose();
});

describe('the connection health screen', () => {
  it("shows a district supervisor its district's departments with what each pushed, and one that never pushed", async () => {
    // Prepare
    const { page, problems } = await signInAs(session, '李卫东');

    // Act
    await page.getByRole('link', { name: '接入状况' }).click();
    const housing = page.getByRole('row', { name: /海曙区住房和城乡建设局/ });
    await housing.waitFor();

    // Assess: 部门, 接入类别, 接入日期, 最后报送, 接收, 重复, 拒收, 拒收率, 超过24小时报送, 一致性核查.
    const cells = await housing.getByRole('cell').allTextContents();
    expect(cells[1]).toMatch(/行政许可.*公共资源交易（未产生记录）.*政务信息公开（未产生记录）/);
    expect(cells[3]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(cells.slice(4)).toEqual(['2', '0', '1', '33.3%', '1', `一致${reconciledDay}`]);
    await expect.poll(() => page.getByRole('row', { name: /海曙区市场监督管理局/ }).textContent()).toContain('从未报送');
    expect(
      (
        await page
          .getByRole('row', { name: /海曙区市场监督管理局/ })
          .getByRole('cell')
          .allTextContents()
      ).at(-1),
    ).toBe('—');
    expect(await page.getByRole('row').count()).toBe(3);
    await page.screenshot({ path: join(screenshots, 'connection-health.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows a liaison its own department only', async () => {
    const { page, problems } = await signInAs(session, '陈静');

    await page.getByRole('link', { name: '接入状况' }).click();
    await page.getByRole('row', { name: /海曙区住房和城乡建设局/ }).waitFor();

    expect(await page.getByRole('row').count()).toBe(2);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
