/**
 * What operators are told, in the synthesized templates of every deployment: an alarm for every
 * function's errors and throttles, the API's server errors, every dead-letter queue's oldest
 * message, the sweeps' lag and outbox age, and the security events (classified content refused,
 * stored records altered: metric filters on every function's log group); all to the alarm topic.
 * And one dashboard showing them.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadLetterAgeAlarmThreshold } from '#infra/cdk/constructs/dead-letter-queue.ts';
import { alarmThresholds, auditSealerFunction, relayingSweeps, sweepLagPeriodsToAlarm } from '#infra/cdk/constructs/operations-alarms.ts';
import { refusalReasons } from '#shared/application/ingest-records.ts';
import { metricNames } from '#shared/observability/operational-metrics.ts';
import { environmentNames, functions, queues, schedules, type FunctionSpec } from '#shared/topology.ts';
import { synthesizeDeployments, type SynthesizedDeployment } from './synthesize-deployments.ts';

type Resource = { Properties: Record<string, any> };

let deployments: readonly SynthesizedDeployment[];
let dispose = (): void => {};

beforeAll(() => {
  ({ deployments, dispose } = synthesizeDeployments({ securityChecks: false }));
}, 120_000);

afterAll(() => dispose());

const resources = (template: Template, type: string): Record<string, Resource> => template.findResources(type) as Record<string, Resource>;

/** Alarms of a template by name. */
const alarmsByName = (template: Template): Map<string, Resource['Properties']> =>
  new Map(Object.values(resources(template, 'AWS::CloudWatch::Alarm')).map((alarm) => [String(alarm.Properties.AlarmName), alarm.Properties]));

const functionLogicalId = (template: Template, functionName: string): string => {
  const found = Object.entries(resources(template, 'AWS::Lambda::Function')).find(([, fn]) => fn.Properties.FunctionName === functionName);
  if (found === undefined) throw new Error(`no function ${functionName}`);
  return found[0];
};

