import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCatalogue, demoDepartments, demoDistricts, demoReferenceItems, seedDemoData } from '#infra/local/demo-data.ts';
import { DepartmentId, MatterCode } from '#shared/domain/records/identifiers.ts';
import { createTestTables, type TestTables } from '../../support/dynamodb.ts';

let tables: TestTables;

beforeAll(async () => {
  tables = await createTestTables();
});

describe('demo reference data', () => {
  it('gives each district two departments and each department two or three licensing matters', () => {
    // Prepare
    const districts = demoDistricts.map((district) => district.jurisdiction);

    // Act
    const departmentsPerDistrict = districts.map((district) => demoDepartments.filter((d) => d.jurisdiction === district).length);
    const mattersPerDepartment = demoDepartments.map((d) => demoCatalogue.filter((m) => m.department === d.department).length);

    // Assess
    expect(districts).toEqual(['haishu', 'yinzhou']);
    expect(departmentsPerDistrict).toEqual([2, 2]);
    for (const count of mattersPerDepartment) expect(count).toBeGreaterThanOrEqual(2);
    for (const count of mattersPerDepartment) expect(count).toBeLessThanOrEqual(3);
  });

  it('uses identifiers the wire contract accepts and limits within the Licensing Law', () => {
    // Prepare
    const matters = demoCatalogue;

    // Act
    const invalid = matters.filter(
      (matter) =>
        !DepartmentId.safeParse(matter.department).success ||
        !MatterCode.safeParse(matter.matterCode).success ||
        matter.promisedWorkingDays > matter.statutoryWorkingDays ||
        matter.statutoryWorkingDays !== 20,
    );

    // Assess
    expect(invalid).toEqual([]);
  });

  it('writes the same items however often it is seeded', async () => {
    // Prepare
    await seedDemoData(tables.documentClient, tables.tables.reference);

    // Act
    const written = await seedDemoData(tables.documentClient, tables.tables.reference);
    const stored = await tables.documentClient.send(
      new QueryCommand({
        TableName: tables.tables.reference,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'DEPARTMENT#yinzhou-natural-resources' },
      }),
    );

    // Assess
    expect(written).toBe(demoReferenceItems().length);
    expect(stored.Items?.map((item) => item.sk)).toEqual([
      'MATTER#construction-planning-permit',
      'MATTER#information-disclosure',
      'MATTER#land-survey-tender',
      'MATTER#land-use-planning-permit',
      'MATTER#rural-construction-planning-permit',
      'PROFILE',
    ]);
    expect(stored.Items?.find((item) => item.sk === 'PROFILE')).toEqual({
      pk: 'DEPARTMENT#yinzhou-natural-resources',
      sk: 'PROFILE',
      department: 'yinzhou-natural-resources',
      name: '鄞州区自然资源和规划局',
      jurisdiction: 'yinzhou',
    });
  });
});
