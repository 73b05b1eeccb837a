/**
 * The complaint use cases' dependencies for the staff API, composed once per cold start from the
 * function environment: everything, the audit store and the notice renderer included. The
 * complainant's side is composed in `public-complaint-dependencies-from-environment.ts`.
 */
import type { ComplaintDependencies } from '../application/complaints/complaint-dependencies.ts';
import { NoticeRenderingEnvironment, OversightEnvironment, readEnvironment } from '../config/function-environment.ts';
import { complaintBaseFromEnvironment, protectorOnFirstUse } from './complaint-base-from-environment.ts';
import { DynamoDbAuditLog } from './dynamodb/dynamodb-audit-log.ts';
import { PdfKitNoticeRenderer } from './pdf/pdfkit-notice-renderer.ts';

/**
 * Reads the environment (throws `ConfigurationError` when it is invalid) and builds the clients
 * now; the answer gives the dependencies per request, the personal-data protector created on the
 * first one.
 */
export function complaintDependenciesFromEnvironment(environment: NodeJS.ProcessEnv = process.env): () => Promise<ComplaintDependencies> {
  const env = readEnvironment(OversightEnvironment, environment);
  const fonts = readEnvironment(NoticeRenderingEnvironment, environment);
  const { keys, documentClient, base } = complaintBaseFromEnvironment(environment);
  const staffSide = {
    ...base,
    renderer: new PdfKitNoticeRenderer(fonts.NOTICE_FONT_FILE === undefined ? {} : { fontFile: fonts.NOTICE_FONT_FILE }),
    audit: new DynamoDbAuditLog(documentClient, env.AUDIT_TABLE),
  };
  const protector = protectorOnFirstUse(keys);
  return async () => ({ ...staffSide, protector: await protector() });
}
