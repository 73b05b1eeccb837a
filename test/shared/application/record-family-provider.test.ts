import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbRecordKindStore } from '#shared/adapters/dynamodb/dynamodb-record-kind-store.ts';
import { RecordFamilyProvider } from '#shared/application/record-family-provider.ts';
import { createTestTables, type TestTables } from '../../support/dynamodb.ts';
import { anInspectionDefinition } from '../domain/configured-kinds/kind-definition-mother.ts';

let tables: TestTables;

beforeAll(async () => {
  tables = await createTestTables();
});

describe('the record families in force', () => {
  it('finds a kind defined after the registry was read, without waiting for the registry to expire, reading again at most every few seconds', async () => {
    // Prepare: a container read the registry (built-in kinds only) a moment ago.
    const store = new DynamoDbRecordKindStore(tables.documentClient, tables.tables.reference);
    let now = 1_000_000;
    const provider = new RecordFamilyProvider(store, { ttlMs: 60_000, now: () => now, unknownKindReloadMs: 5_000 });
    await provider.registry();
    await store.put('inspection', {
      definition: { ...anInspectionDefinition(), version: 1 },
      version: 1,
      updatedAt: new Date().toISOString(),
      updatedBy: 'citySupervisor:test',
    });

    // Act
    const cached = await provider.registry();
    const knowing = await provider.registryKnowing('inspection');
    now += 1_000;
    const unknownSoonAfter = await provider.registryKnowing('noSuchKind');
    now += 5_000;
    const unknownLater = await provider.registryKnowing('noSuchKind');

    // Assess
    expect(cached.familyOf('inspection')).toBeUndefined();
    expect(knowing.familyOf('inspection')?.kind).toBe('inspection');
    expect(unknownSoonAfter).toBe(knowing);
    expect(unknownLater).not.toBe(knowing);
    expect(unknownLater.familyOf('licensing')?.kind).toBe('licensing');
  });
});
