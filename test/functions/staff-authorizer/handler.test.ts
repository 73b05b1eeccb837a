/**
 * The staff authorizer as Lambda runs it (environment read at cold start), against a stand-in of
 * the city's OIDC provider and DynamoDB Local: who is allowed, refused (401) and denied (403), what
 * each decision leaves in the audit store and the log, and the lockout of an address that keeps
 * failing.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { sourceAddressKey } from '#shared/access/source-address.ts';
import { shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import { metricsNamespace } from '#shared/observability/operational-metrics.ts';
import { environmentNames } from '#shared/topology.ts';
import {
  defaultSubject,
  nowSeconds,
  staffClaims,
  startTestIdentityProvider,
  symmetricToken,
  unsignedToken,
} from '../../shared/access/test-identity-provider.ts';
import type { TestIdentityProvider } from '../../shared/access/test-identity-provider.ts';
import { createTestTables, testClientConfig, type TestTables } from '../../support/dynamodb.ts';

type AuthorizerModule = typeof import('#functions/staff-authorizer/handler.ts');

const alertsArn = 'arn:aws-cn:execute-api:cn-north-1:123456789012:a1b2c3d4e5/prod/GET/v1/alerts';
const timelineArn = 'arn:aws:execute-api:local:000000000000:local/local/GET/v1/cases/market-regulation/licensing/LIC-2026-0001/timeline';

/** Every test's requests come from an address of its own unless it says otherwise, so no lockout spills over. */
let nextAddress = 10;
let address = '198.51.100.10';

/** A REQUEST authorizer event as API Gateway sends it: the `Authorization` header as sent, and the caller's address. */
const requestEvent = (authorization: string | undefined, methodArn = alertsArn, sourceIp = address): APIGatewayRequestAuthorizerEvent =>
  ({
    type: 'REQUEST',
    methodArn,
    resource: '/v1/alerts',
    path: '/v1/alerts',
    httpMethod: 'GET',
    headers: authorization === undefined ? {} : { Authorization: authorization },
    multiValueHeaders: authorization === undefined ? {} : { Authorization: [authorization] },
    pathParameters: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: { identity: { sourceIp } },
  }) as unknown as APIGatewayRequestAuthorizerEvent;

const tokenEvent = (token: string, methodArn = alertsArn, sourceIp = address): APIGatewayRequestAuthorizerEvent =>
  requestEvent(`Bearer ${token}`, methodArn, sourceIp);

/** Failures from one address within a window that lock it out, as the test stack configures it. */
const failuresBeforeLockout = 4;

let provider: TestIdentityProvider;
let authorizer: AuthorizerModule;
let db: TestTables;
/** Everything the authorizer writes to stdout and stderr (Powertools sends warnings to stderr). */
let output: string[];

