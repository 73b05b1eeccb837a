import { request as httpRequest } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import aws4 from 'aws4';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiServer, type ApiServerOptions, type LambdaHandler, maxRequestBodyBytes, startApiServer } from '#infra/local/api-server.ts';
import { departmentCredentials, generateDepartmentCredential } from '#infra/local/department-credentials.ts';

const region = 'cn-north-1';
const market = generateDepartmentCredential('haishu-market-regulation');
const housing = generateDepartmentCredential('haishu-housing');
const credentials = departmentCredentials([market, housing]);

/** What the stand-in functions saw. */
interface Invocations {
  readonly events: Record<string, unknown[]>;
  readonly contexts: Record<string, Context[]>;
}

/** Stand-ins for the functions: each records its event and answers like a proxy integration. */
const standInFunctions = (overrides: Record<string, LambdaHandler> = {}): { loadHandler: ApiServerOptions['loadHandler']; seen: Invocations } => {
  const seen: Invocations = { events: {}, contexts: {} };
  const echo: LambdaHandler = async () => ({ statusCode: 202, headers: { 'x-handled': 'yes' }, body: '{"accepted":1}' });
  const allowAll: LambdaHandler = async (event) => ({
    principalId: 'supervisor-1',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: (event as APIGatewayRequestAuthorizerEvent).methodArn }],
    },
    context: { role: 'citySupervisor', jurisdiction: 'city', secondFactor: true, sessions: 3 },
  });
  const handlers: Record<string, LambdaHandler> = { 'staff-authorizer': allowAll, ...overrides };
  return {
    seen,
    loadHandler: async (name) => async (event, context) => {
      (seen.events[name] ??= []).push(event);
      (seen.contexts[name] ??= []).push(context);
      return (handlers[name] ?? echo)(event, context);
    },
  };
};

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const start = async (options: Partial<ApiServerOptions> & Pick<ApiServerOptions, 'loadHandler'>): Promise<ApiServer> => {
  server = await startApiServer({ region, credentials, logError: () => undefined, ...options });
  return server;
};

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** Sends exactly these headers (fetch would add its own and refuse `host`). */
const send = (url: string, method: string, pathAndQuery: string, headers: Record<string, string | number> = {}, body: string | Buffer = ''): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${url}${pathAndQuery}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });

