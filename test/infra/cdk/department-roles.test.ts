/**
 * The departments' roles in the template: trust through the configured Roles Anywhere trust
 * anchor only (never any anchor of the account), for a certificate of the configured CA naming
 * the department; and a department revoked in the configuration, whose role trusts no session and
 * denies its routes, the security checks (cdk-nag) passing all the same.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentRoleName, loadDeploymentConfigs, parseDeploymentConfig, trustAnchorId, type DeploymentConfig } from '#infra/cdk/deployment-config.ts';
import { problemsOf, validConfig } from './deployment-config-mother.ts';
import { synthesizeDeployments, type SynthesizedDeployment } from './synthesize-deployments.ts';

let deployments: readonly SynthesizedDeployment[];
let revoked: SynthesizedDeployment;
let dispose = (): void => {};
const revokedDepartment = 'ningbo-housing';

beforeAll(() => {
  const [beijing, ...others] = loadDeploymentConfigs();
  const withRevocation: DeploymentConfig = {
    ...beijing!,
    name: 'revocation-check',
    prefix: 'esup-revoked',
    departments: beijing!.departments.map((department) =>
      department.id === revokedDepartment ? { ...department, revoked: { since: '2026-03-01', reason: '私钥泄露 / private key compromised' } } : department,
    ),
  };
  const app = synthesizeDeployments({ configs: [beijing!, ...others, withRevocation] });
  deployments = app.deployments.slice(0, -1);
  revoked = app.deployments.at(-1)!;
  dispose = app.dispose;
}, 180_000);

afterAll(() => dispose());

type Statement = { Effect: string; Action: string | string[]; Condition?: Record<string, Record<string, unknown>>; Resource?: unknown };

const roleNamed = (template: Template, roleName: string): { logicalId: string; trust: Statement[] } => {
  const [logicalId, role] = Object.entries(template.findResources('AWS::IAM::Role', { Properties: { RoleName: roleName } }))[0] ?? [];
  if (logicalId === undefined) throw new Error(`no role ${roleName}`);
  return { logicalId, trust: (role as { Properties: { AssumeRolePolicyDocument: { Statement: Statement[] } } }).Properties.AssumeRolePolicyDocument.Statement };
};

const identityStatements = (template: Template, roleLogicalId: string): Statement[] =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify((policy as { Properties: { Roles: unknown } }).Properties.Roles) === JSON.stringify([{ Ref: roleLogicalId }]))
    .flatMap((policy) => (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement);

describe('department roles: whose certificates they trust', () => {
  it("trusts the configured trust anchor by its exact ARN, in the deployment's partition, region and account", () => {
    for (const deployment of deployments) {
      for (const department of deployment.config.departments) {
        // Act
        const { trust } = roleNamed(deployment.stateless, departmentRoleName(deployment.config.prefix, department.id));

        // Assess
        expect(trust).toHaveLength(1);
        expect(trust[0]?.Condition?.['ArnLike']).toBeUndefined();
        expect(JSON.stringify(trust[0]?.Condition?.['ArnEquals'])).toBe(
          JSON.stringify({
            'aws:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  `:rolesanywhere:${deployment.config.region}:${deployment.config.account}:trust-anchor/${trustAnchorId(deployment.config)}`,
                ],
              ],
            },
          }),
        );
        expect(JSON.stringify(trust)).not.toContain('trust-anchor/*');
      }
    }
  });

  it("requires the issuing CA's name and the department's own CN as Roles Anywhere maps them", () => {
    for (const deployment of deployments) {
      const [department] = deployment.config.departments;

      // Act
      const { trust } = roleNamed(deployment.stateless, departmentRoleName(deployment.config.prefix, department!.id));

      // Assess
      expect(trust[0]?.Condition?.['StringEquals']).toMatchObject({
        'aws:PrincipalTag/x509Subject/CN': department!.id,
        'aws:PrincipalTag/x509Issuer/CN': deployment.config.departmentCertificates.issuerCommonName,
      });
    }
  });
});

describe('department roles: a revoked department', () => {
  it('trusts no Roles Anywhere session: the only trust statement is a deny', () => {
    // Act
    const { trust } = roleNamed(revoked.stateless, departmentRoleName(revoked.config.prefix, revokedDepartment));

    // Assess
    expect(trust).toEqual([
      { Effect: 'Deny', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'] },
    ]);
  });

  it('denies its routes outright, so the sessions it already holds stop at once, and allows nothing', () => {
    // Act
    const { logicalId } = roleNamed(revoked.stateless, departmentRoleName(revoked.config.prefix, revokedDepartment));
    const statements = identityStatements(revoked.stateless, logicalId);

    // Assess
    expect(statements.map((statement) => [statement.Effect, statement.Action])).toEqual([['Deny', 'execute-api:Invoke']]);
  });

  it('leaves the other departments as they were', () => {
    // Act
    const others = revoked.config.departments.filter((department) => department.id !== revokedDepartment);

    // Assess
    for (const department of others) {
      const { logicalId, trust } = roleNamed(revoked.stateless, departmentRoleName(revoked.config.prefix, department.id));
      expect(trust.map((statement) => statement.Effect)).toEqual(['Allow']);
      expect(identityStatements(revoked.stateless, logicalId).map((statement) => statement.Effect)).toEqual(['Allow']);
    }
  });
});

describe('department certificates in the configuration', () => {
  it('takes the trust anchor as an ARN of the deployment or as a bare id', () => {
    // Act
    const byId = parseDeploymentConfig(validConfig(), 'test.json');
    const byArn = parseDeploymentConfig(
      {
        ...validConfig(),
        departmentCertificates: {
          ...validConfig().departmentCertificates,
          trustAnchor: 'arn:aws-cn:rolesanywhere:cn-north-1:111122223333:trust-anchor/0f1e2d3c-4b5a-4697-8877-665544332211',
        },
      },
      'test.json',
    );

    // Assess
    expect(trustAnchorId(byId)).toBe('0f1e2d3c-4b5a-4697-8877-665544332211');
    expect(trustAnchorId(byArn)).toBe('0f1e2d3c-4b5a-4697-8877-665544332211');
  });

  it.each([
    [
      'of another account',
      'arn:aws-cn:rolesanywhere:cn-north-1:999988887777:trust-anchor/0f1e2d3c-4b5a-4697-8877-665544332211',
      /信任锚须属于本部署.*account 111122223333/,
    ],
    ['of another region', 'arn:aws-cn:rolesanywhere:cn-northwest-1:111122223333:trust-anchor/0f1e2d3c-4b5a-4697-8877-665544332211', /region cn-north-1/],
    ['of another partition', 'arn:aws:rolesanywhere:cn-north-1:111122223333:trust-anchor/0f1e2d3c-4b5a-4697-8877-665544332211', /partition aws-cn/],
    ['that is a wildcard', 'arn:aws-cn:rolesanywhere:cn-north-1:111122223333:trust-anchor/*', /trust anchor ARN, or its id/],
    ['that is no trust anchor', 'arn:aws-cn:rolesanywhere:cn-north-1:111122223333:profile/0f1e2d3c-4b5a-4697-8877-665544332211', /trust anchor ARN, or its id/],
  ])('refuses a trust anchor %s, naming the field', (_case, trustAnchor, message) => {
    // Act
    const problems = problemsOf({ ...validConfig(), departmentCertificates: { ...validConfig().departmentCertificates, trustAnchor } });

    // Assess
    expect(problems).toEqual([{ field: 'departmentCertificates.trustAnchor', message: expect.stringMatching(message) }]);
  });

  it('refuses a configuration without the department certificates, and an issuer name with wildcards', () => {
    // Prepare
    const { departmentCertificates: _left, ...without } = validConfig();

    // Act
    const missing = problemsOf(without);
    const wildcard = problemsOf({ ...validConfig(), departmentCertificates: { ...validConfig().departmentCertificates, issuerCommonName: '* CA' } });

    // Assess
    expect(missing.map((problem) => problem.field)).toEqual(['departmentCertificates']);
    expect(wildcard).toEqual([{ field: 'departmentCertificates.issuerCommonName', message: 'the exact name, without wildcards' }]);
  });

  it('refuses a revocation without a day or a reason', () => {
    // Prepare
    const [department] = validConfig().departments;

    // Act
    const problems = problemsOf({ ...validConfig(), departments: [{ ...department!, revoked: { since: 'last week', reason: '' } }] });

    // Assess
    expect(problems.map((problem) => problem.field).sort()).toEqual(['departments[0].revoked.reason', 'departments[0].revoked.since']);
  });
});
