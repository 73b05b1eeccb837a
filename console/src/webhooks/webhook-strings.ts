/**
 * The words of the 消息推送 pages, Chinese first and English second (the console's language
 * switch): what a subscription is, its formats, the signal and accountability measure event types it may ask for, and why a
 * delivery attempt failed. A string missing from either dictionary is a type error.
 */
import type { Language } from '../language/strings';

export type WebhookFormat = 'standardWebhooks' | 'dingtalkRobot' | 'zhezhengdingWorkNotice' | 'sms';
export type DeliveryOutcome = 'delivered' | 'failed' | 'gaveUp';
export type DeliveryErrorClass = 'httpStatus' | 'redirect' | 'timeout' | 'connection' | 'tls' | 'dns' | 'addressRefused' | 'rejected' | 'unavailable';

/** The event types a subscription may ask for (`docs/events.md`): the signals', then the accountability measures', in the order the form offers them. */
export const webhookEventTypes = [
  'AlertRaised',
  'AlertEscalated',
  'AlertDeescalated',
  'AlertRevised',
  'AlertResolved',
  'AlertWithdrawn',
  'AlertHeld',
  'AlertReleased',
  'AlertReopened',
  'AlertAcknowledged',
  'AlertResponded',
  'AlertDisputed',
  'AlertDisputeUpheld',
  'AlertDisputeRejected',
  'AlertClosed',
  'ComplaintSignalRaised',
  'SupervisionSignalRaised',
  'SupervisionCaseEscalated',
  'AccountabilityMeasureIssued',
  'AccountabilityMeasureStepRecorded',
] as const;

export interface WebhookStrings {
  readonly pageTitle: string;
  readonly ownerDepartment: (id: string) => string;
  readonly ownerOffice: (id: string) => string;
  readonly intro: string;
  readonly create: string;
  readonly refresh: string;
  readonly readFailed: string;
  readonly none: string;
  readonly columns: {
    readonly description: string;
    readonly url: string;
    readonly format: string;
    readonly eventTypes: string;
    readonly minimumLevel: string;
    readonly status: string;
    readonly version: string;
    readonly lastDelivered: string;
    readonly actions: string;
  };
  readonly anyLevel: string;
  readonly eventTypeCount: (count: number) => string;
  readonly active: string;
  readonly disabledByPerson: string;
  readonly disabledBySystem: string;
  readonly failingSince: (at: string) => string;
  readonly never: string;
  readonly deliveries: string;
  readonly disable: string;
  readonly enable: string;
  readonly rotate: string;
  readonly replaceNumbers: string;
  readonly remove: string;
  readonly confirmRemove: string;
  readonly confirmRotate: string;
  readonly confirmRotateRobot: string;
  readonly confirmRotateApp: string;
  readonly confirmRotatePhones: string;
  readonly yes: string;
  readonly no: string;
  readonly done: {
    readonly created: string;
    readonly disable: string;
    readonly enable: string;
    readonly rotateSecret: string;
    readonly remove: string;
  };
  readonly stepNames: { readonly create: string; readonly disable: string; readonly enable: string; readonly rotateSecret: string; readonly remove: string };
  readonly stale: string;
  readonly conflict: (why: string) => string;
  readonly notAllowed: (step: string) => string;
  readonly failed: (step: string, why: string) => string;
  readonly fixFields: (step: string) => string;
  readonly form: {
    readonly title: string;
    readonly url: string;
    readonly urlHelp: string;
    readonly format: string;
    readonly robotSecret: string;
    readonly robotSecretHelp: string;
    readonly appKey: string;
    readonly appSecret: string;
    readonly appHelp: string;
    readonly tenantId: string;
    readonly receiverIds: string;
    readonly organizationCodes: string;
    readonly listHelp: string;
    readonly phoneNumbers: string;
    readonly phoneHelp: string;
    readonly eventTypes: string;
    readonly minimumLevel: string;
    readonly minimumLevelHelp: string;
    readonly description: string;
    readonly submit: string;
    readonly cancel: string;
    readonly required: (what: string) => string;
  };
  readonly formats: Readonly<Record<WebhookFormat, string>>;
  readonly eventTypes: Readonly<Record<string, string>>;
  readonly secret: {
    readonly title: string;
    readonly warning: string;
    readonly detail: string;
    readonly label: string;
    readonly copy: string;
    readonly copied: string;
    readonly saved: string;
  };
  readonly detail: {
    readonly title: (description: string) => string;
    readonly back: string;
    readonly notFound: string;
    readonly notFoundDetail: (id: string) => string;
    readonly id: string;
    readonly createdAt: string;
    readonly secretIssuedAt: string;
    readonly disabledAt: string;
    readonly disabledSystem: (failingSince: string) => string;
    readonly disabledPerson: string;
    readonly phoneNumbers: string;
    readonly workNotice: (tenantId: string, receivers: string) => string;
    readonly log: string;
    readonly logNote: string;
    readonly empty: string;
    readonly at: string;
    readonly eventType: string;
    readonly eventId: string;
    readonly attempt: string;
    readonly outcome: string;
    readonly statusCode: string;
    readonly duration: string;
    readonly reason: string;
  };
  readonly outcomes: Readonly<Record<DeliveryOutcome, string>>;
  readonly errorClasses: Readonly<Record<DeliveryErrorClass, string>>;
}