const stubEnvironment = (): void => {
  vi.stubEnv('AWS_REGION', testClientConfig.region);
  vi.stubEnv('AWS_ACCESS_KEY_ID', testClientConfig.credentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', testClientConfig.credentials.secretAccessKey);
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', db.endpoint);
  vi.stubEnv(environmentNames.jwtIssuer, provider.issuer);
  vi.stubEnv(environmentNames.jwtAudience, provider.audience);
  vi.stubEnv(environmentNames.jwksUrl, provider.jwksUrl);
  vi.stubEnv(environmentNames.tables.security, db.tables.security);
  vi.stubEnv(environmentNames.tables.audit, db.tables.audit);
  vi.stubEnv(environmentNames.settings.staffMaxSessionHours, '12');
  vi.stubEnv(environmentNames.settings.staffFailuresBeforeLockout, String(failuresBeforeLockout));
  vi.stubEnv(environmentNames.settings.staffLockoutWindowMinutes, '15');
};

beforeAll(async () => {
  provider = await startTestIdentityProvider();
  db = await createTestTables();
  // The handler reads its configuration at import, as at a Lambda cold start.
  stubEnvironment();
  authorizer = await import('#functions/staff-authorizer/handler.ts');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await provider.close();
});

/** The audit entries of today, oldest first. */
const auditEntries = async (): Promise<Record<string, unknown>[]> =>
  ((await db.documentClient.send(new ScanCommand({ TableName: db.tables.audit, ConsistentRead: true }))).Items ?? []).sort((a, b) =>
    String(a['sk']).localeCompare(String(b['sk'])),
  );

beforeEach(() => {
  nextAddress += 1;
  address = `198.51.100.${nextAddress}`;
  output = [];
  const capture = (chunk: string | Uint8Array): boolean => {
    output.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('staff authorizer: allowed', () => {
  it('allows a city supervisor on the alerts route with the staff context', async () => {
    // Prepare
    const token = await provider.mint(staffClaims.citySupervisor);

    // Act
    const result = await authorizer.authorizeStaff(tokenEvent(token));

    // Assess
    expect(result).toEqual({
      principalId: defaultSubject,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: alertsArn }],
      },
      context: { subject: defaultSubject, role: 'citySupervisor', jurisdiction: 'city', department: '', secondFactor: true },
    });
  });

  it('allows a department liaison without a second factor and passes on the department', async () => {
    // Prepare
    const token = await provider.mint(staffClaims.departmentLiaison);

    // Act
    const result = await authorizer.authorizeStaff(tokenEvent(token, timelineArn));

    // Assess
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow', Resource: timelineArn });
    expect(result.context).toEqual({
      subject: defaultSubject,
      role: 'departmentLiaison',
      jurisdiction: 'haidian',
      department: 'market-regulation',
      secondFactor: false,
    });
  });

  it('reads the bearer scheme in any letter case', async () => {
    // Prepare
    const token = await provider.mint(staffClaims.districtSupervisor);

    // Act
    const result = await authorizer.authorizeStaff(requestEvent(`bEARER ${token}`));

    // Assess
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
  });

  it('serves the Lambda entry point with the invocation context', async () => {
    // Prepare
    const token = await provider.mint(staffClaims.citySupervisor);
    const context = { awsRequestId: 'req-1', functionName: 'staff-authorizer' } as Context;

    // Act
    const result = await authorizer.handler(tokenEvent(token), context);

    // Assess
    expect(result.context?.role).toBe('citySupervisor');
    expect(output.join('')).toContain('req-1');
  });
});

describe('staff authorizer: unauthorized (401)', () => {
  it.each([
    ['an expired token', { expiresAt: nowSeconds() - 120 }],
    ['a token for another audience', { audience: 'another-app' }],
    ['a token from another issuer', { issuer: 'https://idp.example.org/realms/city' }],
    ['a token forged with another key', { signer: 'forgedSameKid' }],
    ['a token forged under an unknown key id', { signer: 'forgedUnknownKid' }],
    ['a token without an issue time', { issuedAt: null }],
    ['a privileged token without a sign-in time', { authTime: null }],
    ['a privileged token whose sign-in is older than the session cap', { authTime: nowSeconds() - 13 * 3600 }],
    ['a logout token of the provider', { type: 'logout+jwt' }],
  ] as const)('refuses %s', async (_case, options) => {
    // Prepare
    const token = await provider.mint(staffClaims.citySupervisor, options);

    // Act
    const decision = authorizer.authorizeStaff(tokenEvent(token));

    // Assess
    await expect(decision).rejects.toThrow(/^Unauthorized$/);
  });

  it('refuses an unsigned (alg none) token', async () => {
    // Prepare
    const token = unsignedToken(provider.payload(staffClaims.citySupervisor));

    // Act
    const decision = authorizer.authorizeStaff(tokenEvent(token));

    // Assess
    await expect(decision).rejects.toThrow(/^Unauthorized$/);
  });

  it('refuses an HS256 token keyed with the provider public keys', async () => {
    // Prepare
    const token = await symmetricToken(provider.payload(staffClaims.citySupervisor), provider.jwksUrl);

    // Act
    const decision = authorizer.authorizeStaff(tokenEvent(token));

    // Assess
    await expect(decision).rejects.toThrow(/^Unauthorized$/);
  });

  it.each([
    ['', 'no header value'],
    ['Basic dXNlcjpwYXNz', 'another scheme'],
    ['Bearer ', 'an empty bearer'],
  ])('refuses the authorization value %j (%s)', async (authorizationToken) => {
    // Act
    const decision = authorizer.authorizeStaff(requestEvent(authorizationToken));

    // Assess
    await expect(decision).rejects.toThrow(/^Unauthorized$/);
  });
});

describe('staff authorizer: denied (403)', () => {
  it('denies a district supervisor who signed in without a second factor', async () => {
    // Prepare
    const token = await provider.mint({ ...staffClaims.districtSupervisor, amr: ['pwd'] });

    // Act
    const result = await authorizer.authorizeStaff(tokenEvent(token));

    // Assess
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny', Resource: alertsArn });
    expect(result.context).toBeUndefined();
  });

  it('denies an auditor on the alerts route, which is for supervisors and liaisons', async () => {
    // Prepare
    const token = await provider.mint(staffClaims.auditor);

    // Act
    const result = await authorizer.authorizeStaff(tokenEvent(token));

    // Assess
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
    expect(result.context).toBeUndefined();
  });

  it.each([
    ['an unknown route', 'arn:aws:execute-api:local:000000000000:local/local/GET/v1/admin/users'],
    ['a department route', 'arn:aws:execute-api:local:000000000000:local/local/POST/v1/records'],
    ['an unreadable method ARN', 'not-an-arn'],
  ])('denies a valid supervisor on %s', async (_case, methodArn) => {
    // Prepare
    const token = await provider.mint(staffClaims.citySupervisor);

    // Act
    const result = await authorizer.authorizeStaff(tokenEvent(token, methodArn));

    // Assess
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny', Resource: methodArn });
  });
});

describe('staff authorizer: decision log', () => {
  it('logs each decision with role, jurisdiction and reason, never the token or any other claim', async () => {
    // Prepare
    const allowed = await provider.mint(staffClaims.departmentLiaison, { subject: 'subject-for-log-check' });
    const denied = await provider.mint({ ...staffClaims.citySupervisor, amr: ['pwd'] });
    const expired = await provider.mint(staffClaims.citySupervisor, { expiresAt: nowSeconds() - 300 });

    // Act
    await authorizer.authorizeStaff(tokenEvent(allowed, timelineArn));
    await authorizer.authorizeStaff(tokenEvent(denied));
    await authorizer.authorizeStaff(tokenEvent(expired)).catch(() => undefined);

    // Assess
    const lines = output
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ decision: 'allow', reason: 'roleAllowed', role: 'departmentLiaison', jurisdiction: 'haidian' }),
      expect.objectContaining({ decision: 'deny', reason: 'secondFactorRequired', role: 'citySupervisor', jurisdiction: 'city' }),
      expect.objectContaining({ decision: 'unauthorized', reason: 'expired' }),
    ]);
    const logged = output.join('');
    for (const secret of [allowed, denied, expired, ...allowed.split('.'), 'subject-for-log-check', defaultSubject, 'market-regulation', 'amr']) {
      expect(logged).not.toContain(secret);
    }
  });
});

