/**
 * `npm start`: the whole system on this machine. Starts the local runtime with its schedules on,
 * prints where the API is and how to call it as a department and as a supervisor, and stops
 * cleanly (DynamoDB Local included) on Ctrl-C or SIGTERM.
 *
 *   npm start -- [--port 3000] [--data-dir .local] [--ephemeral] [--cors-origin <origin>]... [--site-origin <origin>] [--allow-loopback-webhooks]
 *
 * `--cors-origin` (repeatable; or `PUBLIC_CORS_ORIGINS`, comma-separated) lets a browser complaint
 * form served from that origin, e.g. `http://localhost:8080`, call the public complaint routes.
 *
 * `--site-origin <origin>` runs the pages as in AWS China: the console and the complaint page,
 * opened at that origin (e.g. `http://localhost:3000`), call the API on its own origin
 * (`http://127.0.0.1:3000`), which allows that origin on the staff and public complaint routes
 * (CORS) and in its refusals.
 *
 * `--allow-loopback-webhooks` lets webhook subscriptions name a test subscriber on this machine
 * (`http://127.0.0.1:<port>/…`); without it, as in every deployment, loopback endpoints are refused.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { normalizeOrigin, parseAllowedOrigins } from '#shared/http/allowed-origin.ts';
import { publicCors } from '#shared/topology.ts';
import { ensureConsoleBuilt } from '#infra/console/console-build.ts';
import { demoCatalogue, demoDepartments } from './demo-data.ts';
import { type LocalRuntime, startLocalRuntime } from './runtime.ts';

interface StartOptions {
  readonly port: number;
  readonly dataDir: string;
  readonly ephemeral: boolean;
  readonly publicCorsOrigins: readonly string[];
  readonly siteOrigin: string | undefined;
  readonly allowLoopbackWebhooks: boolean;
}

function readOptions(argv: readonly string[]): StartOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string', default: '3000' },
      'data-dir': { type: 'string', default: '.local' },
      ephemeral: { type: 'boolean', default: false },
      'cors-origin': { type: 'string', multiple: true },
      'site-origin': { type: 'string' },
      'allow-loopback-webhooks': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, got '${values.port}'`);
  return {
    port,
    dataDir: resolve(values['data-dir']),
    ephemeral: values.ephemeral,
    publicCorsOrigins: parseAllowedOrigins(values['cors-origin'] ?? process.env[publicCors.environmentName]),
    siteOrigin: values['site-origin'] === undefined ? undefined : normalizeOrigin(values['site-origin']),
    allowLoopbackWebhooks: values['allow-loopback-webhooks'],
  };
}

/** `2026-03-02T09:30:00+08:00`: now, as a department in Asia/Shanghai would write it. */
const shanghaiNow = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');

