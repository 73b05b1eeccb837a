/**
 * A department's certificate revoked through the deployment configuration
 * (`departments[].revoked`): its role trusts no new Roles Anywhere session and denies its routes
 * outright, and the local API applies the role's policies to its signed calls as API Gateway does.
 * Its push is refused with 403 before any function runs; the other departments push as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalDeploymentConfig } from '#infra/local/deployment-configuration.ts';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { signedPost } from '../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const revokedDepartment = 'haishu-housing';
let started: TestRuntime;
let runtime: LocalRuntime;

beforeAll(async () => {
  const base = loadLocalDeploymentConfig();
  const config = {
    ...base,
    departments: base.departments.map((department) =>
      department.id === revokedDepartment ? { ...department, revoked: { since: '2026-03-01', reason: '私钥泄露 / private key compromised' } } : department,
    ),
  };
  started = await startTestRuntime('revocation', { config });
  runtime = started.runtime;
});

afterAll(async () => {
  await started?.dispose();
});

const credentialOf = (department: string): DepartmentCredential =>
  runtime.credentials.find((credential) => credential.department === department) as DepartmentCredential;
const push = (department: string, matterCode: string) =>
  signedPost(
    runtime.apiUrl,
    '/v1/records',
    JSON.stringify({
      records: [
        {
          kind: 'licensing',
          department,
          matterCode,
          caseId: `REV-${Date.now().toString(36)}`,
          sequence: 1,
          event: 'received',
          occurredAt: '2025-09-01T09:00:00+08:00',
        },
      ],
    }),
    credentialOf(department),
  );

describe('a revoked department', () => {
  it('is refused with 403 as API Gateway refuses an IAM caller its role denies, before any function runs', async () => {
    // Act
    const reply = await push(revokedDepartment, 'construction-permit');

    // Assess
    expect(reply.status).toBe(403);
    expect(reply.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(reply.json.title).toMatch(
      /^User: arn:aws-cn:sts::000000000000:assumed-role\/revocation[a-z0-9]+-department-haishu-housing\/local is not authorized to perform: execute-api:Invoke on resource: .*\/POST\/v1\/records with an explicit deny$/,
    );
  });

  it('leaves every other department pushing as before', async () => {
    // Act
    const reply = await push('haishu-market-regulation', 'food-business-licence');

    // Assess
    expect(reply.status, JSON.stringify(reply.json)).toBe(202);
    expect(reply.json.results.map((result: { status: string }) => result.status)).toEqual(['accepted']);
  });
});
