/**
 * A Lambda-compatible HTTP endpoint for `Invoke`, so an operator's command invokes a function of
 * the local runtime with the real `@aws-sdk/client-lambda`, as it would in AWS
 * (`npm run records:verify` invokes the verifier). It speaks Lambda's REST protocol
 * (`POST /2015-03-31/functions/<name>/invocations`), synchronous invocations only, and answers
 * errors with Lambda's codes. Every call passes the service guard: the caller's signature, then
 * `lambda:InvokeFunction` on the function's ARN. Listens on 127.0.0.1 only; payloads are never
 * logged.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { ServiceGuard } from './iam/service-guard.ts';

/** A function the endpoint can invoke, as the deployment names it. */
export interface InvocableFunction {
  /** Topology name. */
  readonly name: string;
  /** Deployed name (`<prefix>-<name>`). */
  readonly functionName: string;
  readonly functionArn: string;
}

/** Properties of {@link startLambdaEndpoint}. */
export interface LambdaEndpointOptions {
  readonly functions: readonly InvocableFunction[];
  /** Runs the function (its sandbox, its role) with the event; rejects with the function's error. */
  readonly invoke: (name: string, event: unknown) => Promise<unknown>;
  /** Checks the caller's signature and `lambda:InvokeFunction`; read at each request. Without one, any caller is served. */
  readonly guard?: () => ServiceGuard | undefined;
  readonly port?: number;
}

/** A running Lambda endpoint. */
export interface LambdaEndpoint {
  /** `http://127.0.0.1:<port>`, for the `endpoint` of a `LambdaClient`. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Lambda's limit on a synchronous invocation's request payload. */
const maxPayloadBytes = 6 * 1024 * 1024;
const invocationPath = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxPayloadBytes)
      throw new LambdaError(413, 'RequestTooLargeException', `Request must be smaller than ${maxPayloadBytes} bytes for the InvokeFunction operation`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

class LambdaError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function replyError(response: ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': code });
  response.end(JSON.stringify({ Type: 'User', message, __type: code }));
}

/** The function a request names: by name, by ARN, or by partial ARN (`<account>:function:<name>`). */
function functionNamed(functions: readonly InvocableFunction[], named: string): InvocableFunction | undefined {
  const name = decodeURIComponent(named).replace(/:\$LATEST$/, '');
  return functions.find((fn) => fn.functionName === name || fn.functionArn === name || fn.functionArn.endsWith(`:${name}`));
}

export async function startLambdaEndpoint(options: LambdaEndpointOptions): Promise<LambdaEndpoint> {
  const server = createServer((request, response) => {
    void (async () => {
      try {
        const [path = '/', rawQuery = ''] = (request.url ?? '/').split('?', 2);
        const raw = await bodyOf(request);
        const guard = options.guard?.();
        const named = invocationPath.exec(path)?.[1];
        const target = named === undefined ? undefined : functionNamed(options.functions, named);
        if (guard) {
          const verdict = await guard.admit(
            { method: request.method ?? 'POST', path, rawQuery, headers: request.headers, body: raw },
            'lambda',
            'Invoke',
            () => (target === undefined ? [] : [{ action: 'lambda:InvokeFunction', resource: target.functionArn }]),
          );
          if (!verdict.ok)
            return replyError(
              response,
              verdict.status === 400 && verdict.code === 'AccessDeniedException' ? 403 : verdict.status,
              verdict.code,
              verdict.message,
            );
        }
        if (request.method !== 'POST' || named === undefined)
          return replyError(response, 404, 'UnknownOperationException', `${request.method} ${path} is not served locally`);
        if (target === undefined) return replyError(response, 404, 'ResourceNotFoundException', `Function not found: ${decodeURIComponent(named)}`);
        const invocationType = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
        if (invocationType !== 'RequestResponse')
          return replyError(response, 400, 'InvalidParameterValueException', `Only RequestResponse invocations are served locally, not ${invocationType}`);
        let event: unknown;
        try {
          event = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
        } catch {
          return replyError(response, 400, 'InvalidRequestContentException', 'Could not parse request body into json');
        }
        const headers = { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' };
        try {
          const result = await options.invoke(target.name, event);
          response.writeHead(200, headers);
          response.end(result === undefined ? 'null' : JSON.stringify(result));
        } catch (error) {
          // As Lambda answers an error the function threw: 200, the error in the payload.
          response.writeHead(200, { ...headers, 'x-amz-function-error': 'Unhandled' });
          response.end(
            JSON.stringify({
              errorType: error instanceof Error ? error.name : 'Error',
              errorMessage: error instanceof Error ? error.message : String(error),
              trace: [],
            }),
          );
        }
      } catch (error) {
        if (error instanceof LambdaError) return replyError(response, error.status, error.code, error.message);
        replyError(response, 500, 'ServiceException', error instanceof Error ? error.message : 'internal error');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return {
    endpoint: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
