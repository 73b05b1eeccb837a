/**
 * Delivering signal events to webhook subscribers, in two steps on one queue.
 *
 * Fan-out (primary course): the bus rule puts each signal event on the queue; its owners (the
 * department, the jurisdiction's office, the city's office) are looked up, and one delivery order
 * per subscription that wants it goes back on the queue. Each subscriber then has a message of
 * its own, so a subscriber that fails is retried on its own message and the others, already
 * served, are never sent the event again (no per-event bookkeeping of who got it).
 *
 * Delivery: the subscription is read again (it may have been changed, disabled or removed since),
 * the payload signed with its secret (Standard Webhooks) and POSTed; the attempt is logged (never
 * the body). A failure marks the subscriber failing (since its first failure after a success);
 * failing for the whole configured window disables it and tells its owner on the bus
 * (`WebhookSubscriptionDisabled`). Otherwise it is retried later each time, up to
 * `maxDeliveryAttempts`, then given up (logged).
 */
import { createHash, randomBytes } from 'node:crypto';
import { robotAccepted, robotMessage, robotText, signedRobotUrl } from '../../domain/webhooks/dingtalk-robot.ts';
import type { NoticeNames } from '../../domain/webhooks/measure-notice-text.ts';
import { smsText } from '../../domain/webhooks/sms-notice.ts';
import { workNoticeAccepted, workNoticeRequest, type WorkNoticeCredentials } from '../../domain/webhooks/zhezhengding-work-notice.ts';
import { signedHeaders } from '../../domain/webhooks/webhook-signature.ts';
import {
  deliveredBy,
  deliveredMarkDue,
  eventFacts,
  failedTooLong,
  ownerKey,
  ownersOfEvent,
  retryDelayAfter,
  subscriptionWants,
  type DeliveryErrorClass,
  type DeliveryLogEntry,
  type WebhookEventFacts,
  type WebhookFormat,
  type WebhookSubscription,
} from '../../domain/webhooks/webhook-subscription.ts';
import type { Clock, ReferenceReader } from '../ports.ts';
import type {
  DeliveryOrder,
  DeliveryQueue,
  WebhookDeliveryLog,
  WebhookDeliveryState,
  WebhookPayload,
  SendResult,
  SmsSender,
  WebhookSecrets,
  WebhookSender,
} from './webhook-ports.ts';

/** The detail-type of the event that tells an owner its subscription was disabled. */
export const webhookSubscriptionDisabled = 'WebhookSubscriptionDisabled';

/** An event for the bus (the deliveries' own news). */
export interface WebhookNews {
  readonly detailType: string;
  readonly occurredAt: string;
  readonly detail: unknown;
}

export interface DeliverWebhooksDependencies {
  readonly state: WebhookDeliveryState;
  /** A subscriber's secret to sign with, opened from its sealed text (kept opened by a warm sandbox). */
  readonly secrets: WebhookSecrets;
  readonly log: Pick<WebhookDeliveryLog, 'append'>;
  readonly sender: WebhookSender;
  /** The departments' names the texts for people use (DingTalk, 浙政钉, SMS). */
  readonly departments: Pick<ReferenceReader, 'department'>;
  /** Sends `sms` subscriptions' texts. */
  readonly sms: SmsSender;
  readonly queue: DeliveryQueue;
  readonly publish: (news: readonly WebhookNews[]) => Promise<void>;
  readonly clock: Clock;
  /** Hours a subscriber may fail without a success before it is disabled (`webhooks.disableAfterFailingHours`). */
  readonly disableAfterFailingHours: number;
}

/** An event as the bus rule hands it to the queue (the EventBridge envelope). */
export interface BusEvent {
  readonly 'detail-type': string;
  readonly source: string;
  readonly time: string;
  readonly detail: unknown;
}

/** The body subscribers receive: the envelope's type, source, time and detail (no account, region or bus ids). */
export const webhookPayload = (event: BusEvent): WebhookPayload => ({
  'detail-type': event['detail-type'],
  source: event.source,
  time: event.time,
  detail: event.detail,
});

