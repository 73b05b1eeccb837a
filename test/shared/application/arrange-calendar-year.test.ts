import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '#shared/access/principal.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCalendarStore } from '#shared/adapters/dynamodb/dynamodb-calendar-store.ts';
import { arrangeCalendarYear, type ArrangeCalendarYearDependencies } from '#shared/application/arrange-calendar-year.ts';
import { RoleNotPermitted } from '#shared/domain/access-refusals.ts';
import { CalendarVersionChanged } from '#shared/application/store-refusals.ts';
import { createTestTables, type TestTables } from '../../support/dynamodb.ts';
import { anArrangementFor2027 } from '../domain/calendar/year-arrangement-mother.ts';

let tables: TestTables;
let deps: ArrangeCalendarYearDependencies;
const now = new Date('2026-11-20T09:00:00.000Z');
const citySupervisor: StaffPrincipal = { kind: 'staff', subject: 'city-sup-1', role: 'citySupervisor', jurisdiction: 'city' };
const districtSupervisor: StaffPrincipal = { kind: 'staff', subject: 'district-sup-1', role: 'districtSupervisor', jurisdiction: 'haishu' };

beforeAll(async () => {
  tables = await createTestTables();
  deps = {
    calendar: new DynamoDbCalendarStore(tables.documentClient, tables.tables.reference),
    audit: new DynamoDbAuditLog(tables.documentClient, tables.tables.audit, () => now),
    clock: () => now,
  };
});

async function auditTrail(): Promise<Record<string, unknown>[]> {
  const { Items } = await tables.documentClient.send(
    new QueryCommand({ TableName: tables.tables.audit, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'AUDIT#2026-11-20' } }),
  );
  return Items ?? [];
}

describe('a supervisor loading a year of holiday arrangements', () => {
  it('stores the year for a city supervisor and audits who did it, and refuses anyone else even past the route', async () => {
    // Act
    const stored = await arrangeCalendarYear(citySupervisor, 2027, { ...anArrangementFor2027(), expectedVersion: 0 }, deps);
    const refused = await arrangeCalendarYear(districtSupervisor, 2027, { ...anArrangementFor2027(), expectedVersion: 1 }, deps).catch(
      (error: unknown) => error,
    );
    const stale = await arrangeCalendarYear(citySupervisor, 2027, { ...anArrangementFor2027(), expectedVersion: 0 }, deps).catch((error: unknown) => error);

    // Assess
    expect(stored).toMatchObject({ year: 2027, version: 1, updatedAt: now.toISOString(), updatedBy: 'citySupervisor:city-sup-1' });
    expect(refused).toBeInstanceOf(RoleNotPermitted);
    expect(stale).toBeInstanceOf(CalendarVersionChanged);
    expect((await auditTrail()).map((entry) => [entry['action'], entry['outcome'], entry['actor'], entry['target']])).toEqual([
      ['calendar.arrange', 'allowed', 'citySupervisor:city-sup-1', 'calendar:2027'],
      ['calendar.arrange', 'denied', 'districtSupervisor:district-sup-1', 'calendar:2027'],
      ['calendar.arrange', 'refused', 'citySupervisor:city-sup-1', 'calendar:2027'],
    ]);
  });
});
