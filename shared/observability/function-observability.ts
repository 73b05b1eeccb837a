/**
 * What every function observes with, in one place: its logger, its metrics sink, its security
 * events, and the middlewares that put the invocation context on every log line and write the
 * metrics when the invocation ends. A handler registers them first, so the error mapper (registered last) still
 * runs inside them: `middy(fn).use(observability.middlewares).use(httpErrorMapper(observability))`.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import * as z from 'zod';
import { readEnvironment } from '../config/function-environment.ts';
import type { SecurityEventLog } from '../application/security-events.ts';
import { environmentNames, raisesSecurityEvents, type FunctionName } from '../topology.ts';
import { securityEventsFromEnvironment } from '../adapters/security-events-from-environment.ts';
import { LoggedSecurityEvents } from './logged-security-events.ts';
import { LoggedMetricsSink } from './logged-metrics-sink.ts';
import { createLogger } from './logger.ts';
import type { MetricsSink } from './operational-metrics.ts';
import { metricsDiagnostics, PowertoolsMetricsSink } from './powertools-metrics-sink.ts';

/** The metrics namespace, set by the stack on every function; absent in the local runtime and tests. */
export const ObservabilityEnvironment = z.object({
  [environmentNames.metricsNamespace]: z
    .string()
    .regex(/^[A-Za-z0-9._#:/-]{1,255}$/, 'a CloudWatch namespace: letters, digits and . _ # : / -')
    .optional(),
});

/** A Powertools middleware, as middy takes it. */
export type ObservabilityMiddleware = ReturnType<typeof injectLambdaContext> | ReturnType<typeof logMetrics>;

/** A function's logger, metrics sink, security events and middlewares. */
export interface FunctionObservability {
  /** The function's topology name (the `service` of its logs and metrics, the `source` of its security events). */
  readonly name: FunctionName;
  readonly logger: Logger;
  /**
   * Where the function raises security events: the log line the stack's metric filters count and,
   * when the function holds the security table's grant (`raiseSecurityEvents`), the security
   * administrator's store.
   */
  readonly securityEvents: SecurityEventLog;
  readonly metrics: MetricsSink;
  /**
   * The Lambda context (request id, cold start, function name and ARN) on every log line; with a
   * metrics namespace, the metrics written when the invocation ends, whether it succeeded or threw.
   */
  readonly middlewares: ObservabilityMiddleware[];
}

/**
 * Builds a function's observability once, at cold start. With a metrics namespace (the stack
 * sets one on every function) measurements become CloudWatch metrics in embedded metric format;
 * without one (the local runtime, tests) they go to the debug log, so no metric records flood
 * the console and nothing pretends to reach CloudWatch.
 */
export function createObservability(serviceName: FunctionName, env: NodeJS.ProcessEnv = process.env): FunctionObservability {
  const logger = createLogger(serviceName);
  const securityEvents = raisesSecurityEvents(serviceName) ? securityEventsFromEnvironment(logger, env) : new LoggedSecurityEvents(logger);
  const namespace = readEnvironment(ObservabilityEnvironment, env)[environmentNames.metricsNamespace];
  if (namespace === undefined) {
    return { name: serviceName, logger, securityEvents, metrics: new LoggedMetricsSink(logger), middlewares: [injectLambdaContext(logger)] };
  }
  const metrics = new Metrics({ namespace, serviceName, logger: metricsDiagnostics(logger) });
  return {
    name: serviceName,
    logger,
    securityEvents,
    metrics: new PowertoolsMetricsSink(metrics),
    middlewares: [injectLambdaContext(logger), logMetrics(metrics)],
  };
}
