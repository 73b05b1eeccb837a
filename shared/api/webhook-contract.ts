/**
 * Wire contract of the webhook subscription routes (Art. 18: the system sends signals; and the
 * accountability measures of Art. 23, 24 to the departments and offices they concern); the
 * OpenAPI document is generated from these schemas. A secret appears in two answers only: the
 * creation's and a rotation's.
 */
import * as z from 'zod';
import { alertLevels } from '../domain/alerts/alert.ts';
import { maxEndpointLength } from '../domain/webhooks/webhook-endpoint.ts';
import { dingtalkSecretPattern } from '../domain/webhooks/dingtalk-robot.ts';
import { maxSmsRecipients, mobileNumberPattern } from '../domain/webhooks/sms-notice.ts';
import { webhookEventTypes, webhookFormats } from '../domain/webhooks/webhook-subscription.ts';
import { InstantView } from './instant-view.ts';

export const webhookLimits = { maxBodyBytes: 16 * 1024, maxDescription: 200, maxEventTypes: webhookEventTypes.length } as const;
export const webhookDeliveryPageLimits = { default: 20, max: 100 } as const;

const ownerWords = 'department:<部门编号> 或 jurisdiction:<辖区编号> / department:<department id> or jurisdiction:<jurisdiction id>';
/** Whose subscriptions: `department:<id>` or `jurisdiction:<id>` (the caller's own when absent). */
const Owner = z
  .string()
  .max(80)
  .regex(/^(department|jurisdiction):[a-z0-9][a-z0-9-]{1,62}$/, `应为 ${ownerWords}`)
  .meta({ description: `订阅的归属 / whose: ${ownerWords}` });

export const ListWebhooksQuery = z.strictObject({ owner: Owner.optional() });

export const WebhookUrl = z.string().max(maxEndpointLength, `至多 ${maxEndpointLength} 个字符 / at most ${maxEndpointLength} characters`).meta({
  description:
    '接收推送的 https 网址：不含用户名密码，主机为域名且只解析到公网地址 / The https URL deliveries go to: no credentials, a host name resolving to public addresses only',
});

const EventTypes = z
  .array(z.enum(webhookEventTypes as [string, ...string[]], { error: '应为 docs/events.md 列出的事件类型 / an event type of docs/events.md' }))
  .min(1, '至少一种事件类型 / at least one event type')
  .max(webhookLimits.maxEventTypes)
  .meta({
    description:
      '推送的事件类型：预警、投诉和督办信号，及问责措施的下达（AccountabilityMeasureIssued）和后续步骤（AccountabilityMeasureStepRecorded）/ the event types sent: the signals of alerts, complaints and supervision, and accountability measures issued and their steps',
  });
const MinimumLevel = z.enum(alertLevels).meta({
  description:
    '只推送该级别及以上的信号；问责措施没有级别，订阅了其事件类型即全部推送 / only signals at this level or above; accountability measures have no level: every one of a subscribed measure event type is sent',
});
const Description = z
  .string()
  .trim()
  .min(1, '必填，不能为空 / required, not empty')
  .max(webhookLimits.maxDescription, `至多 ${webhookLimits.maxDescription} 个字符 / at most ${webhookLimits.maxDescription} characters`);
const expectedVersion = z.number().int().min(1);

const Format = z.enum(webhookFormats).meta({
  description:
    'standardWebhooks（默认）：事件 JSON，按 Standard Webhooks 签名；dingtalkRobot：钉钉自定义机器人的中文文本消息，按其加签密钥签名；zhezhengdingWorkNotice：浙政钉工作通知（中文文本），按应用的 appKey/appSecret 签名；sms：发往手机号码的中文短信 / standardWebhooks (default): the event JSON signed per Standard Webhooks; dingtalkRobot: a Chinese text message to a DingTalk custom robot, signed with its own secret; zhezhengdingWorkNotice: a 浙政钉 work notice (Chinese text) signed with the application’s appKey/appSecret; sms: a short Chinese text to mobile numbers',
});

