/**
 * Subscribers' signing secrets, opened once per secret issued and kept for a few minutes by a
 * warm delivery sandbox: reading the sealed secret and opening it with KMS are two of a
 * delivery's calls, and a signal to a hundred subscribers is a hundred deliveries in a few seconds.
 *
 * A secret is known by its subscription and the instant it was issued (`secretIssuedAt`, moved by
 * every rotation): a delivery reads the subscription first, so after a rotation it asks for the
 * new secret and never signs with the old one. The opened secrets stay in the sandbox's memory
 * only (never logged, never written), at most `maxEntries` of them (the least recently used go
 * first), each for `keepMs` at most; deliveries asking for the same secret at once share one
 * opening, and one that could not be read or opened is not kept.
 */
import type { WebhookSubscription } from '../../domain/webhooks/webhook-subscription.ts';
import type { WebhookDeliveryState, WebhookSecretSealer, WebhookSecrets } from '../../application/webhooks/webhook-ports.ts';
import { ContainerCache } from '../container-cache.ts';

export interface OpenedSecretsOptions {
  /** How long an opened secret is kept (5 minutes unless said). */
  readonly keepMs?: number;
  /** How many are kept at most (1,000 unless said). */
  readonly maxEntries?: number;
  /** The clock, in milliseconds (tests move it). */
  readonly now?: () => number;
}

export class OpenedSecrets implements WebhookSecrets {
  private readonly kept: ContainerCache<string | undefined>;

  constructor(
    private readonly state: Pick<WebhookDeliveryState, 'secretOf'>,
    private readonly sealer: Pick<WebhookSecretSealer, 'open'>,
    options: OpenedSecretsOptions = {},
  ) {
    this.kept = new ContainerCache({
      ttlMs: options.keepMs ?? 5 * 60_000,
      maxEntries: options.maxEntries ?? 1_000,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  of(subscription: Pick<WebhookSubscription, 'id' | 'secretIssuedAt'>): Promise<string | undefined> {
    return this.kept.get(`${subscription.id}\n${subscription.secretIssuedAt}`, async () => {
      const sealed = await this.state.secretOf(subscription.id);
      return sealed === undefined ? undefined : this.sealer.open(subscription.id, sealed);
    });
  }
}
