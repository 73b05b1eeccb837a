/**
 * The deployment as the local runtime stands it up: read from the synthesized templates, never
 * declared a second time. Each function of the topology gets the environment its CloudFormation
 * resource sets and the IAM policies attached to its role; tables, queues, keys and the event bus
 * get their names, ARNs, key and resource policies. The stand-in services enforce these.
 */
import { functions as topologyFunctions, type FunctionSpec } from '#shared/topology.ts';
import { CloudFormationResolver, type CloudFormationResource, type LocalEnvironment, type SynthesizedStack } from './cloudformation-resolver.ts';
import type { PolicyDocument } from '../iam/iam-authorizer.ts';

/** A Lambda function of the topology, as deployed. */
export interface DeployedFunction {
  /** The topology's name (`functions/<name>/`). */
  readonly name: string;
  /** Its physical name (`<prefix>-<name>`). */
  readonly functionName: string;
  readonly functionArn: string;
  readonly roleName: string;
  readonly roleArn: string;
  /** The variables its resource sets, resolved. */
  readonly environment: Readonly<Record<string, string>>;
  /** Every policy attached to its role: `AWS::IAM::Policy` resources and the role's inline policies. */
  readonly identityPolicies: readonly { readonly name: string; readonly document: PolicyDocument }[];
  readonly timeoutSeconds: number;
  readonly memoryMiB: number;
  /** The log group the function writes. */
  readonly logGroupArn?: string;
  /** The queue failed asynchronous invocations go to. */
  readonly deadLetterQueueArn?: string;
}

export interface DeployedTable {
  readonly tableName: string;
  readonly arn: string;
  /** The customer-managed key of its encryption. */
  readonly keyArn?: string;
  readonly partitionKey: string;
  /** Partition key attribute of each index. */
  readonly indexPartitionKeys: Readonly<Record<string, string>>;
}

export interface DeployedQueue {
  readonly queueName: string;
  readonly arn: string;
  readonly url: string;
  readonly keyArn?: string;
  readonly policy?: PolicyDocument;
  readonly deadLetterQueueArn?: string;
  readonly maxReceiveCount?: number;
}

export interface DeployedKey {
  readonly keyId: string;
  readonly arn: string;
  readonly spec: 'SYMMETRIC_DEFAULT' | 'HMAC_256' | 'ECC_NIST_P256';
  readonly aliases: readonly string[];
  readonly policy: PolicyDocument;
  /** The key's tags (`aws:ResourceTag/<key>` in the IAM checks of its uses). */
  readonly tags: Readonly<Record<string, string>>;
}

/** An S3 bucket: its name, ARN, versioning, Object Lock default, encryption key and policy. */
export interface DeployedBucket {
  readonly name: string;
  readonly arn: string;
  readonly versioned: boolean;
  /** Object Lock enabled, with the retention new versions get by default. */
  readonly objectLock?: { readonly defaultRetention?: { readonly mode: 'COMPLIANCE' | 'GOVERNANCE'; readonly days: number } };
  /** The customer-managed key of its default encryption (SSE-KMS). */
  readonly keyArn?: string;
  readonly policy?: PolicyDocument;
}

export interface DeployedEventBus {
  readonly name: string;
  readonly arn: string;
}

/** An SQS event source: the queue a function consumes. */
export interface DeployedEventSource {
  readonly functionName: string;
  readonly queueArn: string;
  readonly batchSize: number;
  readonly maximumConcurrency?: number;
}

/**
 * How many batches the event source of `functionName` (its physical name) works on at once: its
 * `ScalingConfig.MaximumConcurrency`.
 * @throws UnsupportedDeploymentError when the function consumes no queue or its mapping sets no limit
 */
export function eventSourceConcurrencyOf(deployment: Pick<LocalDeployment, 'eventSources'>, functionName: string): number {
  const source = deployment.eventSources.find((candidate) => candidate.functionName === functionName);
  if (source?.maximumConcurrency === undefined) {
    throw new UnsupportedDeploymentError(`the event source of ${functionName} sets no maximum concurrency (processing.maxConcurrency)`);
  }
  return source.maximumConcurrency;
}

