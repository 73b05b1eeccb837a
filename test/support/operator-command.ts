/**
 * Runs one of the operators' commands as an operator would: `npm` runs the package script, `node`
 * the command's entry directly (faster, same code); or its main function in this process.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describeFailure } from '#infra/operations/command-line.ts';

const repositoryRoot = join(import.meta.dirname, '..', '..');

/** What the command printed and how it ended. */
export interface CommandRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * @param script the package.json script (`redrive`, `restore-drill`)
 * @param entry its entry file, relative to the repository root
 */
export function runOperatorCommand(
  script: string,
  entry: string,
  how: 'npm' | 'node',
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommandRun> {
  const [command, commandArgs] = how === 'npm' ? ['npm', ['run', '--silent', script, '--', ...args]] : [process.execPath, ['--import', 'tsx', entry, ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: repositoryRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs a command's main function in this process, as `runCommand` runs it for the command line
 * (same exit codes, same failure text on stderr), without starting Node and loading the SDK again:
 * for the many runs of a scenario; one run per command through `runOperatorCommand` keeps the
 * real command line proven.
 */
export async function runCommandInProcess(
  main: (argv: readonly string[], write: (text: string) => void) => Promise<number>,
  usage: string,
  args: readonly string[],
): Promise<CommandRun> {
  let stdout = '';
  try {
    const code = await main(args, (text) => (stdout += text));
    return { code, stdout, stderr: '' };
  } catch (error) {
    const failure = describeFailure(error, usage);
    return { code: failure.exitCode, stdout, stderr: failure.text };
  }
}
