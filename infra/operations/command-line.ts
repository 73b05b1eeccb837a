/**
 * What the operators' commands share on the command line: bilingual usage errors (Chinese
 * first, English second), exit codes, and running a command's main function so that every
 * failure ends with a clear message and the right code.
 */
import { RuntimeManifestError } from '#infra/local/runtime-manifest.ts';
import { DeploymentConfigError } from '#infra/cdk/deployment-config.ts';

/** Exit codes shared by the operators' commands (each command documents its own meaning of 3). */
export const exitCodes = {
  /** Done as asked. */
  ok: 0,
  /** The command failed (an AWS or endpoint error, a timeout); what was done is reported. */
  failed: 1,
  /** A bad argument, or a target the command refuses; nothing was changed. */
  usage: 2,
  /** Done, but the result needs the operator (redrive: a message came back still poison; drill: the copy differs). */
  attention: 3,
} as const;

/**
 * A bad argument or a refused target: the message says what and why, in Chinese and English.
 * `showUsage` is false when the arguments were well formed but the target is refused.
 */
export class UsageError extends Error {
  constructor(
    readonly chinese: string,
    readonly english: string,
    readonly showUsage = true,
  ) {
    super(`${chinese} / ${english}`);
    this.name = 'UsageError';
  }
}

/**
 * Parses a whole number from `low` to `high`.
 * @throws UsageError naming the option.
 */
export function integerOption(option: string, value: string | undefined, fallback: number, low: number, high: number): number {
  if (value === undefined) return fallback;
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < low || parsed > high) {
    throw low === 1
      ? new UsageError(`参数 --${option} 必须是 1 到 ${high} 之间的正整数`, `--${option} must be a positive integer up to ${high}`)
      : new UsageError(`参数 --${option} 必须是 ${low} 到 ${high} 之间的整数`, `--${option} must be a whole number from ${low} to ${high}`);
  }
  return parsed;
}

/** `node:util` parseArgs errors carry codes such as `ERR_PARSE_ARGS_UNKNOWN_OPTION`. */
function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
}

/** What a failure prints and the code it ends with (pure, for tests). */
export function describeFailure(error: unknown, usage: string): { readonly text: string; readonly exitCode: number } {
  if (error instanceof UsageError) {
    return { text: error.showUsage ? `${error.message}\n\n${usage}\n` : `${error.message}\n`, exitCode: exitCodes.usage };
  }
  if (isParseArgsError(error)) {
    return { text: `参数无效 / Invalid arguments: ${error.message}\n\n${usage}\n`, exitCode: exitCodes.usage };
  }
  if (error instanceof RuntimeManifestError) return { text: `${error.message}\n`, exitCode: exitCodes.usage };
  if (error instanceof DeploymentConfigError) {
    return { text: `部署配置无效 / ${error.message}\n`, exitCode: exitCodes.usage };
  }
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return { text: `命令失败 / The command failed: ${name}: ${message}\n`, exitCode: exitCodes.failed };
}

/**
 * Runs a command's main function and exits with its code; any failure is printed (Chinese
 * first) with the usage when an argument was at fault.
 */
export function runCommand(main: (argv: readonly string[]) => Promise<number>, usage: string): void {
  // The SDK's notice that its 2027 releases need Node 22: known; versions are pinned in the lockfile.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const failure = describeFailure(error, usage);
      process.stderr.write(failure.text);
      process.exitCode = failure.exitCode;
    },
  );
}
