/**
 * The audit trail in the templates (security.md, Audit): the digests under S3 Object Lock in
 * compliance mode for at least a year, encrypted, TLS only, never public, access logged; a bucket
 * policy that refuses every delete and retention change and any write of a digest that could
 * replace one, to every principal; a signing key only the sealer may use to sign; and no role of
 * the application able to update, overwrite or delete an entry or a digest.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDigestBucketName, auditSealerRoleName, auditSigningKeyAlias } from '#infra/cdk/constructs/audit-trail-store.ts';
import { environmentNames, functions, type FunctionSpec } from '#shared/topology.ts';
import { tableDesigns } from '#shared/tables.ts';
import { synthesizeDeployments, type SynthesizedDeployment } from './synthesize-deployments.ts';

type Resources = Record<string, { Properties: Record<string, any>; DeletionPolicy?: string }>;

let deployments: readonly SynthesizedDeployment[];
let dispose = (): void => {};

beforeAll(() => {
  ({ deployments, dispose } = synthesizeDeployments());
}, 120_000);

afterAll(() => dispose());

const resources = (template: Template, type: string): Resources => template.findResources(type) as Resources;
const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const digestBucketOf = (deployment: SynthesizedDeployment) => {
  const found = Object.entries(resources(deployment.stateful, 'AWS::S3::Bucket')).find(
    ([, bucket]) => bucket.Properties.BucketName === auditDigestBucketName(deployment.config),
  );
  if (!found) throw new Error('no digest bucket');
  return { logicalId: found[0], bucket: found[1] };
};

/** Every statement of every function role's policies, with the function it belongs to. */
const functionStatements = (deployment: SynthesizedDeployment): { fn: string; statement: any }[] => {
  const roleOf = new Map(
    Object.values(resources(deployment.stateless, 'AWS::Lambda::Function')).map((fn) => [
      fn.Properties.Role['Fn::GetAtt'][0] as string,
      String(fn.Properties.FunctionName).slice(deployment.config.prefix.length + 1),
    ]),
  );
  return Object.values(resources(deployment.stateless, 'AWS::IAM::Policy')).flatMap((policy) =>
    (policy.Properties.Roles as { Ref: string }[])
      .filter((role) => roleOf.has(role.Ref))
      .flatMap((role) => (policy.Properties.PolicyDocument.Statement as any[]).map((statement) => ({ fn: roleOf.get(role.Ref)!, statement }))),
  );
};

