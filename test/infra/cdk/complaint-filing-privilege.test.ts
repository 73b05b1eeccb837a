/**
 * The public complaint filing cannot open personal data (issue: "the public complaint intake
 * cannot decrypt stored personal data"): what the synthesized templates grant its role and what
 * the personal-data key policy refuses it, read from the templates CDK deploys, and the two
 * evaluated together by the IAM evaluator the local runtime uses, as KMS would evaluate them.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import type { CfnKey, Key } from 'aws-cdk-lib/aws-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitionOf } from '#infra/cdk/deployment-config.ts';
import { readLocalDeployment, type DeployedFunction, type LocalDeployment } from '#infra/local/deployment/local-deployment.ts';
import { IamAuthorizer, type IamPrincipal } from '#infra/local/iam/iam-authorizer.ts';
import { personalDataPurpose } from '#shared/adapters/kms/kms-personal-data-protector.ts';
import { periodKeyPolicy, periodKeyTags } from '#shared/adapters/kms/personal-data-key-policy.ts';
import { environmentNames, routes } from '#shared/topology.ts';
import { synthesizeDeployments, type SynthesizedDeployment } from './synthesize-deployments.ts';

type Resource = { Properties: Record<string, any> };

const filing = 'complaint-filing';
const followUp = 'complaint-follow-up';

let deployments: readonly SynthesizedDeployment[];
let dispose = (): void => {};

beforeAll(() => {
  // cdk-nag runs on the same stacks in security-checks.test.ts; here only the templates matter.
  ({ deployments, dispose } = synthesizeDeployments({ securityChecks: false }));
}, 120_000);

afterAll(() => dispose());

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const resources = (template: Template, type: string): Record<string, Resource> => template.findResources(type) as Record<string, Resource>;

/** Whether an IAM pattern (`*` and `?` wildcards, case-insensitive, as IAM matches actions and ARNs) matches a value. */
const iamPatternMatches = (pattern: string, value: string): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  ).test(value);

/** The Lambda function resource of a topology function, and its role's logical id and name. */
function functionOf(deployment: SynthesizedDeployment, name: string) {
  const fn = Object.values(resources(deployment.stateless, 'AWS::Lambda::Function')).find(
    (candidate) => candidate.Properties.FunctionName === `${deployment.config.prefix}-${name}`,
  );
  if (fn === undefined) throw new Error(`no function ${name}`);
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  const roleName = resources(deployment.stateless, 'AWS::IAM::Role')[roleId]?.Properties.RoleName as string | undefined;
  return { fn, roleId, roleName: roleName ?? '' };
}

/** Every allowed (action, resource, condition) of a role's policies, one per action and resource. */
const grantsOf = (deployment: SynthesizedDeployment, roleId: string) =>
  Object.values(resources(deployment.stateless, 'AWS::IAM::Policy'))
    .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap((policy) => asArray<any>(policy.Properties.PolicyDocument.Statement))
    .filter((statement) => statement.Effect === 'Allow')
    .flatMap((statement) =>
      asArray<string>(statement.Action).flatMap((action) =>
        asArray<unknown>(statement.Resource).map((resource) => ({ action, resource: JSON.stringify(resource), condition: statement.Condition })),
      ),
    );

const keyLogicalId = (deployment: SynthesizedDeployment, key: Key): string => deployment.stage.stateful.getLogicalId(key.node.defaultChild as CfnKey);

/** The role-name pattern (`<prefix>-pd-open-*`) a Deny statement of the personal-data key policy exempts through `ArnNotLike aws:PrincipalArn`. */
function exemptRoleNamePattern(deployment: SynthesizedDeployment, sid: string): string {
  const key = resources(deployment.stateful, 'AWS::KMS::Key')[keyLogicalId(deployment, deployment.stage.stateful.personalDataKeys.dataKey)]!;
  const statement = asArray<any>(key.Properties.KeyPolicy.Statement).find((candidate) => candidate.Sid === sid);
  const arnPattern = statement?.Condition?.ArnNotLike?.['aws:PrincipalArn'];
  const parts: unknown[] = arnPattern?.['Fn::Join']?.[1] ?? [arnPattern];
  const tail = String(parts[parts.length - 1] ?? '');
  if (statement?.Effect !== 'Deny' || !tail.includes(':role/')) throw new Error(`no Deny statement ${sid} exempting a role pattern`);
  return tail.slice(tail.indexOf(':role/') + ':role/'.length);
}

