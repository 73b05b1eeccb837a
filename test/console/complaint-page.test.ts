/**
 * The citizen's complaint page in a browser (the system's Chromium, a phone-sized viewport)
 * against the whole local runtime: filing real-name and anonymous complaints, the API's field
 * errors beside their fields, the receipt and its query token shown once, the status with its
 * Shanghai dates, the written notice, rating and re-opening, the page framed by a listed portal
 * with the documented snippet (and refused to any other), and the public rate limit explained.
 * Screenshots go to `test-results/screenshots/` (not committed).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { callComplaintApi, daysAhead } from '../support/complaint-client.ts';
import { openConsoleInBrowser, openPage, screenshots, type ConsoleInBrowser, type PageUnderTest } from '../support/console-browser.ts';
import { e2eComplainants } from '../support/e2e-complainants.ts';
import { seriousAccessibilityViolations } from '../support/accessibility.ts';

const phone = { viewport: { width: 390, height: 844 } } as const;
/** Public requests an address may make before the firewall answers 429: enough for every scenario but the last, which spends the rest. */
const publicBurst = 40;
const person = e2eComplainants.complaintPage;

let session: ConsoleInBrowser;
let runtime: LocalRuntime;
let supervisor: string;
let portal: Server;
let portalPort: number;

/**
 * A city portal on another origin, serving the framing snippet of `docs/complaint-page.md` pointed
 * at the runtime's site (`/console`: the same snippet framing the console instead).
 */
async function startPortal(): Promise<void> {
  const documentation = await readFile(new URL('../../docs/complaint-page.md', import.meta.url), 'utf8');
  const snippet = /```html\n([\s\S]*?)```/.exec(documentation)![1]!;
  portal = createServer((request, response) => {
    const site = session.runtime.apiUrl;
    let page = snippet.replaceAll('https://jiancha.example.gov.cn', site);
    if (request.url === '/console') page = page.replace(`${site}/complaint/`, `${site}/`);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>门户</title></head><body><h1>城市门户</h1>${page}</body></html>`);
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  portalPort = (portal.address() as AddressInfo).port;
}

beforeAll(async () => {
  // The portal listens first: its origin is the one the deployment allows.
  await startPortal();
  session = await openConsoleInBrowser('complaintpage', {
    publicCorsOrigins: [`http://127.0.0.1:${portalPort}`],
    publicRateLimit: { requestsPerSecond: 1 / 3600, burst: publicBurst },
  });
  runtime = session.runtime;
  supervisor = await runtime.mintStaffToken({ subject: 'haishu-sup', role: 'districtSupervisor', jurisdiction: 'haishu' });
});

afterAll(async () => {
  await new Promise<void>((resolve) => (portal?.listening ? portal.close(() => resolve()) : resolve()));
  await session?.dispose();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshots, name), fullPage: true });
const openComplaintPage = (path = '/complaint/'): Promise<PageUnderTest> => openPage(session, path, phone);

/** The field with this label: its control and the error shown beside it. */
const fieldError = (page: Page, label: string | RegExp) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) }).getByTestId('field-error');

async function fillRealName(page: Page, content: string): Promise<void> {
  await page.getByLabel('部门代码', { exact: true }).fill('haishu-housing');
  await page.getByLabel('投诉类别', { exact: true }).selectOption({ label: '工作作风' });
  await page.getByLabel('投诉内容', { exact: true }).fill(content);
  await page.getByLabel('姓名', { exact: true }).fill(person.name);
  await page.getByLabel('联系电话', { exact: true }).fill(person.phone);
}

/** Files through the page and returns what the receipt shows. */
async function fileThroughPage(page: Page): Promise<{ receiptNumber: string; queryToken: string }> {
  await page.getByRole('button', { name: '提交投诉' }).click();
  const receiptNumber = (await page.getByTestId('receipt-number').textContent())!;
  const queryToken = (await page.getByTestId('query-token').textContent())!;
  return { receiptNumber, queryToken };
}

const shanghaiDate = /^20\d\d-\d\d-\d\d/;

