/**
 * The local runtime enforces what the stack grants: each function calls DynamoDB, SQS,
 * EventBridge and KMS with its own role's credentials, and what the role's synthesized IAM policy
 * (or a key policy the stack writes) does not allow fails with `AccessDeniedException`, as it
 * would in AWS.
 */
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GenerateDataKeyCommand, GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { functions, type FunctionSpec } from '#shared/topology.ts';
import { signedPost } from '../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

/** A department's batch of one received licence application. */
const batch = (caseId: string) =>
  JSON.stringify({
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

/** The credentials and endpoints a function's sandbox has, for calling AWS as that function. */
const asFunction = (runtime: LocalRuntime, name: string) => {
  const environment = runtime.functionEnvironment(name);
  return {
    region: runtime.region,
    credentials: {
      accessKeyId: environment['AWS_ACCESS_KEY_ID']!,
      secretAccessKey: environment['AWS_SECRET_ACCESS_KEY']!,
      sessionToken: environment['AWS_SESSION_TOKEN']!,
    },
    maxAttempts: 1,
    environment,
  };
};

describe('a grant taken from a function declaration', () => {
  let full: TestRuntime;
  let reduced: TestRuntime;

  beforeAll(async () => {
    // The same system twice: once as declared, once with ingest's write grants on the cases table taken away.
    const withoutWriteGrant: FunctionSpec[] = (functions as readonly FunctionSpec[]).map((spec) =>
      spec.name === 'ingest-records' ? { ...spec, tables: { ...spec.tables, cases: { actions: ['GetItem'] } } } : spec,
    );
    [full, reduced] = await Promise.all([startTestRuntime('grantfull'), startTestRuntime('grantless', { functions: withoutWriteGrant, recordUsage: false })]);
  });

  afterAll(async () => {
    await Promise.all([full?.dispose(), reduced?.dispose()]);
  });

  it('turns an accepted push into a failure denied by IAM, where the declared grant answers 202', async () => {
    // Prepare
    const credentialOf = (runtime: LocalRuntime) => runtime.credentials.find((c) => c.department === 'haishu-housing') as DepartmentCredential;

    // Act
    const declared = await signedPost(full.runtime.apiUrl, '/v1/records', batch('GRANT-1'), credentialOf(full.runtime));
    const withoutGrant = await signedPost(reduced.runtime.apiUrl, '/v1/records', batch('GRANT-2'), credentialOf(reduced.runtime));

    // Assess
    expect(declared.status).toBe(202);
    expect(withoutGrant.status).toBeGreaterThanOrEqual(500);
    const denied = reduced.runtime.iamDecisions().filter((decision) => !decision.allowed);
    expect(denied.length).toBeGreaterThan(0);
    expect(denied).toEqual(
      denied.map(() => ({
        principal: 'ingest-records',
        action: expect.stringMatching(/^dynamodb:(PutItem|BatchWriteItem|UpdateItem)$/),
        resource: expect.stringMatching(/:table\/grantless[a-z0-9]+-cases$/),
        allowed: false,
      })),
    );
    expect(full.runtime.iamDecisions().filter((decision) => !decision.allowed)).toEqual([]);
  });
});

describe('a call outside every grant', () => {
  let started: TestRuntime;
  let runtime: LocalRuntime;

  beforeAll(async () => {
    // This file calls AWS with the functions' own credentials: what it does is not the functions' use.
    started = await startTestRuntime('outside', { recordUsage: false });
    runtime = started.runtime;
  });

  afterAll(async () => {
    await started?.dispose();
  });

  it('is refused with AccessDeniedException: a scan, a read of the audit store, a delete on a read-only table', async () => {
    // Prepare
    const ingest = asFunction(runtime, 'ingest-records');
    const client = new DynamoDBClient({ ...ingest, endpoint: runtime.endpoints.dynamodb });
    const documents = DynamoDBDocumentClient.from(client);

    // Act
    const attempts = await Promise.allSettled([
      client.send(new ScanCommand({ TableName: runtime.tables.cases })),
      documents.send(new GetCommand({ TableName: runtime.tables.audit, Key: { pk: 'AUDIT#2026-01-01', sk: 'x' } })),
      documents.send(new DeleteCommand({ TableName: runtime.tables.reference, Key: { pk: 'DEPARTMENT#haishu-housing', sk: 'PROFILE' } })),
    ]);

    // Assess
    expect(attempts.map((attempt) => (attempt.status === 'rejected' ? (attempt.reason as Error).name : 'fulfilled'))).toEqual([
      'AccessDeniedException',
      'AccessDeniedException',
      'AccessDeniedException',
    ]);
    expect(String((attempts[0] as PromiseRejectedResult).reason.message)).toMatch(
      /^User: arn:aws-cn:sts::000000000000:assumed-role\/.+\/outside[a-z0-9]+-ingest-records is not authorized to perform: dynamodb:Scan on resource: arn:aws-cn:dynamodb:cn-north-1:000000000000:table\/outside[a-z0-9]+-cases because no identity-based policy allows the dynamodb:Scan action$/,
    );
    client.destroy();
  });

  it('lets a role do what it holds, and nothing of what another role holds', async () => {
    // Prepare: the console may write cases; the public API reads the published evaluations only.
    const consoleRole = DynamoDBDocumentClient.from(new DynamoDBClient({ ...asFunction(runtime, 'console-api'), endpoint: runtime.endpoints.dynamodb }));
    const publicRole = DynamoDBDocumentClient.from(new DynamoDBClient({ ...asFunction(runtime, 'public-api'), endpoint: runtime.endpoints.dynamodb }));
    const item = { pk: 'CASE#least-privilege', sk: 'PROBE' };

    // Act
    await consoleRole.send(new PutCommand({ TableName: runtime.tables.cases, Item: item }));
    const read = await consoleRole.send(new GetCommand({ TableName: runtime.tables.cases, Key: item }));
    const refused = await publicRole.send(new GetCommand({ TableName: runtime.tables.cases, Key: item })).catch((error: Error) => error);
    const published = await publicRole.send(
      new QueryCommand({
        TableName: runtime.tables.reference,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'PUBLISHEDEVALUATION#city#2026-11' },
      }),
    );
    const unapproved = await publicRole
      .send(
        new QueryCommand({
          TableName: runtime.tables.reference,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'EVALUATION#city#2026-11' },
        }),
      )
      .catch((error: Error) => error);

    // Assess
    expect(read.Item).toEqual(item);
    expect(refused).toMatchObject({ name: 'AccessDeniedException' });
    expect(published.Items).toEqual([]);
    // An evaluation not yet approved is out of the public API's reach.
    expect(unapproved).toMatchObject({ name: 'AccessDeniedException' });
  });

  it('refuses a producer that would consume its own queue, and a function that would publish without the grant', async () => {
    // Prepare: ingest may send to the records queue, never receive from it, and holds no bus.
    const ingest = asFunction(runtime, 'ingest-records');
    const queueUrl = ingest.environment['RECORDS_QUEUE_URL']!;
    const sqs = new SQSClient({ ...ingest, endpoint: runtime.endpoints.sqs });
    const events = new EventBridgeClient({ ...ingest, endpoint: runtime.endpoints.events });
    const busName = runtime.functionEnvironment('process-records')['ALERT_EVENT_BUS']!;

    // Act
    const receive = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl })).catch((error: Error) => error);
    const publish = await events
      .send(new PutEventsCommand({ Entries: [{ EventBusName: busName, Source: 'e-supervision.alerts', DetailType: 'AlertRaised', Detail: '{}' }] }))
      .catch((error: Error) => error);

    // Assess: SQS names an IAM refusal by its query-protocol code, AccessDenied.
    expect(receive).toMatchObject({ name: 'AccessDenied' });
    expect(publish).toMatchObject({ name: 'AccessDeniedException' });
    expect(runtime.alertEvents()).toEqual([]);
  });

  it("applies the personal-data keys' policies: no use without a grant, no use outside the personal-data purpose", async () => {
    // Prepare: the console holds no personal-data grant; the complaint console may seal and open, for that purpose only.
    const complaints = asFunction(runtime, 'complaints-api');
    const dataKey = complaints.environment['PERSONAL_DATA_KEY']!;
    const lookupKey = complaints.environment['LOOKUP_HASH_KEY']!;
    const asConsole = new KMSClient({ ...asFunction(runtime, 'console-api'), endpoint: runtime.endpoints.kms });
    const asComplaints = new KMSClient({ ...complaints, endpoint: runtime.endpoints.kms });
    const purpose = { purpose: 'complaint-personal-data', complaint: 'TS2026120400000001' };

    // Act
    const sealed = await asComplaints.send(new GenerateDataKeyCommand({ KeyId: dataKey, KeySpec: 'AES_256', EncryptionContext: purpose }));
    const outsidePurpose = await asComplaints
      .send(new GenerateDataKeyCommand({ KeyId: dataKey, KeySpec: 'AES_256', EncryptionContext: { purpose: 'something-else' } }))
      .catch((error: Error) => error);
    const consoleSeals = await asConsole
      .send(new GenerateDataKeyCommand({ KeyId: dataKey, KeySpec: 'AES_256', EncryptionContext: purpose }))
      .catch((error: Error) => error);
    const consoleHashes = await asConsole
      .send(new GenerateMacCommand({ KeyId: lookupKey, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from('13800000000') }))
      .catch((error: Error) => error);

    // Assess
    expect(sealed.CiphertextBlob?.length).toBeGreaterThan(0);
    expect(outsidePurpose).toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('explicit deny in a resource-based policy') });
    expect(consoleSeals).toMatchObject({ name: 'AccessDeniedException' });
    expect(consoleHashes).toMatchObject({ name: 'AccessDeniedException' });
    asConsole.destroy();
    asComplaints.destroy();
  });

  it("applies the record-seal key's policy: the writer and the verifier derive hour keys, the verifier cannot write records, nobody else derives", async () => {
    // Prepare
    const verifier = asFunction(runtime, 'verify-records');
    const sealKey = verifier.environment['INTEGRITY_KEY_ID']!;
    const derive = (client: KMSClient) =>
      client.send(new GenerateMacCommand({ KeyId: sealKey, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from('e-supervision/record-seal/v1/2026-03-02T01') }));
    const asWriter = new KMSClient({ ...asFunction(runtime, 'process-records'), endpoint: runtime.endpoints.kms });
    const asVerifier = new KMSClient({ ...verifier, endpoint: runtime.endpoints.kms });
    const asConsole = new KMSClient({ ...asFunction(runtime, 'console-api'), endpoint: runtime.endpoints.kms });
    const asOperator = new KMSClient({ region: runtime.region, credentials: runtime.operatorCredentials, endpoint: runtime.endpoints.kms, maxAttempts: 1 });
    const verifierTable = DynamoDBDocumentClient.from(new DynamoDBClient({ ...verifier, endpoint: runtime.endpoints.dynamodb }));

    // Act
    const [byWriter, byVerifier] = await Promise.all([derive(asWriter), derive(asVerifier)]);
    const [byConsole, byOperator] = await Promise.all([derive(asConsole).catch((error: Error) => error), derive(asOperator).catch((error: Error) => error)]);
    const verifierWrites = await verifierTable
      .send(new PutCommand({ TableName: runtime.tables.cases, Item: { pk: 'CASE#haishu-housing#licensing#FORGED', sk: 'EVENT#0000000001' } }))
      .catch((error: Error) => error);

    // Assess: the same hour key for both, and it is the root key's MAC of the hour's message
    expect(Buffer.from(byWriter.Mac!)).toEqual(Buffer.from(byVerifier.Mac!));
    expect(byConsole).toMatchObject({ name: 'AccessDeniedException' });
    expect(byOperator).toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('explicit deny in a resource-based policy') });
    expect(verifierWrites).toMatchObject({ name: 'AccessDeniedException' });
    for (const client of [asWriter, asVerifier, asConsole, asOperator]) client.destroy();
  });

  it('lets no function invoke another: only an operator invokes the verifier', async () => {
    // Prepare
    const functionName = runtime.deployment.functions.get('verify-records')!.functionName;
    const request = { FunctionName: functionName, Payload: Buffer.from(JSON.stringify({ verify: { from: '2020-01-01T00', to: '2020-01-01T00' } })) };
    const asIngest = new LambdaClient({ ...asFunction(runtime, 'ingest-records'), endpoint: runtime.endpoints.lambda });
    const asOperator = new LambdaClient({
      region: runtime.region,
      credentials: runtime.operatorCredentials,
      endpoint: runtime.endpoints.lambda,
      maxAttempts: 1,
    });

    // Act
    const byIngest = await asIngest.send(new InvokeCommand(request)).catch((error: Error) => error);
    const byOperator = await asOperator.send(new InvokeCommand(request));

    // Assess
    expect(byIngest).toMatchObject({ name: 'AccessDeniedException' });
    expect(byOperator.FunctionError).toBeUndefined();
    expect(JSON.parse(Buffer.from(byOperator.Payload!).toString('utf8'))).toMatchObject({ records: 0, broken: 0 });
    asIngest.destroy();
    asOperator.destroy();
  });

  it('refuses a caller whose key is unknown or whose signature is forged', async () => {
    // Prepare
    const ingest = asFunction(runtime, 'ingest-records');
    const unknown = new DynamoDBClient({
      ...ingest,
      credentials: { ...ingest.credentials, accessKeyId: 'ASIAUNKNOWNUNKNOWN00' },
      endpoint: runtime.endpoints.dynamodb,
    });
    const forged = new DynamoDBClient({
      ...ingest,
      credentials: { ...ingest.credentials, secretAccessKey: 'not-the-secret' },
      endpoint: runtime.endpoints.dynamodb,
    });

    // Act
    const [byUnknown, byForger] = await Promise.all([
      unknown.send(new ScanCommand({ TableName: runtime.tables.cases })).catch((error: Error) => error),
      forged.send(new ScanCommand({ TableName: runtime.tables.cases })).catch((error: Error) => error),
    ]);

    // Assess
    expect(byUnknown).toMatchObject({ name: 'UnrecognizedClientException' });
    expect(byForger).toMatchObject({ name: 'InvalidSignatureException' });
  });
});
