/** Everything the process prints while a test file runs (runtime and handlers alike), for checks on the logs. */
export interface CapturedOutput {
  /** All that was written to stdout and stderr so far. */
  text(): string;
  /** Stops capturing; what is printed from then on goes only to the terminal. */
  restore(): void;
}

/** Tees stdout and stderr: each chunk still reaches the terminal, and is kept. */
export function captureOutput(): CapturedOutput {
  const chunks: string[] = [];
  const originalStdout = process.stdout.write.bind(process.stdout);
  const originalStderr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    chunks.push(String(chunk));
    return originalStdout(chunk, ...rest);
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    chunks.push(String(chunk));
    return originalStderr(chunk, ...rest);
  }) as typeof process.stderr.write;
  return {
    text: () => chunks.join(''),
    restore: () => {
      process.stdout.write = originalStdout;
      process.stderr.write = originalStderr;
    },
  };
}
