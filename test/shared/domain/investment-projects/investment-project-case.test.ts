import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { foldInvestmentProject } from '#shared/domain/investment-projects/investment-project-case.ts';
import { evaluateInvestmentProject } from '#shared/domain/investment-projects/investment-project-rules.ts';
import { investmentProjectStage } from '#shared/domain/investment-projects/investment-project-stage.ts';
import { anInvestmentProject, anInvestmentProjectMatter } from './investment-project-event-mother.ts';

/** A project with something of every kind: approvals, tenders, reports, an adjustment, changes, completion, extension, final accounts. */
const aFullProject = () =>
  anInvestmentProject()
    .approvedThroughDesign()
    .tendered('2024-08-01T10:00:00+08:00')
    .started('2024-09-02T09:00:00+08:00', 800_000_000)
    .investmentReported('2024-12-31T18:00:00+08:00', 400_000_000)
    .changeMade('2025-01-10T10:00:00+08:00', 'BG-1', 'scale')
    .adjustmentRequested('2025-02-10T10:00:00+08:00', 'TZ-1', 1_100_000_000)
    .investmentReported('2025-03-31T18:00:00+08:00', 1_050_000_000)
    .changeApproved('2025-02-01T10:00:00+08:00', 'BG-1')
    .adjustmentApproved('2025-04-10T10:00:00+08:00', 'TZ-1', 1_100_000_000)
    .completed('2025-06-30T17:00:00+08:00')
    .accepted('2025-08-15T10:00:00+08:00')
    .finalAccountsExtended('2025-09-20T10:00:00+08:00', 1)
    .finalAccounts('2025-10-20T10:00:00+08:00', 1_080_000_000)
    .build();

describe('folding a government investment project', () => {
  it('reads every stage, figure and change once', () => {
    // Act
    const state = foldInvestmentProject(aFullProject());

    // Assess
    expect(investmentProjectStage(state)).toBe('closed');
    expect(state.approvedEstimateFen).toBe(1_000_000_000);
    expect(state.investmentReports.map((report) => report.fen)).toEqual([400_000_000, 1_050_000_000]);
    expect(state.adjustmentApprovals).toHaveLength(1);
    expect(Object.keys(state.changeApprovals)).toEqual(['BG-1']);
    expect(state.finalCostFen).toBe(1_080_000_000);
    expect(state.anomalies).toEqual([]);
  });

  it('gives the same state, and the same evaluation, for any arrival order, with duplicates counted once', () => {
    // Prepare
    const events = aFullProject();
    const matter = anInvestmentProjectMatter();
    const expected = foldInvestmentProject(events);
    const asOf = new Date('2025-11-01T10:00:00+08:00');
    const expectedEvaluation = evaluateInvestmentProject(expected, matter, asOf, cal);

    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), fc.array(fc.constantFrom(...events)), (shuffled, repeats) => {
        // Act
        const state = foldInvestmentProject([...shuffled, ...repeats].reverse());

        // Assess
        expect(state).toEqual(expected);
        expect(evaluateInvestmentProject(state, matter, asOf, cal)).toEqual(expectedEvaluation);
      }),
    );
  });

  it('keeps the first of a stage sent twice and notes the repeat', () => {
    // Act
    const state = foldInvestmentProject(anInvestmentProject().approvedThroughDesign().designApproved('2024-07-20T10:00:00+08:00', 2_000_000_000).build());

    // Assess
    expect(state.approvedEstimateFen).toBe(1_000_000_000);
    expect(state.anomalies).toEqual([{ kind: 'repeatedStage', sequence: 4, event: 'designApproved' }]);
  });

  it('lets a passing acceptance follow a failed one', () => {
    // Act
    const state = foldInvestmentProject(
      anInvestmentProject().completed('2025-06-30T17:00:00+08:00').accepted('2025-07-15T10:00:00+08:00', false).accepted('2025-08-15T10:00:00+08:00').build(),
    );

    // Assess
    expect(state.acceptancePassed).toBe(true);
    expect(state.acceptedAt).toBe(Date.parse('2025-08-15T10:00:00+08:00'));
    expect(investmentProjectStage(state)).toBe('accepted');
  });

  it('refuses an empty fold', () => {
    expect(() => foldInvestmentProject([])).toThrow(RangeError);
  });
});
