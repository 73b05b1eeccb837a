/**
 * The complaint repository against DynamoDB Local: atomic saves on a version, the item layout the
 * sweep and the queues read, personal data only sealed, notices and lookups.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalPersonalDataProtector } from '#shared/adapters/crypto/local-personal-data-protector.ts';
import { DynamoDbComplaintRepository } from '#shared/adapters/dynamodb/dynamodb-complaint-repository.ts';
import { ReceiptNumberTakenError, InvalidComplaintCursorError } from '#shared/application/complaints/complaint-repository.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { defaultComplaintClockPolicy } from '#shared/domain/complaints/complaint-clock.ts';
import { applyDecision, applyRating, newComplaint, withNoticeProduced } from '#shared/domain/complaints/complaint-lifecycle.ts';
import { erasePersonalData } from '#shared/domain/complaints/personal-data-retention.ts';
import { receiptNumberFor } from '#shared/domain/complaints/receipt-number.ts';
import { ComplaintVersionChanged } from '#shared/application/store-refusals.ts';
import { countersOfItem, statisticsPk, statisticsShardOf, statisticsSk } from '#shared/adapters/dynamodb/statistics-items.ts';
import { complaintStatisticsKind } from '#shared/domain/statistics/complaint-contribution.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';
import { clockContext, filingInput, generatedIdentityNumber } from '../../domain/complaints/complaint-mother.ts';

let db: TestTables;
let repository: DynamoDbComplaintRepository;
const protector = new LocalPersonalDataProtector({ wrappingKey: randomBytes(32), lookupKey: randomBytes(32) });
const person = { name: '测试人甲', idNumber: generatedIdentityNumber('330203', '19850615', '271'), phone: '13900001111', address: '宁波市海曙区测试路8号' };

beforeAll(async () => {
  db = await createTestTables();
  repository = new DynamoDbComplaintRepository(db.documentClient, db.tables.oversight, db.tables.cases);
});

let counter = 0;
function nextReceiptNumber(date = '2026-10-09'): string {
  counter += 1;
  return receiptNumberFor(date, [counter % 32, (counter >> 5) % 32, 3, 4, 5, 6, 7, Math.floor(Math.random() * 32)]);
}

async function storeFiled(overrides: Parameters<typeof filingInput>[0] = {}) {
  const receiptNumber = overrides.receiptNumber ?? nextReceiptNumber();
  const sealed = await protector.seal({ content: '测试投诉内容：办理超期。', ...person }, receiptNumber, { period: { kind: 'intake', period: '2026-10' } });
  const change = newComplaint(filingInput({ receiptNumber, sealed, ...overrides }), { cal: stateCouncilCalendar, policy: defaultComplaintClockPolicy });
  const lookupHashes = [await protector.lookupHash(`idNumber:${person.idNumber}`), await protector.lookupHash(`phone:${person.phone}`)];
  await repository.save([{ change, expectedVersion: 0, lookupHashes }]);
  return change.complaint;
}

const rawItems = async (receiptNumber: string) =>
  (
    await db.documentClient.send(
      new QueryCommand({
        TableName: db.tables.oversight,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `COMPLAINT#${receiptNumber}` },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

describe('saving and loading complaints', () => {
  it('stores a filed complaint with its step, lookups, pending timer and queue place', async () => {
    const complaint = await storeFiled();

    const loaded = await repository.load(complaint.receiptNumber);
    const items = await rawItems(complaint.receiptNumber);
    const state = items.find((item) => item['sk'] === 'STATE');

    expect(loaded).toEqual(complaint);
    expect(items.map((item) => item['sk']).sort()).toEqual(['LOOKUP#1', 'LOOKUP#2', 'STATE', 'STATE#TIMERS', 'STEP#000001']);
    // The sweep's index attributes are on the small timers item, the queues' on STATE.
    expect(items.find((item) => item['sk'] === 'STATE#TIMERS')).toMatchObject({
      version: 1,
      firings: [],
      dueAt: '2026-10-14T16:00:00.000Z',
      sweepShard: expect.stringMatching(/^[0-3]$/),
    });
    expect(state).not.toHaveProperty('dueAt');
    expect(state).toMatchObject({
      version: 1,
      queueJurisdiction: 'haishu#complaintsAwaitingDecision',
      queueCitywide: 'complaintsAwaitingDecision',
      queueOrder: `2026-10-15T15:59:59.999Z#${complaint.receiptNumber}`,
    });
    expect(await repository.timeline(complaint.receiptNumber)).toEqual([expect.objectContaining({ sequence: 1, action: 'filed', actor: 'public' })]);
  });

  it('keeps personal data only sealed: no name, ID number, phone or address anywhere in the raw items', async () => {
    const complaint = await storeFiled();

    const raw = JSON.stringify(await rawItems(complaint.receiptNumber));

    for (const value of [person.name, person.idNumber, person.phone, person.address, '办理超期']) expect(raw).not.toContain(value);
    expect(await protector.open(complaint.sealed!, complaint.receiptNumber)).toMatchObject({ name: person.name, phone: person.phone });
  });

  it('refuses a stale version and writes none of the change', async () => {
    const complaint = await storeFiled();
    const decision = applyDecision(complaint, { accepted: false, reasons: '不属于受理范围' }, clockContext('2026-10-12T02:00:00.000Z'));
    await repository.save([{ change: decision, expectedVersion: 1 }]);
    const stale = applyDecision(
      complaint,
      { accepted: true, handling: { by: 'supervisor' }, deadline: '2026-10-30' },
      clockContext('2026-10-12T03:00:00.000Z'),
    );

    await expect(repository.save([{ change: stale, expectedVersion: 1 }])).rejects.toBeInstanceOf(ComplaintVersionChanged);

    expect((await repository.load(complaint.receiptNumber))?.stage).toBe('notAccepted');
    expect((await repository.timeline(complaint.receiptNumber)).map((s) => s.action)).toEqual(['filed', 'decided']);
  });

  it('lets exactly one of two concurrent saves on the same version win', async () => {
    const complaint = await storeFiled();
    const a = applyDecision(complaint, { accepted: false, reasons: 'a' }, clockContext('2026-10-12T02:00:00.000Z'));
    const b = applyDecision(complaint, { accepted: true, handling: { by: 'supervisor' }, deadline: '2026-10-30' }, clockContext('2026-10-12T02:00:00.000Z'));

    const outcomes = await Promise.allSettled([repository.save([{ change: a, expectedVersion: 1 }]), repository.save([{ change: b, expectedVersion: 1 }])]);

    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: expect.any(ComplaintVersionChanged) });
    // Only the winner's steps follow the filing: never a mix of both.
    const winner = outcomes[0]?.status === 'fulfilled' ? a : b;
    expect((await repository.timeline(complaint.receiptNumber)).map((step) => step.action)).toEqual(['filed', ...winner.steps.map((step) => step.action)]);
  });

  it('refuses a receipt number already taken', async () => {
    const complaint = await storeFiled();

    await expect(storeFiled({ receiptNumber: complaint.receiptNumber })).rejects.toBeInstanceOf(ReceiptNumberTakenError);
  });

  it('drops the queue place once nothing is awaited, and keeps only the retention end as its timer', async () => {
    const complaint = await storeFiled();
    const decision = applyDecision(complaint, { accepted: false, reasons: '不属于受理范围' }, clockContext('2026-10-12T02:00:00.000Z'));

    await repository.save([{ change: decision, expectedVersion: 1 }]);

    const { Item } = await db.documentClient.send(
      new GetCommand({ TableName: db.tables.oversight, Key: { pk: `COMPLAINT#${complaint.receiptNumber}`, sk: 'STATE' }, ConsistentRead: true }),
    );
    for (const attribute of ['queueJurisdiction', 'queueCitywide', 'queueDepartment', 'queueOrder']) expect(Item).not.toHaveProperty(attribute);
    const timers = (
      await db.documentClient.send(
        new GetCommand({ TableName: db.tables.oversight, Key: { pk: `COMPLAINT#${complaint.receiptNumber}`, sk: 'STATE#TIMERS' }, ConsistentRead: true }),
      )
    ).Item;
    // 1095 days (the default retention) after the decision.
    expect(timers).toMatchObject({ dueAt: '2029-10-11T02:00:00.000Z', sweepShard: expect.stringMatching(/^[0-3]$/) });
  });
});

describe('notices and lookups', () => {
  it('stores a sealed notice with the change that produced it and reads it back', async () => {
    const complaint = await storeFiled();
    const pdf = new Uint8Array(Buffer.from('%PDF-1.7 test'));
    const document = await protector.sealDocument(pdf, `${complaint.receiptNumber}#notice:decision`, { keyRef: complaint.sealed?.keyRef ?? '' });
    const change = withNoticeProduced(
      applyDecision(complaint, { accepted: false, reasons: 'x' }, clockContext('2026-10-12T02:00:00.000Z')),
      'decision',
      { sha256: 'e'.repeat(64), byteLength: pdf.byteLength },
      new Date('2026-10-12T02:00:00.000Z'),
    );

    await repository.save([
      {
        change,
        expectedVersion: 1,
        notices: [{ kind: 'decision', document, sha256: 'e'.repeat(64), byteLength: pdf.byteLength, producedAt: '2026-10-12T02:00:00.000Z' }],
      },
    ]);

    const stored = await repository.notice(complaint.receiptNumber, 'decision');
    expect(stored).toMatchObject({ kind: 'decision', sha256: 'e'.repeat(64), byteLength: pdf.byteLength });
    expect(Buffer.from(await protector.openDocument(stored!.document, `${complaint.receiptNumber}#notice:decision`)).toString()).toBe('%PDF-1.7 test');
    expect(await repository.notice(complaint.receiptNumber, 'result')).toBeUndefined();
  });

  it('finds complaints by the keyed hash of the phone number', async () => {
    const complaint = await storeFiled();

    const found = await repository.byLookupHash(await protector.lookupHash(`phone:${person.phone}`), 50);

    expect(found.map((c) => c.receiptNumber)).toContain(complaint.receiptNumber);
    expect(await repository.byLookupHash(await protector.lookupHash('phone:13900009999'), 50)).toEqual([]);
  });
});

describe('erasing the personal data', () => {
  const end = new Date('2029-10-11T02:00:00.000Z');

  /** Filed with its lookups, not accepted on 12 October 2026 with its sealed decision notice (version 2). */
  async function storeNotAccepted() {
    const complaint = await storeFiled();
    const pdf = new Uint8Array(Buffer.from('%PDF-1.7 测试人甲'));
    const document = await protector.sealDocument(pdf, `${complaint.receiptNumber}#notice:decision`, { keyRef: complaint.sealed?.keyRef ?? '' });
    const change = withNoticeProduced(
      applyDecision(complaint, { accepted: false, reasons: 'x' }, clockContext('2026-10-12T02:00:00.000Z')),
      'decision',
      { sha256: 'e'.repeat(64), byteLength: pdf.byteLength },
      new Date('2026-10-12T02:00:00.000Z'),
    );
    await repository.save([
      {
        change,
        expectedVersion: 1,
        notices: [{ kind: 'decision', document, sha256: 'e'.repeat(64), byteLength: pdf.byteLength, producedAt: '2026-10-12T02:00:00.000Z' }],
      },
    ]);
    return change.complaint;
  }

  it('rewrites the state without it and deletes the lookup hashes and the sealed notice in the same write', async () => {
    // Prepare
    const finished = await storeNotAccepted();

    // Act
    await repository.save([{ change: erasePersonalData(finished, end), expectedVersion: finished.version, erasePersonalData: true }]);

    // Assess
    const items = await rawItems(finished.receiptNumber);
    expect(items.map((item) => item['sk']).sort()).toEqual(['STATE', 'STATE#TIMERS', 'STEP#000001', 'STEP#000002', 'STEP#000003', 'STEP#000004']);
    expect(JSON.stringify(items)).not.toMatch(/wrappedKey|ciphertext|lookupHash/);
    expect(items.find((item) => item['sk'] === 'STATE#TIMERS')).not.toHaveProperty('dueAt');
    const state = items.find((item) => item['sk'] === 'STATE');
    expect(state?.['complaint']).toMatchObject({ sealed: null, personalDataErasedAt: end.toISOString(), notices: { decision: { sha256: 'e'.repeat(64) } } });
    expect(await repository.notice(finished.receiptNumber, 'decision')).toBeUndefined();
    expect((await repository.byLookupHash(await protector.lookupHash(`idNumber:${person.idNumber}`), 100)).map((c) => c.receiptNumber)).not.toContain(
      finished.receiptNumber,
    );
  });

  it('deletes nothing when the complaint changed since it was read', async () => {
    // Prepare
    const finished = await storeNotAccepted();
    const erasure = erasePersonalData(finished, end);
    const rated = applyRating(finished, { score: 3 }, 30, { at: new Date('2026-10-20T00:00:00Z'), actor: 'public' });
    await repository.save([{ change: rated, expectedVersion: finished.version }]);

    // Act
    const stale = repository.save([{ change: erasure, expectedVersion: finished.version, erasePersonalData: true }]);

    // Assess
    await expect(stale).rejects.toBeInstanceOf(ComplaintVersionChanged);
    const sks = (await rawItems(finished.receiptNumber)).map((item) => item['sk']);
    expect(sks).toEqual(expect.arrayContaining(['LOOKUP#1', 'LOOKUP#2', 'NOTICE#decision']));
    expect((await repository.load(finished.receiptNumber))?.sealed).not.toBeNull();
  });
});

