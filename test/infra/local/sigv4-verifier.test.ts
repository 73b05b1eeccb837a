import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import aws4 from 'aws4';
import { describe, expect, it } from 'vitest';
import { departmentCredentials, generateDepartmentCredential } from '#infra/local/department-credentials.ts';
import { type SignedRequest, verifySigV4 } from '#infra/local/sigv4-verifier.ts';

const region = 'cn-north-1';
const host = '127.0.0.1:3000';
const market = generateDepartmentCredential('haishu-market-regulation');
const housing = generateDepartmentCredential('haishu-housing');
const credentials = departmentCredentials([market, housing]);
const options = { region, lookup: credentials.byAccessKeyId };

const batch = JSON.stringify({
  records: [
    {
      kind: 'licensing',
      event: 'received',
      department: 'haishu-market-regulation',
      matterCode: 'food-business-licence',
      caseId: 'HS-2026-0001',
      sequence: 1,
      occurredAt: '2026-03-02T09:30:00+08:00',
    },
  ],
});

/** The request as the server reads it off the wire: lower-case header names, raw path and query. */
const received = (input: { method: string; pathAndQuery: string; headers: Record<string, string | number | undefined>; body: string }): SignedRequest => {
  const [path = '/', rawQuery = ''] = input.pathAndQuery.split('?');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = String(value);
  }
  return { method: input.method, path, rawQuery, headers, body: Buffer.from(input.body) };
};

