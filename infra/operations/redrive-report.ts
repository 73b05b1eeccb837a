/**
 * How a redrive run is told to the operator: lines in Chinese first, English second, and the
 * exit code its outcome ends with.
 */
import { exitCodes } from './command-line.ts';
import { queueNameOfUrl, type RedriveReport, type RedriveStop } from './redrive.ts';

const stopReasons: Record<RedriveStop, string> = {
  empty: '死信队列已空 / the dead-letter queue is empty',
  max: '已达 --max 上限 / reached --max',
  returned: '移回的消息又回到死信队列（仍为毒消息）/ a message moved back came back to the dead-letter queue (still poison)',
  failed: '有消息未能移回 / a message could not be moved',
};

/** The report as lines for a terminal. */
export function formatRedriveReport(report: RedriveReport): string {
  const lines = [
    `死信队列 / Dead-letter queue: ${queueNameOfUrl(report.deadLetterQueueUrl)} (${report.deadLetterQueueUrl})`,
    `源队列 / Source queue: ${queueNameOfUrl(report.sourceQueueUrl)} (${report.sourceQueueUrl})`,
    `已移回 / Moved back: ${report.moved.length}`,
    ...report.moved.map(
      (message) =>
        `  ${message.deadLetterMessageId} → ${message.sourceMessageId}` +
        (message.receiveCount === undefined ? '' : `（已接收 ${message.receiveCount} 次 / received ${message.receiveCount} times）`),
    ),
  ];
  if (report.returned.length > 0) {
    lines.push(
      `仍为毒消息，已留在死信队列 / Still poison, left in the dead-letter queue: ${report.returned.length}`,
      ...report.returned.map((id) => `  ${id}`),
    );
  }
  if (report.failed.length > 0) {
    lines.push(
      `未能移回 / Not moved: ${report.failed.length}`,
      ...report.failed.map((failure) =>
        failure.step === 'send'
          ? `  ${failure.deadLetterMessageId}: 发送失败，仍在死信队列 / send failed, still a dead letter: ${failure.error}`
          : `  ${failure.deadLetterMessageId}: 已发送但未删除，下次运行会再发一次（下游幂等）/ sent but not deleted; the next run sends it again (idempotent downstream): ${failure.error}`,
      ),
    );
  }
  lines.push(
    `停止原因 / Stopped: ${stopReasons[report.stoppedBecause]}`,
    `死信队列剩余（约）/ Left in the dead-letter queue (approx.): ${report.remaining ?? '?'}`,
  );
  return `${lines.join('\n')}\n`;
}

/** 1 when a message could not be moved, 3 when one came back still poison, else 0. */
export function redriveExitCode(report: RedriveReport): number {
  if (report.failed.length > 0) return exitCodes.failed;
  if (report.returned.length > 0) return exitCodes.attention;
  return exitCodes.ok;
}
