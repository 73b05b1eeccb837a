import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import aws4 from 'aws4';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalogue, demoDepartments } from '#infra/local/demo-data.ts';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import { type LocalRuntime, startLocalRuntime } from '#infra/local/runtime.ts';
import { environmentNames } from '#shared/topology.ts';
import { createTestTables, type TestTables, testClientConfig } from '../../support/dynamodb.ts';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

const send = (url: string, method: string, headers: Record<string, string> = {}, body = ''): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });

const signedPost = (runtime: LocalRuntime, path: string, body: string, credential: DepartmentCredential): Promise<Reply> => {
  const url = new URL(path, runtime.apiUrl);
  const signed = aws4.sign(
    {
      host: url.host,
      method: 'POST',
      path,
      body,
      service: 'execute-api',
      region: runtime.region,
      headers: { 'content-type': 'application/json', 'x-api-key': credential.apiKey },
    },
    { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
  );
  return send(url.href, 'POST', signed.headers as Record<string, string>, body);
};

/** What a promise settled to, caught at once (an assertion made later must not leave a rejection unhandled). */
const settled = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

const department = 'haishu-housing';
const licensingBatch = (caseId: string): string =>
  JSON.stringify({
    records: [
      {
        kind: 'licensing',
        event: 'received',
        department,
        matterCode: 'construction-permit',
        caseId,
        sequence: 1,
        occurredAt: new Date().toISOString(),
      },
    ],
  });

describe('local runtime on the shared test emulator', () => {
  let tables: TestTables;
  let dataDir: string;
  let runtime: LocalRuntime;

  beforeAll(async () => {
    tables = await createTestTables();
    dataDir = await mkdtemp(join(tmpdir(), 'esup-runtime-'));
    runtime = await startLocalRuntime({
      dataDir,
      ephemeral: true,
      dynamoEndpoint: tables.endpoint,
      tablePrefix: tables.prefix,
      schedulesEnabled: false,
      quiet: true,
    });
  });

  afterAll(async () => {
    await runtime?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('seeds every demo department and catalogue matter into the reference table', async () => {
    // Prepare
    const matter = demoCatalogue[0]!;

    // Act
    const profiles = await Promise.all(
      demoDepartments.map((profile) =>
        tables.documentClient.send(new GetCommand({ TableName: runtime.tables.reference, Key: { pk: `DEPARTMENT#${profile.department}`, sk: 'PROFILE' } })),
      ),
    );
    const stored = await tables.documentClient.send(
      new GetCommand({ TableName: runtime.tables.reference, Key: { pk: `DEPARTMENT#${matter.department}`, sk: `MATTER#${matter.matterCode}` } }),
    );

    // Assess
    expect(profiles.map((result) => result.Item?.jurisdiction)).toEqual(demoDepartments.map((profile) => profile.jurisdiction));
    expect(stored.Item).toMatchObject(matter);
  });

  it('gives each function exactly the environment its stack resource sets, with its own role credentials and the IAM-enforcing endpoints', () => {
    // Prepare
    const ingest = runtime.functionEnvironment('ingest-records');
    const authorizer = runtime.functionEnvironment('staff-authorizer');

    // Act
    const configured = {
      cases: ingest[environmentNames.tables.cases],
      reference: ingest[environmentNames.tables.reference],
      audit: ingest[environmentNames.tables.audit],
      queue: ingest[environmentNames.queues.records],
      rolePrefix: ingest[environmentNames.departmentRolePrefix],
      dynamo: ingest['AWS_ENDPOINT_URL_DYNAMODB'],
      region: ingest['AWS_REGION'],
      issuer: authorizer[environmentNames.jwtIssuer],
      audience: authorizer[environmentNames.jwtAudience],
      jwks: authorizer[environmentNames.jwksUrl],
    };

    // Assess
    expect(configured).toEqual({
      cases: tables.tables.cases,
      reference: tables.tables.reference,
      audit: tables.tables.audit,
      queue: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/000000000000/${tables.prefix}-records$`)),
      rolePrefix: `${tables.prefix}-department-`,
      dynamo: runtime.endpoints.dynamodb,
      region: 'cn-north-1',
      issuer: runtime.issuer,
      audience: 'e-supervision-console',
      jwks: `${runtime.apiUrl}/local-idp/.well-known/jwks.json`,
    });
    expect(runtime.issuer).toBe(`${runtime.apiUrl}/local-idp`);
    // Each role signs with its own key; nothing of this machine's environment leaks in.
    expect(ingest['AWS_ACCESS_KEY_ID']).not.toBe(authorizer['AWS_ACCESS_KEY_ID']);
    expect(ingest['AWS_ENDPOINT_URL_DYNAMODB']).not.toBe(runtime.dynamoEndpoint);
    expect(Object.keys(ingest)).not.toContain('PATH');
    expect(Object.keys(ingest)).not.toContain('HOME');
    expect(authorizer[environmentNames.tables.cases]).toBeUndefined();
  });

  it('mints staff tokens that verify against the JWKS the API serves', async () => {
    // Prepare
    const token = await runtime.mintStaffToken({ subject: 'supervisor-1', role: 'citySupervisor', jurisdiction: 'city' });
    const authorizer = runtime.functionEnvironment('staff-authorizer');

    // Act
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(authorizer[environmentNames.jwksUrl]!)), {
      issuer: authorizer[environmentNames.jwtIssuer],
      audience: authorizer[environmentNames.jwtAudience],
    });

    // Assess
    expect(payload).toMatchObject({ role: 'citySupervisor', jurisdiction: 'city' });
  });

  it('carries a signed batch through ingest, the queue and processing, leaving no message behind', async () => {
    // Prepare
    const credential = runtime.credentials.find((candidate) => candidate.department === department)!;

    // Act
    const reply = await signedPost(runtime, '/v1/records', licensingBatch(`RT-${Date.now()}`), credential);
    await runtime.idle();

    // Assess
    expect(reply.headers['x-amzn-errortype']).toBeUndefined();
    expect(reply.status).toBe(202);
    expect(runtime.queueStats()).toEqual({ records: { visible: 0, inFlight: 0, deadLetters: 0 }, webhooks: { visible: 0, inFlight: 0, deadLetters: 0 } });
  });

  it.runIf(existsSync('/proc/thread-self/comm'))('names each sandbox thread after its function, so CPU time can be told apart per function', async () => {
    // Prepare
    const credential = runtime.credentials.find((candidate) => candidate.department === department)!;

    // Act
    await signedPost(runtime, '/v1/records', licensingBatch(`RT-THREADS-${Date.now()}`), credential);
    await runtime.idle();
    const threadNames = readdirSync('/proc/self/task').map((tid) => readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim());

    // Assess
    expect(threadNames).toContain('ingest-records');
    expect(threadNames).toContain('process-records');
  });

  it('lets a supervisor with a minted token through the staff authorizer to the console', async () => {
    // Prepare
    const token = await runtime.mintStaffToken({ subject: 'supervisor-1', role: 'citySupervisor', jurisdiction: 'city' });

    // Act
    const reply = await send(`${runtime.apiUrl}/v1/alerts`, 'GET', { authorization: `Bearer ${token}` });

    // Assess
    expect(reply.headers['x-amzn-errortype']).toBeUndefined();
    expect(reply.status).toBe(200);
  });

  it('answers a route the topology does not declare as API Gateway does', async () => {
    // Prepare
    const url = `${runtime.apiUrl}/v1/records/all`;

    // Act
    const reply = await send(url, 'GET');

    // Assess
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ title: 'Missing Authentication Token', type: expect.stringContaining('gateway-refusal') });
  });

  it('fires a schedule by hand while the timers are off, and refuses an unknown one', async () => {
    // Prepare
    const time = new Date();

    // Act
    const fired = await settled(runtime.fireSchedule('deadline-sweep', time));
    const unknown = await settled(runtime.fireSchedule('no-such-schedule', time));

    // Assess
    expect(fired).toEqual({ value: undefined });
    expect(unknown).toEqual({ error: expect.objectContaining({ message: 'Unknown schedule no-such-schedule' }) });
  });
});

describe('local runtime with its own DynamoDB Local', () => {
  it('keeps data and credentials across a restart and leaves nothing listening when stopped', async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'esup-runtime-persistent-'));
    const first = await startLocalRuntime({ dataDir, schedulesEnabled: false, quiet: true, seedDemo: false });
    const firstClient = DynamoDBDocumentClient.from(new DynamoDBClient({ ...testClientConfig, endpoint: first.dynamoEndpoint }));
    await firstClient.send(new PutCommand({ TableName: first.tables.reference, Item: { pk: 'DEPARTMENT#kept', sk: 'PROFILE' } }));
    firstClient.destroy();
    await first.stop();

    try {
      // Act
      const apiAfterStop = await settled(send(`${first.apiUrl}/v1/openapi.json`, 'GET'));
      const dynamoAfterStop = await settled(send(first.dynamoEndpoint, 'GET'));
      const second = await startLocalRuntime({ dataDir, schedulesEnabled: false, quiet: true, seedDemo: false });
      const secondClient = DynamoDBDocumentClient.from(new DynamoDBClient({ ...testClientConfig, endpoint: second.dynamoEndpoint }));
      const kept = await secondClient.send(new GetCommand({ TableName: second.tables.reference, Key: { pk: 'DEPARTMENT#kept', sk: 'PROFILE' } }));
      secondClient.destroy();
      await second.stop();

      // Assess
      expect(apiAfterStop).toEqual({ error: expect.objectContaining({ code: 'ECONNREFUSED' }) });
      expect(dynamoAfterStop).toEqual({ error: expect.objectContaining({ code: 'ECONNREFUSED' }) });
      expect(kept.Item).toEqual({ pk: 'DEPARTMENT#kept', sk: 'PROFILE' });
      expect(second.credentials).toEqual(first.credentials);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