/** The dashboard body as text: its JSON with the tokens written as `«...»`. */
const dashboardBody = (template: Template): string => {
  const dashboards = Object.values(resources(template, 'AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const body = dashboards[0]?.Properties.DashboardBody;
  return body['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : `«${JSON.stringify(part)}»`)).join('');
};

const sweeps = [...new Set(schedules.filter((schedule) => (schedule.kind ?? 'sweep') === 'sweep').map((schedule) => schedule.function))];

describe('operations alarms', () => {
  it('alarms on the errors and the throttles of every function, by its name, with missing data as no error', () => {
    for (const deployment of deployments) {
      const alarms = alarmsByName(deployment.monitoring);
      for (const { name } of functions) {
        // Prepare
        // By name: the monitoring stack holds no reference into the stateless stack, which builds the function.
        const functionName = `${deployment.config.prefix}-${name}`;
        functionLogicalId(deployment.stateless, functionName);

        // Act
        const errors = alarms.get(`${deployment.config.prefix}-${name}-errors`);
        const throttles = alarms.get(`${deployment.config.prefix}-${name}-throttles`);

        // Assess
        const errorMetric = errors?.['Metrics']?.find((metric: any) => metric.Id === 'errors')?.MetricStat.Metric ?? errors;
        expect(errorMetric).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: functionName }] });
        expect(errors).toMatchObject({
          Threshold: alarmThresholds.functionErrorsPer5Minutes,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
        });
        expect(throttles).toMatchObject({
          Namespace: 'AWS/Lambda',
          MetricName: 'Throttles',
          Statistic: 'Sum',
          Period: 300,
          Dimensions: [{ Name: 'FunctionName', Value: functionName }],
          Threshold: alarmThresholds.functionThrottlesPer5Minutes,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
        });
      }
    }
  });

  it("does not count the staff authorizer's 401 answers, thrown by design, as its errors", () => {
    for (const deployment of deployments) {
      // Act
      const errors = alarmsByName(deployment.monitoring).get(`${deployment.config.prefix}-staff-authorizer-errors`);

      // Assess
      expect(errors?.['Metrics']).toEqual([
        expect.objectContaining({ Expression: 'errors - FILL(expected, 0)', ReturnData: true }),
        expect.objectContaining({
          Id: 'errors',
          MetricStat: expect.objectContaining({ Stat: 'Sum', Period: 300, Metric: expect.objectContaining({ MetricName: 'Errors' }) }),
        }),
        expect.objectContaining({
          Id: 'expected',
          MetricStat: {
            Metric: { Namespace: 'ESupervision', MetricName: metricNames.staffUnauthenticated, Dimensions: [{ Name: 'service', Value: 'staff-authorizer' }] },
            Period: 300,
            Stat: 'Sum',
          },
        }),
      ]);
    }
  });

  it("alarms on the REST API's server errors", () => {
    for (const deployment of deployments) {
      // Act / Assess
      expect(alarmsByName(deployment.monitoring).get(`${deployment.config.prefix}-api-5xx`)).toMatchObject({
        Namespace: 'AWS/ApiGateway',
        MetricName: '5XXError',
        Dimensions: [{ Name: 'ApiName', Value: `${deployment.config.prefix}-api` }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: alarmThresholds.apiServerErrorsPer5Minutes,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    }
  });

  it("alarms on the age of every dead-letter queue's oldest message, and still on any message at all", () => {
    for (const deployment of deployments) {
      // Prepare
      const deadLetterQueueNames = [
        ...queues.map((queue) => `${deployment.config.prefix}-${queue.name}-dlq`),
        ...sweeps.map((sweep) => `${deployment.config.prefix}-${sweep}-schedule-dlq`),
      ];
      const alarms = new Map([...alarmsByName(deployment.stateful), ...alarmsByName(deployment.stateless)]);
      const allQueues = [deployment.stateful, deployment.stateless].flatMap((template) => Object.entries(resources(template, 'AWS::SQS::Queue')));

      for (const queueName of deadLetterQueueNames) {
        // Act
        const age = alarms.get(`${queueName}-oldest-message-age`);
        const depth = alarms.get(`${queueName}-not-empty`);

        // Assess
        const queueId = allQueues.find(([, queue]) => queue.Properties.QueueName === queueName)?.[0];
        expect(queueId, queueName).toBeDefined();
        expect(age).toMatchObject({
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateAgeOfOldestMessage',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
          Statistic: 'Maximum',
          Threshold: deadLetterAgeAlarmThreshold.toSeconds(),
          ComparisonOperator: 'GreaterThanThreshold',
          TreatMissingData: 'notBreaching',
        });
        expect(depth).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0 });
      }
    }
  });

  it("alarms when a sweep runs late or finishes no run, on the lag the sweep reports under its function's name", () => {
    for (const deployment of deployments) {
      for (const sweep of sweeps) {
        // Act
        const lag = alarmsByName(deployment.monitoring).get(`${deployment.config.prefix}-${sweep}-lag`);

        // Assess
        expect(lag).toMatchObject({
          Namespace: 'ESupervision',
          MetricName: metricNames.sweepLag,
          Dimensions: [{ Name: 'service', Value: sweep }],
          Statistic: 'Maximum',
          Period: 300,
          Threshold: alarmThresholds.sweepLagSeconds,
          ComparisonOperator: 'GreaterThanThreshold',
          EvaluationPeriods: sweepLagPeriodsToAlarm,
          DatapointsToAlarm: sweepLagPeriodsToAlarm,
          TreatMissingData: 'breaching',
        });
      }
    }
  });

  it('alarms when the outbox a sweep relays holds an event unpublished too long', () => {
    for (const deployment of deployments) {
      for (const sweep of relayingSweeps()) {
        // Act
        const age = alarmsByName(deployment.monitoring).get(`${deployment.config.prefix}-${sweep}-outbox-age`);

        // Assess
        expect(age).toMatchObject({
          Namespace: 'ESupervision',
          MetricName: metricNames.outboxAge,
          Dimensions: [{ Name: 'service', Value: sweep }],
          Statistic: 'Maximum',
          Threshold: alarmThresholds.outboxAgeSeconds,
          ComparisonOperator: 'GreaterThanThreshold',
          TreatMissingData: 'notBreaching',
        });
      }
    }
  });

  it('alarms on the first integrity break the audit sealer reports, and on none when it reports nothing', () => {
    for (const deployment of deployments) {
      // Act
      const alarm = alarmsByName(deployment.monitoring).get(`${deployment.config.prefix}-audit-integrity-break`);

      // Assess
      expect(alarm).toMatchObject({
        Namespace: 'ESupervision',
        MetricName: metricNames.auditIntegrityBreaks,
        Dimensions: [{ Name: 'service', Value: auditSealerFunction }],
        Statistic: 'Sum',
        Threshold: alarmThresholds.auditIntegrityBreaksPer5Minutes,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
      expect(sweeps).toContain(auditSealerFunction);
    }
  });

  it.each([
    ['classifiedRefused', 'classified-content-refused', metricNames.classifiedContentRefused, alarmThresholds.classifiedContentRefusedPer5Minutes],
    ['integrityBreak', 'record-integrity-break', metricNames.recordIntegrityBreaks, alarmThresholds.recordIntegrityBreaksPer5Minutes],
  ])("counts the %s security events of every function's log group with metric filters and alarms on the first", (kind, alarmName, metricName, threshold) => {
    for (const deployment of deployments) {
      // Prepare
      // The audit trail's functions report its breaks through the sealer's own alarm (above).
      const counted = (functions as readonly FunctionSpec[]).filter((spec) => kind !== 'integrityBreak' || spec.auditTrail === undefined);
      const functionLogGroups = new Set(counted.map((spec) => `/aws/lambda/${deployment.config.prefix}-${spec.name}`));
      const logGroups = Object.entries(resources(deployment.stateless, 'AWS::Logs::LogGroup')).filter(([, group]) =>
        functionLogGroups.has(group.Properties.LogGroupName),
      );

      // Act
      const filters = Object.values(resources(deployment.monitoring, 'AWS::Logs::MetricFilter')).filter(
        (filter) => filter.Properties.FilterPattern === `{ $.securityEvent = "${kind}" }`,
      );
      const alarm = alarmsByName(deployment.monitoring).get(`${deployment.config.prefix}-${alarmName}`);

      // Assess
      expect(logGroups).toHaveLength(counted.length);
      // The filters name the stateless stack's log groups, which that stack creates first.
      expect(filters.map((filter) => filter.Properties.LogGroupName).sort()).toEqual(logGroups.map(([, group]) => group.Properties.LogGroupName).sort());
      expect(deployment.stage.monitoring.dependencies).toContain(deployment.stage.stateless);
      for (const filter of filters) {
        expect(filter.Properties.MetricTransformations).toEqual([{ MetricNamespace: 'ESupervision', MetricName: metricName, MetricValue: '$.count' }]);
      }
      expect(alarm).toMatchObject({
        Namespace: 'ESupervision',
        MetricName: metricName,
        Statistic: 'Sum',
        Threshold: threshold,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
      expect(alarm?.['AlarmDescription']).toMatch(/^[^A-Za-z]*安全管理员/);
    }
  });

  it('alarms on the first source address the staff authorizer locks out, from the count it writes under its name', () => {
    for (const deployment of deployments) {
      // Act
      const alarm = alarmsByName(deployment.monitoring).get(`${deployment.config.prefix}-staff-sign-in-lockouts`);

      // Assess
      expect(alarm).toMatchObject({
        Namespace: 'ESupervision',
        MetricName: metricNames.staffLockouts,
        Dimensions: [{ Name: 'service', Value: 'staff-authorizer' }],
        Statistic: 'Sum',
        Threshold: alarmThresholds.staffLockoutsPer5Minutes,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
      expect(alarm?.['AlarmDescription']).toMatch(/^[^A-Za-z]*锁定/);
    }
  });

  it('sends every alarm of the deployment, and only there, to the operations alarm topic', () => {
    for (const deployment of deployments) {
      // Prepare
      const topicId = Object.keys(resources(deployment.stateful, 'AWS::SNS::Topic'))[0];
      const statefulAlarms = Object.values(resources(deployment.stateful, 'AWS::CloudWatch::Alarm'));
      const statelessAlarms = [deployment.stateless, deployment.monitoring].flatMap((template) => Object.values(resources(template, 'AWS::CloudWatch::Alarm')));

      // Act
      const statefulActions = statefulAlarms.map((alarm) => alarm.Properties.AlarmActions);
      const statelessActions = statelessAlarms.map((alarm) => alarm.Properties.AlarmActions);

      // Assess
      expect(statelessAlarms.length).toBeGreaterThanOrEqual(functions.length * 2 + 1 + sweeps.length * 3 + 1);
      expect(new Set(statefulActions.map((actions) => JSON.stringify(actions)))).toEqual(new Set([JSON.stringify([{ Ref: topicId }])]));
      expect(statelessActions.every((actions) => actions.length === 1 && String(actions[0]['Fn::ImportValue']).includes(`ExportsOutputRef${topicId}`))).toBe(
        true,
      );
    }
  });

  it('describes every alarm in Chinese first, then English', () => {
    for (const deployment of deployments) {
      for (const template of [deployment.stateful, deployment.stateless, deployment.monitoring]) {
        for (const [name, alarm] of alarmsByName(template)) {
          // The depth alarm of a dead-letter queue keeps its English description (shared wording).
          if (name.endsWith('-not-empty')) continue;

          // Act / Assess
          expect(alarm['AlarmDescription'], name).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff][\s\S]*[A-Za-z]{3,}/);
          expect(String(alarm['AlarmDescription']).length, name).toBeLessThanOrEqual(1024);
        }
      }
    }
  });
});

describe('function metrics configuration', () => {
  it('sets the metrics namespace on every function, so its measurements become CloudWatch metrics', () => {
    for (const deployment of deployments) {
      for (const { name } of functions) {
        // Act / Assess
        deployment.stateless.hasResourceProperties('AWS::Lambda::Function', {
          FunctionName: `${deployment.config.prefix}-${name}`,
          Environment: { Variables: Match.objectLike({ [environmentNames.metricsNamespace]: 'ESupervision' }) },
        });
      }
    }
  });
});

describe('operations dashboard', () => {
  it('is one dashboard per deployment, named after its prefix', () => {
    for (const deployment of deployments) {
      // Act / Assess
      deployment.monitoring.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
      deployment.monitoring.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: `${deployment.config.prefix}-operations` });
    }
  });

  it("shows ingest, signals by level, sweep lag, outbox age, stale feeds and the security events from the functions' metrics", () => {
    for (const deployment of deployments) {
      // Act
      const body = dashboardBody(deployment.monitoring);

      // Assess
      for (const name of [
        'RecordsAccepted',
        'RecordsDuplicate',
        'RecordsRefused',
        'SweepLag',
        'OutboxAge',
        'StaleFeeds',
        'ClassifiedContentRefused',
        'RecordIntegrityBreaks',
      ]) {
        expect(body, name).toContain(`["ESupervision","${name}"`);
      }
      for (const reason of refusalReasons) expect(body).toContain(`"RecordsRefused","reason","${reason}","service","ingest-records"`);
      for (const level of ['prompt', 'warning', 'correction']) {
        for (const service of ['process-records', ...relayingSweeps()]) {
          expect(body).toContain(`["ESupervision","SignalsRaised","level","${level}","service","${service}"`);
          expect(body).toContain(`["ESupervision","SignalsEscalated","level","${level}","service","${service}"`);
        }
      }
      for (const sweep of sweeps) expect(body).toContain(`["ESupervision","SweepLag","service","${sweep}"`);
      for (const sweep of relayingSweeps()) expect(body).toContain(`["ESupervision","OutboxAge","service","${sweep}"`);
    }
  });

  it('shows dead-letter ages, function errors, throttles and duration, and API requests, 4xx, 5xx and latency', () => {
    for (const deployment of deployments) {
      // Act
      const body = dashboardBody(deployment.monitoring);

      // Assess
      // The records queue's dead letters, and those of every scheduled function (sweeps and verifications).
      const scheduledFunctions = new Set(schedules.map((schedule) => schedule.function));
      expect(body.match(/"AWS\/SQS","ApproximateAgeOfOldestMessage"/g)).toHaveLength(queues.length + scheduledFunctions.size);
      for (const metric of ['Errors', 'Throttles', 'Duration']) {
        expect(body.match(new RegExp(`"AWS/Lambda","${metric}"`, 'g')), metric).toHaveLength(functions.length);
      }
      for (const metric of ['Count', '4XXError', '5XXError', 'Latency', 'IntegrationLatency']) {
        expect(body, metric).toContain(`"AWS/ApiGateway","${metric}","ApiName","${deployment.config.prefix}-api"`);
      }
    }
  });

  it('shows the state of every alarm of the deployment, and the departments from the ingest and sweep logs', () => {
    for (const deployment of deployments) {
      // Prepare
      const monitoringAlarmIds = Object.keys(resources(deployment.monitoring, 'AWS::CloudWatch::Alarm'));
      // The dead-letter queues' alarms live beside their queues, in the stateful and the stateless stack.
      const deadLetterAlarmNames = [deployment.stateful, deployment.stateless].flatMap((template) => [...alarmsByName(template).keys()]);

      // Act
      const body = dashboardBody(deployment.monitoring);

      // Assess
      for (const id of monitoringAlarmIds) expect(body).toContain(`«{"Fn::GetAtt":["${id}","Arn"]}»`);
      expect(deadLetterAlarmNames.length).toBeGreaterThan(0);
      for (const name of deadLetterAlarmNames) expect(body, name).toContain(`:alarm:${name}"`);
      expect(body).not.toContain('Fn::ImportValue');
      expect(body).toContain('filter message = \\"batch ingested\\"');
      expect(body).toContain('filter ispresent(staleDepartments)');
    }
  });
});
