/**
 * Supervisors manage departments' catalogues of matters through the API (Art. 17, 25): dated
 * versions, checked by the family's schema, scoped by jurisdiction, refused whole when they
 * conflict; and proposals tried out on stored cases before they are recorded.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { bearerGet, signedPost, type ApiReply } from '../support/local-api-client.ts';
import { testClientConfig } from '../support/dynamodb.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let haishuSupervisor: string;
let yinzhouSupervisor: string;
let citySupervisor: string;
let liaison: string;
const department = 'haishu-housing';

beforeAll(async () => {
  started = await startTestRuntime('catalogue');
  runtime = started.runtime;
  haishuSupervisor = await runtime.mintStaffToken({ subject: 'supervisor-h', role: 'districtSupervisor', jurisdiction: 'haishu' });
  yinzhouSupervisor = await runtime.mintStaffToken({ subject: 'supervisor-y', role: 'districtSupervisor', jurisdiction: 'yinzhou' });
  citySupervisor = await runtime.mintStaffToken({ subject: 'supervisor-c', role: 'citySupervisor', jurisdiction: 'city' });
  liaison = await runtime.mintStaffToken({ subject: 'liaison-1', role: 'departmentLiaison', jurisdiction: 'haishu', department, secondFactor: false });
});

afterAll(async () => {
  await started?.dispose();
});

let counter = 0;
const newMatterCode = () => `matter-${Date.now().toString(36)}-${(counter += 1)}`;

const licensingVersion = (overrides: Record<string, unknown> = {}) => ({
  kind: 'licensing',
  name: '建筑工程施工许可',
  legalBasis: '《中华人民共和国行政许可法》第四十二条',
  promisedWorkingDays: 10,
  version: 1,
  effectiveFrom: '2025-01-01',
  ...overrides,
});

async function bearerPost(token: string, path: string, body: unknown): Promise<ApiReply> {
  const response = await fetch(new URL(path, runtime.apiUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

const versionsPath = (matterCode: string, dept = department) => `/v1/departments/${dept}/catalogue/${matterCode}/versions`;
async function auditEntries(target: string): Promise<Record<string, unknown>[]> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ ...testClientConfig, endpoint: runtime.dynamoEndpoint }));
  const day = new Date().toISOString().slice(0, 10);
  const page = await client.send(
    new QueryCommand({ TableName: runtime.tables.audit, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#${day}` } }),
  );
  return (page.Items ?? []).filter((item) => item['target'] === target);
}
const storedVersions = async (matterCode: string) =>
  ((await bearerGet(runtime.apiUrl, versionsPath(matterCode), citySupervisor)).json?.versions ?? []) as { version: number }[];

describe('managing a catalogue', () => {
  it("lets a district supervisor add a version for its district's department, and shows it in force", async () => {
    // Prepare
    const matterCode = newMatterCode();

    // Act
    const created = await bearerPost(haishuSupervisor, versionsPath(matterCode), licensingVersion());
    const versions = await bearerGet(runtime.apiUrl, versionsPath(matterCode), haishuSupervisor);
    const catalogue = await bearerGet(runtime.apiUrl, `/v1/departments/${department}/catalogue`, liaison);

    // Assess
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ department, matterCode, version: 1, statutoryWorkingDays: 20, recordedBy: 'districtSupervisor:supervisor-h' });
    expect(versions.json).toMatchObject({ inForceVersion: 1, versions: [{ version: 1, effectiveFrom: '2025-01-01' }] });
    expect(catalogue.status).toBe(200);
    expect(catalogue.json.matters.find((m: { matterCode: string }) => m.matterCode === matterCode)).toMatchObject({
      latestVersion: 1,
      current: { promisedWorkingDays: 10 },
    });
    // The demo catalogue came in through the same API at start: its matters have a first version.
    expect(catalogue.json.matters.find((m: { matterCode: string }) => m.matterCode === 'construction-permit')).toMatchObject({ latestVersion: 1 });
    expect(await auditEntries(`matter:${department}/${matterCode}@v1`)).toEqual([
      expect.objectContaining({ action: 'catalogue.version.propose', outcome: 'allowed', actor: 'districtSupervisor:supervisor-h' }),
    ]);
  });

  it("answers another district's supervisor with 404, reading or writing", async () => {
    // Prepare
    const matterCode = newMatterCode();

    // Act
    const write = await bearerPost(yinzhouSupervisor, versionsPath(matterCode), licensingVersion());
    const read = await bearerGet(runtime.apiUrl, `/v1/departments/${department}/catalogue`, yinzhouSupervisor);

    // Assess
    expect([write.status, read.status]).toEqual([404, 404]);
    expect(await storedVersions(matterCode)).toEqual([]);
  });

  it("refuses a liaison's new version with 403 and its look at another department with 404", async () => {
    // Act
    const write = await bearerPost(liaison, versionsPath(newMatterCode()), licensingVersion());
    const other = await bearerGet(runtime.apiUrl, '/v1/departments/haishu-market-regulation/catalogue', liaison);

    // Assess
    expect(write.status).toBe(403);
    expect(other.status).toBe(404);
  });

  it('refuses a penalty band whose minimum exceeds its maximum, and an unknown kind, with 400 naming the field', async () => {
    // Prepare
    const matterCode = newMatterCode();
    const penalty = {
      kind: 'penalty',
      name: '价格违法行为处罚',
      legalBasis: '《中华人民共和国行政处罚法》第六十条',
      hearingThresholdYuan: 100_000,
      discretionBands: [{ violationCode: 'PR-07', circumstance: 'minor', minFineYuan: 9_000, maxFineYuan: 5_000 }],
      version: 1,
      effectiveFrom: '2026-01-01',
    };

    // Act
    const badBand = await bearerPost(citySupervisor, versionsPath(matterCode), penalty);
    const badKind = await bearerPost(citySupervisor, versionsPath(matterCode), licensingVersion({ kind: 'taxation' }));

    // Assess
    expect(badBand.status).toBe(400);
    expect(badBand.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/discretionBands/0/minFineYuan']);
    expect(badKind.status).toBe(400);
    expect(badKind.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/kind']);
    expect(await storedVersions(matterCode)).toEqual([]);
  });

  it('refuses dates overlapping a stored version with 409 and stores nothing', async () => {
    // Prepare
    const matterCode = newMatterCode();
    await bearerPost(haishuSupervisor, versionsPath(matterCode), licensingVersion({ effectiveUntil: '2025-12-31' }));

    // Act
    const overlapping = await bearerPost(
      haishuSupervisor,
      versionsPath(matterCode),
      licensingVersion({ version: 2, effectiveFrom: '2025-07-01', promisedWorkingDays: 8 }),
    );

    // Assess
    expect(overlapping.status).toBe(409);
    expect(overlapping.json.type).toContain('overlapping-effective-dates');
    expect(overlapping.json.detail).toContain('2025-01-01至2025-12-31');
    expect((await storedVersions(matterCode)).map((v) => v.version)).toEqual([1]);
  });

  it('refuses a stale version number with 409, so a concurrent change is never overwritten', async () => {
    // Prepare
    const matterCode = newMatterCode();
    await bearerPost(haishuSupervisor, versionsPath(matterCode), licensingVersion());

    // Act
    const stale = await bearerPost(citySupervisor, versionsPath(matterCode), licensingVersion({ effectiveFrom: '2026-01-01', promisedWorkingDays: 8 }));
    const next = await bearerPost(
      citySupervisor,
      versionsPath(matterCode),
      licensingVersion({ version: 2, effectiveFrom: '2026-01-01', promisedWorkingDays: 8 }),
    );

    // Assess
    expect(stale.status).toBe(409);
    expect(stale.json.type).toContain('stale-version');
    expect(next.status).toBe(201);
    expect((await storedVersions(matterCode)).map((v) => v.version)).toEqual([1, 2]);
  });
});

describe('back-testing a proposed version', () => {
  async function decidedCase(decidedAt: string): Promise<string> {
    const caseId = `BT-${Date.now().toString(36)}-${(counter += 1)}`;
    const credential = runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
    const base = { kind: 'licensing', department, matterCode: 'construction-permit', caseId };
    const records = [
      { ...base, sequence: 1, event: 'received', occurredAt: '2025-09-01T09:00:00+08:00' },
      { ...base, sequence: 2, event: 'accepted', occurredAt: '2025-09-01T10:00:00+08:00' },
      { ...base, sequence: 3, event: 'decided', outcome: 'granted', occurredAt: decidedAt },
      // Delivered at once, so only the decision time limit is back-tested.
      { ...base, sequence: 4, event: 'concluded', occurredAt: decidedAt },
    ];
    expect((await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credential)).status).toBe(202);
    return caseId;
  }

  it('shows that a shorter promised limit would raise warnings on stored cases that had none, writing nothing', async () => {
    // Prepare: decided 8 working days after acceptance, within the catalogue's promise of 10.
    const onTime = await decidedCase('2025-09-11T15:00:00+08:00');
    const quick = await decidedCase('2025-09-03T15:00:00+08:00');
    await runtime.idle();
    const proposal = licensingVersion({ promisedWorkingDays: 5, effectiveFrom: '2025-01-01' });

    // Act
    const report = await bearerPost(haishuSupervisor, `/v1/departments/${department}/catalogue/construction-permit/back-test`, {
      proposal,
      cases: [onTime, quick, 'NO-SUCH-CASE'],
    });
    const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${onTime}/timeline`, haishuSupervisor);

    // Assess
    expect(report.status).toBe(200);
    expect(report.json.cases).toEqual([
      expect.objectContaining({
        caseId: onTime,
        outcome: 'evaluated',
        startedOn: '2025-09-01',
        currentVersion: 1,
        proposalInForce: true,
        current: [],
        proposed: [{ ruleId: 'licensing.decision-time-limit', level: 'warning' }],
        changes: [{ ruleId: 'licensing.decision-time-limit', change: 'raised', current: null, proposed: 'warning' }],
      }),
      expect.objectContaining({ caseId: quick, outcome: 'evaluated', changes: [] }),
      { caseId: 'NO-SUCH-CASE', outcome: 'notFound' },
    ]);
    expect(report.json.totals).toMatchObject({ evaluated: 2, changedCases: 1, raised: 1 });
    // Without a list, the back-test takes the matter's most recently started cases from its index.
    const byMatter = await bearerPost(haishuSupervisor, `/v1/departments/${department}/catalogue/construction-permit/back-test`, { proposal });
    expect(byMatter.status).toBe(200);
    expect(byMatter.json.cases.map((c: { caseId: string }) => c.caseId)).toEqual(expect.arrayContaining([onTime, quick]));
    expect(timeline.json.alerts).toEqual([]);
    expect((await storedVersions('construction-permit')).map((v) => v.version)).toEqual([1]);
  });

  it("refuses a liaison with 403 and another district's supervisor with 404", async () => {
    // Prepare
    const body = { proposal: licensingVersion(), cases: ['ANY-1'] };
    const path = `/v1/departments/${department}/catalogue/construction-permit/back-test`;

    // Act
    const byLiaison = await bearerPost(liaison, path, body);
    const byOtherDistrict = await bearerPost(yinzhouSupervisor, path, body);

    // Assess
    expect([byLiaison.status, byOtherDistrict.status]).toEqual([403, 404]);
  });
});
