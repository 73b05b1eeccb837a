import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configuredFamilies, configuredFamily } from '#shared/domain/configured-kinds/configured-family.ts';
import { KindDefinition } from '#shared/domain/configured-kinds/kind-definition.ts';
import type { AnyRecordFamily } from '#shared/domain/records/record-families.ts';
import { anInspectionCase, anInspectionDefinition, anInspectionMatter } from './kind-definition-mother.ts';

const inspection = configuredFamily(KindDefinition.parse(anInspectionDefinition()));

/** The state holds the events' instants as epoch milliseconds. */
const at = (instant: string): number => new Date(instant).getTime();

const aStartedRecord = {
  kind: 'inspection',
  event: 'started',
  department: 'market-regulation',
  matterCode: 'JC-001',
  caseId: 'JC-2025-0007',
  sequence: 1,
  occurredAt: '2025-09-26T10:00:00+08:00',
  inspectorCount: 2,
  onSite: true,
};
const { inspectorCount: _count, onSite: _onSite, ...aBareRecord } = aStartedRecord;

describe('configured family: wire schema', () => {
  it('accepts a record of a declared event with its declared fields', () => {
    // Prepare
    const record = { ...aStartedRecord, classification: 'internal' };

    // Act
    const parsed = inspection.eventSchema.safeParse(record);

    // Assess
    expect(parsed.success).toBe(true);
  });

  it('refuses an unknown field, naming it', () => {
    // Prepare
    const record = { ...aStartedRecord, inspectorName: 'Wang Wei' };

    // Act
    const parsed = inspection.eventSchema.safeParse(record);

    // Assess
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['inspectorName'] })]);
  });

  it.each([
    ['a missing declared field', { inspectorCount: undefined }, ['inspectorCount']],
    ['a fraction in an integer field', { inspectorCount: 2.5 }, ['inspectorCount']],
    ['text in a boolean field', { onSite: 'yes' }, ['onSite']],
    ['an undeclared event', { event: 'archived' }, ['event']],
    ['another kind', { kind: 'licensing' }, ['kind']],
  ])('refuses %s', (_case, change, path) => {
    // Prepare
    const record = { ...aStartedRecord, ...change };

    // Act
    const parsed = inspection.eventSchema.safeParse(record);

    // Assess
    expect(parsed.error?.issues.map((issue) => issue.path)).toContainEqual(path);
  });

  it('refuses an instant without an offset and an empty text field', () => {
    // Prepare
    const record = {
      ...aBareRecord,
      event: 'reported',
      conclusion: '',
      fineYuan: 100.5,
      rectifyBy: '2025-12-31T17:00:00',
    };

    // Act
    const parsed = inspection.eventSchema.safeParse(record);

    // Assess
    expect(parsed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['conclusion', 'rectifyBy']);
  });

  it('loads a matter of its kind, leaving out keys it does not know', () => {
    // Prepare
    const stored = { ...anInspectionMatter, pk: 'DEPARTMENT#market-regulation', sk: 'MATTER#JC-001' };

    // Act
    const matter = inspection.matterSchema.parse(stored);
    const ofOtherKind = inspection.matterSchema.safeParse({ ...anInspectionMatter, kind: 'licensing' });

    // Assess
    expect(matter).toEqual(anInspectionMatter);
    expect(ofOtherKind.success).toBe(false);
  });
});

