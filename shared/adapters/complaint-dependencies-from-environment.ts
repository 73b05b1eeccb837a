/**
 * The complaint use cases' dependencies, composed once per cold start from the function
 * environment: the same for the public intake and for the staff API.
 */
import type { ComplaintDependencies } from '../application/complaints/complaint-dependencies.ts';
import { CalendarProvider } from '../application/calendar-provider.ts';
import type { PersonalDataProtector } from '../application/ports.ts';
import { readComplaintSettings } from '../config/complaint-environment.ts';
import { OversightEnvironment, PersonalDataEnvironment, readEnvironment } from '../config/function-environment.ts';
import { personalDataProtectorFrom } from './crypto/personal-data-protector-from-environment.ts';
import { createDocumentClient } from './dynamodb/document-client.ts';
import { DynamoDbAuditLog } from './dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCalendarStore } from './dynamodb/dynamodb-calendar-store.ts';
import { DynamoDbComplaintRepository } from './dynamodb/dynamodb-complaint-repository.ts';
import { DynamoDbReferenceReader } from './dynamodb/dynamodb-reference-reader.ts';
import { PdfKitNoticeRenderer } from './pdf/pdfkit-notice-renderer.ts';

/**
 * Reads the environment (throws `ConfigurationError` when it is invalid) and builds the clients
 * now; the answer gives the dependencies per request, the personal-data protector created on the
 * first one.
 */
export function complaintDependenciesFromEnvironment(environment: NodeJS.ProcessEnv = process.env): () => Promise<ComplaintDependencies> {
  const env = readEnvironment(OversightEnvironment, environment);
  const keys = readEnvironment(PersonalDataEnvironment, environment);
  const settings = readComplaintSettings(environment);
  const documentClient = createDocumentClient();
  const calendars = new CalendarProvider(new DynamoDbCalendarStore(documentClient, env.REFERENCE_TABLE));
  const base = {
    complaints: new DynamoDbComplaintRepository(documentClient, env.OVERSIGHT_TABLE),
    renderer: new PdfKitNoticeRenderer(keys.NOTICE_FONT_FILE === undefined ? {} : { fontFile: keys.NOTICE_FONT_FILE }),
    reference: new DynamoDbReferenceReader(documentClient, env.REFERENCE_TABLE),
    audit: new DynamoDbAuditLog(documentClient, env.AUDIT_TABLE),
    calendar: () => calendars.calendar(),
    clock: () => new Date(),
    settings,
  };
  // The protector reads its keys once (local files or KMS); a failed start is retried on the next request.
  let protector: Promise<PersonalDataProtector> | undefined;
  return async () => {
    protector ??= personalDataProtectorFrom(keys).catch((error: unknown) => {
      protector = undefined;
      throw error;
    });
    return { ...base, protector: await protector };
  };
}
