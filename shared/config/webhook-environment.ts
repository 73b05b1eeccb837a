/**
 * What the webhook functions read at cold start: the delivery queue, the bus, the failure window
 * of the deployment configuration (`webhooks.disableAfterFailingHours`), and whether loopback
 * endpoints are allowed (`refused`, set by the stack in every deployment; `allowed` only by the
 * local runtime's switch).
 */
import * as z from 'zod';
import { environmentNames } from '../topology.ts';
import { numberFromEnvironment, required, settingRules } from './setting-rules.ts';

const tableName = z.string().min(3).max(255);

/** `refused` or `allowed`: never defaulted, so a function the stack forgot to set stops at cold start. */
export const WebhookLoopbackEnvironment = z.object({
  [environmentNames.webhookLoopbackTargets]: z.enum(['refused', 'allowed']),
});

/** The key that seals subscribers' secrets (the console API seals with it, the deliveries open). */
export const WebhookSecretKeyEnvironment = z.object({
  [environmentNames.webhookSecretKey]: z.string().regex(/^arn:aws(-cn)?:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/, 'a KMS key ARN'),
});

/** The failure window, as the stack sets it from the configuration. */
export const WebhookDeliverySettingsEnvironment = z.object({
  [environmentNames.settings.webhookDisableAfterFailingHours]: numberFromEnvironment(required(settingRules.webhooks.disableAfterFailingHours)),
});

/** Where SMS texts go: `unavailable` (every deployment, until a provider is configured), or the local runtime's sink file. */
export const SmsSinkEnvironment = z.object({
  [environmentNames.smsSink]: z.union([z.literal('unavailable'), z.string().regex(/^\/.*\.jsonl$/, 'the absolute path of a .jsonl file')]),
});

/** The delivery function: subscriptions and their log, its queue, the bus, the window, the loopback switch, the SMS sink. */
export const WebhookDeliveryEnvironment = z.object({
  [environmentNames.tables.reference]: tableName,
  [environmentNames.queues.webhooks]: z.url(),
  [environmentNames.alertEventBus]: z.string().min(1).max(256),
  ...WebhookDeliverySettingsEnvironment.shape,
  ...WebhookLoopbackEnvironment.shape,
  ...WebhookSecretKeyEnvironment.shape,
  ...SmsSinkEnvironment.shape,
});
