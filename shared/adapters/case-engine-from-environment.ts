/**
 * The case engine of a function that runs it on its own tables (processing, the deadline sweep):
 * one wiring, read from the environment once at cold start. Each invocation takes the engine with
 * the record kinds and the working-day calendar as they stand then (both cached per container).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createCaseEngine, type CaseEngine } from '../application/case-engine.ts';
import { CalendarProvider } from '../application/calendar-provider.ts';
import { StaleFeedWatch } from '../observability/stale-feed-watch.ts';
import { RecordFamilyProvider } from '../application/record-family-provider.ts';
import { RecordSealer } from '../application/record-seals/hour-keys.ts';
import { CaseProcessingEnvironment, EscalationEnvironment, FeedEnvironment, readEnvironment, ReportingEnvironment } from '../config/function-environment.ts';
import type { WorkingDayCalendar } from '../domain/calendar/working-day-calendar.ts';
import type { RecordFamilyRegistry } from '../domain/records/record-families.ts';
import { CachedMatterVersions } from './dynamodb/cached-matter-versions.ts';
import { DynamoDbCalendarStore } from './dynamodb/dynamodb-calendar-store.ts';
import { DynamoDbCaseRepository } from './dynamodb/dynamodb-case-repository.ts';
import { DynamoDbCatalogueRepository } from './dynamodb/dynamodb-catalogue-repository.ts';
import { DynamoDbFeedStatus } from './dynamodb/dynamodb-feed-status.ts';
import { DynamoDbRecordKindStore } from './dynamodb/dynamodb-record-kind-store.ts';
import { DynamoDbReferenceReader } from './dynamodb/dynamodb-reference-reader.ts';
import { DynamoDbSignalEventOutbox } from './dynamodb/dynamodb-signal-event-outbox.ts';
import { EventBridgeSignalEventPublisher } from './eventbridge/eventbridge-signal-event-publisher.ts';
import { hourKeysFromEnvironment } from './kms/hour-keys-from-environment.ts';

export interface CaseEngineWiringOptions {
  /** Whether the function stores departments' records (then it seals them under the record-seal key). */
  readonly storesRecords: boolean;
  /** Whether to note the departments whose feed a run finds stale (the sweep's metric). */
  readonly watchesFeeds?: boolean;
}

export interface CaseEngineWiring {
  readonly cases: DynamoDbCaseRepository;
  readonly relay: { readonly outbox: DynamoDbSignalEventOutbox; readonly publisher: EventBridgeSignalEventPublisher };
  /** The departments found stale since last taken, when the wiring watches feeds. */
  readonly staleFeeds?: StaleFeedWatch;
  /** The engine for one invocation, with the current record kinds and calendar. */
  engine(): Promise<{ engine: CaseEngine; calendar: WorkingDayCalendar; families: RecordFamilyRegistry }>;
}

export function caseEngineFromEnvironment(documentClient: DynamoDBDocumentClient, options: CaseEngineWiringOptions): CaseEngineWiring {
  const env = readEnvironment(CaseProcessingEnvironment);
  const escalation = readEnvironment(EscalationEnvironment);
  const staleAfterMs = readEnvironment(FeedEnvironment).FEED_STALE_AFTER_HOURS * 3_600_000;
  const lateAfterHours = readEnvironment(ReportingEnvironment).REPORTING_LATE_AFTER_HOURS;
  // The State Council arrangement, with the years a supervisor loaded or corrected laid over it.
  const families = new RecordFamilyProvider(new DynamoDbRecordKindStore(documentClient, env.REFERENCE_TABLE));
  const calendars = new CalendarProvider(new DynamoDbCalendarStore(documentClient, env.REFERENCE_TABLE));
  // Every record stored is sealed under the current hour's key, derived from the record-seal key at most once an hour.
  const sealer = options.storesRecords ? new RecordSealer(hourKeysFromEnvironment(2), () => new Date()) : undefined;
  const cases = new DynamoDbCaseRepository(documentClient, env.CASES_TABLE, sealer);
  const feedStatus = new DynamoDbFeedStatus(documentClient, env.CASES_TABLE, staleAfterMs);
  const staleFeeds = options.watchesFeeds ? new StaleFeedWatch(feedStatus) : undefined;
  const relay = { outbox: new DynamoDbSignalEventOutbox(documentClient, env.CASES_TABLE), publisher: new EventBridgeSignalEventPublisher(env.ALERT_EVENT_BUS) };
  const fixed = {
    cases,
    reference: new DynamoDbReferenceReader(documentClient, env.REFERENCE_TABLE),
    escalation: {
      promptToWarningWorkingDays: escalation.ESCALATE_PROMPT_AFTER_WORKING_DAYS,
      warningToCorrectionWorkingDays: escalation.ESCALATE_WARNING_AFTER_WORKING_DAYS,
    },
    reporting: { lateAfterHours },
    feeds: staleFeeds ?? feedStatus,
    matterVersions: new CachedMatterVersions(new DynamoDbCatalogueRepository(documentClient, env.REFERENCE_TABLE)),
    relay,
  };
  return {
    cases,
    relay,
    ...(staleFeeds ? { staleFeeds } : {}),
    async engine() {
      const [registry, calendar] = await Promise.all([families.registry(), calendars.calendar()]);
      return { engine: createCaseEngine({ ...fixed, families: registry, calendar }), calendar, families: registry };
    },
  };
}
