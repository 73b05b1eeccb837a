/** The sample batch and catalogue version the integrators' guide gives for information sharing are valid and mean what the guide says. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { parseMatterVersion } from '#shared/domain/catalogue/matter-version.ts';
import { foldInformationSharingCase } from '#shared/domain/information-sharing/information-sharing-case.ts';
import type { InformationSharingEvent } from '#shared/domain/information-sharing/information-sharing-event.ts';
import type { InformationSharingMatter } from '#shared/domain/information-sharing/information-sharing-matter.ts';
import { evaluateInformationSharingCase } from '#shared/domain/information-sharing/information-sharing-rules.ts';
import { parseRecord } from '#shared/domain/records/record-families.ts';

const guide = readFileSync(fileURLToPath(new URL('../../../../docs/information-sharing.md', import.meta.url)), 'utf8');
const jsonBlocks = [...guide.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1] as string) as Record<string, unknown>);

describe("the integrators' sample of information sharing", () => {
  it('is a valid catalogue version and batch, answered and delivered in time across National Day', () => {
    // Prepare
    const [version, batch] = jsonBlocks;
    const parsedVersion = parseMatterVersion({ ...version, department: 'haishu-market-regulation', matterCode: 'enterprise-registration' });

    // Act
    const parsed = (batch?.records as unknown[]).map((record) => parseRecord(record));
    const events = parsed.map((result) => (result.ok ? (result.record as InformationSharingEvent) : undefined)).filter((event) => event !== undefined);
    const evaluation =
      parsedVersion.ok &&
      evaluateInformationSharingCase(
        foldInformationSharingCase(events),
        parsedVersion.version as unknown as InformationSharingMatter,
        new Date('2025-10-20T12:00:00+08:00'),
        cal,
      );

    // Assess
    expect(parsedVersion.ok).toBe(true);
    expect(parsed.every((result) => result.ok)).toBe(true);
    expect(evaluation && evaluation.deadlines).toMatchObject({
      promised: { date: '2025-10-09' },
      statutory: { date: '2025-10-15' },
      delivery: { date: '2025-10-13' },
    });
    expect(evaluation && evaluation.findings).toEqual([]);
  });
});