const zh: WebhookStrings = {
  pageTitle: '消息推送',
  ownerDepartment: (id) => `本部门（${id}）的推送订阅`,
  ownerOffice: (id) => `本辖区监察机关（${id === 'city' ? '市级' : id}）的推送订阅`,
  intro:
    '系统把预警、投诉和督办信号，以及问责措施（责令改正、通报批评、追究责任）的下达和进展，主动推送到您登记的地址（政务办公系统、钉钉群机器人），无需轮询。',
  create: '新建订阅',
  refresh: '刷新',
  readFailed: '推送订阅读取失败',
  none: '尚无推送订阅',
  columns: {
    description: '名称',
    url: '推送地址',
    format: '格式',
    eventTypes: '信号类型',
    minimumLevel: '最低级别',
    status: '状态',
    version: '版本',
    lastDelivered: '最近送达',
    actions: '操作',
  },
  anyLevel: '全部级别',
  eventTypeCount: (count) => `${count} 种`,
  active: '推送中',
  disabledByPerson: '已停用',
  disabledBySystem: '已停用（持续失败）',
  failingSince: (at) => `自 ${at} 起推送失败`,
  never: '尚未送达',
  deliveries: '推送记录',
  disable: '停用',
  enable: '启用',
  rotate: '轮换密钥',
  replaceNumbers: '更换号码',
  remove: '删除',
  confirmRemove: '删除后不再推送，推送记录不可再查看。确定删除？',
  confirmRotate: '轮换后旧密钥立即失效，接收方须改用新密钥验签。确定轮换？',
  confirmRotateRobot: '请先在钉钉群机器人设置中重置加签密钥，再填入新密钥：',
  confirmRotateApp: '请先在浙政钉开放平台重置应用凭证，再填入新凭证：',
  confirmRotatePhones: '填入新的手机号码，替换原有号码：',
  yes: '确定',
  no: '取消',
  done: {
    created: '推送订阅已创建。',
    disable: '已停用，不再推送。',
    enable: '已启用，此前的失败已清零。',
    rotateSecret: '密钥已轮换，旧密钥已失效。',
    remove: '推送订阅已删除。',
  },
  stepNames: { create: '新建订阅', disable: '停用', enable: '启用', rotateSecret: '轮换密钥', remove: '删除' },
  stale: '操作未成功：该订阅在您读取后已被他人修改。页面已重新读取，请核对后再操作。',
  conflict: (why) => `操作未成功：${why}`,
  notAllowed: (step) => `${step}未成功：您无权管理该订阅。`,
  failed: (step, why) => `${step}未成功：${why}`,
  fixFields: (step) => `${step}未提交：请按提示修改标出的内容。`,
  form: {
    title: '新建推送订阅',
    url: '推送地址',
    urlHelp: '须为 https 地址，主机为域名且只解析到公网地址；钉钉机器人为 https://oapi.dingtalk.com/robot/send?access_token=…',
    format: '格式',
    robotSecret: '机器人加签密钥',
    robotSecretHelp: '钉钉群机器人“加签”安全设置中的密钥（SEC 开头），保存后不再显示',
    appKey: '应用 appKey',
    appSecret: '应用 appSecret',
    appHelp: '本系统在浙政钉开放平台上的应用凭证，密封保存，不再显示',
    tenantId: '租户编号（tenantId）',
    receiverIds: '接收人 accountId',
    organizationCodes: '接收组织编码',
    listHelp: '多个用逗号分隔；接收人和组织至少填一项',
    phoneNumbers: '手机号码',
    phoneHelp: '至多 5 个，用逗号分隔；属个人信息，密封保存，之后只显示掩码',
    eventTypes: '推送的信号类型',
    minimumLevel: '最低级别',
    minimumLevelHelp: '只对信号生效；问责措施没有级别，勾选其类型即全部推送',
    description: '名称',
    submit: '创建',
    cancel: '取消',
    required: (what) => `请填写${what}`,
  },
  formats: { standardWebhooks: '签名 JSON（Standard Webhooks）', dingtalkRobot: '钉钉群机器人', zhezhengdingWorkNotice: '浙政钉工作通知', sms: '短信' },
  eventTypes: {
    AlertRaised: '预警发出',
    AlertEscalated: '预警升级',
    AlertDeescalated: '预警降级',
    AlertRevised: '预警修订',
    AlertResolved: '预警自行消除',
    AlertWithdrawn: '预警撤回',
    AlertHeld: '预警暂缓',
    AlertReleased: '预警恢复',
    AlertReopened: '预警重新开启',
    AlertAcknowledged: '预警签收',
    AlertResponded: '预警答复',
    AlertDisputed: '预警申辩',
    AlertDisputeUpheld: '申辩成立',
    AlertDisputeRejected: '申辩不成立',
    AlertClosed: '预警关闭',
    ComplaintSignalRaised: '投诉办理信号',
    SupervisionSignalRaised: '督办申请信号',
    SupervisionCaseEscalated: '督办事项逾期上报',
    AccountabilityMeasureIssued: '问责措施下达',
    AccountabilityMeasureStepRecorded: '问责措施进展',
  },
  secret: {
    title: '签名密钥',
    warning: '密钥只显示这一次',
    detail: '关闭本窗口后无法再次查看。请立即复制，保存到接收系统中用于验签；遗失时只能轮换密钥。',
    label: '签名密钥',
    copy: '复制密钥',
    copied: '已复制',
    saved: '我已保存',
  },
  detail: {
    title: (description) => `推送订阅：${description}`,
    back: '返回消息推送',
    notFound: '没有该推送订阅',
    notFoundDetail: (id) => `订阅 ${id} 不存在，或不归您管理。`,
    id: '订阅编号',
    createdAt: '创建',
    secretIssuedAt: '密钥签发',
    disabledAt: '停用时间',
    disabledSystem: (failingSince) => `自 ${failingSince} 起持续推送失败，系统已停用；接收方恢复后请启用。`,
    disabledPerson: '由人员停用',
    phoneNumbers: '手机号码',
    workNotice: (tenantId, receivers) => `租户 ${tenantId}：${receivers}`,
    log: '推送记录',
    logNote: '每次推送尝试一行，最新在前；不记录推送内容和密钥。失败的推送按 5 秒至 4 小时的间隔重试，共 9 次。',
    empty: '尚无推送记录',
    at: '时间',
    eventType: '信号类型',
    eventId: '事件编号',
    attempt: '第几次',
    outcome: '结果',
    statusCode: 'HTTP 状态',
    duration: '耗时',
    reason: '失败原因',
  },
  outcomes: { delivered: '已送达', failed: '失败，将重试', gaveUp: '失败，已放弃' },
  errorClasses: {
    httpStatus: '接收方返回非 2xx 状态',
    redirect: '接收方要求重定向（不跟随）',
    timeout: '10 秒内未应答',
    connection: '无法连接接收方',
    tls: 'TLS 证书或握手失败',
    dns: '域名无法解析',
    addressRefused: '地址被拒绝：解析到内网、本机或保留地址',
    rejected: '机器人或浙政钉拒收（errcode 非 0 或 success 为 false）',
    unavailable: '未配置短信服务商，未发送',
  },
};

