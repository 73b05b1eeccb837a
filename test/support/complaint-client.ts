/**
 * The complaint endpoints of the local runtime's HTTP API as the e2e tests call them: public
 * requests with the query token, staff requests with a bearer token, well-formed or raw bodies.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { shanghaiDate } from '#shared/domain/calendar/local-date.ts';

export interface ComplaintCallOptions {
  readonly bearer?: string;
  readonly queryToken?: string;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as it is, instead of `body`. */
  readonly rawBody?: string;
  /** Default `application/json` when there is a body. */
  readonly contentType?: string;
}

export interface ComplaintReply {
  readonly status: number;
  readonly headers: Headers;
  /** The body parsed as JSON; undefined when it is not JSON (a PDF, an empty body). */
  readonly json: any;
  readonly bytes: Uint8Array;
}

export async function callComplaintApi(apiUrl: string, method: string, path: string, options: ComplaintCallOptions = {}): Promise<ComplaintReply> {
  const headers: Record<string, string> = {};
  if (options.bearer) headers['authorization'] = `Bearer ${options.bearer}`;
  if (options.queryToken) headers['x-query-token'] = options.queryToken;
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(new URL(path, apiUrl), { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  const bytes = new Uint8Array(await response.arrayBuffer());
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, bytes };
}

/** A client of the runtime's DynamoDB Local, for looking at what the API stored. */
export const runtimeDynamoClient = (runtime: LocalRuntime): DynamoDBClient =>
  new DynamoDBClient({ endpoint: runtime.dynamoEndpoint, region: runtime.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

/** A Shanghai date `days` calendar days from now: a handling deadline ahead of today. */
export const daysAhead = (days: number): string => shanghaiDate(new Date(Date.now() + days * 86_400_000));