describe("the citizen's complaint page on a phone", () => {
  it('files a real-name complaint, keeps the receipt, and reads its status with the acceptance deadline, then the handling deadline once forwarded', async () => {
    // Prepare
    const { page, problems } = await openComplaintPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: runtime.apiUrl });
    await fillRealName(page, '窗口工作人员多次推诿，要求补交已交过的材料。');
    await shot(page, 'complaint-form-phone.png');

    // Act
    const filed = await fileThroughPage(page);
    await page.getByRole('button', { name: '复制查询码' }).click();
    await page.getByText('已复制').waitFor();
    await shot(page, 'complaint-receipt-phone.png');
    await page.getByLabel('我已保存受理编号和查询码', { exact: true }).check();
    await page.getByRole('button', { name: '查看办理进度' }).click();
    await page.getByTestId('stage').waitFor();

    // Assess
    expect(filed.receiptNumber).toMatch(/^TS\d{8}[0-9A-Z]{8}$/);
    await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(filed.queryToken);
    await expect(page.getByTestId('stage').textContent()).resolves.toBe('待受理');
    await expect.poll(() => page.getByTestId('acceptance-due-by').locator('dd').textContent(), { timeout: 10_000 }).toMatch(shanghaiDate);
    const stored = await callComplaintApi(runtime.apiUrl, 'GET', `/v1/complaints/${filed.receiptNumber}`, { bearer: supervisor });
    expect(stored.json).toMatchObject({ stage: 'awaitingDecision', realName: true, subject: { department: 'haishu-housing' } });
    expect(stored.json.content).toBe('窗口工作人员多次推诿，要求补交已交过的材料。');
    // The dates the page shows are the API's (Shanghai) dates, whatever the browser's zone (New York).
    const status = await callComplaintApi(runtime.apiUrl, 'GET', `/v1/public/complaints/${filed.receiptNumber}`, { queryToken: filed.queryToken });
    await expect.poll(() => page.getByTestId('acceptance-due-by').locator('dd').textContent(), { timeout: 10_000 }).toContain(status.json.acceptanceDueBy);

    // Act: the supervisor forwards it to the department; the citizen refreshes.
    const deadline = daysAhead(15);
    const decided = await callComplaintApi(runtime.apiUrl, 'POST', `/v1/complaints/${filed.receiptNumber}/decision`, {
      bearer: supervisor,
      body: { expectedVersion: 1, accepted: true, handling: { by: 'department', department: 'haishu-housing', deadline } },
    });
    expect(decided.status).toBe(200);
    await page.getByRole('button', { name: '刷新' }).click();
    await page.getByTestId('handling-due-by').waitFor();

    // Assess
    await expect(page.getByTestId('stage').textContent()).resolves.toBe('办理中');
    await expect(page.getByTestId('handling-due-by').locator('dd').textContent()).resolves.toBe(`${deadline} 前`);
    await shot(page, 'complaint-status-phone.png');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("shows the API's field errors beside their fields and files nothing, then files once they are corrected", async () => {
    // Prepare
    const { page, problems } = await openComplaintPage();
    await page.getByLabel('投诉内容', { exact: true }).fill('   ');
    await page.getByLabel('姓名', { exact: true }).fill(person.name);
    await page.getByLabel('联系电话', { exact: true }).fill('12345');
    await page.getByLabel(/^身份证号码/).fill('330203199203170000');

    // Act
    const [refused] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/v1/public/complaints')),
      page.getByRole('button', { name: '提交投诉' }).click(),
    ]);
    await fieldError(page, '联系电话').waitFor();
    await shot(page, 'complaint-field-errors-phone.png');

    // Assess: refused with 400, which changes nothing; each message sits under its own field.
    expect(refused.status()).toBe(400);
    await expect.poll(() => fieldError(page, '联系电话').textContent(), { timeout: 10_000 }).toContain('手机号码');
    await expect.poll(() => fieldError(page, '投诉内容').textContent(), { timeout: 10_000 }).toContain('必填');
    await expect(fieldError(page, '投诉类别').textContent()).resolves.toBe('请选择投诉类别');
    await expect.poll(() => fieldError(page, /^身份证号码/).textContent(), { timeout: 10_000 }).toContain('校验位不符');
    await expect(fieldError(page, '姓名').count()).resolves.toBe(0);
    expect(await page.getByLabel('联系电话', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // The first refused field has the focus, so a phone shows it rather than the button at the bottom.
    await expect(page.evaluate('document.activeElement.name')).resolves.toBe('category');
    await expect(page.getByTestId('receipt-number').count()).resolves.toBe(0);
    // What was typed stays.
    await expect(page.getByLabel('姓名', { exact: true }).inputValue()).resolves.toBe(person.name);

    // Act: corrected, but about a department the city does not have.
    await page.getByLabel(/^身份证号码/).fill('');
    await fillRealName(page, '改正后的投诉内容。');
    await page.getByLabel('部门代码', { exact: true }).fill('no-such-department');
    await page.getByRole('button', { name: '提交投诉' }).click();
    await fieldError(page, '部门代码').waitFor();

    // Assess: the earlier errors are gone, the new one sits beside the department.
    await expect.poll(() => fieldError(page, '部门代码').textContent(), { timeout: 10_000 }).toContain('没有该部门');
    await expect(page.getByTestId('field-error').count()).resolves.toBe(1);

    // Act
    await page.getByLabel('部门代码', { exact: true }).fill('haishu-housing');
    const filed = await fileThroughPage(page);

    // Assess
    expect(filed.receiptNumber).toMatch(/^TS/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('files an anonymous complaint with no personal fields, and shows its query token once: never again, nor in the address or storage', async () => {
    // Prepare
    const { page, problems } = await openComplaintPage();
    await page.getByLabel(/匿名投诉/).check();
    await page.getByLabel(/不针对具体部门/).check();

    // Assess: no personal field on an anonymous complaint.
    await expect(page.getByLabel('姓名', { exact: true }).count()).resolves.toBe(0);
    await expect(page.getByLabel('联系电话', { exact: true }).count()).resolves.toBe(0);

    // Act
    await page.getByLabel('区县（市）代码', { exact: true }).fill('haishu');
    await page.getByLabel('投诉类别', { exact: true }).selectOption({ label: '其他' });
    await page.getByLabel('投诉内容', { exact: true }).fill('匿名反映：办事大厅取号机长期故障。');
    const filed = await fileThroughPage(page);
    await expect(page.getByText('查询码只在此显示这一次').count()).resolves.toBe(1);
    // Moving on needs the citizen to say they kept it.
    await expect(page.getByRole('button', { name: '查看办理进度' }).isDisabled()).resolves.toBe(true);
    await page.getByLabel('我已保存受理编号和查询码', { exact: true }).check();
    await page.getByRole('button', { name: '查看办理进度' }).click();
    await page.getByTestId('stage').waitFor();

    // Assess
    const stored = await callComplaintApi(runtime.apiUrl, 'GET', `/v1/complaints/${filed.receiptNumber}`, { bearer: supervisor });
    expect(stored.json).toMatchObject({ realName: false, identity: 'anonymous', subject: { jurisdiction: 'haishu' } });
    expect(stored.json.complainant).toBeUndefined();
    await expect(page.content()).resolves.not.toContain(filed.queryToken);
    expect(page.url()).not.toContain(filed.queryToken);
    const kept = await page.evaluate<string>('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookies: document.cookie })');
    expect(kept).not.toContain(filed.queryToken);
    await page.reload();
    await page.getByRole('button', { name: '提交投诉' }).waitFor();
    await expect(page.content()).resolves.not.toContain(filed.queryToken);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('looks a finished complaint up, downloads its written notice, rates it and re-opens it with a new receipt', async () => {
    // Prepare: a real-name complaint not accepted, so it is finished (rating and re-opening open).
    const filed = await callComplaintApi(runtime.apiUrl, 'POST', '/v1/public/complaints', {
      body: {
        department: 'haishu-housing',
        category: 'delay',
        content: '许可超期未办结。',
        realName: true,
        complainant: { name: person.name, phone: person.phone },
      },
    });
    const { receiptNumber, queryToken } = filed.json;
    await callComplaintApi(runtime.apiUrl, 'POST', `/v1/complaints/${receiptNumber}/decision`, {
      bearer: supervisor,
      body: { expectedVersion: 1, accepted: false, reasons: '该事项已进入行政复议程序，不属于本机关受理范围。' },
    });
    const { page, problems } = await openComplaintPage();

    // Act: look it up.
    await page.getByRole('button', { name: '查询进度' }).click();
    await page.getByLabel('受理编号', { exact: true }).fill(receiptNumber.toLowerCase());
    await page.getByLabel('查询码', { exact: true }).fill(queryToken);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByTestId('stage').waitFor();

    // Assess
    await expect(page.getByTestId('stage').textContent()).resolves.toBe('不予受理');
    await expect(page.getByText('该事项已进入行政复议程序').count()).resolves.toBe(1);

    // Act: the notice.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载受理决定告知书/ }).click()]);
    const pdf = await readFile((await download.path())!);

    // Assess
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toBe(`${receiptNumber}-受理决定告知书.pdf`);

    // Act: rate.
    await page.getByLabel('满意', { exact: true }).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText(/^满意（/).waitFor();

    // Assess
    await expect(page.getByRole('button', { name: '提交评价' }).count()).resolves.toBe(0);
    await shot(page, 'complaint-finished-phone.png');

    // Act: re-open.
    await page.getByLabel('重新投诉的理由', { exact: true }).fill('复议已撤回，请重新受理。');
    await page.getByRole('button', { name: '重新投诉', exact: true }).click();
    const reopened = (await page.getByTestId('receipt-number').textContent())!;

    // Assess
    expect(reopened).not.toBe(receiptNumber);
    await expect(page.getByRole('heading', { name: '已重新提出投诉' }).count()).resolves.toBe(1);
    const original = await callComplaintApi(runtime.apiUrl, 'GET', `/v1/complaints/${receiptNumber}`, { bearer: supervisor });
    expect(original.json.reopenedAs).toBe(reopened);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('the complaint page for everyone', () => {
  it('has no serious or critical axe-core violations on the form, the form with field errors, the receipt and the status', async () => {
    // Prepare: axe-core is injected as a script of the page, past the page's policy, for this test only.
    const { page, problems } = await openPage(session, '/complaint/', { ...phone, bypassCSP: true });
    await page.getByRole('button', { name: '提交投诉' }).waitFor();

    // Act
    const found = { form: await seriousAccessibilityViolations(page) } as Record<string, string[]>;
    await page.getByRole('button', { name: '提交投诉' }).click();
    await fieldError(page, '投诉内容').waitFor();
    found['fieldErrors'] = await seriousAccessibilityViolations(page);
    await fillRealName(page, '无障碍检查用的投诉内容。');
    await fileThroughPage(page);
    found['receipt'] = await seriousAccessibilityViolations(page);
    await page.getByLabel('我已保存受理编号和查询码', { exact: true }).check();
    await page.getByRole('button', { name: '查看办理进度' }).click();
    await page.getByTestId('stage').waitFor();
    found['status'] = await seriousAccessibilityViolations(page);

    // Assess
    expect(found).toEqual({ form: [], fieldErrors: [], receipt: [], status: [] });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('the complaint page in a city portal', () => {
  it('is framed by a listed portal, which sizes the frame to the page with the documented snippet; the console is never framed, nor the page by another origin', async () => {
    // Prepare
    const context = await session.browser.newContext({ viewport: phone.viewport, locale: 'zh-CN' });
    const page = await context.newPage();
    const refusals: string[] = [];
    page.on('console', (entry) => {
      if (entry.type() === 'error') refusals.push(entry.text());
    });

    // Act
    await page.goto(`http://127.0.0.1:${portalPort}/`);
    const frame = page.frameLocator('#complaint-page');
    await frame.getByRole('heading', { name: '行政效能投诉' }).waitFor();
    await page.waitForFunction("document.getElementById('complaint-page').style.height !== '900px'");

    // Assess: the frame is as tall as the page in it.
    const frameHeight = await page.evaluate<number>("document.getElementById('complaint-page').getBoundingClientRect().height");
    const pageHeight = await frame.locator('html').evaluate((html) => Math.ceil(html.getBoundingClientRect().height));
    expect(Math.abs(frameHeight - pageHeight)).toBeLessThanOrEqual(1);
    expect(refusals).toEqual([]);
    await shot(page, 'complaint-in-portal-phone.png');

    // Act: a citizen files in the frame, from its button at the bottom of the portal's page.
    await frame.getByLabel(/匿名投诉/).check();
    await frame.getByLabel('部门代码', { exact: true }).fill('haishu-housing');
    await frame.getByLabel('投诉类别', { exact: true }).selectOption({ label: '其他' });
    await frame.getByLabel('投诉内容', { exact: true }).fill('在门户中提交的投诉。');
    await frame.getByRole('button', { name: '提交投诉' }).click();
    await frame.getByTestId('query-token').waitFor();

    // Assess: the receipt is where the citizen looks, not above the portal's fold.
    const receiptHeading = (await frame.getByRole('heading', { name: '投诉已提交' }).boundingBox())!;
    expect(receiptHeading.y).toBeGreaterThanOrEqual(-1);
    expect(receiptHeading.y).toBeLessThan(phone.viewport.height);

    // Act: the console in the same portal, and the page in a portal on an origin not listed (localhost is another origin).
    await page.goto(`http://127.0.0.1:${portalPort}/console`);
    await page.waitForTimeout(500);
    const consoleFramed = await page
      .frames()[1]
      ?.evaluate<string>('document.title')
      .catch(() => 'refused');
    await page.goto(`http://localhost:${portalPort}/`);
    await page.waitForTimeout(500);
    const unlistedFramed = await page
      .frames()[1]
      ?.evaluate<string>('document.title')
      .catch(() => 'refused');

    // Assess
    expect([consoleFramed, unlistedFramed]).not.toContain('行政电子监察 · 监察工作台');
    expect(unlistedFramed).not.toContain('行政效能投诉');
    expect(refusals.filter((text) => /frame-ancestors/.test(text))).toHaveLength(2);
    await context.close();
  });

  it('sends the complaint page its own CSP, framed by the listed portal, and the console its own, never framed', async () => {
    const [complaintPage, consolePage] = await Promise.all([fetch(`${runtime.apiUrl}/complaint/`), fetch(`${runtime.apiUrl}/`)]);

    expect(complaintPage.headers.get('content-security-policy')).toContain(`frame-ancestors http://127.0.0.1:${portalPort}`);
    expect(complaintPage.headers.get('content-security-policy')).toContain("connect-src 'self';");
    expect(consolePage.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    await expect(complaintPage.text()).resolves.toContain('行政效能投诉');
    await expect(consolePage.text()).resolves.toContain('监察工作台');
  });
});

describe('the public rate limit', () => {
  it('explains a refusal by the rate limit, keeps what was typed and files nothing', async () => {
    // Prepare: this address spends what is left of its public requests.
    const { page, problems } = await openComplaintPage();
    await fillRealName(page, '限流测试：这段内容应当保留。');
    let spent = 0;
    while ((await callComplaintApi(runtime.apiUrl, 'GET', '/v1/public/complaints/TS20261205ZZZZZZZZ')).status !== 429) {
      spent += 1;
      expect(spent).toBeLessThanOrEqual(publicBurst);
    }

    // Act
    const [refused] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/v1/public/complaints')),
      page.getByRole('button', { name: '提交投诉' }).click(),
    ]);
    await page.getByTestId('rate-limit').waitFor();
    await shot(page, 'complaint-rate-limit-phone.png');

    // Assess
    expect(refused.status()).toBe(429);
    // The explanation is brought into view from the button a screen below it.
    const bannerTop = await page.getByTestId('rate-limit').evaluate((banner) => banner.getBoundingClientRect().top);
    expect(bannerTop).toBeGreaterThan(-1);
    expect(bannerTop).toBeLessThan(phone.viewport.height);
    const explanation = (await page.getByTestId('rate-limit').textContent())!;
    expect(explanation).toContain('操作过于频繁');
    expect(explanation).toContain('没有提交成功');
    expect(explanation).toContain('几分钟后');
    await expect(page.getByLabel('投诉内容', { exact: true }).inputValue()).resolves.toBe('限流测试：这段内容应当保留。');
    await expect(page.getByTestId('receipt-number').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