describe('the public complaint filing', () => {
  it('is the function of POST /v1/public/complaints, and of no other route', () => {
    // Act
    const served = routes.filter((route) => route.function === filing).map((route) => `${route.method} ${route.path}`);

    // Assess
    expect(served).toEqual(['POST /v1/public/complaints']);
  });

  it('may generate data keys under the personal-data purpose on intake keys per period only, and lookup hashes, and unwrap none: no action pattern reaches kms:Decrypt or kms:ReEncrypt*', () => {
    for (const deployment of deployments) {
      // Prepare
      const { fn, roleId } = functionOf(deployment, filing);
      const variables = fn.Properties.Environment.Variables;
      const lookupHashKey = JSON.stringify(variables[environmentNames.lookupHashKey]);

      // Act
      const grants = grantsOf(deployment, roleId);
      // The keys per period (named by tag), the stack's own personal-data key, or any key.
      const onKeys = grants.filter(
        (grant) => grant.resource.includes(':key/*') || grant.resource.includes('PersonalDataKeysDataKey') || grant.resource === '"*"',
      );
      const unwrapping = onKeys.filter((grant) =>
        ['kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'].some((action) => iamPatternMatches(grant.action, action)),
      );

      // Assess
      expect(onKeys.filter((grant) => grant.action.startsWith('kms:')).map(({ action, condition }) => ({ action, condition }))).toEqual([
        {
          action: 'kms:GenerateDataKey',
          condition: {
            StringEquals: {
              'kms:EncryptionContext:purpose': personalDataPurpose,
              [`aws:ResourceTag/${periodKeyTags.deployment}`]: deployment.config.prefix,
              [`aws:ResourceTag/${periodKeyTags.purpose}`]: personalDataPurpose,
              [`aws:ResourceTag/${periodKeyTags.kind}`]: ['intake'],
            },
          },
        },
      ]);
      expect(grants.filter((grant) => grant.resource === lookupHashKey).map((grant) => grant.action)).toEqual(['kms:GenerateMac']);
      expect(unwrapping).toEqual([]);
    }
  });

  it('runs under a role the data key policy lets seal and refuses to decrypt for: among the personal-data roles, outside the opening ones', () => {
    for (const deployment of deployments) {
      // Prepare
      const anyPersonalDataRole = exemptRoleNamePattern(deployment, 'OnlyPersonalDataFunctionsSeal');
      const openingRole = exemptRoleNamePattern(deployment, 'OnlyOpeningFunctionsDecrypt');

      // Act
      const filingRole = functionOf(deployment, filing).roleName;
      const followUpRole = functionOf(deployment, followUp).roleName;

      // Assess
      expect(openingRole).toBe(`${deployment.config.prefix}-pd-open-*`);
      expect(filingRole).toBe(`${deployment.config.prefix}-pd-seal-${filing}`);
      expect(iamPatternMatches(anyPersonalDataRole, filingRole)).toBe(true);
      expect(iamPatternMatches(openingRole, filingRole)).toBe(false);
      // The follow-up opens notices and re-openings: the decrypt denial exempts it.
      expect(iamPatternMatches(openingRole, followUpRole)).toBe(true);
    }
  });

  it('adds to the oversight table without reading it or its indexes, and holds neither the audit store nor the notice font; it may only add security events and statistics', () => {
    for (const deployment of deployments) {
      // Prepare
      const { fn, roleId } = functionOf(deployment, filing);
      const oversightId = Object.entries(resources(deployment.stateful, 'AWS::DynamoDB::GlobalTable')).find(
        ([, table]) => table.Properties.TableName === `${deployment.config.prefix}-oversight`,
      )![0];

      // Act
      const securityId = Object.entries(resources(deployment.stateful, 'AWS::DynamoDB::GlobalTable')).find(
        ([, table]) => table.Properties.TableName === `${deployment.config.prefix}-security`,
      )![0];
      const casesId = Object.entries(resources(deployment.stateful, 'AWS::DynamoDB::GlobalTable')).find(
        ([, table]) => table.Properties.TableName === `${deployment.config.prefix}-cases`,
      )![0];
      const dynamoGrants = grantsOf(deployment, roleId).filter((grant) => grant.action.startsWith('dynamodb:'));
      const onSecurity = dynamoGrants.filter((grant) => grant.resource.includes(securityId));
      const onOversight = dynamoGrants.filter((grant) => grant.resource.includes(oversightId));
      const onCases = dynamoGrants.filter((grant) => grant.resource.includes(casesId));
      const variables = fn.Properties.Environment.Variables as Record<string, unknown>;

      // Assess
      expect(onOversight.map((grant) => grant.action)).toEqual(['dynamodb:PutItem']);
      expect(onOversight.map((grant) => grant.resource).join()).not.toContain('/index/');
      // A classified body refused is a security event: it adds one, and reads none.
      expect(onSecurity.map((grant) => grant.action)).toEqual(['dynamodb:PutItem']);
      // The complaint filed counts in its department's statistics: it adds to the aggregates' counters, and reads no case.
      expect(onCases.map((grant) => grant.action)).toEqual(['dynamodb:UpdateItem']);
      expect(onCases.map((grant) => grant.resource).join()).not.toContain('/index/');
      expect(onCases.map((grant) => grant.condition)).toEqual([{ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['STATS#*'] } }]);
      // Elsewhere it only looks up reference data.
      expect(
        [
          ...new Set(
            dynamoGrants.filter((grant) => ![oversightId, securityId, casesId].some((table) => grant.resource.includes(table))).map((grant) => grant.action),
          ),
        ].sort(),
      ).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
      expect(variables[environmentNames.tables.audit]).toBeUndefined();
      expect(variables[environmentNames.noticeFont]).toBeUndefined();
    }
  });
});

