/**
 * `npm run restore-drill -- ...`: restores a table and proves the copy (docs/operations.md).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exitCodes, runCommand, UsageError } from './command-line.ts';
import { type RestoreMethod, restoreDrill, RestoreDrillRefusedError } from './restore-drill.ts';
import { drillExitCode, formatDrillSummary, type RestoreDrillRecord, writeDrillRecord } from './restore-drill-report.ts';
import { connectionArgumentOptions, connectToSystem, describeTarget, type SystemTarget, tableNameOf } from './system-connection.ts';

const usage = `用法 / usage: npm run restore-drill -- (--local [--data-dir .local] | --config <deployment> | [--region <region>]) --table <table>
         [--at <ISO instant>] [--target <table>] [--method pitr|copy] [--compare-only] [--delete-after]
         [--report-dir <dir>] [--json]

  --table <table>     源表：逻辑名（cases、reference、audit、oversight）或物理表名 / the source: a logical or physical table name
  --at <instant>      恢复点，带时区的 ISO 时间（仅 AWS；默认最新可恢复时间）/ restore point, an ISO instant with offset (AWS only; default the latest restorable time)
  --target <table>    演练表名（默认 <源表>-drill-<UTC 时间>）/ drill table name (default <source>-drill-<UTC stamp>)
  --method pitr|copy  恢复方式（AWS 默认 pitr，本地只能 copy）/ how to restore (default pitr in AWS; copy locally, the only way)
  --compare-only      不恢复，只比较源表与已有的 --target / no restore: compare the source with an existing --target
  --delete-after      报告写完后删除演练表 / delete the drill table once the report is written
  --report-dir <dir>  报告目录（本地默认 <data-dir>/restore-drills，否则 ./restore-drills）/ where the report goes
  --json              以 JSON 输出报告 / print the report as JSON`;

const isoInstant = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/;

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      ...connectionArgumentOptions,
      table: { type: 'string' },
      at: { type: 'string' },
      target: { type: 'string' },
      method: { type: 'string' },
      'compare-only': { type: 'boolean', default: false },
      'delete-after': { type: 'boolean', default: false },
      'report-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return exitCodes.ok;
  }
  if (values.table === undefined) throw new UsageError('需要参数 --table', '--table is required');
  const at = instantOption(values.at);
  const method = methodOption(values.method, values.local, values['compare-only']);
  if (values['compare-only'] && values.target === undefined) {
    throw new UsageError('--compare-only 需要 --target（要比较的已有表）', '--compare-only needs --target (the existing table to compare)');
  }

  const connection = await connectToSystem({ local: values.local, dataDir: values['data-dir'], config: values.config, region: values.region });
  try {
    const report = await restoreDrill(connection.dynamodb, {
      sourceTable: tableNameOf(connection.target, values.table),
      method,
      targetTable: values.target === undefined ? undefined : tableNameOf(connection.target, values.target),
      at,
      deleteAfter: values['delete-after'],
      pollIntervalMs: connection.target.kind === 'local' ? 100 : 5_000,
      onProgress: (chinese, english) => process.stderr.write(`${chinese} / ${english}\n`),
    }).catch((error: unknown) => {
      throw error instanceof RestoreDrillRefusedError ? new UsageError(error.chinese, error.english, false) : error;
    });
    const record: RestoreDrillRecord = { version: 1, system: describeTarget(connection.target, values.region), ...report };
    const paths = await writeDrillRecord(record, values['report-dir'] ?? defaultReportDirectory(connection.target));
    process.stdout.write(values.json ? `${JSON.stringify(record, null, 2)}\n` : formatDrillSummary(record, paths));
    return drillExitCode(report);
  } finally {
    connection.destroy();
  }
}

function instantOption(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const instant = new Date(value);
  if (!isoInstant.test(value) || Number.isNaN(instant.getTime())) {
    throw new UsageError(
      '参数 --at 必须是带时区的 ISO 时间，例如 2026-03-02T01:00:00Z',
      '--at must be an ISO instant with its offset, e.g. 2026-03-02T01:00:00Z',
    );
  }
  return instant;
}

function methodOption(value: string | undefined, local: boolean, compareOnly: boolean): RestoreMethod | 'compareOnly' {
  if (value !== undefined && value !== 'pitr' && value !== 'copy') {
    throw new UsageError('参数 --method 必须是 pitr 或 copy', '--method must be pitr or copy');
  }
  if (compareOnly) {
    if (value !== undefined) {
      throw new UsageError('--compare-only 不恢复，不能与 --method 同用', '--compare-only restores nothing; it takes no --method');
    }
    return 'compareOnly';
  }
  if (local && value === 'pitr') {
    throw new UsageError('DynamoDB Local 没有时间点恢复；本地演练用 copy', 'DynamoDB Local has no point-in-time recovery; a local drill uses copy');
  }
  if (value === 'copy' || (value === undefined && local)) return 'copy';
  return 'pointInTime';
}

function defaultReportDirectory(target: SystemTarget): string {
  return target.kind === 'local' ? join(target.dataDir, 'restore-drills') : resolve('restore-drills');
}

runCommand(main, usage);
