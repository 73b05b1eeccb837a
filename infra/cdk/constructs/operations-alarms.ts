/**
 * The alarms of a deployment's functions and API (in its monitoring stack), all to the operations alarm topic: errors
 * and throttles of every function, server errors of the API, the sweeps' lag and their outboxes'
 * age (custom metrics the functions write), the security events the security administrator
 * must hear of at once — classified content refused, stored act records changed outside the
 * application — counted by metric filters on every function's log group, so whichever function
 * raises one is counted, and breaks of the audit trail the sealer finds (its own metric).
 * Dead-letter queues alarm in their own construct.
 * Names are stable (`<prefix>-...`) and each has an entry in docs/operations.md.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { FilterPattern, LogGroup, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  metricDimensions,
  metricNames,
  metricsNamespace,
  securityEventLogFields,
  securityEventMetrics,
  type MetricName,
} from '#shared/observability/operational-metrics.ts';
import { functions, schedules, type FunctionName, type FunctionSpec } from '#shared/topology.ts';
import { appFunctionName, appFunctionLogGroupName } from './app-function.ts';

/** The period every alarm of this construct evaluates. */
export const alarmPeriod: Duration = Duration.minutes(5);

/** Alarm thresholds, each with why it is where it is. */
export const alarmThresholds = {
  /** Handlers answer refusals themselves, so one Lambda error is a crash, a timeout or a failed run. */
  functionErrorsPer5Minutes: 1,
  /** No function reserves concurrency: one throttle means the account's regional concurrency ran out for all of them. */
  functionThrottlesPer5Minutes: 1,
  /** A lone 5xx (a cold-start timeout, a 503 the department retries unchanged) is no page; five in 5 minutes is a failing dependency or release. */
  apiServerErrorsPer5Minutes: 5,
  /** Sweeps run every minute and a tick is retried for 10 minutes: 15 minutes late is beyond what a retry explains. */
  sweepLagSeconds: 15 * 60,
  /** The relay runs every minute with a 1-minute grace: an event unpublished for 10 minutes has failed nine relays. */
  outboxAgeSeconds: 10 * 60,
  /** One classified record or body offered to the system is a security event (Art. 14). */
  classifiedContentRefusedPer5Minutes: 1,
  /** One stored act record changed outside the application is an integrity breach (MLPS level 3). */
  recordIntegrityBreaksPer5Minutes: 1,
  /** One address locked out is already `failuresBeforeLockout` failed authentications in one window: worth a look each time. */
  staffLockoutsPer5Minutes: 1,
  /** One entry or digest of the audit trail found missing, altered or inserted is a security event. */
  auditIntegrityBreaksPer5Minutes: 1,
} as const;

/** The security events with an alarm, as {@link securityEventMetrics} counts them. */
export type AlarmedSecurityEvent = keyof typeof securityEventMetrics;

/** Each alarmed security event's alarm: its name, threshold and what it tells the one on duty. */
export const securityEventAlarms: Readonly<Record<AlarmedSecurityEvent, { readonly name: string; readonly threshold: number; readonly description: string }>> =
  {
    classifiedRefused: {
      name: 'classified-content-refused',
      threshold: alarmThresholds.classifiedContentRefusedPer5Minutes,
      description:
        '有人提交了带有国家秘密标志(秘密/机密/绝密或配置的标记)的内容,已以 422 拒收、未存储、未记录内容;请立即通知安全管理员。' +
        'Someone offered content marked classified (Art. 14): a record, a complaint, a supervision request or another body. It was refused with 422, not stored and not logged. Tell the security administrator at once. Runbook: docs/operations.md.',
    },
    integrityBreak: {
      name: 'record-integrity-break',
      threshold: alarmThresholds.recordIntegrityBreaksPer5Minutes,
      description:
        '核验发现已存储的行政行为记录在应用之外被改动(带密钥摘要不符);请立即通知安全管理员。' +
        'The verification found stored act records changed outside the application (their keyed digest no longer matches). Tell the security administrator at once. Runbook: docs/operations.md.',
    },
  };

/** The metric of an alarmed security event, summed over the alarm period. */
export const securityEventMetric = (kind: AlarmedSecurityEvent): Metric =>
  new Metric({ namespace: metricsNamespace, metricName: securityEventMetrics[kind], statistic: 'Sum', period: alarmPeriod });

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

/** The scheduled functions that are sweeps (not verifications): they report lag every run. */
export const sweepFunctions = (): readonly string[] => [
  ...new Set(schedules.filter((schedule) => (schedule.kind ?? 'sweep') === 'sweep').map((schedule) => schedule.function)),
];

/** The sweeps that relay an outbox of signal events: they report its age every run. */
export const relayingSweeps = (): readonly string[] =>
  sweepFunctions().filter((name) => (functions as readonly FunctionSpec[]).find((spec) => spec.name === name)?.publishesSignalEvents === true);

/**
 * A function as the monitoring sees it: by its physical names, which the deployment fixes, so the
 * monitoring stack holds no reference into the stateless one (no export pins a function there).
 */
export interface MonitoredFunction {
  readonly spec: FunctionSpec;
  readonly functionName: string;
  readonly logGroupName: string;
}

/** The function of a spec in a deployment of the given prefix, as {@link MonitoredFunction}. */
export const monitoredFunction = (prefix: string, spec: FunctionSpec): MonitoredFunction => ({
  spec,
  functionName: appFunctionName(prefix, spec.name),
  logGroupName: appFunctionLogGroupName(prefix, spec.name),
});

