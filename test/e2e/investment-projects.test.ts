/**
 * Government investment projects (政府重大投资建设, Measures Art. 17(3)) end to end through the
 * local API: a supervisor records the catalogue matter, dated; the department pushes its
 * projects' stages with amounts in fen; the supervisor reads each project's estimate, its limits
 * and the alerts 《政府投资条例》's rules raise. Records out of the procedure's order are reported
 * whatever order they arrive in; an unknown field or a negative amount is refused with 400 naming
 * the field, and nothing of it is stored; a catalogue allowing what the law does not is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { bearerGet, signedPost, type ApiReply } from '../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let citySupervisor: string;
const department = 'haishu-housing';
const run = Date.now().toString(36);
const matterCode = `gov-investment-${run}`;

beforeAll(async () => {
  started = await startTestRuntime('investments');
  runtime = started.runtime;
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-investment-projects', role: 'citySupervisor', jurisdiction: 'city' });
  const created = await bearerPost(versionsPath(matterCode), investmentVersion());
  expect(created.status, created.text).toBe(201);
});

afterAll(async () => {
  await started?.dispose();
});

function investmentVersion(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'investmentProject',
    name: '区级政府投资房屋建筑项目',
    legalBasis: '《政府投资条例》',
    acceptanceDays: 60,
    version: 1,
    effectiveFrom: '2024-01-01',
    ...overrides,
  };
}

const versionsPath = (code: string) => `/v1/departments/${department}/catalogue/${code}/versions`;

async function bearerPost(path: string, body: unknown): Promise<ApiReply> {
  const response = await fetch(new URL(path, runtime.apiUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${citySupervisor}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

const credential = () => runtime.credentials.find((c) => c.department === department) as DepartmentCredential;

interface Timeline {
  case: { stage: string; deadlines: Record<string, unknown> };
  alerts: { ruleId: string; level: string; legalBasis: string }[];
}

/** One project's records, numbered in the order given. */
const recordsOf = (caseId: string, records: Record<string, unknown>[]) =>
  records.map((record, i) => ({ kind: 'investmentProject', department, matterCode, caseId, sequence: i + 1, ...record }));

const push = (records: Record<string, unknown>[]): Promise<ApiReply> => signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credential());

async function timelineOf(caseId: string): Promise<ApiReply> {
  await runtime.idle();
  return bearerGet(runtime.apiUrl, `/v1/cases/${department}/investmentProject/${caseId}/timeline`, citySupervisor);
}

const levels = (timeline: Timeline) => Object.fromEntries(timeline.alerts.map((alert) => [alert.ruleId, alert.level]));

