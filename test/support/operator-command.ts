/**
 * Runs one of the operators' commands as an operator would: `npm` runs the package script, `node`
 * the command's entry directly (faster, same code).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

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