const AppCredentials = z
  .strictObject({
    appKey: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[\x21-\x7e]+$/, '应为应用的 appKey / the application’s appKey'),
    appSecret: z
      .string()
      .min(8)
      .max(256)
      .regex(/^[\x21-\x7e]+$/, '应为应用的 appSecret / the application’s appSecret'),
  })
  .meta({
    description:
      '浙政钉开放平台上本系统应用的 appKey 和 appSecret（仅 zhezhengdingWorkNotice；密封保存，不再返回）/ The application’s appKey and appSecret on the 浙政钉 open platform (zhezhengdingWorkNotice only; sealed, never answered back)',
  });

const PlatformId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '应为编号 / an id');
const WorkNoticeAudience = z
  .strictObject({
    tenantId: PlatformId.meta({ description: '租户编号 / tenant id' }),
    receiverIds: z.array(PlatformId).min(1).max(100).optional().meta({ description: '接收人 accountId / receivers’ accountIds' }),
    organizationCodes: z.array(PlatformId).min(1).max(20).optional().meta({ description: '接收组织（含下级）/ receiving organisations (and theirs)' }),
  })
  .meta({
    description:
      '浙政钉工作通知的接收方：租户，及接收人或组织至少一项（仅 zhezhengdingWorkNotice）/ Whom a 浙政钉 work notice goes to: the tenant, and receivers or organisations (zhezhengdingWorkNotice only)',
  });

const PhoneNumbers = z
  .array(z.string().regex(mobileNumberPattern, '应为 11 位手机号码 / an 11-digit mainland mobile number'))
  .min(1, '至少一个号码 / at least one number')
  .max(maxSmsRecipients, `至多 ${maxSmsRecipients} 个号码 / at most ${maxSmsRecipients} numbers`)
  .meta({
    description: `接收短信的手机号码（仅 sms；个人信息，密封保存，读取时只显示掩码）/ Mobile numbers receiving the texts (sms only; personal data: sealed, shown masked)`,
  });
const RobotSecret = z
  .string()
  .regex(dingtalkSecretPattern, '应为钉钉机器人的加签密钥（SEC 开头）/ a DingTalk robot signing secret (SEC…)')
  .meta({ description: "钉钉机器人的加签密钥（仅 dingtalkRobot；保存后不再返回）/ The robot's signing secret (dingtalkRobot only; never answered back)" });

export const CreateWebhookBody = z.strictObject({
  owner: Owner.optional(),
  /** Required but for `sms`. */
  url: WebhookUrl.optional(),
  format: Format.optional(),
  robotSecret: RobotSecret.optional(),
  appCredentials: AppCredentials.optional(),
  workNotice: WorkNoticeAudience.optional(),
  phoneNumbers: PhoneNumbers.optional(),
  eventTypes: EventTypes,
  minimumLevel: MinimumLevel.optional(),
  description: Description,
});

export const WebhookSubscriptionId = z
  .string()
  .max(140)
  .regex(/^(department|jurisdiction)\.[a-z0-9][a-z0-9-]{1,62}\.[a-z0-9]{12}$/, '应为推送订阅编号 / a webhook subscription id')
  .meta({ description: '推送订阅编号 / The subscription id, `<department|jurisdiction>.<owner id>.<12 characters>`' });

export const WebhookPath = z.strictObject({ subscription: WebhookSubscriptionId });

export const ReadWebhookQuery = z.strictObject({
  /** Clamped to 1..100 rather than refused. */
  limit: z.coerce.number().int('应为整数 / an integer').optional(),
  cursor: z
    .string()
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+$/, '应为上一页给出的游标 / an opaque cursor from a previous page')
    .optional(),
});

