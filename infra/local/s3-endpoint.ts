/**
 * An S3-compatible REST endpoint for the buckets the stack declares, so the real
 * `@aws-sdk/client-s3` (and the unchanged digest store) works locally. Path-style addressing
 * (`/<bucket>/<key>`): the SDK chooses it by itself for an endpoint that is an IP address, as
 * `AWS_ENDPOINT_URL_S3=http://127.0.0.1:<port>` is, and keeps virtual-hosted addressing in AWS.
 *
 * Serves PutObject (with `If-None-Match: *`, checksums, and Object Lock headers), GetObject,
 * HeadObject, ListObjectsV2 (prefix, start-after, continuation), DeleteObject (a delete marker,
 * or a version), GetObjectRetention and PutObjectRetention, with S3's versioning and Object Lock
 * rules (`s3-object-store.ts`) and S3's XML errors. Every request is put to the service guard:
 * its SigV4 signature (S3's flavour: unescaped path, `x-amz-content-sha256` possibly
 * `UNSIGNED-PAYLOAD`), then IAM for the S3 action on the bucket or object ARN with S3's
 * condition keys, and for an SSE-KMS bucket the key use S3 makes on the caller's behalf
 * (`kms:GenerateDataKey` to write, `kms:Decrypt` to read). Listens on 127.0.0.1 only.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { crc32 } from 'node:zlib';
import type { AuthorizationCheck } from './iam/iam-authorizer.ts';
import type { ServiceGuard } from './iam/service-guard.ts';
import { LocalBucket, type LocalBucketDeclaration, type ObjectRetention, type ObjectVersion, S3RuleError } from './s3-object-store.ts';

export type { LocalBucketDeclaration } from './s3-object-store.ts';

/** Properties of {@link startS3Endpoint}. */
export interface S3EndpointOptions {
  readonly region: string;
  readonly buckets: readonly LocalBucketDeclaration[];
  /** Where objects are kept across restarts (`<bucket>.jsonl`); in memory only when omitted. */
  readonly directory?: string;
  /** Checks signatures and IAM; read at each request. Without one, any caller is served. */
  readonly guard?: () => ServiceGuard | undefined;
  readonly now?: () => Date;
  readonly port?: number;
}

/** A running S3 endpoint. */
export interface S3Endpoint {
  /** `http://127.0.0.1:<port>`, for `AWS_ENDPOINT_URL_S3` or a client's `endpoint`. */
  readonly endpoint: string;
  /** What no S3 operation can do to a locked object: lose it (see `LocalBucket.loseObject`). */
  loseObject(bucket: string, key: string): boolean;
  stop(): Promise<void>;
}

/** The S3 operations served. */
export type S3OperationName = 'PutObject' | 'GetObject' | 'HeadObject' | 'ListObjectsV2' | 'DeleteObject' | 'GetObjectRetention' | 'PutObjectRetention';