describe('staff authorizer: configuration', () => {
  it('refuses to start when the key set would be fetched over plain http from a remote host', async () => {
    // Prepare
    vi.resetModules();
    vi.stubEnv(environmentNames.jwksUrl, 'http://idp.example.org/.well-known/jwks.json');

    try {
      // Act
      const loading = import('#functions/staff-authorizer/handler.ts');

      // Assess
      await expect(loading).rejects.toThrow(/https, or http on a loopback address/);
    } finally {
      vi.stubEnv(environmentNames.jwksUrl, provider.jwksUrl);
    }
  });

  it('refuses to start without the session cap the stack sets', async () => {
    // Prepare
    vi.resetModules();
    vi.stubEnv(environmentNames.settings.staffMaxSessionHours, undefined);

    try {
      // Act
      const loading = import('#functions/staff-authorizer/handler.ts');

      // Assess
      await expect(loading).rejects.toThrow(/STAFF_MAX_SESSION_HOURS/);
    } finally {
      vi.stubEnv(environmentNames.settings.staffMaxSessionHours, '12');
    }
  });
});

describe('staff authorizer: metrics', () => {
  it('counts a refused token as unauthenticated, so the errors alarm can tell a 401 from a failure', async () => {
    // Prepare: a fresh cold start with the metrics namespace the stack sets.
    vi.resetModules();
    vi.stubEnv(environmentNames.metricsNamespace, metricsNamespace);
    const observed = await import('#functions/staff-authorizer/handler.ts');
    vi.stubEnv(environmentNames.metricsNamespace, undefined);
    const expired = await provider.mint(staffClaims.citySupervisor, { expiresAt: nowSeconds() - 120 });
    const allowed = await provider.mint(staffClaims.citySupervisor);
    const context = { awsRequestId: 'req-metrics', functionName: 'staff-authorizer' } as Context;

    // Act
    const refusal = observed.handler(tokenEvent(expired), context);
    await expect(refusal).rejects.toThrow(/^Unauthorized$/);
    await observed.handler(tokenEvent(allowed), context);

    // Assess
    const records = output
      .join('')
      .split('\n')
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toEqual([expect.objectContaining({ service: 'staff-authorizer', StaffUnauthenticated: 1 })]);
  });

  it('counts the lockout of an address once, and each request refused while it lasts', async () => {
    // Prepare
    vi.resetModules();
    vi.stubEnv(environmentNames.metricsNamespace, metricsNamespace);
    const observed = await import('#functions/staff-authorizer/handler.ts');
    vi.stubEnv(environmentNames.metricsNamespace, undefined);
    const context = { awsRequestId: 'req-lockout-metrics', functionName: 'staff-authorizer' } as Context;

    // Act
    for (let attempt = 0; attempt < failuresBeforeLockout; attempt += 1) {
      await observed.handler(requestEvent('Bearer not-a-token'), context).catch(() => undefined);
    }
    await observed.handler(requestEvent('Bearer not-a-token'), context);
    await observed.handler(requestEvent('Bearer not-a-token'), context);

    // Assess
    const records = output
      .join('')
      .split('\n')
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as Record<string, number>);
    expect(records.filter((record) => record['StaffLockouts'] !== undefined).map((record) => record['StaffLockouts'])).toEqual([1]);
    expect(records.filter((record) => record['StaffLockedOutRequests'] !== undefined)).toHaveLength(2);
  });
});