describe('queues', () => {
  it("lists a jurisdiction's complaints awaiting decision soonest deadline first, page by page", async () => {
    const jurisdiction = `q${randomBytes(3).toString('hex')}`;
    const subject = { kind: 'jurisdiction' as const, jurisdiction };
    const late = await storeFiled({ subject, receivedAt: '2026-10-09T02:00:00.000Z' });
    const early = await storeFiled({ subject, receivedAt: '2026-09-21T02:00:00.000Z' });
    const middle = await storeFiled({ subject, receivedAt: '2026-09-30T02:00:00.000Z' });

    const first = await repository.queue({ queue: 'awaitingDecision', scope: { kind: 'jurisdiction', jurisdiction }, limit: 2 });
    const second = await repository.queue({
      queue: 'awaitingDecision',
      scope: { kind: 'jurisdiction', jurisdiction },
      limit: 2,
      ...(first.cursor ? { cursor: first.cursor } : {}),
    });

    expect(first.complaints.map((c) => c.acceptanceDeadline.date)).toEqual(['2026-09-29', '2026-10-13']);
    expect([...first.complaints, ...second.complaints].map((c) => c.receiptNumber)).toEqual([early.receiptNumber, middle.receiptNumber, late.receiptNumber]);
    await expect(
      repository.queue({ queue: 'awaitingDecision', scope: { kind: 'jurisdiction', jurisdiction: 'haishu' }, limit: 2, cursor: first.cursor! }),
    ).rejects.toBeInstanceOf(InvalidComplaintCursorError);
  });

  it("puts a forwarded complaint in the department's queue and the supervisors' forwarded queue", async () => {
    const complaint = await storeFiled();
    const forwarded = applyDecision(
      complaint,
      {
        accepted: true,
        handling: { by: 'department', department: 'haishu-housing', departmentName: '海曙区住房和城乡建设局', aboutRecipient: true },
        deadline: '2026-10-23',
      },
      clockContext('2026-10-12T02:00:00.000Z'),
    );

    await repository.save([{ change: forwarded, expectedVersion: 1 }]);

    const department = await repository.queue({ queue: 'forwarded', scope: { kind: 'department', department: 'haishu-housing' }, limit: 100 });
    const citywide = await repository.queue({ queue: 'forwarded', scope: { kind: 'citywide' }, limit: 100 });
    const awaiting = await repository.queue({ queue: 'awaitingDecision', scope: { kind: 'jurisdiction', jurisdiction: 'haishu' }, limit: 100 });
    expect(department.complaints.map((c) => c.receiptNumber)).toContain(complaint.receiptNumber);
    expect(citywide.complaints.map((c) => c.receiptNumber)).toContain(complaint.receiptNumber);
    expect(awaiting.complaints.map((c) => c.receiptNumber)).not.toContain(complaint.receiptNumber);
  });
});