/** An IAM role of the stacks that is no function's (a department's): its ARN and every policy attached to it. */
export interface DeployedRole {
  readonly roleName: string;
  readonly roleArn: string;
  readonly identityPolicies: readonly { readonly name: string; readonly document: PolicyDocument }[];
}

/** A custom resource of the stacks: what CloudFormation sends its provider on create and update. */
export interface DeployedCustomResource {
  readonly type: string;
  readonly logicalId: string;
  readonly stackName: string;
  /** Its properties, resolved, without the provider's `ServiceToken`. */
  readonly properties: Readonly<Record<string, unknown>>;
}

/** Everything the local runtime reads from the templates. */
export interface LocalDeployment {
  readonly environment: LocalEnvironment;
  /** By topology name. */
  readonly functions: ReadonlyMap<string, DeployedFunction>;
  readonly tables: readonly DeployedTable[];
  readonly queues: readonly DeployedQueue[];
  readonly keys: readonly DeployedKey[];
  readonly buckets: readonly DeployedBucket[];
  readonly eventBuses: readonly DeployedEventBus[];
  readonly eventSources: readonly DeployedEventSource[];
  readonly customResources: readonly DeployedCustomResource[];
  /** The resource-based policy of a key, queue or bucket (an object's is its bucket's), by ARN. */
  resourcePolicyOf(arn: string): PolicyDocument | undefined;
  tableByName(tableName: string): DeployedTable | undefined;
  tableByArn(arn: string): DeployedTable | undefined;
  queueByName(queueName: string): DeployedQueue | undefined;
  keyByArn(arn: string): DeployedKey | undefined;
  /** A role by its physical name (the departments' roles, whose policies the local API applies to their calls). */
  roleByName(roleName: string): DeployedRole | undefined;
}

/** A template the local runtime cannot stand up faithfully. */
export class UnsupportedDeploymentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedDeploymentError';
  }
}

const asList = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as readonly T[]) : [value as T];

type Found = { readonly stack: SynthesizedStack; readonly logicalId: string; readonly resource: CloudFormationResource };

const refOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && 'Ref' in value ? String((value as { Ref: unknown }).Ref) : undefined;

const getAttOf = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null || !('Fn::GetAtt' in value)) return undefined;
  const argument = (value as { 'Fn::GetAtt': unknown })['Fn::GetAtt'];
  return Array.isArray(argument) ? String(argument[0]) : String(argument).split('.')[0];
};

/**
 * Reads the local deployment from the synthesized stacks.
 * @param prefix the deployment's resource prefix: topology functions are named `<prefix>-<name>`
 */
