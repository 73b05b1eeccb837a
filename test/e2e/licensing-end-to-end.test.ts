/**
 * End to end through the local runtime's HTTP API: a department's signed batch goes through the
 * queue, processing and the sweep, and a supervisor reads the alerts and the case's timeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { bearerGet, signedPost } from '../support/local-api-client.ts';

let runtime: LocalRuntime;
let started: TestRuntime;
let housing: DepartmentCredential;
let cityToken: string;
let haishuToken: string;
let yinzhouToken: string;

const department = 'haishu-housing';
const matterCode = 'construction-permit'; // promised 10, statutory 20 working days

beforeAll(async () => {
  started = await startTestRuntime('e2e');
  runtime = started.runtime;
  housing = runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
  cityToken = await runtime.mintStaffToken({ subject: 'city-1', role: 'citySupervisor', jurisdiction: 'city' });
  haishuToken = await runtime.mintStaffToken({ subject: 'hs-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
  yinzhouToken = await runtime.mintStaffToken({ subject: 'yz-1', role: 'districtSupervisor', jurisdiction: 'yinzhou' });
});

afterAll(async () => {
  await started?.dispose();
});

let counter = 0;
const newCaseId = (label: string) => `${label}-${Date.now().toString(36)}-${(counter += 1)}`;
const record = (caseId: string, sequence: number, event: string, occurredAt: string, extra: Record<string, unknown> = {}) => ({
  kind: 'licensing',
  department,
  matterCode,
  caseId,
  sequence,
  event,
  occurredAt,
  ...extra,
});
const push = (records: unknown[], credential: DepartmentCredential = housing) =>
  signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credential);

describe('a department push becomes a supervisor alert', () => {
  it('raises a correction for a case left undecided past its statutory limit, visible to the city and its district only', async () => {
    // Prepare
    const caseId = newCaseId('overdue');
    // Act
    const pushed = await push([record(caseId, 1, 'received', '2025-09-01T09:00:00+08:00'), record(caseId, 2, 'accepted', '2025-09-01T10:00:00+08:00')]);
    await runtime.idle();
    // Assess
    expect(pushed.status).toBe(202);
    expect(pushed.json.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
    const city = await bearerGet(runtime.apiUrl, `/v1/alerts?department=${department}`, cityToken);
    expect(city.status).toBe(200);
    const alert = city.json.items.find((a: { caseId: string }) => a.caseId === caseId);
    expect(alert).toMatchObject({ level: 'correction', status: 'open', ruleId: 'licensing.decision-time-limit' });
    expect(alert.legalBasis).toContain('行政许可法');

    const haishu = await bearerGet(runtime.apiUrl, '/v1/alerts', haishuToken);
    expect(haishu.json.items.map((a: { caseId: string }) => a.caseId)).toContain(caseId);
    const yinzhou = await bearerGet(runtime.apiUrl, '/v1/alerts', yinzhouToken);
    expect(yinzhou.status).toBe(200);
    expect(yinzhou.json.items.map((a: { caseId: string }) => a.caseId)).not.toContain(caseId);
  });

  it('calls for correction when a department refuses a licence without written reasons', async () => {
    // Prepare: decided and closed the day after acceptance, well within every time limit
    const caseId = newCaseId('refused');

    // Act
    const pushed = await push([
      record(caseId, 1, 'received', '2025-09-01T09:00:00+08:00'),
      record(caseId, 2, 'accepted', '2025-09-01T10:00:00+08:00'),
      record(caseId, 3, 'decided', '2025-09-02T16:00:00+08:00', { outcome: 'refused' }),
      record(caseId, 4, 'concluded', '2025-09-03T10:00:00+08:00'),
    ]);
    await runtime.idle();

    // Assess
    expect(pushed.status).toBe(202);
    const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${caseId}/timeline`, haishuToken);
    expect(timeline.json.alerts.map((a: { ruleId: string; level: string; status: string }) => [a.ruleId, a.level, a.status])).toEqual([
      ['licensing.refusal-reasons', 'correction', 'open'],
    ]);
    expect(timeline.json.alerts[0].legalBasis).toBe('《中华人民共和国行政许可法》第三十八条第二款');
  });

  it("shows the case's timeline in sequence order, and hides it from another district", async () => {
    const caseId = newCaseId('timeline');
    await push([record(caseId, 2, 'accepted', '2025-09-01T10:00:00+08:00'), record(caseId, 1, 'received', '2025-09-01T09:00:00+08:00')]);
    await runtime.idle();

    const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${caseId}/timeline`, haishuToken);
    expect(timeline.status).toBe(200);
    expect(timeline.json.events.map((e: { event: string }) => e.event)).toEqual(['received', 'accepted']);
    expect(timeline.json.alerts).toHaveLength(1);

    const hidden = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${caseId}/timeline`, yinzhouToken);
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get('content-type')).toContain('application/problem+json');
  });

  it('raises an alert from the scheduled sweep once the limits pass, exactly once when fired twice', async () => {
    // Prepare: a case accepted now has nothing due yet.
    const caseId = newCaseId('sweep');
    const now = new Date().toISOString();
    await push([record(caseId, 1, 'received', now), record(caseId, 2, 'accepted', now)]);
    await runtime.idle();
    const before = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${caseId}/timeline`, cityToken);
    expect(before.json.alerts).toEqual([]);
    expect(before.json.case.nextCheckAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);

    // Act: the schedule fires 60 days later (past 20 working days whatever the holidays), twice.
    const later = new Date(Date.now() + 60 * 86_400_000);
    await runtime.fireSchedule('deadline-sweep', later);
    await runtime.fireSchedule('deadline-sweep', later);

    // Assess: one alert, once. Nothing was pushed in those 60 days, so the department's feed is
    // stale and the time-driven signal is held for insufficient data rather than raised.
    const after = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${caseId}/timeline`, cityToken);
    expect(after.json.alerts.map((a: { level: string; version: number; status: string }) => [a.level, a.version, a.status])).toEqual([
      ['correction', 1, 'held'],
    ]);
    // Said in Chinese by default, the finding's sentence inside the hold's.
    expect(after.json.alerts[0].history[0].summary).toMatch(/^因数据不足暂缓：该部门自 \d{4}-\d\d-\d\d \d\d:\d\d 起未报送记录。未在法定期限内作出决定/);
  });
});

describe('what operations see', () => {
  it('counts accepted records per department in embedded metrics, as CloudWatch would read them from the logs', async () => {
    // Prepare
    const caseId = newCaseId('metrics');
    const before = runtime.metrics().length;

    // Act
    const pushed = await push([record(caseId, 1, 'received', '2025-09-01T09:00:00+08:00')]);
    await runtime.idle();

    // Assess
    expect(pushed.status).toBe(202);
    const accepted = runtime
      .metrics()
      .slice(before)
      .filter((entry) =>
        (entry._aws.CloudWatchMetrics as { Metrics: { Name: string }[] }[]).some((metric) => metric.Metrics.some((m) => m.Name === 'RecordsAccepted')),
      );
    expect(accepted).toContainEqual(
      expect.objectContaining({
        service: 'ingest-records',
        department,
        RecordsAccepted: 1,
        _aws: expect.objectContaining({ CloudWatchMetrics: [expect.objectContaining({ Namespace: 'ESupervision' })] }),
      }),
    );
  });
});

describe('what the API refuses', () => {
  it('refuses a record for another department with 403 and stores nothing', async () => {
    const caseId = newCaseId('bola');
    const response = await push([{ ...record(caseId, 1, 'received', '2025-09-01T09:00:00+08:00'), department: 'yinzhou-market-regulation' }]);
    await runtime.idle();
    expect(response.status).toBe(403);
    expect(response.json.errors[0].pointer).toBe('/records/0/department');
    const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/yinzhou-market-regulation/licensing/${caseId}/timeline`, cityToken);
    expect(timeline.status).toBe(404);
  });

  it('refuses a classified record with 422 and does not echo it', async () => {
    const caseId = newCaseId('secret');
    const response = await push([record(caseId, 1, 'received', '2025-09-01T09:00:00+08:00', { classification: '绝密' })]);
    expect(response.status).toBe(422);
    expect(response.text).not.toContain(caseId);
  });

  it('names the field of a bad record', async () => {
    const response = await push([record(newCaseId('bad'), 1, 'received', 'yesterday')]);
    expect(response.status).toBe(400);
    expect(response.json.errors.map((e: { pointer: string }) => e.pointer)).toContain('/records/0/occurredAt');
  });

  it('refuses an oversized body with 413 and a non-JSON body with 415', async () => {
    const big = JSON.stringify({ records: [record('x', 1, 'received', '2025-09-01T09:00:00+08:00', { padding: 'x'.repeat(300 * 1024) })] });
    expect((await signedPost(runtime.apiUrl, '/v1/records', big, housing)).status).toBe(413);
    expect((await signedPost(runtime.apiUrl, '/v1/records', 'records=1', housing, { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
  });

  it('refuses unsigned, wrongly signed and replayed department requests', async () => {
    const body = JSON.stringify({ records: [record(newCaseId('auth'), 1, 'received', '2025-09-01T09:00:00+08:00')] });
    const unsigned = await fetch(new URL('/v1/records', runtime.apiUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(403);
    expect((await signedPost(runtime.apiUrl, '/v1/records', body, { ...housing, secretAccessKey: 'x'.repeat(40) })).status).toBe(403);
    expect((await signedPost(runtime.apiUrl, '/v1/records', body, housing, { date: new Date(Date.now() - 6 * 60_000) })).status).toBe(403);
  });

  it('refuses console requests without a valid token, and privileged roles without a second factor', async () => {
    expect((await bearerGet(runtime.apiUrl, '/v1/alerts')).status).toBe(401);
    expect((await bearerGet(runtime.apiUrl, '/v1/alerts', 'not-a-jwt')).status).toBe(401);
    const expired = await runtime.mintStaffToken({
      subject: 'c',
      role: 'citySupervisor',
      jurisdiction: 'city',
      issuedAt: new Date(Date.now() - 7200_000),
      expiresInSeconds: 60,
    });
    expect((await bearerGet(runtime.apiUrl, '/v1/alerts', expired)).status).toBe(401);
    const wrongAudience = await runtime.mintStaffToken({ subject: 'c', role: 'citySupervisor', jurisdiction: 'city', audience: 'another-app' });
    expect((await bearerGet(runtime.apiUrl, '/v1/alerts', wrongAudience)).status).toBe(401);
    const singleFactor = await runtime.mintStaffToken({ subject: 'd', role: 'districtSupervisor', jurisdiction: 'haishu', secondFactor: false });
    expect((await bearerGet(runtime.apiUrl, '/v1/alerts', singleFactor)).status).toBe(403);
  });

  it("refuses a department's signed request on a console route with 403", async () => {
    const url = new URL('/v1/alerts', runtime.apiUrl);
    const aws4 = (await import('aws4')).default;
    const signed = aws4.sign({ host: url.host, method: 'GET', path: url.pathname, service: 'execute-api', region: runtime.region }, housing);
    const response = await fetch(url, { headers: signed.headers as Record<string, string> });
    expect(response.status).toBe(403);
  });

  it('refuses a role that has no business on a console route', async () => {
    const auditor = await runtime.mintStaffToken({ subject: 'a', role: 'auditor', jurisdiction: 'city' });
    expect((await bearerGet(runtime.apiUrl, '/v1/alerts', auditor)).status).toBe(403);
  });

  it('answers a bad console query with a problem naming the parameter', async () => {
    const response = await bearerGet(runtime.apiUrl, '/v1/alerts?level=purple', cityToken);
    expect(response.status).toBe(400);
    expect(response.json.errors[0].pointer).toBe('/query/level');
  });

  it('serves the OpenAPI document generated from the schemas', async () => {
    const response = await bearerGet(runtime.apiUrl, '/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.json.paths)).toEqual(expect.arrayContaining(['/v1/records', '/v1/alerts', '/v1/cases/{department}/{kind}/{caseId}/timeline']));
    expect(response.json.components.schemas.LicensingRecord).toBeDefined();
  });

  it('answers an unknown path like API Gateway does', async () => {
    expect((await bearerGet(runtime.apiUrl, '/v1/nothing-here', cityToken)).status).toBe(403);
  });
});
