/**
 * What a million records would cost on AWS, from what the local runtime metered while it
 * processed them, priced from `bench/aws-prices.json` (each price with its source and date).
 * The floor is one write unit per record, priced alone: what any design must at least pay to
 * store a record once.
 */
import { readFileSync } from 'node:fs';
import { totalsOf, type UsageSnapshot } from '#infra/local/usage-meter.ts';

type PriceName =
  | 'dynamodbWriteRequestUnit'
  | 'dynamodbReadRequestUnit'
  | 'sqsRequest'
  | 'lambdaRequest'
  | 'lambdaArmGbSecond'
  | 'lambdaX86GbSecond'
  | 'apiGatewayRestRequest'
  | 'apiGatewayHttpRequest'
  | 'kmsRequest'
  | 'eventBridgeCustomEvent'
  | 'cloudWatchLogsIngestedGb';

interface Price {
  readonly perMillion?: number | null;
  readonly perUnit?: number | null;
  readonly source: string;
  readonly verified: boolean;
}

interface PriceTable {
  readonly asOf: string;
  readonly regions: Record<string, { readonly currency: string; readonly prices: Record<PriceName, Price> }>;
}

export const priceTable: PriceTable = JSON.parse(readFileSync(new URL('./aws-prices.json', import.meta.url), 'utf8')) as PriceTable;

/** Bytes Lambda itself writes to a function's log per invocation (START, END and REPORT lines), measured on typical lines. */
const platformLogBytesPerInvocation = 260;

/** What one record uses, in billed units. */
export interface UsagePerRecord {
  readonly apiRequests: number;
  readonly lambdaInvocations: number;
  readonly lambdaGbSeconds: number;
  readonly sqsRequests: number;
  readonly dynamodbWriteUnits: number;
  readonly dynamodbReadUnits: number;
  readonly kmsRequests: number;
  readonly eventBridgeEvents: number;
  readonly logGb: number;
}

/**
 * Per-record usage from a meter's snapshot. The SQS requests Lambda's event source mapping makes
 * (a receive and a batched delete per batch) do not cross the local SQS endpoint; they are
 * counted here from the consumer's invocations.
 */
export function usagePerRecord(
  snapshot: UsageSnapshot,
  input: {
    readonly records: number;
    readonly apiRequests: number;
    readonly memoryMiB: (functionName: string) => number;
    readonly queueConsumers: readonly string[];
  },
): UsagePerRecord {
  const per = (value: number) => value / input.records;
  let invocations = 0;
  let gbSeconds = 0;
  let logBytes = 0;
  let consumerBatches = 0;
  for (const [name, usage] of Object.entries(snapshot.functions)) {
    invocations += usage.invocations;
    gbSeconds += (usage.billedMilliseconds / 1000) * (input.memoryMiB(name) / 1024);
    logBytes += usage.logBytes + usage.invocations * platformLogBytesPerInvocation;
    if (input.queueConsumers.includes(name)) consumerBatches += usage.invocations;
  }
  const dynamodb = totalsOf(snapshot, (count) => count.service === 'dynamodb');
  const sqs = totalsOf(snapshot, (count) => count.service === 'sqs');
  const kms = totalsOf(snapshot, (count) => count.service === 'kms');
  const events = totalsOf(snapshot, (count) => count.service === 'events');
  return {
    apiRequests: per(input.apiRequests),
    lambdaInvocations: per(invocations),
    lambdaGbSeconds: per(gbSeconds),
    sqsRequests: per(sqs.chunks + consumerBatches * 2),
    // A refused conditional write is billed one write unit at least; DynamoDB Local reports none for it.
    dynamodbWriteUnits: per(dynamodb.writeUnits + dynamodb.refusedWrites),
    dynamodbReadUnits: per(dynamodb.readUnits),
    kmsRequests: per(kms.requests),
    eventBridgeEvents: per(events.entries),
    logGb: per(logBytes / 2 ** 30),
  };
}

export interface CostLine {
  readonly what: string;
  readonly perMillionRecords: number | undefined;
}

export interface RegionCost {
  readonly region: string;
  readonly currency: string;
  readonly lines: readonly CostLine[];
  /** Sum of the lines with a known price. */
  readonly perMillionRecords: number;
  /** Lines left out for want of a verified price. */
  readonly unpriced: readonly string[];
  readonly floorPerMillionRecords: number | undefined;
}

/** Cost per million records in one region; the deployment's functions run on Arm, behind a REST API. */
export function costPerMillionRecords(usage: UsagePerRecord, region: string): RegionCost {
  const table = priceTable.regions[region];
  if (!table) throw new Error(`no prices for ${region}`);
  const priceOf = (name: PriceName): number | undefined => {
    const price = table.prices[name];
    if (!price.verified) return undefined;
    if (price.perMillion != null) return price.perMillion / 1e6;
    return price.perUnit ?? undefined;
  };
  const line = (what: string, name: PriceName, unitsPerRecord: number): CostLine => {
    const price = priceOf(name);
    return { what, perMillionRecords: price === undefined ? undefined : unitsPerRecord * price * 1e6 };
  };
  const lines = [
    line('API Gateway (REST) requests', 'apiGatewayRestRequest', usage.apiRequests),
    line('Lambda requests', 'lambdaRequest', usage.lambdaInvocations),
    line('Lambda duration (Arm GB-s)', 'lambdaArmGbSecond', usage.lambdaGbSeconds),
    line('SQS requests (64 KB chunks)', 'sqsRequest', usage.sqsRequests),
    line('DynamoDB write units', 'dynamodbWriteRequestUnit', usage.dynamodbWriteUnits),
    line('DynamoDB read units', 'dynamodbReadRequestUnit', usage.dynamodbReadUnits),
    line('KMS requests', 'kmsRequest', usage.kmsRequests),
    line('EventBridge events', 'eventBridgeCustomEvent', usage.eventBridgeEvents),
    line('CloudWatch Logs ingestion', 'cloudWatchLogsIngestedGb', usage.logGb),
  ];
  const writeUnit = priceOf('dynamodbWriteRequestUnit');
  return {
    region,
    currency: table.currency,
    lines,
    perMillionRecords: lines.reduce((sum, entry) => sum + (entry.perMillionRecords ?? 0), 0),
    unpriced: lines.filter((entry) => entry.perMillionRecords === undefined).map((entry) => entry.what),
    floorPerMillionRecords: writeUnit === undefined ? undefined : writeUnit * 1e6,
  };
}