/** A step on a subscription, on the version the caller read. */
export const WebhookStepBody = z.discriminatedUnion('step', [
  z.strictObject({
    step: z.literal('change'),
    expectedVersion,
    url: WebhookUrl.optional(),
    eventTypes: EventTypes.optional(),
    /** `null` clears the minimum (every level). */
    minimumLevel: MinimumLevel.nullable().optional(),
    description: Description.optional(),
  }),
  z.strictObject({
    step: z.literal('rotateSecret'),
    expectedVersion,
    robotSecret: RobotSecret.optional(),
    appCredentials: AppCredentials.optional(),
    phoneNumbers: PhoneNumbers.optional(),
  }),
  z.strictObject({ step: z.literal('enable'), expectedVersion }),
  z.strictObject({ step: z.literal('disable'), expectedVersion }),
  z.strictObject({ step: z.literal('remove'), expectedVersion }),
]);

export const WebhookSubscriptionView = z.object({
  id: z.string(),
  owner: z.string().describe(ownerWords),
  url: z.string(),
  format: Format.optional(),
  workNotice: z.object({ tenantId: z.string(), receiverIds: z.array(z.string()).optional(), organizationCodes: z.array(z.string()).optional() }).optional(),
  phoneNumbers: z.array(z.string()).optional().describe('短信订阅的号码，掩码显示（138****5678）/ an SMS subscription’s numbers, masked'),
  eventTypes: z.array(z.string()),
  minimumLevel: z.enum(alertLevels).optional(),
  description: z.string(),
  status: z
    .enum(['active', 'disabled'])
    .describe('active：推送中；disabled：已停用（人为停用，或持续失败被系统停用）/ disabled by a person, or by the system after failing too long'),
  disabled: z
    .object({
      at: InstantView,
      by: z.string().describe('system 或 role:subject'),
      failingSince: InstantView.optional(),
      toldAt: InstantView.optional().describe('已向订阅方发布 WebhookSubscriptionDisabled 的时刻 / when WebhookSubscriptionDisabled was published'),
    })
    .optional(),
  version: z.number().int(),
  createdAt: InstantView,
  createdBy: z.string(),
  updatedAt: InstantView,
  secretIssuedAt: InstantView,
  failingSince: InstantView.optional().describe('自上次成功以来首次失败的时刻 / the first failure since the last success'),
  lastDeliveredAt: InstantView.optional().describe(
    '最近一次成功投递的时刻，连续投递时至多每分钟更新一次（以投递日志为准） / the last successful delivery, moved once a minute at most in a burst (the delivery log has every attempt)',
  ),
});

export const WebhookSecret = z
  .string()
  .describe('签名密钥（whsec_ 加 32 字节随机数的 base64），只在创建和轮换时给出一次 / The signing secret, shown once: at creation and at a rotation');

/** `secret` is absent but for `standardWebhooks`: a robot's or an application's credentials are their maker's, numbers are personal data. */
export const CreatedWebhookView = z.object({ subscription: WebhookSubscriptionView, secret: WebhookSecret.optional() });

export const WebhookListView = z.object({ owner: z.string(), items: z.array(WebhookSubscriptionView) });

export const WebhookDeliveryView = z.object({
  at: InstantView,
  eventId: z.string(),
  eventType: z.string(),
  attempt: z.number().int(),
  outcome: z
    .enum(['delivered', 'failed', 'gaveUp'])
    .describe('delivered 成功；failed 失败将重试；gaveUp 最后一次仍失败 / delivered; failed (retried); gaveUp (the last attempt failed)'),
  statusCode: z.number().int().optional(),
  durationMs: z.number().int(),
  errorClass: z
    .enum(['httpStatus', 'redirect', 'timeout', 'connection', 'tls', 'dns', 'addressRefused', 'rejected', 'unavailable'])
    .optional()
    .describe(
      'rejected：机器人或浙政钉拒收；unavailable：未配置短信服务商 / rejected: refused by the robot or 浙政钉; unavailable: no SMS provider configured',
    ),
});

export const WebhookDetailView = z.object({
  subscription: WebhookSubscriptionView,
  /** Newest first. */
  deliveries: z.array(WebhookDeliveryView),
  cursor: z.string().optional(),
});

export const WebhookStepView = z.object({
  /** Absent after a removal. */
  subscription: WebhookSubscriptionView.optional(),
  /** Present after a rotation only. */
  secret: WebhookSecret.optional(),
});
