/**
 * Webhook subscriptions, managed by their owners: a department's liaison its department's, a
 * supervisor its office's (a district supervisor its district's, the city supervisor the city's).
 * Create: the address is checked (`checkEndpointUrl`, then every address its host resolves to),
 * a secret is made and answered this once, the subscription stored as version 1 with its secret
 * sealed beside it (under a key the console API can encrypt with, never decrypt; in a partition it
 * can write but never read), audited. Steps on a stored
 * one (change, rotate the secret, enable, disable, remove) check the version the caller read (409
 * on a stale one), are stored on it and audited. Another owner's subscription answers as not
 * found; naming another owner in a listing or a creation is refused (403).
 */
import { randomBytes } from 'node:crypto';
import type { StaffPrincipal } from '../../access/principal.ts';
import { NotYourDepartment, OutsideJurisdiction, RoleNotPermitted } from '../../domain/access-refusals.ts';
import type { AlertLevel } from '../../domain/alerts/alert.ts';
import type { Bilingual } from '../../domain/bilingual.ts';
import { InvalidInput, invalidRequest, Refusal } from '../../domain/refusal.ts';
import { dingtalkRobotHost, isDingtalkRobotUrl } from '../../domain/webhooks/dingtalk-robot.ts';
import { maskedMobileNumber } from '../../domain/webhooks/sms-notice.ts';
import {
  isWorkNoticeUrl,
  workNoticeHosts,
  workNoticePath,
  type WorkNoticeAudience,
  type WorkNoticeCredentials,
} from '../../domain/webhooks/zhezhengding-work-notice.ts';
import { checkEndpointUrl, classifyAddress, refusedAddresses, type LoopbackTargets } from '../../domain/webhooks/webhook-endpoint.ts';
import { newWebhookSecret } from '../../domain/webhooks/webhook-signature.ts';
import {
  ownerKey,
  ownerOfSubscriptionId,
  smsSubscriptionUrl,
  subscriptionId,
  type DeliveryLogEntry,
  type WebhookFormat,
  type WebhookOwner,
  type WebhookSubscription,
} from '../../domain/webhooks/webhook-subscription.ts';
import type { AuditLog, Clock } from '../ports.ts';
import {
  WebhookSubscriptionVersionChanged,
  type HostResolver,
  type WebhookDeliveryLog,
  type WebhookSecretSealer,
  type WebhookSubscriptionStore,
} from './webhook-ports.ts';

