/**
 * The alarms of the stateless side of a deployment, all to the operations alarm topic: errors
 * and throttles of every function, server errors of the API, the sweeps' lag and their outboxes'
 * age (custom metrics the functions write), and classified records refused at ingest (a metric
 * filter on the ingest function's log group), and breaks of the audit trail the sealer finds.
 * Dead-letter queues alarm in their own construct.
 * Names are stable (`<prefix>-...`) and each has an entry in docs/operations.md.
 */
import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { FilterPattern, type MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  classifiedRefusedLogEvent,
  metricDimensions,
  metricNames,
  metricsNamespace,
  type MetricName,
} from '#shared/observability/operational-metrics.ts';
import { functions, schedules, type FunctionName, type FunctionSpec } from '#shared/topology.ts';
import type { AppFunction } from './app-function.ts';

/** The period every alarm of this construct evaluates. */
export const alarmPeriod: Duration = Duration.minutes(5);

/** Alarm thresholds, each with why it is where it is. */
export const alarmThresholds = {
  /** Handlers answer caller errors themselves, so one Lambda error is a crash, a timeout or a failed run. */
  functionErrorsPer5Minutes: 1,
  /** No function reserves concurrency: one throttle means the account's regional concurrency ran out for all of them. */
  functionThrottlesPer5Minutes: 1,
  /** A lone 5xx (a cold-start timeout, a 503 the department retries unchanged) is no page; five in 5 minutes is a failing dependency or release. */
  apiServerErrorsPer5Minutes: 5,
  /** Sweeps run every minute and a tick is retried for 10 minutes: 15 minutes late is beyond what a retry explains. */
  sweepLagSeconds: 15 * 60,
  /** The relay runs every minute with a 1-minute grace: an event unpublished for 10 minutes has failed nine relays. */
  outboxAgeSeconds: 10 * 60,
  /** One classified record offered to the system is a security event (Art. 14). */
  classifiedRecordsRefusedPer5Minutes: 1,
  /** One entry or digest of the audit trail found missing, altered or inserted is a security event. */
  auditIntegrityBreaksPer5Minutes: 1,
} as const;

/** The function that seals the audit trail and reports what its re-check finds. */
export const auditSealerFunction: FunctionName = 'audit-sealer';

/**
 * 5-minute periods in a row the sweep lag must breach (or go unreported) before it alarms: a
 * single late run after an outage is already visible on the dashboard; a quarter of an hour of
 * lag or of silence is not a passing catch-up.
 */
export const sweepLagPeriodsToAlarm = 3;

/**
 * Errors a function raises by design, subtracted from its Lambda `Errors`: the staff authorizer
 * answers a missing or forged token (401) by throwing, as API Gateway requires, and counts each.
 */
export const expectedFunctionErrors: Partial<Record<FunctionName, MetricName>> = {
  'staff-authorizer': metricNames.staffUnauthenticated,
};

/** A metric of the system's namespace, written by one function (`service` dimension), summed or maxed over the alarm period. */
export const operationalMetric = (
  name: MetricName,
  service: string,
  statistic: 'Sum' | 'Maximum' | 'Average',
  extraDimensions: Readonly<Record<string, string>> = {},
): Metric =>
  new Metric({
    namespace: metricsNamespace,
    metricName: name,
    dimensionsMap: { [metricDimensions.service]: service, ...extraDimensions },
    statistic,
    period: alarmPeriod,
  });

/** The scheduled functions (sweeps): they report lag every run. */
export const sweepFunctions = (): readonly string[] => [...new Set(schedules.map((schedule) => schedule.function))];

/** The sweeps that relay an outbox of signal events: they report its age every run. */
export const relayingSweeps = (): readonly string[] =>
  sweepFunctions().filter((name) => (functions as readonly FunctionSpec[]).find((spec) => spec.name === name)?.publishesSignalEvents === true);

/** Properties of {@link OperationsAlarms}. */
export interface OperationsAlarmsProps {
  /** Deployment prefix: every alarm is named `<prefix>-...`. */
  readonly prefix: string;
  /** Every function of the topology, by name. */
  readonly functions: Readonly<Record<string, AppFunction>>;
  readonly api: RestApi;
  /** The operations alarm topic of the stateful stack (e-mail to the operations mailbox). */
  readonly alarmTopic: ITopic;
}

