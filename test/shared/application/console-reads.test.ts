/**
 * Console reads scoped by role and jurisdiction, against DynamoDB Local: a district sees its
 * own departments only, a liaison its own department only, and what is out of scope answers as
 * if it did not exist.
 */
import { processingWith } from '../../support/case-engine.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '#shared/access/principal.ts';
import { DynamoDbAlertReader } from '#shared/adapters/dynamodb/dynamodb-alert-reader.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCaseRepository } from '#shared/adapters/dynamodb/dynamodb-case-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { contentHash } from '#shared/application/content-hash.ts';
import { listAlerts, type ListAlertsDependencies } from '#shared/application/list-alerts.ts';
import { processRecord } from '#shared/application/process-record.ts';
import { readCaseTimeline } from '#shared/application/read-case-timeline.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import type { LicensingEvent } from '#shared/domain/licensing/licensing-event.ts';
import { CaseNotFound, DepartmentNotFound } from '#shared/domain/access-refusals.ts';
import { CursorNotRecognised } from '#shared/application/store-refusals.ts';
import { seedDemoReferenceData } from '../../support/reference-data.ts';
import { createTestTables } from '../../support/dynamodb.ts';
import { testRecordSealer } from '../../support/record-seals.ts';

let deps: ListAlertsDependencies;
let cases: DynamoDbCaseRepository;

const city: StaffPrincipal = { kind: 'staff', subject: 's-city', role: 'citySupervisor', jurisdiction: 'city' };
const haishu: StaffPrincipal = { kind: 'staff', subject: 's-hs', role: 'districtSupervisor', jurisdiction: 'haishu' };
const yinzhou: StaffPrincipal = { kind: 'staff', subject: 's-yz', role: 'districtSupervisor', jurisdiction: 'yinzhou' };
const housingLiaison: StaffPrincipal = { kind: 'staff', subject: 's-l', role: 'departmentLiaison', jurisdiction: 'haishu', department: 'haishu-housing' };
const auditor: StaffPrincipal = { kind: 'staff', subject: 's-a', role: 'auditor', jurisdiction: 'city' };

async function lateCase(department: string, matterCode: string, caseId: string): Promise<void> {
  const processing = processingWith({ cases, reference: deps.reference, calendar: stateCouncilCalendar }, '2025-10-20T10:00:00+08:00');
  const events: LicensingEvent[] = [
    { kind: 'licensing', department, matterCode, caseId, sequence: 1, event: 'received', occurredAt: '2025-09-01T09:00:00+08:00' },
    { kind: 'licensing', department, matterCode, caseId, sequence: 2, event: 'accepted', occurredAt: '2025-09-01T10:00:00+08:00' },
  ];
  for (const record of events) await processRecord({ v: 1, receivedAt: '2025-09-01T02:00:00Z', contentHash: contentHash(record), record }, processing);
}

beforeAll(async () => {
  const { documentClient, tables } = await createTestTables();
  await seedDemoReferenceData(documentClient, tables.reference);
  cases = new DynamoDbCaseRepository(documentClient, tables.cases, testRecordSealer());
  deps = {
    alerts: new DynamoDbAlertReader(documentClient, tables.cases),
    reference: new DynamoDbReferenceReader(documentClient, tables.reference),
    audit: new DynamoDbAuditLog(documentClient, tables.audit),
  };
  await lateCase('haishu-housing', 'construction-permit', 'HS-H-1');
  await lateCase('haishu-housing', 'construction-permit', 'HS-H-2');
  await lateCase('haishu-market-regulation', 'food-business-licence', 'HS-M-1');
  await lateCase('yinzhou-market-regulation', 'food-business-licence', 'YZ-M-1');
});

const caseIds = (page: { items: readonly { caseId: string }[] }) => page.items.map((a) => a.caseId).sort();