/** Signed as the department's system signs; with its API key unless the test says otherwise (`null`: no key). */
const signedPost = (api: ApiServer, path: string, body: string, credential = market, apiKey: string | null = credential.apiKey): Promise<Reply> => {
  const host = `127.0.0.1:${api.port}`;
  const signed = aws4.sign(
    {
      host,
      method: 'POST',
      path,
      body,
      service: 'execute-api',
      region,
      headers: { 'Content-Type': 'application/json', ...(apiKey === null ? {} : { 'X-Api-Key': apiKey }) },
    },
    { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
  );
  return send(api.url, 'POST', path, signed.headers as Record<string, string>, body);
};

const batch = '{"records":[]}';

describe('local API: department routes', () => {
  it('passes a signed batch to ingest-records as an API Gateway REST proxy event from the department role', async () => {
    // Prepare
    const functions = standInFunctions();
    const api = await start({ loadHandler: functions.loadHandler });

    // Act
    const reply = await signedPost(api, '/v1/records', batch);

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body).toBe('{"accepted":1}');
    expect(reply.headers['x-handled']).toBe('yes');
    const event = functions.seen.events['ingest-records']?.[0] as APIGatewayProxyEvent;
    expect(event).toMatchObject({
      resource: '/v1/records',
      path: '/v1/records',
      httpMethod: 'POST',
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      stageVariables: null,
      body: batch,
      isBase64Encoded: false,
    });
    expect(event.headers['Content-Type']).toBe('application/json');
    expect(event.multiValueHeaders['Content-Type']).toEqual(['application/json']);
    expect(event.requestContext).toMatchObject({
      accountId: '000000000000',
      apiId: 'local',
      resourcePath: '/v1/records',
      httpMethod: 'POST',
      path: '/local/v1/records',
      stage: 'local',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      requestTimeEpoch: expect.any(Number),
      identity: {
        apiKey: market.apiKey,
        apiKeyId: market.apiKeyId,
        accessKey: market.accessKeyId,
        accountId: '000000000000',
        userArn: 'arn:aws-cn:sts::000000000000:assumed-role/esup-local-department-haishu-market-regulation/local',
        sourceIp: '127.0.0.1',
        cognitoIdentityId: null,
      },
    });
    expect(event.requestContext.identity.caller).toEqual(expect.any(String));
    expect(functions.seen.contexts['ingest-records']?.[0]).toMatchObject({ functionName: 'ingest-records' });
  });

  it('answers an unsigned batch with 403 without invoking the function', async () => {
    // Prepare
    const functions = standInFunctions();
    const api = await start({ loadHandler: functions.loadHandler });

    // Act
    const reply = await send(api.url, 'POST', '/v1/records', { 'content-type': 'application/json' }, batch);

    // Assess
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ title: 'Missing Authentication Token', type: expect.stringContaining('gateway-refusal') });
    expect(functions.seen.events['ingest-records']).toBeUndefined();
  });

  it("answers a batch signed with an unknown key with API Gateway's 403", async () => {
    // Prepare
    const functions = standInFunctions();
    const api = await start({ loadHandler: functions.loadHandler });

    // Act
    const reply = await signedPost(api, '/v1/records', batch, generateDepartmentCredential('haishu-market-regulation'));

    // Assess
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({
      title: 'The security token included in the request is invalid.',
      type: expect.stringContaining('gateway-refusal'),
    });
    expect(functions.seen.events['ingest-records']).toBeUndefined();
  });

  it.each([
    ['without an API key', null],
    ['with a key of no usage plan', 'x'.repeat(40)],
  ])("answers a signed batch %s with API Gateway's 403 Forbidden, without invoking the function", async (_label, apiKey) => {
    // Prepare
    const functions = standInFunctions();
    const api = await start({ loadHandler: functions.loadHandler });

    // Act
    const reply = await signedPost(api, '/v1/records', batch, market, apiKey);

    // Assess
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ title: 'Forbidden', type: expect.stringContaining('gateway-refusal') });
    expect(reply.headers['x-amzn-errortype']).toBe('ForbiddenException');
    expect(functions.seen.events['ingest-records']).toBeUndefined();
  });

  it('checks the signature before the API key: an unsigned request with a valid key is still 403 Missing Authentication Token', async () => {
    // Prepare
    const functions = standInFunctions();
    const api = await start({ loadHandler: functions.loadHandler });

    // Act
    const reply = await send(api.url, 'POST', '/v1/records', { 'content-type': 'application/json', 'x-api-key': market.apiKey }, batch);

    // Assess
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ title: 'Missing Authentication Token', type: expect.stringContaining('gateway-refusal') });
  });

  it("keys each department's limit on its API key: one department over its plan leaves another's untouched", async () => {
    // Prepare
    const functions = standInFunctions();
    const api = await start({ loadHandler: functions.loadHandler, rateLimit: { requestsPerSecond: 0.001, burst: 2 } });

    // Act: the market regulator spends its burst and more; then the housing bureau pushes.
    const market1 = await signedPost(api, '/v1/records', batch, market);
    const market2 = await signedPost(api, '/v1/records', batch, market);
    const market3 = await signedPost(api, '/v1/records', batch, market);
    const housing1 = await signedPost(api, '/v1/records', batch, housing);

    // Assess
    expect([market1, market2, market3, housing1].map((reply) => reply.status)).toEqual([202, 202, 429, 202]);
  });

  it('counts a request against the plan of the key it carries, whoever signed it, as API Gateway does', async () => {
    // Prepare: the housing bureau's key is spent.
    const functions = standInFunctions();
    const api = await start({ loadHandler: functions.loadHandler, rateLimit: { requestsPerSecond: 0.001, burst: 1 } });
    await signedPost(api, '/v1/records', batch, housing);

    // Act: a request signed by the market regulator but carrying the housing bureau's key.
    const reply = await signedPost(api, '/v1/records', batch, market, housing.apiKey);

    // Assess: only the holder of a department's key can spend that department's limit.
    expect(reply.status).toBe(429);
  });

  it('answers 429 without touching the function once a department exceeds its plan', async () => {
    // Prepare
    const functions = standInFunctions();
    const api = await start({ loadHandler: functions.loadHandler, rateLimit: { requestsPerSecond: 0.001, burst: 2 } });

    // Act
    const replies = [];
    for (let attempt = 0; attempt < 3; attempt += 1) replies.push(await signedPost(api, '/v1/records', batch));

    // Assess
    expect(replies.map((reply) => reply.status)).toEqual([202, 202, 429]);
    expect(JSON.parse(replies[2]!.body)).toMatchObject({ title: 'Too Many Requests', type: expect.stringContaining('gateway-refusal') });
    expect(functions.seen.events['ingest-records']).toHaveLength(2);
  });

  it("answers 429 to a source address that exceeds the public routes' limit, as the WAF rule does", async () => {
    // Prepare
    const functions = standInFunctions();
    const api = await start({ loadHandler: functions.loadHandler, publicRateLimit: { requestsPerSecond: 0.001, burst: 2 } });
    const complaint = Buffer.from('{}');

    // Act
    const replies = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      replies.push(await send(api.url, 'POST', '/v1/public/complaints', { 'content-type': 'application/json' }, complaint));
    }

    // Assess
    expect(replies.map((reply) => reply.status)).toEqual([202, 202, 429]);
    expect(functions.seen.events['complaint-filing']).toHaveLength(2);
  });

  it('answers 413 to a body over 10 MB without invoking the function', async () => {
    // Prepare
    const functions = standInFunctions();
    const api = await start({ loadHandler: functions.loadHandler });
    const oversized = Buffer.alloc(maxRequestBodyBytes + 1, 'a');

    // Act
    const reply = await send(api.url, 'POST', '/v1/records', { 'content-type': 'application/json' }, oversized);

    // Assess
    expect(reply.status).toBe(413);
    expect(functions.seen.events['ingest-records']).toBeUndefined();
  });
});

