/**
 * Exactly once, through the local runtime: the same record pushed again, or twenty times at once,
 * is stored once and raises one alert; a sequence reused for another record is refused and
 * changes nothing; a consumer killed half-way through a batch (between its transactions, or
 * between its commit and the publication of its events), and the batch delivered again, stores
 * every record once and raises no alert twice; a batch with poison
 * messages fails exactly those, and stores the rest.
 */
import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { bearerGet, signedPost, type ApiReply } from '../support/local-api-client.ts';
import { recordEnvelopeBody, recordsQueueEvent } from '../support/sqs-event.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const department = 'haishu-housing';
const matterCode = 'construction-permit';

let started: TestRuntime;
let runtime: LocalRuntime;
let housing: DepartmentCredential;
let cityToken: string;

beforeAll(async () => {
  // Twenty pushes at once must reach the function: the plan's limit has its own tests.
  started = await startTestRuntime('exactlyonce', { rateLimit: { requestsPerSecond: 1000, burst: 1000 } });
  runtime = started.runtime;
  housing = runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
  cityToken = await runtime.mintStaffToken({ subject: 'city-exactly-once', role: 'citySupervisor', jurisdiction: 'city' });
});

afterAll(async () => {
  await started?.dispose();
});

afterEach(() => {
  runtime.faults.clear();
});

let counter = 0;
const newCaseId = (label: string): string => `${label}-${Date.now().toString(36)}-${(counter += 1)}`;
/** Received and accepted in September 2025, never decided: one correction for the decision time limit. */
const overdueCase = (caseId: string) => [
  { kind: 'licensing', department, matterCode, caseId, sequence: 1, event: 'received', occurredAt: '2025-09-01T09:00:00+08:00' },
  { kind: 'licensing', department, matterCode, caseId, sequence: 2, event: 'accepted', occurredAt: '2025-09-01T10:00:00+08:00' },
];
const push = (records: unknown[]): Promise<ApiReply> => signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), housing);