/** The stateless alarms of one deployment, and the metric filter that feeds the classified-record alarm. */
export class OperationsAlarms extends Construct {
  /** Every alarm of this construct. */
  readonly alarms: Alarm[] = [];
  readonly functionErrors: ReadonlyMap<string, Alarm>;
  readonly functionThrottles: ReadonlyMap<string, Alarm>;
  readonly apiServerErrors: Alarm;
  readonly sweepLag: ReadonlyMap<string, Alarm>;
  readonly outboxAge: ReadonlyMap<string, Alarm>;
  readonly classifiedRecordsRefused: Alarm;
  /** Counts the `classifiedRefused` security events of the ingest function's log. */
  readonly classifiedRecordsFilter: MetricFilter;
  /** The audit sealer found the trail broken: an entry missing, altered or inserted, a digest missing or broken. */
  readonly auditIntegrityBreaks: Alarm;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    const { prefix } = props;
    const action = new SnsAction(props.alarmTopic);
    const alarm = (alarmId: string, alarmProps: ConstructorParameters<typeof Alarm>[2]): Alarm => {
      const created = new Alarm(this, alarmId, alarmProps);
      created.addAlarmAction(action);
      this.alarms.push(created);
      return created;
    };
    const appFunctions = Object.values(props.functions);

    this.functionErrors = new Map(
      appFunctions.map((appFunction) => {
        const name = appFunction.spec.name;
        return [
          name,
          alarm(`${name}-errors`, {
            alarmName: `${prefix}-${name}-errors`,
            alarmDescription:
              `函数 ${name} 出错:未处理的异常、超时或冷启动失败。` +
              `Function ${name} failed: an unhandled error, a timeout or a failed cold start. Runbook: docs/operations.md.`,
            metric: this.unexpectedErrors(appFunction),
            threshold: alarmThresholds.functionErrorsPer5Minutes,
            comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            evaluationPeriods: 1,
            treatMissingData: TreatMissingData.NOT_BREACHING,
          }),
        ];
      }),
    );
    this.functionThrottles = new Map(
      appFunctions.map((appFunction) => {
        const name = appFunction.spec.name;
        return [
          name,
          alarm(`${name}-throttles`, {
            alarmName: `${prefix}-${name}-throttles`,
            alarmDescription:
              `函数 ${name} 被限流:账户在本区域的并发已用尽。` +
              `Function ${name} was throttled: the account's concurrency in the region ran out. Runbook: docs/operations.md.`,
            metric: appFunction.function.metricThrottles({ period: alarmPeriod, statistic: 'Sum' }),
            threshold: alarmThresholds.functionThrottlesPer5Minutes,
            comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            evaluationPeriods: 1,
            treatMissingData: TreatMissingData.NOT_BREACHING,
          }),
        ];
      }),
    );