/** Signs with the `aws4` package, as a department's Node client might. */
const signWithAws4 = (pathAndQuery: string, body: string, credential = market, method = 'POST'): SignedRequest => {
  const signed = aws4.sign(
    { host, method, path: pathAndQuery, body, service: 'execute-api', region, headers: { 'content-type': 'application/json' } },
    { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
  );
  return received({ method, pathAndQuery: signed.path ?? pathAndQuery, headers: { ...(signed.headers as Record<string, string>), host }, body });
};

/** Signs with the AWS SDK's SignatureV4, as the SDK's own clients do. */
const signWithSdk = async (path: string, query: Record<string, string>, body: string, signingDate = new Date()): Promise<SignedRequest> => {
  const signer = new SignatureV4({
    service: 'execute-api',
    region,
    sha256: Sha256,
    credentials: { accessKeyId: market.accessKeyId, secretAccessKey: market.secretAccessKey },
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 3000,
      path,
      query,
      headers: { host, 'content-type': 'application/json', 'user-agent': 'aws-sdk-js/3' },
      body,
    },
    { signingDate },
  );
  const rawQuery = new URLSearchParams(query).toString();
  return received({ method: 'POST', pathAndQuery: rawQuery ? `${path}?${rawQuery}` : path, headers: signed.headers, body });
};

describe('SigV4 verifier: accepted signatures', () => {
  it('accepts a batch signed by the aws4 package and names the signing department', async () => {
    // Prepare
    const request = signWithAws4('/v1/records', batch);

    // Act
    const verdict = await verifySigV4(request, options);

    // Assess
    expect(verdict).toEqual({ ok: true, credential: market });
  });

  it('accepts a batch signed by the AWS SDK signer, x-amz-content-sha256 included', async () => {
    // Prepare
    const request = await signWithSdk('/v1/records', {}, batch);

    // Act
    const verdict = await verifySigV4(request, options);

    // Assess
    expect(request.headers['x-amz-content-sha256']).toBeDefined();
    expect(verdict.ok).toBe(true);
  });

  it('accepts query parameters sent in another order than the canonical one', async () => {
    // Prepare
    const request = await signWithSdk('/v1/alerts', { status: 'open', level: 'warning', district: 'haishu' }, '');

    // Act
    const verdict = await verifySigV4(request, options);

    // Assess
    expect(request.rawQuery).toBe('status=open&level=warning&district=haishu');
    expect(verdict.ok).toBe(true);
  });

  it('accepts an aws4-signed request with path parameters and an encoded query value', async () => {
    // Prepare
    const request = signWithAws4('/v1/cases/haishu-housing/HS-2026:7/timeline?cursor=a%20b&limit=20', '', housing, 'GET');

    // Act
    const verdict = await verifySigV4(request, options);

    // Assess
    expect(verdict).toMatchObject({ ok: true, credential: { department: 'haishu-housing' } });
  });
});

describe('SigV4 verifier: refused signatures', () => {
  it('refuses a body changed after signing', async () => {
    // Prepare
    const request = { ...signWithAws4('/v1/records', batch), body: Buffer.from(batch.replace('HS-2026-0001', 'HS-2026-0002')) };

    // Act
    const verdict = await verifySigV4(request, options);

    // Assess
    expect(verdict).toMatchObject({ ok: false, reason: 'signatureMismatch' });
  });

  it('refuses a body that does not match its declared x-amz-content-sha256', async () => {
    // Prepare
    const signed = await signWithSdk('/v1/records', {}, batch);
    const request = { ...signed, body: Buffer.from(`${batch} `) };

    // Act
    const verdict = await verifySigV4(request, options);

    // Assess
    expect(verdict).toMatchObject({ ok: false, reason: 'bodyHashMismatch' });
  });

  it('refuses a signature made with the wrong secret', async () => {
    // Prepare
    const forged = { ...market, secretAccessKey: housing.secretAccessKey };
    const request = signWithAws4('/v1/records', batch, forged);

    // Act
    const verdict = await verifySigV4(request, options);

    // Assess
    expect(verdict).toMatchObject({ ok: false, reason: 'signatureMismatch' });
  });

  it("refuses an access key nobody was given, with API Gateway's message", async () => {
    // Prepare
    const stranger = generateDepartmentCredential('haishu-market-regulation');
    const request = signWithAws4('/v1/records', batch, stranger);

    // Act
    const verdict = await verifySigV4(request, options);

    // Assess
    expect(verdict).toEqual({
      ok: false,
      reason: 'unknownAccessKey',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('refuses a replay of a request signed more than 5 minutes ago', async () => {
    // Prepare
    const request = signWithAws4('/v1/records', batch);
    const sixMinutesLater = () => new Date(Date.now() + 6 * 60_000);

    // Act
    const verdict = await verifySigV4(request, { ...options, now: sixMinutesLater });

    // Assess
    expect(verdict).toMatchObject({ ok: false, reason: 'signatureExpired' });
    expect(verdict.ok ? '' : verdict.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than/);
  });

  it('still accepts a request signed 4 minutes ago', async () => {
    // Prepare
    const request = await signWithSdk('/v1/records', {}, batch, new Date(Date.now() - 4 * 60_000));

    // Act
    const verdict = await verifySigV4(request, options);

    // Assess
    expect(verdict.ok).toBe(true);
  });

  it('refuses a request dated more than 5 minutes ahead', async () => {
    // Prepare
    const request = await signWithSdk('/v1/records', {}, batch, new Date(Date.now() + 6 * 60_000));

    // Act
    const verdict = await verifySigV4(request, options);

    // Assess
    expect(verdict).toMatchObject({ ok: false, reason: 'signatureNotYetCurrent' });
  });

  it('refuses a signature scoped to another region', async () => {
    // Prepare
    const request = signWithAws4('/v1/records', batch);

    // Act
    const verdict = await verifySigV4(request, { ...options, region: 'cn-northwest-1' });

    // Assess
    expect(verdict).toMatchObject({ ok: false, reason: 'wrongScope' });
  });

  it('refuses a signature that does not cover the host header', async () => {
    // Prepare
    const request = signWithAws4('/v1/records', batch);
    const authorization = String(request.headers.authorization).replace(/SignedHeaders=[^,]+/, 'SignedHeaders=x-amz-date');
    const stripped = { ...request, headers: { ...request.headers, authorization } };

    // Act
    const verdict = await verifySigV4(stripped, options);

    // Assess
    expect(verdict).toMatchObject({ ok: false, reason: 'malformedAuthorization' });
  });

  it('refuses a request without x-amz-date', async () => {
    // Prepare
    const request = signWithAws4('/v1/records', batch);
    const { 'x-amz-date': _removed, ...headers } = request.headers;

    // Act
    const verdict = await verifySigV4({ ...request, headers }, options);

    // Assess
    expect(verdict).toMatchObject({ ok: false, reason: 'malformedAuthorization' });
  });

  it('refuses a malformed Authorization header', async () => {
    // Prepare
    const request = signWithAws4('/v1/records', batch);
    const malformed = { ...request, headers: { ...request.headers, authorization: 'AWS4-HMAC-SHA256 Credential=abc' } };

    // Act
    const verdict = await verifySigV4(malformed, options);

    // Assess
    expect(verdict).toMatchObject({ ok: false, reason: 'malformedAuthorization' });
    expect(verdict.ok ? '' : verdict.message).toContain("requires 'Signature' parameter");
  });

  it('refuses a request with no Authorization header', async () => {
    // Prepare
    const request = received({ method: 'POST', pathAndQuery: '/v1/records', headers: { host }, body: batch });

    // Act
    const verdict = await verifySigV4(request, options);

    // Assess
    expect(verdict).toEqual({ ok: false, reason: 'missingAuthentication', message: 'Missing Authentication Token' });
  });
});
