/**
 * Write units of one oversight timer firing, as DynamoDB reports them (`ReturnConsumedCapacity:
 * 'INDEXES'`, summed over every write, index writes included): the firing's own write and the
 * write that marks its events published, for a complaint and for a supervision case. Used by the
 * oversight bench and by a test that keeps the figure under its bound.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LocalPersonalDataProtector } from '#shared/adapters/crypto/local-personal-data-protector.ts';
import { DynamoDbComplaintRepository } from '#shared/adapters/dynamodb/dynamodb-complaint-repository.ts';
import { DynamoDbOversightSignalOutbox } from '#shared/adapters/dynamodb/dynamodb-oversight-signal-outbox.ts';
import { DynamoDbSupervisionRepository } from '#shared/adapters/dynamodb/dynamodb-supervision-repository.ts';
import { complaintTimerFiring } from '#shared/application/complaints/fire-complaint-timers.ts';
import { supervisionTimerFiring } from '#shared/application/supervision/fire-supervision-timers.ts';
import type { TimerFiring } from '#shared/application/sweep-oversight-timers.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { defaultComplaintClockPolicy } from '#shared/domain/complaints/complaint-clock.ts';
import { newComplaint } from '#shared/domain/complaints/complaint-lifecycle.ts';
import { intakeKeyAt } from '#shared/domain/complaints/personal-data-key-periods.ts';
import { openSupervisionCase } from '#shared/domain/supervision-cases/supervision-case.ts';
import { defaultSupervisionPolicy } from '#shared/domain/supervision-cases/supervision-policy.ts';

/** The target. */
export const firingWriteUnitsTarget = 6;

/** Write units of one firing: the firing's write, then the mark that its events were published. */
export interface FiringUnits {
  readonly at: string;
  readonly fired: number;
  readonly writeUnits: number;
  /** Of those, written to indexes. */
  readonly indexWriteUnits: number;
  readonly writes: number;
}

export interface FiringUnitsFigures {
  readonly complaint: readonly FiringUnits[];
  readonly supervisionCase: readonly FiringUnits[];
  /** The largest firing of each. */
  readonly complaintMax: number;
  readonly supervisionCaseMax: number;
}

interface Meter {
  writeUnits: number;
  indexWriteUnits: number;
  writes: number;
}

const writeCommands = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);

type Consumed = { CapacityUnits?: number; GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }> };

/** A document client adding up the write units (index writes included) of every write it sends. */
function meteredClient(client: DynamoDBClient, meter: Meter): DynamoDBDocumentClient {
  const document = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  document.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'INDEXES';
      const result = await next(args);
      if (!writeCommands.has(context.commandName ?? '')) return result;
      const consumed = (result.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity;
      if (consumed === undefined) throw new Error('DynamoDB returned no ConsumedCapacity');
      for (const entry of Array.isArray(consumed) ? consumed : [consumed]) {
        meter.writeUnits += entry.CapacityUnits ?? 0;
        for (const index of Object.values(entry.GlobalSecondaryIndexes ?? {})) meter.indexWriteUnits += index.CapacityUnits ?? 0;
      }
      meter.writes += 1;
      return result;
    },
    { step: 'initialize', name: 'firingWriteUnits' },
  );
  return document;
}

/** A real-name complaint as filed: sealed content and complainant fields, lookup hashes. */
async function fileComplaint(repository: DynamoDbComplaintRepository, receiptNumber: string, receivedAt: string): Promise<void> {
  const protector = new LocalPersonalDataProtector({ wrappingKey: randomBytes(32), lookupKey: randomBytes(32) });
  const sealed = await protector.seal(
    {
      content: '本人于2026年9月向海曙区住房和城乡建设局申请办理施工许可，至今已超过法定办理期限仍未办结，多次电话询问均无明确答复，请督促依法办理。',
      name: '测试人甲',
      idNumber: '330203198506152714',
      phone: '13900001111',
      address: '宁波市海曙区测试路8号',
    },
    receiptNumber,
    { period: intakeKeyAt(receivedAt) },
  );
  const change = newComplaint(
    {
      receiptNumber,
      receivedAt,
      subject: { kind: 'department', department: 'haishu-housing', departmentName: '海曙区住房和城乡建设局', jurisdiction: 'haishu' },
      category: 'delay',
      realName: true,
      identityDisclosureConsent: false,
      sealed,
      queryTokenHash: randomBytes(32).toString('hex'),
    },
    { cal: stateCouncilCalendar, policy: defaultComplaintClockPolicy },
  );
  const lookupHashes = [await protector.lookupHash('idNumber:330203198506152714'), await protector.lookupHash('phone:13900001111')];
  await repository.save([{ change, expectedVersion: 0, lookupHashes }]);
}

