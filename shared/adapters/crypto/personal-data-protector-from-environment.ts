/**
 * Chooses the personal-data protector from the function environment: `local:<file>` references
 * (use-case tests) → key files; KMS key ARNs (the cloud, and the local runtime's KMS stand-in) →
 * KMS, sealing under the period keys whose aliases start with `PERSONAL_DATA_PERIOD_KEYS`. Both
 * keys must be of one kind.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import type { PersonalDataProtector } from '../../application/ports.ts';
import { ConfigurationError } from '../../config/function-environment.ts';
import { environmentNames } from '../../topology.ts';
import { awsClientConfig, nameOverloadOf } from '../aws/dependency-overload.ts';
import { KmsPersonalDataProtector } from '../kms/kms-personal-data-protector.ts';
import { LocalPersonalDataProtector } from './local-personal-data-protector.ts';

export interface PersonalDataKeyEnvironment {
  /** The key complaints were sealed under before keys per period; still opened (each record names its key), never sealed under. */
  readonly PERSONAL_DATA_KEY: string;
  readonly LOOKUP_HASH_KEY: string;
  /** `alias/<prefix>-pd-`: the period keys' aliases (KMS only). */
  readonly PERSONAL_DATA_PERIOD_KEYS?: string | undefined;
}

const localPrefix = 'local:';
const kmsKeyArn = /^arn:aws(-cn)?:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/;

/** Built once per cold start; `kmsClient` is called only when the keys are KMS keys. */
export async function personalDataProtectorFrom(
  env: PersonalDataKeyEnvironment,
  kmsClient: () => KMSClient = () => nameOverloadOf(new KMSClient(awsClientConfig()), 'kms'),
): Promise<PersonalDataProtector> {
  const dataKey = env.PERSONAL_DATA_KEY;
  const lookupKey = env.LOOKUP_HASH_KEY;
  const names = `${environmentNames.personalDataKey} and ${environmentNames.lookupHashKey}`;
  if (dataKey === lookupKey) throw new ConfigurationError(`${names} must name two different keys`);
  if (dataKey.startsWith(localPrefix) && lookupKey.startsWith(localPrefix)) {
    const dataKeyFile = dataKey.slice(localPrefix.length);
    const lookupKeyFile = lookupKey.slice(localPrefix.length);
    if (!dataKeyFile || !lookupKeyFile) throw new ConfigurationError(`${names} must name a file after local:`);
    return LocalPersonalDataProtector.fromFiles(dataKeyFile, lookupKeyFile);
  }
  if (kmsKeyArn.test(dataKey) && kmsKeyArn.test(lookupKey)) {
    const periodKeys = env.PERSONAL_DATA_PERIOD_KEYS;
    if (periodKeys === undefined)
      throw new ConfigurationError(`${environmentNames.personalDataPeriodKeys} must name the alias prefix of the period keys beside KMS keys`);
    return new KmsPersonalDataProtector({ client: kmsClient(), lookupKeyId: lookupKey, periodKeyAliasPrefix: periodKeys });
  }
  throw new ConfigurationError(`${names} must both be local:<file> or both KMS key ARNs`);
}
