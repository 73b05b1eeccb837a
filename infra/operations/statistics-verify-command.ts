/**
 * `npm run statistics:verify -- ...`: recomputes a period's statistics from the stored cases, complaints and supervision cases and
 * compares them with the aggregates the processing keeps (Art. 20); names every difference.
 */
import { parseArgs } from 'node:util';
import { parseStatisticsPeriod } from '#shared/domain/statistics/statistics-period.ts';
import { DepartmentId } from '#shared/domain/records/identifiers.ts';
import { exitCodes, runCommand, UsageError } from './command-line.ts';
import { formatStatisticsVerification, verifyStatisticsIn } from './statistics-verify.ts';
import { connectionArgumentOptions, connectToSystem, tableNameOf } from './system-connection.ts';

const usage = `用法 / usage: npm run statistics:verify -- (--local [--data-dir .local] | --config <deployment> | --region <region>)
         --period <YYYY-MM | YYYY-Qn | YYYY> [--department <id>] [--json]

  --period <期间>      月、季度或年（上海时间）/ a month, quarter or year (Shanghai time)
  --department <id>   只核验一个部门（默认全市）/ one department only (default: every department)
  --json              以 JSON 输出 / print the result as JSON

退出码 / exit codes: 0 一致 / equal, 3 有差异 / differences, 2 参数错误 / usage, 1 失败 / failed`;

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      ...connectionArgumentOptions,
      period: { type: 'string' },
      department: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return exitCodes.ok;
  }
  const period = values.period === undefined ? undefined : parseStatisticsPeriod(values.period);
  if (period === undefined) throw new UsageError('参数 --period 必须是 YYYY-MM、YYYY-Qn 或 YYYY', '--period must be YYYY-MM, YYYY-Qn or YYYY');
  if (values.department !== undefined && !DepartmentId.safeParse(values.department).success) {
    throw new UsageError('参数 --department 不是部门标识', '--department is not a department id');
  }
  const connection = await connectToSystem({ local: values.local, dataDir: values['data-dir'], config: values.config, region: values.region });
  try {
    const tables = {
      cases: tableNameOf(connection.target, 'cases'),
      reference: tableNameOf(connection.target, 'reference'),
      oversight: tableNameOf(connection.target, 'oversight'),
    };
    const result = await verifyStatisticsIn(connection.dynamodb, tables, period, values.department);
    process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatStatisticsVerification(result));
    return result.differences.length > 0 ? exitCodes.attention : exitCodes.ok;
  } finally {
    connection.destroy();
  }
}

runCommand(main, usage);
