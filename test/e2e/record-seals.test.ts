/**
 * Keyed digests (seals) over stored act records, end to end through the local runtime: records a
 * department pushes are stored sealed by processing (its role derives the hour key from the
 * record-seal key in the local KMS); the hourly verification and `npm run records:verify` find
 * them intact; a record changed directly in DynamoDB is named by both, which raise the
 * `integrityBreak` security event the stack's metric filters count.
 */
import { QueryCommand, UpdateCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { casePk } from '#shared/adapters/dynamodb/case-items.ts';
import { captureOutput, type CapturedOutput } from '../support/captured-output.ts';
import { runtimeDynamoClient } from '../support/complaint-client.ts';
import { signedPost } from '../support/local-api-client.ts';
import { runOperatorCommand } from '../support/operator-command.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let output: CapturedOutput;
let documents: DynamoDBDocumentClient;
const department = 'haishu-housing';
const caseId = `SEAL-${Date.now().toString(36)}`;
const hourMs = 3_600_000;
/** The hour the records were sealed in (`YYYY-MM-DDTHH`), as stored. */
let sealHour: string;

const verify = (args: readonly string[]) =>
  runOperatorCommand('records:verify', 'infra/operations/records-verify-command.ts', 'node', ['--local', '--data-dir', started.dataDir, ...args]);

/** A scheduled run just after the hour the records were sealed in: it checks that hour. */
const fireVerificationAfter = (hour: string) => runtime.fireSchedule('verify-records', new Date(Date.parse(`${hour}:00:00Z`) + hourMs + 5 * 60_000));

/** The JSON log lines the functions wrote since the start of the file. */
const logLines = (): Record<string, unknown>[] =>
  output
    .text()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });

async function storedEvents(): Promise<Record<string, any>[]> {
  const reply = await documents.send(
    new QueryCommand({
      TableName: runtime.tables.cases,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
      ExpressionAttributeValues: { ':pk': casePk({ department, kind: 'licensing', caseId }), ':events': 'EVENT#' },
    }),
  );
  return reply.Items ?? [];
}

beforeAll(async () => {
  output = captureOutput();
  started = await startTestRuntime('seals');
  runtime = started.runtime;
  documents = DynamoDBDocumentClient.from(runtimeDynamoClient(runtime));
  const housing = runtime.credentials.find((credential) => credential.department === department) as DepartmentCredential;
  const records = [
    { kind: 'licensing', department, matterCode: 'construction-permit', caseId, sequence: 1, event: 'received', occurredAt: '2026-03-02T09:00:00+08:00' },
    { kind: 'licensing', department, matterCode: 'construction-permit', caseId, sequence: 2, event: 'accepted', occurredAt: '2026-03-02T09:30:00+08:00' },
  ];
  expect((await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), housing)).status).toBe(202);
  await runtime.idle();
}, 120_000);

afterAll(async () => {
  output?.restore();
  documents?.destroy();
  await started?.dispose();
});

describe('sealed act records, end to end', () => {
  it('stores every record processing wrote with a seal and the hour it was sealed in', async () => {
    // Act
    const events = await storedEvents();

    // Assess
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event['seal']).toMatch(/^v1\.[A-Za-z0-9_-]{43}$/);
      expect(event['sealHour']).toMatch(/^\d{4}-\d\d-\d\dT\d\d#[0-3]$/);
    }
    sealHour = String(events[0]?.['sealHour']).slice(0, 13);
    expect(Math.abs(Date.parse(`${sealHour}:00:00Z`) - Date.now())).toBeLessThan(2 * hourMs);
  });

  it('finds them intact, in the hourly verification and through npm run records:verify', async () => {
    // Act
    await fireVerificationAfter(sealHour);
    const command = await verify(['--from', sealHour, '--to', sealHour, '--json']);

    // Assess
    // One metric record from the scheduled run, one from the command's invocation of the same function.
    const verified = runtime
      .metrics()
      .filter((record) => record['service'] === 'verify-records')
      .map((record) => Number(record['RecordsVerified']));
    expect(verified).toHaveLength(2);
    expect(verified[0]).toBeGreaterThanOrEqual(2);
    expect(logLines().filter((line) => line['service'] === 'verify-records' && line['level'] !== 'INFO')).toEqual([]);
    expect(command.code, command.stderr).toBe(0);
    expect(JSON.parse(command.stdout)).toMatchObject({ hours: 1, broken: 0, brokenRecords: [], invocations: 1, records: verified[0] });
  });

  it('names a record changed directly in the table, and raises an integrity break', async () => {
    // Prepare: a stored record's date moved behind the application's back
    const [first] = await storedEvents();
    await documents.send(
      new UpdateCommand({
        TableName: runtime.tables.cases,
        Key: { pk: first?.['pk'], sk: first?.['sk'] },
        UpdateExpression: 'SET #event.occurredAt = :earlier',
        ExpressionAttributeNames: { '#event': 'event' },
        ExpressionAttributeValues: { ':earlier': '2026-02-20T09:00:00+08:00' },
      }),
    );

    // Act
    await fireVerificationAfter(sealHour);
    const command = await verify(['--from', sealHour.slice(0, 10)]);

    // Assess
    const lines = logLines();
    expect(lines).toContainEqual(
      expect.objectContaining({
        service: 'verify-records',
        message: 'record seal broken: changed outside the application',
        pk: first?.['pk'],
        sk: first?.['sk'],
        verdict: 'altered',
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        securityEvent: 'integrityBreak',
        source: 'verify-records',
        subject: 'table:cases',
        count: 1,
        firstRecord: `${first?.['pk']} ${first?.['sk']}`,
      }),
    );
    expect(command.code, command.stderr).toBe(3);
    expect(command.stdout).toContain('封印不符的记录 / Records whose seal does not match: 1');
    expect(command.stdout).toContain(`${first?.['pk']}  ${first?.['sk']}  被改动 / altered`);
    // The whole day: 24 hours asked in one request of at most 48.
    expect(command.stdout).toContain(`（${sealHour.slice(0, 10)}T00 – ${sealHour.slice(0, 10)}T23 UTC）`);
  });

  it('refuses a malformed hour in Chinese first, with exit code 2', async () => {
    // Act
    const result = await verify(['--from', '2026-03-02T25']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^参数 --from 必须是 YYYY-MM-DD 或 YYYY-MM-DDTHH（UTC）/);
  });
});
