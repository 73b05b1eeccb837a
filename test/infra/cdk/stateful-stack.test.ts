import { Match } from 'aws-cdk-lib/assertions';
import type { CfnKey, Key } from 'aws-cdk-lib/aws-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { physicalTableName, tableDesigns } from '#shared/tables.ts';
import { queues } from '#shared/topology.ts';
import { synthesizeDeployments, type SynthesizedDeployment } from './synthesize-deployments.ts';

type Resources = Record<string, { Properties: Record<string, any>; DeletionPolicy?: string }>;

let deployments: readonly SynthesizedDeployment[];
let dispose = (): void => {};

beforeAll(() => {
  ({ deployments, dispose } = synthesizeDeployments());
}, 120_000);

afterAll(() => dispose());

const eachDeployment = () => deployments.map((deployment) => [deployment.config.region, deployment] as const);

const getAttArn = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

const keyLogicalId = (deployment: SynthesizedDeployment, key: Key): string => deployment.stage.stateful.getLogicalId(key.node.defaultChild as CfnKey);

/** The role-name pattern a key policy statement exempts, as an ARN with tokens. */
const roleArnPattern = (deployment: SynthesizedDeployment, namePattern: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${deployment.config.account}:role/${namePattern}`]],
});

describe('stateful stack', () => {
  it('builds one table per design, each with the customer-managed key, PITR, deletion protection and retention', () => {
    for (const [, deployment] of eachDeployment()) {
      // Prepare
      const keyId = keyLogicalId(deployment, deployment.stage.stateful.key);
      const tables = deployment.stateful.findResources('AWS::DynamoDB::GlobalTable') as Resources;

      // Act
      const byName = new Map(Object.values(tables).map((table) => [table.Properties.TableName, table]));

      // Assess
      expect([...byName.keys()].sort()).toEqual(
        Object.values(tableDesigns)
          .map((design) => physicalTableName(deployment.config.prefix, design.name))
          .sort(),
      );
      for (const table of byName.values()) {
        const replica = table.Properties.Replicas[0];
        expect(replica.SSESpecification.KMSMasterKeyId).toEqual(getAttArn(keyId));
        expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
        expect(replica.DeletionProtectionEnabled).toBe(true);
        expect(table.DeletionPolicy).toBe('Retain');
      }
    }
  });

  it('declares exactly the keys and indexes of shared/tables.ts', () => {
    for (const [, deployment] of eachDeployment()) {
      for (const design of Object.values(tableDesigns)) {
        // Act / Assess
        deployment.stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
          TableName: physicalTableName(deployment.config.prefix, design.name),
          KeySchema: [
            { AttributeName: design.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: design.sortKey.name, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes:
            design.globalSecondaryIndexes.length === 0
              ? Match.absent()
              : design.globalSecondaryIndexes.map((index) => ({
                  IndexName: index.indexName,
                  KeySchema: [
                    { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
                    { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
                  ],
                  Projection: { ProjectionType: index.projection },
                })),
          TimeToLiveSpecification: design.timeToLiveAttribute ? { AttributeName: design.timeToLiveAttribute, Enabled: true } : Match.absent(),
        });
      }
    }
  });

  it('puts every table in the backup selection', () => {
    for (const [, deployment] of eachDeployment()) {
      // Prepare
      const tableIds = Object.keys(deployment.stateful.findResources('AWS::DynamoDB::GlobalTable'));
      const selections = Object.values(deployment.stateful.findResources('AWS::Backup::BackupSelection')) as Resources[string][];

      // Act
      const selected = selections.flatMap((selection) => selection.Properties.BackupSelection.Resources);

      // Assess
      expect(tableIds.length).toBeGreaterThan(0);
      for (const id of tableIds) {
        expect(selected).toContainEqual(getAttArn(id));
      }
    }
  });

  it('backs up daily for 35 days and monthly for a year, copying each to the copy-region vault', () => {
    for (const [, deployment] of eachDeployment()) {
      // Prepare
      const copyVaultArn = {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            `:backup:${deployment.config.backup.copyRegion}:${deployment.config.account}:backup-vault:${deployment.config.prefix}-backup-copy`,
          ],
        ],
      };
      const rule = (name: string, days: number) =>
        Match.objectLike({
          RuleName: name,
          Lifecycle: { DeleteAfterDays: days },
          CopyActions: [{ DestinationBackupVaultArn: copyVaultArn, Lifecycle: { DeleteAfterDays: days } }],
        });

      // Act / Assess
      deployment.stateful.hasResourceProperties('AWS::Backup::BackupPlan', {
        BackupPlan: { BackupPlanRule: [rule('Daily', 35), rule('Monthly', 365)] },
      });
      deployment.stateful.hasResourceProperties('AWS::Backup::BackupVault', {
        EncryptionKeyArn: Match.anyValue(),
      });
    }
  });

  it('keeps the copy vault in the copy region under a key of its own with rotation on', () => {
    for (const [, deployment] of eachDeployment()) {
      // Act
      const copyStack = deployment.stage.backupCopyVault;

      // Assess
      expect(copyStack.region).toBe(deployment.config.backup.copyRegion);
      deployment.backupCopyVault.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      deployment.backupCopyVault.hasResourceProperties('AWS::Backup::BackupVault', {
        BackupVaultName: `${deployment.config.prefix}-backup-copy`,
        EncryptionKeyArn: Match.anyValue(),
      });
    }
  });

  it("rotates the data key and lets CloudWatch Logs use it only for this deployment's log groups", () => {
    for (const [, deployment] of eachDeployment()) {
      // Act / Assess
      deployment.stateful.hasResourceProperties('AWS::KMS::Key', {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: { 'Fn::Join': ['', [`logs.${deployment.config.region}.`, { Ref: 'AWS::URLSuffix' }]] } },
              Condition: {
                ArnLike: {
                  'kms:EncryptionContext:aws:logs:arn': Match.arrayWith([
                    {
                      'Fn::Join': [
                        '',
                        [
                          'arn:',
                          { Ref: 'AWS::Partition' },
                          `:logs:${deployment.config.region}:${deployment.config.account}:log-group:/aws/lambda/${deployment.config.prefix}-*`,
                        ],
                      ],
                    },
                  ]),
                },
              },
            }),
          ]),
        },
      });
    }
  });

  it('lets no one delete a recovery point or shorten its life, and locks both vaults for the daily retention', () => {
    for (const [, deployment] of eachDeployment()) {
      // Prepare
      const vaults = [deployment.stateful, deployment.backupCopyVault].flatMap(
        (template) => Object.values(template.findResources('AWS::Backup::BackupVault')) as Resources[string][],
      );

      // Act / Assess
      expect(vaults).toHaveLength(2);
      for (const vault of vaults) {
        expect(vault.Properties.AccessPolicy.Statement).toContainEqual({
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: expect.arrayContaining(['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle']),
          Resource: '*',
        });
        expect(vault.Properties.LockConfiguration).toEqual({ MinRetentionDays: deployment.config.retention.dailyBackupDays });
        expect(vault.DeletionPolicy).toBe('Retain');
      }
    }
  });

  it("lets CloudWatch use the key for alarm notifications only from this account and this deployment's alarms", () => {
    for (const [, deployment] of eachDeployment()) {
      // Prepare
      const alarmNames = [deployment.stateful, deployment.stateless, deployment.monitoring].flatMap((template) =>
        (Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resources[string][]).map((alarm) => alarm.Properties.AlarmName as string),
      );

      // Act
      const statements = (Object.values(deployment.stateful.findResources('AWS::KMS::Key')) as Resources[string][])
        .flatMap((key) => key.Properties.KeyPolicy.Statement as any[])
        .filter((statement) => statement.Principal?.Service === 'cloudwatch.amazonaws.com');

      // Assess
      expect(statements).toHaveLength(1);
      expect(statements[0].Condition.StringEquals).toEqual({ 'aws:SourceAccount': deployment.config.account });
      expect(JSON.stringify(statements[0].Condition.ArnLike['aws:SourceArn'])).toContain(
        `:cloudwatch:${deployment.config.region}:${deployment.config.account}:alarm:${deployment.config.prefix}-*`,
      );
      // The condition covers every alarm the deployment has: none is named outside the prefix.
      expect(alarmNames.length).toBeGreaterThan(0);
      expect(alarmNames.filter((name) => !name.startsWith(`${deployment.config.prefix}-`))).toEqual([]);
    }
  });

  it('encrypts every queue with the key and gives each topology queue a redrive policy to its DLQ', () => {
    for (const [, deployment] of eachDeployment()) {
      // Prepare
      const keyId = keyLogicalId(deployment, deployment.stage.stateful.key);
      const all = [deployment.stateful, deployment.stateless].flatMap(
        (template) => Object.values(template.findResources('AWS::SQS::Queue')) as Resources[string][],
      );
      const byName = new Map(all.map((queue) => [queue.Properties.QueueName as string, queue]));
      const statefulQueueIds = new Map(
        Object.entries(deployment.stateful.findResources('AWS::SQS::Queue') as Resources).map(([id, queue]) => [queue.Properties.QueueName as string, id]),
      );

      // Act / Assess
      for (const queue of all) {
        expect(queue.Properties.KmsMasterKeyId).toBeDefined();
      }
      for (const spec of queues) {
        const queue = byName.get(`${deployment.config.prefix}-${spec.name}`);
        const deadLetterId = statefulQueueIds.get(`${deployment.config.prefix}-${spec.name}-dlq`);
        expect(queue?.Properties.KmsMasterKeyId).toEqual(getAttArn(keyId));
        expect(queue?.Properties.RedrivePolicy).toEqual({
          deadLetterTargetArn: getAttArn(deadLetterId!),
          maxReceiveCount: spec.maxReceiveCount,
        });
        expect(queue?.Properties.VisibilityTimeout).toBe(spec.visibilityTimeoutSeconds);
        expect(byName.get(`${deployment.config.prefix}-${spec.name}-dlq`)?.Properties.KmsMasterKeyId).toEqual(getAttArn(keyId));
      }
    }
  });

  it('refuses non-TLS access to every queue', () => {
    for (const [, deployment] of eachDeployment()) {
      for (const template of [deployment.stateful, deployment.stateless]) {
        // Prepare
        const queueIds = Object.keys(template.findResources('AWS::SQS::Queue'));
        const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy')) as Resources[string][];

        // Act
        const protectedQueues = policies
          .filter((policy) =>
            policy.Properties.PolicyDocument.Statement.some(
              (statement: any) => statement.Effect === 'Deny' && statement.Condition?.Bool?.['aws:SecureTransport'] === 'false',
            ),
          )
          .flatMap((policy) => policy.Properties.Queues.map((queue: { Ref: string }) => queue.Ref));

        // Assess
        expect(protectedQueues.sort()).toEqual(queueIds.sort());
      }
    }
  });

  it('alarms to the operations topic when any dead-letter queue holds a message, naming the command that moves it back', () => {
    for (const [, deployment] of eachDeployment()) {
      for (const template of [deployment.stateful, deployment.stateless]) {
        // Prepare
        const deadLetterQueues = Object.entries(template.findResources('AWS::SQS::Queue') as Resources).filter(([, queue]) =>
          String(queue.Properties.QueueName).endsWith('-dlq'),
        );
        const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resources[string][];

        // Act / Assess
        for (const [logicalId] of deadLetterQueues) {
          const alarm = alarms.find(
            (candidate) =>
              candidate.Properties.MetricName === 'ApproximateNumberOfMessagesVisible' &&
              candidate.Properties.Dimensions?.some((dimension: any) => dimension.Name === 'QueueName' && dimension.Value['Fn::GetAtt']?.[0] === logicalId),
          );
          expect(alarm?.Properties).toMatchObject({
            MetricName: 'ApproximateNumberOfMessagesVisible',
            ComparisonOperator: 'GreaterThanThreshold',
            Threshold: 0,
          });
          expect(alarm?.Properties.AlarmActions).toHaveLength(1);
          const queueName = String((template.findResources('AWS::SQS::Queue') as Resources)[logicalId]?.Properties.QueueName);
          expect(alarm?.Properties.AlarmDescription).toContain(
            queueName.endsWith('-schedule-dlq')
              ? 'The next tick of the schedule catches up on everything due; inspect the failures, then purge'
              : `npm run redrive -- --region ${deployment.config.region} --queue ${queueName} (docs/operations.md)`,
          );
        }
      }
    }
  });

  it('encrypts the alarm topic, requires TLS and subscribes the operations address', () => {
    for (const [, deployment] of eachDeployment()) {
      // Act / Assess
      deployment.stateful.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
      deployment.stateful.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: deployment.config.alarm.email,
      });
      deployment.stateful.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
    }
  });
});

describe('personal-data keys', () => {
  it('holds six customer-managed keys: data, personal data, lookup hash, record seal, audit signing and webhook secrets, each retained', () => {
    for (const [, deployment] of eachDeployment()) {
      // Act
      const keys = Object.values(deployment.stateful.findResources('AWS::KMS::Key')) as Resources[string][];

      // Assess
      expect(keys).toHaveLength(6);
      for (const key of keys) expect(key.DeletionPolicy).toBe('Retain');
    }
  });

  it('wraps personal data under a rotated symmetric key usable only for its purpose and only by the personal-data roles', () => {
    for (const [, deployment] of eachDeployment()) {
      // Prepare
      const { prefix } = deployment.config;
      const keyId = keyLogicalId(deployment, deployment.stage.stateful.personalDataKeys.dataKey);
      const key = (deployment.stateful.findResources('AWS::KMS::Key') as Resources)[keyId]!;

      // Act
      const statements = key.Properties.KeyPolicy.Statement as any[];
      const denials = statements.filter((statement) => statement.Effect === 'Deny');

      // Assess
      expect(key.Properties.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.Properties.PendingWindowInDays).toBe(30);
      expect(statements.filter((statement) => statement.Effect === 'Allow').map((statement) => statement.Principal)).toEqual([
        { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${deployment.config.account}:root`]] } },
      ]);
      expect(denials).toEqual([
        expect.objectContaining({
          Sid: 'OnlyForComplaintPersonalData',
          Principal: { AWS: '*' },
          Action: expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']),
          Condition: { StringNotEquals: { 'kms:EncryptionContext:purpose': 'complaint-personal-data' } },
        }),
        expect.objectContaining({
          Sid: 'OnlyPersonalDataFunctionsSeal',
          Principal: { AWS: '*' },
          Action: expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']),
          Condition: { ArnNotLike: { 'aws:PrincipalArn': roleArnPattern(deployment, `${prefix}-pd-*`) } },
        }),
        expect.objectContaining({
          Sid: 'OnlyOpeningFunctionsDecrypt',
          Principal: { AWS: '*' },
          Action: ['kms:Decrypt', 'kms:ReEncrypt*'],
          Condition: { ArnNotLike: { 'aws:PrincipalArn': roleArnPattern(deployment, `${prefix}-pd-open-*`) } },
        }),
      ]);
      deployment.stateful.hasResourceProperties('AWS::KMS::Alias', {
        AliasName: `alias/${prefix}-personal-data`,
        TargetKeyId: getAttArn(keyId),
      });
    }
  });

  it('keys lookup hashes with an HMAC_256 key that only the personal-data roles may use', () => {
    for (const [, deployment] of eachDeployment()) {
      // Prepare
      const { prefix } = deployment.config;
      const keyId = keyLogicalId(deployment, deployment.stage.stateful.personalDataKeys.lookupHashKey);
      const key = (deployment.stateful.findResources('AWS::KMS::Key') as Resources)[keyId]!;

      // Act
      const denials = (key.Properties.KeyPolicy.Statement as any[]).filter((statement) => statement.Effect === 'Deny');

      // Assess
      expect(key.Properties).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC', PendingWindowInDays: 30 });
      expect(key.Properties.EnableKeyRotation).not.toBe(true);
      expect(denials).toEqual([
        expect.objectContaining({
          Principal: { AWS: '*' },
          Action: ['kms:GenerateMac', 'kms:VerifyMac'],
          Condition: { ArnNotLike: { 'aws:PrincipalArn': roleArnPattern(deployment, `${prefix}-pd-*`) } },
        }),
      ]);
      deployment.stateful.hasResourceProperties('AWS::KMS::Alias', {
        AliasName: `alias/${prefix}-lookup-hash`,
        TargetKeyId: getAttArn(keyId),
      });
    }
  });
});