const maxBodyBytes = 16 * 1024 * 1024;
const xmlNamespace = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Starts the endpoint for the declared buckets, with the objects kept in `directory` if any. */
export async function startS3Endpoint(options: S3EndpointOptions): Promise<S3Endpoint> {
  const buckets = new Map(options.buckets.map((declaration) => [declaration.name, new LocalBucket(declaration, options.directory)]));
  const now = options.now ?? (() => new Date());
  const server = createServer((request, response) => {
    void serve(request, response, { buckets, now, region: options.region, guard: options.guard?.() });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return {
    endpoint: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`,
    loseObject: (bucket, key) => buckets.get(bucket)?.loseObject(key) ?? false,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}

interface ServeContext {
  readonly buckets: ReadonlyMap<string, LocalBucket>;
  readonly now: () => Date;
  readonly region: string;
  readonly guard: ServiceGuard | undefined;
}

/** A parsed request: which operation on which bucket and key. */
interface S3Request {
  readonly operation: S3OperationName;
  readonly bucket: LocalBucket;
  readonly key: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

async function serve(request: IncomingMessage, response: ServerResponse, context: ServeContext): Promise<void> {
  const requestId = randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase();
  const method = request.method ?? 'GET';
  try {
    const rawUrl = request.url ?? '/';
    const [rawPath = '/', rawQuery = ''] = rawUrl.split('?', 2);
    const body = await readBody(request);
    const query = new URLSearchParams(rawQuery);
    const [bucketName = '', ...keyParts] = rawPath.slice(1).split('/');
    const key = keyParts.map(decodeURIComponent).join('/');
    const operation = operationOf(method, key, query, request.headers);
    const bucket = context.buckets.get(decodeURIComponent(bucketName));
    if (context.guard) {
      const verdict = await context.guard.admit({ method, path: rawPath, rawQuery, headers: request.headers, body }, 's3', operation, () =>
        bucket === undefined ? [] : authorizationChecks({ operation, bucket, key, query, headers: request.headers, body }, context.region),
      );
      if (!verdict.ok) throw refusal(verdict.code, verdict.message, verdict.status);
    }
    if (bucket === undefined) throw new S3RuleError('NoSuchBucket', 'The specified bucket does not exist', 404);
    await handlers[operation]({ operation, bucket, key, query, headers: request.headers, body }, response, { ...context, requestId });
  } catch (error) {
    const s3Error = error instanceof S3RuleError ? error : internalError(error);
    const headers = { 'x-amz-request-id': requestId };
    if (method === 'HEAD') {
      response.writeHead(s3Error.status, headers);
      response.end();
      return;
    }
    sendXml(
      response,
      s3Error.status,
      `<Error><Code>${s3Error.code}</Code><Message>${escapeXml(s3Error.message)}</Message><RequestId>${requestId}</RequestId></Error>`,
      headers,
    );
  }
}

/** A refusal of the service guard, in S3's words: S3 answers who-are-you and may-you failures with 403. */
function refusal(code: string, message: string, status: number): S3RuleError {
  switch (code) {
    case 'AccessDeniedException':
    case 'MissingAuthenticationTokenException':
      return new S3RuleError('AccessDenied', message, 403);
    case 'InvalidSignatureException':
      return new S3RuleError('SignatureDoesNotMatch', message, 403);
    case 'UnrecognizedClientException':
      return new S3RuleError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403);
    case 'ThrottlingException':
    case 'RequestThrottled':
    case 'SlowDown':
      return new S3RuleError('SlowDown', 'Please reduce your request rate.', 503);
    default:
      return new S3RuleError(code, message, status);
  }
}

function internalError(error: unknown): S3RuleError {
  // 5xx bodies never carry internals; the operator sees them in the runtime's own logs.
  console.error('local S3 endpoint failed', error);
  return new S3RuleError('InternalError', 'We encountered an internal error. Please try again.', 500);
}

/** The operation a method, key and query name, as S3 routes them. */
function operationOf(method: string, key: string, query: URLSearchParams, headers: IncomingMessage['headers']): S3OperationName {
  const notImplemented = (what: string) => new S3RuleError('NotImplemented', `The local S3 endpoint does not implement ${what}.`, 501);
  if (key === '') {
    if (method === 'GET' && query.get('list-type') === '2') return 'ListObjectsV2';
    throw notImplemented(`${method} on a bucket${query.toString() === '' ? '' : ` with ?${[...query.keys()].join('&')}`}`);
  }
  if (query.has('retention')) {
    if (method === 'GET') return 'GetObjectRetention';
    if (method === 'PUT') return 'PutObjectRetention';
  }
  const subresource = [...query.keys()].find((name) => !['x-id', 'versionId'].includes(name));
  if (subresource !== undefined) throw notImplemented(`the ?${subresource} subresource`);
  if (method === 'PUT') {
    if (headerOf(headers, 'x-amz-copy-source') !== undefined) throw notImplemented('CopyObject');
    return 'PutObject';
  }
  if (method === 'GET') return 'GetObject';
  if (method === 'HEAD') return 'HeadObject';
  if (method === 'DELETE') return 'DeleteObject';
  throw notImplemented(`${method} on an object`);
}

const headerOf = (headers: IncomingMessage['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/** The IAM checks of one request: the S3 action with S3's condition keys, and the key use of SSE-KMS. */
function authorizationChecks(request: S3Request, region: string): AuthorizationCheck[] {
  const { operation, bucket, key, query, headers } = request;
  const objectArn = `${bucket.declaration.arn}/${key}`;
  const versionId = query.get('versionId') ?? undefined;
  const partition = bucket.declaration.arn.split(':')[1] ?? 'aws';
  const viaService = `s3.${region}.${partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
  const keyUse = (action: string): AuthorizationCheck[] =>
    bucket.declaration.encryptionKeyArn === undefined
      ? []
      : [{ action, resource: bucket.declaration.encryptionKeyArn, context: { 'kms:ViaService': viaService }, via: 's3' }];
  const bypass = headerOf(headers, 'x-amz-bypass-governance-retention') === 'true' ? [{ action: 's3:BypassGovernanceRetention', resource: objectArn }] : [];
  switch (operation) {
    case 'PutObject': {
      const lockMode = headerOf(headers, 'x-amz-object-lock-mode');
      const retainUntil = headerOf(headers, 'x-amz-object-lock-retain-until-date');
      const ifNoneMatch = headerOf(headers, 'if-none-match');
      const context: Record<string, string> = {
        ...(ifNoneMatch === undefined ? {} : { 's3:if-none-match': ifNoneMatch }),
        ...(lockMode === undefined ? {} : { 's3:object-lock-mode': lockMode }),
        ...(retainUntil === undefined ? {} : { 's3:object-lock-retain-until-date': retainUntil }),
      };
      // A put that sets a retention itself needs the right to set retentions, as in S3.
      const setsRetention = lockMode !== undefined || retainUntil !== undefined ? [{ action: 's3:PutObjectRetention', resource: objectArn }] : [];
      return [{ action: 's3:PutObject', resource: objectArn, context }, ...setsRetention, ...keyUse('kms:GenerateDataKey')];
    }
    case 'GetObject': {
      // S3 decrypts, with the caller's permission, only an object that is there.
      const stored = versionId === undefined ? bucket.current(key) : bucket.version(key, versionId);
      return [
        { action: versionId === undefined ? 's3:GetObject' : 's3:GetObjectVersion', resource: objectArn },
        ...(stored && !stored.deleteMarker ? keyUse('kms:Decrypt') : []),
      ];
    }
    case 'HeadObject':
      return [{ action: versionId === undefined ? 's3:GetObject' : 's3:GetObjectVersion', resource: objectArn }];
    case 'ListObjectsV2': {
      const prefix = query.get('prefix');
      return [{ action: 's3:ListBucket', resource: bucket.declaration.arn, context: prefix === null ? {} : { 's3:prefix': prefix } }];
    }
    case 'DeleteObject':
      return [{ action: versionId === undefined ? 's3:DeleteObject' : 's3:DeleteObjectVersion', resource: objectArn }, ...bypass];
    case 'GetObjectRetention':
      return [{ action: 's3:GetObjectRetention', resource: objectArn }];
    case 'PutObjectRetention':
      return [{ action: 's3:PutObjectRetention', resource: objectArn }, ...bypass];
  }
}

type Handler = (request: S3Request, response: ServerResponse, context: ServeContext & { readonly requestId: string }) => Promise<void>;

const handlers: Record<S3OperationName, Handler> = {
  async PutObject(request, response, context) {
    const { bucket, key, headers, body } = request;
    const ifNoneMatch = headerOf(headers, 'if-none-match');
    if (ifNoneMatch !== undefined && ifNoneMatch !== '*') throw new S3RuleError('NotImplemented', 'If-None-Match supports only *.', 501);
    if (headerOf(headers, 'if-match') !== undefined) throw new S3RuleError('NotImplemented', 'The local S3 endpoint does not implement If-Match.', 501);
    const checksums = verifiedChecksums(headers, body);
    const retention = requestedRetention(headers, context.now());
    const lock = bucket.declaration.objectLock;
    if (retention !== undefined && lock === undefined) throw new S3RuleError('InvalidRequest', 'Bucket is missing Object Lock Configuration', 400);
    // S3 demands an integrity check on every upload to a bucket that locks objects.
    if (lock !== undefined && (lock.defaultRetention !== undefined || retention !== undefined) && Object.keys(checksums).length === 0) {
      throw new S3RuleError(
        'InvalidRequest',
        'Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters',
        400,
      );
    }
    const version = bucket.put({
      key,
      body,
      contentType: headerOf(headers, 'content-type') ?? 'binary/octet-stream',
      checksums,
      ...(retention ? { retention } : {}),
      ifNoneMatch: ifNoneMatch === '*',
      now: context.now(),
    });
    response.writeHead(200, {
      etag: `"${version.etag}"`,
      'x-amz-request-id': context.requestId,
      ...versionHeaders(bucket, version),
      ...encryptionHeaders(bucket),
      ...Object.fromEntries(Object.entries(checksums).map(([algorithm, value]) => [`x-amz-checksum-${algorithm}`, value])),
    });
    response.end();
  },

  async GetObject(request, response, context) {
    const version = readable(request);
    response.writeHead(200, { ...objectHeaders(request.bucket, version), 'x-amz-request-id': context.requestId });
    response.end(version.body);
  },

  async HeadObject(request, response, context) {
    const version = readable(request);
    response.writeHead(200, { ...objectHeaders(request.bucket, version), 'x-amz-request-id': context.requestId });
    response.end();
  },

  async ListObjectsV2(request, response) {
    const { bucket, query } = request;
    if (query.has('delimiter')) throw new S3RuleError('NotImplemented', 'The local S3 endpoint does not implement delimiter.', 501);
    const prefix = query.get('prefix') ?? '';
    const maxKeys = Math.min(Math.max(Number.parseInt(query.get('max-keys') ?? '1000', 10) || 0, 0), 1000);
    const continuation = query.get('continuation-token');
    let after = query.get('start-after') ?? '';
    if (continuation !== null) {
      const decoded = Buffer.from(continuation, 'base64url').toString('utf8');
      if (!decoded.startsWith('key:')) throw new S3RuleError('InvalidArgument', 'The continuation token provided is incorrect', 400);
      after = decoded.slice('key:'.length);
    }
    const matching = bucket.currentKeys().filter((key) => key.startsWith(prefix) && Buffer.compare(Buffer.from(key), Buffer.from(after)) > 0);
    const page = matching.slice(0, maxKeys);
    const truncated = matching.length > page.length;
    const contents = page
      .map((key) => {
        const version = bucket.current(key)!;
        return `<Contents><Key>${escapeXml(key)}</Key><LastModified>${version.lastModified}</LastModified><ETag>&quot;${version.etag}&quot;</ETag><Size>${version.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
      })
      .join('');
    const next = truncated ? `<NextContinuationToken>${Buffer.from(`key:${page.at(-1)}`).toString('base64url')}</NextContinuationToken>` : '';
    sendXml(
      response,
      200,
      `<ListBucketResult xmlns="${xmlNamespace}"><Name>${escapeXml(bucket.declaration.name)}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${continuation === null ? '' : `<ContinuationToken>${escapeXml(continuation)}</ContinuationToken>`}${next}${query.has('start-after') ? `<StartAfter>${escapeXml(query.get('start-after') ?? '')}</StartAfter>` : ''}</ListBucketResult>`,
    );
  },

  async DeleteObject(request, response, context) {
    const { bucket, key, query, headers } = request;
    const versionId = query.get('versionId');
    if (versionId === null) {
      const outcome = bucket.deleteObject(key, context.now());
      response.writeHead(204, {
        'x-amz-request-id': context.requestId,
        ...(outcome.deleteMarker ? { 'x-amz-delete-marker': 'true', 'x-amz-version-id': outcome.versionId } : {}),
      });
    } else {
      bucket.deleteVersion(key, versionId, headerOf(headers, 'x-amz-bypass-governance-retention') === 'true', context.now());
      response.writeHead(204, { 'x-amz-request-id': context.requestId, 'x-amz-version-id': versionId });
    }
    response.end();
  },

  async GetObjectRetention(request, response) {
    const version = readable(request);
    if (version.retention === undefined)
      throw new S3RuleError('NoSuchObjectLockConfiguration', 'The specified object does not have a ObjectLock configuration', 404);
    sendXml(
      response,
      200,
      `<Retention xmlns="${xmlNamespace}"><Mode>${version.retention.mode}</Mode><RetainUntilDate>${version.retention.retainUntil}</RetainUntilDate></Retention>`,
    );
  },

  async PutObjectRetention(request, response, context) {
    const { bucket, key, body, headers } = request;
    const version = readable(request);
    const text = body.toString('utf8');
    const mode = /<Mode>\s*(COMPLIANCE|GOVERNANCE)\s*<\/Mode>/.exec(text)?.[1] as ObjectRetention['mode'] | undefined;
    const until = /<RetainUntilDate>\s*([^<]+?)\s*<\/RetainUntilDate>/.exec(text)?.[1];
    if (mode === undefined || until === undefined || Number.isNaN(Date.parse(until)))
      throw new S3RuleError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
    bucket.putRetention(
      key,
      version.versionId,
      { mode, retainUntil: new Date(until).toISOString() },
      headerOf(headers, 'x-amz-bypass-governance-retention') === 'true',
      context.now(),
    );
    response.writeHead(200, { 'x-amz-request-id': context.requestId });
    response.end();
  },
};

/** The version a read names (by `versionId`, or the current one), or S3's 404. */
function readable(request: S3Request): ObjectVersion {
  const versionId = request.query.get('versionId');
  const version = versionId === null ? request.bucket.current(request.key) : request.bucket.version(request.key, versionId);
  if (version === undefined)
    throw new S3RuleError(
      versionId === null ? 'NoSuchKey' : 'NoSuchVersion',
      versionId === null ? 'The specified key does not exist.' : 'The specified version does not exist.',
      404,
    );
  if (version.deleteMarker) throw new S3RuleError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
  return version;
}

const versionHeaders = (bucket: LocalBucket, version: ObjectVersion): Record<string, string> =>
  bucket.declaration.versioned ? { 'x-amz-version-id': version.versionId } : {};

const encryptionHeaders = (bucket: LocalBucket): Record<string, string> =>
  bucket.declaration.encryptionKeyArn === undefined
    ? { 'x-amz-server-side-encryption': 'AES256' }
    : {
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id': bucket.declaration.encryptionKeyArn,
        'x-amz-server-side-encryption-bucket-key-enabled': 'true',
      };

function objectHeaders(bucket: LocalBucket, version: ObjectVersion): Record<string, string> {
  return {
    'content-type': version.contentType,
    'content-length': String(version.body.length),
    etag: `"${version.etag}"`,
    'last-modified': new Date(version.lastModified).toUTCString(),
    ...versionHeaders(bucket, version),
    ...encryptionHeaders(bucket),
  };
}

/** The Object Lock retention a put asks for in its headers, if any; both headers or neither, as S3 requires. */
function requestedRetention(headers: IncomingMessage['headers'], now: Date): ObjectRetention | undefined {
  const mode = headerOf(headers, 'x-amz-object-lock-mode');
  const until = headerOf(headers, 'x-amz-object-lock-retain-until-date');
  if (mode === undefined && until === undefined) return undefined;
  if (mode === undefined || until === undefined)
    throw new S3RuleError('InvalidArgument', 'x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied', 400);
  if (mode !== 'COMPLIANCE' && mode !== 'GOVERNANCE') throw new S3RuleError('InvalidArgument', 'Unknown wormMode directive.', 400);
  const retainUntil = Date.parse(until);
  if (Number.isNaN(retainUntil) || retainUntil <= now.getTime()) throw new S3RuleError('InvalidArgument', 'The retain until date must be in the future!', 400);
  return { mode, retainUntil: new Date(retainUntil).toISOString() };
}

/**
 * The integrity checksums a put sent, each checked against the body (`BadDigest` when one does
 * not match): Content-MD5 and the CRC32, SHA-1 and SHA-256 flexible checksums. A CRC32C or
 * CRC64NVME checksum is kept without being checked (node:zlib computes neither).
 */
function verifiedChecksums(headers: IncomingMessage['headers'], body: Buffer): Record<string, string> {
  const computed: Record<string, () => string> = {
    md5: () => createHash('md5').update(body).digest('base64'),
    crc32: () => {
      const value = Buffer.alloc(4);
      value.writeUInt32BE(crc32(body) >>> 0);
      return value.toString('base64');
    },
    sha1: () => createHash('sha1').update(body).digest('base64'),
    sha256: () => createHash('sha256').update(body).digest('base64'),
  };
  const sent: Record<string, string> = {};
  const md5 = headerOf(headers, 'content-md5');
  if (md5 !== undefined) sent['md5'] = md5;
  for (const algorithm of ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256']) {
    const value = headerOf(headers, `x-amz-checksum-${algorithm}`);
    if (value !== undefined) sent[algorithm] = value;
  }
  for (const [algorithm, value] of Object.entries(sent)) {
    const expected = computed[algorithm]?.();
    if (expected !== undefined && expected !== value) {
      const message =
        algorithm === 'md5'
          ? 'The Content-MD5 you specified did not match what we received.'
          : `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`;
      throw new S3RuleError('BadDigest', message, 400);
    }
  }
  return sent;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new S3RuleError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size of the local S3 endpoint', 400);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendXml(response: ServerResponse, status: number, xml: string, headers: Record<string, string> = {}): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
  response.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (character) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[character] ?? character);
