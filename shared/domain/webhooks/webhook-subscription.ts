/**
 * Webhook subscriptions (Art. 18: the system sends signals to departments): an owner — a
 * department, or a supervisor office (a jurisdiction: a district's, or the city's) — asks for
 * the signal events, and the accountability measures' events (Art. 23, 24), of chosen types, at
 * or above a level, at an HTTPS endpoint. Which events an owner receives: a department its own; a
 * district's office every event of its district; the city's office every event of the city. Pure
 * rules: who owns an event, whether a subscription wants it, when a failed delivery is tried
 * again, when a subscriber failing too long is disabled.
 */
import { accountabilityMeasureIssued, accountabilityMeasureStepRecorded } from '../accountability/accountability-measure-events.ts';
import { alertEventTypes } from '../alerts/alert-events.ts';
import { alertLevelRank, type AlertLevel } from '../alerts/alert.ts';
import { complaintSignalRaised } from '../complaints/complaint-signal-events.ts';
import { cityJurisdiction } from '../records/identifiers.ts';
import { supervisionCaseEscalated } from '../supervision-cases/supervision-signal-events.ts';
import type { WorkNoticeAudience } from './zhezhengding-work-notice.ts';

/** Every `detail-type` of the signal sources (docs/events.md): events about a signal, which has a level. */
export const signalEventTypes: readonly string[] = [...alertEventTypes, complaintSignalRaised, 'SupervisionSignalRaised', supervisionCaseEscalated];

/** The accountability measures' events (`e-supervision.accountability`): a measure has no level. */
export const measureEventTypes: readonly string[] = [accountabilityMeasureIssued, accountabilityMeasureStepRecorded];

/** The event types a subscription may ask for: the signals', then the measures' (docs/events.md). */
export const webhookEventTypes: readonly string[] = [...signalEventTypes, ...measureEventTypes];

/** Who a subscription belongs to, and whose events it receives. */
export type WebhookOwner = { readonly kind: 'department'; readonly department: string } | { readonly kind: 'jurisdiction'; readonly jurisdiction: string };

/** `department:<id>` or `jurisdiction:<id>`: the owner in keys and ids. */
export const ownerKey = (owner: WebhookOwner): string =>
  owner.kind === 'department' ? `department:${owner.department}` : `jurisdiction:${owner.jurisdiction}`;

export type WebhookStatus = 'active' | 'disabled';

/**
 * How deliveries are made: `standardWebhooks` (the event JSON, signed per Standard Webhooks with a
 * secret the system makes), `dingtalkRobot` (a Chinese text message to a DingTalk group's custom
 * robot, signed with the robot's own 加签 secret; `dingtalk-robot.ts`), `zhezhengdingWorkNotice` (a
 * 浙政钉 work notice to chosen accounts, signed with the application's credentials;
 * `zhezhengding-work-notice.ts`), or `sms` (a short Chinese text to sealed mobile numbers; `sms-notice.ts`).
 */
export const webhookFormats = ['standardWebhooks', 'dingtalkRobot', 'zhezhengdingWorkNotice', 'sms'] as const;
export type WebhookFormat = (typeof webhookFormats)[number];

