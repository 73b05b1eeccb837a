/**
 * `npm run local:credentials -- <command>`: the local runtime's credentials, without it running.
 *
 *   departments                      every department's access key pair
 *   token --role <role> --jurisdiction <city|district> [--department <d>] [--subject <s>]
 *         [--no-second-factor] [--expires-in <seconds>]
 *                                    a staff token from the local identity provider (stdout: the token only)
 *
 * Both accept `--data-dir <dir>` (default `.local`, as `npm start`).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { staffRoles, type StaffRole } from '#shared/topology.ts';
import { demoDepartments } from './demo-data.ts';
import { loadDepartmentCredentials } from './department-credentials.ts';
import { loadIdentityProvider } from './identity-provider.ts';

const usage = `usage: npm run local:credentials -- departments [--data-dir .local]
       npm run local:credentials -- token --role <${staffRoles.join('|')}> --jurisdiction <city|district>
             [--department <department>] [--subject <subject>] [--no-second-factor] [--expires-in <seconds>]
             [--data-dir .local]`;

class UsageError extends Error {}

async function printDepartments(dataDir: string): Promise<void> {
  const credentials = await loadDepartmentCredentials(
    dataDir,
    demoDepartments.map((profile) => profile.department),
  );
  for (const credential of credentials.all) {
    const profile = demoDepartments.find((candidate) => candidate.department === credential.department);
    process.stdout.write(
      [
        `${credential.department}${profile ? ` (${profile.name}, ${profile.jurisdiction})` : ''}`,
        `  access key id      ${credential.accessKeyId}`,
        `  secret access key  ${credential.secretAccessKey}`,
        `  API key            ${credential.apiKey}`,
        '',
      ].join('\n'),
    );
  }
}

interface TokenArguments {
  readonly role?: string;
  readonly jurisdiction?: string;
  readonly department?: string;
  readonly subject?: string;
  readonly 'no-second-factor'?: boolean;
  readonly 'expires-in'?: string;
}

async function printToken(dataDir: string, values: TokenArguments): Promise<void> {
  if (values.role === undefined || values.jurisdiction === undefined) throw new UsageError('token needs --role and --jurisdiction');
  const expiresInSeconds = Number(values['expires-in'] ?? 3600);
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0) throw new UsageError('--expires-in must be a whole number of seconds');
  // The stored issuer is the one the runtime last served; a token for another port would be refused.
  const provider = await loadIdentityProvider({ dataDir });
  const token = await provider.mintStaffToken({
    subject: values.subject ?? `local-${values.role}`,
    role: values.role as StaffRole,
    jurisdiction: values.jurisdiction,
    department: values.department,
    secondFactor: !values['no-second-factor'],
    expiresInSeconds,
  });
  process.stderr.write(`issuer ${provider.issuer}, role ${values.role}, jurisdiction ${values.jurisdiction}, valid ${expiresInSeconds} s\n`);
  process.stdout.write(`${token}\n`);
}

async function main(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string', default: '.local' },
      role: { type: 'string' },
      jurisdiction: { type: 'string' },
      department: { type: 'string' },
      subject: { type: 'string' },
      'no-second-factor': { type: 'boolean' },
      'expires-in': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const dataDir = resolve(values['data-dir']);
  const [command] = positionals;
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (command === 'departments') return printDepartments(dataDir);
  if (command === 'token') return printToken(dataDir, values);
  throw new UsageError(command === undefined ? 'a command is needed' : `unknown command '${command}'`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usageProblem = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usageProblem ? `${usage}\n` : ''}`);
  process.exit(usageProblem ? 2 : 1);
});
