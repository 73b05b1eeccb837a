/**
 * The hour keys of the record seals for a function whose stack resource sets `INTEGRITY_KEY_ID`
 * (the record writer and the verifier), built once per cold start.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { HourKeys } from '../../application/record-seals/hour-keys.ts';
import { readEnvironment, RecordSealEnvironment } from '../../config/function-environment.ts';
import { awsClientConfig, nameOverloadOf } from '../aws/dependency-overload.ts';
import { KmsSealKeyDerivation } from './kms-seal-key-derivation.ts';

/**
 * @param retain hours' keys kept in memory (2 for the writer, 1 for the verifier)
 * @throws ConfigurationError when `INTEGRITY_KEY_ID` is not a KMS key ARN
 */
export function hourKeysFromEnvironment(retain: number, env: NodeJS.ProcessEnv = process.env): HourKeys {
  const keyId = readEnvironment(RecordSealEnvironment, env).INTEGRITY_KEY_ID;
  return new HourKeys(new KmsSealKeyDerivation(nameOverloadOf(new KMSClient(awsClientConfig()), 'kms'), keyId), retain);
}
