/**
 * The system's topology, declared once. The CDK stacks (`infra/cdk`) and the local runtime
 * (`infra/local`) both build from these lists, so a route, queue or schedule cannot exist in
 * one runtime and not the other. No AWS imports here: this is data.
 */

/** Logical names of the tables; their key design lives in `shared/tables.ts`. */
export type TableName = 'cases' | 'reference' | 'audit' | 'oversight' | 'security';

/** Logical names of the queues. */
export type QueueName = 'records' | 'webhooks';

/** Who may call a route. */
export type RouteAuth =
  /** A department's business system, SigV4-signed with its own IAM identity. */
  | 'department'
  /** Staff with an OIDC JWT from the city's identity provider, checked by the authorizer. */
  | 'staff'
  /** Anyone: published information only. */
  | 'public';

/** DynamoDB item actions a function may be granted (a transaction is authorized per item as one of these). */
export type ItemAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheckItem' | 'BatchWriteItem';

/** Item actions that change a table (they need the table key's data-key use, not only its decryption). */
export const writingItemActions: readonly ItemAction[] = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];

/**
 * What a function may do on one table: exactly the item actions its code performs, the indexes
 * it queries, and — where a key prefix bounds what it touches — the partition keys it may touch
 * (`dynamodb:LeadingKeys`). The whole-run test compares these with what the code uses.
 */
export interface TableGrant {
  readonly actions: readonly ItemAction[];
  /** Indexes it queries (Query on each). */
  readonly indexes?: readonly string[];
  /** Patterns of the partition keys it may touch, e.g. `AUDIT#*` (IAM `StringLike`). */
  readonly leadingKeys?: readonly string[];
}

/** The audit store's one grant: add an entry under the audit partitions, nothing else (security.md). */
const appendToAudit: TableGrant = { actions: ['PutItem'], leadingKeys: ['AUDIT#*'] };
/**
 * The security events' one grant for the functions that raise them: add an event under the event
 * partitions of the security table, nothing else (read only by the security API). With it, a
 * function's observability (`createObservability`) sends its events to the store as well as the log.
 */
export const raiseSecurityEvents: TableGrant = { actions: ['PutItem'], leadingKeys: ['EVENTS#*'] };
/**
 * Whether a function holds {@link raiseSecurityEvents} (its events then go to the security
 * administrator's store besides its log). Looked up by name, so a function learns it from the
 * topology, not by probing its environment.
 */
export const raisesSecurityEvents = (functionName: string): boolean => {
  const security = (functions as readonly FunctionSpec[]).find((spec) => spec.name === functionName)?.tables.security;
  return security !== undefined && ('actions' in security ? [security] : (security as readonly TableGrant[])).includes(raiseSecurityEvents);
};
/** Looking up reference data: department and jurisdiction profiles, matters, calendar years, record kinds. */
const readReference: TableGrant = { actions: ['GetItem', 'Query'] };
/**
 * Adding a change of a complaint, a supervision case or a person's action on a signal to the
 * statistics aggregates (Art. 20) in its own transaction: counters added to under the `STATS#`
 * partitions of the cases table, nothing read.
 */
const addToStatistics: TableGrant = { actions: ['UpdateItem'], leadingKeys: ['STATS#*'] };

/** Groups of deployment settings a function may read (sections of the deployment configuration). */
export type SettingGroup =
  | 'escalation'
  | 'feedStaleness'
  | 'connectionHealth'
  | 'reporting'
  | 'accountability'
  | 'complaintClocks'
  | 'supervisionClocks'
  | 'classifiedMarkers'
  | 'staffAccess'
  | 'personalDataKeys'
  | 'auditSealing'
  | 'webhookDelivery';

/**
 * What a function does with the audit trail's sealed digests (beyond the audit table, which its
 * `tables` grant covers): `seal` writes new digests (never overwrites, never deletes) and signs
 * them with the audit signing key; `read` reads digests and the signing key's public key to
 * verify them. Drives its grants on the digest bucket and the signing key.
 */
export type AuditTrailAccess = 'seal' | 'read';

/** A Lambda function: its folder under `functions/` and what it may touch. */
export interface FunctionSpec {
  /** Folder name under `functions/`; the handler is `functions/<name>/handler.ts`, export `handler`. */
  readonly name: string;
  readonly description: string;
  /** Tables and what it may do on each (least privilege: these are its IAM grants). */
  readonly tables: Partial<Record<TableName, TableGrant | readonly TableGrant[]>>;
  /** Queues the function sends to. */
  readonly sendsTo: readonly QueueName[];
  /**
   * Publishes events to the event bus (and relays its table's outbox): alert events, and the
   * signals of complaints and supervision requests and cases. Grants `events:PutEvents` on the
   * bus and sets its name in the environment.
   */
  readonly publishesSignalEvents?: boolean;
  /**
   * Complainants' personal data: `seal` encrypts new fields (data keys) and computes lookup
   * hashes; `sealAndOpen` may also decrypt them. Drives the grants on the personal-data keys.
   */
  readonly personalData?: 'seal' | 'sealAndOpen';
  /**
   * Keyed digests ("seals") of the stored act records: `seal` — it stores records, each sealed
   * under an hour key it derives from the record-seal key; `verify` — it checks stored seals,
   * deriving the same hour keys. Either grants `kms:GenerateMac` on the record-seal key (whose key
   * policy refuses everyone else) and sets `INTEGRITY_KEY_ID`.
   */
  readonly recordSeals?: 'seal' | 'verify';
  /**
   * Moves complaints' data keys under their retention key when it finishes them (`kms:ReEncrypt`);
   * only with `personalData: 'sealAndOpen'`.
   */
  readonly rewrapsPersonalData?: boolean;
  /**
   * Keeps the personal-data keys per period: creates them (tagged, with their key policy),
   * aliases them, and schedules their deletion (`personal-data-key-periods.ts`). Gets the alias
   * prefix and the key policy in its environment; opens nothing.
   */
  readonly keepsPersonalDataKeys?: boolean;
  /**
   * Checks or calls departments' webhook endpoints (`shared/domain/webhooks/webhook-endpoint.ts`):
   * the stack sets {@link environmentNames.webhookLoopbackTargets} to `refused` on it, which no
   * deployment configuration can change; only the local runtime's switch sets `allowed`.
   */
  readonly callsWebhookEndpoints?: boolean;
  /**
   * Webhook subscribers' signing secrets, sealed under a key of their own: `seal` encrypts a new
   * one (the console API: creation, rotation), `open` decrypts one to sign (the deliveries). Grants
   * exactly that operation on the key (whose policy refuses everyone else) and sets its ARN.
   */
  readonly webhookSecrets?: 'seal' | 'open';
  /**
   * Sends the texts of SMS subscriptions: the stack sets {@link environmentNames.smsSink} to
   * `unavailable` (no provider in China is configured yet); the local runtime to its sink file.
   */
  readonly sendsSms?: boolean;
  /** Renders written notices (PDF), so its bundle carries the notice font. */
  readonly rendersNotices?: boolean;
  /** The audit trail's digests (see {@link AuditTrailAccess}). */
  readonly auditTrail?: AuditTrailAccess;
  /**
   * The groups of deployment settings it reads; the stack sets their variables from the
   * configuration on this function only (`infra/cdk/function-settings.ts`). Every function that
   * reads request bodies reads `classifiedMarkers`: each body is screened for classified content.
   */
  readonly settings?: readonly SettingGroup[];
  readonly memoryMiB?: number;
  readonly timeoutSeconds?: number;
}

