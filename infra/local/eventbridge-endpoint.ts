/**
 * An EventBridge-compatible endpoint (AWS JSON 1.1, `X-Amz-Target: AWSEvents.PutEvents`), so
 * handlers publish with the real `@aws-sdk/client-eventbridge` unchanged. Events are appended to
 * `<dataDir>/events.jsonl` (one JSON line each, the shape EventBridge delivers to targets), kept in
 * memory for tests, and announced on stderr unless quiet: the local stand-in for subscribers.
 * Listens on 127.0.0.1 only.
 */
import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { ServiceGuard } from './iam/service-guard.ts';

/** An event as a subscriber (rule target) would receive it. */
export interface DeliveredEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
  /** The bus it was put on (not part of EventBridge's envelope; kept for local inspection). */
  readonly eventBusName: string;
}

export interface EventBridgeEndpoint {
  readonly endpoint: string;
  /** Every event accepted since start, oldest first. */
  events(): readonly DeliveredEvent[];
  stop(): Promise<void>;
}

export interface EventBridgeEndpointOptions {
  readonly region: string;
  /** Where to append events as JSON lines; none when omitted. */
  readonly logFile?: string;
  readonly quiet?: boolean;
  readonly port?: number;
  /**
   * Checks each caller's signature and its `events:PutEvents` permission on every bus it names;
   * read at each request, so it can be set once the deployment is known. Without one, any
   * caller is served.
   */
  readonly guard?: () => ServiceGuard | undefined;
  /** The account in bus ARNs and delivered events. */
  readonly account?: string;
  /**
   * The rules' targets: called with each accepted event before PutEvents answers (locally the
   * delivery is immediate, so a test that waits for the queues to drain sees it). A failure is
   * reported, not answered: in AWS the put has succeeded whatever its targets do.
   */
  readonly deliver?: (event: DeliveredEvent) => Promise<void>;
  readonly onDeliveryError?: (error: unknown) => void;
}

const maxRequestBytes = 1024 * 1024;

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxRequestBytes) throw new Error('request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function reply(response: ServerResponse, status: number, payload: unknown): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  response.end(JSON.stringify(payload));
}

interface PutEventsEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly EventBusName?: string;
  readonly Time?: number | string;
  readonly Resources?: string[];
}

export async function startEventBridgeEndpoint(options: EventBridgeEndpointOptions): Promise<EventBridgeEndpoint> {
  const delivered: DeliveredEvent[] = [];
  const account = options.account ?? '000000000000';
  const partition = options.region.startsWith('cn-') ? 'aws-cn' : 'aws';
  const busArn = (name: string | undefined): string =>
    name?.startsWith('arn:') ? name : `arn:${partition}:events:${options.region}:${account}:event-bus/${name ?? 'default'}`;

  const putEvents = async (entries: readonly PutEventsEntry[]) => {
    const results: { EventId?: string; ErrorCode?: string; ErrorMessage?: string }[] = [];
    const lines: string[] = [];
    for (const entry of entries) {
      let detail: unknown;
      try {
        detail = JSON.parse(entry.Detail ?? '');
      } catch {
        results.push({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON' });
        continue;
      }
      if (!entry.Source || !entry.DetailType) {
        results.push({ ErrorCode: 'InvalidArgument', ErrorMessage: 'Source and DetailType are required' });
        continue;
      }
      const time = entry.Time === undefined ? new Date() : new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : entry.Time);
      const event: DeliveredEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': entry.DetailType,
        source: entry.Source,
        account,
        time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: options.region,
        resources: entry.Resources ?? [],
        detail,
        eventBusName: entry.EventBusName ?? 'default',
      };
      delivered.push(event);
      lines.push(JSON.stringify(event));
      results.push({ EventId: event.id });
      if (!options.quiet) process.stderr.write(`[event] ${event['detail-type']} ${summarize(detail)}\n`);
    }
    if (options.logFile && lines.length > 0) await appendFile(options.logFile, `${lines.join('\n')}\n`);
    if (options.deliver) {
      const accepted = delivered.slice(delivered.length - lines.length);
      for (const event of accepted) await options.deliver(event).catch((error: unknown) => options.onDeliveryError?.(error));
    }
    return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
  };

  const server = createServer((request, response) => {
    void (async () => {
      try {
        const target = String(request.headers['x-amz-target'] ?? '');
        const raw = await body(request);
        const input = JSON.parse(raw.toString('utf8') || '{}') as { Entries?: PutEventsEntry[] };
        const entries = input.Entries ?? [];
        const guard = options.guard?.();
        if (guard) {
          const [path = '/', rawQuery = ''] = (request.url ?? '/').split('?', 2);
          const buses = [...new Set(entries.map((entry) => busArn(entry.EventBusName)))];
          const verdict = await guard.admit(
            { method: request.method ?? 'POST', path, rawQuery, headers: request.headers, body: raw },
            'events',
            target.replace(/^AWSEvents\./, ''),
            () => buses.map((resource) => ({ action: 'events:PutEvents', resource })),
          );
          if (!verdict.ok) return reply(response, verdict.status, { __type: verdict.code, message: verdict.message });
        }
        if (target !== 'AWSEvents.PutEvents') return reply(response, 400, { __type: 'UnknownOperationException', message: `${target} is not served locally` });
        if (entries.length === 0 || entries.length > 10)
          return reply(response, 400, { __type: 'ValidationException', message: 'Entries must hold 1 to 10 events' });
        reply(response, 200, await putEvents(entries));
      } catch (error) {
        reply(response, 400, { __type: 'ValidationException', message: error instanceof Error ? error.message : 'bad request' });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    endpoint,
    events: () => [...delivered],
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}

/** One line for the console: which alert, which level. */
function summarize(detail: unknown): string {
  const { alert, signal } = detail as {
    alert?: { department?: string; kind?: string; caseId?: string; ruleId?: string; level?: string };
    signal?: {
      receiptNumber?: string;
      number?: string;
      clock?: string;
      rule?: string;
      level?: string;
      addressee?: string;
      department?: string;
      escalatedTo?: string;
    };
  };
  if (alert) return `${alert.department}/${alert.kind}/${alert.caseId} ${alert.ruleId} ${alert.level}`;
  // Complaint and supervision signals: the item, what ran out, the level and who it is for.
  if (signal)
    return `${signal.receiptNumber ?? signal.number} ${signal.clock ?? signal.rule} ${signal.level} → ${signal.department ?? signal.escalatedTo ?? signal.addressee}`;
  return '';
}
