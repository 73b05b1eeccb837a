/**
 * A format's own credentials on the 消息推送 screens, in a browser against the whole local runtime
 * (stand-ins on this machine allowed by the local runtime's switch): a DingTalk robot's 加签 secret
 * and a 浙政钉 application's key and secret are typed in the create form, with their help texts and
 * the work notice's tenant and receivers, and replaced in a dialog that asks for the credentials
 * only; an SMS subscription's numbers are replaced in the same dialog and shown masked again.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { openConsoleInBrowser, signInAs, type ConsoleInBrowser, type PageUnderTest } from '../support/console-browser.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;
const department = 'haishu-housing';

beforeAll(async () => {
  session = await openConsoleInBrowser('ui-hook-creds', { allowLoopbackWebhooks: true });
  runtime = session.runtime;
});

afterAll(async () => {
  await session?.dispose();
});

/** The housing liaison's subscriptions as the API answers them. */
async function subscriptions(): Promise<any[]> {
  const token = await runtime.mintStaffToken({
    subject: 'local-haishu-housing-liaison',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department,
    secondFactor: false,
  });
  const response = await fetch(new URL('/v1/webhooks', runtime.apiUrl), { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { items: any[] }).items;
}

/** The housing liaison signed in, on the 消息推送 page. */
async function openWebhooksAsLiaison(): Promise<PageUnderTest> {
  const opened = await signInAs(session, '陈静');
  await opened.page.goto(`${runtime.apiUrl}/webhooks`);
  await opened.page.getByText('本部门（海曙区住房和城乡建设局）的推送订阅').waitFor();
  return opened;
}

/** Creates a subscription of `format` from the form, `fill` typing the fields of the format. */
async function createFrom(page: Page, name: string, format: string, fill: () => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: '新建订阅' }).click();
  await page.getByLabel('名称').fill(name);
  await page.getByTitle('签名 JSON（Standard Webhooks）').click();
  await page.locator(`.ant-select-item-option[title="${format}"]`).click();
  await fill();
  await page
    .getByRole('button', { name: '创 建' })
    .or(page.getByRole('button', { name: '创建' }))
    .click();
  await page.getByText('推送订阅已创建。').waitFor();
}

const confirm = (dialog: ReturnType<Page['getByRole']>) => dialog.getByRole('button', { name: /^确\s?定$/ }).click();

describe('the credentials of a subscription’s format', () => {
  it('takes a DingTalk robot’s secret with its help on creation, and a new one without it in the replacement dialog', async () => {
    // Prepare
    const { page, problems } = await openWebhooksAsLiaison();

    // Act: created from the form.
    await createFrom(page, '值班群机器人', '钉钉群机器人', async () => {
      await page.getByLabel('推送地址').fill('http://127.0.0.1:9/robot/send?access_token=local');
      await page.getByText('钉钉群机器人“加签”安全设置中的密钥（SEC 开头），保存后不再显示').waitFor();
      await page.getByLabel('机器人加签密钥').fill(`SEC${'a'.repeat(40)}`);
    });
    const row = page.getByRole('row', { name: /值班群机器人/ });
    await row.waitFor();
    // Replaced in the dialog: refused empty, then taken.
    await row.getByRole('button', { name: '轮换密钥' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '请先在钉钉群机器人设置中重置加签密钥' });
    await dialog.waitFor();
    const helpInDialog = await dialog.getByText('保存后不再显示').count();
    await confirm(dialog);
    await dialog.getByText('请填写机器人加签密钥').waitFor();
    await dialog.getByLabel('机器人加签密钥').fill(`SEC${'b'.repeat(40)}`);
    await confirm(dialog);
    await page.getByText('密钥已轮换，旧密钥已失效。').waitFor();

    // Assess
    expect(helpInDialog).toBe(0);
    await expect.poll(async () => (await subscriptions()).find((item) => item.description === '值班群机器人')?.version).toBe(2);
    const robot = (await subscriptions()).find((item) => item.description === '值班群机器人');
    expect(robot).toMatchObject({ format: 'dingtalkRobot', url: 'http://127.0.0.1:9/robot/send?access_token=local' });
    expect(JSON.stringify(robot)).not.toContain('SEC');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('takes a 浙政钉 application’s credentials, tenant and receivers on creation, and only new credentials in the replacement dialog', async () => {
    // Prepare
    const { page, problems } = await openWebhooksAsLiaison();

    // Act
    await createFrom(page, '浙政钉通知', '浙政钉工作通知', async () => {
      await page.getByLabel('推送地址').fill('http://127.0.0.1:9/message/workNotification');
      await page.getByText('本系统在浙政钉开放平台上的应用凭证，密封保存，不再显示').waitFor();
      await page.getByLabel('应用 appKey').fill(' esup-app ');
      await page.getByLabel('应用 appSecret').fill('app-secret-0123456789');
      await page.getByLabel('租户编号（tenantId）').fill('196729');
      await page.getByLabel('接收人 accountId').fill('acc-1， acc-2');
    });
    const row = page.getByRole('row', { name: /浙政钉通知/ });
    await row.waitFor();
    const created = (await subscriptions()).find((item) => item.description === '浙政钉通知');
    await row.getByRole('button', { name: '轮换密钥' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '请先在浙政钉开放平台重置应用凭证' });
    await dialog.waitFor();
    const inDialog = {
      tenant: await dialog.getByLabel('租户编号（tenantId）').count(),
      receivers: await dialog.getByLabel('接收人 accountId').count(),
      help: await dialog.getByText('密封保存，不再显示').count(),
    };
    await dialog.getByLabel('应用 appKey').fill('esup-app-2');
    await dialog.getByLabel('应用 appSecret').fill('app-secret-9876543210');
    await confirm(dialog);
    await page.getByText('密钥已轮换，旧密钥已失效。').waitFor();

    // Assess
    expect(created).toMatchObject({ format: 'zhezhengdingWorkNotice', workNotice: { tenantId: '196729', receiverIds: ['acc-1', 'acc-2'] }, version: 1 });
    expect(inDialog).toEqual({ tenant: 0, receivers: 0, help: 0 });
    await expect.poll(async () => (await subscriptions()).find((item) => item.description === '浙政钉通知')?.version).toBe(2);
    expect(JSON.stringify(await subscriptions())).not.toContain('app-secret');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('replaces an SMS subscription’s numbers in the dialog, shown masked again', async () => {
    // Prepare
    const { page, problems } = await openWebhooksAsLiaison();
    await createFrom(page, '值班手机', '短信', () => page.getByLabel('手机号码').fill('13800005678'));
    const row = page.getByRole('row', { name: /值班手机/ });
    await row.getByText('138****5678').waitFor();

    // Act
    await row.getByRole('button', { name: '更换号码' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '填入新的手机号码，替换原有号码' });
    await dialog.waitFor();
    const help = await dialog.getByText('至多 5 个，用逗号分隔').count();
    await dialog.getByLabel('手机号码').fill('13700007777，13900001234');
    await confirm(dialog);
    await page.getByText('密钥已轮换，旧密钥已失效。').waitFor();

    // Assess
    expect(help).toBe(1);
    await row.getByText('137****7777、139****1234').waitFor();
    await expect.poll(() => page.content()).not.toMatch(/13700007777|13900001234/);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
