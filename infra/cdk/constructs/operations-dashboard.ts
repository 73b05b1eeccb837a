/**
 * One CloudWatch dashboard per deployment, `<prefix>-operations`, laid out in the order an
 * operator asks: is anything in alarm; are departments' records coming in and why are some
 * refused; which signals are raised; are the sweeps on time and the outboxes drained; are the
 * dead-letter queues empty; how do the functions and the API fare. Titles are Chinese first.
 */
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  LogQueryWidget,
  MathExpression,
  Metric,
  TextWidget,
  type IAlarm,
  type IMetric,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { refusalReasons } from '#shared/application/ingest-records.ts';
import { alertLevels } from '#shared/domain/alerts/alert.ts';
import { metricDimensions, metricNames, type MetricName } from '#shared/observability/operational-metrics.ts';
import { deadLetterAgeAlarmThreshold, deadLetterAlarmNames } from './dead-letter-queue.ts';
import {
  alarmPeriod,
  alarmThresholds,
  apiMetric,
  lambdaMetric,
  type MonitoredFunction,
  operationalMetric,
  relayingSweeps,
  securityEventMetric,
  sweepFunctions,
  type OperationsAlarms,
} from './operations-alarms.ts';

/** Properties of an {@link OperationsDashboard}. */
export interface OperationsDashboardProps {
  /** Deployment prefix: the dashboard is `<prefix>-operations`. */
  readonly prefix: string;
  /** Every function of the deployment, in the topology's order. */
  readonly functions: readonly MonitoredFunction[];
  /** The REST API's name (`restApiName`), the dimension of its metrics. */
  readonly apiName: string;
  /** The alarms of functions, API, sweeps, outboxes and security events. */
  readonly alarms: OperationsAlarms;
  /** The names of every dead-letter queue of the deployment (the records queue's and the schedules'); their alarms are found by name. */
  readonly deadLetterQueueNames: readonly string[];
}

/** Functions that commit signals (raise or escalate them): case processing, the deadline sweep, the oversight sweep. */
export const signalRaisingFunctions: readonly string[] = ['process-records', ...relayingSweeps()];

const levelNames: Record<(typeof alertLevels)[number], string> = { prompt: '提示 prompt', warning: '警戒 warning', correction: '纠错 correction' };

const fullWidth = 24;
const thirdWidth = 8;
const halfWidth = 12;
const height = 6;

