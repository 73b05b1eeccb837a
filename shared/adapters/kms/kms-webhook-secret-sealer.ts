/**
 * Webhook subscribers' signing secrets sealed with KMS (`Encrypt` / `Decrypt` on the webhook-secret
 * key, never a data key: a secret is 50 bytes), each under the context
 * `{ purpose: webhook-secret, subscription: <id> }`. The console API holds only Encrypt, the
 * delivery function only Decrypt (`infra/cdk/constructs/webhook-secret-key.ts`).
 */
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import type { WebhookSecretSealer } from '../../application/webhooks/webhook-ports.ts';
import { awsClientConfig, nameOverloadOf } from '../aws/dependency-overload.ts';

const contextOf = (subscriptionId: string): Record<string, string> => ({ purpose: 'webhook-secret', subscription: subscriptionId });

export class KmsWebhookSecretSealer implements WebhookSecretSealer {
  constructor(
    private readonly keyId: string,
    private readonly client: KMSClient = nameOverloadOf(new KMSClient(awsClientConfig()), 'kms'),
  ) {}

  async seal(subscriptionId: string, secret: string): Promise<string> {
    const { CiphertextBlob } = await this.client.send(
      new EncryptCommand({ KeyId: this.keyId, Plaintext: Buffer.from(secret, 'utf8'), EncryptionContext: contextOf(subscriptionId) }),
    );
    if (!CiphertextBlob) throw new Error('KMS returned no ciphertext');
    return Buffer.from(CiphertextBlob).toString('base64');
  }

  async open(subscriptionId: string, sealed: string): Promise<string> {
    const { Plaintext } = await this.client.send(
      new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: Buffer.from(sealed, 'base64'), EncryptionContext: contextOf(subscriptionId) }),
    );
    if (!Plaintext) throw new Error('KMS returned no plaintext');
    return Buffer.from(Plaintext).toString('utf8');
  }
}
