import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCalendarStore } from '#shared/adapters/dynamodb/dynamodb-calendar-store.ts';
import { CalendarProvider } from '#shared/application/calendar-provider.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { createTestTables, type TestTables } from '../../support/dynamodb.ts';
import { anArrangementFor2027 } from '../domain/calendar/year-arrangement-mother.ts';

let tables: TestTables;
const by = (version: number) => ({ expectedVersion: version, updatedAt: '2026-11-20T09:00:00.000Z', updatedBy: 'citySupervisor:sup-1' });

beforeAll(async () => {
  tables = await createTestTables();
});

/** A fresh store on its own tables, and a hand-driven clock. */
async function aProvider(): Promise<{ store: DynamoDbCalendarStore; provider: CalendarProvider; advance: (ms: number) => void }> {
  const own = await createTestTables();
  const store = new DynamoDbCalendarStore(own.documentClient, own.tables.reference);
  let now = 1_000_000;
  const provider = new CalendarProvider(store, stateCouncilCalendar, { ttlMs: 60_000, now: () => now });
  return { store, provider, advance: (ms) => (now += ms) };
}

describe('the calendar in force', () => {
  it('is the packaged State Council calendar while no year is loaded', async () => {
    // Prepare
    const { provider } = await aProvider();

    // Act
    const calendar = await provider.calendar();

    // Assess
    expect(calendar.hasArrangement(2026)).toBe(true);
    expect(calendar.hasArrangement(2027)).toBe(false);
  });

  it('picks up a year loaded by a supervisor once the minute it trusts its copy has passed', async () => {
    // Prepare
    const { store, provider, advance } = await aProvider();
    await provider.calendar();
    await store.put(anArrangementFor2027(), by(0));

    // Act
    const within = await provider.calendar();
    advance(60_001);
    const after = await provider.calendar();

    // Assess
    expect(within.hasArrangement(2027)).toBe(false);
    expect(after.hasArrangement(2027)).toBe(true);
    expect(after.isWorkingDay('2027-02-20')).toBe(true);
  });

  it('keeps the same calendar object while the stored years do not change, and a new one when they do', async () => {
    // Prepare
    const { store, provider, advance } = await aProvider();
    await store.put(anArrangementFor2027(), by(0));
    const first = await provider.calendar();

    // Act
    advance(60_001);
    const unchanged = await provider.calendar();
    await store.put(anArrangementFor2027({ source: 'corrected' }), by(1));
    advance(60_001);
    const changed = await provider.calendar();

    // Assess
    expect(unchanged).toBe(first);
    expect(changed).not.toBe(first);
  });

  it('shares one read of the store among concurrent callers', async () => {
    // Prepare
    const { store, provider } = await aProvider();
    await store.put(anArrangementFor2027(), by(0));

    // Act
    const calendars = await Promise.all([provider.calendar(), provider.calendar(), provider.calendar()]);

    // Assess
    expect(new Set(calendars).size).toBe(1);
    expect(calendars[0]?.hasArrangement(2027)).toBe(true);
  });

  it('fails when the store cannot be read and there is no calendar to keep', async () => {
    // Prepare
    const store = new DynamoDbCalendarStore(tables.documentClient, 'no-such-table');
    const provider = new CalendarProvider(store);

    // Act
    const loading = provider.calendar();

    // Assess
    await expect(loading).rejects.toThrow();
  });
});
