/**
 * Hour keys of the record seals derived inside KMS: `GenerateMac` (HMAC_SHA_256) with the
 * record-seal key (`INTEGRITY_KEY_ID`), which never leaves KMS. Its key policy lets only the
 * record writer's and the verifier's roles use it; each derivation is a CloudTrail entry.
 */
import { GenerateMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { SealKeyDerivation } from '../../application/record-seals/hour-keys.ts';

export class KmsSealKeyDerivation implements SealKeyDerivation {
  constructor(
    private readonly client: KMSClient,
    /** ARN of the HMAC_256 record-seal key. */
    private readonly keyId: string,
  ) {}

  async derive(message: Uint8Array): Promise<Uint8Array> {
    const { Mac } = await this.client.send(new GenerateMacCommand({ KeyId: this.keyId, MacAlgorithm: 'HMAC_SHA_256', Message: message }));
    if (!Mac) throw new Error('KMS GenerateMac returned no MAC');
    return Mac;
  }
}
