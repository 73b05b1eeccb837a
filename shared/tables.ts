/**
 * Table designs, declared once: CDK builds `TableV2`s from them and the local runtime creates
 * the same tables in DynamoDB Local. Every access pattern is written next to the table; each is
 * a GetItem or a Query on a key or index built for it (no Scan on any request or sweep path).
 */
import type { TableName } from './topology.ts';

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface IndexDesign {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  /** Attributes projected besides the keys. */
  readonly projection: 'ALL' | 'KEYS_ONLY';
}

export interface TableDesign {
  readonly name: TableName;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly globalSecondaryIndexes: readonly IndexDesign[];
  /** Attribute holding an expiry epoch (seconds), if the table expires items. */
  readonly timeToLiveAttribute?: string;
  /** The access patterns this design serves, in the domain's words. */
  readonly accessPatterns: readonly string[];
}

const pk: KeyAttribute = { name: 'pk', type: 'S' };
const sk: KeyAttribute = { name: 'sk', type: 'S' };

/** Number of partitions the sweep index is spread over; the sweep queries each one. */
export const sweepShardCount = 4;

/**
 * Number of partitions each hour of the sealed-records index is spread over (by case): an hour's
 * records are written to this many index partitions, so an index partition's write limit
 * (1,000 items a second) is no ceiling for the records queue's consumer; the verifier queries each.
 */
export const sealShardCount = 4;

/**
 * Number of partitions a department's statistics aggregates are spread over (by case): concurrent
 * commits of one department's cases rarely update the same item.
 */
export const statisticsShardCount = 4;