/** Queues one delivery per subscription that wants the event; how many. */
export async function fanOutSignalEvent(event: BusEvent, deps: Pick<DeliverWebhooksDependencies, 'state' | 'queue'>): Promise<number> {
  const facts = eventFacts(event['detail-type'], event.detail);
  if (facts === undefined) return 0;
  const owners = ownersOfEvent(facts);
  const subscriptions = (await Promise.all(owners.map((owner) => deps.state.list(owner)))).flat();
  const orders: DeliveryOrder[] = subscriptions
    .filter((subscription) => subscriptionWants(subscription, facts))
    .map((subscription) => ({ subscriptionId: subscription.id, payload: webhookPayload(event) }));
  if (orders.length > 0) await deps.queue.enqueue(orders);
  return orders.length;
}

/** What became of one delivery order: done (delivered, given up, no longer wanted), or to be tried again after a wait. */
export type DeliveryVerdict = { readonly done: true } | { readonly done: false; readonly retryAfterSeconds: number };

const done: DeliveryVerdict = { done: true };

/** One delivery order and which attempt of it this is (1-based). */
export interface DeliveryAttempt {
  readonly order: DeliveryOrder;
  readonly attempt: number;
}

/** What became of one attempt of a batch: its verdict, or the fault of ours that stopped it (the store, KMS, the bus). */
export type AttemptOutcome = { readonly verdict: DeliveryVerdict } | { readonly fault: unknown };

/**
 * One attempt of each delivery order of a batch: their subscriptions read together, each sent,
 * the attempts logged together, then each subscription marked (delivered, failing, disabled).
 * An order's own fault fails that order only; the batch's reads or log failing fail them all
 * (every one is tried again: a subscriber may get an event twice, and ignores it by its id).
 */
export async function deliverOrders(attempts: readonly DeliveryAttempt[], deps: DeliverWebhooksDependencies): Promise<AttemptOutcome[]> {
  const subscriptions = await deps.state.getMany(attempts.map(({ order }) => order.subscriptionId));
  const sent = await Promise.all(attempts.map(({ order, attempt }) => faultOf(() => sendOnce(order, attempt, subscriptions.get(order.subscriptionId), deps))));
  await deps.log.append(sent.flatMap((outcome) => ('fault' in outcome || outcome.sent === undefined ? [] : [outcome.sent.entry])));
  return Promise.all(
    sent.map((outcome): Promise<AttemptOutcome> | AttemptOutcome =>
      'fault' in outcome ? outcome : outcome.sent === undefined ? { verdict: done } : faultOf(async () => ({ verdict: await settle(outcome.sent!, deps) })),
    ),
  );
}

/** One attempt of one delivery order (a batch of one). */
export async function deliverOrder(order: DeliveryOrder, attempt: number, deps: DeliverWebhooksDependencies): Promise<DeliveryVerdict> {
  const [outcome] = await deliverOrders([{ order, attempt }], deps);
  if (outcome === undefined || 'fault' in outcome) throw outcome?.fault;
  return outcome.verdict;
}

async function faultOf<T>(work: () => Promise<T>): Promise<T | { readonly fault: unknown }> {
  try {
    return await work();
  } catch (fault) {
    return { fault };
  }
}

/** An attempt made: what the log says of it, and what the subscription is marked with next. */
interface Sent {
  readonly subscription: WebhookSubscription;
  readonly entry: DeliveryLogEntry;
  readonly delivered: boolean;
  readonly retryAfterSeconds?: number;
}