export interface ManageWebhooksDependencies {
  readonly store: WebhookSubscriptionStore;
  /** Seals a new secret before it is stored (the console API can seal, never open). */
  readonly secrets: Pick<WebhookSecretSealer, 'seal'>;
  readonly deliveries: Pick<WebhookDeliveryLog, 'page'>;
  readonly resolver: HostResolver;
  /** `refused` in every deployment; `allowed` only under the local runtime's switch. */
  readonly loopback: LoopbackTargets;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/** Subscriptions an owner may hold at once: enough for an OA system, a duty phone gateway and a test endpoint. */
export const maxSubscriptionsPerOwner = 10;

/** The credentials a format names itself (the system makes a Standard Webhooks secret): sealed, never answered back. */
export interface FormatCredentials {
  /** A DingTalk robot's own 加签 secret (`dingtalkRobot` only). */
  readonly robotSecret?: string;
  /** The 浙政钉 application's key and secret (`zhezhengdingWorkNotice` only). */
  readonly appCredentials?: WorkNoticeCredentials;
  /** Mainland mobile numbers (`sms` only): personal data, sealed, shown masked. */
  readonly phoneNumbers?: readonly string[];
}

/** What a creation or a change names. */
export interface WebhookSubscriptionFields extends FormatCredentials {
  /** Absent for `sms` only. */
  readonly url?: string;
  /** `standardWebhooks` when absent. */
  readonly format?: WebhookFormat;
  /** Whom a 浙政钉 work notice goes to (`zhezhengdingWorkNotice` only). */
  readonly workNotice?: WorkNoticeAudience;
  readonly eventTypes: readonly string[];
  readonly minimumLevel?: AlertLevel;
  readonly description: string;
}

/** A step on a stored subscription, on the version the caller read. */
export type WebhookSubscriptionStep = { readonly expectedVersion: number } & (
  | ({ readonly step: 'change' } & Partial<Pick<WebhookSubscriptionFields, 'url' | 'eventTypes' | 'description'>> & {
        readonly minimumLevel?: AlertLevel | null;
      })
  | ({ readonly step: 'rotateSecret' } & FormatCredentials)
  | { readonly step: 'enable' | 'disable' | 'remove' }
);

/** No such subscription, or another owner's: answered alike. */
export class WebhookSubscriptionNotFound extends OutsideJurisdiction {}

/** The owner holds as many subscriptions as allowed. */
export class TooManyWebhookSubscriptions extends Refusal {
  readonly kind = 'conflicting';
  readonly slug = 'action-not-allowed';
}

/** The address is not one the system delivers to (scheme, credentials, host, the addresses it resolves to). */
export class WebhookEndpointRefused extends InvalidInput {
  constructor(pointer: string, reason: Bilingual) {
    super(invalidRequest, { zh: `网址不可用：${reason.zh}`, en: `The URL cannot be used: ${reason.en}.` }, [{ pointer, detail: reason }]);
  }
}

const actorOf = (principal: StaffPrincipal): string => `${principal.role}:${principal.subject}`;
const targetOf = (id: string): string => `webhook:${id}`;

/** The owner a caller manages by default: a liaison's department, a supervisor's office. */
export function ownOwner(principal: StaffPrincipal): WebhookOwner {
  if (principal.role === 'departmentLiaison' && principal.department !== undefined) return { kind: 'department', department: principal.department };
  if (principal.role === 'citySupervisor' || principal.role === 'districtSupervisor') return { kind: 'jurisdiction', jurisdiction: principal.jurisdiction };
  throw new RoleNotPermitted({ zh: '该角色无权管理推送订阅', en: 'Role not allowed to manage webhook subscriptions' });
}

const mayManage = (principal: StaffPrincipal, owner: WebhookOwner): boolean => {
  const own = ownOwner(principal);
  return ownerKey(own) === ownerKey(owner);
};

/** `department:<id>` or `jurisdiction:<id>` as a caller writes it. */
export function parseOwner(text: string, pointer: string): WebhookOwner {
  const match = /^(department|jurisdiction):([a-z0-9][a-z0-9-]{1,62})$/.exec(text);
  if (!match) {
    throw new InvalidInput(invalidRequest, undefined, [
      { pointer, detail: { zh: '应为 department:<部门> 或 jurisdiction:<辖区>', en: 'department:<department> or jurisdiction:<jurisdiction>' } },
    ]);
  }
  return match[1] === 'department' ? { kind: 'department', department: match[2]! } : { kind: 'jurisdiction', jurisdiction: match[2]! };
}

/** The owner a listing or creation names, if the caller manages it; 403 otherwise. */
function requireManaged(principal: StaffPrincipal, owner: WebhookOwner | undefined): WebhookOwner {
  const own = ownOwner(principal);
  if (owner === undefined || ownerKey(owner) === ownerKey(own)) return own;
  throw new NotYourDepartment(
    { zh: '只能管理本部门或本辖区的推送订阅', en: "Only your own department's or office's webhook subscriptions" },
    { zh: `您管理的是 ${ownerKey(own)} 的订阅。`, en: `You manage the subscriptions of ${ownerKey(own)}.` },
  );
}

/** Checks an address as it will be called: the rules of the URL (a robot's: DingTalk's robot API), then every address its host resolves to. */
export async function checkEndpoint(
  url: string,
  pointer: string,
  deps: Pick<ManageWebhooksDependencies, 'resolver' | 'loopback'>,
  format: WebhookFormat = 'standardWebhooks',
): Promise<void> {
  const verdict = checkEndpointUrl(url, deps.loopback);
  if (!verdict.ok) throw new WebhookEndpointRefused(pointer, verdict.reason);
  // Under the local switch a test robot on this machine stands in for DingTalk's API.
  const testRobot = deps.loopback === 'allowed' && (verdict.endpoint.host === 'localhost' || classifyAddress(verdict.endpoint.host) === 'loopback');
  if (format === 'dingtalkRobot' && !testRobot && !isDingtalkRobotUrl(verdict.endpoint.url)) {
    throw new WebhookEndpointRefused(pointer, {
      zh: `钉钉机器人地址应为 https://${dingtalkRobotHost}/robot/send?access_token=…`,
      en: `a DingTalk robot's URL is https://${dingtalkRobotHost}/robot/send?access_token=…`,
    });
  }
  if (format === 'zhezhengdingWorkNotice' && !testRobot && !isWorkNoticeUrl(verdict.endpoint.url)) {
    const urls = workNoticeHosts.map((host) => `https://${host}${workNoticePath}`).join(' 或 ');
    throw new WebhookEndpointRefused(pointer, { zh: `浙政钉工作通知地址应为 ${urls}`, en: `a 浙政钉 work notice URL is ${urls.replace(' 或 ', ' or ')}` });
  }
  const addresses = verdict.endpoint.literal ? [verdict.endpoint.host] : await deps.resolver.addressesOf(verdict.endpoint.host);
  const refused = refusedAddresses(addresses, deps.loopback);
  if (refused !== undefined) throw new WebhookEndpointRefused(pointer, refused);
}

const notFound = (id: string): WebhookSubscriptionNotFound =>
  new WebhookSubscriptionNotFound(
    { zh: '推送订阅不存在', en: 'Webhook subscription not found' },
    { zh: `您管理的订阅中没有 ${id}。`, en: `No subscription ${id} among those you manage.` },
  );

/** A stored subscription the caller manages; not found otherwise. */
async function managed(principal: StaffPrincipal, id: string, store: WebhookSubscriptionStore): Promise<WebhookSubscription> {
  const owner = ownerOfSubscriptionId(id);
  if (owner === undefined || !mayManage(principal, owner)) throw notFound(id);
  const subscription = await store.get(id);
  if (subscription === undefined) throw notFound(id);
  return subscription;
}

export async function listWebhookSubscriptions(
  principal: StaffPrincipal,
  owner: WebhookOwner | undefined,
  deps: Pick<ManageWebhooksDependencies, 'store'>,
): Promise<{ readonly owner: WebhookOwner; readonly items: readonly WebhookSubscription[] }> {
  const listed = requireManaged(principal, owner);
  return { owner: listed, items: await deps.store.list(listed) };
}

/** A new subscription, with its secret: the only time the secret is told. */
export async function createWebhookSubscription(
  principal: StaffPrincipal,
  request: WebhookSubscriptionFields & { readonly owner?: WebhookOwner },
  deps: ManageWebhooksDependencies,
): Promise<{ readonly subscription: WebhookSubscription; readonly secret?: string }> {
  const owner = requireManaged(principal, request.owner);
  const format = request.format ?? 'standardWebhooks';
  requireCredentialsOfFormat(format, request);
  requireAudienceExactlyForWorkNotices(format, request.workNotice);
  if (format === 'sms') {
    if (request.url !== undefined) throw fieldRefused('/url', '短信订阅不填网址', 'an SMS subscription names no URL');
  } else if (request.url === undefined) throw fieldRefused('/url', '必填', 'required');
  else await checkEndpoint(request.url, '/url', deps, format);
  const existing = await deps.store.list(owner);
  if (existing.length >= maxSubscriptionsPerOwner) {
    throw new TooManyWebhookSubscriptions(
      { zh: '推送订阅数已达上限', en: 'Too many webhook subscriptions' },
      { zh: `每个部门或辖区最多 ${maxSubscriptionsPerOwner} 个订阅；请先删除不用的。`, en: `At most ${maxSubscriptionsPerOwner} per owner: remove one first.` },
    );
  }
  const now = deps.clock().toISOString();
  const subscription: WebhookSubscription = {
    id: subscriptionId(owner, randomIdPart()),
    owner,
    url: request.url ?? smsSubscriptionUrl,
    ...(format === 'standardWebhooks' ? {} : { format }),
    ...(request.workNotice === undefined ? {} : { workNotice: request.workNotice }),
    ...(request.phoneNumbers === undefined ? {} : { phoneNumbers: request.phoneNumbers.map(maskedMobileNumber) }),
    eventTypes: [...new Set(request.eventTypes)],
    ...(request.minimumLevel === undefined ? {} : { minimumLevel: request.minimumLevel }),
    description: request.description,
    status: 'active',
    version: 1,
    createdAt: now,
    createdBy: actorOf(principal),
    updatedAt: now,
    secretIssuedAt: now,
  };
  const secret = sealedTextOf(format, request);
  await deps.store.create(subscription, await deps.secrets.seal(subscription.id, secret));
  await deps.audit.append({ action: 'webhook.create', outcome: 'allowed', actor: actorOf(principal), target: targetOf(subscription.id) });
  // Only the secret the system made is answered: a robot's or an application's credentials are their maker's, numbers are personal data.
  return { subscription, ...(format === 'standardWebhooks' ? { secret } : {}) };
}

/** A subscription and a page of its delivery log, newest first. */
export async function readWebhookSubscription(
  principal: StaffPrincipal,
  id: string,
  page: { readonly limit: number; readonly cursor?: string },
  deps: Pick<ManageWebhooksDependencies, 'store' | 'deliveries'>,
): Promise<{ readonly subscription: WebhookSubscription; readonly deliveries: readonly DeliveryLogEntry[]; readonly cursor?: string }> {
  const subscription = await managed(principal, id, deps.store);
  const deliveries = await deps.deliveries.page(id, page.limit, page.cursor);
  return { subscription, deliveries: deliveries.items, ...(deliveries.cursor === undefined ? {} : { cursor: deliveries.cursor }) };
}

/** The subscription after the step, and the new secret when the step rotated it; none after a removal. */
export async function takeWebhookSubscriptionStep(
  principal: StaffPrincipal,
  id: string,
  step: WebhookSubscriptionStep,
  deps: ManageWebhooksDependencies,
): Promise<{ readonly subscription?: WebhookSubscription; readonly secret?: string }> {
  const stored = await managed(principal, id, deps.store);
  if (stored.version !== step.expectedVersion) {
    throw new WebhookSubscriptionVersionChanged(
      { zh: '推送订阅在您读取后已被修改', en: 'The subscription changed since you read it' },
      { zh: `当前版本为 ${stored.version}；请重新读取。`, en: `It is at version ${stored.version} now: read it again.` },
    );
  }
  const audit = (action: string) => deps.audit.append({ action: `webhook.${action}`, outcome: 'allowed', actor: actorOf(principal), target: targetOf(id) });
  if (step.step === 'remove') {
    await deps.store.remove(stored, step.expectedVersion);
    await audit('remove');
    return {};
  }
  const now = deps.clock().toISOString();
  const moved = { ...stored, version: stored.version + 1, updatedAt: now };
  let next: WebhookSubscription;
  let secret: string | undefined;
  switch (step.step) {
    case 'change': {
      if (step.url !== undefined && stored.format === 'sms') throw fieldRefused('/url', '短信订阅不填网址', 'an SMS subscription names no URL');
      if (step.url !== undefined) await checkEndpoint(step.url, '/url', deps, stored.format);
      const { minimumLevel: _dropped, ...rest } = moved;
      const minimumLevel = step.minimumLevel === undefined ? stored.minimumLevel : (step.minimumLevel ?? undefined);
      next = {
        ...rest,
        ...(step.url === undefined ? {} : { url: step.url }),
        ...(step.eventTypes === undefined ? {} : { eventTypes: [...new Set(step.eventTypes)] }),
        ...(step.description === undefined ? {} : { description: step.description }),
        ...(minimumLevel === undefined ? {} : { minimumLevel }),
      };
      break;
    }
    case 'rotateSecret': {
      const format = stored.format ?? 'standardWebhooks';
      requireCredentialsOfFormat(format, step);
      secret = sealedTextOf(format, step);
      const { phoneNumbers: _numbers, ...rest } = moved;
      next = { ...rest, secretIssuedAt: now, ...(step.phoneNumbers === undefined ? {} : { phoneNumbers: step.phoneNumbers.map(maskedMobileNumber) }) };
      break;
    }
    case 'enable': {
      // Enabled again from scratch: the failures that disabled it are forgotten.
      const { disabled: _disabled, failingSince: _failing, ...rest } = moved;
      next = { ...rest, status: 'active' };
      break;
    }
    case 'disable':
      next = { ...moved, status: 'disabled', disabled: { at: now, by: actorOf(principal) } };
      break;
  }
  const sealed = secret === undefined ? undefined : await deps.secrets.seal(id, secret);
  await deps.store.change(next, step.expectedVersion, { ...(sealed === undefined ? {} : { secret: sealed }), forgetFailures: step.step === 'enable' });
  await audit(step.step);
  return { subscription: next, ...(secret === undefined || (stored.format ?? 'standardWebhooks') !== 'standardWebhooks' ? {} : { secret }) };
}

/** A 400 naming one field. */
const fieldRefused = (pointer: string, zh: string, en: string): InvalidInput => new InvalidInput(invalidRequest, undefined, [{ pointer, detail: { zh, en } }]);

/** What is sealed for a subscription: the secret it signs with, the application's credentials, or the numbers. */
function sealedTextOf(format: WebhookFormat, given: FormatCredentials): string {
  switch (format) {
    case 'standardWebhooks':
      return newWebhookSecret();
    case 'dingtalkRobot':
      return given.robotSecret!;
    case 'zhezhengdingWorkNotice':
      return JSON.stringify({ appKey: given.appCredentials!.appKey, appSecret: given.appCredentials!.appSecret });
    case 'sms':
      return JSON.stringify([...new Set(given.phoneNumbers!)]);
  }
}

/** Which credential field each format names (the system makes a Standard Webhooks secret itself). */
const credentialOf: Record<WebhookFormat, keyof FormatCredentials | undefined> = {
  standardWebhooks: undefined,
  dingtalkRobot: 'robotSecret',
  zhezhengdingWorkNotice: 'appCredentials',
  sms: 'phoneNumbers',
};

const credentialWords: Record<keyof FormatCredentials, { zh: string; en: string; format: string }> = {
  robotSecret: { zh: '钉钉机器人须给出其加签密钥（SEC 开头）', en: 'a DingTalk robot needs its signing secret (SEC…)', format: 'dingtalkRobot' },
  appCredentials: {
    zh: '浙政钉工作通知须给出应用的 appKey 和 appSecret',
    en: 'a 浙政钉 work notice needs the application’s appKey and appSecret',
    format: 'zhezhengdingWorkNotice',
  },
  phoneNumbers: { zh: '短信订阅须给出手机号码', en: 'an SMS subscription needs mobile numbers', format: 'sms' },
};

/** A subscription names the credentials of its format (creation, rotation), and no other's. */
function requireCredentialsOfFormat(format: WebhookFormat, given: FormatCredentials): void {
  const needed = credentialOf[format];
  if (needed !== undefined && given[needed] === undefined) {
    throw fieldRefused(`/${needed}`, credentialWords[needed].zh, credentialWords[needed].en);
  }
  for (const field of Object.keys(credentialWords) as (keyof FormatCredentials)[]) {
    if (field !== needed && given[field] !== undefined) {
      throw fieldRefused(`/${field}`, `只有 ${credentialWords[field].format} 订阅给出该项`, `only a ${credentialWords[field].format} subscription names it`);
    }
  }
}

/** A work notice names its tenant and receivers; no other format does. */
function requireAudienceExactlyForWorkNotices(format: WebhookFormat, audience: WorkNoticeAudience | undefined): void {
  if (format === 'zhezhengdingWorkNotice' && audience === undefined)
    throw fieldRefused('/workNotice', '须给出租户和接收人', 'the tenant and receivers are required');
  if (format !== 'zhezhengdingWorkNotice' && audience !== undefined) {
    throw fieldRefused('/workNotice', '只有浙政钉工作通知订阅给出该项', 'only a zhezhengdingWorkNotice subscription names it');
  }
  if (audience !== undefined && !audience.receiverIds?.length && !audience.organizationCodes?.length) {
    throw fieldRefused('/workNotice', '至少给出一个接收人（receiverIds）或组织（organizationCodes）', 'at least one of receiverIds or organizationCodes');
  }
}

/** 12 lower-case letters and digits (60 bits): ids are not secrets, only unique. */
function randomIdPart(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(12)].map((byte) => alphabet[byte % alphabet.length]).join('');
}
