import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCalendarStore } from '#shared/adapters/dynamodb/dynamodb-calendar-store.ts';
import { CalendarVersionChanged } from '#shared/application/store-refusals.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';
import { aCorrected2026, anArrangementFor2027 } from '../../domain/calendar/year-arrangement-mother.ts';

let tables: TestTables;
let store: DynamoDbCalendarStore;
const by = (version: number) => ({ expectedVersion: version, updatedAt: '2026-11-20T09:00:00.000Z', updatedBy: 'citySupervisor:sup-1' });

beforeAll(async () => {
  tables = await createTestTables();
  store = new DynamoDbCalendarStore(tables.documentClient, tables.tables.reference);
});

describe('holiday arrangements in the reference table', () => {
  it('stores a new year as version 1 under pk=CALENDAR, sk=YEAR#<yyyy> and reads it back', async () => {
    // Prepare
    const arrangement = anArrangementFor2027();

    // Act
    const stored = await store.put(arrangement, by(0));
    const read = await store.get(2027);

    // Assess
    expect(stored.version).toBe(1);
    expect(read).toEqual({ ...arrangement, version: 1, updatedAt: '2026-11-20T09:00:00.000Z', updatedBy: 'citySupervisor:sup-1' });
    const { Item } = await tables.documentClient.send(new GetCommand({ TableName: tables.tables.reference, Key: { pk: 'CALENDAR', sk: 'YEAR#2027' } }));
    expect(Item?.['source']).toBe(arrangement.source);
  });

  it('replaces a year only under the version that was read, refusing a stale one', async () => {
    // Prepare
    await store.put(aCorrected2026(), by(0));

    // Act
    const replaced = await store.put({ ...aCorrected2026(), source: 'second correction' }, by(1));
    const stale = await store.put({ ...aCorrected2026(), source: 'lost update' }, by(1)).catch((error: unknown) => error);
    const duplicateNew = await store.put(aCorrected2026(), by(0)).catch((error: unknown) => error);

    // Assess
    expect(replaced.version).toBe(2);
    expect(stale).toBeInstanceOf(CalendarVersionChanged);
    expect(duplicateNew).toBeInstanceOf(CalendarVersionChanged);
    expect(await store.get(2026)).toMatchObject({ source: 'second correction', version: 2 });
  });

  it('lists the loaded years in ascending order, and answers nothing for a year not loaded', async () => {
    // Prepare
    await store.put(anArrangementFor2027({ year: 2028, holidays: ['2028-01-03'], makeUpWorkingDays: [] }), by(0));

    // Act
    const years = await store.list();
    const missing = await store.get(2031);

    // Assess
    expect(years.map((year) => year.year)).toEqual([2026, 2027, 2028]);
    expect(missing).toBeUndefined();
  });
});