/** Sends the order to its subscriber when it still wants it; `sent` undefined when nothing was sent. */
async function sendOnce(
  order: DeliveryOrder,
  attempt: number,
  subscription: WebhookSubscription | undefined,
  deps: DeliverWebhooksDependencies,
): Promise<{ readonly sent?: Sent }> {
  const facts = eventFacts(order.payload['detail-type'], order.payload.detail);
  // Disabled by an earlier run that could not tell its owner (the bus failed): tell it now.
  if (subscription?.disabled?.by === 'system' && subscription.disabled.toldAt === undefined && subscription.status === 'disabled') {
    await tellOwner(subscription, subscription.disabled.at, subscription.disabled.failingSince ?? subscription.disabled.at, subscription.version, deps);
    return {};
  }
  // Changed since the fan-out: removed, disabled, or no longer asking for this event.
  if (facts === undefined || subscription === undefined || !subscriptionWants(subscription, facts)) return {};
  const secret = await deps.secrets.of(subscription);
  if (secret === undefined) return {};
  const format = subscription.format ?? 'standardWebhooks';
  // A robot and 浙政钉 answer 200 even when they refuse: their JSON says whether they took it.
  const robot = format === 'dingtalkRobot' || format === 'zhezhengdingWorkNotice';
  const names = await noticeNamesOf(format, facts, deps);
  const sentAt = deps.clock();
  const result = await sendersOf[format]({ subscription, secret, facts, payload: order.payload, sentAt, names }, deps);
  const at = deps.clock().toISOString();
  const accepted = format === 'dingtalkRobot' ? robotAccepted : format === 'zhezhengdingWorkNotice' ? workNoticeAccepted : deliveredBy;
  const delivered = result.kind === 'answered' && accepted(result.statusCode, result.body);
  const retryAfterSeconds = delivered ? undefined : retryDelayAfter(attempt);
  const errorClass: DeliveryErrorClass | undefined =
    result.kind === 'failed'
      ? result.errorClass
      : delivered
        ? undefined
        : result.statusCode >= 300 && result.statusCode < 400
          ? 'redirect'
          : robot && deliveredBy(result.statusCode)
            ? 'rejected'
            : 'httpStatus';
  const entry: DeliveryLogEntry = {
    subscriptionId: subscription.id,
    at,
    eventId: facts.eventId,
    eventType: facts.eventType,
    attempt,
    outcome: delivered ? 'delivered' : retryAfterSeconds === undefined ? 'gaveUp' : 'failed',
    durationMs: Math.round(result.durationMs),
    ...(result.kind === 'answered' ? { statusCode: result.statusCode } : {}),
    ...(errorClass === undefined ? {} : { errorClass }),
  };
  return { sent: { subscription, entry, delivered, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) } };
}

/** After the attempt is logged: the subscription marked, and the verdict on the order. */
async function settle({ subscription, entry, delivered, retryAfterSeconds }: Sent, deps: DeliverWebhooksDependencies): Promise<DeliveryVerdict> {
  const at = entry.at;
  if (delivered) {
    if (deliveredMarkDue(subscription, new Date(at))) await deps.state.markDelivered(subscription.id, at);
    return done;
  }
  const failingSince = await deps.state.markFailing(subscription.id, at);
  if (failedTooLong(failingSince, new Date(at), deps.disableAfterFailingHours)) {
    await disable(subscription, at, failingSince, deps);
    return done;
  }
  return retryAfterSeconds === undefined ? done : { done: false, retryAfterSeconds };
}

/** What one attempt sends: to whom, signed with what, which event, when, and the names its text uses. */
interface Sending {
  readonly subscription: WebhookSubscription;
  /** The signing secret, or the sealed credentials or numbers of the other formats, opened. */
  readonly secret: string;
  readonly facts: WebhookEventFacts;
  readonly payload: WebhookPayload;
  readonly sentAt: Date;
  readonly names: NoticeNames;
}

/** The event JSON, signed per Standard Webhooks with the system's secret. */
function sendSigned({ subscription, secret, facts, payload, sentAt }: Sending, deps: DeliverWebhooksDependencies): Promise<SendResult> {
  const body = JSON.stringify(payload);
  return deps.sender.post(subscription.url, { 'content-type': 'application/json', ...signedHeaders(secret, facts.eventId, sentAt, body) }, body);
}

