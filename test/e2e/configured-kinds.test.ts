/**
 * A new kind of supervised act defined by configuration, with no code change (Art. 17(6)): the city
 * supervisor defines it, adds a catalogue matter of that kind, and a department's records of it
 * raise the configured rules' alerts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { bearerGet, signedPost } from '../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let city: string;
let district: string;
const department = 'haishu-housing';
const kind = 'environmentalInspection';

beforeAll(async () => {
  started = await startTestRuntime('kinds');
  runtime = started.runtime;
  city = await runtime.mintStaffToken({ subject: 'city-kinds', role: 'citySupervisor', jurisdiction: 'city' });
  district = await runtime.mintStaffToken({ subject: 'district-kinds', role: 'districtSupervisor', jurisdiction: 'haishu' });
});

afterAll(async () => {
  await started?.dispose();
});

const definition = (overrides: Record<string, unknown> = {}) => ({
  kind,
  name: '生态环境执法检查',
  legalBasis: '《中华人民共和国环境保护法》第二十四条',
  version: 1,
  events: [{ event: 'opened' }, { event: 'closed' }, { event: 'fined', fields: { amountYuan: 'integer' } }],
  rules: [
    {
      type: 'clock',
      ruleId: `${kind}.closure`,
      from: 'opened',
      to: 'closed',
      limit: { workingDays: 15 },
      level: 'warning',
      legalBasis: '《环境行政处罚办法》第五十七条',
    },
    {
      type: 'band',
      ruleId: `${kind}.fine`,
      event: 'fined',
      field: 'amountYuan',
      min: 0,
      max: 50_000,
      level: 'correction',
      legalBasis: '《中华人民共和国环境保护法》第五十九条',
    },
  ],
  ...overrides,
});

async function send(method: 'PUT' | 'POST', token: string, path: string, body: unknown) {
  const response = await fetch(new URL(path, runtime.apiUrl), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

describe('record kinds defined by configuration', () => {
  it('refuses an invalid definition naming the problem, and a district supervisor', async () => {
    const broken = definition({
      rules: [{ type: 'clock', ruleId: `${kind}.closure`, from: 'opened', to: 'archived', limit: { workingDays: 15 }, level: 'warning', legalBasis: 'x' }],
    });
    const refused = await send('PUT', city, `/v1/record-kinds/${kind}`, broken);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json.errors)).toContain('/rules/0/to');
    expect((await send('PUT', district, `/v1/record-kinds/${kind}`, definition())).status).toBe(403);
    expect((await bearerGet(runtime.apiUrl, '/v1/record-kinds', city)).json.configured).toEqual([]);
  });

  it('turns a department push of the new kind into the configured alerts', async () => {
    // Prepare: the kind, then a catalogue matter of it for the department.
    expect((await send('PUT', city, `/v1/record-kinds/${kind}`, definition())).status).toBe(200);
    const matter = await send('POST', city, `/v1/departments/${department}/catalogue/env-inspection/versions`, {
      kind,
      name: '环境执法检查',
      legalBasis: '《中华人民共和国环境保护法》',
      version: 1,
      effectiveFrom: '2024-01-01',
    });
    expect(matter.status, JSON.stringify(matter.json)).toBe(201);

    // Act: opened in September 2025, never closed; fined above the band.
    const credential = runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
    const caseId = `ENV-${Date.now().toString(36)}`;
    const common = { kind, department, matterCode: 'env-inspection', caseId };
    const records = [
      { ...common, sequence: 1, event: 'opened', occurredAt: '2025-09-01T09:00:00+08:00' },
      { ...common, sequence: 2, event: 'fined', occurredAt: '2025-09-05T09:00:00+08:00', amountYuan: 80_000 },
    ];
    const pushed = await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credential);
    expect(pushed.status, pushed.text).toBe(202);
    await runtime.idle();

    // Assess
    const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/${kind}/${caseId}/timeline`, city);
    expect(timeline.status).toBe(200);
    const levels = Object.fromEntries(timeline.json.alerts.map((a: { ruleId: string; level: string }) => [a.ruleId, a.level]));
    expect(levels).toEqual({ [`${kind}.closure`]: 'warning', [`${kind}.fine`]: 'correction' });
    const badField = await signedPost(
      runtime.apiUrl,
      '/v1/records',
      JSON.stringify({ records: [{ ...common, sequence: 3, event: 'fined', occurredAt: '2025-09-06T09:00:00+08:00', amountYuan: 'a lot' }] }),
      credential,
    );
    expect(badField.status).toBe(400);
    expect(badField.json.errors[0].pointer).toBe('/records/0/amountYuan');
  });

  it('takes a new version that only adds, and refuses one that drops an event or changes a field, keeping the stored one', async () => {
    // Prepare: version 1 is stored by the test above.
    const withArchive = definition({ version: 2, events: [...definition().events, { event: 'archived' }] });
    const dropsClosed = definition({
      version: 3,
      events: [{ event: 'opened' }, { event: 'fined', fields: { amountYuan: 'number' } }],
      rules: [definition().rules[1]],
    });

    // Act
    const added = await send('PUT', city, `/v1/record-kinds/${kind}`, withArchive);
    const refused = await send('PUT', city, `/v1/record-kinds/${kind}`, dropsClosed);

    // Assess
    expect(added.status, JSON.stringify(added.json)).toBe(200);
    expect(refused.status).toBe(400);
    const details = refused.json.errors.map((e: { pointer: string; detail: string }) => `${e.pointer} ${e.detail}`).join('\n');
    expect(details).toContain('第 2 版的事件「closed」必须保留');
    expect(details).toContain('/events/1/fields/amountYuan 事件「fined」的字段「amountYuan」须保持 integer 类型');
    const listed = await bearerGet(runtime.apiUrl, '/v1/record-kinds', city);
    expect(listed.json.configured.map((c: { version: number }) => c.version)).toEqual([2]);
  });
});
