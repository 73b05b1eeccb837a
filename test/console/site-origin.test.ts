/**
 * The console and the complaint page on a site apart from the API, as in AWS China: the local
 * runtime answers on `http://localhost:<port>` and on `http://127.0.0.1:<port>`, two origins. The
 * pages are opened on the first (`--site-origin`), their settings name the second as the API's
 * origin, and every API call goes there cross-origin, through the API's CORS for the site.
 */
import { createServer } from 'node:net';
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { openConsoleInBrowser, openPage, signInAs, type ConsoleInBrowser } from '../support/console-browser.ts';
import { signedPost } from '../support/local-api-client.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;
let siteUrl: string;
const overdueCase = `SITE-ORIGIN-${Date.now().toString(36)}`;

/** A port free now, for a runtime whose site origin must name it before it starts. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  const port = await freePort();
  siteUrl = `http://localhost:${port}`;
  session = await openConsoleInBrowser('siteorigin', { apiPort: port, siteOrigin: siteUrl });
  runtime = session.runtime;
  const credential = runtime.credentials.find((candidate) => candidate.department === 'haishu-housing') as DepartmentCredential;
  const body = JSON.stringify({
    records: [
      {
        kind: 'licensing',
        department: 'haishu-housing',
        matterCode: 'construction-permit',
        caseId: overdueCase,
        sequence: 1,
        event: 'received',
        occurredAt: '2025-09-01T09:00:00+08:00',
      },
    ],
  });
  expect((await signedPost(runtime.apiUrl, '/v1/records', body, credential)).status).toBe(202);
  await runtime.idle();
});

afterAll(async () => {
  await session?.dispose();
});

/** The API calls among a page's requests: where they went and the origin they came from (as sent, network headers included). */
const apiCallsOf = (requests: Request[]): Promise<{ origin: string; from: string | undefined }[]> =>
  Promise.all(
    requests
      .filter((request) => new URL(request.url()).pathname.startsWith('/v1/'))
      .map(async (request) => ({ origin: new URL(request.url()).origin, from: (await request.allHeaders())['origin'] })),
  );

describe('pages on a site apart from the API', () => {
  it("signs a supervisor in and shows the alert queue, every API call going to the API's own origin from the site's", async () => {
    // Prepare
    const { page, problems } = await signInAs(session, '王敏', { siteUrl });
    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));

    // Act
    await page.reload();
    await page.getByRole('row', { name: new RegExp(overdueCase) }).waitFor();

    // Assess
    expect(new URL(page.url()).origin).toBe(siteUrl);
    const calls = await apiCallsOf(requests);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((call) => call.origin !== new URL(runtime.apiUrl).origin || call.from !== siteUrl)).toEqual([]);
    await expect
      .poll(() => page.getByRole('row', { name: new RegExp(overdueCase) }).textContent(), { timeout: 10_000 })
      .toMatch(/纠错.*海曙区住房和城乡建设局/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("files a complaint from the complaint page through the API's own origin", async () => {
    // Prepare
    const { page, problems } = await openPage(session, '/complaint/', { siteUrl, viewport: { width: 390, height: 844 } });
    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));
    await page.getByLabel(/匿名投诉/).check();
    await page.getByLabel(/不针对具体部门/).check();
    await page.getByLabel('区县（市）代码', { exact: true }).fill('haishu');
    await page.getByLabel('投诉类别', { exact: true }).selectOption({ label: '其他' });
    await page.getByLabel('投诉内容', { exact: true }).fill('站点与接口分开托管时的匿名投诉。');

    // Act
    await page.getByRole('button', { name: '提交投诉' }).click();
    const receiptNumber = await page.getByTestId('receipt-number').textContent();

    // Assess
    expect(receiptNumber).toMatch(/^TS\d{8}/);
    expect(await apiCallsOf(requests)).toEqual([{ origin: new URL(runtime.apiUrl).origin, from: siteUrl }]);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
