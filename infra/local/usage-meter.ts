/**
 * What the functions use of the services while the local runtime runs, counted the way AWS bills
 * it: requests per service, operation and caller; DynamoDB read and write units (as DynamoDB
 * reports them in `ConsumedCapacity`, indexes included); SQS requests in 64 KB chunks;
 * EventBridge entries; Lambda invocations and their durations; bytes written to the logs. Off
 * unless a meter is handed to the runtime (the bench does): then each count is a map update.
 */

/** 64 KB: SQS and EventBridge bill each started chunk of a payload as one request. */
export const billingChunkBytes = 64 * 1024;

/** Operations that return `ConsumedCapacity` when asked, by whether they read or write. */
export const capacityOperations: Readonly<Record<string, 'read' | 'write'>> = {
  GetItem: 'read',
  BatchGetItem: 'read',
  Query: 'read',
  Scan: 'read',
  TransactGetItems: 'read',
  PutItem: 'write',
  UpdateItem: 'write',
  DeleteItem: 'write',
  BatchWriteItem: 'write',
  TransactWriteItems: 'write',
};

interface ConsumedCapacityEntry {
  readonly CapacityUnits?: number;
  readonly ReadCapacityUnits?: number;
  readonly WriteCapacityUnits?: number;
}

/**
 * The units of one answer. `CapacityUnits` is the total over the table and its indexes; a
 * transaction's entries count its doubled units already.
 */
export function consumedUnitsOf(consumed: unknown): number {
  const entries = (Array.isArray(consumed) ? consumed : consumed === undefined || consumed === null ? [] : [consumed]) as ConsumedCapacityEntry[];
  let units = 0;
  for (const entry of entries) units += entry.CapacityUnits ?? (entry.ReadCapacityUnits ?? 0) + (entry.WriteCapacityUnits ?? 0);
  return units;
}

/** Requests to one service operation by one caller. */
export interface ServiceCallCount {
  readonly service: string;
  readonly operation: string;
  /** The caller's principal: a function's name, `operator`, or the department. */
  readonly caller: string;
  requests: number;
  /** Requests in billed 64 KB chunks of their payload (SQS, EventBridge). */
  chunks: number;
  /** EventBridge: entries put (billed per 64 KB chunk of each entry). */
  entries: number;
  readUnits: number;
  writeUnits: number;
  /** Writes DynamoDB refused (a failed condition, a cancelled transaction): billed in AWS, no units reported here. */
  refusedWrites: number;
  requestBytes: number;
  /** Time DynamoDB Local took to answer (the bench's measure of where the emulator's work goes; not billed). */
  upstreamMilliseconds: number;
}

export interface FunctionUsage {
  invocations: number;
  /** Wall time of the invocations, as Lambda bills duration (per millisecond, rounded up). */
  billedMilliseconds: number;
  /** Bytes of the lines the function wrote to its log (metric records included, as CloudWatch Logs ingests them). */
  logBytes: number;
  logLines: number;
}

/** A plain copy of the counts, for the bench's arithmetic and its results file. */
export interface UsageSnapshot {
  readonly calls: readonly ServiceCallCount[];
  readonly functions: Readonly<Record<string, FunctionUsage>>;
}

export class UsageMeter {
  #calls = new Map<string, ServiceCallCount>();
  #functions = new Map<string, FunctionUsage>();

  #count(service: string, operation: string, caller: string): ServiceCallCount {
    const key = `${service} ${operation} ${caller}`;
    let count = this.#calls.get(key);
    if (count === undefined) {
      count = {
        service,
        operation,
        caller,
        requests: 0,
        chunks: 0,
        entries: 0,
        readUnits: 0,
        writeUnits: 0,
        refusedWrites: 0,
        requestBytes: 0,
        upstreamMilliseconds: 0,
      };
      this.#calls.set(key, count);
    }
    return count;
  }

  #function(name: string): FunctionUsage {
    let usage = this.#functions.get(name);
    if (usage === undefined) {
      usage = { invocations: 0, billedMilliseconds: 0, logBytes: 0, logLines: 0 };
      this.#functions.set(name, usage);
    }
    return usage;
  }

  /** An admitted request (signature and IAM checked), with its payload. */
  request(service: string, operation: string, caller: string, body: Uint8Array): void {
    const count = this.#count(service, operation, caller);
    count.requests += 1;
    count.requestBytes += body.byteLength;
    count.chunks += Math.max(1, Math.ceil(body.byteLength / billingChunkBytes));
    if (service === 'events' && operation === 'PutEvents') count.entries += putEventsEntriesOf(body);
  }

  /** Units DynamoDB reported for one answer. */
  capacity(operation: string, caller: string, units: number): void {
    const count = this.#count('dynamodb', operation, caller);
    if (capacityOperations[operation] === 'write') count.writeUnits += units;
    else count.readUnits += units;
  }

  /** How long the emulator took to answer one request. */
  upstreamTime(operation: string, caller: string, milliseconds: number): void {
    this.#count('dynamodb', operation, caller).upstreamMilliseconds += milliseconds;
  }

  refusedWrite(operation: string, caller: string): void {
    this.#count('dynamodb', operation, caller).refusedWrites += 1;
  }

  invocation(functionName: string, milliseconds: number): void {
    const usage = this.#function(functionName);
    usage.invocations += 1;
    usage.billedMilliseconds += Math.ceil(milliseconds);
  }

  logLine(functionName: string, bytes: number): void {
    const usage = this.#function(functionName);
    usage.logBytes += bytes;
    usage.logLines += 1;
  }

  snapshot(): UsageSnapshot {
    return {
      calls: [...this.#calls.values()].map((count) => ({ ...count })),
      functions: Object.fromEntries([...this.#functions].map(([name, usage]) => [name, { ...usage }])),
    };
  }

  /** Starts the counts afresh (between the bench's runs on one runtime). */
  reset(): void {
    this.#calls = new Map();
    this.#functions = new Map();
  }
}

function putEventsEntriesOf(body: Uint8Array): number {
  try {
    const input = JSON.parse(Buffer.from(body).toString('utf8')) as { Entries?: unknown[] };
    return Array.isArray(input.Entries) ? input.Entries.length : 0;
  } catch {
    return 0;
  }
}

/** Totals of a snapshot's calls, filtered. */
export function totalsOf(
  snapshot: UsageSnapshot,
  include: (count: ServiceCallCount) => boolean = () => true,
): Omit<ServiceCallCount, 'service' | 'operation' | 'caller'> {
  const total = { requests: 0, chunks: 0, entries: 0, readUnits: 0, writeUnits: 0, refusedWrites: 0, requestBytes: 0, upstreamMilliseconds: 0 };
  for (const count of snapshot.calls) {
    if (!include(count)) continue;
    total.requests += count.requests;
    total.chunks += count.chunks;
    total.entries += count.entries;
    total.readUnits += count.readUnits;
    total.writeUnits += count.writeUnits;
    total.refusedWrites += count.refusedWrites;
    total.requestBytes += count.requestBytes;
    total.upstreamMilliseconds += count.upstreamMilliseconds;
  }
  return total;
}
