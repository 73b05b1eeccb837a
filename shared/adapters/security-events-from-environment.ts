/**
 * The security events of any function, composed once at cold start: each event becomes a
 * `securityEvent: <kind>` log line (which the stack's metric filters and alarms match) and an item
 * of the security administrator's store. A function that raises security events needs the
 * security table (`SECURITY_TABLE`) with `PutItem` on `EVENTS#*` — `raiseSecurityEvents` in
 * `shared/topology.ts` — and calls `record` with the event.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SecurityEvent, SecurityEventLog } from '../application/security-events.ts';
import { readEnvironment, tablesEnvironment } from '../config/function-environment.ts';
import { LoggedSecurityEvents } from '../observability/logged-security-events.ts';
import { environmentNames } from '../topology.ts';
import { createDocumentClient } from './dynamodb/document-client.ts';
import { DynamoDbSecurityEventLog } from './dynamodb/dynamodb-security-events.ts';

/**
 * Records each event to every log in turn. The log line comes first, so the alarm sees the event
 * even when the store cannot take it; a store failure is then thrown to the caller (it is a
 * failure of the request, not something to hide).
 */
export class SecurityEventsToEach implements SecurityEventLog {
  readonly #logs: readonly SecurityEventLog[];

  constructor(...logs: readonly SecurityEventLog[]) {
    this.#logs = logs;
  }

  async record(event: SecurityEvent): Promise<void> {
    for (const log of this.#logs) await log.record(event);
  }
}

/**
 * The log line and the store, from the function's environment.
 * @throws ConfigurationError when `SECURITY_TABLE` is not set (the function has no grant on the table)
 */
export function securityEventsFromEnvironment(
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
  documentClient: DynamoDBDocumentClient = createDocumentClient(),
): SecurityEventLog {
  const table = readEnvironment(tablesEnvironment.security, env)[environmentNames.tables.security];
  return new SecurityEventsToEach(new LoggedSecurityEvents(logger), new DynamoDbSecurityEventLog(documentClient, table));
}
