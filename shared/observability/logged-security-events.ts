/**
 * Security events as structured log lines (`securityEvent: <kind>`), the form the stack's metric
 * filters and alarms match. The store the security administrator reads comes beside it.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { SecurityEvent, SecurityEventLog } from '../application/security-events.ts';
import { securityEventLogFields } from './operational-metrics.ts';

export class LoggedSecurityEvents implements SecurityEventLog {
  constructor(private readonly logger: Logger) {}

  async record(event: SecurityEvent): Promise<void> {
    this.logger.warn('security event', {
      [securityEventLogFields.field]: event.kind,
      source: event.source,
      ...(event.subject ? { subject: event.subject } : {}),
      ...event.detail,
    });
  }
}
