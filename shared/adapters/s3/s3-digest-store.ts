/**
 * The sealed digests in S3: one object per span under `digests/<day>/`, in a bucket with Object
 * Lock in compliance mode. A digest is written with `If-None-Match: *` (the bucket policy refuses
 * any other write of a digest), so an existing one is never replaced: S3 answers 412, and the
 * store says the span was sealed already. Addressing is the SDK's own choice: virtual-hosted in
 * AWS, path-style for an endpoint that is an IP address (the local runtime's).
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { digestDayPrefix } from '../../domain/audit/seal-span.ts';
import { DigestAlreadySealedError, type DigestStore } from '../../application/audit/audit-trail-ports.ts';
import { awsClientConfig, nameOverloadOf } from '../aws/dependency-overload.ts';

/** One S3 client per cold start, with the project's retries; the endpoint comes from the SDK's configuration (`AWS_ENDPOINT_URL_S3` locally). */
export const createS3Client = (): S3Client => nameOverloadOf(new S3Client(awsClientConfig()), 's3');

const statusOf = (error: unknown): number | undefined => (error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined);

export class S3DigestStore implements DigestStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async listDay(day: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: digestDayPrefix(day), ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key === undefined ? [] : [object.Key])));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return keys;
  }

  async read(objectKey: string): Promise<string | undefined> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      return (await object.Body?.transformToString('utf8')) ?? '';
    } catch (error) {
      if (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || statusOf(error) === 404)) return undefined;
      throw error;
    }
  }

  async writeNew(objectKey: string, text: string): Promise<void> {
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: objectKey, Body: text, ContentType: 'application/json', IfNoneMatch: '*' }));
    } catch (error) {
      // 412: the key holds a digest; 409: a concurrent write of the same key is under way.
      if (statusOf(error) === 412 || statusOf(error) === 409) throw new DigestAlreadySealedError(objectKey);
      throw error;
    }
  }
}