export interface RouteSpec {
  /**
   * The operation's id (camelCase, the OpenAPI `operationId`): the key of its entry in the
   * document's operation table (`shared/api/operations.ts`) and of its handler in the function's
   * dispatch table (`shared/http/operation-dispatch.ts`). The path is written here only.
   */
  readonly operation: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway resource path, `{param}` for path parameters. */
  readonly path: string;
  /** Name of the function (see {@link functions}) that serves it. */
  readonly function: string;
  readonly auth: RouteAuth;
  /** Staff roles allowed on a `staff` route; the authorizer context carries the role. */
  readonly roles?: readonly StaffRole[];
}

export interface QueueSpec {
  readonly name: QueueName;
  /** Function that consumes the queue. */
  readonly consumer: string;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  readonly visibilityTimeoutSeconds: number;
  /** After this many receives a message moves to the queue's dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly retentionDays: number;
  /**
   * The bus rule that fills the queue: every event of these sources on the {@link alertEventBus}
   * (CDK: an EventBridge rule with the queue as target; the local runtime: its EventBridge
   * stand-in puts matching events on the local queue). None: only functions send to it.
   */
  readonly fedBy?: { readonly rule: string; readonly sources: readonly string[] };
}

/**
 * A step every deployment runs once its resources exist: CDK makes it a CloudFormation custom
 * resource (the `aws-cdk-lib/custom-resources` Provider framework) whose `onEvent` function is
 * `function`, invoked whenever the resource's properties — built from the deployment
 * configuration — change; the local runtime invokes the same function with the same event at
 * start. The properties of each step are built in `infra/cdk/deployment-step-properties.ts`.
 */
export interface DeploymentStepSpec {
  readonly name: string;
  /** Name of the function (see {@link functions}) that handles the custom resource's events. */
  readonly function: string;
  /** CloudFormation type of the custom resource. */
  readonly resourceType: `Custom::${string}`;
  readonly description: string;
}

export interface ScheduleSpec {
  readonly name: string;
  /**
   * `sweep` (the default): fires what fell due, catching up after downtime, and reports its lag
   * every run (alarmed when late). `verification`: checks stored data at its own pace, hourly or
   * less often; it reports what it checked, not a lag. `calendar`: runs once for a calendar period
   * at a set local time; nothing falls due between runs, so it has no lag to report (no lag
   * alarm or dashboard line, which only sweeps get) and it reports what it ran.
   */
  readonly kind?: 'sweep' | 'verification' | 'calendar';
  /** EventBridge schedule expression: `rate(n minute|minutes|hour|hours)` or `cron(...)`. */
  readonly expression: string;
  readonly function: string;
  readonly description: string;
}

