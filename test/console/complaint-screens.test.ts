/**
 * The complaint screens in a browser against the whole local runtime: a complaint filed through
 * the public API found in the supervisor's queue, decided on its page, its written notice
 * downloaded as a PDF and its delivery recorded; the complainant's identity shown in full only after a purpose is stated
 * (the button disabled without one, the API's check of it beside the field); a department's
 * result reported by its liaison and reviewed by the supervisor. Screenshots go to
 * `test-results/screenshots/`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { callComplaintApi, daysAhead } from '../support/complaint-client.ts';
import { openConsoleInBrowser, screenshots, signInAs, type ConsoleInBrowser } from '../support/console-browser.ts';
import { e2eComplainants } from '../support/e2e-complainants.ts';

let session: ConsoleInBrowser;
let runtime: LocalRuntime;
const person = e2eComplainants.consoleScreens;

beforeAll(async () => {
  session = await openConsoleInBrowser('ui-complaints');
  runtime = session.runtime;
});

afterAll(async () => {
  await session?.dispose();
});

/** A real-name complaint about the Haishu housing bureau, filed as a resident files one. */
async function fileComplaint(content: string): Promise<string> {
  const reply = await callComplaintApi(runtime.apiUrl, 'POST', '/v1/public/complaints', {
    body: { department: 'haishu-housing', category: 'delay', content, realName: true, complainant: person },
  });
  expect(reply.status, JSON.stringify(reply.json)).toBe(201);
  return reply.json.receiptNumber as string;
}

async function supervisorToken(): Promise<string> {
  return runtime.mintStaffToken({ subject: 'local-haishu-supervisor', role: 'districtSupervisor', jurisdiction: 'haishu' });
}