describe('configured family: fold and summary', () => {
  const aClosedInspection = () =>
    anInspectionCase()
      .started('2025-09-26T10:00:00+08:00', 3)
      .reported('2025-09-30T15:00:00+08:00', 2000)
      .reported('2025-10-09T09:00:00+08:00', 4000)
      .closed('2025-10-10T11:00:00+08:00')
      .build();

  it('keeps the first occurrence of each event in sequence order, and names the last event as the stage', () => {
    // Prepare
    const events = aClosedInspection();

    // Act
    const state = inspection.fold(events);
    const summary = inspection.summarize(state);

    // Assess
    expect(state).toEqual({
      kind: 'inspection',
      department: 'market-regulation',
      caseId: 'JC-2025-0007',
      matterCode: 'JC-001',
      occurrences: {
        started: { sequence: 1, occurredAt: at('2025-09-26T10:00:00+08:00'), fields: { inspectorCount: 3, onSite: true } },
        reported: {
          sequence: 2,
          occurredAt: at('2025-09-30T15:00:00+08:00'),
          // An instant field stays as pushed: no rule reads it.
          fields: { conclusion: 'no violation found', fineYuan: 2000, rectifyBy: '2025-12-31T17:00:00+08:00' },
        },
        closed: { sequence: 4, occurredAt: at('2025-10-10T11:00:00+08:00'), fields: {} },
      },
      lastEvent: 'closed',
      lastSequence: 4,
      eventCount: 4,
      conflicts: [],
    });
    expect(summary).toEqual({ matterCode: 'JC-001', lastSequence: 4, eventCount: 4, stage: 'closed' });
  });

  it('gives the same state for any arrival order, with duplicates counted once', () => {
    // Prepare
    const events = aClosedInspection();
    const expected = inspection.fold(events);

    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), fc.array(fc.constantFrom(...events)), (shuffled, repeats) => {
        // Act
        const state = inspection.fold([...shuffled, ...repeats].reverse());

        // Assess
        expect(state).toEqual(expected);
      }),
    );
  });

  it('holds instants written with different offsets as the same instants', () => {
    // Prepare: one inspection written in Shanghai time, the same inspection written in UTC
    const shanghai = anInspectionCase().started('2025-09-26T10:00:00+08:00').reported('2025-09-30T15:00:00+08:00').build();
    const utc = anInspectionCase().started('2025-09-26T02:00:00Z').reported('2025-09-30T07:00:00.000Z').build();

    // Act
    const state = inspection.fold(utc);

    // Assess
    expect(state).toEqual(inspection.fold(shanghai));
    expect(state.occurrences['reported']?.occurredAt).toBe(at('2025-09-30T15:00:00+08:00'));
  });

  it('reports a sequence sent with two different events, keeping the same one whatever the order', () => {
    // Prepare
    const [started, reported] = anInspectionCase().started().reported('2025-09-30T15:00:00+08:00').build();
    const clash = { ...reported!, event: 'closed', sequence: 2 };
    delete (clash as Record<string, unknown>).conclusion;

    // Act
    const one = inspection.fold([started!, reported!, clash]);
    const other = inspection.fold([clash, reported!, started!]);

    // Assess
    expect(one).toEqual(other);
    expect(one.conflicts).toEqual([{ sequence: 2, event: one.lastEvent }]);
    expect(one.eventCount).toBe(2);
  });

  it('refuses to fold nothing, or events of two cases', () => {
    // Prepare
    const [first] = anInspectionCase().started().build();
    const [other] = anInspectionCase({ caseId: 'JC-2025-0008' }).started().build();

    // Act
    const foldNothing = () => inspection.fold([]);
    const foldTwoCases = () => inspection.fold([first!, { ...other!, sequence: 2 }]);

    // Assess
    expect(foldNothing).toThrow(RangeError);
    expect(foldTwoCases).toThrow(RangeError);
  });

  it('keeps an event named like an Object property apart from the prototype', () => {
    // Prepare
    const definition = KindDefinition.parse({
      ...anInspectionDefinition(),
      events: [{ event: 'started' }, { event: 'constructor' }, { event: 'toString' }],
      rules: [
        { type: 'clock', ruleId: 'inspection.build', from: 'started', to: 'constructor', limit: { workingDays: 1 }, level: 'warning', legalBasis: '第一条' },
      ],
    });
    const family = configuredFamily(definition);
    const events = [family.eventSchema.parse(aBareRecord)];

    // Act
    const evaluation = family.evaluate(family.fold(events), anInspectionMatter, new Date('2025-10-13T09:00:00+08:00'), {
      isWorkingDay: () => true,
      hasArrangement: () => true,
    });

    // Assess
    expect(evaluation.findings.map((finding) => finding.ruleId)).toEqual(['inspection.build']);
  });
});

describe('configured families', () => {
  /** The inspection definition under another kind name, its rule ids renamed with it. */
  const renamed = (kind: string): KindDefinition => {
    const raw = anInspectionDefinition() as { rules: { ruleId: string }[] };
    return KindDefinition.parse({ ...raw, kind, rules: raw.rules.map((rule) => ({ ...rule, ruleId: rule.ruleId.replace('inspection.', `${kind}.`) })) });
  };

  it('builds one family per definition, usable wherever a record family is', () => {
    // Prepare
    const definitions = [renamed('inspection'), renamed('permitCheck')];

    // Act
    const families: AnyRecordFamily[] = configuredFamilies(definitions);

    // Assess
    expect(families.map((family) => family.kind)).toEqual(['inspection', 'permitCheck']);
  });

  it('refuses two definitions of one kind', () => {
    // Prepare
    const definitions = [renamed('inspection'), renamed('inspection')];

    // Act
    const build = () => configuredFamilies(definitions);

    // Assess
    expect(build).toThrow("two definitions of kind 'inspection'");
  });
});
