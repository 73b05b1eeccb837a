import { describe, expect, it } from 'vitest';
import { builtInFamilies } from '#shared/domain/records/record-families.ts';
import { aLicensingCase } from '../licensing/licensing-event-mother.ts';

describe('parsing a record through the registry', () => {
  it('accepts a valid record with exactly what its family schema returns', () => {
    // Prepare
    const raw = JSON.parse(JSON.stringify(aLicensingCase().received().decided('2025-10-09T16:00:00+08:00', 'refused', 'incomplete').build()[1])) as unknown;
    const family = builtInFamilies.familyOf('licensing');

    // Act
    const parsed = builtInFamilies.parseRecord(raw);

    // Assess
    expect(parsed).toStrictEqual({ ok: true, family, record: family?.eventSchema.parse(raw) });
  });

  it('refuses an invalid record with the issues its family schema reports', () => {
    // Prepare
    const valid = aLicensingCase().received().build()[0] as unknown as Record<string, unknown>;
    const raw = { ...valid, occurredAt: '2025-02-30T10:00:00+08:00', extra: true };

    // Act
    const parsed = builtInFamilies.parseRecord(raw);

    // Assess
    expect(parsed.ok).toBe(false);
    expect(parsed.ok === false && parsed.issue === 'invalid' ? parsed.error.issues : undefined).toEqual(
      builtInFamilies.familyOf('licensing')?.eventSchema.safeParse(raw, { reportInput: true }).error?.issues,
    );
  });

  it('refuses a record of an unknown kind', () => {
    // Act / Assess
    expect(builtInFamilies.parseRecord({ kind: 'unknown' })).toEqual({ ok: false, issue: 'unknownKind' });
  });
});
