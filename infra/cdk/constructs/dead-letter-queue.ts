/**
 * A dead-letter queue that nobody can miss: KMS-encrypted, TLS only, kept the SQS maximum of
 * 14 days, and an alarm to the operations topic as soon as one message lands in it, saying
 * what to do (docs/operations.md).
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, securityAcknowledgments } from '../security-acknowledgments.ts';

/** Longest time SQS keeps a message. */
export const deadLetterRetention: Duration = Duration.days(14);

/** Properties of a {@link DeadLetterQueue}. */
export interface DeadLetterQueueProps {
  /** Physical queue name; the alarm is named `<queueName>-not-empty`. */
  readonly queueName: string;
  readonly encryptionKey: IKey;
  /** Where the alarm notifies operations. */
  readonly alarmTopic: ITopic;
  /** What lands here, for the alarm description. */
  readonly purpose: string;
  /**
   * Whose dead letters these are: an SQS queue's, which `npm run redrive` moves back to it, or
   * an EventBridge schedule target's, which have no source queue (the next tick catches up).
   */
  readonly source: 'queue' | 'schedule';
}

/** What the alarm tells operations to do (exact commands, docs/operations.md). */
export function deadLetterRemedy(source: DeadLetterQueueProps['source'], queueName: string, region: string): string {
  return source === 'queue'
    ? `Messages are waiting in ${queueName}. Inspect them and fix the cause, then move them back to their queue: npm run redrive -- --region ${region} --queue ${queueName} (docs/operations.md).`
    : `Scheduled events are waiting in ${queueName}. The next tick of the schedule catches up on everything due; inspect the failures, then purge ${queueName} (npm run redrive refuses it: there is no source queue; docs/operations.md).`;
}

/** An encrypted dead-letter queue with a depth alarm (> 0 messages). */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      queueName: props.queueName,
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      retentionPeriod: deadLetterRetention,
      // A message here is evidence of a failure; it must survive a stack replacement.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.alarm = new Alarm(this, 'NotEmpty', {
      alarmName: `${props.queueName}-not-empty`,
      alarmDescription: `${props.purpose} ${deadLetterRemedy(props.source, props.queueName, Stack.of(this).region)}`,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new SnsAction(props.alarmTopic));
    acknowledge(this.queue, securityAcknowledgments.deadLetterQueueIsTheEnd, securityAcknowledgments.deadLetterQueueHasNoRedrive);
  }
}
