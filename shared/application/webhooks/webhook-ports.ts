/**
 * What the webhook use cases need from the outside: the subscriptions and their secrets, the
 * delivery log, DNS, the HTTP call, the delivery queue and the bus.
 */
import type { DeliveryErrorClass, DeliveryLogEntry, WebhookOwner, WebhookSubscription } from '../../domain/webhooks/webhook-subscription.ts';
import { VersionChanged } from '../store-refusals.ts';

/** The subscription changed (or was removed) since the caller read it. */
export class WebhookSubscriptionVersionChanged extends VersionChanged {}

/** The subscriptions as their owners manage them. */
export interface WebhookSubscriptionStore {
  /** An owner's subscriptions, oldest first (an owner has a handful). */
  list(owner: WebhookOwner): Promise<readonly WebhookSubscription[]>;
  get(id: string): Promise<WebhookSubscription | undefined>;
  /** Stores a new subscription and its sealed secret together. */
  create(subscription: WebhookSubscription, sealedSecret: string): Promise<void>;
  /**
   * Stores what a person changed (address, filters, description, status) on the version read,
   * leaving the deliveries' marks alone unless `forgetFailures` (an enabling);
   * `WebhookSubscriptionVersionChanged` otherwise. A new sealed `secret` is stored with it (a rotation).
   */
  change(subscription: WebhookSubscription, expectedVersion: number, options?: { readonly secret?: string; readonly forgetFailures?: boolean }): Promise<void>;
  /** Removes a subscription and its secret, on the version read. */
  remove(subscription: WebhookSubscription, expectedVersion: number): Promise<void>;
}

/** What the deliveries read and mark. */
export interface WebhookDeliveryState {
  /** The subscriptions of these ids that exist (a batch of deliveries reads them together). */
  getMany(ids: readonly string[]): Promise<ReadonlyMap<string, WebhookSubscription>>;
  list(owner: WebhookOwner): Promise<readonly WebhookSubscription[]>;
  /** The sealed signing secret; undefined when the subscription is gone. */
  secretOf(id: string): Promise<string | undefined>;
  /** A success: failures forgotten. */
  markDelivered(id: string, at: string): Promise<void>;
  /** A failure: returns since when the subscriber has been failing (this failure's instant when it is the first). */
  markFailing(id: string, at: string): Promise<string>;
  /** Disables an active subscription (its version moves on); false when it was not active any more (someone else did it). */
  disable(id: string, at: string, failingSince: string): Promise<boolean>;
  /** Notes that the owner of a subscription the system disabled was told; nothing when it is no longer disabled. */
  markOwnerTold(id: string, at: string): Promise<void>;
}

/**
 * Seals a subscriber's signing secret before it is stored, and opens it to sign: the sealed text
 * is what the store holds, bound to its subscription (it does not open for another).
 */
export interface WebhookSecretSealer {
  seal(subscriptionId: string, secret: string): Promise<string>;
  open(subscriptionId: string, sealed: string): Promise<string>;
}

/** A subscriber's secret to sign with, as issued at its `secretIssuedAt`; undefined when the subscription is gone. */
export interface WebhookSecrets {
  of(subscription: Pick<WebhookSubscription, 'id' | 'secretIssuedAt'>): Promise<string | undefined>;
}

/** The delivery log of each subscription. */
export interface WebhookDeliveryLog {
  /** Appends a batch of deliveries' entries together. */
  append(entries: readonly DeliveryLogEntry[]): Promise<void>;
  /** Newest first; `cursor` from the previous page. */
  page(subscriptionId: string, limit: number, cursor?: string): Promise<{ readonly items: readonly DeliveryLogEntry[]; readonly cursor?: string }>;
}

/** The addresses a host name resolves to (all of them); none when it does not resolve. */
export interface HostResolver {
  addressesOf(host: string): Promise<readonly string[]>;
}

/** What an HTTP call came to: an answer (its status only), or no answer. */
export type SendResult =
  | {
      readonly kind: 'answered';
      readonly statusCode: number;
      readonly durationMs: number;
      /** The answer's first 4 KiB (a robot's `errcode`); read, never logged or stored. */
      readonly body?: string;
    }
  | { readonly kind: 'failed'; readonly errorClass: DeliveryErrorClass; readonly durationMs: number };

/** POSTs a signed body to an endpoint: 10 s at most, no redirect followed, only to allowed addresses (checked when connecting). */
export interface WebhookSender {
  post(url: string, headers: Readonly<Record<string, string>>, body: string): Promise<SendResult>;
}

/**
 * Sends one short text to mobile numbers (`sms` subscriptions): a provider's API in China once one
 * is configured; until then a local sink under the local runtime, and `unavailable` in a deployment.
 * Never logs the numbers or the text.
 */
export interface SmsSender {
  send(phoneNumbers: readonly string[], text: string): Promise<SendResult>;
}

/** One delivery to do: an event for one subscriber (the fan-out's messages). */
export interface DeliveryOrder {
  readonly subscriptionId: string;
  /** The event as delivered to subscribers (see {@link webhookPayload}). */
  readonly payload: WebhookPayload;
}

/** Puts deliveries on the delivery queue. */
export interface DeliveryQueue {
  enqueue(orders: readonly DeliveryOrder[]): Promise<void>;
}

/** The body a subscriber receives: the bus event without the account, region and resources. */
export interface WebhookPayload {
  readonly 'detail-type': string;
  readonly source: string;
  readonly time: string;
  readonly detail: unknown;
}