describe('the statistics aggregates', () => {
  /** The counters of a department's complaints of a month and category, as the statistics reader finds them. */
  const countersOf = async (department: string, caseId: string, month: string) => {
    const { Item } = await db.documentClient.send(
      new GetCommand({
        TableName: db.tables.cases,
        Key: {
          pk: statisticsPk(department, statisticsShardOf({ department, kind: complaintStatisticsKind, caseId })),
          sk: statisticsSk(month, complaintStatisticsKind, 'delay'),
        },
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : countersOfItem(Item).counters;
  };
  const subjectNamed = (department: string) => ({ kind: 'department' as const, department, departmentName: '统计测试局', jurisdiction: 'haishu' });

  it('adds what each change counts in the same write, and nothing for a stale one', async () => {
    // Prepare
    const department = `stats-${counter}`;
    const complaint = await storeFiled({ subject: subjectNamed(department) });
    const afterFiling = await countersOf(department, complaint.receiptNumber, '2026-10');
    const accepted = applyDecision(
      complaint,
      { accepted: true, handling: { by: 'supervisor' }, deadline: '2026-10-30' },
      clockContext('2026-10-12T02:00:00.000Z'),
    );
    const stale = applyDecision(complaint, { accepted: false, reasons: '不属于受理范围' }, clockContext('2026-10-12T03:00:00.000Z'));

    // Act
    await repository.save([{ change: accepted, expectedVersion: 1 }]);
    await expect(repository.save([{ change: stale, expectedVersion: 1 }])).rejects.toBeInstanceOf(ComplaintVersionChanged);

    // Assess
    // Undecided, it counts as overdue from 16 October (its acceptance clock ends on the 15th); accepted, from
    // 31 October (handled until the 30th): the month's open overdue count stays one.
    expect(afterFiling).toEqual({ complaintsReceived: 1, complaintsOverdueOpened: 1 });
    expect(await countersOf(department, complaint.receiptNumber, '2026-10')).toEqual({
      complaintsReceived: 1,
      complaintsAccepted: 1,
      complaintsDecidedInTime: 1,
      complaintsOverdueOpened: 1,
    });
  });

  it("counts only the winner's decision of two concurrent ones", async () => {
    // Prepare
    const department = `stats-race-${counter}`;
    const complaint = await storeFiled({ subject: subjectNamed(department) });
    const a = applyDecision(complaint, { accepted: false, reasons: 'a' }, clockContext('2026-10-12T02:00:00.000Z'));
    const b = applyDecision(complaint, { accepted: true, handling: { by: 'supervisor' }, deadline: '2026-10-30' }, clockContext('2026-10-12T02:00:00.000Z'));

    // Act
    await Promise.allSettled([repository.save([{ change: a, expectedVersion: 1 }]), repository.save([{ change: b, expectedVersion: 1 }])]);

    // Assess
    const stage = (await repository.load(complaint.receiptNumber))?.stage;
    expect(await countersOf(department, complaint.receiptNumber, '2026-10')).toEqual({
      complaintsReceived: 1,
      ...(stage === 'notAccepted' ? { complaintsNotAccepted: 1 } : { complaintsAccepted: 1, complaintsOverdueOpened: 1 }),
      complaintsDecidedInTime: 1,
    });
  });

  it('refuses a change that moves the statistics in a repository that keeps none', async () => {
    // Prepare
    const withoutStatistics = new DynamoDbComplaintRepository(db.documentClient, db.tables.oversight);
    const receiptNumber = nextReceiptNumber();
    const change = newComplaint(filingInput({ receiptNumber }), { cal: stateCouncilCalendar, policy: defaultComplaintClockPolicy });

    // Act / Assess
    await expect(withoutStatistics.save([{ change, expectedVersion: 0 }])).rejects.toThrow(/keeps no statistics/);
    expect(await repository.load(receiptNumber)).toBeUndefined();
  });
});
