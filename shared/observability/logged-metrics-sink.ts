/**
 * Measurements as debug log lines, where no metrics namespace is configured: the local runtime and
 * tests. The handlers take the same path as in AWS, but the console stays free of metric records
 * unless someone asks for them with `LOG_LEVEL=DEBUG`.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Measurement, MetricsSink } from './operational-metrics.ts';

export class LoggedMetricsSink implements MetricsSink {
  constructor(private readonly logger: Logger) {}

  record(measurements: readonly Measurement[]): void {
    for (const measurement of measurements) this.logger.debug('metric', { metric: measurement });
  }
}