export const staffRoles = ['citySupervisor', 'districtSupervisor', 'departmentLiaison', 'auditor', 'securityAdministrator', 'systemAdministrator'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** Roles that must have signed in with a second factor (`amr` claim). */
export const privilegedRoles: readonly StaffRole[] = ['citySupervisor', 'districtSupervisor', 'auditor', 'securityAdministrator', 'systemAdministrator'];

export const functions = [
  {
    name: 'ingest-records',
    description: 'Validates a department batch, refuses what must not enter, enqueues the rest (202).',
    tables: {
      // Receipts (written in transactions of conditional puts, then rewritten confirmed once queued, 25 a request) and the department's feed status only: never a case's state.
      cases: [
        { actions: ['PutItem', 'BatchWriteItem'], leadingKeys: ['RECEIPT#*'] },
        { actions: ['UpdateItem'], leadingKeys: ['FEED#*'] },
      ],
      reference: readReference,
      audit: appendToAudit,
      // Classified records refused (Art. 14) are security events.
      security: raiseSecurityEvents,
    },
    settings: ['feedStaleness', 'classifiedMarkers'],
    sendsTo: ['records'],
  },
  {
    name: 'process-records',
    description: 'Stores records idempotently, folds each case, raises and resolves alerts, arms the next check.',
    tables: {
      // A case's state, events and alerts in one transaction of puts; its outbox emptied in batches;
      // the statistics aggregates added to in the same transaction.
      cases: [
        { actions: ['GetItem', 'Query', 'PutItem', 'BatchWriteItem'], indexes: ['crossCaseGroups'] },
        { actions: ['UpdateItem'], leadingKeys: ['STATS#*'] },
      ],
      reference: readReference,
    },
    settings: ['escalation', 'feedStaleness', 'reporting'],
    sendsTo: [],
    publishesSignalEvents: true,
    recordSeals: 'seal',
    timeoutSeconds: 30,
  },
  {
    name: 'deadline-sweep',
    description:
      "Re-evaluates every case whose next check is due; catches up after downtime; relays unpublished alert events; hourly, checks every department's connection (Art. 7, 10, 24(3)) and the orders to correct past their deadline (Art. 23, 24).",
    tables: {
      cases: [
        { actions: ['GetItem', 'Query', 'PutItem', 'BatchWriteItem'], indexes: ['dueChecks', 'awaitingCalendar', 'crossCaseGroups'] },
        // A case decided by time (overdue, a decision's delay) changes the statistics aggregates in its transaction.
        { actions: ['UpdateItem'], leadingKeys: ['STATS#*'] },
        // The connection check marks once when it first watched a department without a connection date.
        { actions: ['UpdateItem'], leadingKeys: ['FEED#*'] },
      ],
      // Every department of the structure, for the hourly connection check.
      reference: [readReference, { actions: [], indexes: ['cityDirectory'] }],
    },
    settings: ['escalation', 'feedStaleness', 'connectionHealth', 'reporting', 'accountability'],
    sendsTo: [],
    publishesSignalEvents: true,
    timeoutSeconds: 50,
  },
  {
    name: 'console-api',
    description:
      'Console for supervisors and liaisons: alerts, case timelines, actions on alerts, statistics and webhook subscriptions, scoped by jurisdiction.',
    tables: {
      cases: [
        { actions: ['GetItem', 'Query', 'PutItem', 'BatchWriteItem'], indexes: ['alertsByDepartment', 'alertsByJurisdiction', 'alertsCitywide'] },
        // A response moves the statistics of signals answered in time.
        addToStatistics,
      ],
      reference: [
        // The departments of a district, for its statistics.
        { actions: ['GetItem'] },
        { actions: [], indexes: ['cityDirectory'] },
        // Webhook subscriptions: listed per owner, created, changed on their version, removed.
        { actions: ['Query', 'PutItem', 'UpdateItem', 'DeleteItem'], leadingKeys: ['WEBHOOKS#*'] },
        // Their signing secrets: written (creation, rotation) and removed, never read back.
        { actions: ['PutItem', 'DeleteItem'], leadingKeys: ['WEBHOOKSECRET#*'] },
        // A subscription's delivery log, read by its owner.
        { actions: ['Query'], leadingKeys: ['WEBHOOKDELIVERIES#*'] },
      ],
      audit: appendToAudit,
      // Classified content refused in a body (Art. 14) is a security event.
      security: raiseSecurityEvents,
    },
    settings: ['classifiedMarkers'],
    sendsTo: [],
    publishesSignalEvents: true,
    // A subscription's URL is checked (scheme, credentials, the addresses its host resolves to).
    callsWebhookEndpoints: true,
    // A new secret is sealed before it is stored; it is never opened here.
    webhookSecrets: 'seal',
  },
  {
    // Calls endpoints outside the deployment: nothing else in its role, and no personal data in what it sends.
    name: 'deliver-webhooks',
    description:
      "Delivers the signal and accountability-measure events of the bus to the departments' and supervisors' webhook subscriptions: one message per subscriber, signed (Standard Webhooks), retried with backoff, logged; disables a subscriber failing too long.",
    tables: {
      reference: [
        // The subscriptions of an event's department and jurisdictions (listed), a batch's read again together before its deliveries; their failure marks and disabling.
        { actions: ['BatchGetItem', 'Query', 'UpdateItem'], leadingKeys: ['WEBHOOKS#*'] },
        // A subscriber's sealed signing secret: read only here (the console API can write one, never read it).
        { actions: ['GetItem'], leadingKeys: ['WEBHOOKSECRET#*'] },
        // The delivery log of each subscription: a batch's attempts appended together, never read here.
        { actions: ['BatchWriteItem'], leadingKeys: ['WEBHOOKDELIVERIES#*'] },
        // A department's profile: its name in the texts people read (DingTalk, 浙政钉, SMS).
        { actions: ['GetItem'], leadingKeys: ['DEPARTMENT#*'] },
      ],
    },
    settings: ['webhookDelivery'],
    // The fan-out: one message per (event, subscriber) on its own queue.
    sendsTo: ['webhooks'],
    // A disabled subscriber is told to its owner on the bus (`WebhookSubscriptionDisabled`).
    publishesSignalEvents: true,
    callsWebhookEndpoints: true,
    webhookSecrets: 'open',
    sendsSms: true,
    timeoutSeconds: 30,
  },
  {
    name: 'staff-authorizer',
    description:
      'Verifies staff OIDC JWTs (JWKS, issuer, audience, expiry, session cap, role, second factor); audits sign-ins and denials; locks out addresses that keep failing.',
    tables: {
      security: [
        // Failed authentications counted per source address (hashed), and the lockout read before each decision.
        { actions: ['UpdateItem', 'Query'], leadingKeys: ['FAILURES#*'] },
        // The first use of each sign-in, marked once so it is audited once.
        { actions: ['PutItem'], leadingKeys: ['SIGNIN#*'] },
        // A lockout is an `authenticationFailures` security event.
        raiseSecurityEvents,
      ],
      audit: appendToAudit,
    },
    settings: ['staffAccess'],
    sendsTo: [],
  },
  {
    name: 'calendar-api',
    description: 'Working-day calendar: supervisors read the holiday arrangements; a city supervisor loads or corrects a year.',
    tables: {
      // Reads any reference data; writes the calendar's partition only.
      reference: [readReference, { actions: ['PutItem'], leadingKeys: ['CALENDAR'] }],
      audit: appendToAudit,
      // Classified content refused in a body (Art. 14) is a security event.
      security: raiseSecurityEvents,
    },
    settings: ['classifiedMarkers'],
    sendsTo: [],
  },
  {
    name: 'catalogue-api',
    description: "Catalogue management: a department's matters and their dated versions; supervisors add versions and back-test proposals on stored cases.",
    tables: {
      // Stored cases of a matter, for back-tests: read only.
      cases: { actions: ['Query'], indexes: ['casesByMatter'] },
      reference: { actions: ['GetItem', 'Query', 'PutItem', 'ConditionCheckItem'] },
      audit: appendToAudit,
      // Classified content refused in a body (Art. 14) is a security event.
      security: raiseSecurityEvents,
    },
    settings: ['classifiedMarkers'],
    sendsTo: [],
  },
  {
    name: 'evaluation-api',
    description:
      'Efficiency evaluation (Art. 20-23, 25): scoring models; a period evaluated as a frozen version, approved for publication, reported (PDF, CSV, Excel, JSON); rectification suggestions drafted, sent, reported on, accepted; special reports drafted, issued.',
    tables: {
      cases: [
        // The statistics aggregates of a period's months, read only: the evaluation's and the special reports' inputs.
        { actions: ['Query'], leadingKeys: ['STATS#*'] },
        // A department's signals raised in a period (a key range of its alert index), for its rectification suggestion.
        { actions: [], indexes: ['alertsByDepartment'] },
      ],
      reference: [
        // The models' partitions: versions listed and read, new ones put conditionally (never overwritten).
        { actions: ['GetItem', 'Query', 'PutItem'], leadingKeys: ['EVALUATIONMODEL#*'] },
        // The evaluations' versions and their published copies: listed, put conditionally (never overwritten).
        { actions: ['Query', 'PutItem'], leadingKeys: ['EVALUATION#*', 'PUBLISHEDEVALUATION#*'] },
        // Rectification suggestions: read, listed by department, put on their version.
        { actions: ['GetItem', 'Query', 'PutItem'], leadingKeys: ['RECTIFICATION#*'] },
        // The department a suggestion is drafted for (its name and jurisdiction).
        { actions: ['GetItem'], leadingKeys: ['DEPARTMENT#*'] },
        // Special reports (Art. 21 ¶2): listed, read, put conditionally (new numbers; drafts at the version read).
        { actions: ['GetItem', 'Query', 'PutItem'], leadingKeys: ['SPECIALREPORT#*'] },
        // The departments of the evaluated scope; the suggestions of a jurisdiction or of the city.
        { actions: ['Query'], indexes: ['cityDirectory'] },
      ],
      audit: appendToAudit,
      // Classified content refused in a body (Art. 14) is a security event.
      security: raiseSecurityEvents,
    },
    settings: ['classifiedMarkers'],
    // Its reports' PDFs are set in the notice font.
    rendersNotices: true,
    sendsTo: [],
  },
  {
    // The evaluation's monthly run as the system: the same run as `runEvaluation`, without a route,
    // reading no body and approving nothing.
    name: 'evaluation-schedule',
    description:
      'Runs the evaluation of the month just ended for the city and every district with a scoring model in force, as the system (once per owner and month), on its monthly schedule.',
    tables: {
      // The statistics aggregates of the month, read only: the evaluation's inputs.
      cases: { actions: ['Query'], leadingKeys: ['STATS#*'] },
      reference: [
        // The models' versions (which one is in force) and the published copies (a run's answer carries its approval): read only.
        { actions: ['Query'], leadingKeys: ['EVALUATIONMODEL#*', 'PUBLISHEDEVALUATION#*'] },
        // The evaluations' versions: listed, a new one put conditionally (never overwritten).
        { actions: ['Query', 'PutItem'], leadingKeys: ['EVALUATION#*'] },
        // The jurisdictions to evaluate and the departments of each.
        { actions: ['Query'], indexes: ['cityDirectory'] },
      ],
      audit: appendToAudit,
    },
    sendsTo: [],
    timeoutSeconds: 300,
  },
  {
    // The one route anyone may call with any body: it only adds new complaints (no read of the
    // oversight table) and only seals personal data (no unwrapping of any data key).
    name: 'complaint-filing',
    description:
      'Public complaint filing (Art. 19): seals the personal data under a new data key, hashes it for lookups and stores the new complaint; cannot read a stored complaint or open personal data.',
    // Puts conditional on a new key only: it reads nothing of the oversight table.
    tables: { oversight: { actions: ['PutItem'] }, reference: readReference, security: raiseSecurityEvents, cases: addToStatistics },
    settings: ['complaintClocks', 'classifiedMarkers'],
    sendsTo: [],
    personalData: 'seal',
  },
  {
    // Opens personal data for notices (sealed PDFs) and re-openings (the fields copied under the new receipt number).
    name: 'complaint-follow-up',
    description: "The complainant's follow-up for the holder of a receipt's query token (Art. 19): status, written notices, rating and re-opening.",
    // A re-opening is a new complaint, counted as received.
    tables: { oversight: { actions: ['GetItem', 'PutItem'] }, reference: readReference, security: raiseSecurityEvents, cases: addToStatistics },
    settings: ['complaintClocks', 'classifiedMarkers'],
    sendsTo: [],
    personalData: 'sealAndOpen',
  },
  {
    name: 'complaints-api',
    description:
      'Complaint handling for supervisors and liaisons: queues, acceptance decisions, forwarding, results, reviews, written notices and their delivery.',
    tables: {
      oversight: {
        actions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem'],
        indexes: ['supervisorQueue', 'supervisorQueueCitywide', 'departmentQueue', 'complainantLookup'],
      },
      reference: readReference,
      audit: appendToAudit,
      // Classified content refused in a body (Art. 14) is a security event.
      security: raiseSecurityEvents,
      // Decisions, results and reviews move the complaints' statistics.
      cases: addToStatistics,
    },
    settings: ['complaintClocks', 'classifiedMarkers'],
    sendsTo: [],
    personalData: 'sealAndOpen',
    // Finishing a complaint moves its data keys under its retention key.
    rewrapsPersonalData: true,
    rendersNotices: true,
    memoryMiB: 1024,
    timeoutSeconds: 15,
  },
  {
    name: 'supervision-api',
    description:
      'Supervision cases (督办): requests, cases opened, extended and closed, progress reported. Accountability measures (问责, Art. 23, 24): orders to correct, circulated criticism, referrals, with their PDF documents.',
    tables: {
      // The queue indexes project keys only: a page's items are read with BatchGetItem.
      oversight: { actions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem'], indexes: ['supervisorQueue', 'supervisorQueueCitywide', 'departmentQueue'] },
      reference: [
        readReference,
        // Accountability measures: put conditionally (a new number; a step on its version).
        { actions: ['PutItem'], leadingKeys: ['ACCOUNTABILITY#*'] },
        // A department's, a jurisdiction's or the city's measures.
        { actions: [], indexes: ['cityDirectory'] },
      ],
      audit: appendToAudit,
      // Classified content refused in a body (Art. 14) is a security event.
      security: raiseSecurityEvents,
      cases: [
        // Opening and closing cases move the statistics.
        addToStatistics,
        // The signals an accountability measure cites, read one by one (never written here).
        { actions: ['GetItem'], leadingKeys: ['CASE#*'] },
        // A measure's events, written to the outbox with the measure (a transaction) and removed once published.
        { actions: ['PutItem', 'BatchWriteItem'], leadingKeys: ['OUTBOX'] },
      ],
    },
    settings: ['supervisionClocks', 'classifiedMarkers'],
    sendsTo: [],
    // Accountability measures issued and their steps (`AccountabilityMeasureIssued`, `AccountabilityMeasureStepRecorded`).
    publishesSignalEvents: true,
    // The written documents of accountability measures are set in the notice font.
    rendersNotices: true,
  },
  {
    name: 'oversight-sweep',
    description:
      'Fires every due complaint and supervision-case timer exactly once (acceptance clock, handling deadlines, overdue cases, ends of personal-data retention); catches up after downtime; publishes the signals raised and relays unpublished ones.',
    tables: {
      // Timers fire with an update of the aggregate's timers item on its version (and another once their events are published); erasure puts and deletes lookup hashes and notices.
      oversight: { actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'], indexes: ['oversightDue'] },
      // The working-day calendar's loaded years only.
      reference: { actions: ['Query'], leadingKeys: ['CALENDAR'] },
      audit: appendToAudit,
    },
    settings: ['supervisionClocks'],
    sendsTo: [],
    publishesSignalEvents: true,
    timeoutSeconds: 50,
  },
  {
    // Makes and retires the KMS keys that wrap complainants' data keys, one per month; the key
    // policies deny it every cryptographic use, and it reads complaints only for the keys they are under.
    name: 'personal-data-keys',
    description:
      "Keeps the KMS keys of complainants' personal data per month: creates the intake and retention keys ahead of need, and schedules the deletion of a month's key once nothing may need it, so every copy of what it wrapped, backups included, becomes unreadable.",
    tables: {
      // The open complaints (the citywide queues, keys only, then the complaints by key), for the keys their data is under.
      oversight: { actions: ['BatchGetItem'], indexes: ['supervisorQueueCitywide'] },
      audit: appendToAudit,
    },
    settings: ['personalDataKeys'],
    sendsTo: [],
    keepsPersonalDataKeys: true,
    timeoutSeconds: 120,
  },
  {
    name: 'public-api',
    description: 'Public endpoints: the OpenAPI document, and the evaluations a supervisor approved for publication (Art. 21).',
    tables: {
      // The published copies only: an evaluation not yet approved is in another partition, out of its reach.
      reference: { actions: ['Query'], leadingKeys: ['PUBLISHEDEVALUATION#*'] },
    },
    sendsTo: [],
  },
  {
    name: 'city-structure-api',
    description:
      "The city's structure: jurisdictions and departments (connected kinds, connection date), read by scope, changed by a system administrator; the departments' connection health, reconciliation (manifests against records held) and data-quality scorecard.",
    tables: {
      cases: [
        // The departments' feeds: status and health counters per day, read only (never a record);
        // each day's reconciliation, written when a manifest is submitted or its buckets are listed.
        { actions: ['GetItem', 'Query', 'PutItem'], leadingKeys: ['FEED#*'] },
        // The records held of a department's day, from the receipts' keys-only index (never a record).
        { actions: [], indexes: ['recordsByDay'] },
        // A department's signals raised in a range (a key range of its alert index), for its data-quality scorecard.
        { actions: [], indexes: ['alertsByDepartment'] },
      ],
      reference: [
        { actions: ['GetItem', 'Query'], indexes: ['cityDirectory'] },
        { actions: ['PutItem'], leadingKeys: ['JURISDICTION#*', 'DEPARTMENT#*'] },
      ],
      audit: appendToAudit,
      // Classified content refused in a body (Art. 14) is a security event.
      security: raiseSecurityEvents,
    },
    settings: ['classifiedMarkers'],
    sendsTo: [],
  },
  {
    // The only reader of the audit store besides the auditor's API: it chains the entries into
    // signed digests and re-checks the last one at each run.
    name: 'audit-sealer',
    description:
      'Seals the audit trail: every entry up to a grace period ago into a digest signed with the audit signing key, chained to the previous digest, kept under Object Lock; re-checks the last digest against the entries at each run and raises an integrity break.',
    // An integrity break its re-check finds is a security event.
    tables: { audit: { actions: ['Query'], leadingKeys: ['AUDIT#*'] }, security: raiseSecurityEvents },
    settings: ['auditSealing'],
    auditTrail: 'seal',
    sendsTo: [],
    timeoutSeconds: 120,
  },
  {
    name: 'audit-api',
    description:
      "The auditor's reads of the audit trail: entries of a day by actor, action or object, and the verification of a day against its sealed digests; each read is itself audited.",
    // A verification that finds the trail broken raises an integrity break.
    tables: { audit: { actions: ['Query', 'PutItem'], leadingKeys: ['AUDIT#*'] }, security: raiseSecurityEvents },
    auditTrail: 'read',
    sendsTo: [],
    timeoutSeconds: 25,
  },
  {
    name: 'apply-city-structure',
    description:
      "Applies the city's structure from the deployment configuration at each deployment (a custom resource): creates what is missing, updates what the configuration changed, never deletes.",
    tables: {
      reference: [{ actions: ['GetItem'] }, { actions: ['PutItem'], leadingKeys: ['JURISDICTION#*', 'DEPARTMENT#*'] }],
      audit: appendToAudit,
    },
    sendsTo: [],
    timeoutSeconds: 300,
  },
  {
    name: 'security-api',
    description: "The security administrator's view: security events by day and kind (read only, each read audited).",
    tables: {
      security: { actions: ['Query'], indexes: ['securityEventsByKind'], leadingKeys: ['EVENTS#*'] },
      audit: appendToAudit,
    },
    sendsTo: [],
  },
  {
    name: 'verify-records',
    description:
      'Verifies the keyed digests (seals) of stored act records: hourly, the records sealed in the hour before and a rolling share of older hours; any range an operator asks for. A record changed outside the application is an integrity break (security event).',
    tables: {
      // The hour index, keys only, then the records themselves: read only, never a write.
      cases: { actions: ['BatchGetItem'], indexes: ['sealedRecordsByHour'], leadingKeys: ['CASE#*'] },
      // A broken seal is an `integrityBreak` security event.
      security: raiseSecurityEvents,
    },
    sendsTo: [],
    recordSeals: 'verify',
    timeoutSeconds: 300,
  },
] as const satisfies readonly FunctionSpec[];

export type FunctionName = (typeof functions)[number]['name'];

const supervisors: readonly StaffRole[] = ['citySupervisor', 'districtSupervisor'];
const consoleReaders: readonly StaffRole[] = [...supervisors, 'departmentLiaison'];
const structureReaders: readonly StaffRole[] = ['systemAdministrator', ...supervisors];

/** The routes with their literal types, from which the operation ids are derived. One route a line, so the table reads as one. */
// prettier-ignore
const routeTable = [
  { operation: 'pushRecords', method: 'POST', path: '/v1/records', function: 'ingest-records', auth: 'department' },
  { operation: 'listAlerts', method: 'GET', path: '/v1/alerts', function: 'console-api', auth: 'staff', roles: consoleReaders },
  { operation: 'readStatistics', method: 'GET', path: '/v1/statistics', function: 'console-api', auth: 'staff', roles: consoleReaders },
  { operation: 'readOfficialStatistics', method: 'GET', path: '/v1/statistics/officials', function: 'console-api', auth: 'staff', roles: consoleReaders },
  { operation: 'readCaseTimeline', method: 'GET', path: '/v1/cases/{department}/{kind}/{caseId}/timeline', function: 'console-api', auth: 'staff', roles: consoleReaders },
  { operation: 'readAlert', method: 'GET', path: '/v1/cases/{department}/{kind}/{caseId}/alerts/{ruleId}', function: 'console-api', auth: 'staff', roles: consoleReaders },
  { operation: 'actOnAlert', method: 'POST', path: '/v1/cases/{department}/{kind}/{caseId}/alerts/{ruleId}/actions', function: 'console-api', auth: 'staff', roles: consoleReaders },
  // A department's business system (its SigV4 identity): its own department's signals, read and
  // answered with the liaison's lifecycle. Its role may invoke these paths for its own department only.
  { operation: 'listDepartmentAlerts', method: 'GET', path: '/v1/departments/{department}/alerts', function: 'console-api', auth: 'department' },
  { operation: 'readDepartmentAlert', method: 'GET', path: '/v1/departments/{department}/alerts/{kind}/{caseId}/{ruleId}', function: 'console-api', auth: 'department' },
  {
    operation: 'actOnDepartmentAlert',
    method: 'POST',
    path: '/v1/departments/{department}/alerts/{kind}/{caseId}/{ruleId}/actions',
    function: 'console-api',
    auth: 'department',
  },
  // Webhook subscriptions (Art. 18: the system sends signals): a liaison's department's, a supervisor's jurisdiction's. Three
  // routes on two resources, every change a step on the subscription its id names (the stateless stack's resource budget).
  { operation: 'listWebhookSubscriptions', method: 'GET', path: '/v1/webhooks', function: 'console-api', auth: 'staff', roles: consoleReaders },
  { operation: 'createWebhookSubscription', method: 'POST', path: '/v1/webhooks', function: 'console-api', auth: 'staff', roles: consoleReaders },
  { operation: 'readWebhookSubscription', method: 'GET', path: '/v1/webhooks/{subscription}', function: 'console-api', auth: 'staff', roles: consoleReaders },
  { operation: 'takeWebhookSubscriptionStep', method: 'POST', path: '/v1/webhooks/{subscription}', function: 'console-api', auth: 'staff', roles: consoleReaders },
  { operation: 'listCalendarYears', method: 'GET', path: '/v1/calendar/years', function: 'calendar-api', auth: 'staff', roles: consoleReaders },
  { operation: 'readCalendarYear', method: 'GET', path: '/v1/calendar/years/{year}', function: 'calendar-api', auth: 'staff', roles: consoleReaders },
  { operation: 'arrangeCalendarYear', method: 'PUT', path: '/v1/calendar/years/{year}', function: 'calendar-api', auth: 'staff', roles: ['citySupervisor'] },
  { operation: 'listCatalogue', method: 'GET', path: '/v1/departments/{department}/catalogue', function: 'catalogue-api', auth: 'staff', roles: consoleReaders },
  { operation: 'listMatterVersions', method: 'GET', path: '/v1/departments/{department}/catalogue/{matterCode}/versions', function: 'catalogue-api', auth: 'staff', roles: consoleReaders },
  { operation: 'proposeMatterVersion', method: 'POST', path: '/v1/departments/{department}/catalogue/{matterCode}/versions', function: 'catalogue-api', auth: 'staff', roles: supervisors },
  { operation: 'backTestMatter', method: 'POST', path: '/v1/departments/{department}/catalogue/{matterCode}/back-test', function: 'catalogue-api', auth: 'staff', roles: supervisors },
  { operation: 'listRecordKinds', method: 'GET', path: '/v1/record-kinds', function: 'catalogue-api', auth: 'staff', roles: consoleReaders },
  { operation: 'defineRecordKind', method: 'PUT', path: '/v1/record-kinds/{kind}', function: 'catalogue-api', auth: 'staff', roles: ['citySupervisor'] },
  { operation: 'readOpenApiDocument', method: 'GET', path: '/v1/openapi.json', function: 'public-api', auth: 'public' },

  // The efficiency evaluation's scoring models (效能评估, Art. 20-22; a district's own model, Art. 25).
  { operation: 'proposeScoringModel', method: 'POST', path: '/v1/evaluation-models', function: 'evaluation-api', auth: 'staff', roles: supervisors },
  { operation: 'listScoringModels', method: 'GET', path: '/v1/evaluation-models', function: 'evaluation-api', auth: 'staff', roles: supervisors },
  { operation: 'readScoringModel', method: 'GET', path: '/v1/evaluation-models/{owner}/{version}', function: 'evaluation-api', auth: 'staff', roles: supervisors },
  { operation: 'tryScoringModel', method: 'POST', path: '/v1/evaluation-models/{owner}/{version}/trial', function: 'evaluation-api', auth: 'staff', roles: supervisors },
  { operation: 'runEvaluation', method: 'POST', path: '/v1/evaluations', function: 'evaluation-api', auth: 'staff', roles: supervisors },
  { operation: 'listEvaluations', method: 'GET', path: '/v1/evaluations/{owner}/{period}', function: 'evaluation-api', auth: 'staff', roles: supervisors },
  { operation: 'readEvaluation', method: 'GET', path: '/v1/evaluations/{owner}/{period}/{version}', function: 'evaluation-api', auth: 'staff', roles: supervisors },
  { operation: 'approveEvaluation', method: 'POST', path: '/v1/evaluations/{owner}/{period}/{version}/approval', function: 'evaluation-api', auth: 'staff', roles: supervisors },
  { operation: 'readEvaluationReport', method: 'GET', path: '/v1/evaluations/{owner}/{period}/{version}/report', function: 'evaluation-api', auth: 'staff', roles: consoleReaders },
  // Special reports on major or widespread problems (专项报告, Art. 21 ¶2).
  { operation: 'draftSpecialReport', method: 'POST', path: '/v1/special-reports', function: 'evaluation-api', auth: 'staff', roles: supervisors },
  { operation: 'listSpecialReports', method: 'GET', path: '/v1/special-reports', function: 'evaluation-api', auth: 'staff', roles: supervisors },
  { operation: 'takeSpecialReportStep', method: 'POST', path: '/v1/special-reports/{report}', function: 'evaluation-api', auth: 'staff', roles: supervisors },
  { operation: 'readPublishedEvaluation', method: 'GET', path: '/v1/public/evaluations/{owner}/{period}', function: 'public-api', auth: 'public' },

  // Rectification suggestions (整改建议, Art. 21, 23). Two routes on two resources, a draft being the first step on the
  // suggestion its id names: the stateless stack is near CloudFormation's 500 resources (each route adds a method and
  // a Lambda permission, each resource a preflight where the site calls the API directly).
  { operation: 'listRectifications', method: 'GET', path: '/v1/rectifications', function: 'evaluation-api', auth: 'staff', roles: consoleReaders },
  { operation: 'takeRectificationStep', method: 'POST', path: '/v1/rectifications/{suggestion}', function: 'evaluation-api', auth: 'staff', roles: consoleReaders },

  // The city's structure: jurisdictions and departments (a department's IAM role comes with the deployment configuration).
  { operation: 'listJurisdictions', method: 'GET', path: '/v1/jurisdictions', function: 'city-structure-api', auth: 'staff', roles: structureReaders },
  { operation: 'readJurisdiction', method: 'GET', path: '/v1/jurisdictions/{jurisdiction}', function: 'city-structure-api', auth: 'staff', roles: structureReaders },
  { operation: 'saveJurisdiction', method: 'PUT', path: '/v1/jurisdictions/{jurisdiction}', function: 'city-structure-api', auth: 'staff', roles: ['systemAdministrator'] },
  { operation: 'listDepartments', method: 'GET', path: '/v1/departments', function: 'city-structure-api', auth: 'staff', roles: [...structureReaders, 'departmentLiaison'] },
  { operation: 'readDepartment', method: 'GET', path: '/v1/departments/{department}', function: 'city-structure-api', auth: 'staff', roles: [...structureReaders, 'departmentLiaison'] },
  { operation: 'saveDepartment', method: 'PUT', path: '/v1/departments/{department}', function: 'city-structure-api', auth: 'staff', roles: ['systemAdministrator'] },
  // The departments' connection health (Art. 7, 10, 24): pushes per day, refusals, lag. One route for the scope and for one
  // department (`department=`): the stateless stack is near its resource budget (a route on a new resource costs four).
  { operation: 'listConnectionHealth', method: 'GET', path: '/v1/connection-health', function: 'city-structure-api', auth: 'staff', roles: consoleReaders },
  // The departments' data-quality scorecard (数据质量, Art. 7(2), 24): the health above with each department's findings and a grade.
  { operation: 'readDataQuality', method: 'GET', path: '/v1/data-quality', function: 'city-structure-api', auth: 'staff', roles: consoleReaders },
  // Reconciliation (一致性核查, Art. 7(2)): a department's manifest of a day, its differing buckets listed, the comparison read by staff.
  { operation: 'submitManifest', method: 'PUT', path: '/v1/departments/{department}/manifests/{day}', function: 'city-structure-api', auth: 'department' },
  {
    operation: 'listManifestBuckets',
    method: 'POST',
    path: '/v1/departments/{department}/manifests/{day}/buckets',
    function: 'city-structure-api',
    auth: 'department',
  },
  { operation: 'readReconciliation', method: 'GET', path: '/v1/reconciliations/{department}/{day}', function: 'city-structure-api', auth: 'staff', roles: consoleReaders },

  // Complaints (Art. 19): the public side. Filing cannot open personal data; the holder of a
  // receipt's query token follows up. The token travels in a header, never in a URL.
  { operation: 'fileComplaint', method: 'POST', path: '/v1/public/complaints', function: 'complaint-filing', auth: 'public' },
  { operation: 'readComplaintStatus', method: 'GET', path: '/v1/public/complaints/{receiptNumber}', function: 'complaint-follow-up', auth: 'public' },
  { operation: 'readComplainantNotice', method: 'GET', path: '/v1/public/complaints/{receiptNumber}/notices/{notice}', function: 'complaint-follow-up', auth: 'public' },
  { operation: 'rateComplaint', method: 'POST', path: '/v1/public/complaints/{receiptNumber}/rating', function: 'complaint-follow-up', auth: 'public' },
  { operation: 'reopenComplaint', method: 'POST', path: '/v1/public/complaints/{receiptNumber}/reopening', function: 'complaint-follow-up', auth: 'public' },

  // Complaints: the console side.
  { operation: 'listComplaints', method: 'GET', path: '/v1/complaints', function: 'complaints-api', auth: 'staff', roles: consoleReaders },
  { operation: 'readComplaint', method: 'GET', path: '/v1/complaints/{receiptNumber}', function: 'complaints-api', auth: 'staff', roles: consoleReaders },
  { operation: 'decideOnComplaint', method: 'POST', path: '/v1/complaints/{receiptNumber}/decision', function: 'complaints-api', auth: 'staff', roles: supervisors },
  { operation: 'reportComplaintResult', method: 'POST', path: '/v1/complaints/{receiptNumber}/result', function: 'complaints-api', auth: 'staff', roles: consoleReaders },
  { operation: 'reviewComplaintResult', method: 'POST', path: '/v1/complaints/{receiptNumber}/review', function: 'complaints-api', auth: 'staff', roles: supervisors },
  { operation: 'revealComplainantIdentity', method: 'POST', path: '/v1/complaints/{receiptNumber}/identity', function: 'complaints-api', auth: 'staff', roles: supervisors },
  { operation: 'readComplaintNotice', method: 'GET', path: '/v1/complaints/{receiptNumber}/notices/{notice}', function: 'complaints-api', auth: 'staff', roles: supervisors },
  { operation: 'recordNoticeDelivery', method: 'POST', path: '/v1/complaints/{receiptNumber}/notices/{notice}/deliveries', function: 'complaints-api', auth: 'staff', roles: supervisors },
  { operation: 'searchComplaints', method: 'POST', path: '/v1/complaint-searches', function: 'complaints-api', auth: 'staff', roles: supervisors },

  // The security administrator's view (separation of duties: no other role reads it, and it administers nothing).
  { operation: 'listSecurityEvents', method: 'GET', path: '/v1/security-events', function: 'security-api', auth: 'staff', roles: ['securityAdministrator'] },

  // Supervision cases (督办, Art. 18 ¶2).
  { operation: 'requestSupervision', method: 'POST', path: '/v1/supervision-requests', function: 'supervision-api', auth: 'staff', roles: ['departmentLiaison'] },
  { operation: 'listSupervisionRequests', method: 'GET', path: '/v1/supervision-requests', function: 'supervision-api', auth: 'staff', roles: consoleReaders },
  { operation: 'decideSupervisionRequest', method: 'POST', path: '/v1/supervision-requests/{requestNumber}/decision', function: 'supervision-api', auth: 'staff', roles: supervisors },
  { operation: 'openSupervisionCase', method: 'POST', path: '/v1/supervision-cases', function: 'supervision-api', auth: 'staff', roles: supervisors },
  { operation: 'listSupervisionCases', method: 'GET', path: '/v1/supervision-cases', function: 'supervision-api', auth: 'staff', roles: consoleReaders },
  { operation: 'readSupervisionCase', method: 'GET', path: '/v1/supervision-cases/{caseNumber}', function: 'supervision-api', auth: 'staff', roles: consoleReaders },
  { operation: 'reportSupervisionProgress', method: 'POST', path: '/v1/supervision-cases/{caseNumber}/progress', function: 'supervision-api', auth: 'staff', roles: ['departmentLiaison'] },
  { operation: 'extendSupervisionCase', method: 'POST', path: '/v1/supervision-cases/{caseNumber}/extension', function: 'supervision-api', auth: 'staff', roles: supervisors },
  { operation: 'closeSupervisionCase', method: 'POST', path: '/v1/supervision-cases/{caseNumber}/closure', function: 'supervision-api', auth: 'staff', roles: supervisors },
  // Accountability measures (问责措施, Art. 23, 24): issued by supervisors, followed up by the issuing organ and the department.
  { operation: 'issueAccountabilityMeasure', method: 'POST', path: '/v1/accountability-measures', function: 'supervision-api', auth: 'staff', roles: supervisors },
  { operation: 'listAccountabilityMeasures', method: 'GET', path: '/v1/accountability-measures', function: 'supervision-api', auth: 'staff', roles: consoleReaders },
  { operation: 'readAccountabilityMeasure', method: 'GET', path: '/v1/accountability-measures/{measureNumber}', function: 'supervision-api', auth: 'staff', roles: consoleReaders },
  { operation: 'takeAccountabilityStep', method: 'POST', path: '/v1/accountability-measures/{measureNumber}', function: 'supervision-api', auth: 'staff', roles: consoleReaders },
  { operation: 'readAccountabilityDocument', method: 'GET', path: '/v1/accountability-measures/{measureNumber}/document', function: 'supervision-api', auth: 'staff', roles: consoleReaders },
  // The department's business system reads the measures about it and their documents.
  { operation: 'listDepartmentAccountabilityMeasures', method: 'GET', path: '/v1/departments/{department}/accountability-measures', function: 'supervision-api', auth: 'department' },
  { operation: 'readDepartmentAccountabilityDocument', method: 'GET', path: '/v1/departments/{department}/accountability-measures/{measureNumber}/document', function: 'supervision-api', auth: 'department' },

  // The audit trail, for the auditor only (security.md: readable only by the auditor role).
  { operation: 'listAuditEntries', method: 'GET', path: '/v1/audit/entries', function: 'audit-api', auth: 'staff', roles: ['auditor'] },
  { operation: 'verifyAuditDay', method: 'GET', path: '/v1/audit/verifications', function: 'audit-api', auth: 'staff', roles: ['auditor'] },
] as const satisfies readonly RouteSpec[];

export const routes: readonly RouteSpec[] = routeTable;

/** The id of every operation the API serves, one per route. */
export type OperationId = (typeof routeTable)[number]['operation'];

/** The routes a function serves, each with its literal operation id. */
export type RouteOf<F extends string> = Extract<(typeof routeTable)[number], { readonly function: F }>;

/** The ids of the operations a function serves. */
export type OperationOf<F extends string> = RouteOf<F>['operation'];

/**
 * Browser access (CORS) to a set of routes: the routes of one kind of caller under a path prefix,
 * what a page there may send and read, and the environment variable that tells the functions
 * serving them which origins may call. Which origins is deployment configuration; none: CORS off.
 */
export interface CorsPolicy {
  /** The routes' caller: only routes with this `auth` get CORS (department routes never do). */
  readonly auth: Exclude<RouteAuth, 'department'>;
  readonly pathPrefix: string;
  /** Request headers a page sends besides the safelisted ones. */
  readonly allowedHeaders: readonly string[];
  /** Response headers a page may read besides the safelisted ones. */
  readonly exposedHeaders: readonly string[];
  /** How long a browser may reuse a preflight answer. */
  readonly maxAgeSeconds: number;
  /** Comma-separated allowed origins, as the functions read them at cold start (empty: CORS off). */
  readonly environmentName: string;
}

/**
 * Browser access from a city portal's origin (CORS) to the public complaint routes: the `public`
 * routes under `pathPrefix`, and no other. Which origins may call is deployment configuration
 * (CDK `api.publicCorsOrigins`, `npm start -- --cors-origin`, and the site's own origin where the
 * pages call the API on its own domain).
 */
export const publicCors = {
  auth: 'public',
  pathPrefix: '/v1/public/',
  /** Request headers a form sends: a JSON body, and the query token (a header, never in the URL). */
  allowedHeaders: ['content-type', 'x-query-token'],
  /** Response headers a form may read besides the safelisted ones (Location of a filing, Retry-After of a 503, a notice's file name). */
  exposedHeaders: ['location', 'retry-after', 'content-disposition'],
  maxAgeSeconds: 600,
  environmentName: 'PUBLIC_CORS_ORIGINS',
} as const satisfies CorsPolicy;

/**
 * Browser access from the site's own origin to the staff routes: the console calls the API on its
 * own domain where the site does not forward `/v1/*` to it (AWS China, `npm start -- --site-origin`),
 * so the firewall's per-address limits and the sign-in lockout see the viewer's address. Exactly
 * one origin, the site's; bearer tokens, never cookies, so never `Access-Control-Allow-Credentials`.
 */
export const staffCors = {
  auth: 'staff',
  pathPrefix: '/v1/',
  /** What `console/src/api/client.ts` sends: the bearer, a JSON body, the console's language. */
  allowedHeaders: ['authorization', 'content-type', 'accept-language'],
  /** Location of a created resource, Retry-After of a 503, a notice's file name. */
  exposedHeaders: ['location', 'retry-after', 'content-disposition'],
  maxAgeSeconds: 600,
  environmentName: 'STAFF_CORS_ORIGINS',
} as const satisfies CorsPolicy;

export const queues: readonly QueueSpec[] = [
  {
    name: 'records',
    consumer: 'process-records',
    // The engine decides a batch with each shared read once and commits it in as few transactions
    // as 100 items allow: a fuller batch costs fewer requests per record. A batch above 10 needs
    // the batching window, which also bounds how long a record waits for its batch.
    batchSize: 100,
    maxBatchingWindowSeconds: 1,
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
    retentionDays: 14,
  },
  {
    // Each signal's or accountability measure's event once (the bus rule), then one message per subscriber it goes to; a failed
    // delivery is retried on its own message, later each time (the consumer sets the backoff).
    name: 'webhooks',
    consumer: 'deliver-webhooks',
    batchSize: 10,
    maxBatchingWindowSeconds: 0,
    // Above the consumer's 30 s timeout; a failed delivery sets its own, longer, wait.
    visibilityTimeoutSeconds: 60,
    // Above the deliveries' own attempts (the consumer gives up on a subscriber itself): only a fault of ours dead-letters.
    maxReceiveCount: 12,
    retentionDays: 4,
    fedBy: {
      rule: 'webhook-deliveries',
      sources: ['e-supervision.alerts', 'e-supervision.complaints', 'e-supervision.supervision', 'e-supervision.accountability'],
    },
  },
];

export const schedules: readonly ScheduleSpec[] = [
  {
    name: 'deadline-sweep',
    expression: 'rate(1 minute)',
    function: 'deadline-sweep',
    description:
      "Fires every due case check (time limits approaching or passed); at a quarter past each hour, checks every department's connection and the orders to correct past their deadline.",
  },
  {
    name: 'oversight-sweep',
    expression: 'rate(1 minute)',
    function: 'oversight-sweep',
    description: 'Fires every due complaint and supervision-case timer.',
  },
  {
    name: 'verify-records',
    // Five minutes past the hour: every write of the hour before (a commit takes seconds) is in.
    expression: 'cron(5 * * * ? *)',
    function: 'verify-records',
    kind: 'verification',
    description: 'Verifies the seals of the act records stored in the hour before, and of a rolling share of older hours.',
  },
  {
    name: 'personal-data-keys',
    // 01:30 Beijing time, once a day: keys are made two months ahead, deletions are due by the day.
    expression: 'cron(30 17 * * ? *)',
    function: 'personal-data-keys',
    description: 'Creates the personal-data keys needed ahead and schedules the deletion of those nothing may need.',
  },
  {
    name: 'evaluation-schedule',
    // 02:00 Shanghai time (UTC+8, no daylight saving) on the 1st is 18:00 UTC on the last day of
    // the month before, which EventBridge cron writes with `L` in the day-of-month field.
    expression: 'cron(0 18 L * ? *)',
    function: 'evaluation-schedule',
    kind: 'calendar',
    description:
      'Evaluates the month just ended, and the quarter and the year that end with it, once per owner: the city and every district with a scoring model in force.',
  },
  {
    // Every 5 minutes: an entry is sealed at most 5 minutes after its grace period ends.
    name: 'audit-seal',
    expression: 'rate(5 minutes)',
    function: 'audit-sealer',
    description: 'Seals the audit entries written up to a grace period ago into a signed, chained digest.',
  },
];

export const deploymentSteps: readonly DeploymentStepSpec[] = [
  {
    name: 'city-structure',
    function: 'apply-city-structure',
    resourceType: 'Custom::CityStructure',
    description: 'The city, its districts, counties and county-level cities, and the departments of the configuration, applied to the reference table.',
  },
  {
    name: 'personal-data-keys',
    function: 'personal-data-keys',
    resourceType: 'Custom::PersonalDataKeys',
    description: "The personal-data keys a deployment's retention and backup settings need, made before any complaint is sealed under them.",
  },
];

/**
 * The event bus every change of a signal is published on (`AlertRaised`, `AlertEscalated`, ...,
 * and the signals of complaints and supervision cases, `ComplaintSignalRaised`,
 * `SupervisionSignalRaised`, `SupervisionCaseEscalated`; see docs/events.md); notification
 * channels subscribe to it with their own rules.
 */
export const alertEventBus = {
  name: 'alerts',
  source: 'e-supervision.alerts',
  /**
   * Every source put on the bus (and archived): alert changes, complaint signals, supervision
   * signals, the webhook deliveries' own news (a subscription disabled), and accountability
   * measures issued and their steps.
   */
  sources: ['e-supervision.alerts', 'e-supervision.complaints', 'e-supervision.supervision', 'e-supervision.webhooks', 'e-supervision.accountability'],
  /** The source of the webhook deliveries' own events (`WebhookSubscriptionDisabled`). */
  webhookSource: 'e-supervision.webhooks',
} as const;

/** The authorizer function used for `staff` routes. */
export const staffAuthorizerFunction: FunctionName = 'staff-authorizer';

/** Path of a function's handler module, relative to the repository root. */
export const handlerPath = (name: string): string => `functions/${name}/handler.ts`;

/** Environment variable names through which functions learn their resources. */
export const environmentNames = {
  tables: { cases: 'CASES_TABLE', reference: 'REFERENCE_TABLE', audit: 'AUDIT_TABLE', oversight: 'OVERSIGHT_TABLE', security: 'SECURITY_TABLE' },
  queues: { records: 'RECORDS_QUEUE_URL', webhooks: 'WEBHOOKS_QUEUE_URL' },
  /**
   * Whether webhook endpoints on this machine's loopback (`http://127.0.0.1:<port>`, `localhost`)
   * are allowed: `refused` in every deployment (set by the stack, not by the configuration);
   * `allowed` only under the local runtime's switch (`npm start -- --allow-loopback-webhooks`).
   */
  webhookLoopbackTargets: 'WEBHOOK_LOOPBACK_TARGETS',
  /** ARN of the key that seals webhook subscribers' signing secrets (functions with `webhookSecrets`). */
  webhookSecretKey: 'WEBHOOK_SECRET_KEY',
  /**
   * Where SMS subscriptions' texts go (functions that `sendsSms`): `unavailable` in every deployment
   * until a provider in China is configured (set by the stack); under the local runtime, the path
   * of its sink (`<data dir>/sms.jsonl`).
   */
  smsSink: 'SMS_SINK',
  jwtIssuer: 'JWT_ISSUER',
  jwtAudience: 'JWT_AUDIENCE',
  jwksUrl: 'JWKS_URL',
  departmentRolePrefix: 'DEPARTMENT_ROLE_PREFIX',
  /** The HMAC_256 KMS key the hour keys of the record seals are derived from (functions with `recordSeals`). */
  integrityKeyId: 'INTEGRITY_KEY_ID',
  alertEventBus: 'ALERT_EVENT_BUS',
  /** Key that wraps the data keys of complainants' personal data: a KMS key ARN, or `local:<file>`. */
  personalDataKey: 'PERSONAL_DATA_KEY',
  /** Key of the keyed hash that makes personal data searchable: a KMS HMAC key ARN, or `local:<file>`. */
  lookupHashKey: 'LOOKUP_HASH_KEY',
  /** Alias prefix of the personal-data keys per period, `alias/<prefix>-pd-` (`intake-<month>`, `retention-<month>` follow). */
  personalDataPeriodKeys: 'PERSONAL_DATA_PERIOD_KEYS',
  /** The key policy the keeper creates every personal-data key per period with (JSON). */
  personalDataPeriodKeyPolicy: 'PERSONAL_DATA_PERIOD_KEY_POLICY',
  /** File of the font written notices are set in (bundled beside the handler). */
  noticeFont: 'NOTICE_FONT_FILE',
  /** Bucket of the audit trail's sealed digests (Object Lock, compliance mode). */
  auditDigestBucket: 'AUDIT_DIGEST_BUCKET',
  /** ARN of the asymmetric KMS key that signs the audit trail's digests. */
  auditSigningKey: 'AUDIT_SIGNING_KEY',
  /** The settings of the deployment configuration, as the functions that read them get them (see {@link FunctionSpec.settings}). */
  settings: {
    escalatePromptAfterWorkingDays: 'ESCALATE_PROMPT_AFTER_WORKING_DAYS',
    escalateWarningAfterWorkingDays: 'ESCALATE_WARNING_AFTER_WORKING_DAYS',
    feedStaleAfterHours: 'FEED_STALE_AFTER_HOURS',
    connectionSilentAfterWorkingHours: 'CONNECTION_SILENT_AFTER_WORKING_HOURS',
    connectionGraceWorkingDays: 'CONNECTION_GRACE_WORKING_DAYS',
    refusedPercentLimit: 'DATA_STANDARD_REFUSED_PERCENT_LIMIT',
    refusedWindowDays: 'DATA_STANDARD_REFUSED_WINDOW_DAYS',
    refusedMinimumRecords: 'DATA_STANDARD_REFUSED_MINIMUM_RECORDS',
    reportingLateAfterHours: 'REPORTING_LATE_AFTER_HOURS',
    reconciliationManifestDueHour: 'RECONCILIATION_MANIFEST_DUE_HOUR',
    complaintEscalateAfterWorkingDays: 'COMPLAINT_ESCALATE_AFTER_WORKING_DAYS',
    complaintHandlingPromptWorkingDays: 'COMPLAINT_HANDLING_PROMPT_WORKING_DAYS',
    complaintReopeningDays: 'COMPLAINT_REOPENING_DAYS',
    complaintPersonalDataRetentionDays: 'COMPLAINT_PERSONAL_DATA_RETENTION_DAYS',
    supervisionDecisionWorkingDays: 'SUPERVISION_DECISION_WORKING_DAYS',
    supervisionPromptWorkingDaysBefore: 'SUPERVISION_PROMPT_WORKING_DAYS_BEFORE',
    supervisionEscalateAfterWorkingDays: 'SUPERVISION_ESCALATE_AFTER_WORKING_DAYS',
    classifiedMarkers: 'CLASSIFIED_MARKERS',
    staffMaxSessionHours: 'STAFF_MAX_SESSION_HOURS',
    staffFailuresBeforeLockout: 'STAFF_FAILURES_BEFORE_LOCKOUT',
    staffLockoutWindowMinutes: 'STAFF_LOCKOUT_WINDOW_MINUTES',
    personalDataKeyPendingWindowDays: 'PERSONAL_DATA_KEY_PENDING_WINDOW_DAYS',
    personalDataBackupWindowDays: 'PERSONAL_DATA_BACKUP_WINDOW_DAYS',
    auditSealGraceSeconds: 'AUDIT_SEAL_GRACE_SECONDS',
    webhookDisableAfterFailingHours: 'WEBHOOK_DISABLE_AFTER_FAILING_HOURS',
    accountabilityOrderEscalateAfterWorkingDays: 'ACCOUNTABILITY_ORDER_ESCALATE_AFTER_WORKING_DAYS',
  },
  /** CloudWatch namespace of the functions' metrics (read by Powertools); unset: metrics go to the debug log. */
  metricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
} as const satisfies {
  tables: Record<TableName, string>;
  queues: Record<QueueName, string>;
  [k: string]: unknown;
};
