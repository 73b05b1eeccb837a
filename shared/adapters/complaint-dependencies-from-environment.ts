/**
 * The complaint use cases' dependencies, composed once per cold start from the function
 * environment, one composition per side: the staff API (everything), the public filing (new
 * complaints stored, personal data sealed, nothing read back) and the holder of a query token
 * (complaints read and written, personal data sealed and opened, no notice renderer, no audit).
 */
import type {
  ComplaintDependencies,
  ComplaintFilingDependencies,
  ComplaintFollowUpDependencies,
} from '../application/complaints/complaint-dependencies.ts';
import { CalendarProvider } from '../application/calendar-provider.ts';
import type { PersonalDataProtector, PersonalDataSealer } from '../application/ports.ts';
import { readComplaintSettings } from '../config/complaint-environment.ts';
import { OversightEnvironment, PersonalDataEnvironment, PublicComplaintEnvironment, readEnvironment } from '../config/function-environment.ts';
import { personalDataProtectorFrom, type PersonalDataKeyEnvironment } from './crypto/personal-data-protector-from-environment.ts';
import { createDocumentClient } from './dynamodb/document-client.ts';
import { DynamoDbAuditLog } from './dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCalendarStore } from './dynamodb/dynamodb-calendar-store.ts';
import { DynamoDbComplaintRepository } from './dynamodb/dynamodb-complaint-repository.ts';
import { DynamoDbReferenceReader } from './dynamodb/dynamodb-reference-reader.ts';
import { PdfKitNoticeRenderer } from './pdf/pdfkit-notice-renderer.ts';

/**
 * The personal-data protector, read from its keys (local files or KMS) on the first request; a
 * failed start is retried on the next one.
 */
function protectorOnFirstUse(keys: PersonalDataKeyEnvironment): () => Promise<PersonalDataProtector> {
  let protector: Promise<PersonalDataProtector> | undefined;
  return () => {
    protector ??= personalDataProtectorFrom(keys).catch((error: unknown) => {
      protector = undefined;
      throw error;
    });
    return protector;
  };
}

/** What every side shares: the complaints, the reference data, the calendar, the clock and the settings. */
function complaintBase(environment: NodeJS.ProcessEnv) {
  const env = readEnvironment(PublicComplaintEnvironment, environment);
  const keys = readEnvironment(PersonalDataEnvironment, environment);
  const settings = readComplaintSettings(environment);
  const documentClient = createDocumentClient();
  const calendars = new CalendarProvider(new DynamoDbCalendarStore(documentClient, env.REFERENCE_TABLE));
  return {
    keys,
    documentClient,
    base: {
      complaints: new DynamoDbComplaintRepository(documentClient, env.OVERSIGHT_TABLE),
      reference: new DynamoDbReferenceReader(documentClient, env.REFERENCE_TABLE),
      calendar: () => calendars.calendar(),
      clock: () => new Date(),
      settings,
    },
  };
}

/**
 * The staff API's dependencies. Reads the environment (throws `ConfigurationError` when it is
 * invalid) and builds the clients now; the answer gives the dependencies per request.
 */
export function complaintDependenciesFromEnvironment(environment: NodeJS.ProcessEnv = process.env): () => Promise<ComplaintDependencies> {
  const env = readEnvironment(OversightEnvironment, environment);
  const { keys, documentClient, base } = complaintBase(environment);
  const staffSide = {
    ...base,
    renderer: new PdfKitNoticeRenderer(keys.NOTICE_FONT_FILE === undefined ? {} : { fontFile: keys.NOTICE_FONT_FILE }),
    audit: new DynamoDbAuditLog(documentClient, env.AUDIT_TABLE),
  };
  const protector = protectorOnFirstUse(keys);
  return async () => ({ ...staffSide, protector: await protector() });
}

/** The sealing half of a protector, and nothing to open with. */
export const sealerOf = (protector: PersonalDataProtector): PersonalDataSealer => ({
  seal: (fields, context) => protector.seal(fields, context),
  sealDocument: (bytes, context) => protector.sealDocument(bytes, context),
  lookupHash: (value) => protector.lookupHash(value),
});

/**
 * The public filing's dependencies: a sealer, not a protector, and the repository typed to save.
 * What keeps the filing from reading is its role (no read of the oversight table, no unwrapping
 * of data keys: `docs/deploy.md` §9); this keeps its code from trying.
 */
export function complaintFilingDependenciesFromEnvironment(environment: NodeJS.ProcessEnv = process.env): () => Promise<ComplaintFilingDependencies> {
  const { keys, base } = complaintBase(environment);
  const protector = protectorOnFirstUse(keys);
  return async () => ({ ...base, protector: sealerOf(await protector()) });
}

/** The dependencies of the query-token holder's requests: status, notices, rating, re-opening. */
export function complaintFollowUpDependenciesFromEnvironment(environment: NodeJS.ProcessEnv = process.env): () => Promise<ComplaintFollowUpDependencies> {
  const { keys, base } = complaintBase(environment);
  const protector = protectorOnFirstUse(keys);
  return async () => ({ ...base, protector: await protector() });
}