export const tableDesigns: Record<TableName, TableDesign> = {
  cases: {
    name: 'cases',
    partitionKey: pk,
    sortKey: sk,
    globalSecondaryIndexes: [
      {
        indexName: 'alertsByDepartment',
        partitionKey: { name: 'alertDepartment', type: 'S' },
        sortKey: { name: 'alertOrder', type: 'S' },
        projection: 'ALL',
      },
      {
        indexName: 'alertsByJurisdiction',
        partitionKey: { name: 'alertJurisdiction', type: 'S' },
        sortKey: { name: 'alertOrder', type: 'S' },
        projection: 'ALL',
      },
      {
        indexName: 'alertsCitywide',
        partitionKey: { name: 'alertCitywide', type: 'S' },
        sortKey: { name: 'alertOrder', type: 'S' },
        projection: 'ALL',
      },
      {
        indexName: 'casesByMatter',
        partitionKey: { name: 'matterKey', type: 'S' },
        sortKey: { name: 'matterCaseOrder', type: 'S' },
        projection: 'KEYS_ONLY',
      },
      {
        indexName: 'crossCaseGroups',
        partitionKey: { name: 'crossCaseGroup', type: 'S' },
        sortKey: { name: 'crossCaseOrder', type: 'S' },
        projection: 'ALL',
      },
      {
        indexName: 'awaitingCalendar',
        partitionKey: { name: 'awaitingCalendarYear', type: 'S' },
        sortKey: { name: 'pk', type: 'S' },
        projection: 'KEYS_ONLY',
      },
      {
        indexName: 'dueChecks',
        partitionKey: { name: 'sweepShard', type: 'S' },
        sortKey: { name: 'nextCheckAt', type: 'S' },
        projection: 'KEYS_ONLY',
      },
      {
        indexName: 'recordsByDay',
        partitionKey: { name: 'reconDay', type: 'S' },
        sortKey: { name: 'reconEntry', type: 'S' },
        projection: 'KEYS_ONLY',
      },
      {
        indexName: 'sealedRecordsByHour',
        partitionKey: { name: 'sealHour', type: 'S' },
        sortKey: { name: 'pk', type: 'S' },
        projection: 'KEYS_ONLY',
      },
    ],
    accessPatterns: [
      'case state: GetItem pk=CASE#<department>#<kind>#<caseId>, sk=STATE (carries stateVersion for optimistic writes)',
      'case events in sequence order: Query pk=CASE#..., sk begins_with EVENT#',
      'ingest receipt of one record (idempotency key + content hash): conditional Put pk=RECEIPT#<department>#<kind>#<caseId>, sk=SEQ#<sequence> with awaitingQueue, UpdateItem removing awaitingQueue once the record is on the queue (kept apart so loading a case does not read receipts)',
      "a case's alerts: Query pk=CASE#..., sk begins_with ALERT#",
      'timeline of a case: Query pk=CASE#... (events, alerts, state in one query)',
      'level, status, kind and official (officialStaffId) filters on alert lists: FilterExpression on the index query (pages carry a cursor)',
      "a department's alerts, newest first: Query alertsByDepartment alertDepartment=<department>, ScanIndexForward=false",
      "a department's alerts raised in a period (a rectification suggestion's draft; signals per responsible official; a department's data-quality findings of a range): Query alertsByDepartment alertDepartment=<department>, alertOrder BETWEEN <first instant> AND <last instant>~ (sort key <raisedAt>#...)",
      "a district's alerts (or those of city-level departments), newest first: Query alertsByJurisdiction alertJurisdiction=<district>|city",
      'all alerts of the city, newest first: Query alertsCitywide alertCitywide=ALL',
      'cases of a catalogue matter, most recently started first (back-test): Query casesByMatter matterKey=<department>#<kind>#<matterCode>, ScanIndexForward=false (sort key <started on>#<caseId>)',
      "the members of a cross-case group, newest first (e.g. one buyer's awards): Query crossCaseGroups crossCaseGroup=<department>#<kind>#<group>, ScanIndexForward=false (sparse)",
      "cases whose deadlines are provisional until a year's holiday arrangement is loaded: Query awaitingCalendar awaitingCalendarYear=YEAR#<yyyy> (sparse)",
      'due case checks: Query dueChecks sweepShard=<0..n-1>, nextCheckAt <= now (sparse: only cases with a pending check)',
      "statistics aggregates (Art. 20), added to in each case's commit transaction: UpdateItem ADD pk=STATS#<department>#<0..n-1> (shard by case), sk=<yyyy-mm>#<kind>#<matterCode>",
      "complaints' statistics (Art. 19, 20), added to in each complaint change's own transaction (oversight table): UpdateItem ADD pk=STATS#<department, or jurisdiction:<id> when it names none>#<0..n-1> (shard by receipt number), sk=<yyyy-mm>#complaint#<category>",
      "a department's statistics of a period, and its open overdue cases at the period's end: Query pk=STATS#<department>#<shard>, sk BETWEEN <first month># AND <last month>#~ (from 0000-00# for the overdue counters), each shard",
      'every case of a catalogue matter (statistics verification): Query casesByMatter matterKey=<department>#<kind>#<matterCode>, every page',
      "a department's feed (its last accepted push, the kinds that ever produced a record, when the connection check first watched it): UpdateItem pk=FEED#<department>, sk=STATUS per accepted batch (conditional on a later time); GetItem by evaluation and the connection check",
      "a department's connection health per Shanghai day (accepted, duplicates, refused per class, lag classes): UpdateItem ADD pk=FEED#<department>, sk=DAY#<yyyy-mm-dd> once per batch; Query pk=FEED#<department>, sk BETWEEN DAY#<from> AND DAY#<to> (at most 92 days)",
      "a department's records of a Shanghai day (by occurredAt) for a reconciliation: Query recordsByDay reconDay=<department>#<yyyy-mm-dd>#<0..f>, each of the 16 (sparse, keys only: every receipt since reconciliation existed carries reconDay and reconEntry=<bucket>#<matterCode>#<caseId>#<sequence>#<content hash>); one bucket of one matter: the same with begins_with(reconEntry, <bucket>#<matterCode>#)",
      "a department's reconciliation of a day (its latest manifest compared, the differences listed): PutItem, GetItem pk=FEED#<department>, sk=RECON#<yyyy-mm-dd>; the days of a window: Query sk BETWEEN RECON#<from> AND RECON#<to>; the first day it reconciled: pk=FEED#<department>, sk=RECON",
      'the connection signals of a department (pseudo-cases of kind connection: feed and each connected kind): GetItem pk=CASE#<department>#connection#<feed|kind>, sk=ALERT#<ruleId>, written with their events to the outbox in one transaction',
      'the act records sealed in an hour (the seal verifier): Query sealedRecordsByHour sealHour=<yyyy-mm-ddThh>#<0..n-1> (keys only: every EVENT# item carries sealHour and its seal), then BatchGetItem of those items',
    ],
  },
  reference: {
    name: 'reference',
    partitionKey: pk,
    sortKey: sk,
    globalSecondaryIndexes: [
      {
        indexName: 'cityDirectory',
        partitionKey: { name: 'directory', type: 'S' },
        sortKey: { name: 'directoryOrder', type: 'S' },
        projection: 'ALL',
      },
    ],
    accessPatterns: [
      'a department profile (name, jurisdiction, connected record kinds, version): GetItem pk=DEPARTMENT#<department>, sk=PROFILE',
      'a jurisdiction profile (the city or a district, county or county-level city: name, kind, issuing organ, version): GetItem pk=JURISDICTION#<jurisdiction>, sk=PROFILE',
      'a profile changed by an administrator or by the deployment: conditional Put of the PROFILE item on its version (attribute_not_exists when new); what the configuration last applied is kept on the item (`applied`)',
      "the city's jurisdictions: Query cityDirectory directory=JURISDICTIONS (sort key <jurisdiction>; sparse: profiles only)",
      "every department of the city: Query cityDirectory directory=DEPARTMENTS (sort key <jurisdiction>#<department>); a jurisdiction's departments: the same with begins_with(directoryOrder, <jurisdiction>#)",
      'a catalogue matter of a department: GetItem pk=DEPARTMENT#<department>, sk=MATTER#<matterCode>',
      "a department's catalogue: Query pk=DEPARTMENT#<department>, sk begins_with MATTER#",
      'loaded holiday arrangements (working-day calendar), by year: Query pk=CALENDAR, sk begins_with YEAR#',
      "one year's holiday arrangement: GetItem pk=CALENDAR, sk=YEAR#<yyyy>; conditional Put on its version",
      'versions of a catalogue matter, oldest first: Query pk=DEPARTMENT#<department>, sk begins_with MATTERVERSION#<matterCode># (sk MATTERVERSION#<matterCode>#<version, 10 digits>)',
      "a department's catalogue with every version (the console listing): Query pk=DEPARTMENT#<department>, sk begins_with MATTER (MATTER# items sort before MATTERVERSION# items)",
      'the version in force on a date: the versions query above, chosen in memory (a matter has a handful of versions, one a year)',
      'a new matter version: TransactWriteItems — Put MATTERVERSION#<code>#<n> if attribute_not_exists, ConditionCheck MATTERVERSION#<code>#<n-1> exists (versions are dense, so n-1 is the latest), Put MATTER#<code> with the version in force today',
      "an owner's scoring model versions (the city's, or a district's own), oldest first: Query pk=EVALUATIONMODEL#<owner>, sk begins_with VERSION# (sk VERSION#<version, 10 digits>), consistent; the version in force for a period is chosen in memory (a handful of versions, one a year)",
      'one scoring model version: GetItem pk=EVALUATIONMODEL#<owner>, sk=VERSION#<version>',
      'a new scoring model version: Put VERSION#<latest + 1> if attribute_not_exists (versions are dense, so two writers that read the same versions contend for the same item)',
      "a period's evaluation versions (a month, quarter or year), oldest first: Query pk=EVALUATION#<owner>#<period>, sk begins_with VERSION# (sk VERSION#<version, 10 digits>; the evaluation gzipped), consistent; a new one: Put VERSION#<latest + 1> if attribute_not_exists",
      "a period's published evaluations (approved versions, each a copy with its approval), oldest first: Query pk=PUBLISHEDEVALUATION#<owner>#<period>, sk begins_with VERSION#, consistent; an approval: Put VERSION#<version> if attribute_not_exists (the first approval stands)",
      "a department's rectification suggestion of a period: GetItem pk=RECTIFICATION#<department>, sk=PERIOD#<period>; new: Put if attribute_not_exists (one per department and period); a step: Put on its version",
      "an owner's webhook subscriptions (a department's, or a supervisor office's): Query pk=WEBHOOKS#<department:<id>|jurisdiction:<id>>, sk begins_with SUBSCRIPTION# (a handful; the delivery fan-out queries the event's department, jurisdiction and the city); one: GetItem sk=SUBSCRIPTION#<id> (the id names its owner)",
      'a new webhook subscription: TransactWriteItems — Put SUBSCRIPTION#<id> if attribute_not_exists, Put pk=WEBHOOKSECRET#<id>, sk=SECRET (the console API may write and delete secrets, never read them; the delivery function reads them)',
      "a person's change of a subscription: UpdateItem of its fields on its version (a rotation: in a transaction with the new secret; a removal: Delete of both on its version); the deliveries' marks: UpdateItem SET failingSince = if_not_exists(...), REMOVE it on a success, disabling conditional on status = active (version + 1)",
      "a subscription's delivery log, newest first: Query pk=WEBHOOKDELIVERIES#<id>, ScanIndexForward=false, pages by LastEvaluatedKey (sk <instant>#<event id>#<attempt>); appended with Put, never read by the delivery function",
      "a department's rectification suggestions, newest period first: Query pk=RECTIFICATION#<department>, ScanIndexForward=false (status: FilterExpression)",
      "a jurisdiction's or the city's rectification suggestions: Query cityDirectory directory=RECTIFICATIONS (sort key <jurisdiction>#<department>#<period>), begins_with(directoryOrder, <jurisdiction>#) for a jurisdiction",
      'an accountability measure (Art. 23, 24): GetItem pk=ACCOUNTABILITY#<number>, sk=MEASURE, consistent; new: Put if attribute_not_exists (a number drawn again when taken); a step: Put on its version',
      "a department's, a jurisdiction's or the city's accountability measures, newest number first: Query cityDirectory directory=ACCOUNTABILITY (sort key <jurisdiction>#<department>#<number>), begins_with(directoryOrder, <jurisdiction>#[<department>#]), ScanIndexForward=false (type, status: FilterExpression)",
      'the orders to correct past their deadline, for the hourly overdue check: Query cityDirectory directory=ACCOUNTABILITY, FilterExpression measureType=correctionOrder AND correctionDeadline < <today> AND (status <> corrected OR updatedAt >= <31 days ago>) (reads every measure of the directory: measures are few, tens a year)',
      "an owner's special reports of a period, by number: Query pk=SPECIALREPORT#<owner>#<period>, sk begins_with REPORT# (sk REPORT#<number, 10 digits>; the report gzipped), consistent; one: GetItem; a new one: Put REPORT#<latest + 1> if attribute_not_exists; an edit or the issue: Put if version = <the version read> and status = draft",
    ],
  },
  oversight: {
    name: 'oversight',
    partitionKey: pk,
    sortKey: sk,
    globalSecondaryIndexes: [
      {
        indexName: 'oversightDue',
        partitionKey: { name: 'sweepShard', type: 'S' },
        sortKey: { name: 'dueAt', type: 'S' },
        projection: 'KEYS_ONLY',
      },
      {
        indexName: 'supervisorQueue',
        partitionKey: { name: 'queueJurisdiction', type: 'S' },
        sortKey: { name: 'queueOrder', type: 'S' },
        projection: 'KEYS_ONLY',
      },
      {
        indexName: 'supervisorQueueCitywide',
        partitionKey: { name: 'queueCitywide', type: 'S' },
        sortKey: { name: 'queueOrder', type: 'S' },
        projection: 'KEYS_ONLY',
      },
      {
        indexName: 'departmentQueue',
        partitionKey: { name: 'queueDepartment', type: 'S' },
        sortKey: { name: 'queueOrder', type: 'S' },
        projection: 'KEYS_ONLY',
      },
      {
        indexName: 'complainantLookup',
        partitionKey: { name: 'lookupHash', type: 'S' },
        sortKey: { name: 'pk', type: 'S' },
        projection: 'KEYS_ONLY',
      },
    ],
    accessPatterns: [
      'a complaint: GetItem pk=COMPLAINT#<receiptNumber>, sk=STATE (as last written whole; personal fields sealed per field, the query token only as a hash) and GetItem sk=STATE#TIMERS (version for optimistic writes, timer firings since, replayed on STATE; events not yet published)',
      'a timer firing (complaint, supervision request or case): one conditional UpdateItem of <pk>/STATE#TIMERS on its version (under 1 KB; appends the firing, marks its events unpublished; dueAt kept, so no index write); once published, one conditional UpdateItem moving dueAt to the next timer. Costs: docs/tables.md',
      "a person's change: TransactWriteItems of Put STATE#TIMERS on the version read (events a firing left unpublished stay marked), Put STATE, Put STEP# items (those of the firings since, then the change's)",
      "a complaint's timeline: Query pk=COMPLAINT#<receiptNumber>, sk BETWEEN STATE AND STEP$ (STEP# items, and the firings since the last whole write with the STATE they are replayed on)",
      "a complaint's written notice (sealed PDF, deliveries): GetItem pk=COMPLAINT#<receiptNumber>, sk=NOTICE#<decision|result>",
      "a complainant's lookup hashes (ID number, phone), one item each: pk=COMPLAINT#<receiptNumber>, sk=LOOKUP#<n>, projected in complainantLookup",
      'complaints of one person: Query complainantLookup lookupHash=<keyed hash> (sparse: real-name complaints only)',
      "erasing a complaint's personal data when its retention ends: Query pk=COMPLAINT#<receiptNumber>, sk begins_with LOOKUP#, then one transaction rewriting STATE (on its version) and deleting the LOOKUP# and NOTICE# items",
      'a supervision request or case: GetItem pk=SUPERVISION#<number>, sk=STATE and sk=STATE#TIMERS; its timeline: Query pk=SUPERVISION#<number>, sk BETWEEN STATE AND STEP$',
      "a jurisdiction's queue, soonest deadline first: Query supervisorQueue queueJurisdiction=<district|city>#<queue> (sort key <deadline>#<number>; keys only), then BatchGetItem of the page's STATE and STATE#TIMERS items",
      "the city's queue: Query supervisorQueueCitywide queueCitywide=<queue> (keys only), then BatchGetItem as above",
      "a department's queue (forwarded complaints, supervision cases): Query departmentQueue queueDepartment=<department>#<queue> (keys only), then BatchGetItem as above",
      'due timers (acceptance clock, handling deadlines, overdue cases, personal-data retention ends) and firings whose events are not published yet: Query oversightDue sweepShard=<0..n-1>, dueAt <= now (sparse, keys only: only STATE#TIMERS items with a pending timer or an unpublished event)',
    ],
  },
  audit: {
    name: 'audit',
    partitionKey: pk,
    sortKey: sk,
    globalSecondaryIndexes: [],
    accessPatterns: [
      'append an audit entry, never reading first: conditional Put pk=AUDIT#<yyyy-mm-dd>, sk=<instant>#<counter of the writer>#<random id>, attribute_not_exists (the functions may only PutItem here)',
      'read a day of audit entries in order (auditors, the sealer): Query pk=AUDIT#<yyyy-mm-dd>',
    ],
  },
  security: {
    name: 'security',
    partitionKey: pk,
    sortKey: sk,
    globalSecondaryIndexes: [
      {
        indexName: 'securityEventsByKind',
        partitionKey: { name: 'kindDay', type: 'S' },
        sortKey: { name: 'sk', type: 'S' },
        projection: 'ALL',
      },
    ],
    // Security events expire a little over a year after they happened; counters and sign-in marks when they no longer matter.
    timeToLiveAttribute: 'expiresAt',
    accessPatterns: [
      'append a security event, never reading first: conditional Put pk=EVENTS#<yyyy-mm-dd, Asia/Shanghai>, sk=<instant>#<counter of the writer>#<random id>, kindDay=<kind>#<yyyy-mm-dd>, expiresAt=<instant + 400 days>, attribute_not_exists (the functions that raise events may only PutItem on EVENTS#*)',
      "a day's security events in order (the security administrator): Query pk=EVENTS#<day>, pages by LastEvaluatedKey",
      "a day's security events of one kind: Query securityEventsByKind kindDay=<kind>#<day>",
      'failed authentications from one source address (the staff authorizer): UpdateItem ADD failures on pk=FAILURES#<address hash>, sk=<window start>, expiresAt after the next window',
      'whether a source address is locked out: Query pk=FAILURES#<address hash>, sk >= <start of the previous window> (two items at most)',
      "a staff sign-in's first use, audited once: conditional Put pk=SIGNIN#<session key>, sk=FIRST_USE, attribute_not_exists, expiresAt=<end of the session>",
    ],
  },
};

/** Key prefixes of the security table's partitions, for the grants' leading keys and the adapters. */
export const securityPartitions = {
  events: 'EVENTS#',
  failures: 'FAILURES#',
  signIns: 'SIGNIN#',
} as const;

/** Physical table name for a deployment (`prefix-name`). */
export const physicalTableName = (prefix: string, name: TableName): string => `${prefix}-${name}`;
