/**
 * `npm run catalogue:load`: loads a catalogue file (事项目录) through the catalogue API of a
 * deployment or of the local runtime. Every problem of the file is reported with its path before
 * anything is sent; then each matter gets a new version only where the file differs from what is
 * stored, so running it again with the same file changes nothing.
 *
 *   npm run catalogue:load -- --file <catalogue.json> --api <url> [--token <jwt>] [--check]
 *
 * The token (a supervisor's, from the city's identity provider; locally
 * `npm run local:credentials -- token --role citySupervisor --jurisdiction city`) is better given
 * in the environment variable ESUP_TOKEN than on the command line. It is never printed.
 * Exit status: 0 loaded (or checked), 1 some matter refused by the API, 2 a problem with the file
 * or the arguments (nothing sent).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeOutcomes, loadCatalogueFile } from './catalogue-loader.ts';

/** The environment variable holding the bearer token. */
export const tokenVariable = 'ESUP_TOKEN';

const usage = `usage: npm run catalogue:load -- --file <catalogue.json> --api <url> [--token <jwt>] [--check]
       the token may be given in ${tokenVariable} instead (preferred: it stays out of the shell history)`;

class UsageError extends Error {}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      file: { type: 'string' },
      api: { type: 'string' },
      token: { type: 'string' },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (values.file === undefined) throw new UsageError('--file is needed');
  if (values.api === undefined) throw new UsageError('--api is needed (the API base URL)');
  const token = values.token ?? process.env[tokenVariable];
  if (token === undefined || token === '') throw new UsageError(`a token is needed: --token or ${tokenVariable}`);
  let apiUrl: URL;
  try {
    apiUrl = new URL(values.api);
  } catch {
    throw new UsageError(`--api must be a URL, got '${values.api}'`);
  }
  const file = resolve(values.file);
  const result = await loadCatalogueFile(file, { apiUrl: apiUrl.href, token }, { checkOnly: values.check });
  if (!result.checked) {
    process.stderr.write(
      `${file}: ${result.problems.length} problem(s), nothing sent\n${result.problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}\n`,
    );
    return 2;
  }
  if (values.check) {
    process.stdout.write(`${file}: no problem found; nothing sent (--check)\n`);
    return 0;
  }
  process.stdout.write(describeOutcomes(result.outcomes));
  return result.outcomes.some((outcome) => outcome.outcome === 'refused') ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    const usageProblem = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    // Messages name the API's answer or the argument, never the token.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usageProblem ? `${usage}\n` : ''}`);
    process.exit(usageProblem ? 2 : 1);
  },
);
