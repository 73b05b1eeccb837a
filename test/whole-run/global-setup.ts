/**
 * The whole-run project's set-up: where the run's local runtimes wrote their usage, and whether
 * this run is the whole suite (a run of some files only leaves most grants unused).
 */
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of this run's usage files (`test/support/test-runtime.ts` writes them). */
    usageDirectory: string;
    /** No file or test-name filter: every test of the suite ran. */
    wholeRun: boolean;
  }
}

export default function setup(project: TestProject): void {
  const config = project.vitest.config;
  project.provide('usageDirectory', process.env['ESUP_TEST_RUN_DIRECTORY'] ?? '');
  project.provide(
    'wholeRun',
    (config.filters ?? []).length === 0 && config.testNamePattern === undefined && (project.vitest.config.project ?? []).length === 0,
  );
}