describe('government investment projects through the API', () => {
  it('raises nothing for a project approved in order, tendered, within its estimate, accepted and accounted for in time', async () => {
    // Prepare: completed Monday 30 June 2025; accepted within 60 days; final accounts by Tuesday 30 September
    const caseId = `ZFTZ-CLEAN-${run}`;

    // Act
    const pushed = await push(
      recordsOf(caseId, [
        { event: 'proposalApproved', occurredAt: '2024-03-01T10:00:00+08:00', approvalNumber: '海发改〔2024〕8号' },
        { event: 'feasibilityApproved', occurredAt: '2024-05-06T10:00:00+08:00', investmentEstimateFen: 980_000_000 },
        { event: 'designApproved', occurredAt: '2024-07-01T10:00:00+08:00', approvedEstimateFen: 1_000_000_000 },
        {
          event: 'tendered',
          occurredAt: '2024-08-01T10:00:00+08:00',
          contractKind: 'construction',
          method: 'open',
          contractEstimateFen: 800_000_000,
          tradingCaseId: 'ZB-2024-0031',
        },
        { event: 'constructionStarted', occurredAt: '2024-09-02T09:00:00+08:00', constructionContractFen: 800_000_000 },
        { event: 'investmentReported', occurredAt: '2025-03-31T18:00:00+08:00', investmentToDateFen: 600_000_000 },
        { event: 'constructionCompleted', occurredAt: '2025-06-30T17:00:00+08:00' },
        { event: 'completionAccepted', occurredAt: '2025-08-15T10:00:00+08:00', passed: true },
        { event: 'finalAccountsCompleted', occurredAt: '2025-09-26T10:00:00+08:00', finalCostFen: 980_000_000 },
      ]),
    );
    const read = await timelineOf(caseId);

    // Assess
    expect(pushed.status, pushed.text).toBe(202);
    expect(read.status, read.text).toBe(200);
    const timeline = read.json as Timeline;
    expect(timeline.case.stage).toBe('closed');
    expect(timeline.case.deadlines).toMatchObject({
      unit: 'days',
      estimateFen: 1_000_000_000,
      investmentToDateFen: 600_000_000,
      acceptance: { date: '2025-08-29', provisional: false },
      finalAccounts: { date: '2025-09-30', provisional: false },
    });
    expect(timeline.alerts).toEqual([]);
  });

  it('corrects a start before design approval and investment beyond the estimate, and reports approvals out of order whatever order they arrive in', async () => {
    // Prepare: the design approval stamped before the feasibility study's; records sent last first
    const caseId = `ZFTZ-OVER-${run}`;
    const records = recordsOf(caseId, [
      { event: 'proposalApproved', occurredAt: '2024-03-01T10:00:00+08:00' },
      { event: 'feasibilityApproved', occurredAt: '2024-07-05T10:00:00+08:00', investmentEstimateFen: 980_000_000 },
      { event: 'designApproved', occurredAt: '2024-07-01T10:00:00+08:00', approvedEstimateFen: 1_000_000_000 },
      { event: 'constructionStarted', occurredAt: '2024-06-03T09:00:00+08:00', constructionContractFen: 300_000_000 },
      { event: 'investmentReported', occurredAt: '2025-03-31T18:00:00+08:00', investmentToDateFen: 1_050_000_000 },
      { event: 'changeMade', occurredAt: '2025-04-10T10:00:00+08:00', changeId: 'BG-1', aspect: 'scale', major: true },
    ]);

    // Act
    const pushed = await push([...records].reverse());
    const read = await timelineOf(caseId);

    // Assess
    expect(pushed.status, pushed.text).toBe(202);
    const timeline = read.json as Timeline;
    expect(timeline.case.stage).toBe('underConstruction');
    expect(levels(timeline)).toEqual({
      'investmentProject.budget-estimate': 'correction',
      'investmentProject.change-approval': 'correction',
      'investmentProject.construction-start': 'correction',
      'investmentProject.stage-order': 'warning',
    });
    const basis = Object.fromEntries(timeline.alerts.map((alert) => [alert.ruleId, alert.legalBasis]));
    expect(basis['investmentProject.budget-estimate']).toBe('《政府投资条例》第二十三条');
    expect(basis['investmentProject.change-approval']).toBe('《政府投资条例》第二十一条');
    const alerts = await bearerGet(runtime.apiUrl, `/v1/alerts?kind=investmentProject&department=${department}`, citySupervisor);
    expect(alerts.status, alerts.text).toBe(200);
    const overrun = alerts.json.items.find((a: { caseId: string; ruleId: string }) => a.caseId === caseId && a.ruleId === 'investmentProject.budget-estimate');
    expect(overrun).toMatchObject({ kind: 'investmentProject', level: 'correction' });
  });

  it('prompts for a goods tender of 2 000 000 yuan or more that names no public resource trading case', async () => {
    // Prepare: construction tendered and traced; equipment of 2 500 000 yuan tendered with no trading case
    const caseId = `ZFTZ-GOODS-${run}`;

    // Act
    const pushed = await push(
      recordsOf(caseId, [
        { event: 'proposalApproved', occurredAt: '2024-03-01T10:00:00+08:00' },
        { event: 'feasibilityApproved', occurredAt: '2024-05-06T10:00:00+08:00', investmentEstimateFen: 980_000_000 },
        { event: 'designApproved', occurredAt: '2024-07-01T10:00:00+08:00', approvedEstimateFen: 1_000_000_000 },
        {
          event: 'tendered',
          occurredAt: '2024-08-01T10:00:00+08:00',
          contractKind: 'construction',
          method: 'open',
          contractEstimateFen: 600_000_000,
          tradingCaseId: 'ZB-2024-0032',
        },
        { event: 'constructionStarted', occurredAt: '2024-09-02T09:00:00+08:00', constructionContractFen: 600_000_000 },
        { event: 'tendered', occurredAt: '2024-10-08T10:00:00+08:00', contractKind: 'goods', method: 'invited', contractEstimateFen: 250_000_000 },
      ]),
    );
    const read = await timelineOf(caseId);

    // Assess
    expect(pushed.status, pushed.text).toBe(202);
    expect(read.status, read.text).toBe(200);
    const timeline = read.json as Timeline;
    expect(levels(timeline)).toEqual({ 'investmentProject.tendering': 'prompt' });
    expect(timeline.alerts[0]?.legalBasis).toBe('《必须招标的工程项目规定》（国家发展和改革委员会令第16号）第五条');
  });

  it('refuses a batch with an unknown field and a negative amount with 400 naming each, and stores nothing', async () => {
    // Prepare
    const caseId = `ZFTZ-BAD-${run}`;

    // Act
    const pushed = await push(
      recordsOf(caseId, [
        { event: 'designApproved', occurredAt: '2024-07-01T10:00:00+08:00', approvedEstimateFen: 1_000_000_000, overrunTolerance: 0.05 },
        { event: 'investmentReported', occurredAt: '2025-03-31T18:00:00+08:00', investmentToDateFen: -1 },
      ]),
    );
    const read = await timelineOf(caseId);

    // Assess
    expect(pushed.status, pushed.text).toBe(400);
    expect(pushed.headers.get('content-type')).toContain('application/problem+json');
    expect(pushed.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/records/0/overrunTolerance', '/records/1/investmentToDateFen']);
    expect(read.status).toBe(404);
  });

  it('refuses a catalogue version allowing investment above the estimate or a higher tendering threshold (construction, goods, services), with 400 naming the field and the article', async () => {
    // Prepare
    const path = versionsPath(`gov-investment-strict-${run}`);

    // Act
    const tolerance = await bearerPost(path, investmentVersion({ overrunToleranceBasisPoints: 500 }));
    const threshold = await bearerPost(path, investmentVersion({ constructionTenderThresholdFen: 500_000_000 }));
    const months = await bearerPost(path, investmentVersion({ finalAccountsMonths: 6 }));
    const goods = await bearerPost(path, investmentVersion({ goodsTenderThresholdFen: 300_000_000, servicesTenderThresholdFen: 150_000_000 }));
    const stricter = await bearerPost(
      path,
      investmentVersion({ constructionTenderThresholdFen: 200_000_000, goodsTenderThresholdFen: 100_000_000, servicesTenderThresholdFen: 50_000_000 }),
    );

    // Assess
    expect(tolerance.status).toBe(400);
    expect(tolerance.json.errors).toEqual([
      expect.objectContaining({ pointer: '/overrunToleranceBasisPoints', detail: expect.stringContaining('第二十三条') }),
    ]);
    expect(threshold.status).toBe(400);
    expect(threshold.json.errors).toEqual([expect.objectContaining({ pointer: '/constructionTenderThresholdFen', detail: expect.stringContaining('第五条') })]);
    expect(months.status).toBe(400);
    expect(months.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/finalAccountsMonths']);
    expect(goods.status).toBe(400);
    expect(goods.json.errors).toEqual([
      expect.objectContaining({ pointer: '/goodsTenderThresholdFen', detail: expect.stringContaining('货物采购单项合同估算价 200 万元以上的必须招标') }),
      expect.objectContaining({ pointer: '/servicesTenderThresholdFen', detail: expect.stringContaining('服务采购单项合同估算价 100 万元以上的必须招标') }),
    ]);
    expect(stricter.status, stricter.text).toBe(201);
  });
});
