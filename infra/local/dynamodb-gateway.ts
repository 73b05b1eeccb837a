/**
 * The DynamoDB endpoint the functions of the local runtime call: it stands between them and
 * DynamoDB Local and does what DynamoDB's front end does before a request reaches a table —
 * checks the SigV4 signature to learn the caller's role, authorizes the request against that
 * role's IAM policies (`AccessDeniedException` otherwise), and answers injected throttling — then
 * passes the request through unchanged. DynamoDB Local itself checks no credentials.
 */
import { randomUUID } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { dynamoDbAuthorizationChecks, type TableDirectory } from './dynamodb-authorization.ts';
import type { ServiceGuard, ServiceRefusal } from './iam/service-guard.ts';
import { totalOf, writeUnitsOfWireRequest } from './write-units.ts';
import { capacityOperations, consumedUnitsOf, type UsageMeter } from './usage-meter.ts';

export interface DynamoDbGatewayOptions {
  /** DynamoDB Local's endpoint, where admitted requests go. */
  readonly upstream: string;
  readonly tables: TableDirectory;
  readonly guard: ServiceGuard;
  /** 0 or omitted: a free port. */
  readonly port?: number;
  /**
   * Counts the units of every admitted request (the guard counts the requests): asks DynamoDB
   * for `ConsumedCapacity` where the caller did not, and takes it out of the answer again, so the
   * caller reads what DynamoDB would have answered it. Omitted: requests pass through untouched.
   */
  readonly meter?: UsageMeter;
}

export interface DynamoDbGateway {
  /** `http://127.0.0.1:<port>`, the functions' `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** DynamoDB's request limit is 16 MB for a batch; a little slack for the envelope. */
const maxRequestBytes = 17 * 1024 * 1024;
const targetPrefix = 'DynamoDB_20120810.';

/** What DynamoDB says of each item of a transaction it cancelled for throughput. */
const throttledItemReason = {
  Code: 'ThrottlingError',
  Message: 'Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly.',
};

/**
 * The error shape DynamoDB's JSON protocol answers with; the SDK reads the name after `#`. A
 * cancelled transaction carries a reason per item, as DynamoDB's does.
 */
function sendRefusal(response: ServerResponse, refusal: ServiceRefusal, input: Record<string, unknown> = {}): void {
  const namespace = refusal.code === 'AccessDeniedException' ? 'com.amazon.coral.service' : 'com.amazonaws.dynamodb.v20120810';
  const items = Array.isArray(input['TransactItems']) ? input['TransactItems'] : [];
  const reasons = refusal.code === 'TransactionCanceledException' ? { CancellationReasons: items.map(() => throttledItemReason) } : {};
  const body = JSON.stringify({ __type: `${namespace}#${refusal.code}`, message: refusal.message, ...reasons });
  response.writeHead(refusal.status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxRequestBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Starts the gateway on 127.0.0.1. */
export async function startDynamoDbGateway(options: DynamoDbGatewayOptions): Promise<DynamoDbGateway> {
  const upstream = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });

  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request);
    if (body === undefined) {
      return sendRefusal(response, { ok: false, status: 413, code: 'RequestEntityTooLarge', message: 'Request must be smaller than 16 MB' });
    }
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : target;
    let input: Record<string, unknown> = {};
    try {
      input = body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      // DynamoDB Local answers the malformed body itself (SerializationException); the caller still has to be known.
    }
    const [path = '/', rawQuery = ''] = (request.url ?? '/').split('?', 2);
    const verdict = await options.guard.admit({ method: request.method ?? 'POST', path, rawQuery, headers: request.headers, body }, 'dynamodb', operation, () =>
      dynamoDbAuthorizationChecks(operation, input, options.tables),
    );
    if (!verdict.ok) return sendRefusal(response, verdict, input);
    if (options.meter && capacityOperations[operation] !== undefined) {
      return forwardMetered(request, response, input, operation, verdict.principal.name, options.meter);
    }

    await new Promise<void>((resolve, reject) => {
      const forwarded = httpRequest(
        {
          protocol: upstream.protocol,
          hostname: upstream.hostname,
          port: upstream.port,
          method: request.method,
          path: request.url,
          headers: { ...request.headers, host: upstream.host },
          agent,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 500, answer.headers);
          answer.pipe(response);
          answer.on('end', resolve);
          answer.on('error', reject);
        },
      );
      forwarded.on('error', reject);
      forwarded.end(body);
    });
  };

  /** Forwards a request that reports units, asking for them if the caller did not; the answer is read whole to sum them. */
  const forwardMetered = async (
    request: IncomingMessage,
    response: ServerResponse,
    input: Record<string, unknown>,
    operation: string,
    caller: string,
    meter: UsageMeter,
  ): Promise<void> => {
    const asked = input['ReturnConsumedCapacity'] === 'TOTAL' || input['ReturnConsumedCapacity'] === 'INDEXES';
    const body = Buffer.from(JSON.stringify(asked ? input : { ...input, ReturnConsumedCapacity: 'INDEXES' }));
    const forwardedAt = performance.now();
    const answer = await new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
      const forwarded = httpRequest(
        {
          protocol: upstream.protocol,
          hostname: upstream.hostname,
          port: upstream.port,
          method: request.method,
          path: request.url,
          headers: { ...request.headers, host: upstream.host, 'content-length': String(body.length) },
          agent,
        },
        (reply) => {
          const chunks: Buffer[] = [];
          reply.on('data', (chunk: Buffer) => chunks.push(chunk));
          reply.on('end', () => resolve({ status: reply.statusCode ?? 500, headers: reply.headers, body: Buffer.concat(chunks) }));
          reply.on('error', reject);
        },
      );
      forwarded.on('error', reject);
      forwarded.end(body);
    });
    meter.upstreamTime(operation, caller, performance.now() - forwardedAt);
    let answerBody = answer.body;
    const headers = { ...answer.headers };
    if (answer.status === 200 && headers['content-encoding'] === undefined) {
      const output = JSON.parse(answerBody.toString('utf8')) as Record<string, unknown>;
      // DynamoDB Local misreports transactions (one item's units per table, four times over) and
      // batches: those are priced from the items they send; single-item calls as it reports them.
      const priced = operation === 'TransactWriteItems' || operation === 'BatchWriteItem';
      meter.capacity(operation, caller, priced ? totalOf(writeUnitsOfWireRequest(operation, input)) : consumedUnitsOf(output['ConsumedCapacity']));
      if (!asked) {
        delete output['ConsumedCapacity'];
        answerBody = Buffer.from(JSON.stringify(output));
        headers['content-length'] = String(answerBody.length);
        // The SDK checks DynamoDB's CRC32 of the body it reads.
        headers['x-amz-crc32'] = String(crc32(answerBody));
      }
    } else if (capacityOperations[operation] === 'write') {
      meter.refusedWrite(operation, caller);
    }
    response.writeHead(answer.status, headers);
    response.end(answerBody);
  };

  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      // DynamoDB Local unreachable or gone: the answer AWS gives when the service cannot serve.
      sendRefusal(response, {
        ok: false,
        status: 500,
        code: 'InternalServerError',
        message: error instanceof Error ? error.message : String(error),
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
      agent.destroy();
    },
  };
}
