/**
 * Bad and hostile input on every complaint endpoint, through the local HTTP API: a 4xx problem
 * body naming what is wrong, never a 5xx, and the oversight table exactly as it was.
 */
import fc from 'fast-check';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { callComplaintApi, daysAhead, runtimeDynamoClient, type ComplaintCallOptions, type ComplaintReply } from '../support/complaint-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { e2eComplainants } from '../support/e2e-complainants.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let dynamo: DynamoDBClient;
let supervisor: string;
let otherSupervisor: string;
let liaison: string;
/** Awaiting decision, version 1. */
let pending: { receiptNumber: string; queryToken: string };
/** Not accepted, with its decision notice, version 2. */
let decided: { receiptNumber: string; queryToken: string };

const person = e2eComplainants.hostileInput;
const validFiling = { department: 'haishu-housing', category: 'delay', content: '正常的投诉内容。', realName: true, complainant: person };

const call = (method: string, path: string, options?: ComplaintCallOptions): Promise<ComplaintReply> => callComplaintApi(runtime.apiUrl, method, path, options);

async function tableSnapshot(): Promise<string> {
  const items: unknown[] = [];
  let start: Record<string, any> | undefined;
  do {
    // A Scan is fine here: the test checks the whole table, which no request path ever does.
    const page = await dynamo.send(
      new ScanCommand({ TableName: runtime.tables.oversight, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return JSON.stringify(items.map((item) => JSON.stringify(item)).sort());
}

beforeAll(async () => {
  started = await startTestRuntime('complainthostile');
  runtime = started.runtime;
  dynamo = runtimeDynamoClient(runtime);
  supervisor = await runtime.mintStaffToken({ subject: 'haishu-sup', role: 'districtSupervisor', jurisdiction: 'haishu' });
  otherSupervisor = await runtime.mintStaffToken({ subject: 'yinzhou-sup', role: 'districtSupervisor', jurisdiction: 'yinzhou' });
  liaison = await runtime.mintStaffToken({
    subject: 'housing-l',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-housing',
    secondFactor: false,
  });
  pending = (await call('POST', '/v1/public/complaints', { body: validFiling })).json;
  decided = (await call('POST', '/v1/public/complaints', { body: validFiling })).json;
  const decision = await call('POST', `/v1/complaints/${decided.receiptNumber}/decision`, {
    bearer: supervisor,
    body: { expectedVersion: 1, accepted: false, reasons: '不属于受理范围。' },
  });
  expect(decision.status).toBe(200);
});

afterAll(async () => {
  dynamo?.destroy();
  await started?.dispose();
});

interface BadRequest {
  readonly name: string;
  readonly method: string;
  readonly path: () => string;
  readonly options: () => ComplaintCallOptions;
  readonly status: number;
  /** A pointer the problem must name, when the refusal is about a field. */
  readonly pointer?: string;
  /** Refused by the gateway (role not allowed on the route): its body is not a problem document. */
  readonly gateway?: boolean;
}

const p =
  (receipt: () => string, suffix = '') =>
  () =>
    `/v1/public/complaints/${receipt()}${suffix}`;
const s =
  (receipt: () => string, suffix = '') =>
  () =>
    `/v1/complaints/${receipt()}${suffix}`;
const pendingNumber = () => pending.receiptNumber;
const decidedNumber = () => decided.receiptNumber;

const badRequests: BadRequest[] = [
  // POST /v1/public/complaints
  {
    name: 'intake: not JSON media type',
    method: 'POST',
    path: () => '/v1/public/complaints',
    options: () => ({ rawBody: 'hello', contentType: 'text/plain' }),
    status: 415,
  },
  {
    name: 'intake: body over 16 KiB',
    method: 'POST',
    path: () => '/v1/public/complaints',
    options: () => ({ body: { ...validFiling, content: '投'.repeat(6000) } }),
    status: 413,
  },
  { name: 'intake: malformed JSON', method: 'POST', path: () => '/v1/public/complaints', options: () => ({ rawBody: '{"realName": tru' }), status: 400 },
  {
    name: 'intake: server-owned field',
    method: 'POST',
    path: () => '/v1/public/complaints',
    options: () => ({ body: { ...validFiling, stage: 'concluded' } }),
    status: 400,
    pointer: '/stage',
  },
  {
    name: 'intake: real-name without complainant',
    method: 'POST',
    path: () => '/v1/public/complaints',
    options: () => ({ body: { ...validFiling, complainant: undefined } }),
    status: 400,
    pointer: '/complainant',
  },
  {
    name: 'intake: anonymous with personal data',
    method: 'POST',
    path: () => '/v1/public/complaints',
    options: () => ({ body: { ...validFiling, realName: false } }),
    status: 400,
    pointer: '/complainant',
  },
  {
    name: 'intake: wrong ID check character',
    method: 'POST',
    path: () => '/v1/public/complaints',
    options: () => ({
      body: { ...validFiling, complainant: { ...person, idNumber: `${person.idNumber.slice(0, 17)}${person.idNumber[17] === '1' ? '2' : '1'}` } },
    }),
    status: 400,
    pointer: '/complainant/idNumber',
  },
  {
    name: 'intake: not a phone number',
    method: 'POST',
    path: () => '/v1/public/complaints',
    options: () => ({ body: { ...validFiling, complainant: { ...person, phone: '12345' } } }),
    status: 400,
    pointer: '/complainant/phone',
  },
  {
    name: 'intake: content too long',
    method: 'POST',
    path: () => '/v1/public/complaints',
    options: () => ({ body: { ...validFiling, content: 'a'.repeat(5001) } }),
    status: 400,
    pointer: '/content',
  },
  {
    name: 'intake: both department and jurisdiction',
    method: 'POST',
    path: () => '/v1/public/complaints',
    options: () => ({ body: { ...validFiling, jurisdiction: 'haishu' } }),
    status: 400,
    pointer: '/department',
  },
  {
    name: 'intake: unknown department',
    method: 'POST',
    path: () => '/v1/public/complaints',
    options: () => ({ body: { ...validFiling, department: 'no-such-department' } }),
    status: 400,
    pointer: '/department',
  },
  {
    name: 'intake: control characters in the name',
    method: 'POST',
    path: () => '/v1/public/complaints',
    options: () => ({ body: { ...validFiling, complainant: { ...person, name: '张\u0000三' } } }),
    status: 400,
    pointer: '/complainant/name',
  },
  {
    name: 'intake: unknown category',
    method: 'POST',
    path: () => '/v1/public/complaints',
    options: () => ({ body: { ...validFiling, category: '__proto__' } }),
    status: 400,
    pointer: '/category',
  },
  // GET status, notice
  { name: 'status: wrong token', method: 'GET', path: p(pendingNumber), options: () => ({ queryToken: decided.queryToken }), status: 404 },
  {
    name: 'status: malformed receipt number',
    method: 'GET',
    path: () => '/v1/public/complaints/..%2F..%2Fetc',
    options: () => ({ queryToken: pending.queryToken }),
    status: 404,
  },
  {
    name: 'public notice: unknown kind',
    method: 'GET',
    path: p(decidedNumber, '/notices/other'),
    options: () => ({ queryToken: decided.queryToken }),
    status: 400,
    pointer: '/path/notice',
  },
  {
    name: 'public notice: not produced',
    method: 'GET',
    path: p(decidedNumber, '/notices/result'),
    options: () => ({ queryToken: decided.queryToken }),
    status: 404,
  },
  // rating, reopening
  {
    name: 'rating: score out of range',
    method: 'POST',
    path: p(decidedNumber, '/rating'),
    options: () => ({ queryToken: decided.queryToken, body: { score: 6 } }),
    status: 400,
    pointer: '/score',
  },
  {
    name: 'rating: fractional score',
    method: 'POST',
    path: p(decidedNumber, '/rating'),
    options: () => ({ queryToken: decided.queryToken, body: { score: 1.5 } }),
    status: 400,
    pointer: '/score',
  },
  {
    name: 'rating: not finished',
    method: 'POST',
    path: p(pendingNumber, '/rating'),
    options: () => ({ queryToken: pending.queryToken, body: { score: 3 } }),
    status: 409,
  },
  { name: 'rating: no token', method: 'POST', path: p(decidedNumber, '/rating'), options: () => ({ body: { score: 3 } }), status: 404 },
  {
    name: 'reopening: empty content',
    method: 'POST',
    path: p(decidedNumber, '/reopening'),
    options: () => ({ queryToken: decided.queryToken, body: { content: '   ' } }),
    status: 400,
    pointer: '/content',
  },
  {
    name: 'reopening: not finished',
    method: 'POST',
    path: p(pendingNumber, '/reopening'),
    options: () => ({ queryToken: pending.queryToken, body: { content: '重新投诉' } }),
    status: 409,
  },
  // GET /v1/complaints
  {
    name: 'queue: unknown queue',
    method: 'GET',
    path: () => '/v1/complaints?queue=everything',
    options: () => ({ bearer: supervisor }),
    status: 400,
    pointer: '/query/queue',
  },
  {
    name: 'queue: limit not a number',
    method: 'GET',
    path: () => '/v1/complaints?limit=abc',
    options: () => ({ bearer: supervisor }),
    status: 400,
    pointer: '/query/limit',
  },
  {
    name: 'queue: forged cursor',
    method: 'GET',
    path: () => '/v1/complaints?cursor=eyJwayI6IngifQ',
    options: () => ({ bearer: supervisor }),
    status: 400,
    pointer: '/query/cursor',
  },
  { name: 'queue: another district', method: 'GET', path: () => '/v1/complaints?jurisdiction=yinzhou', options: () => ({ bearer: supervisor }), status: 403 },
  {
    name: 'queue: unknown parameter',
    method: 'GET',
    path: () => '/v1/complaints?all=true',
    options: () => ({ bearer: supervisor }),
    status: 400,
    pointer: '/query/all',
  },
  // GET /v1/complaints/{receiptNumber}
  {
    name: 'detail: malformed receipt number',
    method: 'GET',
    path: () => '/v1/complaints/TS-1',
    options: () => ({ bearer: supervisor }),
    status: 400,
    pointer: '/path/receiptNumber',
  },
  { name: 'detail: another district', method: 'GET', path: s(pendingNumber), options: () => ({ bearer: otherSupervisor }), status: 404 },
  // decision
  {
    name: 'decision: no expectedVersion',
    method: 'POST',
    path: s(pendingNumber, '/decision'),
    options: () => ({ bearer: supervisor, body: { accepted: false, reasons: '理由' } }),
    status: 400,
    pointer: '/expectedVersion',
  },
  {
    name: 'decision: not accepted without reasons',
    method: 'POST',
    path: s(pendingNumber, '/decision'),
    options: () => ({ bearer: supervisor, body: { expectedVersion: 1, accepted: false } }),
    status: 400,
    pointer: '/reasons',
  },
  {
    name: 'decision: unknown department',
    method: 'POST',
    path: s(pendingNumber, '/decision'),
    options: () => ({
      bearer: supervisor,
      body: { expectedVersion: 1, accepted: true, handling: { by: 'department', department: 'nowhere-office', deadline: daysAhead(10) } },
    }),
    status: 400,
    pointer: '/handling/department',
  },
  {
    name: 'decision: impossible date',
    method: 'POST',
    path: s(pendingNumber, '/decision'),
    options: () => ({ bearer: supervisor, body: { expectedVersion: 1, accepted: true, handling: { by: 'supervisor', deadline: '2027-02-30' } } }),
    status: 400,
    pointer: '/handling/deadline',
  },
  {
    name: 'decision: deadline in the past',
    method: 'POST',
    path: s(pendingNumber, '/decision'),
    options: () => ({ bearer: supervisor, body: { expectedVersion: 1, accepted: true, handling: { by: 'supervisor', deadline: '2026-01-05' } } }),
    status: 400,
    pointer: '/handling/deadline',
  },
  {
    name: 'decision: department of another district',
    method: 'POST',
    path: s(pendingNumber, '/decision'),
    options: () => ({
      bearer: supervisor,
      body: { expectedVersion: 1, accepted: true, handling: { by: 'department', department: 'yinzhou-natural-resources', deadline: daysAhead(10) } },
    }),
    status: 403,
    pointer: '/handling/department',
  },
  {
    name: 'decision: stale version',
    method: 'POST',
    path: s(pendingNumber, '/decision'),
    options: () => ({ bearer: supervisor, body: { expectedVersion: 7, accepted: false, reasons: '理由' } }),
    status: 409,
  },
  {
    name: 'decision: reasons the notice cannot print',
    method: 'POST',
    path: s(pendingNumber, '/decision'),
    options: () => ({ bearer: supervisor, body: { expectedVersion: 1, accepted: false, reasons: '理由 \u{1F4A9}' } }),
    status: 422,
    pointer: '/reasons',
  },
  {
    name: 'decision: liaison',
    method: 'POST',
    path: s(pendingNumber, '/decision'),
    options: () => ({ bearer: liaison, body: { expectedVersion: 1, accepted: false, reasons: '理由' } }),
    status: 403,
    gateway: true,
  },
  {
    name: 'decision: already decided',
    method: 'POST',
    path: s(decidedNumber, '/decision'),
    options: () => ({ bearer: supervisor, body: { expectedVersion: 2, accepted: false, reasons: '理由' } }),
    status: 409,
  },
  // result, review
  {
    name: 'result: malformed digest',
    method: 'POST',
    path: s(pendingNumber, '/result'),
    options: () => ({ bearer: supervisor, body: { expectedVersion: 1, summary: '结果', evidence: [{ title: '报告', sha256: 'xyz', reference: 'R-1' }] } }),
    status: 400,
    pointer: '/evidence/0/sha256',
  },
  {
    name: 'result: too much evidence',
    method: 'POST',
    path: s(pendingNumber, '/result'),
    options: () => ({
      bearer: supervisor,
      body: { expectedVersion: 1, summary: '结果', evidence: Array.from({ length: 21 }, () => ({ title: '报告', sha256: 'a'.repeat(64), reference: 'R' })) },
    }),
    status: 400,
    pointer: '/evidence',
  },
  {
    name: 'result: not in handling',
    method: 'POST',
    path: s(pendingNumber, '/result'),
    options: () => ({ bearer: supervisor, body: { expectedVersion: 1, summary: '结果', evidence: [] } }),
    status: 409,
  },
  {
    name: 'review: unknown verdict',
    method: 'POST',
    path: s(pendingNumber, '/review'),
    options: () => ({ bearer: supervisor, body: { expectedVersion: 1, verdict: 'maybe' } }),
    status: 400,
    pointer: '/verdict',
  },
  {
    name: 'review: send back without deadline',
    method: 'POST',
    path: s(pendingNumber, '/review'),
    options: () => ({ bearer: supervisor, body: { expectedVersion: 1, verdict: 'sendBack', reasons: '不充分' } }),
    status: 400,
    pointer: '/deadline',
  },
  {
    name: 'review: nothing to review',
    method: 'POST',
    path: s(pendingNumber, '/review'),
    options: () => ({ bearer: supervisor, body: { expectedVersion: 1, verdict: 'accept' } }),
    status: 409,
  },
  // identity
  {
    name: 'identity: purpose too short',
    method: 'POST',
    path: s(pendingNumber, '/identity'),
    options: () => ({ bearer: supervisor, body: { purpose: '看' } }),
    status: 400,
    pointer: '/purpose',
  },
  {
    name: 'identity: no purpose',
    method: 'POST',
    path: s(pendingNumber, '/identity'),
    options: () => ({ bearer: supervisor, body: {} }),
    status: 400,
    pointer: '/purpose',
  },
  {
    name: 'identity: liaison',
    method: 'POST',
    path: s(pendingNumber, '/identity'),
    options: () => ({ bearer: liaison, body: { purpose: '核实投诉人身份' } }),
    status: 403,
    gateway: true,
  },
  // notices, deliveries
  {
    name: 'notice: unknown kind',
    method: 'GET',
    path: s(decidedNumber, '/notices/summons'),
    options: () => ({ bearer: supervisor }),
    status: 400,
    pointer: '/path/notice',
  },
  { name: 'notice: not produced', method: 'GET', path: s(decidedNumber, '/notices/result'), options: () => ({ bearer: supervisor }), status: 404 },
  {
    name: 'delivery: unknown channel',
    method: 'POST',
    path: s(decidedNumber, '/notices/decision/deliveries'),
    options: () => ({ bearer: supervisor, body: { expectedVersion: 2, channel: 'pigeon', deliveredAt: new Date().toISOString() } }),
    status: 400,
    pointer: '/channel',
  },
  {
    name: 'delivery: not an instant',
    method: 'POST',
    path: s(decidedNumber, '/notices/decision/deliveries'),
    options: () => ({ bearer: supervisor, body: { expectedVersion: 2, channel: 'post', deliveredAt: 'yesterday' } }),
    status: 400,
    pointer: '/deliveredAt',
  },
  {
    name: 'delivery: in the future',
    method: 'POST',
    path: s(decidedNumber, '/notices/decision/deliveries'),
    options: () => ({ bearer: supervisor, body: { expectedVersion: 2, channel: 'post', deliveredAt: new Date(Date.now() + 86_400_000).toISOString() } }),
    status: 400,
    pointer: '/deliveredAt',
  },
  {
    name: 'delivery: stale version',
    method: 'POST',
    path: s(decidedNumber, '/notices/decision/deliveries'),
    options: () => ({ bearer: supervisor, body: { expectedVersion: 1, channel: 'post', deliveredAt: new Date().toISOString() } }),
    status: 409,
  },
  // searches
  {
    name: 'search: both fields',
    method: 'POST',
    path: () => '/v1/complaint-searches',
    options: () => ({ bearer: supervisor, body: { phone: person.phone, idNumber: person.idNumber } }),
    status: 400,
    pointer: '/idNumber',
  },
  {
    name: 'search: neither field',
    method: 'POST',
    path: () => '/v1/complaint-searches',
    options: () => ({ bearer: supervisor, body: {} }),
    status: 400,
    pointer: '/idNumber',
  },
  {
    name: 'search: invalid phone',
    method: 'POST',
    path: () => '/v1/complaint-searches',
    options: () => ({ bearer: supervisor, body: { phone: '+1 555 0100' } }),
    status: 400,
    pointer: '/phone',
  },
  {
    name: 'search: liaison',
    method: 'POST',
    path: () => '/v1/complaint-searches',
    options: () => ({ bearer: liaison, body: { phone: person.phone } }),
    status: 403,
    gateway: true,
  },
];

describe('bad input on every complaint endpoint', () => {
  it('is refused with the expected 4xx problem naming the field, and stores nothing', async () => {
    const before = await tableSnapshot();

    const outcomes: string[] = [];
    for (const bad of badRequests) {
      const reply = await call(bad.method, bad.path(), bad.options());
      const problem = bad.gateway ? true : typeof reply.json?.type === 'string' && reply.json?.status === reply.status && typeof reply.json?.title === 'string';
      const pointers: string[] = (reply.json?.errors ?? []).map((e: { pointer: string }) => e.pointer);
      const named = bad.pointer === undefined || pointers.includes(bad.pointer);
      if (reply.status !== bad.status || !problem || !named) outcomes.push(`${bad.name}: ${reply.status} ${JSON.stringify(reply.json)}`);
    }

    expect(outcomes).toEqual([]);
    expect(await tableSnapshot()).toBe(before);
  });

  it('covers every complaint route of the topology', async () => {
    const { routes } = await import('#shared/topology.ts');
    const complaintRoutes = routes
      .filter((r) => /^\/v1\/(public\/complaints|complaints|complaint-searches)(\/|$)/.test(r.path))
      .map((r) => `${r.method} ${r.path}`);
    const covered = new Set(
      badRequests.map((bad) => {
        const path = bad.path().split('?')[0]!;
        const route = complaintRoutes.find((candidate) => {
          const [method, template] = candidate.split(' ');
          const pattern = new RegExp(`^${template!.replace(/\{[^}]+\}/g, '[^/]+')}$`);
          return method === bad.method && pattern.test(path);
        });
        return route;
      }),
    );
    expect(complaintRoutes.filter((route) => !covered.has(route))).toEqual([]);
  });
});

describe('hostile input', () => {
  const json = fc.jsonValue({ maxDepth: 3 });
  const hostileFiling = fc.record(
    {
      department: fc.oneof(fc.constant('haishu-housing'), fc.string({ maxLength: 80 })),
      jurisdiction: fc.oneof(fc.constant('haishu'), fc.string()),
      category: fc.oneof(fc.constantFrom('delay', 'other', 'constructor'), fc.string()),
      content: fc.oneof(fc.string({ maxLength: 300 }), fc.constant('\u0000'), json),
      realName: fc.oneof(fc.boolean(), json),
      complainant: fc.oneof(json, fc.record({ name: fc.string(), phone: fc.string(), idNumber: fc.string() }, { requiredKeys: [] })),
      identityDisclosureConsent: json,
      __proto__: json,
    },
    { requiredKeys: [] },
  );

  it('answers random filings with 201 or a 4xx problem, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(json, hostileFiling), async (body) => {
        const reply = await call('POST', '/v1/public/complaints', { body });
        expect(reply.status, JSON.stringify(reply.json)).toBeLessThan(500);
        if (reply.status !== 201) expect(reply.json?.title).toEqual(expect.any(String));
      }),
      { numRuns: 120 },
    );
  });

  it('answers random decisions and results with a 4xx problem, never a 5xx, storing nothing', async () => {
    const before = await tableSnapshot();
    const hostileStep = fc.record(
      {
        expectedVersion: fc.oneof(fc.integer(), fc.double(), fc.string()),
        accepted: fc.oneof(fc.boolean(), json),
        reasons: fc.oneof(fc.string({ maxLength: 3000 }), json),
        handling: fc.oneof(
          json,
          fc.record({ by: fc.constantFrom('supervisor', 'department', 'nobody'), department: fc.string(), deadline: fc.string() }, { requiredKeys: [] }),
        ),
        summary: json,
        evidence: json,
      },
      { requiredKeys: [] },
    );

    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/decision', '/result', '/review', '/identity'), fc.oneof(json, hostileStep), async (step, body) => {
        const reply = await call('POST', `/v1/complaints/${decided.receiptNumber}${step}`, { bearer: supervisor, body });
        expect(reply.status, JSON.stringify(reply.json)).toBeLessThan(500);
        if (step !== '/identity' || reply.status !== 200) expect(reply.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 120 },
    );

    expect(await tableSnapshot()).toBe(before);
  });
});
