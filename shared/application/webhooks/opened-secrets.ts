/**
 * Subscribers' signing secrets, opened once per secret issued and kept for a few minutes by a
 * warm delivery sandbox: reading the sealed secret and opening it with KMS are two of a
 * delivery's calls, and a signal to a hundred subscribers is a hundred deliveries in a few seconds.
 *
 * A secret is known by its subscription and the instant it was issued (`secretIssuedAt`, moved by
 * every rotation): a delivery reads the subscription first, so after a rotation it asks for the
 * new secret and never signs with the old one. The opened secrets stay in the sandbox's memory
 * only (never logged, never written), at most `maxEntries` of them, each for `keepMs` at most.
 */
import type { WebhookSubscription } from '../../domain/webhooks/webhook-subscription.ts';
import type { Clock } from '../ports.ts';
import type { WebhookDeliveryState, WebhookSecretSealer } from './webhook-ports.ts';

export interface OpenedSecretsOptions {
  /** How long an opened secret is kept (5 minutes unless said). */
  readonly keepMs?: number;
  /** How many are kept at most; the oldest goes first (1,000 unless said). */
  readonly maxEntries?: number;
  readonly clock?: Clock;
}

export class OpenedSecrets {
  /** Opened (or being opened: deliveries in one batch for the same subscriber wait for one opening). */
  private readonly kept = new Map<string, { readonly secret: Promise<string | undefined>; readonly until: number }>();
  private readonly keepMs: number;
  private readonly maxEntries: number;
  private readonly clock: Clock;

  constructor(
    private readonly state: Pick<WebhookDeliveryState, 'secretOf'>,
    private readonly sealer: Pick<WebhookSecretSealer, 'open'>,
    options: OpenedSecretsOptions = {},
  ) {
    this.keepMs = options.keepMs ?? 5 * 60_000;
    this.maxEntries = options.maxEntries ?? 1_000;
    this.clock = options.clock ?? (() => new Date());
  }

  /** The subscription's secret as issued at its `secretIssuedAt`; undefined when the subscription is gone. */
  of(subscription: Pick<WebhookSubscription, 'id' | 'secretIssuedAt'>): Promise<string | undefined> {
    const key = `${subscription.id}\n${subscription.secretIssuedAt}`;
    const now = this.clock().getTime();
    const kept = this.kept.get(key);
    if (kept !== undefined && kept.until > now) return kept.secret;
    this.kept.delete(key);
    const secret = this.open(subscription.id);
    // A secret that could not be read or opened, or is gone, is not kept: the next delivery tries again.
    secret.then(
      (opened) => opened === undefined && this.forget(key, secret),
      () => this.forget(key, secret),
    );
    while (this.kept.size >= this.maxEntries) this.kept.delete(this.kept.keys().next().value!);
    // A Map iterates in insertion order: the first key is the oldest kept.
    this.kept.set(key, { secret, until: now + this.keepMs });
    return secret;
  }

  private async open(id: string): Promise<string | undefined> {
    const sealed = await this.state.secretOf(id);
    return sealed === undefined ? undefined : this.sealer.open(id, sealed);
  }

  private forget(key: string, secret: Promise<string | undefined>): void {
    if (this.kept.get(key)?.secret === secret) this.kept.delete(key);
  }
}
