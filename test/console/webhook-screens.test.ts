/**
 * 消息推送 in a browser against the whole local runtime, with a test subscriber on this machine
 * (allowed by the local runtime's switch only): the housing liaison creates a subscription, is
 * shown its secret once with a warning and copies it; a pushed overdue case's signal is delivered
 * and shows in the delivery log beside a failing subscriber's attempt and why it failed; a step on
 * a version someone else changed is refused in Chinese and the page reads it again; the secret is
 * rotated, the subscription disabled, enabled and deleted; the page speaks English on the switch;
 * the district supervisor manages the office's own; axe-core finds nothing serious.
 * Screenshots go to `test-results/screenshots/`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { openConsoleInBrowser, screenshots, signInAs, type ConsoleInBrowser } from '../support/console-browser.ts';
import { pushOverdueCase } from '../support/licensing-pushes.ts';
import { seriousAccessibilityViolations } from '../support/accessibility.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;
let subscriber: Server;
let subscriberUrl: string;
const received: { path: string; body: string }[] = [];
const department = 'haishu-housing';

beforeAll(async () => {
  subscriber = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      if (request.url?.startsWith('/failing')) response.writeHead(503).end('down');
      else response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
  subscriberUrl = `http://127.0.0.1:${(subscriber.address() as AddressInfo).port}`;
  session = await openConsoleInBrowser('ui-webhooks', { allowLoopbackWebhooks: true });
  runtime = session.runtime;
});

afterAll(async () => {
  await session?.dispose();
  await new Promise<void>((resolve) => subscriber?.close(() => resolve()));
});

/** The demo liaison's own token, for what “someone else” does to the same subscriptions meanwhile. */
const liaisonToken = (): Promise<string> =>
  runtime.mintStaffToken({ subject: 'local-haishu-housing-liaison', role: 'departmentLiaison', jurisdiction: 'haishu', department, secondFactor: false });

