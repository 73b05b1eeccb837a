/**
 * Over the whole test run: every answer a function gave through the API — success or problem,
 * from every end-to-end test — matches the OpenAPI document the API serves (its status is
 * documented for the operation, its body validates against the documented schema), so a client
 * generated from the document accepts what the API sends.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { contractFileSuffix, type RecordedAnswers } from '../support/test-runtime.ts';

const wholeRun = inject('wholeRun');
const usageDirectory = inject('usageDirectory');

const recorded = (): RecordedAnswers[] =>
  readdirSync(usageDirectory)
    .filter((file) => file.endsWith(contractFileSuffix))
    .map((file) => JSON.parse(readFileSync(join(usageDirectory, file), 'utf8')) as RecordedAnswers);

describe.runIf(wholeRun)('the answers of the whole run', () => {
  const runs = recorded();
  const answered = new Map<string, number>();
  for (const run of runs) for (const [key, count] of Object.entries(run.answered)) answered.set(key, (answered.get(key) ?? 0) + count);

  it('were recorded from the end-to-end suite, successes and problems on many routes', () => {
    const routes = new Set([...answered.keys()].map((key) => key.split(' ').slice(0, 2).join(' ')));
    expect([...answered.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
    expect(routes.size).toBeGreaterThan(30);
    expect([...answered.keys()].some((key) => key.endsWith(' 200'))).toBe(true);
    expect([...answered.keys()].some((key) => /\s4\d\d$/.test(key))).toBe(true);
  });

  it('match the served OpenAPI document, every one', () => {
    const violations = runs.flatMap((run) => run.violations.map((v) => `${v.method} ${v.route} ${v.status}: ${v.reason} (${run.label})`));
    expect([...new Set(violations)]).toEqual([]);
  });
});
