/**
 * What every complaint function composes from its environment, whichever side it serves: the
 * complaints, the reference data, the calendar, the clock, the settings and the personal-data
 * protector. Kept apart from the notice renderer, so the public functions' bundles carry no PDF
 * library.
 */
import { CalendarProvider } from '../application/calendar-provider.ts';
import type { PersonalDataProtector } from '../application/ports.ts';
import { readComplaintSettings } from '../config/complaint-environment.ts';
import { PersonalDataEnvironment, PublicComplaintEnvironment, readEnvironment } from '../config/function-environment.ts';
import { personalDataProtectorFrom, type PersonalDataKeyEnvironment } from './crypto/personal-data-protector-from-environment.ts';
import { createDocumentClient } from './dynamodb/document-client.ts';
import { DynamoDbCalendarStore } from './dynamodb/dynamodb-calendar-store.ts';
import { DynamoDbComplaintRepository } from './dynamodb/dynamodb-complaint-repository.ts';
import { DynamoDbReferenceReader } from './dynamodb/dynamodb-reference-reader.ts';

/**
 * The personal-data protector, read from its keys (local files or KMS) on the first request; a
 * failed start is retried on the next one.
 */
export function protectorOnFirstUse(keys: PersonalDataKeyEnvironment): () => Promise<PersonalDataProtector> {
  let protector: Promise<PersonalDataProtector> | undefined;
  return () => {
    protector ??= personalDataProtectorFrom(keys).catch((error: unknown) => {
      protector = undefined;
      throw error;
    });
    return protector;
  };
}

/**
 * Reads the environment (throws `ConfigurationError` when it is invalid) and builds the clients
 * now: the keys, the document client, and the dependencies every side shares.
 */
export function complaintBaseFromEnvironment(environment: NodeJS.ProcessEnv) {
  const env = readEnvironment(PublicComplaintEnvironment, environment);
  const keys = readEnvironment(PersonalDataEnvironment, environment);
  const settings = readComplaintSettings(environment);
  const documentClient = createDocumentClient();
  const calendars = new CalendarProvider(new DynamoDbCalendarStore(documentClient, env.REFERENCE_TABLE));
  return {
    keys,
    documentClient,
    base: {
      complaints: new DynamoDbComplaintRepository(documentClient, env.OVERSIGHT_TABLE, env.CASES_TABLE),
      reference: new DynamoDbReferenceReader(documentClient, env.REFERENCE_TABLE),
      calendar: () => calendars.calendar(),
      clock: () => new Date(),
      settings,
    },
  };
}