async function call(token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(new URL(path, runtime.apiUrl), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

const openWebhooks = async (page: Page): Promise<void> => {
  await page.goto(`${runtime.apiUrl}/webhooks`);
  await page.getByRole('heading', { name: '消息推送' }).first().waitFor();
};

describe('the 消息推送 screens', () => {
  let subscriptionId: string;

  it('creates a subscription for the liaison’s department and shows its secret once, with a warning and a copy button', async () => {
    // Prepare
    const { page, problems } = await signInAs(session, '陈静');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('link', { name: '消息推送' }).click();
    await page.getByText('本部门（海曙区住房和城乡建设局）的推送订阅').waitFor();

    // Act
    await page.getByRole('button', { name: '新建订阅' }).click();
    await page.getByLabel('名称').fill('住建局办公系统');
    await page.getByLabel('推送地址').fill(`${subscriberUrl}/good`);
    // The accountability measures are offered by their Chinese names; the minimum level is said to apply to signals only.
    await page.getByRole('checkbox', { name: '预警升级' }).uncheck();
    await page.getByRole('checkbox', { name: '问责措施下达' }).check();
    await page.getByText('只对信号生效；问责措施没有级别，勾选其类型即全部推送').waitFor();
    await page
      .getByRole('button', { name: '创 建' })
      .or(page.getByRole('button', { name: '创建' }))
      .click();
    const dialog = page.getByRole('dialog').filter({ hasText: '密钥只显示这一次' });
    await dialog.waitFor();
    await page.screenshot({ path: join(screenshots, 'webhook-secret-once.png'), fullPage: true });
    const secret = await dialog.getByLabel('签名密钥').inputValue();
    await expect(dialog.getByText('密钥只显示这一次').count()).resolves.toBe(1);
    await dialog.getByRole('button', { name: '复制密钥' }).click();
    await page.getByText('已复制').waitFor();
    const copied = (await page.evaluate('navigator.clipboard.readText()')) as string;
    await dialog.getByRole('button', { name: '我已保存' }).click();

    // Assess
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(copied).toBe(secret);
    const row = page.getByRole('row', { name: /住建局办公系统/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 8)).toEqual([
      '住建局办公系统',
      `${subscriberUrl}/good`,
      '签名 JSON（Standard Webhooks）',
      '预警发出、问责措施下达',
      '全部级别',
      '推送中',
      '1',
      '尚未送达',
    ]);
    const listed = await call(await liaisonToken(), 'GET', '/v1/webhooks');
    subscriptionId = listed.json.items[0].id;
    // The secret is nowhere on the page once the dialog is closed.
    await expect.poll(() => page.content()).not.toContain(secret);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows each delivery attempt with its status and, for a failure, why it failed', async () => {
    // Prepare: a second subscriber that answers 503.
    const token = await liaisonToken();
    const failing = await call(token, 'POST', '/v1/webhooks', { url: `${subscriberUrl}/failing`, eventTypes: ['AlertRaised'], description: '值班短信网关' });
    expect(failing.status).toBe(201);

    // Act: an overdue case raises a signal for the department.
    const caseId = await pushOverdueCase(runtime, department, 'UI-WH');
    await expect.poll(() => received.filter((request) => request.body.includes(caseId)).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    const { page, problems } = await signInAs(session, '陈静');
    await page.goto(`${runtime.apiUrl}/webhooks/view?subscription=${subscriptionId}`);
    const delivered = page.getByRole('row', { name: /已送达/ });
    await delivered.waitFor();
    await page.screenshot({ path: join(screenshots, 'webhook-delivery-log.png'), fullPage: true });
    const good = await delivered.getByRole('cell').allTextContents();
    await page.goto(`${runtime.apiUrl}/webhooks/view?subscription=${failing.json.subscription.id}`);
    const failed = page.getByRole('row', { name: /失败，将重试/ }).last();
    await failed.waitFor();

    // Assess: 时间, 信号类型, 事件编号, 第几次, 结果, HTTP 状态, 耗时, 失败原因.
    expect(good[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(good.slice(1, 8)).toEqual(['预警发出', expect.stringContaining(caseId), '1', '已送达', '204', expect.stringMatching(/^\d+ ms$/), '—']);
    const bad = await failed.getByRole('cell').allTextContents();
    expect([bad[3], bad[4], bad[5], bad[7]]).toEqual(['1', '失败，将重试', '503', '接收方返回非 2xx 状态']);
    await expect(page.getByText(/自 .* 起推送失败/).count()).resolves.toBe(1);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('refuses a step on a version someone else changed, in Chinese, and reads the subscription again', async () => {
    // Prepare
    const { page, problems } = await signInAs(session, '陈静');
    await openWebhooks(page);
    const row = page.getByRole('row', { name: /住建局办公系统/ });
    await row.waitFor();
    const read = await call(await liaisonToken(), 'GET', `/v1/webhooks/${subscriptionId}`);
    const changed = await call(await liaisonToken(), 'POST', `/v1/webhooks/${subscriptionId}`, {
      step: 'change',
      expectedVersion: read.json.subscription.version,
      description: '住建局办公系统（新）',
    });
    expect(changed.status).toBe(200);

    // Act
    await row.getByRole('button', { name: '停用' }).click();

    // Assess
    await page.getByText('操作未成功：该订阅在您读取后已被他人修改。页面已重新读取，请核对后再操作。').waitFor();
    const reread = page.getByRole('row', { name: /住建局办公系统（新）/ });
    await reread.waitFor();
    expect((await reread.getByRole('cell').allTextContents())[5]).toBe('推送中');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('rotates the secret (shown once again), disables, enables and deletes the subscription', async () => {
    const { page, problems } = await signInAs(session, '陈静');
    await openWebhooks(page);
    const row = page.getByRole('row', { name: /住建局办公系统（新）/ });
    await row.waitFor();

    // Rotate: confirmed, then the new secret once.
    await row.getByRole('button', { name: '轮换密钥' }).click();
    await page.getByText('轮换后旧密钥立即失效').waitFor();
    await page
      .getByRole('button', { name: '确 定' })
      .or(page.getByRole('button', { name: '确定' }))
      .click();
    const dialog = page.getByRole('dialog').filter({ hasText: '密钥只显示这一次' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('签名密钥').inputValue()).toMatch(/^whsec_/);
    await dialog.getByRole('button', { name: '我已保存' }).click();
    await page.getByText('密钥已轮换，旧密钥已失效。').waitFor();

    // Disable, then enable.
    await row.getByRole('button', { name: '停用' }).click();
    await page.getByText('已停用，不再推送。').waitFor();
    await expect.poll(async () => (await row.getByRole('cell').allTextContents())[5]).toBe('已停用');
    await row.getByRole('button', { name: '启用' }).click();
    await page.getByText('已启用，此前的失败已清零。').waitFor();
    await expect.poll(async () => (await row.getByRole('cell').allTextContents())[5]).toBe('推送中');
    expect((await row.getByRole('cell').allTextContents())[6]).toBe('5');
    await page.screenshot({ path: join(screenshots, 'webhook-subscriptions.png'), fullPage: true });

    // Delete, confirmed.
    await row.getByRole('button', { name: '删除' }).click();
    await page.getByText('删除后不再推送').waitFor();
    await page
      .locator('.ant-popover')
      .getByRole('button', { name: /确\s?定/ })
      .click();
    await page.getByText('推送订阅已删除。').waitFor();
    await expect.poll(() => page.getByRole('row', { name: /住建局办公系统/ }).count()).toBe(0);
    const listed = await call(await liaisonToken(), 'GET', '/v1/webhooks');
    expect(listed.json.items.map((item: { description: string }) => item.description)).toEqual(['值班短信网关']);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('speaks English on the switch, and shows the district supervisor the office’s own subscriptions', async () => {
    // A district supervisor: the office's subscriptions (none), not the department's.
    const supervisor = await signInAs(session, '李卫东');
    await openWebhooks(supervisor.page);
    await supervisor.page.getByText('本辖区监察机关（haishu）的推送订阅').waitFor();
    await supervisor.page.getByText('尚无推送订阅').waitFor();
    expect(supervisor.problems).toEqual([]);
    await supervisor.page.context().close();

    // The liaison in English.
    const { page, problems } = await signInAs(session, '陈静');
    await openWebhooks(page);
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Webhook subscriptions of your department (', { exact: false }).waitFor();
    const row = page.getByRole('row', { name: /值班短信网关/ });
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(2, 6)).toEqual(['Signed JSON (Standard Webhooks)', 'Alert raised', 'Every level', expect.stringMatching(/^Active · Failing since /)]);
    await row.getByRole('link', { name: '值班短信网关' }).click();
    await page
      .getByRole('row', { name: /Failed, will retry/ })
      .first()
      .waitFor();
    await expect(page.getByText('The receiver answered a non-2xx status').count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshots, 'webhook-delivery-log-english.png'), fullPage: true });
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('columnheader', { name: '失败原因' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('subscribes mobile numbers for SMS from the form: no secret shown, the numbers masked from then on', async () => {
    const { page, problems } = await signInAs(session, '陈静');
    await openWebhooks(page);

    await page.getByRole('button', { name: '新建订阅' }).click();
    await page.getByLabel('名称').fill('值班手机');
    await page.getByTitle('签名 JSON（Standard Webhooks）').click();
    await page.locator('.ant-select-item-option[title="短信"]').click();
    await page.getByLabel('手机号码').fill('13800005678，13900001234');
    await page
      .getByRole('button', { name: '创 建' })
      .or(page.getByRole('button', { name: '创建' }))
      .click();
    await page.getByText('推送订阅已创建。').waitFor();
    const row = page.getByRole('row', { name: /值班手机/ });
    await row.waitFor();

    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(1, 3)).toEqual(['138****5678、139****1234', '短信']);
    await expect(page.getByRole('dialog').filter({ hasText: '密钥只显示这一次' }).count()).resolves.toBe(0);
    await expect.poll(() => page.content()).not.toMatch(/13800005678|13900001234/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('has no serious or critical axe-core violations on the 消息推送 pages', async () => {
    const { page, problems } = await signInAs(session, '陈静', { bypassCSP: true });
    await openWebhooks(page);
    await page.getByRole('row', { name: /值班短信网关/ }).waitFor();
    const onList = await seriousAccessibilityViolations(page);
    await page.getByRole('button', { name: '新建订阅' }).click();
    await page.getByLabel('推送地址').waitFor();
    const onForm = await seriousAccessibilityViolations(page);
    const listed = await call(await liaisonToken(), 'GET', '/v1/webhooks');
    await page.goto(`${runtime.apiUrl}/webhooks/view?subscription=${listed.json.items[0].id}`);
    await page
      .getByRole('row', { name: /失败，将重试/ })
      .first()
      .waitFor();
    const onLog = await seriousAccessibilityViolations(page);

    expect({ onList, onForm, onLog }).toEqual({ onList: [], onForm: [], onLog: [] });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