export function readLocalDeployment(
  stacks: readonly SynthesizedStack[],
  environment: LocalEnvironment,
  prefix: string,
  specs: readonly FunctionSpec[] = topologyFunctions,
): LocalDeployment {
  const resolver = new CloudFormationResolver(stacks, environment);
  const resolve = (found: Found, value: unknown): unknown => resolver.resolve(found.stack, value);
  const text = (found: Found, value: unknown): string => resolver.resolveString(found.stack, value);
  const property = (found: Found, name: string): unknown => found.resource.Properties?.[name];

  const keys: DeployedKey[] = resolver.resourcesOfType('AWS::KMS::Key').map((found) => {
    const keyId = resolver.physicalName(found.stack, found.logicalId);
    const aliases = resolver
      .resourcesOfType('AWS::KMS::Alias')
      .filter((alias) => {
        const target = property(alias, 'TargetKeyId');
        return alias.stack === found.stack && (refOf(target) === found.logicalId || getAttOf(target) === found.logicalId);
      })
      .map((alias) => text(alias, property(alias, 'AliasName')));
    return {
      keyId,
      arn: `arn:${environment.partition}:kms:${environment.region}:${environment.account}:key/${keyId}`,
      spec: keySpecOf(property(found, 'KeySpec')),
      aliases,
      policy: resolve(found, property(found, 'KeyPolicy')) as PolicyDocument,
      tags: Object.fromEntries(
        asList(resolve(found, property(found, 'Tags')) as { Key: string; Value: string }[] | undefined).map((tag) => [tag.Key, tag.Value]),
      ),
    };
  });

  const tables: DeployedTable[] = [...resolver.resourcesOfType('AWS::DynamoDB::GlobalTable'), ...resolver.resourcesOfType('AWS::DynamoDB::Table')].map(
    (found) => {
      const tableName = resolver.physicalName(found.stack, found.logicalId);
      const hashKey = (schema: unknown): string =>
        String((asList(schema as { AttributeName: string; KeyType: string }[]).find((key) => key.KeyType === 'HASH') ?? { AttributeName: '' }).AttributeName);
      const replica = asList(property(found, 'Replicas') as Record<string, unknown>[]).find(
        (candidate) => text(found, candidate['Region']) === environment.region,
      );
      const sse = (replica?.['SSESpecification'] ?? property(found, 'SSESpecification')) as Record<string, unknown> | undefined;
      const keyReference = sse?.['KMSMasterKeyId'];
      const indexes = asList(property(found, 'GlobalSecondaryIndexes') as { IndexName: string; KeySchema: unknown }[]);
      return {
        tableName,
        arn: text(found, { 'Fn::GetAtt': [found.logicalId, 'Arn'] }),
        ...(keyReference === undefined ? {} : { keyArn: text(found, keyReference) }),
        partitionKey: hashKey(property(found, 'KeySchema')),
        indexPartitionKeys: Object.fromEntries(indexes.map((index) => [index.IndexName, hashKey(index.KeySchema)])),
      };
    },
  );

  const queuePolicies = new Map<string, PolicyDocument>();
  for (const found of resolver.resourcesOfType('AWS::SQS::QueuePolicy')) {
    for (const queue of asList(property(found, 'Queues'))) {
      const logicalId = refOf(queue);
      if (logicalId) queuePolicies.set(`${found.stack.stackName}/${logicalId}`, resolve(found, property(found, 'PolicyDocument')) as PolicyDocument);
    }
  }
  const queues: DeployedQueue[] = resolver.resourcesOfType('AWS::SQS::Queue').map((found) => {
    const redrive = property(found, 'RedrivePolicy') as Record<string, unknown> | undefined;
    const keyReference = property(found, 'KmsMasterKeyId');
    const policy = queuePolicies.get(`${found.stack.stackName}/${found.logicalId}`);
    return {
      queueName: resolver.physicalName(found.stack, found.logicalId),
      arn: text(found, { 'Fn::GetAtt': [found.logicalId, 'Arn'] }),
      url: text(found, { Ref: found.logicalId }),
      ...(keyReference === undefined ? {} : { keyArn: text(found, keyReference) }),
      ...(policy ? { policy } : {}),
      ...(redrive ? { deadLetterQueueArn: text(found, redrive['deadLetterTargetArn']), maxReceiveCount: Number(redrive['maxReceiveCount']) } : {}),
    };
  });

  const buckets = readBuckets(resolver, environment);

  const eventBuses: DeployedEventBus[] = resolver.resourcesOfType('AWS::Events::EventBus').map((found) => ({
    name: resolver.physicalName(found.stack, found.logicalId),
    arn: text(found, { 'Fn::GetAtt': [found.logicalId, 'Arn'] }),
  }));

  const policiesByRole = new Map<string, { name: string; document: PolicyDocument }[]>();
  for (const found of resolver.resourcesOfType('AWS::IAM::Policy')) {
    for (const role of asList(property(found, 'Roles'))) {
      const logicalId = refOf(role);
      if (!logicalId) continue;
      const key = `${found.stack.stackName}/${logicalId}`;
      const list = policiesByRole.get(key) ?? [];
      list.push({ name: text(found, property(found, 'PolicyName')), document: resolve(found, property(found, 'PolicyDocument')) as PolicyDocument });
      policiesByRole.set(key, list);
    }
  }

  // Read when asked for, one role at a time: roles of no function are only looked up by the local API.
  const roleByName = (roleName: string): DeployedRole | undefined => {
    const found = resolver.resourcesOfType('AWS::IAM::Role').find((candidate) => resolver.physicalName(candidate.stack, candidate.logicalId) === roleName);
    if (found === undefined) return undefined;
    return {
      roleName,
      roleArn: text(found, { 'Fn::GetAtt': [found.logicalId, 'Arn'] }),
      identityPolicies: [
        ...(policiesByRole.get(`${found.stack.stackName}/${found.logicalId}`) ?? []),
        ...asList(found.resource.Properties?.['Policies'] as { PolicyName: unknown; PolicyDocument: unknown }[]).map((policy) => ({
          name: text(found, policy.PolicyName),
          document: resolve(found, policy.PolicyDocument) as PolicyDocument,
        })),
      ],
    };
  };

  const lambdas = resolver.resourcesOfType('AWS::Lambda::Function');
  const logGroups = resolver.resourcesOfType('AWS::Logs::LogGroup');
  const deployedFunctions = new Map<string, DeployedFunction>();
  for (const spec of specs) {
    const functionName = `${prefix}-${spec.name}`;
    const found = lambdas.find((candidate) => resolver.physicalName(candidate.stack, candidate.logicalId) === functionName);
    if (!found) throw new UnsupportedDeploymentError(`the templates declare no function ${functionName} for topology function ${spec.name}`);
    const roleLogicalId = getAttOf(property(found, 'Role'));
    if (!roleLogicalId) throw new UnsupportedDeploymentError(`function ${functionName} has no role of its stack`);
    const role = found.stack.template.Resources?.[roleLogicalId];
    if (asList(role?.Properties?.['ManagedPolicyArns']).length > 0) {
      throw new UnsupportedDeploymentError(`role of ${functionName} has managed policies; the local runtime cannot read them`);
    }
    const inline = asList(role?.Properties?.['Policies'] as { PolicyName: unknown; PolicyDocument: unknown }[]).map((policy) => ({
      name: text(found, policy.PolicyName),
      document: resolve(found, policy.PolicyDocument) as PolicyDocument,
    }));
    const roleName = resolver.physicalName(found.stack, roleLogicalId);
    const variables = (property(found, 'Environment') as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    const deadLetter = (property(found, 'DeadLetterConfig') as { TargetArn?: unknown } | undefined)?.TargetArn;
    const logGroup = logGroups.find(
      (candidate) => candidate.stack === found.stack && resolver.physicalName(candidate.stack, candidate.logicalId) === `/aws/lambda/${functionName}`,
    );
    deployedFunctions.set(spec.name, {
      name: spec.name,
      functionName,
      functionArn: text(found, { 'Fn::GetAtt': [found.logicalId, 'Arn'] }),
      roleName,
      roleArn: text(found, { 'Fn::GetAtt': [roleLogicalId, 'Arn'] }),
      environment: Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, text(found, value)])),
      identityPolicies: [...(policiesByRole.get(`${found.stack.stackName}/${roleLogicalId}`) ?? []), ...inline],
      timeoutSeconds: Number(property(found, 'Timeout') ?? 3),
      memoryMiB: Number(property(found, 'MemorySize') ?? 128),
      ...(logGroup ? { logGroupArn: text(logGroup, { 'Fn::GetAtt': [logGroup.logicalId, 'Arn'] }) } : {}),
      ...(deadLetter === undefined ? {} : { deadLetterQueueArn: text(found, deadLetter) }),
    });
  }

  const eventSources: DeployedEventSource[] = resolver.resourcesOfType('AWS::Lambda::EventSourceMapping').map((found) => {
    const scaling = property(found, 'ScalingConfig') as { MaximumConcurrency?: unknown } | undefined;
    return {
      functionName: text(found, property(found, 'FunctionName')),
      queueArn: text(found, property(found, 'EventSourceArn')),
      batchSize: Number(property(found, 'BatchSize') ?? 10),
      ...(scaling?.MaximumConcurrency === undefined ? {} : { maximumConcurrency: Number(scaling.MaximumConcurrency) }),
    };
  });

  const customResources: DeployedCustomResource[] = stacks.flatMap((stack) =>
    Object.entries(stack.template.Resources ?? {})
      .filter(([, resource]) => resource.Type.startsWith('Custom::'))
      .map(([logicalId, resource]) => {
        const { ServiceToken: _serviceToken, ...properties } = (resource.Properties ?? {}) as Record<string, unknown>;
        return { type: resource.Type, logicalId, stackName: stack.stackName, properties: resolver.resolve(stack, properties) as Record<string, unknown> };
      }),
  );

  const policies = new Map<string, PolicyDocument>();
  for (const key of keys) policies.set(key.arn, key.policy);
  for (const queue of queues) if (queue.policy) policies.set(queue.arn, queue.policy);
  const bucketArnPrefix = `arn:${environment.partition}:s3:::`;
  const bucketPolicyOf = (arn: string): PolicyDocument | undefined =>
    arn.startsWith(bucketArnPrefix) ? buckets.find((bucket) => bucket.name === arn.slice(bucketArnPrefix.length).split('/')[0])?.policy : undefined;

  return {
    environment,
    functions: deployedFunctions,
    tables,
    queues,
    keys,
    buckets,
    eventBuses,
    eventSources,
    customResources,
    resourcePolicyOf: (arn) => policies.get(arn) ?? bucketPolicyOf(arn),
    tableByName: (tableName) => tables.find((table) => table.tableName === tableName),
    tableByArn: (arn) => tables.find((table) => table.arn === arn),
    queueByName: (queueName) => queues.find((queue) => queue.queueName === queueName),
    keyByArn: (arn) => keys.find((key) => key.arn === arn),
    roleByName,
  };
}

