/**
 * Every function observes the same way: its handler builds its observability under its own
 * topology name (the `service` dimension the alarms and dashboard select on) and registers the
 * observability middlewares first, so every log line carries the invocation context and the
 * metrics are written however the invocation ends.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functions, handlerPath } from '#shared/topology.ts';

const root = join(import.meta.dirname, '..', '..');

/** What a handler source says about its observability. */
const observabilityOf = (source: string) => ({
  service: /createObservability\('([^']+)'\)/.exec(source)?.[1],
  // The exported entry point: `middy(<bare function>[, middy's options]).use(middlewares)` first, anything after.
  registeredFirst: /export const handler = middy\(\w+(, \w+)?\)\s*\.use\(middlewares\)/.test(source),
});

describe('function observability', () => {
  for (const { name } of functions) {
    it(`${name} observes as ${name}, with the observability middlewares first`, () => {
      // Act
      const found = observabilityOf(readFileSync(join(root, handlerPath(name)), 'utf8'));

      // Assess
      expect(found).toEqual({ service: name, registeredFirst: true });
    });
  }

  it('notices a handler that registers another middleware first or observes under another name', () => {
    // Act
    const found = observabilityOf(
      "const o = createObservability('ingest');\nexport const handler = middy(ingest).use(httpErrorMapper(logger)).use(middlewares);",
    );

    // Assess
    expect(found).toEqual({ service: 'ingest', registeredFirst: false });
  });
});
