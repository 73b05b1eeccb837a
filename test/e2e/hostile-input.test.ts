/**
 * Hostile and random input through the local HTTP API: only 4xx answers, never a 5xx, nothing
 * stored; a department above its rate gets 429 before any handler runs; and nothing secret or
 * personal reaches the logs.
 */
import fc from 'fast-check';
import { DynamoDBClient, QueryCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { captureOutput, type CapturedOutput } from '../support/captured-output.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { casePk, receiptPk } from '#shared/adapters/dynamodb/case-items.ts';
import { bearerGet, signedPost } from '../support/local-api-client.ts';

let runtime: LocalRuntime;
let started: TestRuntime;
let housing: DepartmentCredential;
let token: string;
let output: CapturedOutput;

beforeAll(async () => {
  // Everything the runtime and the handlers print during this file is kept for the log check.
  output = captureOutput();
  started = await startTestRuntime('hostile', { rateLimit: { requestsPerSecond: 5, burst: 400 } });
  runtime = started.runtime;
  housing = runtime.credentials.find((c) => c.department === 'haishu-housing') as DepartmentCredential;
  token = await runtime.mintStaffToken({ subject: 'city-fuzz', role: 'citySupervisor', jurisdiction: 'city' });
});

afterAll(async () => {
  output?.restore();
  await started?.dispose();
});

const json = fc.jsonValue({ maxDepth: 4 });
const hostileRecord = fc.oneof(
  json,
  fc.record(
    {
      kind: fc.oneof(fc.constant('licensing'), fc.string()),
      department: fc.oneof(fc.constant('haishu-housing'), fc.string()),
      matterCode: fc.oneof(fc.constant('construction-permit'), fc.string(), fc.constant('../../etc/passwd')),
      caseId: fc.oneof(fc.constant("x' OR 1=1 --"), fc.string({ maxLength: 300 }), fc.constant('FUZZ#1')),
      sequence: fc.oneof(fc.integer(), fc.double(), fc.string()),
      event: fc.oneof(fc.constantFrom('received', 'accepted', 'decided', 'suspended', '__proto__'), fc.string()),
      occurredAt: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string(),
        fc.constant('9999-12-31T23:59:59Z'),
      ),
      __proto__: json,
      constructor: json,
    },
    { requiredKeys: [] },
  ),
);

/**
 * How many items the cases table holds once the queue is drained (records, receipts, alerts),
 * besides the departments' connection-health counters: a refused batch is counted there by
 * refusal class (docs/operations.md, "Connection health"), never with anything it carried.
 */
