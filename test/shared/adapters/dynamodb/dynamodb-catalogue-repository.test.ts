import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCatalogueRepository } from '#shared/adapters/dynamodb/dynamodb-catalogue-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import type { StoredMatter, StoredMatterVersion } from '#shared/application/ports.ts';
import { DisclosureMatter } from '#shared/domain/disclosure/disclosure-matter.ts';
import { MatterVersionChanged } from '#shared/application/store-refusals.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';

let tables: TestTables;
let repository: DynamoDbCatalogueRepository;

beforeAll(async () => {
  tables = await createTestTables();
  repository = new DynamoDbCatalogueRepository(tables.documentClient, tables.tables.reference);
});

let counter = 0;
const uniqueDepartment = () => `dept-${Date.now().toString(36)}-${(counter += 1)}`;

function disclosureMatter(department: string, replyWorkingDays: number): StoredMatter {
  return { department, matterCode: 'information-disclosure', kind: 'disclosure', name: '政府信息公开', legalBasis: '《政府信息公开条例》', replyWorkingDays };
}

function version(matter: StoredMatter, number: number, effectiveFrom: string, effectiveUntil?: string): StoredMatterVersion {
  return {
    ...matter,
    version: number,
    effectiveFrom,
    ...(effectiveUntil ? { effectiveUntil } : {}),
    recordedAt: '2026-01-05T02:00:00.000Z',
    recordedBy: 'citySupervisor:sup-1',
  };
}

describe('the DynamoDB catalogue repository', () => {
  it('stores versions and lists them oldest first', async () => {
    // Prepare
    const department = uniqueDepartment();
    const v1 = version(disclosureMatter(department, 20), 1, '2025-01-01');
    const v2 = version(disclosureMatter(department, 15), 2, '2026-01-01');

    // Act
    await repository.addVersion({ version: v1, current: disclosureMatter(department, 20) });
    await repository.addVersion({ version: v2, current: disclosureMatter(department, 15) });
    const versions = await repository.listVersions(department, 'information-disclosure');

    // Assess
    expect(versions.map((v) => [v.version, v.replyWorkingDays, v.effectiveFrom])).toEqual([
      [1, 20, '2025-01-01'],
      [2, 15, '2026-01-01'],
    ]);
  });

  it('refuses a version that is not the latest plus one, storing nothing', async () => {
    // Prepare
    const department = uniqueDepartment();
    await repository.addVersion({ version: version(disclosureMatter(department, 20), 1, '2025-01-01'), current: disclosureMatter(department, 20) });

    // Act
    const [again, skipping] = await Promise.allSettled([
      repository.addVersion({ version: version(disclosureMatter(department, 18), 1, '2026-01-01'), current: disclosureMatter(department, 18) }),
      repository.addVersion({ version: version(disclosureMatter(department, 17), 3, '2026-01-01'), current: disclosureMatter(department, 17) }),
    ]);

    // Assess
    expect(again.status === 'rejected' && again.reason).toBeInstanceOf(MatterVersionChanged);
    expect(skipping.status === 'rejected' && skipping.reason).toBeInstanceOf(MatterVersionChanged);
    expect((await repository.listVersions(department, 'information-disclosure')).map((v) => v.version)).toEqual([1]);
    expect((await repository.listCatalogue(department))[0]?.current).toMatchObject({ replyWorkingDays: 20 });
  });

  it('lets exactly one of two concurrent writers of the same version win', async () => {
    // Prepare
    const department = uniqueDepartment();

    // Act
    const results = await Promise.allSettled(
      [20, 19].map((days) =>
        repository.addVersion({ version: version(disclosureMatter(department, days), 1, '2025-01-01'), current: disclosureMatter(department, days) }),
      ),
    );

    // Assess
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await repository.listVersions(department, 'information-disclosure')).toHaveLength(1);
  });

  it('keeps the current item a plain matter, which the strict family schema and the reference reader accept', async () => {
    // Prepare
    const department = uniqueDepartment();
    const reader = new DynamoDbReferenceReader(tables.documentClient, tables.tables.reference);

    // Act
    await repository.addVersion({ version: version(disclosureMatter(department, 12), 1, '2025-01-01'), current: disclosureMatter(department, 12) });
    const stored = await reader.matter(department, 'information-disclosure');

    // Assess
    expect(DisclosureMatter.safeParse(stored).success).toBe(true);
  });

  it('answers the version in force on a date, and nothing in a gap', async () => {
    // Prepare
    const department = uniqueDepartment();
    await repository.addVersion({ version: version(disclosureMatter(department, 20), 1, '2025-01-01', '2025-06-30'), current: undefined });
    await repository.addVersion({ version: version(disclosureMatter(department, 15), 2, '2025-09-01'), current: disclosureMatter(department, 15) });

    // Act
    const [early, gap, late] = await Promise.all(
      ['2025-03-01', '2025-07-01', '2026-03-01'].map((date) => repository.matterAt(department, 'information-disclosure', date)),
    );

    // Assess
    expect(early).toEqual({ version: 1, matter: disclosureMatter(department, 20) });
    expect(gap).toBeUndefined();
    expect(late?.version).toBe(2);
  });

  it('treats a matter never versioned as in force on every date, and lists it with latest version 0', async () => {
    // Prepare
    const department = uniqueDepartment();
    const legacy = disclosureMatter(department, 20);
    await tables.documentClient.send(
      new PutCommand({ TableName: tables.tables.reference, Item: { pk: `DEPARTMENT#${department}`, sk: 'MATTER#information-disclosure', ...legacy } }),
    );

    // Act
    const inForce = await repository.matterAt(department, 'information-disclosure', '2001-01-01');
    const catalogue = await repository.listCatalogue(department);

    // Assess
    expect(inForce).toEqual({ version: null, matter: legacy });
    expect(catalogue).toEqual([{ matterCode: 'information-disclosure', current: legacy, latestVersion: 0 }]);
  });
});
