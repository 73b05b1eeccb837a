import { describe, expect, it } from 'vitest';
import { dynamoDbAuthorizationChecks, partitionKeyOfCondition, type TableDirectory } from '#infra/local/dynamodb-authorization.ts';

const tableArn = (name: string) => `arn:aws-cn:dynamodb:cn-north-1:000000000000:table/${name}`;
const keyArn = 'arn:aws-cn:kms:cn-north-1:000000000000:key/11111111-1111-4111-a111-111111111111';
const directory: TableDirectory = {
  partition: 'aws-cn',
  region: 'cn-north-1',
  account: '000000000000',
  tableByName: (name) =>
    name === 'demo-cases'
      ? { arn: tableArn(name), keyArn, partitionKey: 'pk', indexPartitionKeys: { dueChecks: 'sweepShard' } }
      : name === 'demo-audit'
        ? { arn: tableArn(name), keyArn, partitionKey: 'pk', indexPartitionKeys: {} as Record<string, string> }
        : undefined,
};
const viaDynamoDb = { context: { 'kms:ViaService': 'dynamodb.cn-north-1.amazonaws.com.cn' }, via: 'dynamodb' };

describe('the IAM checks of a DynamoDB request', () => {
  it('reads the partition key a query fixes, through attribute names and values', () => {
    expect(partitionKeyOfCondition('#p = :p AND begins_with(sk, :s)', 'pk', { '#p': 'pk' }, { ':p': { S: 'CASE#1' }, ':s': { S: 'X' } })).toBe('CASE#1');
    expect(partitionKeyOfCondition('sweepShard = :shard AND nextCheckAt <= :now', 'sweepShard', {}, { ':shard': { S: '2' }, ':now': { N: '5' } })).toBe('2');
    expect(partitionKeyOfCondition('sk = :s', 'pk', {}, { ':s': { S: 'x' } })).toBeUndefined();
  });

  it('checks a query on an index against the index, with its leading key, and the read of the table key', () => {
    const checks = dynamoDbAuthorizationChecks(
      'Query',
      { TableName: 'demo-cases', IndexName: 'dueChecks', KeyConditionExpression: 'sweepShard = :s', ExpressionAttributeValues: { ':s': { S: '3' } } },
      directory,
    );
    expect(checks).toEqual([
      { action: 'dynamodb:Query', resource: `${tableArn('demo-cases')}/index/dueChecks`, context: { 'dynamodb:LeadingKeys': ['3'] } },
      { action: 'kms:Decrypt', resource: keyArn, ...viaDynamoDb },
    ]);
  });

  it('checks each item of a transaction as its own action on its own table, and the write use of each table key', () => {
    const checks = dynamoDbAuthorizationChecks(
      'TransactWriteItems',
      {
        TransactItems: [
          { Put: { TableName: 'demo-cases', Item: { pk: { S: 'CASE#1' }, sk: { S: 'STATE' } } } },
          { ConditionCheck: { TableName: 'demo-cases', Key: { pk: { S: 'CASE#2' }, sk: { S: 'STATE' } } } },
          { Put: { TableName: 'demo-audit', Item: { pk: { S: 'AUDIT#2026-01-01' }, sk: { S: 'a' } } } },
        ],
      },
      directory,
    );
    expect(checks.map((check) => [check.action, check.resource, check.context?.['dynamodb:LeadingKeys']])).toEqual([
      ['dynamodb:PutItem', tableArn('demo-cases'), ['CASE#1']],
      ['dynamodb:ConditionCheckItem', tableArn('demo-cases'), ['CASE#2']],
      ['dynamodb:PutItem', tableArn('demo-audit'), ['AUDIT#2026-01-01']],
      ['kms:Decrypt', keyArn, undefined],
      ['kms:Encrypt', keyArn, undefined],
      ['kms:GenerateDataKey', keyArn, undefined],
      ['kms:Decrypt', keyArn, undefined],
      ['kms:Encrypt', keyArn, undefined],
      ['kms:GenerateDataKey', keyArn, undefined],
    ]);
  });

  it('checks a batch once per table with every leading key it touches', () => {
    const checks = dynamoDbAuthorizationChecks(
      'BatchGetItem',
      {
        RequestItems: {
          'demo-cases': {
            Keys: [
              { pk: { S: 'A' }, sk: { S: '1' } },
              { pk: { S: 'B' }, sk: { S: '1' } },
              { pk: { S: 'A' }, sk: { S: '2' } },
            ],
          },
        },
      },
      directory,
    );
    expect(checks[0]).toEqual({ action: 'dynamodb:BatchGetItem', resource: tableArn('demo-cases'), context: { 'dynamodb:LeadingKeys': ['A', 'B'] } });
  });

  it('checks a scan and a table the deployment does not have, so nothing slips past unnamed', () => {
    expect(dynamoDbAuthorizationChecks('Scan', { TableName: 'elsewhere' }, directory)).toEqual([{ action: 'dynamodb:Scan', resource: tableArn('elsewhere') }]);
    expect(dynamoDbAuthorizationChecks('DescribeTable', { TableName: 'demo-cases' }, directory)).toEqual([
      { action: 'dynamodb:DescribeTable', resource: tableArn('demo-cases') },
    ]);
  });
});
