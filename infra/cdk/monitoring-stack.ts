/**
 * What operators watch of one deployment: the alarms of functions, API, sweeps, outboxes and
 * security events (with the metric filters that count those on every function's log group), and
 * the operations dashboard. A stack of its own, deployed after the stateless one: CloudFormation
 * takes at most 500 resources a stack, and the monitoring's hundred would crowd the functions
 * and routes out. It names what it watches (functions, log groups, API, queues) by their
 * physical names, so no export pins a function or a queue in the other stacks.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { FunctionSpec } from '#shared/topology.ts';
import { OperationsAlarms, monitoredFunction } from './constructs/operations-alarms.ts';
import { OperationsDashboard } from './constructs/operations-dashboard.ts';

/** Properties of a {@link MonitoringStack}. */
export interface MonitoringStackProps extends StackProps {
  /** Deployment prefix: alarms and the dashboard are named `<prefix>-...`. */
  readonly prefix: string;
  /** The functions the stateless stack builds. */
  readonly functions: readonly FunctionSpec[];
  /** The REST API's name, the dimension of its metrics. */
  readonly apiName: string;
  /** Every dead-letter queue of the deployment, by name (their alarms live beside them). */
  readonly deadLetterQueueNames: readonly string[];
  /** The operations alarm topic of the stateful stack. */
  readonly alarmTopic: ITopic;
}

/** Alarms, metric filters and the dashboard of one deployment. */
export class MonitoringStack extends Stack {
  /** Function, API, sweep, outbox and security-event alarms, to the operations topic. */
  readonly operationsAlarms: OperationsAlarms;
  /** The deployment's one CloudWatch dashboard, `<prefix>-operations`. */
  readonly operationsDashboard: OperationsDashboard;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const watched = props.functions.map((spec) => monitoredFunction(props.prefix, spec));
    this.operationsAlarms = new OperationsAlarms(this, 'OperationsAlarms', {
      prefix: props.prefix,
      functions: watched,
      apiName: props.apiName,
      alarmTopic: props.alarmTopic,
    });
    this.operationsDashboard = new OperationsDashboard(this, 'OperationsDashboard', {
      prefix: props.prefix,
      functions: watched,
      apiName: props.apiName,
      alarms: this.operationsAlarms,
      deadLetterQueueNames: props.deadLetterQueueNames,
    });
  }
}
