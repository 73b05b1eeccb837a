/**
 * How `audit:verify` reaches the audit trail's digests and signing key, beside the table that
 * `system-connection.ts` reaches: S3 and KMS clients for the same target, and the names of the
 * digest bucket and the signing key — from the local runtime's `runtime.json`, from a
 * deployment's configuration (the names the stack gives them), or from the command line.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { auditDigestBucketName, auditSigningKeyAlias } from '#infra/cdk/constructs/audit-trail-store.ts';
import { UsageError } from './command-line.ts';
import type { SystemTarget } from './system-connection.ts';

/** S3 and KMS clients for the audit trail of one system, and what they name. */
export interface AuditTrailConnection {
  readonly s3: S3Client;
  readonly kms: KMSClient;
  readonly bucket: string;
  /** The signing key's ARN, id or alias. */
  readonly signingKey: string;
  destroy(): void;
}

/**
 * @param names `--bucket` and `--signing-key`, when given (they override what the target names)
 * @throws UsageError when the target names no digest bucket or signing key and none was given
 */
export function connectToAuditTrail(
  target: SystemTarget,
  names: { readonly bucket?: string; readonly signingKey?: string; readonly region?: string },
): AuditTrailConnection {
  let bucket = names.bucket;
  let signingKey = names.signingKey;
  let config: {
    region?: string;
    endpoint?: (service: 's3' | 'kms') => string | undefined;
    credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  } = names.region === undefined ? {} : { region: names.region };
  switch (target.kind) {
    case 'local': {
      const { manifest } = target;
      bucket ??= manifest.auditTrail?.bucket;
      signingKey ??= manifest.auditTrail?.signingKey;
      if (manifest.endpoints.s3 === undefined || manifest.endpoints.kms === undefined) {
        throw new UsageError(
          '本地运行时未提供 S3 与 KMS 端点（请用当前版本重新 npm start）',
          'the local runtime serves no S3 and KMS endpoints (restart it with npm start at this version)',
          false,
        );
      }
      config = { region: manifest.region, endpoint: (service) => manifest.endpoints[service], credentials: { ...manifest.operatorCredentials } };
      break;
    }
    case 'deployment':
      bucket ??= auditDigestBucketName(target.config);
      signingKey ??= auditSigningKeyAlias(target.config.prefix);
      config = { region: target.config.region };
      break;
    case 'explicit':
      break;
  }
  if (bucket === undefined || signingKey === undefined) {
    throw new UsageError('需要参数 --bucket 和 --signing-key', '--bucket and --signing-key are required for this target');
  }
  const clientConfig = (service: 's3' | 'kms') => ({
    ...(config.region === undefined ? {} : { region: config.region }),
    ...(config.endpoint?.(service) === undefined ? {} : { endpoint: config.endpoint(service) }),
    ...(config.credentials === undefined ? {} : { credentials: config.credentials }),
  });
  const s3 = new S3Client(clientConfig('s3'));
  const kms = new KMSClient(clientConfig('kms'));
  return {
    s3,
    kms,
    bucket,
    signingKey,
    destroy() {
      s3.destroy();
      kms.destroy();
    },
  };
}
