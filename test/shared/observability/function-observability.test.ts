/**
 * What every function's middleware chain writes: the invocation context on each log line, and,
 * where a metrics namespace is configured (AWS), the measurements as CloudWatch embedded metric
 * format when the invocation ends, whether it returned or threw. Without a namespace (local
 * runtime, tests) no metric record reaches the console.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createObservability } from '#shared/observability/function-observability.ts';
import { ingestMeasurements, metricsNamespace, type Measurement } from '#shared/observability/operational-metrics.ts';

/** Every JSON line the functions wrote to stdout or stderr, and all they wrote. */
let lines: Record<string, any>[];
let written: string;

beforeEach(() => {
  lines = [];
  written = '';
  const capture = (chunk: string | Uint8Array): boolean => {
    written += String(chunk);
    for (const line of String(chunk)
      .split('\n')
      .filter((l) => l.trim().startsWith('{')))
      lines.push(JSON.parse(line));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
});

const context = (requestId: string): Context =>
  ({
    awsRequestId: requestId,
    functionName: 'esup-demo-bj-ingest-records',
    invokedFunctionArn: 'arn:aws-cn:lambda:cn-north-1:111122223333:function:esup-demo-bj-ingest-records',
    memoryLimitInMB: '512',
    functionVersion: '$LATEST',
  }) as Context;

const metricRecords = () => lines.filter((line) => line['_aws'] !== undefined);
const metricsOf = (record: Record<string, any>): string[] => record['_aws'].CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name);
const dimensionsOf = (record: Record<string, any>): string[][] => record['_aws'].CloudWatchMetrics[0].Dimensions;

const inAws = { POWERTOOLS_METRICS_NAMESPACE: metricsNamespace, SECURITY_TABLE: 'esup-demo-bj-security' };

describe('function observability in AWS (a metrics namespace is set)', () => {
  it('puts the request id, cold start and function name and ARN on every log line of an invocation', async () => {
    // Prepare: Lambda tells an on-demand environment by this variable; cold starts are reported only there.
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    const { logger, middlewares } = createObservability('ingest-records', inAws);
    vi.unstubAllEnvs();
    const handler = middy(async () => {
      logger.info('batch ingested', { accepted: 1 });
      return 'done';
    }).use(middlewares);

    // Act
    await handler({}, context('req-first'));
    await handler({}, context('req-second'));

    // Assess
    const logged = lines.filter((line) => line['message'] === 'batch ingested');
    expect(logged).toEqual([
      expect.objectContaining({
        function_request_id: 'req-first',
        cold_start: true,
        function_name: 'esup-demo-bj-ingest-records',
        function_arn: expect.stringContaining(':function:esup-demo-bj-ingest-records'),
        service: 'ingest-records',
      }),
      expect.objectContaining({ function_request_id: 'req-second', cold_start: false }),
    ]);
  });

  it('writes function-wide measurements once the invocation ends, and per-department ones as metrics of their own', async () => {
    // Prepare
    const { metrics, middlewares } = createObservability('ingest-records', inAws);
    let writtenBeforeTheEnd = -1;
    const handler = middy(async () => {
      metrics.record(ingestMeasurements({ department: 'haishu-housing', accepted: 2, duplicates: 0, refused: { schema: 1 } }));
      writtenBeforeTheEnd = metricRecords().filter((record) => record['department'] === undefined && record['reason'] === undefined).length;
    }).use(middlewares);

    // Act
    await handler({}, context('req-metrics'));

    // Assess
    const records = metricRecords();
    const functionWide = records.filter((record) => dimensionsOf(record)[0]?.length === 1);
    expect(writtenBeforeTheEnd).toBe(0);
    expect(functionWide).toHaveLength(1);
    expect(functionWide[0]).toMatchObject({ service: 'ingest-records', RecordsAccepted: 2, RecordsDuplicate: 0, RecordsRefused: 1 });
    expect(functionWide[0]?.['_aws'].CloudWatchMetrics[0]).toMatchObject({ Namespace: 'ESupervision', Dimensions: [['service']] });
    const perDepartment = records.filter((record) => record['department'] === 'haishu-housing');
    expect(perDepartment.map(metricsOf).flat().sort()).toEqual(['RecordsAccepted', 'RecordsDuplicate', 'RecordsRefused']);
    expect(perDepartment.every((record) => JSON.stringify(dimensionsOf(record)) === JSON.stringify([['service', 'department']]))).toBe(true);
    expect(records.find((record) => record['reason'] === 'schema')).toMatchObject({ RecordsRefused: 1, service: 'ingest-records' });
  });

  it('writes the measurements of an invocation that threw', async () => {
    // Prepare
    const { metrics, middlewares } = createObservability('deadline-sweep', inAws);
    const lag: Measurement = { name: 'SweepLag', unit: 'Seconds', value: 42 };
    const handler = middy(async () => {
      metrics.record([lag]);
      throw new Error('table unavailable');
    }).use(middlewares);

    // Act
    const invocation = handler({}, context('req-threw'));

    // Assess
    await expect(invocation).rejects.toThrow('table unavailable');
    expect(metricRecords()).toEqual([expect.objectContaining({ service: 'deadline-sweep', SweepLag: 42 })]);
    expect(metricRecords()[0]?.['_aws'].CloudWatchMetrics[0].Metrics).toEqual([{ Name: 'SweepLag', Unit: 'Seconds' }]);
  });

  it('ends an invocation without measurements quietly: no metric record, no warning', async () => {
    // Prepare
    const { middlewares } = createObservability('public-api', inAws);
    const handler = middy(async () => 'served').use(middlewares);

    // Act
    await handler({}, context('req-quiet'));

    // Assess
    expect(metricRecords()).toEqual([]);
    expect(written).not.toContain('No application metrics');
    expect(lines.filter((line) => line['level'] === 'WARN')).toEqual([]);
  });
});