/** A case as the supervisor reads it: the sequences stored (repeats kept) and the alerts raised. */
async function storedCase(caseId: string): Promise<{ sequences: number[]; alerts: string[] }> {
  const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${caseId}/timeline`, cityToken);
  if (timeline.status === 404) return { sequences: [], alerts: [] };
  expect(timeline.status, timeline.text).toBe(200);
  return {
    sequences: (timeline.json.events as { sequence: number }[]).map((event) => event.sequence),
    alerts: (timeline.json.alerts as { ruleId: string }[]).map((alert) => alert.ruleId),
  };
}

/** The alerts of a case in the supervisor's list (the list reads another index than the timeline). */
async function listedAlerts(caseId: string): Promise<number> {
  const alerts = await bearerGet(runtime.apiUrl, `/v1/alerts?department=${department}&limit=100`, cityToken);
  expect(alerts.status, alerts.text).toBe(200);
  return (alerts.json.items as { caseId: string }[]).filter((alert) => alert.caseId === caseId).length;
}

const oneCorrection = { sequences: [1, 2], alerts: ['licensing.decision-time-limit'] };

describe('a record pushed more than once', () => {
  it('stores it once and raises one alert when the department sends it again after it was processed', async () => {
    // Prepare
    const caseId = newCaseId('resent');
    const first = await push(overdueCase(caseId));
    await runtime.idle();

    // Act
    const again = await push(overdueCase(caseId));
    await runtime.idle();

    // Assess
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.json).toMatchObject({ accepted: 0, duplicates: 2, refused: 0 });
    expect(await storedCase(caseId)).toEqual(oneCorrection);
    expect(await listedAlerts(caseId)).toBe(1);
  });

  it('stores it once and raises one alert when twenty pushes of it race each other', async () => {
    // Prepare
    const caseId = newCaseId('raced');

    // Act
    const replies = await Promise.all(Array.from({ length: 20 }, () => push(overdueCase(caseId))));
    await runtime.idle();

    // Assess: every push acknowledged; whichever were first, the case holds each record once.
    expect(replies.map((reply) => reply.status)).toEqual(Array.from({ length: 20 }, () => 202));
    const verdicts = replies.flatMap((reply) => (reply.json.results as { status: string }[]).map((result) => result.status));
    expect(verdicts.filter((status) => status !== 'accepted' && status !== 'duplicate')).toEqual([]);
    expect(verdicts.filter((status) => status === 'accepted').length).toBeGreaterThanOrEqual(2);
    expect(await storedCase(caseId)).toEqual(oneCorrection);
    expect(await listedAlerts(caseId)).toBe(1);
  });
});

describe('a sequence number reused for a different record', () => {
  it('is refused with 422 naming the sequence, and the stored record and its alert stay as they were', async () => {
    // Prepare
    const caseId = newCaseId('reused');
    await push(overdueCase(caseId));
    await runtime.idle();
    const before = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${caseId}/timeline`, cityToken);
    const [received, accepted] = overdueCase(caseId);
    const changed = { ...accepted!, occurredAt: '2025-09-02T10:00:00+08:00' };

    // Act: the same key (case and sequence), another body: accepted a day later; alone, and in a batch.
    const alone = await push([changed]);
    const inBatch = await push([received, changed]);
    await runtime.idle();

    // Assess
    expect(alone.status, alone.text).toBe(422);
    expect(alone.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/records/0/sequence']);
    expect(inBatch.status).toBe(202);
    expect(inBatch.json.results.map((result: { status: string; problem?: { status: number } }) => [result.status, result.problem?.status])).toEqual([
      ['duplicate', undefined],
      ['refused', 422],
    ]);
    const after = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${caseId}/timeline`, cityToken);
    expect(after.json).toEqual(before.json);
    expect(await listedAlerts(caseId)).toBe(1);
  });
});

describe('the records consumer killed half-way through a batch', () => {
  it('stores every record once and raises each alert once when the whole batch is delivered again', async () => {
    // Prepare: 25 overdue cases, 50 messages, one batch: two transactions (100 items at most each); the sandbox dies on the second.
    const caseIds = Array.from({ length: 25 }, () => newCaseId('crashed'));
    const event = recordsQueueEvent(
      runtime.region,
      caseIds.flatMap((caseId) => overdueCase(caseId).map((record) => recordEnvelopeBody(record))),
    );
    runtime.faults.inject({
      service: 'dynamodb',
      principal: 'process-records',
      operation: 'TransactWriteItems',
      code: 'InternalServerError',
      times: 1,
      after: 1,
      crash: true,
    });

    // Act: the crashed delivery, then the redelivery after the visibility timeout, then one more.
    const crashed = await runtime.invokeFunction('process-records', event).then(
      () => 'returned',
      (error: Error) => error.message,
    );
    const beforeRedelivery = await Promise.all(caseIds.map(storedCase));
    const redelivered = (await runtime.invokeFunction('process-records', event)) as SQSBatchResponse;
    const deliveredOnceMore = (await runtime.invokeFunction('process-records', event)) as SQSBatchResponse;
    await runtime.idle();

    // Assess
    expect(crashed).toMatch(/Runtime exited with error: signal: killed/);
    expect(runtime.faults.remaining()).toBe(0);
    // The first transaction's cases were committed before the crash, the others not: the redelivery meets both.
    const committedBefore = beforeRedelivery.filter((stored) => stored.sequences.length > 0).length;
    expect(committedBefore).toBeGreaterThanOrEqual(2);
    expect(committedBefore).toBeLessThan(caseIds.length);
    expect(redelivered.batchItemFailures).toEqual([]);
    expect(deliveredOnceMore.batchItemFailures).toEqual([]);
    for (const caseId of caseIds) {
      expect(await storedCase(caseId)).toEqual(oneCorrection);
      expect(await listedAlerts(caseId)).toBe(1);
    }
  });

  it('killed between the commit and the publication of its events, raises no alert twice when the batch comes again', async () => {
    // Prepare: five overdue cases, ten messages, one batch; the sandbox dies when it publishes the alert events.
    const caseIds = Array.from({ length: 5 }, () => newCaseId('unpublished'));
    const event = recordsQueueEvent(
      runtime.region,
      caseIds.flatMap((caseId) => overdueCase(caseId).map((record) => recordEnvelopeBody(record))),
    );
    runtime.faults.inject({ service: 'events', principal: 'process-records', operation: 'PutEvents', code: 'InternalException', times: 1, crash: true });

    // Act
    const crashed = await runtime.invokeFunction('process-records', event).then(
      () => 'returned',
      (error: Error) => error.message,
    );
    const beforeRedelivery = await Promise.all(caseIds.map(storedCase));
    const redelivered = (await runtime.invokeFunction('process-records', event)) as SQSBatchResponse;
    await runtime.idle();

    // Assess: everything was committed before the crash; the redelivery finds it so and changes nothing.
    expect(crashed).toMatch(/Runtime exited with error: signal: killed/);
    expect(runtime.faults.remaining()).toBe(0);
    expect(beforeRedelivery).toEqual(caseIds.map(() => oneCorrection));
    expect(redelivered.batchItemFailures).toEqual([]);
    for (const caseId of caseIds) {
      expect(await storedCase(caseId)).toEqual(oneCorrection);
      expect(await listedAlerts(caseId)).toBe(1);
    }
  });
});

describe('a batch with poison messages', () => {
  it('fails exactly the three poison messages of ten and stores the seven others once', async () => {
    // Prepare: seven records of four cases, and three messages no consumer can read.
    const caseIds = Array.from({ length: 4 }, () => newCaseId('poisoned'));
    const good = caseIds
      .flatMap((caseId) => overdueCase(caseId))
      .slice(0, 7)
      .map((record) => recordEnvelopeBody(record));
    const poison = [
      '{"v":1',
      JSON.stringify({ v: 1, receivedAt: new Date().toISOString(), contentHash: 'x', record: { kind: 'no-such-kind' } }),
      'not json at all',
    ];
    const event = recordsQueueEvent(runtime.region, [good[0]!, poison[0]!, ...good.slice(1, 4), poison[1]!, ...good.slice(4), poison[2]!]);
    const poisonIds = event.Records.filter((message) => poison.includes(message.body)).map((message) => message.messageId);

    // Act
    const reply = (await runtime.invokeFunction('process-records', event)) as SQSBatchResponse;
    await runtime.idle();

    // Assess
    expect(reply.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual([...poisonIds].sort());
    const stored = await Promise.all(caseIds.map(storedCase));
    expect(stored.map((one) => one.sequences)).toEqual([[1, 2], [1, 2], [1, 2], [1]]);
  });
});
