/**
 * The supervision repository on DynamoDB Local: state and steps written together under a version
 * condition, the index attributes the oversight sweep and the queues read, and nothing
 * half-written when a condition fails.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbSupervisionRepository } from '#shared/adapters/dynamodb/dynamodb-supervision-repository.ts';
import { SupervisionNumberTakenError } from '#shared/application/supervision/supervision-repository.ts';
import { closeSupervisionCase, fireCaseTimers, openSupervisionCase, type SupervisionCase } from '#shared/domain/supervision-cases/supervision-case.ts';
import { decideSupervisionRequest, fileSupervisionRequest } from '#shared/domain/supervision-cases/supervision-request.ts';
import type { TimelineStep } from '#shared/domain/supervision-cases/supervision-timeline.ts';
import { CursorNotRecognised, SupervisionVersionChanged } from '#shared/application/store-refusals.ts';
import { aFiling, anOpening, calendar, policy } from '../../domain/supervision-cases/supervision-mother.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';

let tables: TestTables;
let repository: DynamoDbSupervisionRepository;
let counter = 0;
const nextSuffix = () => String(counter++).padStart(6, '0');

beforeAll(async () => {
  tables = await createTestTables();
  repository = new DynamoDbSupervisionRepository(tables.documentClient, tables.tables.oversight, tables.tables.cases);
});

const item = async (number: string, sk = 'STATE') =>
  (await tables.documentClient.send(new GetCommand({ TableName: tables.tables.oversight, Key: { pk: `SUPERVISION#${number}`, sk } }))).Item;

function opened(overrides: Parameters<typeof anOpening>[0] = {}): { state: SupervisionCase; steps: readonly TimelineStep[] } {
  const result = openSupervisionCase(anOpening({ caseNumber: `DB20250915${nextSuffix()}`, ...overrides }), calendar, policy);
  if (!result.ok) throw new Error('refused');
  return { state: result.state, steps: result.steps };
}

describe('storing a case', () => {
  it('writes the state with its first step, the sweep attributes and the queue attributes', async () => {
    const { state, steps } = opened();

    await repository.saveCase({ state, steps });

    expect(await repository.supervisionCase(state.caseNumber)).toEqual(state);
    expect(await repository.timeline(state.caseNumber)).toEqual(steps);
    // The sweep's index attributes are on the small timers item, the queues' on STATE.
    expect(await item(state.caseNumber, 'STATE#TIMERS')).toMatchObject({
      version: 1,
      firings: [],
      dueAt: '2025-09-23T16:00:00.000Z',
      sweepShard: expect.stringMatching(/^[0-3]$/),
    });
    expect(await item(state.caseNumber)).not.toHaveProperty('dueAt');
    expect(await item(state.caseNumber)).toMatchObject({
      type: 'supervisionCase',
      version: 1,
      queueJurisdiction: 'haishu#supervisionCases',
      queueCitywide: 'supervisionCases',
      queueDepartment: 'haishu-housing#supervisionCases',
      queueOrder: `2025-09-26T15:59:59.999Z#${state.caseNumber}`,
    });
    expect(await item(state.caseNumber, 'STEP#000001')).toMatchObject({ action: 'caseOpened', sequence: 1 });
  });

  it('refuses a number already taken', async () => {
    const { state, steps } = opened();
    await repository.saveCase({ state, steps });
    await expect(repository.saveCase({ state, steps })).rejects.toBeInstanceOf(SupervisionNumberTakenError);
  });

  it('stores a change under the version read, and refuses a stale one without writing its steps', async () => {
    const { state, steps } = opened();
    await repository.saveCase({ state, steps });
    const fired = fireCaseTimers(state, '2025-09-24T00:00:00.000Z', calendar, policy);
    await repository.saveCase({ state: fired.state, steps: fired.steps, expectedVersion: 1 });

    const other = fireCaseTimers(state, '2025-09-27T00:00:00.000Z', calendar, policy);
    await expect(repository.saveCase({ state: other.state, steps: other.steps, expectedVersion: 1 })).rejects.toBeInstanceOf(SupervisionVersionChanged);

    expect(await repository.supervisionCase(state.caseNumber)).toEqual(fired.state);
    expect((await repository.timeline(state.caseNumber)).map((s) => s.sequence)).toEqual([1, 2]);
  });

  it('removes the sweep attributes when no timer is pending and moves a closed case to the closed queues', async () => {
    const { state, steps } = opened();
    await repository.saveCase({ state, steps });
    const closed = closeSupervisionCase(state, { reasons: '撤销' }, 'districtSupervisor:s', '2025-09-16T02:00:00.000Z');
    if (!closed.ok) throw new Error('refused');

    await repository.saveCase({ state: closed.state, steps: closed.steps, expectedVersion: 1 });

    const stored = await item(state.caseNumber);
    expect(await item(state.caseNumber, 'STATE#TIMERS')).not.toHaveProperty('dueAt');
    expect(stored).not.toHaveProperty('sweepShard');
    expect(stored).toMatchObject({ queueJurisdiction: 'haishu#supervisionCasesClosed', queueDepartment: 'haishu-housing#supervisionCasesClosed' });
  });
});

describe('deciding a request into a case', () => {
  it('writes the decided request and the new case together, or neither when the request changed', async () => {
    const filed = fileSupervisionRequest(aFiling({ requestNumber: `DQ20250930${nextSuffix()}` }), calendar, policy);
    await repository.saveRequest({ state: filed.state, steps: filed.steps });
    const declined = decideSupervisionRequest(filed.state, { outcome: 'declined', reasons: '不予督办' }, 'districtSupervisor:s', '2025-10-09T02:00:00.000Z');
    if (!declined.ok) throw new Error('refused');
    await repository.saveRequest({ state: declined.state, steps: declined.steps, expectedVersion: 1 });

    const { state, steps } = opened();
    const decided = decideSupervisionRequest(
      filed.state,
      { outcome: 'caseOpened', caseNumber: state.caseNumber, reasons: null },
      'citySupervisor:c',
      '2025-10-09T02:00:00.000Z',
    );
    if (!decided.ok) throw new Error('refused');
    await expect(repository.saveCase({ state, steps }, { state: decided.state, steps: decided.steps, expectedVersion: 1 })).rejects.toBeInstanceOf(
      SupervisionVersionChanged,
    );

    expect(await repository.supervisionCase(state.caseNumber)).toBeUndefined();
    expect(await repository.request(filed.state.requestNumber)).toMatchObject({ status: 'declined' });
  });

  it("puts a pending request in its jurisdiction's queue and the requester's, and takes it out of the supervisors' once decided", async () => {
    const filed = fileSupervisionRequest(aFiling({ requestNumber: `DQ20250930${nextSuffix()}` }), calendar, policy);
    await repository.saveRequest({ state: filed.state, steps: filed.steps });
    expect(await item(filed.state.requestNumber)).toMatchObject({
      queueJurisdiction: 'haishu#supervisionRequestsPending',
      queueDepartment: 'haishu-housing#supervisionRequests',
    });
    expect(await item(filed.state.requestNumber, 'STATE#TIMERS')).toMatchObject({ dueAt: '2025-10-09T16:00:00.000Z' });

    const declined = decideSupervisionRequest(filed.state, { outcome: 'declined', reasons: '不予督办' }, 'districtSupervisor:s', '2025-10-09T02:00:00.000Z');
    if (!declined.ok) throw new Error('refused');
    await repository.saveRequest({ state: declined.state, steps: declined.steps, expectedVersion: 1 });

    const stored = await item(filed.state.requestNumber);
    expect(stored).not.toHaveProperty('queueJurisdiction');
    expect(await item(filed.state.requestNumber, 'STATE#TIMERS')).not.toHaveProperty('dueAt');
    expect(stored).toMatchObject({ queueDepartment: 'haishu-housing#supervisionRequests' });
  });
});

describe('reading queues', () => {
  it("pages a department's queue by deadline with a cursor, and refuses a forged one", async () => {
    const department = 'yinzhou-natural-resources';
    const deadlines = ['2025-10-03', '2025-09-30', '2025-10-01'];
    const saved = [];
    for (const deadline of deadlines) {
      const { state, steps } = opened({ responsibleDepartment: department, jurisdiction: 'yinzhou', deadline });
      await repository.saveCase({ state, steps });
      saved.push(state);
    }

    const first = await repository.caseQueue({ index: 'department', owner: department, queue: 'supervisionCases', limit: 2 });
    const second = await repository.caseQueue({
      index: 'department',
      owner: department,
      queue: 'supervisionCases',
      limit: 2,
      ...(first.nextCursor ? { cursor: first.nextCursor } : {}),
    });

    expect([...first.items, ...second.items].map((c) => c.deadline.date)).toEqual(['2025-09-30', '2025-10-01', '2025-10-03']);
    const forged = Buffer.from(
      JSON.stringify({ pk: 'COMPLAINT#TS1', sk: 'STATE', queueDepartment: `${department}#supervisionCases`, queueOrder: 'x' }),
    ).toString('base64url');
    await expect(repository.caseQueue({ index: 'department', owner: department, queue: 'supervisionCases', limit: 2, cursor: forged })).rejects.toBeInstanceOf(
      CursorNotRecognised,
    );
    await expect(
      repository.caseQueue({
        index: 'department',
        owner: 'haishu-housing',
        queue: 'supervisionCases',
        limit: 2,
        ...(first.nextCursor ? { cursor: first.nextCursor } : {}),
      }),
    ).rejects.toBeInstanceOf(CursorNotRecognised);
  });

  it('keeps requests and cases in separate queues of the same jurisdiction', async () => {
    const filed = fileSupervisionRequest(aFiling({ requestNumber: `DQ20250930${nextSuffix()}` }), calendar, policy);
    await repository.saveRequest({ state: filed.state, steps: filed.steps });
    const { state, steps } = opened();
    await repository.saveCase({ state, steps });

    const requests = await repository.requestQueue({ index: 'jurisdiction', owner: 'haishu', queue: 'supervisionRequestsPending', limit: 100 });
    const cases = await repository.caseQueue({ index: 'jurisdiction', owner: 'haishu', queue: 'supervisionCases', limit: 100 });

    expect(requests.items.map((r) => r.requestNumber)).toEqual([filed.state.requestNumber]);
    expect(cases.items.map((c) => c.caseNumber)).toContain(state.caseNumber);
    expect(cases.items.every((c) => c.caseNumber.startsWith('DB'))).toBe(true);
  });
});
