/**
 * What `npm run audit:verify -- ...` runs (`audit-verify-command.ts` is its entry): checks the audit
 * trail day by day against its sealed, signed digests and names the first missing, altered or
 * inserted entry (docs/operations.md).
 */
import { parseArgs } from 'node:util';
import { daysBetween, formatAuditVerification, verifyAudit } from './audit-verify.ts';
import { exitCodes, UsageError } from './command-line.ts';
import { connectionArgumentOptions, connectToSystem, tableNameOf } from './system-connection.ts';
import { connectToAuditTrail } from './audit-trail-connection.ts';

/** The command's usage, printed with `--help` and after a bad argument. */
export const auditVerifyUsage = `用法 / usage: npm run audit:verify -- (--local [--data-dir .local] | --config <deployment> | --region <region> --table <table> --bucket <bucket> --signing-key <key>)
         --from <YYYY-MM-DD> [--to <YYYY-MM-DD>] [--json]

  --from <day>         第一天（UTC 日期）/ the first day (UTC date)
  --to <day>           最后一天（默认同 --from，最多 366 天）/ the last day (default --from; at most 366 days)
  --table <t>          审计表（默认 audit）/ the audit table (default audit)
  --bucket <b>         摘要桶（默认按部署命名）/ the digest bucket (default: the deployment's)
  --signing-key <k>    签名密钥的 ARN 或别名（默认按部署命名）/ the signing key's ARN or alias (default: the deployment's)
  --json               以 JSON 输出 / print the result as JSON

退出码 / exit codes: 0 完整 / intact, 3 发现问题 / findings, 2 参数错误 / usage, 1 失败 / failed`;

const isoDay = /^\d{4}-\d\d-\d\d$/;

function dayOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isoDay.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`参数 --${name} 必须是 YYYY-MM-DD 日期`, `--${name} must be a YYYY-MM-DD date`);
  }
  return value;
}

/**
 * The command itself: parses `argv`, verifies the days asked for and writes the report to `write`;
 * resolves with the exit code. Failures are thrown, for `runCommand` to print and code.
 */
export async function auditVerifyMain(argv: readonly string[], write: (text: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      ...connectionArgumentOptions,
      from: { type: 'string' },
      to: { type: 'string' },
      table: { type: 'string', default: 'audit' },
      bucket: { type: 'string' },
      'signing-key': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    write(`${auditVerifyUsage}\n`);
    return exitCodes.ok;
  }
  const from = dayOption('from', values.from);
  if (from === undefined) throw new UsageError('需要参数 --from', '--from is required');
  const to = dayOption('to', values.to) ?? from;
  const days = daysBetween(from, to);
  if (days.length === 0 || days.length > 366) {
    throw new UsageError('--to 不能早于 --from，且最多 366 天', '--to may not be before --from, and the range is at most 366 days');
  }
  const connection = await connectToSystem({ local: values.local, dataDir: values['data-dir'], config: values.config, region: values.region });
  try {
    const trail = connectToAuditTrail(connection.target, { bucket: values.bucket, signingKey: values['signing-key'], region: values.region });
    try {
      const result = await verifyAudit(connection.dynamodb, tableNameOf(connection.target, values.table), trail, days);
      write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatAuditVerification(result));
      return result.findings > 0 ? exitCodes.attention : exitCodes.ok;
    } finally {
      trail.destroy();
    }
  } finally {
    connection.destroy();
  }
}