describe('the record-seal key', () => {
  it('derives the hour keys of the record seals with an HMAC_256 key that only the record-seal roles may use', () => {
    for (const [, deployment] of eachDeployment()) {
      // Prepare
      const { prefix } = deployment.config;
      const keyId = keyLogicalId(deployment, deployment.stage.stateful.recordSealKey);
      const key = (deployment.stateful.findResources('AWS::KMS::Key') as Resources)[keyId]!;

      // Act
      const statements = key.Properties.KeyPolicy.Statement as any[];

      // Assess
      expect(key.Properties).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC', PendingWindowInDays: 30 });
      expect(key.DeletionPolicy).toBe('Retain');
      expect(statements.filter((statement) => statement.Effect === 'Allow').map((statement) => statement.Principal)).toEqual([
        { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${deployment.config.account}:root`]] } },
      ]);
      expect(statements.filter((statement) => statement.Effect === 'Deny')).toEqual([
        expect.objectContaining({
          Sid: 'OnlyRecordSealFunctionsMac',
          Principal: { AWS: '*' },
          Action: ['kms:GenerateMac', 'kms:VerifyMac'],
          Condition: { ArnNotLike: { 'aws:PrincipalArn': roleArnPattern(deployment, `${prefix}-rs-*`) } },
        }),
      ]);
      deployment.stateful.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/${prefix}-record-seal`, TargetKeyId: getAttArn(keyId) });
    }
  });

  it('indexes the sealed records by the hour they were sealed in, keys only', () => {
    for (const [, deployment] of eachDeployment()) {
      // Act
      const [table] = Object.values(deployment.stateful.findResources('AWS::DynamoDB::GlobalTable')).filter((resource: any) =>
        String(JSON.stringify(resource.Properties.TableName)).includes('-cases'),
      ) as any[];

      // Assess
      expect(table.Properties.GlobalSecondaryIndexes).toContainEqual({
        IndexName: 'sealedRecordsByHour',
        KeySchema: [
          { AttributeName: 'sealHour', KeyType: 'HASH' },
          { AttributeName: 'pk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      });
    }
  });
});