/** A Chinese text message to a DingTalk robot, its URL signed with the robot's secret. */
function sendToRobot({ subscription, secret, payload, sentAt, names }: Sending, deps: DeliverWebhooksDependencies): Promise<SendResult> {
  const body = JSON.stringify(robotMessage(payload['detail-type'], payload.detail, names));
  return deps.sender.post(signedRobotUrl(subscription.url, secret, sentAt), { 'content-type': 'application/json' }, body);
}

/** A 浙政钉 work notice in Chinese to the subscription's receivers, signed with the application's credentials (the sealed text). */
function sendWorkNotice({ subscription, secret, facts, payload, sentAt, names }: Sending, deps: DeliverWebhooksDependencies): Promise<SendResult> {
  const credentials = JSON.parse(secret) as WorkNoticeCredentials;
  // The same business message id on every attempt of an event: the platform drops a repeat.
  const bizMsgId = `${subscription.id}.${createHashOf(facts.eventId)}`;
  const nonce = `${sentAt.getTime()}${randomBytes(2).readUInt16BE() % 10_000}`;
  const request = workNoticeRequest(subscription.workNotice!, credentials, bizMsgId, robotText(payload['detail-type'], payload.detail, names), sentAt, nonce);
  return deps.sender.post(subscription.url, request.headers, request.body);
}

/** A short Chinese text to the subscription's numbers (the sealed text). */
function sendSms({ secret, payload, names }: Sending, deps: DeliverWebhooksDependencies): Promise<SendResult> {
  return deps.sms.send(JSON.parse(secret) as string[], smsText(payload['detail-type'], payload.detail, names));
}

const sendersOf: Record<WebhookFormat, (sending: Sending, deps: DeliverWebhooksDependencies) => Promise<SendResult>> = {
  standardWebhooks: sendSigned,
  dingtalkRobot: sendToRobot,
  zhezhengdingWorkNotice: sendWorkNotice,
  sms: sendSms,
};

/**
 * The names a text for people uses: the event's department's, from the city structure (cached by
 * the reader). A Standard Webhooks body is the event itself and needs none; a name that cannot be
 * read leaves the id in the text rather than holding the delivery back.
 */
async function noticeNamesOf(format: WebhookFormat, facts: WebhookEventFacts, deps: DeliverWebhooksDependencies): Promise<NoticeNames> {
  if (format === 'standardWebhooks' || facts.department === undefined) return {};
  const profile = await deps.departments.department(facts.department).catch(() => undefined);
  return profile === undefined ? {} : { department: profile.name };
}

/** 32 hex characters of SHA-256 of an event id: a business message id of bounded length. */
const createHashOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * Disables a subscriber that failed for the whole window, and tells its owner: the run that
 * disabled it, or, when the bus failed then, the next run that finds it disabled and untold.
 */
async function disable(subscription: WebhookSubscription, at: string, failingSince: string, deps: DeliverWebhooksDependencies): Promise<void> {
  const won = await deps.state.disable(subscription.id, at, failingSince);
  if (won) await tellOwner(subscription, at, failingSince, subscription.version + 1, deps);
}

/** Publishes `WebhookSubscriptionDisabled` for the disabled version, then notes it told (at least once; the event id is stable). */
async function tellOwner(
  subscription: WebhookSubscription,
  at: string,
  failingSince: string,
  disabledVersion: number,
  deps: DeliverWebhooksDependencies,
): Promise<void> {
  const owner = subscription.owner;
  await deps.publish([
    {
      detailType: webhookSubscriptionDisabled,
      occurredAt: at,
      detail: {
        version: 1,
        eventId: `${subscription.id}/disabled/${disabledVersion}`,
        subscription: {
          id: subscription.id,
          owner: ownerKey(owner),
          ...(owner.kind === 'department' ? { department: owner.department } : { jurisdiction: owner.jurisdiction }),
          failingSince,
          disabledAt: at,
          disabledAfterHours: deps.disableAfterFailingHours,
        },
      },
    },
  ]);
  await deps.state.markOwnerTold(subscription.id, deps.clock().toISOString());
}