export interface WebhookSubscription {
  /** `<owner kind>.<owner id>.<12 random characters>`: names its owner, so it is found without an index. */
  readonly id: string;
  readonly owner: WebhookOwner;
  readonly url: string;
  /** `standardWebhooks` when absent. */
  readonly format?: WebhookFormat;
  readonly eventTypes: readonly string[];
  /** A 浙政钉 work notice's tenant and receivers (`zhezhengdingWorkNotice` only). */
  readonly workNotice?: WorkNoticeAudience;
  /** An SMS subscription's numbers, masked (`138****5678`); the numbers themselves are sealed (`sms` only). */
  readonly phoneNumbers?: readonly string[];
  /**
   * Only signals at this level or above (signals of every level when absent). A measure has no
   * level: a subscription that asks for a measure's event type receives it whatever this is.
   */
  readonly minimumLevel?: AlertLevel;
  readonly description: string;
  readonly status: WebhookStatus;
  /**
   * Set when it was disabled: when, by whom (`system`, or a person's `role:subject`), and when the
   * system disabled it, since when its deliveries had been failing and when its owner was told
   * (`WebhookSubscriptionDisabled` published; absent until then, so a later run tells it).
   */
  readonly disabled?: { readonly at: string; readonly by: 'system' | string; readonly failingSince?: string; readonly toldAt?: string };
  /** Changes with every change a person or the system makes (optimistic concurrency). */
  readonly version: number;
  readonly createdAt: string;
  /** `role:subject` of who created it. */
  readonly createdBy: string;
  readonly updatedAt: string;
  /** When its secret was last made (creation or rotation). */
  readonly secretIssuedAt: string;
  /** The first failed delivery since its last successful one (cleared by a success). */
  readonly failingSince?: string;
  readonly lastDeliveredAt?: string;
}

const idPattern = /^(department|jurisdiction)\.([a-z0-9][a-z0-9-]{1,62})\.([a-z0-9]{12})$/;

/** A new subscription's id for `owner`, with `random` (12 lower-case letters and digits). */
export const subscriptionId = (owner: WebhookOwner, random: string): string =>
  `${owner.kind}.${owner.kind === 'department' ? owner.department : owner.jurisdiction}.${random}`;

/** The owner an id names; undefined when it is not a subscription id. */
export function ownerOfSubscriptionId(id: string): WebhookOwner | undefined {
  const match = idPattern.exec(id);
  if (!match) return undefined;
  return match[1] === 'department' ? { kind: 'department', department: match[2]! } : { kind: 'jurisdiction', jurisdiction: match[2]! };
}

/** What of an event decides who receives it: its type, its department and jurisdiction, its level (signals only). */
export interface WebhookEventFacts {
  readonly eventId: string;
  readonly eventType: string;
  readonly department?: string;
  readonly jurisdiction?: string;
  readonly level?: AlertLevel;
}

/**
 * The facts of a signal's or a measure's event as the bus carries it (`detail-type`, `detail`:
 * `detail.alert` or `detail.signal` for a signal, `detail.measure` for a measure); undefined when
 * it is neither.
 */
export function eventFacts(detailType: string, detail: unknown): WebhookEventFacts | undefined {
  if (!webhookEventTypes.includes(detailType) || typeof detail !== 'object' || detail === null) return undefined;
  const { eventId, alert, signal, measure } = detail as {
    eventId?: unknown;
    alert?: Record<string, unknown>;
    signal?: Record<string, unknown>;
    measure?: Record<string, unknown>;
  };
  const about = measureEventTypes.includes(detailType) ? measure : (alert ?? signal);
  if (typeof eventId !== 'string' || about === undefined) return undefined;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const level = text(about['level']);
  return {
    eventId,
    eventType: detailType,
    ...(text(about['department']) ? { department: text(about['department'])! } : {}),
    ...(text(about['jurisdiction']) ? { jurisdiction: text(about['jurisdiction'])! } : {}),
    ...(level !== undefined && level in alertLevelRank && !measureEventTypes.includes(detailType) ? { level: level as AlertLevel } : {}),
  };
}

/** The owners whose subscriptions receive an event: its department, its jurisdiction's office, and the city's office. */
export function ownersOfEvent(facts: WebhookEventFacts): WebhookOwner[] {
  const owners: WebhookOwner[] = [];
  if (facts.department !== undefined) owners.push({ kind: 'department', department: facts.department });
  if (facts.jurisdiction !== undefined && facts.jurisdiction !== cityJurisdiction) owners.push({ kind: 'jurisdiction', jurisdiction: facts.jurisdiction });
  owners.push({ kind: 'jurisdiction', jurisdiction: cityJurisdiction });
  return owners;
}

