/**
 * `npm run redrive -- ...`: moves dead letters back to their source queue (docs/operations.md).
 */
import { parseArgs } from 'node:util';
import { GetQueueUrlCommand, QueueDoesNotExist, type SQSClient } from '@aws-sdk/client-sqs';
import { queues as topologyQueues, schedules } from '#shared/topology.ts';
import { exitCodes, integerOption, runCommand, UsageError } from './command-line.ts';
import { findRedriveQueues, isScheduleDeadLetterQueue, redrive, RedriveRefusedError, scheduleRefusal } from './redrive.ts';
import { formatRedriveReport, redriveExitCode } from './redrive-report.ts';
import { connectionArgumentOptions, connectToSystem, prefixedName, type SystemTarget } from './system-connection.ts';

/** Default bound of one run: enough for a usual incident, small enough to check the fix first. */
export const defaultMax = 100;
const largestMax = 100_000;

const usage = `用法 / usage: npm run redrive -- (--local [--data-dir .local] | --config <deployment> | --queue-url <url> [--region <region>])
         [--queue <queue>] [--source-queue-url <url>] [--max <n>] [--json]

  --queue <queue>            死信队列，或其源队列名 / the dead-letter queue, or its source queue's name
                             (records, records-dlq, <prefix>-records-dlq; default: ${topologyQueues.length === 1 ? topologyQueues[0]!.name : 'none'})
  --queue-url <url>          死信队列的 URL / the dead-letter queue's URL
  --source-queue-url <url>   源队列（无法推断时）/ the source queue, when it cannot be inferred
  --max <n>                  最多移回条数 / move at most n messages (default ${defaultMax})
  --json                     以 JSON 输出报告 / print the report as JSON`;

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      ...connectionArgumentOptions,
      queue: { type: 'string' },
      'queue-url': { type: 'string' },
      'source-queue-url': { type: 'string' },
      max: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return exitCodes.ok;
  }
  const max = integerOption('max', values.max, defaultMax, 1, largestMax);
  if (values.queue !== undefined && values['queue-url'] !== undefined) {
    throw new UsageError('--queue 与 --queue-url 只能选一个', '--queue and --queue-url exclude each other');
  }
  const queueName = values['queue-url'] === undefined ? (values.queue ?? defaultQueueName()) : undefined;
  if (queueName !== undefined) refuseScheduleQueue(queueName);

  const connection = await connectToSystem({
    local: values.local,
    dataDir: values['data-dir'],
    config: values.config,
    region: values.region,
  });
  try {
    const deadLetterQueueUrl = values['queue-url'] ?? (await deadLetterQueueUrlOf(connection.target, connection.sqs, queueName!));
    const queues = await findRedriveQueues(connection.sqs, deadLetterQueueUrl, values['source-queue-url']).catch((error: unknown) => {
      throw error instanceof RedriveRefusedError ? new UsageError(error.chinese, error.english, false) : error;
    });
    const report = await redrive(connection.sqs, queues, { max });
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatRedriveReport(report));
    return redriveExitCode(report);
  } finally {
    connection.destroy();
  }
}

function defaultQueueName(): string {
  const [only, ...others] = topologyQueues;
  if (only === undefined || others.length > 0) {
    throw new UsageError('请用 --queue 或 --queue-url 指定死信队列', 'name the dead-letter queue with --queue or --queue-url');
  }
  return only.name;
}

/** A schedule's dead-letter queue has no source queue: refused before anything is read. */
function refuseScheduleQueue(name: string): void {
  const isScheduleFunction = schedules.some((schedule) => name === schedule.function || name.endsWith(`-${schedule.function}`));
  if (!isScheduleDeadLetterQueue(name) && !isScheduleFunction) return;
  const refusal = scheduleRefusal(isScheduleFunction ? `${name}-schedule-dlq` : name);
  throw new UsageError(refusal.chinese, refusal.english, false);
}

/** The dead-letter queue's URL: `<queue>-dlq`, prefixed for a deployment. */
async function deadLetterQueueUrlOf(target: SystemTarget, sqs: SQSClient, name: string): Promise<string> {
  const deadLetterName = prefixedName(target, name.endsWith('-dlq') ? name : `${name}-dlq`);
  if (target.kind === 'local') {
    const url = target.manifest.queues[deadLetterName];
    if (url === undefined) {
      const known = Object.keys(target.manifest.queues).filter((candidate) => candidate.endsWith('-dlq'));
      throw new UsageError(
        `本地运行时没有死信队列 ${deadLetterName}（有：${known.join(', ')}）`,
        `the local runtime has no dead-letter queue ${deadLetterName} (it has: ${known.join(', ')})`,
        false,
      );
    }
    return url;
  }
  try {
    const { QueueUrl: url } = await sqs.send(new GetQueueUrlCommand({ QueueName: deadLetterName }));
    if (url !== undefined) return url;
  } catch (error) {
    if (!(error instanceof QueueDoesNotExist)) throw error;
  }
  throw new UsageError(`死信队列 ${deadLetterName} 不存在`, `dead-letter queue ${deadLetterName} does not exist`, false);
}

runCommand(main, usage);
