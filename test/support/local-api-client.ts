/**
 * A department's and a staff member's view of the local runtime's HTTP API: requests signed with
 * SigV4 exactly as any AWS SDK would sign them (with the department's API key in `x-api-key`, as
 * its usage plan requires), and bearer tokens from the local identity provider.
 */
import aws4 from 'aws4';

export interface ApiReply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: any;
}

export interface SigningCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Sent in `x-api-key` when present (every department has one; tests leave it out to see the 403). */
  readonly apiKey?: string;
}

async function reply(response: Response): Promise<ApiReply> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export async function signedPost(
  apiUrl: string,
  path: string,
  body: string,
  credential: SigningCredential,
  options: { region?: string; headers?: Record<string, string>; date?: Date } = {},
): Promise<ApiReply> {
  return signedRequest('POST', apiUrl, path, body, credential, options);
}

/** A SigV4-signed PUT, as a department's business system submits its manifest of a day. */
export async function signedPut(apiUrl: string, path: string, body: string, credential: SigningCredential): Promise<ApiReply> {
  return signedRequest('PUT', apiUrl, path, body, credential, {});
}

/** A SigV4-signed GET, as a department's business system reads its own alerts. */
export async function signedGet(apiUrl: string, path: string, credential: SigningCredential): Promise<ApiReply> {
  return signedRequest('GET', apiUrl, path, undefined, credential, {});
}

async function signedRequest(
  method: 'GET' | 'POST' | 'PUT',
  apiUrl: string,
  path: string,
  body: string | undefined,
  credential: SigningCredential,
  options: { region?: string; headers?: Record<string, string>; date?: Date },
): Promise<ApiReply> {
  const url = new URL(path, apiUrl);
  const headers: Record<string, string> = {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(credential.apiKey === undefined ? {} : { 'x-api-key': credential.apiKey }),
    ...options.headers,
  };
  if (options.date) headers['X-Amz-Date'] = options.date.toISOString().replace(/[:-]|\.\d{3}/g, '');
  const signed = aws4.sign(
    {
      host: url.host,
      method,
      path: url.pathname + url.search,
      ...(body === undefined ? {} : { body }),
      service: 'execute-api',
      region: options.region ?? 'cn-north-1',
      headers,
    },
    { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
  );
  return reply(await fetch(url, { method, headers: signed.headers as Record<string, string>, ...(body === undefined ? {} : { body }) }));
}

export async function bearerGet(apiUrl: string, path: string, token?: string): Promise<ApiReply> {
  return reply(await fetch(new URL(path, apiUrl), { headers: token ? { authorization: `Bearer ${token}` } : {} }));
}

/**
 * A bearer GET sent from another loopback address (`127.0.0.x`): the local API sees it as the
 * caller's source address, as API Gateway sees a client's, so tests of per-address limits do not
 * touch the address every other test uses.
 */
export async function bearerGetFrom(apiUrl: string, path: string, token: string, localAddress: string): Promise<ApiReply> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const outgoing = request(new URL(path, apiUrl), { method: 'GET', localAddress, headers: { authorization: `Bearer ${token}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') headers.set(name, value);
        resolve({ status: response.statusCode ?? 0, headers, text, json });
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}
