/** The sample batch the integrators' guide gives for government investment projects is valid and means what the guide says. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { foldInvestmentProject } from '#shared/domain/investment-projects/investment-project-case.ts';
import type { InvestmentProjectEvent } from '#shared/domain/investment-projects/investment-project-event.ts';
import { evaluateInvestmentProject } from '#shared/domain/investment-projects/investment-project-rules.ts';
import { parseRecord } from '#shared/domain/records/record-families.ts';
import { anInvestmentProjectMatter } from './investment-project-event-mother.ts';

const guide = readFileSync(fileURLToPath(new URL('../../../../docs/investment-projects.md', import.meta.url)), 'utf8');
const section = guide.slice(guide.indexOf('### 示例批次'));
const start = section.indexOf('```json') + '```json'.length;
const sample = JSON.parse(section.slice(start, section.indexOf('```', start))) as { records: unknown[] };

describe("the integrators' sample batch of government investment project records", () => {
  it('is valid, and a project approved in order, tendered, within its estimate and closed in time raises nothing', () => {
    // Act
    const parsed = sample.records.map((record) => parseRecord(record));
    const events = parsed.map((result) => (result.ok ? (result.record as InvestmentProjectEvent) : undefined)).filter((event) => event !== undefined);
    const evaluation = evaluateInvestmentProject(
      foldInvestmentProject(events),
      anInvestmentProjectMatter({ acceptanceDays: 60 }),
      new Date('2026-01-10T12:00:00+08:00'),
      cal,
    );

    // Assess
    expect(parsed.every((result) => result.ok)).toBe(true);
    expect(evaluation.deadlines).toMatchObject({
      estimateFen: 1_000_000_000,
      acceptance: { date: '2025-08-29' },
      finalAccounts: { date: '2025-09-30' },
    });
    expect(evaluation.findings).toEqual([]);
  });
});
