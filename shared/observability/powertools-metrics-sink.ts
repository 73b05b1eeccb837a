/**
 * Measurements as CloudWatch metrics: Powertools writes them to the function's log in embedded
 * metric format, which CloudWatch Logs turns into metrics (also in AWS China), without an API
 * call on the request path.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Measurement, MetricsSink } from './operational-metrics.ts';

/**
 * Function-wide measurements are buffered and written once by the `logMetrics` middleware when
 * the invocation ends; a measurement with dimensions of its own (a department, a level) is
 * written at once as a metric of its own, since one metric record has one set of dimensions.
 */
export class PowertoolsMetricsSink implements MetricsSink {
  constructor(private readonly metrics: Metrics) {}

  record(measurements: readonly Measurement[]): void {
    for (const { name, unit, value, dimensions } of measurements) {
      const entries = Object.entries(dimensions ?? {});
      if (entries.length === 0) {
        this.metrics.addMetric(name, MetricUnit[unit], value);
        continue;
      }
      const single = this.metrics.singleMetric();
      for (const [dimension, dimensionValue] of entries) single.addDimension(dimension, dimensionValue);
      single.addMetric(name, MetricUnit[unit], value);
    }
  }
}

/** The notice Powertools gives when an invocation ends without a measurement: routine here, not a warning. */
const emptyFlushNotice = 'No application metrics to publish';

/**
 * Powertools' own notices about metrics, into the function's log: its notice that an invocation
 * had nothing to publish (most API calls) at debug level, anything else (a bad dimension) as it came.
 */
export const metricsDiagnostics = (logger: Logger): Pick<Logger, 'debug' | 'info' | 'warn' | 'error'> => ({
  debug: (...content: unknown[]) => logger.debug(String(content[0])),
  info: (...content: unknown[]) => logger.info(String(content[0])),
  warn: (...content: unknown[]) => {
    const message = String(content[0]);
    if (message.startsWith(emptyFlushNotice)) logger.debug(message);
    else logger.warn(message);
  },
  error: (...content: unknown[]) => logger.error(String(content[0])),
});
