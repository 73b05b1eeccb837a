/** The case engine as the use-case tests wire it: one engine from the dependencies, for processing or for the sweep. */
import { createCaseEngine, type CaseEngineDependencies } from '#shared/application/case-engine.ts';
import type { ProcessRecordDependencies } from '#shared/application/process-record.ts';
import type { SweepDependencies } from '#shared/application/sweep-due-checks.ts';

/** Processing with the engine built from `deps`, its clock stopped at `now`. */
export const processingWith = (deps: CaseEngineDependencies, now: string | Date): ProcessRecordDependencies => ({
  engine: createCaseEngine(deps),
  clock: () => new Date(now),
});

/** The deadline sweep with the engine built from `deps`. */
export const sweepingWith = (deps: CaseEngineDependencies): SweepDependencies => ({
  engine: createCaseEngine(deps),
  cases: deps.cases,
  calendar: deps.calendar,
});