const en: WebhookStrings = {
  pageTitle: 'Webhooks',
  ownerDepartment: (id) => `Webhook subscriptions of your department (${id})`,
  ownerOffice: (id) => `Webhook subscriptions of your supervisor office (${id})`,
  intro:
    'The system sends alert, complaint and supervision signals, and accountability measures (orders to correct, criticisms, referrals) as they are issued and progress, to the addresses you register (an OA system, a DingTalk group robot): nobody has to poll.',
  create: 'New subscription',
  refresh: 'Refresh',
  readFailed: 'The webhook subscriptions could not be read',
  none: 'No webhook subscriptions yet',
  columns: {
    description: 'Name',
    url: 'URL',
    format: 'Format',
    eventTypes: 'Signal types',
    minimumLevel: 'Minimum level',
    status: 'Status',
    version: 'Version',
    lastDelivered: 'Last delivered',
    actions: 'Actions',
  },
  anyLevel: 'Every level',
  eventTypeCount: (count) => `${count} type${count === 1 ? '' : 's'}`,
  active: 'Active',
  disabledByPerson: 'Disabled',
  disabledBySystem: 'Disabled (kept failing)',
  failingSince: (at) => `Failing since ${at}`,
  never: 'Not yet delivered',
  deliveries: 'Deliveries',
  disable: 'Disable',
  enable: 'Enable',
  rotate: 'Rotate secret',
  replaceNumbers: 'Replace numbers',
  remove: 'Delete',
  confirmRemove: 'Nothing more is sent and its delivery log can no longer be read. Delete it?',
  confirmRotate: 'The old secret stops signing at once; the receiver must verify with the new one. Rotate?',
  confirmRotateRobot: "Reset the signing secret in the DingTalk robot's settings first, then enter the new one:",
  confirmRotateApp: 'Reset the application’s credentials on the 浙政钉 open platform first, then enter the new ones:',
  confirmRotatePhones: 'Enter the new mobile numbers, replacing the present ones:',
  yes: 'Yes',
  no: 'Cancel',
  done: {
    created: 'Subscription created.',
    disable: 'Disabled: nothing more is sent.',
    enable: 'Enabled: earlier failures are forgotten.',
    rotateSecret: 'Secret rotated; the old one no longer signs.',
    remove: 'Subscription deleted.',
  },
  stepNames: { create: 'Creating the subscription', disable: 'Disabling', enable: 'Enabling', rotateSecret: 'Rotating the secret', remove: 'Deleting' },
  stale: 'Not done: someone changed this subscription after you read it. The page has been read again; check it and try again.',
  conflict: (why) => `Not done: ${why}`,
  notAllowed: (step) => `${step} failed: you may not manage this subscription.`,
  failed: (step, why) => `${step} failed: ${why}`,
  fixFields: (step) => `${step} was not sent: correct the marked fields.`,
  form: {
    title: 'New webhook subscription',
    url: 'URL',
    urlHelp: "An https URL whose host is a name resolving to public addresses only; a DingTalk robot's is https://oapi.dingtalk.com/robot/send?access_token=…",
    format: 'Format',
    robotSecret: "Robot's signing secret",
    robotSecretHelp: "The secret of the DingTalk robot's signing (加签) setting (SEC…); never shown again",
    appKey: 'Application appKey',
    appSecret: 'Application appSecret',
    appHelp: 'This system’s credentials on the 浙政钉 open platform: sealed, never shown again',
    tenantId: 'Tenant id (tenantId)',
    receiverIds: 'Receivers’ accountIds',
    organizationCodes: 'Organisation codes',
    listHelp: 'Separated by commas; at least receivers or organisations',
    phoneNumbers: 'Mobile numbers',
    phoneHelp: 'Up to 5, separated by commas; personal data, sealed, shown masked from then on',
    eventTypes: 'Signal types sent',
    minimumLevel: 'Minimum level',
    minimumLevelHelp: 'Applies to signals only; accountability measures have no level: every one of a chosen type is sent',
    description: 'Name',
    submit: 'Create',
    cancel: 'Cancel',
    required: (what) => `${what} is required`,
  },
  formats: {
    standardWebhooks: 'Signed JSON (Standard Webhooks)',
    dingtalkRobot: 'DingTalk group robot',
    zhezhengdingWorkNotice: '浙政钉 work notice',
    sms: 'SMS',
  },
  eventTypes: {
    AlertRaised: 'Alert raised',
    AlertEscalated: 'Alert escalated',
    AlertDeescalated: 'Alert de-escalated',
    AlertRevised: 'Alert revised',
    AlertResolved: 'Alert resolved',
    AlertWithdrawn: 'Alert withdrawn',
    AlertHeld: 'Alert held',
    AlertReleased: 'Alert released',
    AlertReopened: 'Alert reopened',
    AlertAcknowledged: 'Alert acknowledged',
    AlertResponded: 'Alert responded',
    AlertDisputed: 'Alert disputed',
    AlertDisputeUpheld: 'Dispute upheld',
    AlertDisputeRejected: 'Dispute rejected',
    AlertClosed: 'Alert closed',
    ComplaintSignalRaised: 'Complaint signal',
    SupervisionSignalRaised: 'Supervision request signal',
    SupervisionCaseEscalated: 'Supervision case escalated',
    AccountabilityMeasureIssued: 'Accountability measure issued',
    AccountabilityMeasureStepRecorded: 'Accountability measure step',
  },
  secret: {
    title: 'Signing secret',
    warning: 'This secret is shown this once',
    detail:
      'Once this window is closed it cannot be shown again. Copy it now and keep it in the receiving system to verify signatures; if it is lost, rotate it.',
    label: 'Signing secret',
    copy: 'Copy secret',
    copied: 'Copied',
    saved: 'I have saved it',
  },
  detail: {
    title: (description) => `Webhook subscription: ${description}`,
    back: 'Back to webhooks',
    notFound: 'No such webhook subscription',
    notFoundDetail: (id) => `Subscription ${id} does not exist, or you do not manage it.`,
    id: 'Subscription id',
    createdAt: 'Created',
    secretIssuedAt: 'Secret issued',
    disabledAt: 'Disabled at',
    disabledSystem: (failingSince) => `Failing since ${failingSince}: disabled by the system. Enable it once the receiver works again.`,
    disabledPerson: 'Disabled by a person',
    phoneNumbers: 'Mobile numbers',
    workNotice: (tenantId, receivers) => `Tenant ${tenantId}: ${receivers}`,
    log: 'Delivery log',
    logNote: 'One line per attempt, newest first; neither the body nor the secret is kept. A failed delivery is retried 9 times, 5 s to 4 h apart.',
    empty: 'No deliveries yet',
    at: 'Time',
    eventType: 'Signal type',
    eventId: 'Event id',
    attempt: 'Attempt',
    outcome: 'Outcome',
    statusCode: 'HTTP status',
    duration: 'Duration',
    reason: 'Why it failed',
  },
  outcomes: { delivered: 'Delivered', failed: 'Failed, will retry', gaveUp: 'Failed, given up' },
  errorClasses: {
    httpStatus: 'The receiver answered a non-2xx status',
    redirect: 'The receiver redirected (never followed)',
    timeout: 'No answer within 10 s',
    connection: 'The receiver could not be reached',
    tls: 'TLS certificate or handshake failed',
    dns: 'The host name does not resolve',
    addressRefused: 'Address refused: it resolves to a private, loopback or reserved address',
    rejected: 'The robot or 浙政钉 refused it (errcode not 0, or success false)',
    unavailable: 'No SMS provider is configured: not sent',
  },
};

export const webhookStrings: Readonly<Record<Language, WebhookStrings>> = { zh, en };
