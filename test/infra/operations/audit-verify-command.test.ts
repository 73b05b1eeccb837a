/**
 * `npm run audit:verify` against a running local runtime: it reads each day's entries as an
 * operator (through the IAM-enforcing endpoint) and names an entry changed outside the
 * application.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import { runtimeDynamoClient } from '../../support/complaint-client.ts';
import { signedPost } from '../../support/local-api-client.ts';
import { runOperatorCommand } from '../../support/operator-command.ts';
import { startTestRuntime, type TestRuntime } from '../../support/test-runtime.ts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let started: TestRuntime;
const today = new Date().toISOString().slice(0, 10);
const run = (args: readonly string[]) => runOperatorCommand('audit:verify', 'infra/operations/audit-verify-command.ts', 'node', args);

beforeAll(async () => {
  started = await startTestRuntime('auditverify');
  // An audited refusal: a department pushing a record of another department.
  const housing = started.runtime.credentials.find((c) => c.department === 'haishu-housing') as DepartmentCredential;
  const foreign = { kind: 'licensing', department: 'yinzhou-market-regulation', matterCode: 'food-business-licence', caseId: 'AUDIT-1', sequence: 1, event: 'received', occurredAt: '2025-09-01T09:00:00+08:00' };
  const refused = await signedPost(started.runtime.apiUrl, '/v1/records', JSON.stringify({ records: [foreign] }), housing);
  expect(refused.status).toBe(403);
}, 60_000);

afterAll(async () => {
  await started?.dispose();
});

describe('npm run audit:verify', () => {
  it("finds today's entries intact, then names the one changed behind the application's back", async () => {
    // Act
    const intact = await run(['--local', '--data-dir', started.dataDir, '--from', today, '--json']);
    const documents = DynamoDBDocumentClient.from(runtimeDynamoClient(started.runtime));
    const { Items: items = [] } = await documents.send(
      new QueryCommand({ TableName: started.runtime.tables.audit, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#${today}` } }),
    );
    const entry = items.find((item) => item['action'] === 'records.ingest') ?? items[0]!;
    await documents.send(
      new UpdateCommand({ TableName: started.runtime.tables.audit, Key: { pk: entry['pk'], sk: entry['sk'] }, UpdateExpression: 'SET outcome = :o', ExpressionAttributeValues: { ':o': 'allowed' } }),
    );
    const tampered = await run(['--local', '--data-dir', started.dataDir, '--from', today]);

    // Assess
    expect(intact.code, intact.stderr).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ altered: 0, entries: items.length });
    expect(items.length).toBeGreaterThan(0);
    expect(tampered.code).toBe(3);
    expect(tampered.stdout).toContain('内容被改动的条目 / Entries altered: 1');
    expect(tampered.stdout).toContain(String(entry['sk']));
  }, 60_000);

  it('refuses a malformed day in Chinese first, with exit code 2', async () => {
    // Act
    const result = await run(['--local', '--data-dir', started.dataDir, '--from', '2026-13-45']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^参数 --from 必须是 YYYY-MM-DD 日期 \/ --from must be a YYYY-MM-DD date/);
  });
});
