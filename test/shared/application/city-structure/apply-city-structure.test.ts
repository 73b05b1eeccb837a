/**
 * The deployment applies the configured structure to the reference table (DynamoDB Local, the
 * real adapters): creates what is missing, updates only what the configuration changed, never
 * deletes, and changes nothing when applied twice.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { applyCityStructure, type ApplyCityStructureDependencies } from '#shared/application/city-structure/apply-city-structure.ts';
import type { CityStructure } from '#shared/domain/city-structure/city-structure.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';

let tables: TestTables;
let deps: ApplyCityStructureDependencies;
let repository: DynamoDbCityStructureRepository;

beforeEach(async () => {
  tables = await createTestTables();
  repository = new DynamoDbCityStructureRepository(tables.documentClient, tables.tables.reference);
  deps = { structure: repository, audit: new DynamoDbAuditLog(tables.documentClient, tables.tables.audit), clock: () => new Date() };
});

const structure = (): CityStructure => ({
  jurisdictions: [
    { jurisdiction: 'city', name: '宁波市', kind: 'city', issuingOrgan: '宁波市监察委员会' },
    { jurisdiction: 'haishu', name: '海曙区', kind: 'district', issuingOrgan: '宁波市海曙区监察委员会' },
    { jurisdiction: 'yuyao', name: '余姚市', kind: 'countyLevelCity', issuingOrgan: '余姚市监察委员会' },
  ],
  departments: [
    { department: 'haishu-housing', name: '海曙区住房和城乡建设局', jurisdiction: 'haishu', connectedKinds: ['licensing', 'disclosure'] },
    { department: 'yuyao-market-regulation', name: '余姚市市场监督管理局', jurisdiction: 'yuyao', connectedKinds: ['penalty'] },
  ],
});

async function auditEntries(): Promise<Record<string, unknown>[]> {
  const day = new Date().toISOString().slice(0, 10);
  const page = await tables.documentClient.send(
    new QueryCommand({ TableName: tables.tables.audit, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#${day}` } }),
  );
  return page.Items ?? [];
}

describe('applying the city structure of the deployment configuration', () => {
  it('creates every jurisdiction and department on empty tables, each audited as a deployment change', async () => {
    // Act
    const applied = await applyCityStructure(structure(), 'deployment:esup-test-stateless', deps);

    // Assess
    expect(applied).toEqual({
      created: ['jurisdiction:city', 'jurisdiction:haishu', 'jurisdiction:yuyao', 'department:haishu-housing', 'department:yuyao-market-regulation'],
      updated: [],
      unchanged: [],
    });
    expect((await repository.jurisdictions()).map((j) => [j.jurisdiction, j.issuingOrgan, j.version])).toEqual([
      ['city', '宁波市监察委员会', 1],
      ['haishu', '宁波市海曙区监察委员会', 1],
      ['yuyao', '余姚市监察委员会', 1],
    ]);
    expect(await repository.department('haishu-housing')).toMatchObject({
      name: '海曙区住房和城乡建设局',
      connectedKinds: ['licensing', 'disclosure'],
      updatedBy: 'deployment:esup-test-stateless',
    });
    expect((await repository.departments('yuyao')).map((d) => d.department)).toEqual(['yuyao-market-regulation']);
    expect((await auditEntries()).map((entry) => [entry['action'], entry['actor'], entry['target']])).toHaveLength(5);
  });

  it('changes nothing, and audits nothing, when the same configuration is applied again', async () => {
    // Prepare
    await applyCityStructure(structure(), 'deployment:first', deps);
    const auditedBefore = (await auditEntries()).length;

    // Act
    const again = await applyCityStructure(structure(), 'deployment:second', deps);

    // Assess
    expect(again.created).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.unchanged).toHaveLength(5);
    expect((await repository.jurisdictions()).map((j) => j.version)).toEqual([1, 1, 1]);
    expect((await repository.department('haishu-housing'))?.updatedBy).toBe('deployment:first');
    expect(await auditEntries()).toHaveLength(auditedBefore);
  });

  it("keeps an administrator's edit through an unrelated redeploy, and writes only the field the configuration changed", async () => {
    // Prepare: the configuration is applied, then an administrator renames the department.
    await applyCityStructure(structure(), 'deployment:first', deps);
    const stored = (await repository.department('haishu-housing'))!;
    await repository.putDepartment({ ...stored, name: '海曙区住建局', version: 2, updatedBy: 'systemAdministrator:admin-1' }, 1);
    const changed = structure();
    changed.departments[0] = { ...changed.departments[0]!, connectedKinds: ['licensing', 'publicResourceTrading'] };

    // Act
    const unrelated = await applyCityStructure(structure(), 'deployment:second', deps);
    const afterUnrelated = await repository.department('haishu-housing');
    const related = await applyCityStructure(changed, 'deployment:third', deps);
    const afterRelated = await repository.department('haishu-housing');

    // Assess
    expect(unrelated.updated).toEqual([]);
    expect(afterUnrelated).toMatchObject({ name: '海曙区住建局', version: 2 });
    expect(related.updated).toEqual(['department:haishu-housing']);
    expect(afterRelated).toMatchObject({
      name: '海曙区住建局',
      connectedKinds: ['licensing', 'publicResourceTrading'],
      version: 3,
      updatedBy: 'deployment:third',
      applied: { name: '海曙区住房和城乡建设局', connectedKinds: ['licensing', 'publicResourceTrading'] },
    });
    expect((await auditEntries()).at(-1)).toMatchObject({
      action: 'city-structure.apply',
      target: 'department:haishu-housing',
      reason: expect.stringContaining('connectedKinds'),
    });
  });

  it('never deletes an entry the configuration no longer lists', async () => {
    // Prepare
    await applyCityStructure(structure(), 'deployment:first', deps);
    const smaller = structure();
    smaller.jurisdictions.pop();
    smaller.departments.pop();

    // Act
    const applied = await applyCityStructure(smaller, 'deployment:second', deps);

    // Assess
    expect(applied.unchanged).toHaveLength(3);
    expect(await repository.jurisdiction('yuyao')).toMatchObject({ issuingOrgan: '余姚市监察委员会' });
    expect(await repository.department('yuyao-market-regulation')).toMatchObject({ jurisdiction: 'yuyao' });
  });

  it('adopts a department an administrator created before the configuration listed it', async () => {
    // Prepare
    await repository.putDepartment(
      {
        department: 'haishu-housing',
        name: '海曙区住建局',
        jurisdiction: 'haishu',
        connectedKinds: [],
        version: 1,
        updatedAt: new Date().toISOString(),
        updatedBy: 'systemAdministrator:admin-1',
      },
      0,
    );

    // Act
    const applied = await applyCityStructure(structure(), 'deployment:first', deps);

    // Assess
    expect(applied.updated).toEqual(['department:haishu-housing']);
    expect(await repository.department('haishu-housing')).toMatchObject({
      name: '海曙区住房和城乡建设局',
      connectedKinds: ['licensing', 'disclosure'],
      version: 2,
    });
  });
});
