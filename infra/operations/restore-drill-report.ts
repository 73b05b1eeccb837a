/**
 * A restore drill's record: Markdown for people (Chinese first, English second) and JSON for
 * tools, written side by side and named after the drill table; a short summary for the terminal.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exitCodes } from './command-line.ts';
import type { RestoreDrillReport } from './restore-drill.ts';
import type { PartitionDifference } from './table-digest.ts';

/** The record as written to JSON. */
export interface RestoreDrillRecord extends RestoreDrillReport {
  readonly version: 1;
  /** Where the drill ran (`local (.local)`, `deployment demo-beijing (cn-north-1)`). */
  readonly system: string;
}

const methods: Record<RestoreDrillReport['method'], string> = {
  pointInTime: '时间点恢复 / point-in-time recovery (RestoreTableToPointInTime)',
  copy: '导出并导入 / export and import (Scan → CreateTable → BatchWriteItem)',
  compareOnly: '仅比较 / comparison only (no restore)',
};

const differences: Record<PartitionDifference, string> = {
  missingInCopy: '副本中缺失 / missing in the copy',
  onlyInCopy: '仅在副本中 / only in the copy',
  contentDiffers: '内容不同 / content differs',
};

const yesNo = (value: boolean): string => (value ? '是 / yes' : '否 / no');
const secondsText = (value: number | undefined): string => (value === undefined ? '—' : `${value.toFixed(1)} s`);

/** Why a drill can show differences although the restore is sound, by method. */
function notes(report: RestoreDrillReport): string[] {
  if (report.method === 'pointInTime') {
    return [
      '- 源表是在线表：恢复点之后写入源表的分区会显示为不一致。请在无写入的时段选 `--at`，或用 `--compare-only --target <演练表>` 在停写后再比较。 / The source is live: partitions written after the restore point show as differing. Choose `--at` within a quiet period, or compare again with `--compare-only --target <drill table>` while writes are stopped.',
    ];
  }
  if (report.method === 'copy') {
    return [
      '- 本地 DynamoDB Local 没有时间点恢复：演练以分页 Scan 导出源表并导入新表（运维命令，不是请求路径）。Scan 不是快照：复制期间写入源表的分区可能显示为不一致。 / DynamoDB Local has no point-in-time recovery: the drill exports the source with a paginated Scan and imports it into a new table (an operator command, not a request path). A Scan is not a snapshot: partitions written during the copy may show as differing.',
    ];
  }
  return ['- 仅比较：未恢复任何表。 / Comparison only: nothing was restored.'];
}

/** The Markdown record. */
export function renderDrillMarkdown(record: RestoreDrillRecord): string {
  const { comparison } = record;
  const lines = [
    '# 恢复演练报告 / Restore drill report',
    '',
    '| 项目 / Item | 值 / Value |',
    '| --- | --- |',
    `| 系统 / System | ${record.system} |`,
    `| 源表 / Source table | \`${record.source}\` |`,
    `| 演练表 / Drill table | \`${record.target}\` |`,
    `| 方式 / Method | ${methods[record.method]} |`,
    `| 恢复点 / Restore point | ${record.restorePoint ?? '—'} |`,
    `| 开始 / Started | ${record.startedAt} |`,
    `| 结束 / Finished | ${record.finishedAt} |`,
    `| 恢复至可用 / Restore until ACTIVE | ${secondsText(record.restoreSeconds)} |`,
    `| 校验 / Verification | ${secondsText(record.verifySeconds)} |`,
    `| 恢复时间（开始至可用并校验完毕）/ Recovery time (start → ACTIVE and verified) | ${secondsText(record.recoverySeconds)} |`,
    `| 条目数 / Items | 源 / source ${comparison.sourceItems}，副本 / copy ${comparison.copyItems} |`,
    `| 分区 / Partitions | 比较 / compared ${comparison.partitionsCompared}，一致 / matching ${comparison.partitionsMatching}，不一致 / differing ${comparison.partitionsDiffering} |`,
    `| 结果 / Result | ${record.identical ? '**一致 / IDENTICAL**' : '**不一致 / DIFFERS**'} |`,
    `| 演练表已删除 / Drill table deleted | ${yesNo(record.targetDeleted)} |`,
    '',
  ];
  if (comparison.firstDiffering.length > 0) {
    lines.push(
      `## 不一致的分区（前 ${comparison.firstDiffering.length} 个，共 ${comparison.partitionsDiffering} 个）/ Differing partitions (first ${comparison.firstDiffering.length} of ${comparison.partitionsDiffering})`,
      '',
      '| 分区键 / Partition key | 差异 / Difference | 源条目 / Source items | 副本条目 / Copy items |',
      '| --- | --- | --- | --- |',
      ...comparison.firstDiffering.map(
        (partition) =>
          `| \`${partition.partitionKey.replaceAll('|', '\\|')}\` | ${differences[partition.difference]} | ${partition.sourceItems} | ${partition.copyItems} |`,
      ),
      '',
    );
  }
  lines.push(
    '## 说明 / Notes',
    '',
    ...notes(record),
    "- 校验：对每个分区按排序键顺序，对各条目规范形式的 SHA-256 再取 SHA-256，比较源表与演练表。 / Verification: per partition, the SHA-256 over the SHA-256 of each item's canonical form in sort-key order, source against drill table.",
    '',
  );
  return lines.join('\n');
}

/**
 * Writes `<directory>/<drill table>.md` and `.json`.
 * @returns both paths.
 */
export async function writeDrillRecord(record: RestoreDrillRecord, directory: string): Promise<{ markdown: string; json: string }> {
  await mkdir(directory, { recursive: true });
  const markdown = join(directory, `${record.target}.md`);
  const json = join(directory, `${record.target}.json`);
  await writeFile(markdown, renderDrillMarkdown(record), 'utf8');
  await writeFile(json, `${JSON.stringify(record, null, 2)}\n`, 'utf8');
  return { markdown, json };
}

/** The terminal summary. */
export function formatDrillSummary(record: RestoreDrillRecord, paths: { markdown: string; json: string }): string {
  const { comparison } = record;
  const lines = [
    `${record.identical ? '一致 / IDENTICAL' : '不一致 / DIFFERS'}: ${record.source} → ${record.target}`,
    `恢复点 / Restore point: ${record.restorePoint ?? '—'}`,
    `条目数 / Items: 源 / source ${comparison.sourceItems}，副本 / copy ${comparison.copyItems}`,
    `分区 / Partitions: 比较 / compared ${comparison.partitionsCompared}，一致 / matching ${comparison.partitionsMatching}，不一致 / differing ${comparison.partitionsDiffering}`,
    ...comparison.firstDiffering.map((partition) => `  ${partition.partitionKey}: ${differences[partition.difference]}`),
    `恢复时间 / Recovery time: ${secondsText(record.recoverySeconds)}（恢复 / restore ${secondsText(record.restoreSeconds)}，校验 / verification ${secondsText(record.verifySeconds)}）`,
    `演练表已删除 / Drill table deleted: ${yesNo(record.targetDeleted)}`,
    `报告 / Report: ${paths.markdown}`,
    `          ${paths.json}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** 0 when the copy is identical, 3 when it differs. */
export function drillExitCode(report: RestoreDrillReport): number {
  return report.identical ? exitCodes.ok : exitCodes.attention;
}
