/**
 * `npx tsx bench/case-writes.ts`: the write units of each kind of write the case engine makes
 * (table and every index written, priced from the items sent: `infra/local/write-units.ts`), for
 * `docs/tables.md`. One licensing case of the demo catalogue goes through the engine step by step:
 *
 * 1. the first record of a new case (nothing overdue yet);
 * 2. a record that raises an alert;
 * 3. a record that changes nothing the rules see but is stored (a fee record);
 * 4. a check by time that escalates the alert (the deadline sweep's firing);
 * 5. a batch of ten new cases, each with one record, in one run.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTables } from '#infra/local/create-tables.ts';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { DynamoDbCaseRepository } from '#shared/adapters/dynamodb/dynamodb-case-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { createCaseEngine } from '#shared/application/case-engine.ts';
import { contentHash } from '#shared/application/content-hash.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import type { LicensingEvent } from '#shared/domain/licensing/licensing-event.ts';
import { seedDemoReferenceData } from '../test/support/reference-data.ts';
import { itemSize, writeUnitsOf } from '#infra/local/write-units.ts';

/** Smallest and largest item written, by kind of item (the first part of its sort key). */
const itemSizes = new Map<string, [number, number]>();
import { testRecordSealer } from '../test/support/record-seals.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

/** Write units by table or index name, and requests, of whatever runs through the metered client. */
interface WriteMeter {
  requests: number;
  units: Map<string, number>;
  /** What DynamoDB Local reported, for comparison (wrong for transactions: see `write-units.ts`). */
  reported: number;
}

function meteredClient(client: DynamoDBClient, meter: WriteMeter): DynamoDBDocumentClient {
  const document = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  document.middlewareStack.add(
    (next, context) => async (args) => {
      const writes = !['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand'].includes(context.commandName ?? '');
      if (writes) (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      if (!writes) return result;
      meter.requests += 1;
      for (const action of (args.input as { TransactItems?: { Put?: { Item?: Record<string, unknown> } }[] }).TransactItems ?? []) {
        const item = action.Put?.Item;
        if (!item) continue;
        const kind = String(item['pk']).startsWith('CASE#') ? (String(item['sk']).split('#')[0] as string) : (String(item['pk']).split('#')[0] as string);
        const size = itemSize(item);
        const known = itemSizes.get(kind) ?? [size, size];
        itemSizes.set(kind, [Math.min(known[0] as number, size), Math.max(known[1] as number, size)]);
      }
      const units = writeUnitsOf(String(context.commandName).replace(/Command$/, ''), args.input as Record<string, unknown>);
      meter.units.set('table', (meter.units.get('table') ?? 0) + units.table);
      for (const [index, used] of Object.entries(units.indexes)) meter.units.set(index, (meter.units.get(index) ?? 0) + used);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      meter.reported += (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
      return result;
    },
    { step: 'initialize', name: 'caseWriteUnits' },
  );
  return document;
}

/** Seals without KMS: the units do not depend on the key. */
const sealer = testRecordSealer();

async function main(): Promise<void> {
  const dynamo = await startDynamoDbLocal({ inMemory: true });
  try {
    const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const tables = await createTables(client, 'writes');
    const plain = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    await seedDemoReferenceData(plain, tables.reference);
    const meter: WriteMeter = { requests: 0, units: new Map(), reported: 0 };
    const document = meteredClient(client, meter);
    const engine = createCaseEngine({
      cases: new DynamoDbCaseRepository(document, tables.cases, sealer),
      reference: new DynamoDbReferenceReader(plain, tables.reference),
      calendar: stateCouncilCalendar,
    });
    const record = (caseId: string, sequence: number, event: 'received' | 'accepted' | 'feeCharged'): LicensingEvent =>
      event === 'feeCharged'
        ? {
            kind: 'licensing',
            department: 'haishu-market-regulation',
            matterCode: 'food-business-licence',
            caseId,
            sequence,
            event,
            amountYuan: 0,
            occurredAt: '2025-09-02T10:00:00+08:00',
          }
        : {
            kind: 'licensing',
            department: 'haishu-market-regulation',
            matterCode: 'food-business-licence',
            caseId,
            sequence,
            event,
            occurredAt: `2025-09-01T${event === 'received' ? '09' : '10'}:00:00+08:00`,
          };
    const work = (records: LicensingEvent[]) =>
      records.map((r) => ({
        key: { department: r.department, kind: r.kind, caseId: r.caseId },
        incoming: [{ event: r, receivedAt: '2025-09-16T02:00:00.000Z', contentHash: contentHash(r) }],
      }));
    const rows: string[] = [];
    const step = async (label: string, run: () => Promise<unknown>) => {
      meter.requests = 0;
      meter.reported = 0;
      meter.units.clear();
      const outcome = (await run()) as { results: ReadonlyMap<string, { ok: boolean; error?: unknown }> };
      const failed = [...outcome.results.values()].filter((r) => !r.ok);
      if (failed.length > 0) throw new Error(`${label}: ${failed.length} cases failed: ${String(failed[0]?.error)}`);
      const total = [...meter.units.values()].reduce((a, b) => a + b, 0);
      const parts = [...meter.units.entries()].filter(([, units]) => units > 0).map(([name, units]) => `${name} ${units}`);
      rows.push(`| ${label} | ${meter.requests} | ${total} | ${parts.join(', ')} | ${meter.reported} |`);
    };
    await step('first record of a new case', () => engine.run(work([record('C-1', 1, 'received')]), new Date('2025-09-01T12:00:00+08:00')));
    await step('a record that raises an alert', () => engine.run(work([record('C-1', 2, 'accepted')]), new Date('2025-09-16T10:00:00+08:00')));
    await step('a record the rules do not act on (a fee of 0)', () =>
      engine.run(work([record('C-1', 3, 'feeCharged')]), new Date('2025-09-16T11:00:00+08:00')),
    );
    await step('a check by time that escalates the alert', () =>
      engine.run([{ key: { department: 'haishu-market-regulation', kind: 'licensing', caseId: 'C-1' }, incoming: [] }], new Date('2025-10-10T10:00:00+08:00')),
    );
    await step('ten new cases, one record each, one run', () =>
      engine.run(work(Array.from({ length: 10 }, (_u, i) => record(`C-B${i}`, 1, 'received'))), new Date('2025-09-01T12:00:00+08:00')),
    );
    console.log('| write | requests | write units | where (table, indexes) | DynamoDB Local reported |\n| --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(row);
    console.log('\n| item | bytes (smallest–largest written) |\n| --- | --- |');
    for (const [kind, [least, most]] of itemSizes) console.log(`| ${kind} | ${least}–${most} |`);
  } finally {
    await dynamo.stop();
  }
}

await main();