/**
 * Whether an active subscription asks for the event: its type, and for a signal its level when the
 * subscription sets a minimum. A measure has no level: asking for its type is asking for every one
 * (the minimum level filters the signals the same subscription asks for, not the measures).
 */
export function subscriptionWants(subscription: WebhookSubscription, facts: WebhookEventFacts): boolean {
  if (subscription.status !== 'active' || !subscription.eventTypes.includes(facts.eventType)) return false;
  if (subscription.minimumLevel === undefined || measureEventTypes.includes(facts.eventType)) return true;
  return facts.level !== undefined && alertLevelRank[facts.level] >= alertLevelRank[subscription.minimumLevel];
}

/**
 * Seconds before attempt n + 1 after attempt n failed: quick at first (a restart), then hours (an
 * outage). After the last one the event is given up for that subscriber (logged); about ten hours
 * of attempts in all. Each wait is at most SQS's 12-hour visibility limit.
 */
export const retryDelaysSeconds: readonly number[] = [5, 30, 120, 600, 1800, 3600, 3 * 3600, 4 * 3600];

/** The most attempts of one event to one subscriber. */
export const maxDeliveryAttempts = retryDelaysSeconds.length + 1;

/** The wait after failed attempt `attempt` (1-based); undefined when it was the last one. */
export const retryDelayAfter = (attempt: number): number | undefined => (attempt < maxDeliveryAttempts ? retryDelaysSeconds[attempt - 1] : undefined);

/**
 * Whether a subscriber whose deliveries have failed since `failingSince` (none before `failedAt`)
 * has failed for the whole window and is disabled.
 */
export const failedTooLong = (failingSince: string, failedAt: Date, windowHours: number): boolean =>
  failedAt.getTime() - Date.parse(failingSince) >= windowHours * 3_600_000;

/** How far behind the last delivery `lastDeliveredAt` may lag: the delivery log holds every attempt. */
export const deliveredMarkLagMs = 60_000;

/**
 * Whether a successful delivery at `at` is marked on the subscription: always when it was failing
 * (the success forgets the failures) or never delivered; otherwise once a minute at most, so a
 * burst of signals to a subscriber costs one write, not one a signal.
 */
export const deliveredMarkDue = (subscription: Pick<WebhookSubscription, 'failingSince' | 'lastDeliveredAt'>, at: Date): boolean =>
  subscription.failingSince !== undefined ||
  subscription.lastDeliveredAt === undefined ||
  at.getTime() - Date.parse(subscription.lastDeliveredAt) >= deliveredMarkLagMs;

/** What one delivery attempt came to. */
/** `gaveUp`: the last attempt failed too; the event is not sent to that subscriber again. */
export type DeliveryOutcome = 'delivered' | 'failed' | 'gaveUp';

/**
 * Why an attempt failed, without anything of the body or the answer (`rejected`: a DingTalk robot
 * answered a non-zero `errcode`, or 浙政钉 `success: false`; `unavailable`: no SMS provider is configured).
 */
export type DeliveryErrorClass = 'httpStatus' | 'redirect' | 'timeout' | 'connection' | 'tls' | 'dns' | 'addressRefused' | 'rejected' | 'unavailable';

/** The URL an SMS subscription holds: the numbers are sealed apart. */
export const smsSubscriptionUrl = 'sms:';

/** One line of a subscription's delivery log: never the body, never the secret. */
export interface DeliveryLogEntry {
  readonly subscriptionId: string;
  readonly at: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly attempt: number;
  readonly outcome: DeliveryOutcome;
  readonly statusCode?: number;
  readonly durationMs: number;
  readonly errorClass?: DeliveryErrorClass;
}

/** A 2xx answer is a delivery; anything else (redirects included: they are never followed) a failure. */
export const deliveredBy = (statusCode: number): boolean => statusCode >= 200 && statusCode < 300;