    this.apiServerErrors = alarm('api-5xx', {
      alarmName: `${prefix}-api-5xx`,
      alarmDescription:
        `接口 5 分钟内返回 5xx 达 ${alarmThresholds.apiServerErrorsPer5Minutes} 次。` +
        `The API answered ${alarmThresholds.apiServerErrorsPer5Minutes} or more 5xx within 5 minutes. Runbook: docs/operations.md.`,
      metric: props.api.metricServerError({ period: alarmPeriod, statistic: 'Sum' }),
      threshold: alarmThresholds.apiServerErrorsPer5Minutes,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const lagMinutes = alarmThresholds.sweepLagSeconds / 60;
    this.sweepLag = new Map(
      sweepFunctions().map((sweep) => [
        sweep,
        alarm(`${sweep}-lag`, {
          alarmName: `${prefix}-${sweep}-lag`,
          alarmDescription:
            `定时任务 ${sweep} 连续 ${sweepLagPeriodsToAlarm * 5} 分钟迟到超过 ${lagMinutes} 分钟,或没有一次运行完成:到期的检查和计时器未按时触发。` +
            `${sweep} has been over ${lagMinutes} minutes late, or finished no run, for ${sweepLagPeriodsToAlarm * 5} minutes: due checks and timers are not firing on time. Runbook: docs/operations.md.`,
          metric: operationalMetric(metricNames.sweepLag, sweep, 'Maximum'),
          threshold: alarmThresholds.sweepLagSeconds,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: sweepLagPeriodsToAlarm,
          datapointsToAlarm: sweepLagPeriodsToAlarm,
          // Every finished run reports (0 when nothing was due): no value means no run finished.
          treatMissingData: TreatMissingData.BREACHING,
        }),
      ]),
    );

    const ageMinutes = alarmThresholds.outboxAgeSeconds / 60;
    this.outboxAge = new Map(
      relayingSweeps().map((sweep) => [
        sweep,
        alarm(`${sweep}-outbox-age`, {
          alarmName: `${prefix}-${sweep}-outbox-age`,
          alarmDescription:
            `定时任务 ${sweep} 转发的发件箱中有超过 ${ageMinutes} 分钟仍未发布到事件总线的信号事件。` +
            `Signal events relayed by ${sweep} have waited over ${ageMinutes} minutes unpublished in the outbox: subscribers are not told. Runbook: docs/operations.md.`,
          metric: operationalMetric(metricNames.outboxAge, sweep, 'Maximum'),
          threshold: alarmThresholds.outboxAgeSeconds,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          // A sweep that stops reporting is the lag alarm's to tell.
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      ]),
    );

    const ingest = props.functions['ingest-records'];
    if (ingest === undefined) throw new Error('the classified-record alarm needs the ingest-records function');
    this.classifiedRecordsFilter = ingest.logGroup.addMetricFilter('ClassifiedRecordsRefused', {
      filterName: `${prefix}-classified-records-refused`,
      filterPattern: FilterPattern.stringValue(`$.${classifiedRefusedLogEvent.field}`, '=', classifiedRefusedLogEvent.value),
      metricNamespace: metricsNamespace,
      metricName: metricNames.classifiedRecordsRefused,
      // The number of records the event names, so three records in one batch count three.
      metricValue: `$.${classifiedRefusedLogEvent.countField}`,
    });
    this.classifiedRecordsRefused = alarm('classified-records-refused', {
      alarmName: `${prefix}-classified-records-refused`,
      alarmDescription:
        '有部门提交了标有密级(秘密/机密/绝密或配置的标记)的记录,已拒收、未存储、未记录内容;请立即通知安全管理员。' +
        'A department offered records marked classified (Art. 14); they were refused, not stored and not logged. Tell the security administrator at once. Runbook: docs/operations.md.',
      metric: this.classifiedRecordsFilter.metric({ statistic: 'Sum', period: alarmPeriod }),
      threshold: alarmThresholds.classifiedRecordsRefusedPer5Minutes,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    this.auditIntegrityBreaks = alarm('audit-integrity-break', {
      alarmName: `${prefix}-audit-integrity-break`,
      alarmDescription:
        '审计记录完整性被破坏:封存摘要与存储的条目不符(条目缺失、被改动或被插入),或摘要缺失、签名无效;请立即通知安全管理员和审计员。' +
        'The audit trail is broken: stored entries differ from their sealed digest (missing, altered or inserted), or a digest is missing or its signature invalid. Tell the security administrator and the auditor at once. Runbook: docs/operations.md.',
      metric: operationalMetric(metricNames.auditIntegrityBreaks, auditSealerFunction, 'Sum'),
      threshold: alarmThresholds.auditIntegrityBreaksPer5Minutes,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // The sealer reports every run; a sealer that stops is the lag alarm's to tell.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /** A function's Lambda errors, less those it raises by design (see {@link expectedFunctionErrors}). */
  private unexpectedErrors(appFunction: AppFunction): IMetric {
    const errors = appFunction.function.metricErrors({ period: alarmPeriod, statistic: 'Sum' });
    const expected = expectedFunctionErrors[appFunction.spec.name as FunctionName];
    if (expected === undefined) return errors;
    return new MathExpression({
      expression: 'errors - FILL(expected, 0)',
      usingMetrics: { errors, expected: operationalMetric(expected, appFunction.spec.name, 'Sum') },
      period: alarmPeriod,
      label: `${appFunction.spec.name} errors other than ${expected}`,
    });
  }
}
