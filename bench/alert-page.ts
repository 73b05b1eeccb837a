/**
 * The console's filtered alert page with few and with many alerts stored: read units and latency
 * of `DynamoDbAlertReader.page` as the console calls it (newest first, level and status filters,
 * the default page size), with 10,000 alerts and with 200,000 in the cases table. Alerts are
 * written directly with BatchWriteItem in the shape the alert store writes them (alert fields
 * plus `alertIndexAttributes`), levels and statuses in the same proportions at both sizes.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { performance } from 'node:perf_hooks';
import { createTables } from '#infra/local/create-tables.ts';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { DynamoDbAlertReader } from '#shared/adapters/dynamodb/dynamodb-alert-reader.ts';
import { alertIndexAttributes, alertItemFields, alertSk, casePk } from '#shared/adapters/dynamodb/case-items.ts';
import { alertPageLimits } from '#shared/api/console-contract.ts';
import type { Alert, AlertLevel, AlertStatus } from '#shared/domain/alerts/alert.ts';
import type { AlertPageQuery } from '#shared/application/ports.ts';
import { meteredDocumentClient, newCapacityMeter } from './consumed-capacity.ts';
import { anAlert } from '../test/shared/domain/alerts/alert-mother.ts';

const departments = [
  ['haishu-housing', 'haishu'],
  ['haishu-market-regulation', 'haishu'],
  ['yinzhou-market-regulation', 'yinzhou'],
  ['yinzhou-natural-resources', 'yinzhou'],
  ['ningbo-housing', 'city'],
  ['ningbo-market-regulation', 'city'],
] as const;

/** A deterministic spread: 60 % prompts, 30 % warnings, 10 % corrections; half open. */
const levelOf = (n: number): AlertLevel => (n % 10 === 0 ? 'correction' : n % 10 <= 3 ? 'warning' : 'prompt');
const statusOf = (n: number): AlertStatus =>
  (['open', 'open', 'open', 'open', 'open', 'acknowledged', 'responded', 'closed', 'resolved', 'closed'] as const)[(n * 7) % 10]!;

/** The n-th seeded alert: the test suite's stored licensing alert, spread over departments, levels, statuses and a year. */
function alertOf(n: number): Alert {
  const [department, jurisdiction] = departments[n % departments.length]!;
  // Raised over a year, in an order unrelated to n, so new alerts interleave with the old.
  const raisedAt = new Date(Date.UTC(2025, 0, 1) + ((n * 2654435761) % 31_536_000) * 1000).toISOString();
  return anAlert(
    { department, jurisdiction, caseId: `AP-${n}`, level: levelOf(n), status: statusOf(n), summary: '许可决定已超过法定办理期限。', deadline: raisedAt },
    raisedAt,
  );
}

async function seed(client: DynamoDBClient, table: string, from: number, to: number): Promise<void> {
  const document = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  let next = from;
  const worker = async () => {
    while (next < to) {
      const first = next;
      next = Math.min(to, next + 25);
      let pending = Array.from({ length: next - first }, (_, i) => {
        const alert = alertOf(first + i);
        const key = { department: alert.department, kind: alert.kind, caseId: alert.caseId };
        return {
          PutRequest: {
            Item: { pk: casePk(key), sk: alertSk(alert.ruleId), ...alertItemFields(alert), ...alertIndexAttributes(alert) } as Record<string, unknown>,
          },
        };
      });
      while (pending.length > 0) {
        const result = await document.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

export interface AlertPageFigure {
  readonly stored: number;
  readonly query: string;
  readonly readUnits: number;
  readonly requests: number;
  readonly medianMs: number;
  readonly alertsReturned: number;
}

/** The pages a supervisor opens: the city's open warnings, and one department's open corrections. */
const pageQueries: readonly (Omit<AlertPageQuery, 'limit'> & { readonly label: string })[] = [
  { label: 'citywide, open warnings', index: 'citywide', partition: 'ALL', level: 'warning', status: 'open' },
  { label: 'one department, open corrections', index: 'department', partition: 'haishu-housing', level: 'correction', status: 'open' },
];

async function measurePages(endpoint: string, table: string, stored: number, calls: number): Promise<AlertPageFigure[]> {
  const figures: AlertPageFigure[] = [];
  for (const { label, ...query } of pageQueries) {
    const meter = newCapacityMeter();
    // A client per meter: the meter's middleware goes on the client under the document client.
    const client = clientOf(endpoint);
    const reader = new DynamoDbAlertReader(meteredDocumentClient(client, meter), table);
    const times: number[] = [];
    let alertsReturned = 0;
    for (let i = 0; i < calls + 2; i += 1) {
      if (i === 2) Object.assign(meter, newCapacityMeter());
      const started = performance.now();
      const page = await reader.page({ ...query, limit: alertPageLimits.default });
      if (i >= 2) times.push(performance.now() - started);
      alertsReturned = page.alerts.length;
    }
    client.destroy();
    times.sort((a, b) => a - b);
    figures.push({
      stored,
      query: label,
      readUnits: meter.readUnits / calls,
      requests: meter.requests / calls,
      medianMs: times[Math.floor(times.length / 2)] ?? NaN,
      alertsReturned,
    });
  }
  return figures;
}

const clientOf = (endpoint: string) => new DynamoDBClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

export interface AlertPageResults {
  readonly few: readonly AlertPageFigure[];
  readonly many: readonly AlertPageFigure[];
  readonly seedSeconds: number;
}

export async function measureAlertPage(sizes: { few: number; many: number; calls: number }): Promise<AlertPageResults> {
  const dynamo = await startDynamoDbLocal({ inMemory: true });
  const client = clientOf(dynamo.endpoint);
  try {
    const tables = await createTables(client, 'bench-alert-page');
    const started = performance.now();
    await seed(client, tables.cases, 0, sizes.few);
    const few = await measurePages(dynamo.endpoint, tables.cases, sizes.few, sizes.calls);
    await seed(client, tables.cases, sizes.few, sizes.many);
    const seedSeconds = (performance.now() - started) / 1000;
    const many = await measurePages(dynamo.endpoint, tables.cases, sizes.many, sizes.calls);
    return { few, many, seedSeconds };
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}