/** Fires at each instant in turn, each firing's events published (marked) right after it, as the sweep does. */
async function meterFirings(
  fire: TimerFiring,
  outbox: DynamoDbOversightSignalOutbox,
  meter: Meter,
  number: string,
  instants: readonly string[],
): Promise<FiringUnits[]> {
  const firings: FiringUnits[] = [];
  for (const at of instants) {
    Object.assign(meter, { writeUnits: 0, indexWriteUnits: 0, writes: 0 });
    const outcome = await fire(number, new Date(at));
    await outbox.remove(outcome.events ?? []);
    firings.push({ at, fired: outcome.fired, ...meter });
  }
  return firings;
}

/**
 * A complaint's acceptance clock (prompt, warning, correction, each fired on its own) and a
 * supervision case's deadline timers (prompt, warning, escalation), in tables of `tables.oversight`.
 */
export async function measureFiringWriteUnits(endpoint: string, tables: { readonly oversight: string; readonly cases: string }): Promise<FiringUnitsFigures> {
  const oversightTable = tables.oversight;
  const client = new DynamoDBClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const meter: Meter = { writeUnits: 0, indexWriteUnits: 0, writes: 0 };
    const document = meteredClient(client, meter);
    const outbox = new DynamoDbOversightSignalOutbox(document, oversightTable);
    // Filing and opening add to the statistics (the cases table); a firing never does.
    const complaints = new DynamoDbComplaintRepository(document, oversightTable, tables.cases);
    const receiptNumber = `TS20261012${randomBytes(4).toString('hex').toUpperCase()}`;
    // Received Monday 12 October 2026: prompt at the start of the 18th, warning at the end of the 19th, correction at the end of the 20th.
    await fileComplaint(complaints, receiptNumber, '2026-10-12T02:00:00.000Z');
    const complaint = await meterFirings(complaintTimerFiring({ complaints }), outbox, meter, receiptNumber, [
      '2026-10-18T16:00:01.000Z',
      '2026-10-19T16:00:01.000Z',
      '2026-10-20T16:00:01.000Z',
    ]);

    const supervision = new DynamoDbSupervisionRepository(document, oversightTable, tables.cases);
    const caseNumber = `DB20250915${randomBytes(3).toString('hex').toUpperCase()}`;
    const opened = openSupervisionCase(
      {
        caseNumber,
        origin: { kind: 'initiative' },
        links: {},
        responsibleDepartment: 'haishu-housing',
        jurisdiction: 'haishu',
        subject: '建筑工程施工许可超期问题整改',
        instructions: '查明超期原因，完成整改并报送整改报告；涉及的在办申请逐件列明办理进度。',
        deadline: '2025-09-26',
        openedAt: '2025-09-15T02:00:00.000Z',
        openedBy: 'districtSupervisor:supervisor-1',
        reasons: null,
      },
      stateCouncilCalendar,
      defaultSupervisionPolicy,
    );
    if (!opened.ok) throw new Error(`case refused: ${opened.refusal.refusal}`);
    await supervision.saveCase({ state: opened.state, steps: opened.steps });
    const fireCase = supervisionTimerFiring({ supervision, calendar: stateCouncilCalendar, policy: defaultSupervisionPolicy });
    // Deadline Friday 26 September 2025: prompt, warning once it passed, escalation after the configured working days overdue.
    const supervisionCase = await meterFirings(fireCase, outbox, meter, caseNumber, [
      '2025-09-24T00:00:00.000Z',
      '2025-09-27T00:00:00.000Z',
      '2025-10-10T00:00:00.000Z',
    ]);
    const max = (firings: readonly FiringUnits[]) => Math.max(...firings.map((firing) => firing.writeUnits));
    return { complaint, supervisionCase, complaintMax: max(complaint), supervisionCaseMax: max(supervisionCase) };
  } finally {
    client.destroy();
  }
}
