/**
 * Every problem type the code can answer with resolves to a section of `docs/problems.md`: the
 * `type` URI of a body is `problemType(slug)`, and the documentation has a `## <slug>` heading
 * for it. Slugs are found where the code names them: an error class's `slug = '…'`, a problem
 * statement's `slug: '…'`, `problemType('…')`, and the ingest refusals' kind → slug table.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemType } from '#shared/http/problem.ts';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const namedSlug = [/\bslug = '([a-z-]+)'/g, /\bslug: '([a-z-]+)'/g, /\bproblemType\('([a-z-]+)'\)/g];
const refusalTable = /slugOfRefusal = \{([^}]*)\}/g;

function slugsInCode(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const note = (slug: string, file: string) => found.set(slug, [...(found.get(slug) ?? []), file]);
  for (const file of [...sourceFiles('shared'), ...sourceFiles('functions'), ...sourceFiles('infra')]) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const pattern of namedSlug) for (const match of text.matchAll(pattern)) note(match[1]!, file);
    for (const table of text.matchAll(refusalTable)) for (const entry of table[1]!.matchAll(/'([a-z-]+)'/g)) note(entry[1]!, file);
  }
  return found;
}

const documented = new Set([...readFileSync(join(root, 'docs', 'problems.md'), 'utf8').matchAll(/^## ([a-z-]+)\s*$/gm)].map((match) => match[1]!));

describe('problem types', () => {
  const inCode = slugsInCode();

  it('finds the slugs the code names (the scan is not blind)', () => {
    for (const slug of [
      'invalid-request',
      'not-found',
      'stale-version',
      'classified-content',
      'service-unavailable',
      'internal',
      'origin-not-allowed',
      'too-many-requests',
      'gateway-refusal',
    ]) {
      expect(inCode.has(slug), slug).toBe(true);
    }
  });

  it('documents every slug used in code in a section of docs/problems.md', () => {
    const undocumented = [...inCode].filter(([slug]) => !documented.has(slug)).map(([slug, files]) => `${slug} (${[...new Set(files)].join(', ')})`);
    expect(undocumented).toEqual([]);
  });

  it('documents no type the code no longer answers with', () => {
    expect([...documented].filter((slug) => !inCode.has(slug))).toEqual([]);
  });

  it('points each type at its section of the documentation', () => {
    expect(problemType('stale-version')).toMatch(/\/docs\/problems\.md#stale-version$/);
  });
});
