/**
 * `npm run records:verify -- ...`: checks the seals of the act records stored in a range of hours,
 * through the deployment's verifier function (docs/operations.md).
 */
import { parseArgs } from 'node:util';
import { isSealHour } from '#shared/application/record-seals/record-seal.ts';
import { sealHoursBetween } from '#shared/application/record-seals/seal-hours.ts';
import { exitCodes, runCommand, UsageError } from './command-line.ts';
import { formatRecordsVerification, verifyRecords } from './records-verify.ts';
import { connectionArgumentOptions, connectToSystem, prefixedName, requireInvocableTarget } from './system-connection.ts';

const usage = `用法 / usage: npm run records:verify -- (--local [--data-dir .local] | --config <deployment> | --region <region> --function <name>)
         --from <YYYY-MM-DD[THH]> [--to <YYYY-MM-DD[THH]>] [--json]

  --from <时间>    第一个小时（UTC）；只给日期即当天 00 时 / the first hour (UTC); a date alone is its hour 00
  --to <时间>      最后一个小时（默认 --from 当天 23 时，最多 366 天）/ the last hour (default: hour 23 of --from's day; at most 366 days)
  --function <f>  核验函数（默认 verify-records）/ the verifier function (default verify-records)
  --json          以 JSON 输出 / print the result as JSON`;

const dayOrHour = /^(\d{4}-\d\d-\d\d)(?:T(\d\d))?$/;
const maxHours = 366 * 24;

function hourOption(name: string, value: string | undefined, dayEnd: 'T00' | 'T23'): string | undefined {
  if (value === undefined) return undefined;
  const match = dayOrHour.exec(value);
  const hour = match === null ? undefined : `${match[1]}${match[2] === undefined ? dayEnd : `T${match[2]}`}`;
  if (hour === undefined || !isSealHour(hour)) {
    throw new UsageError(`参数 --${name} 必须是 YYYY-MM-DD 或 YYYY-MM-DDTHH（UTC）`, `--${name} must be YYYY-MM-DD or YYYY-MM-DDTHH (UTC)`);
  }
  return hour;
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      ...connectionArgumentOptions,
      from: { type: 'string' },
      to: { type: 'string' },
      function: { type: 'string', default: 'verify-records' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return exitCodes.ok;
  }
  const from = hourOption('from', values.from, 'T00');
  if (from === undefined) throw new UsageError('需要参数 --from', '--from is required');
  const to = hourOption('to', values.to, 'T23') ?? `${from.slice(0, 10)}T23`;
  const hours = sealHoursBetween(from, to);
  if (hours.length === 0 || hours.length > maxHours) {
    throw new UsageError('--to 不能早于 --from，且最多 366 天', '--to may not be before --from, and the range is at most 366 days');
  }
  const connection = await connectToSystem({ local: values.local, dataDir: values['data-dir'], config: values.config, region: values.region });
  try {
    requireInvocableTarget(connection.target);
    const result = await verifyRecords(connection.lambda, prefixedName(connection.target, values.function), hours);
    process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatRecordsVerification(result));
    return result.broken > 0 || result.partlyChecked.length > 0 ? exitCodes.attention : exitCodes.ok;
  } finally {
    connection.destroy();
  }
}

runCommand(main, usage);
