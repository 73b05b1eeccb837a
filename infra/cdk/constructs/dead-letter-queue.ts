/**
 * A dead-letter queue that nobody can miss: KMS-encrypted, TLS only, kept the SQS maximum of
 * 14 days, an alarm to the operations topic as soon as one message lands in it, saying what to
 * do (docs/operations.md), and a second one when a message has waited so long that it risks
 * expiring unhandled.
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

/**
 * Age of the oldest message that raises the second alarm: 3 days leave 11 before SQS deletes it
 * (14 days after it was first sent), more than the longest public holiday (8 days).
 */
export const deadLetterAgeAlarmThreshold: Duration = Duration.days(3);

/** Properties of a {@link DeadLetterQueue}. */
export interface DeadLetterQueueProps {
  /** Physical queue name; the alarms are named `<queueName>-not-empty` and `<queueName>-oldest-message-age`. */
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

/** The names of a dead-letter queue's two alarms (the dashboard finds them by these). */
export const deadLetterAlarmNames = (queueName: string): { readonly notEmpty: string; readonly oldestMessageAge: string } => ({
  notEmpty: `${queueName}-not-empty`,
  oldestMessageAge: `${queueName}-oldest-message-age`,
});

/** An encrypted dead-letter queue with a depth alarm (> 0 messages) and an age alarm (a message older than 3 days). */
export class DeadLetterQueue extends Construct {
  /** The physical queue name (plain text, for labels and alarm names). */
  readonly queueName: string;
  readonly queue: Queue;
  readonly alarm: Alarm;
  readonly ageAlarm: Alarm;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queueName = props.queueName;
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
      alarmName: deadLetterAlarmNames(props.queueName).notEmpty,
      alarmDescription: `${props.purpose} ${deadLetterRemedy(props.source, props.queueName, Stack.of(this).region)}`,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new SnsAction(props.alarmTopic));
    const ageDays = deadLetterAgeAlarmThreshold.toDays();
    this.ageAlarm = new Alarm(this, 'OldestMessageAge', {
      alarmName: deadLetterAlarmNames(props.queueName).oldestMessageAge,
      alarmDescription:
        `死信队列 ${props.queueName} 中最早的消息已等待超过 ${ageDays} 天,自首次发送起 14 天后 SQS 将删除它。` +
        `The oldest message in ${props.queueName} has waited over ${ageDays} days; SQS deletes it 14 days after it was first sent. ` +
        deadLetterRemedy(props.source, props.queueName, Stack.of(this).region),
      metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: deadLetterAgeAlarmThreshold.toSeconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.ageAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
    acknowledge(this.queue, securityAcknowledgments.deadLetterQueueIsTheEnd, securityAcknowledgments.deadLetterQueueHasNoRedrive);
  }
}