describe('unwrapping a data key, as KMS evaluates the role and the key policy together', () => {
  const read = new Map<SynthesizedDeployment, LocalDeployment>();

  /** The templates read as the local runtime reads them (names, ARNs, policies resolved). */
  const deployedOf = (deployment: SynthesizedDeployment): LocalDeployment => {
    const known = read.get(deployment);
    if (known) return known;
    const { config, stage } = deployment;
    const deployed = readLocalDeployment(
      [
        { stackName: stage.stateful.stackName, template: deployment.stateful.toJSON() },
        { stackName: stage.stateless.stackName, template: deployment.stateless.toJSON() },
      ],
      { partition: partitionOf(config), region: config.region, account: config.account, sqsEndpoint: 'http://127.0.0.1:9' },
      config.prefix,
    );
    read.set(deployment, deployed);
    return deployed;
  };

  const principalOf = (fn: DeployedFunction, partition: string, account: string, identityPolicies = fn.identityPolicies): IamPrincipal => ({
    name: fn.name,
    roleArn: fn.roleArn,
    sessionArn: `arn:${partition}:sts::${account}:assumed-role/${fn.roleName}/${fn.functionName}`,
    identityPolicies,
  });

  /** An intake key per period of the deployment, as the keeper creates it: its ARN, its key policy and its tags as request context. */
  const intakeKeyOf = (deployment: SynthesizedDeployment) => {
    const { account, prefix, region } = deployment.config;
    const partition = partitionOf(deployment.config);
    const arn = `arn:${partition}:kms:${region}:${account}:key/5f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5`;
    const keeperRoleArn = `arn:${partition}:iam::${account}:role/${prefix}-personal-data-keys`;
    const tags = {
      [`aws:ResourceTag/${periodKeyTags.deployment}`]: prefix,
      [`aws:ResourceTag/${periodKeyTags.purpose}`]: personalDataPurpose,
      [`aws:ResourceTag/${periodKeyTags.kind}`]: 'intake',
      [`aws:ResourceTag/${periodKeyTags.period}`]: '2026-11',
    };
    return { arn, policy: periodKeyPolicy({ partition, account, prefix, keeperRoleArn }), tags };
  };

  it('refuses the filing kms:Decrypt by its own role policy and by the key policy, each on its own, and allows the follow-up', async () => {
    for (const deployment of deployments) {
      // Prepare
      const deployed = deployedOf(deployment);
      const { account } = deployment.config;
      const partition = partitionOf(deployment.config);
      const filingFunction = deployed.functions.get(filing)!;
      const followUpFunction = deployed.functions.get(followUp)!;
      const key = intakeKeyOf(deployment);
      const withKeyPolicy = new IamAuthorizer({ account, resourcePolicyOf: (arn) => (arn === key.arn ? key.policy : deployed.resourcePolicyOf(arn)) });
      const roleOnly = new IamAuthorizer({ account });
      const decrypt = [
        {
          action: 'kms:Decrypt',
          resource: key.arn,
          context: { ...key.tags, 'kms:EncryptionContext:purpose': personalDataPurpose, 'kms:EncryptionContext:context': 'TS20261127AAAAAAAA' },
        },
      ];
      // The filing's role as if someone had given it the follow-up's grants: only the key policy stands in the way.
      const filingWithOpeningGrants = principalOf(filingFunction, partition, account, followUpFunction.identityPolicies);

      // Act
      const asFiling = await withKeyPolicy.authorize(principalOf(filingFunction, partition, account), decrypt);
      const byRolePolicyAlone = await roleOnly.authorize(principalOf(filingFunction, partition, account), decrypt);
      const byKeyPolicyAlone = await withKeyPolicy.authorize(filingWithOpeningGrants, decrypt);
      const asFollowUp = await withKeyPolicy.authorize(principalOf(followUpFunction, partition, account), decrypt);

      // Assess
      expect(asFiling).toMatchObject({ allowed: false });
      expect(byRolePolicyAlone).toMatchObject({
        allowed: false,
        message: expect.stringContaining('because no identity-based policy allows the kms:Decrypt action'),
      });
      expect(byKeyPolicyAlone).toMatchObject({ allowed: false, message: expect.stringContaining('with an explicit deny in a resource-based policy') });
      expect(asFollowUp).toEqual({ allowed: true });
    }
  });

  it('lets the filing generate a data key under the personal-data purpose on an intake key and a lookup hash, as filing needs, and no other key', async () => {
    for (const deployment of deployments) {
      // Prepare
      const deployed = deployedOf(deployment);
      const { account } = deployment.config;
      const filingFunction = deployed.functions.get(filing)!;
      const key = intakeKeyOf(deployment);
      const authorizer = new IamAuthorizer({ account, resourcePolicyOf: (arn) => (arn === key.arn ? key.policy : deployed.resourcePolicyOf(arn)) });
      const principal = principalOf(filingFunction, partitionOf(deployment.config), account);
      const context = { 'kms:EncryptionContext:purpose': personalDataPurpose, 'kms:EncryptionContext:context': 'TS20261127AAAAAAAA' };
      const generate = (tags: Record<string, string>, extra: Record<string, string> = {}) =>
        authorizer.authorize(principal, [{ action: 'kms:GenerateDataKey', resource: key.arn, context: { ...tags, ...context, ...extra } }]);

      // Act
      const dataKey = await generate(key.tags);
      const lookupHash = await authorizer.authorize(principal, [
        { action: 'kms:GenerateMac', resource: filingFunction.environment[environmentNames.lookupHashKey]!, context: {} },
      ]);
      const otherPurpose = await generate(key.tags, { 'kms:EncryptionContext:purpose': 'other' });
      const retentionKey = await generate({ ...key.tags, [`aws:ResourceTag/${periodKeyTags.kind}`]: 'retention' });
      const otherDeployment = await generate({ ...key.tags, [`aws:ResourceTag/${periodKeyTags.deployment}`]: 'someone-else' });

      // Assess
      expect(dataKey).toEqual({ allowed: true });
      expect(lookupHash).toEqual({ allowed: true });
      expect(otherPurpose).toMatchObject({ allowed: false });
      expect(retentionKey).toMatchObject({ allowed: false });
      expect(otherDeployment).toMatchObject({ allowed: false });
    }
  });
});