async function storedItemCount(): Promise<number> {
  await runtime.idle();
  const client = new DynamoDBClient({
    endpoint: runtime.dynamoEndpoint,
    region: runtime.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  let count = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: runtime.tables.cases,
        Select: 'COUNT',
        FilterExpression: 'NOT begins_with(pk, :feed)',
        ExpressionAttributeValues: { ':feed': { S: 'FEED#' } },
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return count;
}

describe('hostile input', () => {
  it('answers random and hostile batches with 202 or a 4xx problem, never a 5xx, and stores nothing it refuses', async () => {
    // Bodies: JSON values, batches of hostile records, and text that is not JSON at all.
    const bodies = fc.oneof(
      json.map((value) => JSON.stringify(value)),
      fc.record({ records: fc.array(hostileRecord, { maxLength: 5 }) }).map((value) => JSON.stringify(value)),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const before = await storedItemCount();
        const reply = await signedPost(runtime.apiUrl, '/v1/records', body, housing);
        expect(reply.status, reply.text).toBeLessThan(500);
        if (reply.status !== 202) {
          expect(reply.json?.title ?? reply.json?.message).toEqual(expect.any(String));
          expect(await storedItemCount()).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
    await runtime.idle();
  });

  it.each([
    ['receivedAt', '2026-03-02T09:30:00+08:00'],
    ['contentHash', 'a'.repeat(64)],
    ['v', 2],
  ])('refuses a record carrying the server-owned field %s with 400 naming it, and stores nothing', async (field, value) => {
    // Prepare
    const caseId = `MASS-${field}-${Date.now().toString(36)}`;
    const before = await storedItemCount();

    // Act
    const reply = await signedPost(
      runtime.apiUrl,
      '/v1/records',
      JSON.stringify({
        records: [
          {
            kind: 'licensing',
            department: 'haishu-housing',
            matterCode: 'construction-permit',
            caseId,
            sequence: 1,
            event: 'received',
            occurredAt: '2026-03-02T09:00:00+08:00',
            [field]: value,
          },
        ],
      }),
      housing,
    );

    // Assess
    expect(reply.status, reply.text).toBe(400);
    expect(reply.json.errors.map((error: { pointer: string }) => error.pointer)).toContain(`/records/0/${field}`);
    expect(await storedItemCount()).toBe(before);
  });

  it('stores nothing from a refused batch', async () => {
    const reply = await signedPost(
      runtime.apiUrl,
      '/v1/records',
      JSON.stringify({
        records: [{ kind: 'licensing', department: 'haishu-housing', caseId: 'FUZZ-REFUSED', sequence: 1, event: 'received', occurredAt: 'now' }],
      }),
      housing,
    );
    expect(reply.status).toBe(400);
    await runtime.idle();
    const client = new DynamoDBClient({
      endpoint: runtime.dynamoEndpoint,
      region: runtime.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const key = { department: 'haishu-housing', kind: 'licensing', caseId: 'FUZZ-REFUSED' };
    for (const pk of [casePk(key), receiptPk(key)]) {
      const found = await client.send(
        new QueryCommand({ TableName: runtime.tables.cases, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: pk } } }),
      );
      expect(found.Items).toEqual([]);
    }
    client.destroy();
  });

  it('refuses a batch of more than 100 records with 400 naming the batch, and stores none of them', async () => {
    // Prepare
    const caseId = `LIMIT-${Date.now().toString(36)}`;
    const records = Array.from({ length: 101 }, (_, i) => ({
      kind: 'licensing',
      department: 'haishu-housing',
      matterCode: 'construction-permit',
      caseId: `${caseId}-${i}`,
      sequence: 1,
      event: 'received',
      occurredAt: '2026-03-02T09:00:00+08:00',
    }));
    const before = await storedItemCount();

    // Act
    const reply = await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), housing);

    // Assess
    expect(reply.status, reply.text).toBe(400);
    expect(reply.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/records']);
    expect(await storedItemCount()).toBe(before);
  });

  it('serves at most 100 alerts a page however many are asked for, with a cursor to the rest', async () => {
    // Prepare: 101 overdue cases, one correction each.
    const run = Date.now().toString(36);
    const cases = Array.from({ length: 101 }, (_, i) => `PAGE-${run}-${i}`).flatMap((caseId) => [
      {
        kind: 'licensing',
        department: 'haishu-housing',
        matterCode: 'construction-permit',
        caseId,
        sequence: 1,
        event: 'received',
        occurredAt: '2025-09-01T09:00:00+08:00',
      },
      {
        kind: 'licensing',
        department: 'haishu-housing',
        matterCode: 'construction-permit',
        caseId,
        sequence: 2,
        event: 'accepted',
        occurredAt: '2025-09-01T10:00:00+08:00',
      },
    ]);
    for (let start = 0; start < cases.length; start += 100) {
      expect((await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records: cases.slice(start, start + 100) }), housing)).status).toBe(202);
    }
    await runtime.idle();

    // Act
    const page = await bearerGet(runtime.apiUrl, '/v1/alerts?department=haishu-housing&limit=10000', token);
    const rest = await bearerGet(runtime.apiUrl, `/v1/alerts?department=haishu-housing&limit=10000&cursor=${page.json.nextCursor}`, token);

    // Assess
    expect(page.status, page.text).toBe(200);
    expect(page.json.items).toHaveLength(100);
    expect(rest.status, rest.text).toBe(200);
    expect(rest.json.items.length).toBeGreaterThanOrEqual(1);
  });

  it('answers random console queries with a 4xx or 200, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('department', 'level', 'status', 'limit', 'cursor', 'x'), fc.string()), async (query) => {
        const reply = await bearerGet(runtime.apiUrl, `/v1/alerts?${new URLSearchParams(query)}`, token);
        expect(reply.status, reply.text).toBeLessThan(500);
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 100) },
    );
    const path = await bearerGet(runtime.apiUrl, `/v1/cases/${encodeURIComponent('Haishu Housing')}/licensing/${encodeURIComponent('#!')}/timeline`, token);
    expect(path.status).toBe(400);
  });

  it('answers 429 above the department rate without reaching the handler', async () => {
    const body = JSON.stringify({ records: [] });
    const replies = await Promise.all(Array.from({ length: 450 }, () => signedPost(runtime.apiUrl, '/v1/records', body, housing)));
    const statuses = new Set(replies.map((r) => r.status));
    expect(statuses.has(429)).toBe(true);
    expect([...statuses].every((s) => s === 400 || s === 429)).toBe(true);
  });

  it("refuses a signed batch without its department's API key, or with a made-up one, with 403 Forbidden and stores nothing", async () => {
    // Prepare
    const caseId = 'NO-API-KEY';
    const body = JSON.stringify({
      records: [
        {
          kind: 'licensing',
          department: 'haishu-housing',
          matterCode: 'construction-permit',
          caseId,
          sequence: 1,
          event: 'received',
          occurredAt: '2025-09-01T09:00:00+08:00',
        },
      ],
    });
    const { apiKey: _apiKey, ...withoutKey } = housing;

    // Act
    const replies = [
      await signedPost(runtime.apiUrl, '/v1/records', body, withoutKey),
      await signedPost(runtime.apiUrl, '/v1/records', body, { ...withoutKey, apiKey: 'A'.repeat(40) }),
    ];
    await runtime.idle();

    // Assess
    expect(replies.map((reply) => [reply.status, reply.json])).toEqual([
      [403, expect.objectContaining({ title: 'Forbidden', code: 'INVALID_API_KEY' })],
      [403, expect.objectContaining({ title: 'Forbidden', code: 'INVALID_API_KEY' })],
    ]);
    const client = new DynamoDBClient({
      endpoint: runtime.dynamoEndpoint,
      region: runtime.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const found = await client.send(
      new QueryCommand({
        TableName: runtime.tables.cases,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: receiptPk({ department: 'haishu-housing', kind: 'licensing', caseId }) } },
      }),
    );
    expect(found.Items).toEqual([]);
    client.destroy();
  });

  it('keeps tokens, secrets and personal data out of the logs', async () => {
    // A record carrying an ID number and a phone number in a free-text field is refused, and the
    // refusal must not carry them into any log line.
    await signedPost(
      runtime.apiUrl,
      '/v1/records',
      JSON.stringify({
        records: [
          {
            kind: 'licensing',
            department: 'haishu-housing',
            matterCode: 'construction-permit',
            caseId: 'PII-1',
            sequence: 1,
            event: 'extended',
            additionalWorkingDays: 3,
            approvedBy: '张三 330203199001011234 13812345678',
            occurredAt: '2025-09-01T09:00:00+08:00',
            note: 'x',
          },
        ],
      }),
      housing,
    );
    await bearerGet(runtime.apiUrl, '/v1/alerts', token);
    await runtime.idle();
    const text = output.text();
    expect(text).not.toContain(token);
    expect(text).not.toContain(housing.secretAccessKey);
    expect(text).not.toContain(housing.apiKey);
    expect(text).not.toMatch(/\d{17}[\dXx]/); // resident ID number
    expect(text).not.toMatch(/1[3-9]\d{9}/); // mobile phone number
    expect(text).not.toContain('张三');
  });
});
