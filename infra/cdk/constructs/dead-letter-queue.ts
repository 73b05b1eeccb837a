/**
 * A dead-letter queue that nobody can miss: KMS-encrypted, TLS only, kept the SQS maximum of
 * 14 days, and an alarm to the operations topic as soon as one message lands in it.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
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
      alarmDescription: `${props.purpose} Messages are waiting in ${props.queueName}; inspect them and run the redrive command.`,
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