describe('function observability in the local runtime and tests (no namespace)', () => {
  it('writes no metric record and keeps the invocation context on log lines', async () => {
    // Prepare
    const { logger, metrics, middlewares } = createObservability('ingest-records', { SECURITY_TABLE: 'esup-demo-bj-security' });
    const handler = middy(async () => {
      metrics.record(ingestMeasurements({ department: 'haishu-housing', accepted: 1, duplicates: 0, refused: {} }));
      logger.info('batch ingested');
    }).use(middlewares);

    // Act
    await handler({}, context('req-local'));

    // Assess
    expect(metricRecords()).toEqual([]);
    expect(lines.some((line) => line['message'] === 'metric')).toBe(false);
    expect(lines).toEqual([expect.objectContaining({ message: 'batch ingested', function_request_id: 'req-local' })]);
  });

  it('shows the measurements as debug log lines to whoever asks for them', async () => {
    // Prepare
    const level = process.env['LOG_LEVEL'];
    process.env['LOG_LEVEL'] = 'DEBUG';
    try {
      const { metrics, middlewares } = createObservability('deadline-sweep', {});
      const handler = middy(async () => metrics.record([{ name: 'SweepLag', unit: 'Seconds', value: 7 }])).use(middlewares);

      // Act
      await handler({}, context('req-debug'));
    } finally {
      if (level === undefined) delete process.env['LOG_LEVEL'];
      else process.env['LOG_LEVEL'] = level;
    }

    // Assess
    expect(metricRecords()).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'DEBUG', message: 'metric', metric: { name: 'SweepLag', unit: 'Seconds', value: 7 } }));
  });

  it('sends the security events of a function that holds the security grant to the store as well, and asks no other function for the table', () => {
    // Act
    const withoutTable = () => createObservability('ingest-records', {});
    const raisingNothing = createObservability('process-records', {});

    // Assess: ingest-records raises classified refusals, so it needs SECURITY_TABLE; process-records only logs.
    expect(withoutTable).toThrow(/SECURITY_TABLE/);
    expect(raisingNothing.securityEvents.constructor.name).toBe('LoggedSecurityEvents');
  });

  it('refuses a malformed namespace at cold start, naming the variable', () => {
    expect(() => createObservability('ingest-records', { SECURITY_TABLE: 'esup-demo-bj-security', POWERTOOLS_METRICS_NAMESPACE: 'E Supervision!' })).toThrow(
      /POWERTOOLS_METRICS_NAMESPACE/,
    );
  });
});
