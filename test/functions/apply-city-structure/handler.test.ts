/**
 * The custom-resource handler as CloudFormation (through the provider framework) calls it:
 * Create and Update apply the structure in the properties, Delete keeps everything, and
 * properties that are not a valid structure fail the deployment naming every problem.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { environmentNames } from '#shared/topology.ts';
import { createTestTables, testClientConfig, type TestTables } from '../../support/dynamodb.ts';

type HandlerModule = typeof import('#functions/apply-city-structure/handler.ts');

let tables: TestTables;
let module: HandlerModule;
let repository: DynamoDbCityStructureRepository;

beforeAll(async () => {
  tables = await createTestTables();
  repository = new DynamoDbCityStructureRepository(tables.documentClient, tables.tables.reference);
  // The handler reads its configuration at import, as at a Lambda cold start.
  process.env[environmentNames.tables.reference] = tables.tables.reference;
  process.env[environmentNames.tables.audit] = tables.tables.audit;
  process.env['AWS_ENDPOINT_URL_DYNAMODB'] = tables.endpoint;
  process.env['AWS_REGION'] = testClientConfig.region;
  process.env['AWS_ACCESS_KEY_ID'] = testClientConfig.credentials.accessKeyId;
  process.env['AWS_SECRET_ACCESS_KEY'] = testClientConfig.credentials.secretAccessKey;
  process.env['LOG_LEVEL'] = 'ERROR';
  module = await import('#functions/apply-city-structure/handler.ts');
});

const properties = (organ = '宁波市监察委员会') => ({
  ServiceToken: 'arn:aws-cn:lambda:cn-north-1:111122223333:function:esup-test-city-structure-provider',
  jurisdictions: [
    { jurisdiction: 'city', name: '宁波市', kind: 'city', issuingOrgan: organ },
    { jurisdiction: 'xiangshan', name: '象山县', kind: 'county', issuingOrgan: '象山县监察委员会' },
  ],
  // CloudFormation may leave an empty list out: connectedKinds is absent here.
  departments: [{ department: 'xiangshan-housing', name: '象山县住房和城乡建设局', jurisdiction: 'xiangshan' }],
});

const event = (requestType: 'Create' | 'Update' | 'Delete', resourceProperties: Record<string, unknown>): CloudFormationCustomResourceEvent =>
  ({
    RequestType: requestType,
    ServiceToken: String(resourceProperties['ServiceToken']),
    ResponseURL: 'https://cloudformation-custom-resource-response-cnnorth1.s3.cn-north-1.amazonaws.com.cn/unused',
    StackId: 'arn:aws-cn:cloudformation:cn-north-1:111122223333:stack/esup-test-stateless/5b3c0d10-0000-0000-0000-000000000000',
    RequestId: `request-${requestType}`,
    LogicalResourceId: 'citystructurestepResource',
    ResourceType: 'Custom::CityStructure',
    ResourceProperties: resourceProperties,
    ...(requestType === 'Create' ? {} : { PhysicalResourceId: 'city-structure' }),
    ...(requestType === 'Update' ? { OldResourceProperties: properties() } : {}),
  }) as CloudFormationCustomResourceEvent;

describe('the apply-city-structure custom resource', () => {
  it('applies the structure on Create, and on an Update only what changed, under one physical id', async () => {
    // Act
    const created = await module.applyConfiguredStructure(event('Create', properties()));
    const updated = await module.applyConfiguredStructure(event('Update', properties('宁波市监察委员会（测试）')));

    // Assess
    expect(created).toEqual({ PhysicalResourceId: 'city-structure', Data: { Created: '3', Updated: '0', Unchanged: '0' } });
    expect(updated).toEqual({ PhysicalResourceId: 'city-structure', Data: { Created: '0', Updated: '1', Unchanged: '2' } });
    expect(await repository.jurisdiction('city')).toMatchObject({
      issuingOrgan: '宁波市监察委员会（测试）',
      version: 2,
      updatedBy: 'deployment:esup-test-stateless',
    });
    expect(await repository.department('xiangshan-housing')).toMatchObject({ connectedKinds: [] });
  });

  it('keeps every profile on Delete', async () => {
    // Act
    const deleted = await module.applyConfiguredStructure(event('Delete', properties()));

    // Assess
    expect(deleted).toEqual({ PhysicalResourceId: 'city-structure' });
    expect(await repository.jurisdiction('xiangshan')).toBeDefined();
    expect(await repository.department('xiangshan-housing')).toBeDefined();
  });

  it('fails the deployment naming every problem of the properties, and writes nothing', async () => {
    // Prepare
    const broken = properties();
    broken.jurisdictions.push({ jurisdiction: 'ninghai', name: '宁海县', kind: 'township', issuingOrgan: '' });
    broken.departments.push({ department: 'ninghai-housing', name: '宁海县住房和城乡建设局', jurisdiction: 'nowhere' });

    // Act
    const apply = module.applyConfiguredStructure(event('Update', broken));

    // Assess
    await expect(apply).rejects.toThrow(module.InvalidCityStructureError);
    await expect(apply).rejects.toThrow(/jurisdictions\.2\.kind[\s\S]*jurisdictions\.2\.issuingOrgan/);
    expect(await repository.jurisdiction('ninghai')).toBeUndefined();
  });
});