/** A metric Lambda publishes for a function, by the function's name. */
export const lambdaMetric = (functionName: string, metricName: 'Errors' | 'Throttles' | 'Duration', statistic: string): Metric =>
  new Metric({ namespace: 'AWS/Lambda', metricName, dimensionsMap: { FunctionName: functionName }, statistic, period: alarmPeriod });

/** A metric API Gateway publishes for a REST API, by the API's name (as `RestApi.metric*` name it). */
export const apiMetric = (apiName: string, metricName: 'Count' | '4XXError' | '5XXError' | 'Latency' | 'IntegrationLatency', statistic: string): Metric =>
  new Metric({ namespace: 'AWS/ApiGateway', metricName, dimensionsMap: { ApiName: apiName }, statistic, period: alarmPeriod });

/** Properties of {@link OperationsAlarms}. */
export interface OperationsAlarmsProps {
  /** Deployment prefix: every alarm is named `<prefix>-...`. */
  readonly prefix: string;
  /** Every function of the deployment. */
  readonly functions: readonly MonitoredFunction[];
  /** The REST API's name (`restApiName`), the dimension of its metrics. */
  readonly apiName: string;
  /** The operations alarm topic of the stateful stack (e-mail to the operations mailbox). */
  readonly alarmTopic: ITopic;
}

/** The stateless alarms of one deployment, and the metric filters that feed the security-event alarms. */
export class OperationsAlarms extends Construct {
  /** Every alarm of this construct. */
  readonly alarms: Alarm[] = [];
  readonly functionErrors: ReadonlyMap<string, Alarm>;
  readonly functionThrottles: ReadonlyMap<string, Alarm>;
  readonly apiServerErrors: Alarm;
  readonly sweepLag: ReadonlyMap<string, Alarm>;
  readonly outboxAge: ReadonlyMap<string, Alarm>;
  /** One alarm per alarmed security event kind. */
  readonly securityEvents: ReadonlyMap<AlarmedSecurityEvent, Alarm>;
  /** The metric filters counting each kind, one per function log group. */
  readonly securityEventFilters: ReadonlyMap<AlarmedSecurityEvent, readonly MetricFilter[]>;
  /** Source addresses the staff authorizer locked out after repeated failed authentication. */
  readonly staffLockouts: Alarm;
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
    const appFunctions = props.functions;

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
            metric: lambdaMetric(appFunction.functionName, 'Throttles', 'Sum'),
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
      metric: apiMetric(props.apiName, '5XXError', 'Sum'),
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

    const kinds = Object.keys(securityEventMetrics) as AlarmedSecurityEvent[];
    this.securityEventFilters = new Map(
      kinds.map((kind) => [
        kind,
        appFunctions
          // The audit trail's functions report its breaks through the sealer's metric and its own alarm.
          .filter((appFunction) => kind !== 'integrityBreak' || appFunction.spec.auditTrail === undefined)
          .map(
            (appFunction) =>
              new MetricFilter(this, `${appFunction.spec.name}-SecurityEvent-${kind}`, {
                logGroup: this.logGroupOf(appFunction),
                filterName: `${prefix}-${appFunction.spec.name}-${securityEventAlarms[kind].name}`,
                filterPattern: FilterPattern.stringValue(`$.${securityEventLogFields.field}`, '=', kind),
                metricNamespace: metricsNamespace,
                metricName: securityEventMetrics[kind],
                // The number the event names (three records refused in one batch count three).
                metricValue: `$.${securityEventLogFields.countField}`,
              }),
          ),
      ]),
    );
    this.securityEvents = new Map(
      kinds.map((kind) => [
        kind,
        alarm(securityEventAlarms[kind].name, {
          alarmName: `${prefix}-${securityEventAlarms[kind].name}`,
          alarmDescription: securityEventAlarms[kind].description,
          metric: securityEventMetric(kind),
          threshold: securityEventAlarms[kind].threshold,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      ]),
    );

    this.staffLockouts = alarm('staff-sign-in-lockouts', {
      alarmName: `${prefix}-staff-sign-in-lockouts`,
      alarmDescription:
        '有来源地址因反复认证失败(令牌伪造、过期或不符)被锁定;安全事件已记录(authenticationFailures),请转告安全管理员。' +
        'A source address was locked out after repeated failed authentication (forged, expired or mismatched tokens); the authenticationFailures security event is recorded. Tell the security administrator. Runbook: docs/operations.md.',
      metric: operationalMetric(metricNames.staffLockouts, 'staff-authorizer', 'Sum'),
      threshold: alarmThresholds.staffLockoutsPer5Minutes,
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
  private unexpectedErrors(appFunction: MonitoredFunction): IMetric {
    const errors = lambdaMetric(appFunction.functionName, 'Errors', 'Sum');
    const expected = expectedFunctionErrors[appFunction.spec.name as FunctionName];
    if (expected === undefined) return errors;
    return new MathExpression({
      expression: 'errors - FILL(expected, 0)',
      usingMetrics: { errors, expected: operationalMetric(expected, appFunction.spec.name, 'Sum') },
      period: alarmPeriod,
      label: `${appFunction.spec.name} errors other than ${expected}`,
    });
  }

  /** The function's log group, by name: it belongs to the stateless stack, which is deployed first. */
  private logGroupOf(appFunction: MonitoredFunction): ILogGroup {
    const id = `${appFunction.spec.name}-LogGroup`;
    return (this.node.tryFindChild(id) as ILogGroup | undefined) ?? LogGroup.fromLogGroupName(this, id, appFunction.logGroupName);
  }
}