/** The operations dashboard of one deployment. */
export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const functionNamed = (name: string): MonitoredFunction => {
      const found = props.functions.find((fn) => fn.spec.name === name);
      if (found === undefined) throw new Error(`the dashboard needs the ${name} function`);
      return found;
    };
    const ingest = functionNamed('ingest-records');
    const deadlineSweep = functionNamed('deadline-sweep');
    const appFunctions = props.functions;
    // Dead-letter queues and their alarms belong to the stacks that use the queues; named, not referenced.
    const deadLetterAlarms: IAlarm[] = props.deadLetterQueueNames.flatMap((queueName) =>
      Object.values(deadLetterAlarmNames(queueName)).map((alarmName) => Alarm.fromAlarmName(this, alarmName, alarmName)),
    );
    const allAlarms: IAlarm[] = [...props.alarms.alarms, ...deadLetterAlarms];

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${props.prefix}-operations`,
      defaultInterval: Duration.hours(24),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# ${props.prefix} 运行监控 Operations\n告警的含义和处置见 docs/operations.md「Alarms and runbook」。What each alarm means and what to do: docs/operations.md, "Alarms and runbook".`,
        width: fullWidth,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: '告警状态 Alarms', alarms: allAlarms, width: fullWidth, height: 4 }));

    // Ingest: what departments send and what is refused.
    this.dashboard.addWidgets(
      graph('记录 Records: accepted / duplicate / refused', [
        labelled(operationalMetric(metricNames.recordsAccepted, 'ingest-records', 'Sum'), '接收 accepted'),
        labelled(operationalMetric(metricNames.recordsDuplicate, 'ingest-records', 'Sum'), '重复 duplicate'),
        labelled(operationalMetric(metricNames.recordsRefused, 'ingest-records', 'Sum'), '拒收 refused'),
      ]),
      graph(
        '拒收原因 Refusals by reason',
        refusalReasons.map((reason) =>
          labelled(operationalMetric(metricNames.recordsRefused, 'ingest-records', 'Sum', { [metricDimensions.reason]: reason }), reason),
        ),
        { stacked: true },
      ),
      new LogQueryWidget({
        title: '各部门 Per department (accepted, duplicates, refused)',
        logGroupNames: [ingest.logGroupName],
        queryLines: [
          'filter message = "batch ingested"',
          'stats sum(accepted) as accepted, sum(duplicates) as duplicates, sum(refused) as refused, count(*) as batches by department',
          'sort refused desc',
          'limit 50',
        ],
        width: thirdWidth,
        height,
      }),
    );

    // Signals: what is raised and escalated, by level, across the functions that commit them.
    this.dashboard.addWidgets(
      graph(
        '新信号 Signals raised by level',
        alertLevels.map((level) => summedOverFunctions(metricNames.signalsRaised, level)),
        { width: thirdWidth, stacked: true },
      ),
      graph(
        '升级 Signals escalated by level',
        alertLevels.map((level) => summedOverFunctions(metricNames.signalsEscalated, level)),
        { width: thirdWidth, stacked: true },
      ),
      graph(
        '安全事件 Security events: classified content refused, records altered',
        [
          labelled(securityEventMetric('classifiedRefused'), '涉密拒收 classified refused'),
          labelled(securityEventMetric('integrityBreak'), '记录被改动 records altered'),
        ],
        { width: thirdWidth, threshold: { value: 1, label: 'alarm' } },
      ),
    );

    // Staff sign-ins: refused tokens, addresses locked out, requests refused while locked.
    this.dashboard.addWidgets(
      graph(
        '认证失败与锁定 Staff authentication failures and lockouts',
        [
          labelled(operationalMetric(metricNames.staffUnauthenticated, 'staff-authorizer', 'Sum'), '401 unauthenticated'),
          labelled(operationalMetric(metricNames.staffLockouts, 'staff-authorizer', 'Sum'), '锁定 lockouts'),
          labelled(operationalMetric(metricNames.staffLockedOutRequests, 'staff-authorizer', 'Sum'), '锁定期间拒绝 refused while locked'),
        ],
        { width: fullWidth, threshold: { value: alarmThresholds.staffLockoutsPer5Minutes, label: 'lockout alarm' } },
      ),
    );

    // Sweeps: lag, outboxes, stale feeds.
    this.dashboard.addWidgets(
      graph(
        '定时迟滞 Sweep lag (s)',
        sweepFunctions().map((sweep) => labelled(operationalMetric(metricNames.sweepLag, sweep, 'Maximum'), sweep)),
        { threshold: { value: alarmThresholds.sweepLagSeconds, label: 'alarm' } },
      ),
      graph(
        '发件箱积压 Outbox age (s)',
        relayingSweeps().map((sweep) => labelled(operationalMetric(metricNames.outboxAge, sweep, 'Maximum'), sweep)),
        { threshold: { value: alarmThresholds.outboxAgeSeconds, label: 'alarm' } },
      ),
      new LogQueryWidget({
        title: '数据源停滞 Stale feeds: departments in the latest sweep that found any',
        logGroupNames: [deadlineSweep.logGroupName],
        queryLines: ['fields @timestamp, staleFeeds, staleDepartments', 'filter ispresent(staleDepartments)', 'sort @timestamp desc', 'limit 5'],
        width: thirdWidth,
        height,
      }),
    );
    this.dashboard.addWidgets(
      graph('数据源停滞 Departments with a stale feed', [labelled(operationalMetric(metricNames.staleFeeds, 'deadline-sweep', 'Maximum'), 'deadline-sweep')], {
        width: halfWidth,
      }),
      graph(
        '死信队列 Dead-letter queues: oldest message (s)',
        props.deadLetterQueueNames.map((queueName) =>
          labelled(
            new Metric({
              namespace: 'AWS/SQS',
              metricName: 'ApproximateAgeOfOldestMessage',
              dimensionsMap: { QueueName: queueName },
              statistic: 'Maximum',
              period: alarmPeriod,
            }),
            queueName,
          ),
        ),
        { width: halfWidth, threshold: { value: deadLetterAgeAlarmThreshold.toSeconds(), label: 'alarm' } },
      ),
    );

    // Functions and the API.
    this.dashboard.addWidgets(
      graph(
        '函数错误 Function errors',
        appFunctions.map((fn) => labelled(lambdaMetric(fn.functionName, 'Errors', 'Sum'), fn.spec.name)),
      ),
      graph(
        '函数限流 Function throttles',
        appFunctions.map((fn) => labelled(lambdaMetric(fn.functionName, 'Throttles', 'Sum'), fn.spec.name)),
      ),
      graph(
        '函数耗时 Function duration p99 (ms)',
        appFunctions.map((fn) => labelled(lambdaMetric(fn.functionName, 'Duration', 'p99'), fn.spec.name)),
      ),
    );
    this.dashboard.addWidgets(
      graph('API 请求 Requests, 4xx, 5xx', [
        labelled(apiMetric(props.apiName, 'Count', 'Sum'), '请求 requests'),
        labelled(apiMetric(props.apiName, '4XXError', 'Sum'), '4xx'),
        labelled(apiMetric(props.apiName, '5XXError', 'Sum'), '5xx'),
      ]),
      graph('API 延迟 Latency (ms)', [
        labelled(apiMetric(props.apiName, 'Latency', 'p50'), 'p50'),
        labelled(apiMetric(props.apiName, 'Latency', 'p99'), 'p99'),
        labelled(apiMetric(props.apiName, 'IntegrationLatency', 'p99'), 'integration p99'),
      ]),
      graph('API 5xx', [labelled(apiMetric(props.apiName, '5XXError', 'Sum'), '5xx')], {
        threshold: { value: alarmThresholds.apiServerErrorsPer5Minutes, label: 'alarm' },
      }),
    );
  }
}

const labelled = (metric: Metric | MathExpression, label: string): IMetric => metric.with({ label });

/** One level's count summed over every function that commits signals (absent series count 0). */
const summedOverFunctions = (name: MetricName, level: (typeof alertLevels)[number]): IMetric => {
  // Ids are per graph: each level's expression names its own.
  const usingMetrics = Object.fromEntries(
    signalRaisingFunctions.map((service, index) => [`${level}${index}`, operationalMetric(name, service, 'Sum', { [metricDimensions.level]: level })]),
  );
  return new MathExpression({
    expression: Object.keys(usingMetrics)
      .map((id) => `FILL(${id}, 0)`)
      .join(' + '),
    usingMetrics,
    label: levelNames[level],
    period: alarmPeriod,
  });
};

const graph = (
  title: string,
  left: IMetric[],
  options: { readonly width?: number; readonly stacked?: boolean; readonly threshold?: { readonly value: number; readonly label: string } } = {},
): IWidget =>
  new GraphWidget({
    title,
    left,
    width: options.width ?? thirdWidth,
    height,
    stacked: options.stacked ?? false,
    ...(options.threshold ? { leftAnnotations: [{ value: options.threshold.value, label: options.threshold.label }] } : {}),
  });