describe('local API: routing', () => {
  it('answers an unknown path with 403 Missing Authentication Token, as API Gateway does', async () => {
    // Prepare
    const api = await start(standInFunctions());

    // Act
    const reply = await send(api.url, 'GET', '/v1/petitions');

    // Assess
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ title: 'Missing Authentication Token', type: expect.stringContaining('gateway-refusal') });
  });

  it('answers a known path with a method it does not serve with 403', async () => {
    // Prepare
    const api = await start(standInFunctions());

    // Act
    const reply = await send(api.url, 'DELETE', '/v1/openapi.json');

    // Assess
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ title: 'Missing Authentication Token', type: expect.stringContaining('gateway-refusal') });
  });

  it('serves a public route without any credentials', async () => {
    // Prepare
    const functions = standInFunctions({
      'public-api': async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"openapi":"3.1.0"}' }),
    });
    const api = await start({ loadHandler: functions.loadHandler });

    // Act
    const reply = await send(api.url, 'GET', '/v1/openapi.json');

    // Assess
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ openapi: '3.1.0' });
    expect((functions.seen.events['public-api']?.[0] as APIGatewayProxyEvent).requestContext.authorizer).toBeNull();
  });

  it('answers 502 Internal server error when a function throws', async () => {
    // Prepare
    const functions = standInFunctions({
      'public-api': async () => {
        throw new Error('table missing');
      },
    });
    const api = await start({ loadHandler: functions.loadHandler });

    // Act
    const reply = await send(api.url, 'GET', '/v1/openapi.json');

    // Assess
    expect(reply.status).toBe(502);
    expect(JSON.parse(reply.body)).toMatchObject({ title: 'Internal server error', type: expect.stringContaining('gateway-refusal') });
  });

  it('decodes a base64 response body', async () => {
    // Prepare
    const functions = standInFunctions({
      'public-api': async () => ({
        statusCode: 200,
        headers: { 'content-type': 'text/plain' },
        body: Buffer.from('监察').toString('base64'),
        isBase64Encoded: true,
      }),
    });
    const api = await start({ loadHandler: functions.loadHandler });

    // Act
    const reply = await send(api.url, 'GET', '/v1/openapi.json');

    // Assess
    expect(reply.body).toBe('监察');
    expect(reply.headers['content-type']).toBe('text/plain');
  });
  it('answers 504 when a function outlives the integration timeout', async () => {
    // Prepare
    const functions = standInFunctions({
      'public-api': () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: '' }), 500)),
    });
    const api = await start({ loadHandler: functions.loadHandler, integrationTimeoutMs: 50 });

    // Act
    const reply = await send(api.url, 'GET', '/v1/openapi.json');

    // Assess
    expect(reply.status).toBe(504);
    expect(JSON.parse(reply.body)).toMatchObject({ title: 'Endpoint request timed out', type: expect.stringContaining('gateway-refusal') });
  });
});

