/**
 * A local runtime for one test file: its own tables on the run's shared DynamoDB Local, a
 * throw-away data folder, schedules fired by hand.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { functionBundlesAt } from '#infra/local/lambda/function-bundles.ts';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions, type RuntimeUsage } from '#infra/local/runtime.ts';
import { createContractCheck, type ContractCheck, type ContractViolation } from './openapi-contract.ts';

export interface TestRuntime {
  readonly runtime: LocalRuntime;
  /** The runtime's throw-away data folder (credentials, keys, `runtime.json`, the deployment steps' state). */
  readonly dataDir: string;
  /** Every line the runtime's functions have logged so far, at the deployed level. */
  functionLog(): readonly RecordedLogLine[];
  dispose(): Promise<void>;
}

/** One line a function of a test runtime wrote to its log. */
export interface RecordedLogLine {
  readonly function: string;
  readonly line: string;
}

/** The suffix of the files holding a test runtime's function logs (one JSON line per log line). */
export const functionLogFileSuffix = '.function-logs.jsonl';

/** The suffix of the files holding what a test runtime's functions used (IAM decisions, variables read). */
export const usageFileSuffix = '.usage.json';

/** The suffix of the files holding what a test runtime's API answered, checked against the OpenAPI document. */
export const contractFileSuffix = '.contract.json';

/** What a test runtime's functions answered through the API, as the whole-run contract check reads it. */
export interface RecordedAnswers {
  readonly label: string;
  /** `METHOD route status` of every answer, counted. */
  readonly answered: Readonly<Record<string, number>>;
  readonly violations: readonly ContractViolation[];
}

/** Built once per test file: compiling the document's schemas is the slow part. */
let contractCheck: ContractCheck | undefined;

/** Levels echoed to the test output as they happen: what a failing test needs to be read. */
const echoedLevel = /"level":"(WARN|ERROR|CRITICAL)"/;

/** What a test runtime recorded, as the whole-run checks read it. */
export interface RecordedUsage {
  readonly label: string;
  readonly usage: RuntimeUsage;
}

export interface TestRuntimeOptions extends Partial<LocalRuntimeOptions> {
  /**
   * Record what the functions used for the whole-run checks (default true). Off for runtimes
   * whose declarations a test changed, or whose credentials a test uses itself.
   */
  readonly recordUsage?: boolean;
}

export async function startTestRuntime(label: string, testOptions: TestRuntimeOptions = {}): Promise<TestRuntime> {
  const { recordUsage = true, ...options } = testOptions;
  const dataDir = await mkdtemp(join(tmpdir(), `esup-${label}-`));
  // Every function's log, at the deployed level, for the whole-run scan for personal data.
  const logLines: RecordedLogLine[] = [];
  // Every answer a function gives is checked against the served document, for the whole-run check.
  contractCheck ??= createContractCheck();
  const check = contractCheck;
  const answered: Record<string, number> = {};
  const violations: ContractViolation[] = [];
  const runtime = await startLocalRuntime({
    dataDir,
    ephemeral: true,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `${label}${Date.now().toString(36)}`,
    schedulesEnabled: false,
    quiet: true,
    // Every test request comes from 127.0.0.1; the public limit has its own test.
    publicRateLimit: { requestsPerSecond: 1000, burst: 10_000 },
    bundles: functionBundlesAt(inject('functionBundles')),
    onFunctionLog: (name, line) => {
      logLines.push({ function: name, line });
      if (echoedLevel.test(line)) process.stdout.write(`${line}\n`);
    },
    onFunctionAnswer: (answer) => {
      const key = `${answer.method} ${answer.route} ${answer.status}`;
      answered[key] = (answered[key] ?? 0) + 1;
      const violation = check.check(answer);
      if (violation === undefined) return;
      violations.push(violation);
      process.stdout.write(`contract: ${violation.method} ${violation.route} ${violation.status}: ${violation.reason}\n`);
    },
    ...options,
  });
  return {
    runtime,
    dataDir,
    functionLog: () => [...logLines],
    async dispose() {
      const usageDirectory = inject('usageDirectory');
      const run = randomUUID();
      if (recordUsage && usageDirectory) {
        const recorded: RecordedUsage = { label, usage: await runtime.usage() };
        await writeFile(join(usageDirectory, `${label}-${run}${usageFileSuffix}`), JSON.stringify(recorded));
      }
      await runtime.stop();
      if (usageDirectory) {
        await writeFile(join(usageDirectory, `${label}-${run}${functionLogFileSuffix}`), logLines.map((line) => `${JSON.stringify(line)}\n`).join(''));
        await writeFile(
          join(usageDirectory, `${label}-${run}${contractFileSuffix}`),
          JSON.stringify({ label, answered, violations } satisfies RecordedAnswers),
        );
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
