/**
 * Prints, as JSON, whether the licensing schema has a fast path and how a valid and an invalid
 * record parse through the registry. `wire-fast-path.test.ts` runs it where code generation from
 * strings is refused (as under a strict content security policy).
 */
import { builtInFamilies } from '#shared/domain/records/record-families.ts';
import { wireFastPath } from '#shared/domain/records/wire-fast-path.ts';

const family = builtInFamilies.familyOf('licensing');
const valid = {
  kind: 'licensing',
  event: 'received',
  department: 'market-regulation',
  matterCode: 'SC-FOOD-001',
  caseId: 'LIC-1',
  sequence: 1,
  occurredAt: '2025-09-22T09:00:00+08:00',
};
const invalid = { ...valid, sequence: 0 };
const verdict = (raw: unknown) => {
  const parsed = builtInFamilies.parseRecord(raw);
  return parsed.ok
    ? { ok: true, record: parsed.record }
    : { ok: false, issues: parsed.issue === 'invalid' ? parsed.error.issues.map((issue) => issue.path.join('.')) : [] };
};

console.log(
  JSON.stringify({ fastPath: family !== undefined && wireFastPath(family.eventSchema) !== undefined, valid: verdict(valid), invalid: verdict(invalid) }),
);