describe('local API: staff routes', () => {
  it('answers 401 without calling the authorizer when no Authorization header is sent', async () => {
    // Prepare
    const functions = standInFunctions();
    const api = await start({ loadHandler: functions.loadHandler });

    // Act
    const reply = await send(api.url, 'GET', '/v1/alerts');

    // Assess
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toMatchObject({ title: 'Unauthorized', type: expect.stringContaining('gateway-refusal') });
    expect(functions.seen.events['staff-authorizer']).toBeUndefined();
    expect(functions.seen.events['console-api']).toBeUndefined();
  });

  it('passes the request (headers, parameters, source address) and method ARN to the authorizer, and its context to the function', async () => {
    // Prepare
    const functions = standInFunctions();
    const api = await start({ loadHandler: functions.loadHandler });

    // Act
    const reply = await send(api.url, 'GET', '/v1/cases/haishu-housing/licensing/HS-2026%3A7/timeline?limit=5&level=warning&level=correction', {
      authorization: 'Bearer token-1',
    });

    // Assess
    expect(reply.status).toBe(202);
    const authorizerEvent = functions.seen.events['staff-authorizer']?.[0] as APIGatewayRequestAuthorizerEvent & Record<string, unknown>;
    expect(authorizerEvent).toMatchObject({
      type: 'REQUEST',
      methodArn: 'arn:aws-cn:execute-api:cn-north-1:000000000000:local/local/GET/v1/cases/haishu-housing/licensing/HS-2026%3A7/timeline',
      resource: '/v1/cases/{department}/{kind}/{caseId}/timeline',
      httpMethod: 'GET',
      headers: expect.objectContaining({ authorization: 'Bearer token-1' }),
      pathParameters: { department: 'haishu-housing', kind: 'licensing', caseId: 'HS-2026:7' },
      queryStringParameters: { limit: '5', level: 'correction' },
      requestContext: expect.objectContaining({ identity: expect.objectContaining({ sourceIp: '127.0.0.1' }) }),
    });
    expect(authorizerEvent).not.toHaveProperty('body');
    expect(authorizerEvent.requestContext).not.toHaveProperty('authorizer');
    const event = functions.seen.events['console-api']?.[0] as APIGatewayProxyEvent;
    expect(event).toMatchObject({
      resource: '/v1/cases/{department}/{kind}/{caseId}/timeline',
      pathParameters: { department: 'haishu-housing', kind: 'licensing', caseId: 'HS-2026:7' },
      queryStringParameters: { limit: '5', level: 'correction' },
      multiValueQueryStringParameters: { limit: ['5'], level: ['warning', 'correction'] },
    });
    expect(event.requestContext.authorizer).toMatchObject({
      principalId: 'supervisor-1',
      role: 'citySupervisor',
      jurisdiction: 'city',
      secondFactor: 'true',
      sessions: '3',
    });
  });

  it('answers 401 when the authorizer throws Unauthorized', async () => {
    // Prepare
    const functions = standInFunctions({
      'staff-authorizer': async () => {
        throw new Error('Unauthorized');
      },
    });
    const api = await start({ loadHandler: functions.loadHandler });

    // Act
    const reply = await send(api.url, 'GET', '/v1/alerts', { authorization: 'Bearer expired' });

    // Assess
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toMatchObject({ title: 'Unauthorized', type: expect.stringContaining('gateway-refusal') });
    expect(functions.seen.events['console-api']).toBeUndefined();
  });

  it("answers 403 with API Gateway's explicit deny message when the policy denies the method", async () => {
    // Prepare
    const functions = standInFunctions({
      'staff-authorizer': async (event) => ({
        principalId: 'liaison-1',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: (event as APIGatewayRequestAuthorizerEvent).methodArn }],
        },
      }),
    });
    const api = await start({ loadHandler: functions.loadHandler });

    // Act
    const reply = await send(api.url, 'GET', '/v1/alerts', { authorization: 'Bearer liaison' });

    // Assess
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({
      title: 'User is not authorized to access this resource with an explicit deny',
      type: expect.stringContaining('gateway-refusal'),
    });
    expect(functions.seen.events['console-api']).toBeUndefined();
  });
  it('answers 403 when the authorizer allows only other methods', async () => {
    // Prepare
    const functions = standInFunctions({
      'staff-authorizer': async () => ({
        principalId: 'liaison-1',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws-cn:execute-api:*:*:local/local/GET/v1/cases/*' }],
        },
      }),
    });
    const api = await start({ loadHandler: functions.loadHandler });

    // Act
    const reply = await send(api.url, 'GET', '/v1/alerts', { authorization: 'Bearer liaison' });

    // Assess
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ title: 'User is not authorized to access this resource', type: expect.stringContaining('gateway-refusal') });
    expect(functions.seen.events['console-api']).toBeUndefined();
  });
});

describe('local API: identity provider documents', () => {
  it('serves the JWKS and the discovery document under /local-idp/', async () => {
    // Prepare
    const jwks = { keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'local-1' }] };
    const api = await start({
      ...standInFunctions(),
      identityProvider: { jwks: () => jwks, openidConfiguration: () => ({ issuer: 'http://127.0.0.1/local-idp' }) },
    });

    // Act
    const keys = await send(api.url, 'GET', '/local-idp/.well-known/jwks.json');
    const discovery = await send(api.url, 'GET', '/local-idp/.well-known/openid-configuration');

    // Assess
    expect(JSON.parse(keys.body)).toEqual(jwks);
    expect(JSON.parse(discovery.body)).toEqual({ issuer: 'http://127.0.0.1/local-idp' });
  });
});