describe('staff authorizer: audit', () => {
  it('audits a sign-in once, on its first use, however many requests and refreshed tokens follow', async () => {
    // Prepare: two tokens of one sign-in (the second a refresh), and another sign-in of the same person.
    const signedInAt = nowSeconds() - 600;
    const subject = `audit-${address}`;
    const first = await provider.mint(staffClaims.districtSupervisor, { subject, authTime: signedInAt, issuedAt: signedInAt });
    const refreshed = await provider.mint(staffClaims.districtSupervisor, { subject, authTime: signedInAt });
    const again = await provider.mint(staffClaims.districtSupervisor, { subject, authTime: signedInAt + 60 });

    // Act
    for (const token of [first, first, refreshed, first, again]) await authorizer.authorizeStaff(tokenEvent(token));

    // Assess
    const signIns = (await auditEntries()).filter((entry) => entry['action'] === 'staff.signIn' && entry['actor'] === `districtSupervisor:${subject}`);
    expect(signIns).toEqual([
      expect.objectContaining({
        outcome: 'allowed',
        target: 'jurisdiction:haidian',
        reason: `signed in ${new Date(signedInAt * 1000).toISOString()} with a second factor`,
      }),
      expect.objectContaining({ outcome: 'allowed', reason: `signed in ${new Date((signedInAt + 60) * 1000).toISOString()} with a second factor` }),
    ]);
  });

  it('audits every denial with the role, the subject, the route and the reason', async () => {
    // Prepare
    const subject = `denied-${address}`;
    const withoutFactor = await provider.mint({ ...staffClaims.districtSupervisor, amr: ['pwd'] }, { subject });
    const auditor = await provider.mint(staffClaims.auditor, { subject });

    // Act
    await authorizer.authorizeStaff(tokenEvent(withoutFactor));
    await authorizer.authorizeStaff(tokenEvent(auditor));

    // Assess
    const denials = (await auditEntries()).filter((entry) => entry['action'] === 'staff.access' && String(entry['actor']).endsWith(`:${subject}`));
    expect(denials).toEqual([
      expect.objectContaining({ outcome: 'denied', actor: `districtSupervisor:${subject}`, target: 'GET /v1/alerts', reason: 'secondFactorRequired' }),
      expect.objectContaining({ outcome: 'denied', actor: `auditor:${subject}`, target: 'GET /v1/alerts', reason: 'roleNotAllowed' }),
    ]);
  });

  it('audits a token that does not authenticate under the hash of its address, never its claims or the token', async () => {
    // Prepare
    const token = await provider.mint(staffClaims.citySupervisor, { subject: 'expired-subject-for-audit', expiresAt: nowSeconds() - 120 });

    // Act
    await authorizer.authorizeStaff(tokenEvent(token)).catch(() => undefined);

    // Assess
    const refusals = (await auditEntries()).filter((entry) => entry['actor'] === `address:${sourceAddressKey(address)}`);
    expect(refusals).toEqual([expect.objectContaining({ action: 'staff.signIn', outcome: 'refused', target: 'GET /v1/alerts', reason: 'expired' })]);
    const stored = JSON.stringify(await auditEntries());
    for (const secret of [token, 'expired-subject-for-audit', address]) expect(stored).not.toContain(secret);
  });
});

