/**
 * The console is typed from the OpenAPI document: when a contract changes, the committed types
 * must be regenerated (`npm run console:api-types`) in the same change, or this fails.
 */
import { describe, expect, it } from 'vitest';
import { committedConsoleApiTypes, renderConsoleApiTypes } from '#infra/console/api-types.ts';

describe("console's API types", () => {
  it('match the OpenAPI document the code builds (run npm run console:api-types when they do not)', async () => {
    const [committed, current] = await Promise.all([committedConsoleApiTypes(), renderConsoleApiTypes()]);
    expect(committed, 'console/src/api/schema.d.ts is stale: run npm run console:api-types').toBe(current);
  });
});
