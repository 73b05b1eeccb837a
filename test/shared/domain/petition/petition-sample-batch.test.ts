/** The sample batch the integrators' guide gives for petition records is valid and means what the guide says. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { foldPetitionCase } from '#shared/domain/petition/petition-case.ts';
import type { PetitionEvent } from '#shared/domain/petition/petition-event.ts';
import { evaluatePetitionCase } from '#shared/domain/petition/petition-rules.ts';
import { parseRecord } from '#shared/domain/records/record-families.ts';
import { aPetitionMatter } from './petition-event-mother.ts';

const guide = readFileSync(fileURLToPath(new URL('../../../../docs/api.md', import.meta.url)), 'utf8');
const section = guide.slice(guide.indexOf('## 信访事项记录'));
const sample = JSON.parse(section.slice(section.indexOf('```json') + '```json'.length, section.indexOf('```', section.indexOf('```json') + 7))) as {
  records: unknown[];
};

describe("the integrators' sample batch of petition records", () => {
  it('is valid, and handled within the extended limit raises nothing', () => {
    // Act
    const parsed = sample.records.map((record) => parseRecord(record));
    const events = parsed.map((result) => (result.ok ? (result.record as PetitionEvent) : undefined)).filter((event) => event !== undefined);
    const evaluation = evaluatePetitionCase(foldPetitionCase(events), aPetitionMatter(), new Date('2026-01-10T12:00:00+08:00'), cal);

    // Assess
    expect(parsed.every((result) => result.ok)).toBe(true);
    expect(evaluation.deadlines).toMatchObject({
      acceptanceNotice: { date: '2025-10-09' },
      handling: { date: '2026-01-07' },
      extensionDays: 30,
    });
    expect(evaluation.findings).toEqual([]);
  });
});