describe('staff authorizer: lockout after repeated failed authentication', () => {
  it('locks an address out at the threshold, raises one security event, and then denies even a genuine token from it', async () => {
    // Prepare
    const genuine = await provider.mint(staffClaims.citySupervisor);
    const forged = await provider.mint(staffClaims.citySupervisor, { signer: 'forgedSameKid' });

    // Act
    const refusals: unknown[] = [];
    for (let attempt = 0; attempt < failuresBeforeLockout; attempt += 1) {
      refusals.push(await authorizer.authorizeStaff(tokenEvent(forged)).catch((error: Error) => error.message));
    }
    const afterwards = await authorizer.authorizeStaff(tokenEvent(genuine));
    const fromElsewhere = await authorizer.authorizeStaff(tokenEvent(genuine, alertsArn, '203.0.113.77'));

    // Assess
    expect(refusals).toEqual(Array.from({ length: failuresBeforeLockout }, () => 'Unauthorized'));
    expect(afterwards.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
    expect(afterwards.context).toBeUndefined();
    expect(fromElsewhere.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
    const events = await db.documentClient.send(
      new QueryCommand({
        TableName: db.tables.security,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `EVENTS#${shanghaiDate(new Date())}` },
        ConsistentRead: true,
      }),
    );
    const lockouts = (events.Items ?? []).filter((item) => item['subject'] === `address:${sourceAddressKey(address)}`);
    expect(lockouts).toEqual([
      expect.objectContaining({
        kind: 'authenticationFailures',
        source: 'staff-authorizer',
        detail: expect.objectContaining({ failures: failuresBeforeLockout, windowMinutes: 15, network: '198.51.100.0/24' }),
      }),
    ]);
    const lines = output
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ securityEvent: 'authenticationFailures', subject: `address:${sourceAddressKey(address)}` }));
    expect(lines.at(-2)).toMatchObject({ decision: 'deny', reason: 'addressLockedOut' });
    expect(JSON.stringify(events.Items)).not.toContain(address);
  });

  it("locks out the viewer behind the site's CloudFront edge, not the edge: other viewers through it still sign in", async () => {
    // Prepare: every request arrives from one edge address; the distribution names each viewer.
    const edge = '130.176.0.15';
    const [attacker, colleague] = [`192.0.2.${nextAddress}`, `192.0.2.${nextAddress + 100}`];
    nextAddress += 1;
    const throughSite = (token: string, viewer: string): APIGatewayRequestAuthorizerEvent => {
      const event = tokenEvent(token, alertsArn, edge);
      return { ...event, headers: { ...event.headers, 'X-Viewer-Address': viewer } };
    };
    const genuine = await provider.mint(staffClaims.citySupervisor);
    const forged = await provider.mint(staffClaims.citySupervisor, { signer: 'forgedSameKid' });

    // Act
    for (let attempt = 0; attempt < failuresBeforeLockout; attempt += 1) await authorizer.authorizeStaff(throughSite(forged, attacker)).catch(() => undefined);
    const attackerAfterwards = await authorizer.authorizeStaff(throughSite(genuine, attacker));
    const colleagueAfterwards = await authorizer.authorizeStaff(throughSite(genuine, colleague));
    const edgeItself = await authorizer.authorizeStaff(tokenEvent(genuine, alertsArn, edge));

    // Assess
    expect(attackerAfterwards.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
    expect(colleagueAfterwards.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
    expect(edgeItself.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
  });

  it('does not count genuine tokens that are denied (a second factor missing) against the address', async () => {
    // Prepare
    const withoutFactor = await provider.mint({ ...staffClaims.citySupervisor, amr: ['pwd'] });
    const genuine = await provider.mint(staffClaims.citySupervisor);

    // Act
    for (let attempt = 0; attempt < failuresBeforeLockout + 2; attempt += 1) await authorizer.authorizeStaff(tokenEvent(withoutFactor));
    const afterwards = await authorizer.authorizeStaff(tokenEvent(genuine));

    // Assess
    expect(afterwards.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
  });
});