describe('listing alerts', () => {
  it('shows the city supervisor every district', async () => {
    expect(caseIds(await listAlerts(city, {}, deps))).toEqual(['HS-H-1', 'HS-H-2', 'HS-M-1', 'YZ-M-1']);
  });

  it('shows a district supervisor only its own district', async () => {
    expect(caseIds(await listAlerts(haishu, {}, deps))).toEqual(['HS-H-1', 'HS-H-2', 'HS-M-1']);
    expect(caseIds(await listAlerts(yinzhou, {}, deps))).toEqual(['YZ-M-1']);
  });

  it("answers another district's department as not found", async () => {
    await expect(listAlerts(yinzhou, { department: 'haishu-housing' }, deps)).rejects.toBeInstanceOf(DepartmentNotFound);
  });

  it('shows a liaison only its own department, even when it asks for another', async () => {
    expect(caseIds(await listAlerts(housingLiaison, {}, deps))).toEqual(['HS-H-1', 'HS-H-2']);
    await expect(listAlerts(housingLiaison, { department: 'haishu-market-regulation' }, deps)).rejects.toBeInstanceOf(DepartmentNotFound);
  });

  it('shows roles without case access nothing', async () => {
    expect((await listAlerts(auditor, {}, deps)).items).toEqual([]);
  });

  it('filters by level and status', async () => {
    expect((await listAlerts(city, { level: 'correction' }, deps)).items.length).toBe(4);
    expect((await listAlerts(city, { level: 'prompt' }, deps)).items).toEqual([]);
    expect((await listAlerts(city, { status: 'resolved' }, deps)).items).toEqual([]);
  });

  it('pages with a cursor and clamps the page size', async () => {
    const first = await listAlerts(city, { limit: 3 }, deps);
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toBeDefined();
    const second = await listAlerts(city, { limit: 3, cursor: first.nextCursor }, deps);
    expect([...caseIds(first), ...caseIds(second)].sort()).toEqual(['HS-H-1', 'HS-H-2', 'HS-M-1', 'YZ-M-1']);
    expect((await listAlerts(city, { limit: 0 }, deps)).items).toHaveLength(1);
    expect((await listAlerts(city, { limit: 10_000 }, deps)).items).toHaveLength(4);
  });

  it('refuses a cursor from another listing or a forged one', async () => {
    const cityPage = await listAlerts(city, { limit: 1 }, deps);
    await expect(listAlerts(haishu, { cursor: cityPage.nextCursor }, deps)).rejects.toBeInstanceOf(CursorNotRecognised);
    const forged = Buffer.from(JSON.stringify({ pk: 'x', sk: 'y', alertJurisdiction: 'haishu', alertOrder: 'z', extra: '1' })).toString('base64url');
    await expect(listAlerts(haishu, { cursor: forged }, deps)).rejects.toBeInstanceOf(CursorNotRecognised);
    await expect(listAlerts(haishu, { cursor: 'bm90LWpzb24' }, deps)).rejects.toBeInstanceOf(CursorNotRecognised);
  });
});

describe("reading a case's timeline", () => {
  const timelineDeps = () => ({ cases, reference: deps.reference, audit: deps.audit });

  it('gives events in sequence order, deadlines and alerts', async () => {
    const timeline = await readCaseTimeline(haishu, { department: 'haishu-housing', kind: 'licensing', caseId: 'HS-H-1' }, timelineDeps());
    expect(timeline.events.map((e) => e.event)).toEqual(['received', 'accepted']);
    expect(timeline.alerts.map((a) => a.level)).toEqual(['correction']);
    expect(timeline.case.stage).toBe('accepted');
  });

  it('answers a case of another district or department as not found', async () => {
    await expect(readCaseTimeline(yinzhou, { department: 'haishu-housing', kind: 'licensing', caseId: 'HS-H-1' }, timelineDeps())).rejects.toBeInstanceOf(
      CaseNotFound,
    );
    await expect(
      readCaseTimeline(housingLiaison, { department: 'haishu-market-regulation', kind: 'licensing', caseId: 'HS-M-1' }, timelineDeps()),
    ).rejects.toBeInstanceOf(CaseNotFound);
    await expect(readCaseTimeline(city, { department: 'haishu-housing', kind: 'licensing', caseId: 'NO-SUCH' }, timelineDeps())).rejects.toBeInstanceOf(
      CaseNotFound,
    );
  });
});
