import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInFamilies } from '#shared/domain/records/record-families.ts';
import { caseOfficial } from '#shared/domain/records/case-official.ts';
import type { RecordBase } from '#shared/domain/records/record-family.ts';
import { aDisclosureCase } from '../disclosure/disclosure-event-mother.ts';
import { aLicensingCase } from '../licensing/licensing-event-mother.ts';
import { aPenaltyCase } from '../penalty/penalty-event-mother.ts';
import { aTenderCase } from '../tender/tender-event-mother.ts';

const zhang = { staffId: 'HS-0231', name: '张晓明' };
const li = { staffId: 'HS-0456', name: '李静怡' };

/** The first record of a case of each built-in family, as JSON on the wire. */
const firstRecords: Record<string, Record<string, unknown>> = {
  licensing: aLicensingCase().received().build()[0] as unknown as Record<string, unknown>,
  penalty: aPenaltyCase().caseFiled().build()[0] as unknown as Record<string, unknown>,
  publicResourceTrading: aTenderCase()
    .noticePublished('2025-03-04T09:00:00+08:00', { bidDeadline: '2025-03-24T09:30:00+08:00' })
    .build()[0] as unknown as Record<string, unknown>,
  disclosure: aDisclosureCase().requestReceived().build()[0] as unknown as Record<string, unknown>,
};

const parse = (record: Record<string, unknown>) => builtInFamilies.parseRecord(JSON.parse(JSON.stringify(record)));
const pathsOf = (parsed: ReturnType<typeof parse>): string[] =>
  parsed.ok === false && parsed.issue === 'invalid' ? parsed.error.issues.map((issue) => issue.path.join('/')) : [];

describe("a record's responsible official (经办人) on the wire", () => {
  it.each(Object.keys(firstRecords))('is accepted on a %s record, and kept as sent', (kind) => {
    // Act
    const parsed = parse({ ...firstRecords[kind], official: zhang });

    // Assess
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.record.official).toEqual(zhang);
  });

  it('is optional', () => {
    expect(parse(firstRecords['licensing'] as Record<string, unknown>).ok).toBe(true);
  });

  it.each([
    ['a blank name', { staffId: 'HS-0231', name: ' \u3000 ' }, 'official/name'],
    ['an empty name', { staffId: 'HS-0231', name: '' }, 'official/name'],
    ['a name with a line break', { staffId: 'HS-0231', name: '张\n晓明' }, 'official/name'],
    ['a name of 51 characters', { staffId: 'HS-0231', name: '张'.repeat(51) }, 'official/name'],
    ['a staff id with a space', { staffId: 'HS 0231', name: '张晓明' }, 'official/staffId'],
    ['a staff id of 65 characters', { staffId: 'H'.repeat(65), name: '张晓明' }, 'official/staffId'],
    ['a numeric staff id', { staffId: 231, name: '张晓明' }, 'official/staffId'],
    ['no name', { staffId: 'HS-0231' }, 'official/name'],
    ['a field of its own', { ...zhang, idNumber: '330203199001011234' }, 'official'],
    ['a list of officials', [zhang], 'official'],
  ])('refuses %s, naming the field', (_label, official, path) => {
    // Act
    const parsed = parse({ ...firstRecords['penalty'], official });

    // Assess
    expect(parsed.ok).toBe(false);
    expect(pathsOf(parsed)).toContain(path);
  });

  it('accepts a name of 50 characters and a staff id of 64', () => {
    expect(parse({ ...firstRecords['disclosure'], official: { staffId: 'H'.repeat(64), name: '张'.repeat(50) } }).ok).toBe(true);
  });
});

describe("a case's responsible official", () => {
  const records = (aLicensingCase().received().accepted('2025-09-02T10:00:00+08:00').extended('2025-09-10T10:00:00+08:00', 5).build() as RecordBase[]).map(
    (record, i): RecordBase => (i === 0 ? { ...record, official: zhang } : i === 1 ? { ...record, official: li } : record),
  );

  it('is the one the latest record naming one names', () => {
    expect(caseOfficial(records)).toEqual(li);
  });

  it('is none when no record names one', () => {
    expect(caseOfficial(aLicensingCase().received().accepted('2025-09-02T10:00:00+08:00').build())).toBeUndefined();
  });

  it('does not depend on the order the records arrived in, nor on a record arriving twice', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...records, ...records], { minLength: 6, maxLength: 6 }), (arrived) => {
        expect(caseOfficial(arrived)).toEqual(li);
      }),
    );
  });
});
