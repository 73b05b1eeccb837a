import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs. What goes in is chosen field by field: identifiers of departments,
 * cases and rules, counts and reasons; never request bodies, tokens or personal data.
 */
export const createLogger = (serviceName: string): Logger => new Logger({ serviceName, logLevel: (process.env['LOG_LEVEL'] as 'INFO' | undefined) ?? 'INFO' });