async function describeRuntime(runtime: LocalRuntime, options: StartOptions): Promise<string> {
  const profile = demoDepartments.find((candidate) => candidate.department === 'haishu-housing') ?? demoDepartments[0]!;
  const matter = demoCatalogue.find((candidate) => candidate.department === profile.department)!;
  const credential = runtime.credentials.find((candidate) => candidate.department === profile.department)!;
  const token = await runtime.mintStaffToken({ subject: 'local-city-supervisor', role: 'citySupervisor', jurisdiction: 'city' });
  const batch = JSON.stringify({
    records: [
      {
        kind: 'licensing',
        event: 'received',
        department: profile.department,
        matterCode: matter.matterCode,
        caseId: `DEMO-${Date.now().toString(36).toUpperCase()}`,
        sequence: 1,
        occurredAt: shanghaiNow(),
      },
    ],
  });
  return [
    '',
    'e-supervision is running on this machine',
    `  Console    ${runtime.apiUrl.replace('//127.0.0.1:', '//localhost:')}/  (监察工作台; sign in as one of the demo staff)`,
    `  Complaints ${runtime.apiUrl.replace('//127.0.0.1:', '//localhost:')}/complaint/  (行政效能投诉: the citizen's page, framed only by the --cors-origin portals)`,
    `  API        ${runtime.apiUrl}`,
    `  OpenAPI    ${runtime.apiUrl}/v1/openapi.json`,
    `  OIDC       ${runtime.issuer}/.well-known/openid-configuration`,
    `  Data       ${options.ephemeral ? 'throw-away (in memory)' : options.dataDir}`,
    `  CORS       ${options.publicCorsOrigins.length > 0 ? `${options.publicCorsOrigins.join(', ')} (public complaint routes)` : 'off (--cors-origin <origin> for a browser complaint form)'}`,
    `  Webhooks   ${options.allowLoopbackWebhooks ? 'a subscriber on this machine may be registered (http://127.0.0.1:<port>/…; never in a deployment)' : 'public https endpoints only, as in a deployment (--allow-loopback-webhooks for a test subscriber on this machine)'}`,
    `  Site       ${options.siteOrigin === undefined ? 'pages call the API on their own origin (--site-origin <origin>: as in AWS China, on its own)' : `pages opened at ${options.siteOrigin} call the API at ${runtime.apiUrl} (staff and public CORS, as in AWS China)`}`,
    '',
    `A department (${profile.name}, ${profile.department}) and a city supervisor (token valid 1 h):`,
    '',
    `  export ACCESS_KEY=${credential.accessKeyId}`,
    `  export SECRET_KEY=${credential.secretAccessKey}`,
    `  export API_KEY=${credential.apiKey}`,
    `  export TOKEN=${token}`,
    '',
    "Push a licensing batch, signed with SigV4 like any AWS SDK or CLI would sign it, with the department's API key:",
    '',
    `  curl --aws-sigv4 "aws:amz:${runtime.region}:execute-api" --user "$ACCESS_KEY:$SECRET_KEY" \\`,
    `    -H "x-api-key: $API_KEY" -H 'content-type: application/json' ${runtime.apiUrl}/v1/records \\`,
    `    -d '${batch}'`,
    '',
    'Read the alerts as the city supervisor:',
    '',
    `  curl -H "Authorization: Bearer $TOKEN" ${runtime.apiUrl}/v1/alerts`,
    '',
    "File a complaint as a citizen (no login), then see the supervisors' queue:",
    '',
    `  curl -H 'content-type: application/json' ${runtime.apiUrl}/v1/public/complaints \\`,
    `    -d '{"department":"${profile.department}","category":"delay","content":"申请逾期未办结","realName":false}'`,
    `  curl -H "Authorization: Bearer $TOKEN" "${runtime.apiUrl}/v1/complaints?queue=awaitingDecision"`,
    '',
    'Other departments and roles: npm run local:credentials -- departments',
    '                             npm run local:credentials -- token --role districtSupervisor --jurisdiction haishu',
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  // The SDK's notice that its 2027 releases need Node 22: known; versions are pinned in the lockfile.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const options = readOptions(process.argv.slice(2));
  const consoleDirectory = await ensureConsoleBuilt((line) => process.stderr.write(`[local] ${line}\n`));
  const runtime = await startLocalRuntime({
    consoleDirectory,
    dataDir: options.dataDir,
    ephemeral: options.ephemeral,
    publicCorsOrigins: options.publicCorsOrigins,
    ...(options.siteOrigin === undefined ? {} : { siteOrigin: options.siteOrigin }),
    allowLoopbackWebhooks: options.allowLoopbackWebhooks,
    apiPort: options.port,
    schedulesEnabled: true,
    seedDemo: true,
  });

  let stopping = false;
  const shutDown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl-C: stop waiting. DynamoDB Local is killed on exit all the same.
      process.stderr.write(`[local] ${signal} again: exiting now\n`);
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(`[local] ${signal}: stopping…\n`);
    runtime.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`[local] stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutDown);
  process.on('SIGTERM', shutDown);

  process.stdout.write(await describeRuntime(runtime, options));
}

main().catch((error: unknown) => {
  process.stderr.write(`[local] could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
