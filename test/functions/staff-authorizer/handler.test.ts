import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { APIGatewayTokenAuthorizerEvent, Context } from 'aws-lambda';
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

type AuthorizerModule = typeof import('#functions/staff-authorizer/handler.ts');

const alertsArn = 'arn:aws-cn:execute-api:cn-north-1:123456789012:a1b2c3d4e5/prod/GET/v1/alerts';
const timelineArn =
  'arn:aws:execute-api:local:000000000000:local/local/GET/v1/cases/market-regulation/licensing/LIC-2026-0001/timeline';

const tokenEvent = (token: string, methodArn = alertsArn): APIGatewayTokenAuthorizerEvent => ({
  type: 'TOKEN',
  authorizationToken: `Bearer ${token}`,
  methodArn,
});

let provider: TestIdentityProvider;
let authorizer: AuthorizerModule;
/** Everything the authorizer writes to stdout and stderr (Powertools sends warnings to stderr). */
let output: string[];

beforeAll(async () => {
  provider = await startTestIdentityProvider();
  // The handler reads its configuration at import, as at a Lambda cold start.
  process.env[environmentNames.jwtIssuer] = provider.issuer;
  process.env[environmentNames.jwtAudience] = provider.audience;
  process.env[environmentNames.jwksUrl] = provider.jwksUrl;
  authorizer = await import('#functions/staff-authorizer/handler.ts');
});

afterAll(async () => {
  await provider.close();
});

beforeEach(() => {
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
      context: { subject: defaultSubject, role: 'citySupervisor', jurisdiction: 'city', department: '' },
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
    });
  });

  it('reads the bearer scheme in any letter case', async () => {
    // Prepare
    const token = await provider.mint(staffClaims.districtSupervisor);

    // Act
    const result = await authorizer.authorizeStaff({ ...tokenEvent(token), authorizationToken: `bEARER ${token}` });

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

  it.each([['', 'no header value'], ['Basic dXNlcjpwYXNz', 'another scheme'], ['Bearer ', 'an empty bearer']])(
    'refuses the authorization value %j (%s)',
    async (authorizationToken) => {
      // Act
      const decision = authorizer.authorizeStaff({ type: 'TOKEN', authorizationToken, methodArn: alertsArn });

      // Assess
      await expect(decision).rejects.toThrow(/^Unauthorized$/);
    },
  );
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
    const lines = output.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
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
    const configured = process.env[environmentNames.jwksUrl];
    process.env[environmentNames.jwksUrl] = 'http://idp.example.org/.well-known/jwks.json';

    try {
      // Act
      const loading = import('#functions/staff-authorizer/handler.ts');

      // Assess
      await expect(loading).rejects.toThrow(/https, or http on a loopback address/);
    } finally {
      process.env[environmentNames.jwksUrl] = configured;
    }
  });
});

describe('staff authorizer: metrics', () => {
  it('counts a refused token as unauthenticated, so the errors alarm can tell a 401 from a failure', async () => {
    // Prepare: a fresh cold start with the metrics namespace the stack sets.
    vi.resetModules();
    vi.stubEnv(environmentNames.metricsNamespace, metricsNamespace);
    const observed = await import('#functions/staff-authorizer/handler.ts');
    vi.unstubAllEnvs();
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
});
