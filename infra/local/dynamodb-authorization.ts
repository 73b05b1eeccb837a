/**
 * What IAM checks a DynamoDB request needs, as DynamoDB authorizes it: one action per table (or
 * index) it touches — per item for transactions — with `dynamodb:LeadingKeys` (the partition key
 * values it reads or writes), and the caller's use of the table's customer-managed key, which
 * DynamoDB exercises on the caller's behalf (`kms:ViaService`).
 */
import type { AuthorizationCheck } from './iam/iam-authorizer.ts';

/** What the checks need to know about the deployment's tables. */
export interface TableDirectory {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** Partition key attribute of a table and of its indexes; undefined for a table the deployment lacks. */
  tableByName(
    tableName: string,
  ):
    | { readonly arn: string; readonly keyArn?: string; readonly partitionKey: string; readonly indexPartitionKeys: Readonly<Record<string, string>> }
    | undefined;
}

type AttributeValue = Record<string, unknown>;
type Json = Record<string, unknown>;

const readOperations = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const writeOperations = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/** The text IAM compares a key value as: strings as they are, numbers as written, binaries in base64. */
const keyText = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const attribute = value as AttributeValue;
  for (const type of ['S', 'N', 'B'] as const) if (typeof attribute[type] === 'string') return attribute[type] as string;
  return undefined;
};

const tableArnOf = (directory: TableDirectory, tableName: string): string =>
  directory.tableByName(tableName)?.arn ?? `arn:${directory.partition}:dynamodb:${directory.region}:${directory.account}:table/${tableName}`;

const leadingKeyOf = (directory: TableDirectory, tableName: string, item: unknown): string[] => {
  const table = directory.tableByName(tableName);
  if (!table || typeof item !== 'object' || item === null) return [];
  const value = keyText((item as Json)[table.partitionKey]);
  return value === undefined ? [] : [value];
};

/**
 * The partition key value a key condition fixes (`#pk = :pk`, `pk = :v`), with its names and
 * values resolved; undefined when none is found.
 */
export function partitionKeyOfCondition(
  expression: string,
  partitionKey: string,
  names: Readonly<Record<string, string>> = {},
  values: Readonly<Record<string, unknown>> = {},
): string | undefined {
  for (const match of expression.matchAll(/([#A-Za-z_][A-Za-z0-9_.#-]*)\s*=\s*(:[A-Za-z0-9_]+)/g)) {
    const [, operand = '', placeholder = ''] = match;
    const name = operand.startsWith('#') ? names[operand] : operand;
    if (name === partitionKey) return keyText(values[placeholder]);
  }
  return undefined;
}

const withLeadingKeys = (keys: readonly string[]): { context?: Record<string, readonly string[]> } =>
  keys.length > 0 ? { context: { 'dynamodb:LeadingKeys': [...new Set(keys)] } } : {};

/** The IAM checks of one DynamoDB request. */
export function dynamoDbAuthorizationChecks(operation: string, input: Json, directory: TableDirectory): AuthorizationCheck[] {
  const checks: AuthorizationCheck[] = [];
  const touched = new Set<string>();
  const onTable = (action: string, tableName: string, keys: readonly string[], indexName?: string): void => {
    const tableArn = tableArnOf(directory, tableName);
    touched.add(tableName);
    checks.push({ action: `dynamodb:${action}`, resource: indexName ? `${tableArn}/index/${indexName}` : tableArn, ...withLeadingKeys(keys) });
  };
  const tableName = typeof input['TableName'] === 'string' ? input['TableName'] : '';

  switch (operation) {
    case 'GetItem':
    case 'DeleteItem':
    case 'UpdateItem':
      onTable(operation, tableName, leadingKeyOf(directory, tableName, input['Key']));
      break;
    case 'PutItem':
      onTable(operation, tableName, leadingKeyOf(directory, tableName, input['Item']));
      break;
    case 'Query': {
      const indexName = typeof input['IndexName'] === 'string' ? input['IndexName'] : undefined;
      const table = directory.tableByName(tableName);
      const partitionKey = indexName ? table?.indexPartitionKeys[indexName] : table?.partitionKey;
      const value =
        partitionKey === undefined
          ? undefined
          : partitionKeyOfCondition(
              String(input['KeyConditionExpression'] ?? ''),
              partitionKey,
              (input['ExpressionAttributeNames'] ?? {}) as Record<string, string>,
              (input['ExpressionAttributeValues'] ?? {}) as Record<string, unknown>,
            );
      onTable('Query', tableName, value === undefined ? [] : [value], indexName);
      break;
    }
    case 'Scan':
      onTable('Scan', tableName, [], typeof input['IndexName'] === 'string' ? input['IndexName'] : undefined);
      break;
    case 'BatchGetItem':
      for (const [name, request] of Object.entries((input['RequestItems'] ?? {}) as Record<string, { Keys?: unknown[] }>)) {
        onTable(
          'BatchGetItem',
          name,
          (request.Keys ?? []).flatMap((key) => leadingKeyOf(directory, name, key)),
        );
      }
      break;
    case 'BatchWriteItem':
      for (const [name, requests] of Object.entries((input['RequestItems'] ?? {}) as Record<string, Json[]>)) {
        const keys = requests.flatMap((request) =>
          leadingKeyOf(directory, name, (request['PutRequest'] as Json | undefined)?.['Item'] ?? (request['DeleteRequest'] as Json | undefined)?.['Key']),
        );
        onTable('BatchWriteItem', name, keys);
      }
      break;
    case 'TransactWriteItems':
      for (const item of (input['TransactItems'] ?? []) as Json[]) {
        const [kind, body] = (Object.entries(item)[0] ?? ['', {}]) as [string, Json];
        const action = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' }[kind];
        if (!action) continue;
        const name = String(body['TableName'] ?? '');
        onTable(action, name, leadingKeyOf(directory, name, kind === 'Put' ? body['Item'] : body['Key']));
      }
      break;
    case 'TransactGetItems':
      for (const item of (input['TransactItems'] ?? []) as Json[]) {
        const body = (item['Get'] ?? {}) as Json;
        const name = String(body['TableName'] ?? '');
        onTable('GetItem', name, leadingKeyOf(directory, name, body['Key']));
      }
      break;
    case 'ListTables':
      checks.push({ action: 'dynamodb:ListTables', resource: '*' });
      break;
    default:
      // Control-plane operations on one table (DescribeTable, CreateTable, UpdateTimeToLive, ...).
      onTable(operation, tableName, []);
      return checks;
  }

  // DynamoDB uses the table's customer-managed key with the caller's permissions (kms:ViaService).
  const keyActions = writeOperations.has(operation)
    ? ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']
    : readOperations.has(operation)
      ? ['kms:Decrypt']
      : [];
  const viaService = `dynamodb.${directory.region}.${directory.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
  for (const name of touched) {
    const keyArn = directory.tableByName(name)?.keyArn;
    if (keyArn === undefined) continue;
    for (const action of keyActions) checks.push({ action, resource: keyArn, context: { 'kms:ViaService': viaService }, via: 'dynamodb' });
  }
  return checks;
}