describe('complaint screens', () => {
  it("shows a filed complaint in the district supervisor's queue, forwards it on its page, downloads the decision notice as a PDF and records its delivery", async () => {
    // Prepare
    const receiptNumber = await fileComplaint('施工许可申请已超过承诺时限仍未办结，控制台测试。');
    const { page, problems } = await signInAs(session, '李卫东');
    await page.getByRole('link', { name: '投诉' }).click();
    const row = page.getByRole('row', { name: new RegExp(receiptNumber) });
    await row.waitFor();
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/待决定受理.*超期办理.*海曙区住房和城乡建设局.*实名.*20\d\d-\d\d-\d\d/);
    await page.screenshot({ path: join(screenshots, 'complaint-queue.png'), fullPage: true });

    // Act
    await row.getByRole('link', { name: receiptNumber }).click();
    await page.getByText('受理决定期限').waitFor();
    await page.getByLabel('办理期限').fill(daysAhead(20));
    await page.getByRole('button', { name: '提交决定' }).click();
    await page.getByText('已决定受理并转部门办理。').waitFor();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /下载受理决定告知书/ }).click();
    const download = await downloading;
    const bytes = await readFile((await download.path())!);

    // Assess
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(download.suggestedFilename()).toBe(`${receiptNumber}-受理决定告知书.pdf`);
    await expect(page.getByText('部门办理中').count()).resolves.toBeGreaterThan(0);
    // The handling deadline 20 calendar days ahead leaves some working days, counted by the city's calendar.
    await expect.poll(() => page.getByTestId('working-days-left').textContent(), { timeout: 10_000 }).toMatch(/^剩余 \d+ 个工作日$/);
    await page.getByText('转部门办理', { exact: true }).waitFor();
    // Recorded as delivered by post two minutes from now, Shanghai time (within the API's tolerance, after the notice was made).
    const decisionNotice = page.getByTestId('notice-decision');
    await decisionNotice.getByLabel('送达时间').fill(new Date(Date.now() + 8 * 3_600_000 + 120_000).toISOString().slice(0, 16));
    await decisionNotice.getByPlaceholder('挂号信单号（可选）').fill('EMS1122334455');
    await decisionNotice.getByRole('button', { name: '登记送达' }).click();
    await decisionNotice.getByText(/已送达：邮寄，20\d\d-\d\d-\d\d \d\d:\d\d（EMS1122334455）/).waitFor();
    const detail = await callComplaintApi(runtime.apiUrl, 'GET', `/v1/complaints/${receiptNumber}`, { bearer: await supervisorToken() });
    expect(detail.json).toMatchObject({ stage: 'forwarded', handling: { by: 'department', department: 'haishu-housing', deadline: { date: daysAhead(20) } } });
    expect(detail.json.notices.decision.deliveries).toEqual([expect.objectContaining({ channel: 'post', trackingReference: 'EMS1122334455' })]);
    await page.screenshot({ path: join(screenshots, 'complaint-page-decided.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('shows the complainant masked, and in full only after a purpose is stated, the too short one refused beside the field', async () => {
    // Prepare
    const receiptNumber = await fileComplaint('窗口人员态度恶劣，控制台身份测试。');
    const { page, problems } = await signInAs(session, '李卫东');
    await page.goto(`${runtime.apiUrl}/complaints/view?receipt=${receiptNumber}`);
    const complainant = page.getByTestId('complainant');
    await complainant.getByText('已遮蔽').waitFor();
    expect(await complainant.textContent()).not.toContain(person.name);

    // Act
    await complainant.getByRole('button', { name: '查看完整身份' }).click();
    const dialog = page.getByRole('dialog', { name: '查看投诉人完整身份' });
    await dialog.getByText('记入审计日志').waitFor();
    const confirm = dialog.getByRole('button', { name: '确认查看' });
    const disabledWithoutPurpose = await confirm.isDisabled();
    await dialog.getByLabel('查看用途').fill('核实');
    await confirm.click();
    await dialog.getByText(/至少 5 个字符/).waitFor();
    const stillMasked = await complainant.textContent();
    await page.screenshot({ path: join(screenshots, 'complaint-identity-dialog.png'), fullPage: true });
    await dialog.getByLabel('查看用途').fill('电话联系投诉人核实投诉事实');
    await confirm.click();
    await complainant.getByText(person.phone).waitFor();

    // Assess
    expect(disabledWithoutPurpose).toBe(true);
    expect(stillMasked).not.toContain(person.name);
    await expect.poll(() => complainant.textContent(), { timeout: 10_000 }).toContain(person.name);
    await expect.poll(() => complainant.textContent(), { timeout: 10_000 }).toContain(person.idNumber);
    await page.screenshot({ path: join(screenshots, 'complaint-identity-revealed.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('explains in Chinese that a decision lost to one made since the page was read, and reads the complaint again', async () => {
    // Prepare
    const receiptNumber = await fileComplaint('办事窗口多次要求补交同一材料，控制台并发测试。');
    const { page, problems } = await signInAs(session, '李卫东');
    await page.goto(`${runtime.apiUrl}/complaints/view?receipt=${receiptNumber}`);
    await page.getByRole('button', { name: '提交决定' }).waitFor();
    const aside = await callComplaintApi(runtime.apiUrl, 'POST', `/v1/complaints/${receiptNumber}/decision`, {
      bearer: await supervisorToken(),
      body: { expectedVersion: 1, accepted: false, reasons: '已由其他监察员处理。' },
    });

    // Act
    await page.getByLabel('办理期限').fill(daysAhead(20));
    await page.getByRole('button', { name: '提交决定' }).click();
    await page.getByText('提交未成功：该事项在您读取后已被他人修改。').waitFor();

    // Assess
    expect(aside.status).toBe(200);
    await page.getByText('已由其他监察员处理。').waitFor();
    await expect(page.getByRole('button', { name: '提交决定' }).count()).resolves.toBe(0);
    await page.screenshot({ path: join(screenshots, 'complaint-conflict.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('lets the liaison report the result of a forwarded complaint, which the supervisor accepts, concluding it', async () => {
    // Prepare
    const receiptNumber = await fileComplaint('施工许可迟迟不办，控制台办理测试。');
    const supervisor = await supervisorToken();
    const decided = await callComplaintApi(runtime.apiUrl, 'POST', `/v1/complaints/${receiptNumber}/decision`, {
      bearer: supervisor,
      body: { expectedVersion: 1, accepted: true, handling: { by: 'department', department: 'haishu-housing', deadline: daysAhead(20) } },
    });
    expect(decided.status, JSON.stringify(decided.json)).toBe(200);

    // Act: the liaison reports, the identity withheld from the department complained about.
    const liaison = await signInAs(session, '陈静');
    await liaison.page.goto(`${runtime.apiUrl}/complaints`);
    await liaison.page.getByRole('link', { name: receiptNumber }).click();
    await liaison.page.getByText('投诉人未同意向本部门披露身份').waitFor();
    await liaison.page.getByLabel('办理结果（将告知投诉人）').fill('已于本周完成审批并通知申请人领证。');
    await liaison.page.getByRole('radio', { name: '部分属实' }).check();
    await liaison.page.getByRole('button', { name: '提交办理结果' }).click();
    await liaison.page.getByText('办理结果已报告。').waitFor();
    const reviewer = await signInAs(session, '李卫东');
    await reviewer.page.getByRole('link', { name: '投诉' }).click();
    await reviewer.page.locator('label', { hasText: '待审核结果' }).click();
    const reviewRow = reviewer.page.getByRole('row', { name: new RegExp(receiptNumber) });
    await reviewRow.getByText('待审核结果').waitFor();
    await reviewer.page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await reviewRow.getByRole('link', { name: receiptNumber }).click();
    await reviewer.page.getByText('部门报告的结果：已于本周完成审批并通知申请人领证。').waitFor();
    await reviewer.page.screenshot({ path: join(screenshots, 'complaint-review.png'), fullPage: true });
    await reviewer.page.getByRole('button', { name: '提交审核' }).click();
    await reviewer.page.getByText('办理结果已审核通过，投诉办结。').waitFor();

    // Assess
    await reviewer.page.getByRole('button', { name: /下载办理结果告知书/ }).waitFor();
    const detail = await callComplaintApi(runtime.apiUrl, 'GET', `/v1/complaints/${receiptNumber}`, { bearer: supervisor });
    expect(detail.json).toMatchObject({ stage: 'concluded', resultSummary: '已于本周完成审批并通知申请人领证。' });
    // The finding the liaison chose is what the statistics count.
    expect(detail.json.results.at(-1)).toMatchObject({ finding: 'partlyUpheld' });
    expect(liaison.problems).toEqual([]);
    expect(reviewer.problems).toEqual([]);
    await liaison.page.context().close();
    await reviewer.page.context().close();
  }, 120_000);

  it('keeps the queue switched to, when the queue it left answers after it', async () => {
    // Prepare: a complaint awaiting decision, and the first queue's answer held back until the switch is made.
    const receiptNumber = await fileComplaint('窗口推诿，控制台队列切换测试。');
    const { page, problems } = await signInAs(session, '李卫东');
    let releaseFirst: () => void = () => {};
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    await page.route(/\/v1\/complaints\?queue=awaitingDecision/, async (route) => {
      await firstHeld;
      await route.continue();
    });
    const firstAnswer = page.waitForResponse(/\/v1\/complaints\?queue=awaitingDecision/);
    const secondAnswer = page.waitForResponse(/\/v1\/complaints\?queue=awaitingReview/);

    // Act: open the queue, switch to 待审核结果 while 待决定受理 is still loading, then let the first answer arrive.
    await page.getByRole('link', { name: '投诉' }).click();
    await page.locator('label', { hasText: '待审核结果' }).click();
    await (await secondAnswer).finished();
    releaseFirst();
    await (await firstAnswer).finished();
    // What the late answer would do, it does at once: a moment to render is enough to see it.
    await page.waitForTimeout(1000);

    // Assess: the complaint awaiting decision is not shown under 待审核结果.
    expect(await page.getByRole('row', { name: new RegExp(receiptNumber) }).count()).toBe(0);
    expect(await page.locator('label.ant-radio-button-wrapper-checked').innerText()).toBe('待审核结果');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});