/** The key specs the local KMS endpoint serves, from a key's `KeySpec` (absent: symmetric). */
function keySpecOf(spec: unknown): DeployedKey['spec'] {
  if (spec === undefined || spec === 'SYMMETRIC_DEFAULT') return 'SYMMETRIC_DEFAULT';
  if (spec === 'HMAC_256' || spec === 'ECC_NIST_P256') return spec;
  throw new UnsupportedDeploymentError(`the local KMS endpoint serves no key of spec ${String(spec)}`);
}

/** The buckets of the stacks, with their versioning, Object Lock default, encryption key and policy. */
function readBuckets(resolver: CloudFormationResolver, environment: LocalEnvironment): DeployedBucket[] {
  const policies = new Map<string, PolicyDocument>();
  for (const found of resolver.resourcesOfType('AWS::S3::BucketPolicy')) {
    const bucket = resolver.resolveString(found.stack, found.resource.Properties?.['Bucket']);
    policies.set(bucket, resolver.resolve(found.stack, found.resource.Properties?.['PolicyDocument']) as PolicyDocument);
  }
  return resolver.resourcesOfType('AWS::S3::Bucket').map((found) => {
    const property = (name: string): unknown => found.resource.Properties?.[name];
    const name = resolver.physicalName(found.stack, found.logicalId);
    const versioning = property('VersioningConfiguration') as { Status?: unknown } | undefined;
    const lock = property('ObjectLockConfiguration') as { Rule?: { DefaultRetention?: { Mode?: unknown; Days?: unknown; Years?: unknown } } } | undefined;
    const retention = lock?.Rule?.DefaultRetention;
    const encryption = (
      property('BucketEncryption') as
        { ServerSideEncryptionConfiguration?: { ServerSideEncryptionByDefault?: { SSEAlgorithm?: unknown; KMSMasterKeyID?: unknown } }[] } | undefined
    )?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault;
    const policy = policies.get(name);
    const lockEnabled = property('ObjectLockEnabled') === true || property('ObjectLockEnabled') === 'true';
    return {
      name,
      arn: `arn:${environment.partition}:s3:::${name}`,
      versioned: versioning?.Status === 'Enabled',
      ...(lockEnabled
        ? {
            objectLock:
              retention === undefined
                ? {}
                : {
                    defaultRetention: {
                      mode: retention.Mode === 'GOVERNANCE' ? ('GOVERNANCE' as const) : ('COMPLIANCE' as const),
                      days: retention.Days !== undefined ? Number(retention.Days) : Number(retention.Years) * 365,
                    },
                  },
          }
        : {}),
      ...(encryption?.SSEAlgorithm === 'aws:kms' && encryption.KMSMasterKeyID !== undefined
        ? { keyArn: resolver.resolveString(found.stack, encryption.KMSMasterKeyID) }
        : {}),
      ...(policy ? { policy } : {}),
    };
  });
}