describe('the audit trail in the templates', () => {
  it('keeps the digests locked in compliance mode for the configured days, at least a year, versioned, encrypted with the data key and retained', () => {
    for (const deployment of deployments) {
      // Act
      const { bucket } = digestBucketOf(deployment);

      // Assess
      expect(deployment.config.retention.auditDays).toBeGreaterThanOrEqual(365);
      expect(bucket.Properties.ObjectLockEnabled).toBe(true);
      expect(bucket.Properties.ObjectLockConfiguration).toEqual({
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: deployment.config.retention.auditDays } },
      });
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      const encryption = bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0];
      expect(encryption.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
      expect(JSON.stringify(encryption.ServerSideEncryptionByDefault.KMSMasterKeyID)).toContain(
        deployment.stage.stateful.getLogicalId(deployment.stage.stateful.key.node.defaultChild as never),
      );
      expect(encryption.BucketKeyEnabled).toBe(true);
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toBeDefined();
      expect(bucket.DeletionPolicy).toBe('Retain');
    }
  });

  it("lets nobody delete a digest, change its retention or write one that could replace another, and only over TLS, in the bucket's policy", () => {
    for (const deployment of deployments) {
      // Prepare
      const { logicalId } = digestBucketOf(deployment);
      const policy = Object.values(resources(deployment.stateful, 'AWS::S3::BucketPolicy')).find((candidate) => candidate.Properties.Bucket.Ref === logicalId)!;

      // Act
      const denials = (policy.Properties.PolicyDocument.Statement as any[]).filter((statement) => statement.Effect === 'Deny');

      // Assess
      expect(denials).toContainEqual(
        expect.objectContaining({ Principal: { AWS: '*' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      const objects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId, 'Arn'] }, '/*']] };
      expect(denials).toContainEqual(
        expect.objectContaining({
          Principal: { AWS: '*' },
          Action: ['s3:BypassGovernanceRetention', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectRetention'],
          Resource: objects,
        }),
      );
      expect(denials).toContainEqual(
        expect.objectContaining({
          Principal: { AWS: '*' },
          Action: 's3:PutObject',
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId, 'Arn'] }, '/digests/*']] },
          Condition: { Null: { 's3:if-none-match': 'true' } },
        }),
      );
    }
  });

  it('logs access to the digest bucket into a bucket of its own, TLS only and never public', () => {
    for (const deployment of deployments) {
      // Prepare
      const { bucket } = digestBucketOf(deployment);
      const logBucketId = bucket.Properties.LoggingConfiguration.DestinationBucketName.Ref as string;

      // Act
      const logBucket = resources(deployment.stateful, 'AWS::S3::Bucket')[logBucketId]!;
      const logPolicy = Object.values(resources(deployment.stateful, 'AWS::S3::BucketPolicy')).find(
        (candidate) => candidate.Properties.Bucket.Ref === logBucketId,
      )!;

      // Assess
      expect(logBucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(logBucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
      expect(logPolicy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      expect(logBucket.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBeGreaterThanOrEqual(365);
    }
  });

  it('signs digests with an ECC P-256 key that only the sealer role may use to sign', () => {
    for (const deployment of deployments) {
      // Prepare
      const { prefix } = deployment.config;
      const keys = resources(deployment.stateful, 'AWS::KMS::Key');
      const aliases = Object.values(resources(deployment.stateful, 'AWS::KMS::Alias'));
      const alias = aliases.find((candidate) => candidate.Properties.AliasName === auditSigningKeyAlias(prefix))!;
      const key = keys[alias.Properties.TargetKeyId['Fn::GetAtt'][0]]!;
      const sealer = Object.values(resources(deployment.stateless, 'AWS::IAM::Role')).filter(
        (role) => role.Properties.RoleName === auditSealerRoleName(prefix, 'audit-sealer'),
      );

      // Act
      const denial = (key.Properties.KeyPolicy.Statement as any[]).find((statement) => statement.Sid === 'OnlyTheSealerSigns');

      // Assess
      expect(key.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      expect(key.DeletionPolicy).toBe('Retain');
      expect(denial).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:Sign' });
      expect(JSON.stringify(denial.Condition.ArnNotLike['aws:PrincipalArn'])).toContain(`:role/${prefix}-audit-seal-*`);
      expect(sealer).toHaveLength(1);
    }
  });

  it('lets no role of the application update, overwrite-by-batch or delete an entry, nor delete, re-time or bypass the lock of a digest', () => {
    for (const deployment of deployments) {
      // Act
      const statements = functionStatements(deployment).filter(({ statement }) => statement.Effect === 'Allow');
      const actions = statements.flatMap(({ fn, statement }) =>
        asArray<string>(statement.Action).map((action) => ({ fn, action, resource: JSON.stringify(statement.Resource) })),
      );
      const auditTableId = Object.entries(resources(deployment.stateful, 'AWS::DynamoDB::GlobalTable')).find(([, table]) =>
        table.Properties.TableName.endsWith(`-${tableDesigns.audit.name}`),
      )![0];
      const onAuditTable = actions.filter(({ resource }) => resource.includes(`FnGetAtt${auditTableId}Arn`));

      // Assess
      expect(onAuditTable.map(({ action }) => action).filter((action) => !['dynamodb:PutItem', 'dynamodb:Query'].includes(action))).toEqual([]);
      expect(
        actions.filter(
          ({ action }) =>
            /^s3:(Delete|PutObjectRetention|PutObjectLegalHold|BypassGovernanceRetention|PutBucket|PutLifecycle|\*)/.test(action) || action === '*',
        ),
      ).toEqual([]);
      expect([...new Set(actions.filter(({ action }) => action === 's3:PutObject').map(({ fn }) => fn))]).toEqual(['audit-sealer']);
      expect([...new Set(actions.filter(({ action }) => action === 'kms:Sign').map(({ fn }) => fn))]).toEqual(['audit-sealer']);
      expect([...new Set(onAuditTable.filter(({ action }) => action === 'dynamodb:Query').map(({ fn }) => fn))].sort()).toEqual(['audit-api', 'audit-sealer']);
    }
  });

  it('hands the digest bucket and the signing key to exactly the functions that declare the audit trail', () => {
    for (const deployment of deployments) {
      // Act
      const withBucket = Object.values(resources(deployment.stateless, 'AWS::Lambda::Function'))
        .filter((fn) => fn.Properties.Environment.Variables[environmentNames.auditDigestBucket] !== undefined)
        .map((fn) => [
          String(fn.Properties.FunctionName).slice(deployment.config.prefix.length + 1),
          fn.Properties.Environment.Variables[environmentNames.auditDigestBucket],
        ]);

      // Assess
      expect(withBucket.sort()).toEqual(
        (functions as readonly FunctionSpec[])
          .filter((spec) => spec.auditTrail !== undefined)
          .map((spec) => [spec.name, auditDigestBucketName(deployment.config)])
          .sort(),
      );
    }
  });

  it('expires no audit entry: the audit table has no time to live', () => {
    for (const deployment of deployments) {
      // Act
      const table = Object.values(resources(deployment.stateful, 'AWS::DynamoDB::GlobalTable')).find((candidate) =>
        candidate.Properties.TableName.endsWith('-audit'),
      )!;

      // Assess
      expect(tableDesigns.audit.timeToLiveAttribute).toBeUndefined();
      expect(table.Properties.TimeToLiveSpecification).toBeUndefined();
    }
  });
});

describe('the trail of writes to the tables', () => {
  it("logs every write to the deployment's tables, and nothing else, with log file validation, into a locked bucket kept as long as the digests", () => {
    for (const deployment of deployments) {
      // Prepare
      const { prefix, account, region, retention } = deployment.config;

      // Act
      const trails = Object.values(resources(deployment.stateful, 'AWS::CloudTrail::Trail'));
      const bucketId = trails[0]?.Properties.S3BucketName?.Ref as string;
      const bucket = resources(deployment.stateful, 'AWS::S3::Bucket')[bucketId];

      // Assess
      expect(deployment.config.audit.tableWriteTrail).toBe(true);
      expect(trails).toHaveLength(1);
      expect(trails[0]!.Properties).toMatchObject({
        TrailName: `${prefix}-table-writes`,
        EnableLogFileValidation: true,
        IsMultiRegionTrail: false,
        IncludeGlobalServiceEvents: false,
      });
      expect(trails[0]!.Properties.EventSelectors).toBeUndefined();
      expect(trails[0]!.Properties.AdvancedEventSelectors).toEqual([
        {
          Name: 'Writes to the tables of this deployment',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] },
            { Field: 'resources.type', Equals: ['AWS::DynamoDB::Table'] },
            { Field: 'readOnly', Equals: ['false'] },
            {
              Field: 'resources.ARN',
              StartsWith: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:dynamodb:${region}:${account}:table/${prefix}-`]] }],
            },
          ],
        },
      ]);
      // Every table of the deployment is under the selected prefix.
      const tableNames = Object.values(resources(deployment.stateful, 'AWS::DynamoDB::GlobalTable')).map((table) => String(table.Properties.TableName));
      expect(tableNames).toHaveLength(Object.keys(tableDesigns).length);
      for (const name of tableNames) expect(name.startsWith(`${prefix}-`), name).toBe(true);
      expect(bucket?.Properties.ObjectLockConfiguration).toEqual({
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: retention.auditDays } },
      });
      expect(bucket?.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket?.DeletionPolicy).toBe('Retain');
    }
  });
});
