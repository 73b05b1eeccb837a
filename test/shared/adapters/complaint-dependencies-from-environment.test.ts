import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintDependenciesFromEnvironment } from '#shared/adapters/complaint-dependencies-from-environment.ts';
import { ConfigurationError } from '#shared/config/function-environment.ts';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'complaint-dependencies-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const environment = (dataKeyFile: string, lookupKeyFile: string): NodeJS.ProcessEnv => ({
  OVERSIGHT_TABLE: 'oversight-test',
  CASES_TABLE: 'cases-test',
  REFERENCE_TABLE: 'reference-test',
  AUDIT_TABLE: 'audit-test',
  PERSONAL_DATA_KEY: `local:${dataKeyFile}`,
  LOOKUP_HASH_KEY: `local:${lookupKeyFile}`,
  COMPLAINT_ESCALATE_AFTER_WORKING_DAYS: '1',
  COMPLAINT_HANDLING_PROMPT_WORKING_DAYS: '2',
  COMPLAINT_REOPENING_DAYS: '45',
  COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: '1095',
});

describe('complaint dependencies from the environment', () => {
  it('refuses an environment without the oversight table at cold start', () => {
    // Prepare
    const incomplete = { ...environment(join(folder, 'a.key'), join(folder, 'b.key')), OVERSIGHT_TABLE: undefined };

    // Act
    const compose = () => complaintDependenciesFromEnvironment(incomplete);

    // Assess
    expect(compose).toThrow(ConfigurationError);
  });

  it('refuses a retention of personal data shorter than the re-opening window at cold start, naming the variable', () => {
    // Prepare
    const tooShort = { ...environment(join(folder, 'a.key'), join(folder, 'b.key')), COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: '30' };

    // Act
    const compose = () => complaintDependenciesFromEnvironment(tooShort);

    // Assess
    expect(compose).toThrow(ConfigurationError);
    expect(compose).toThrow(/COMPLAINT_PERSONAL_DATA_RETENTION_DAYS/);
  });

  it('builds the protector once and hands the same dependencies to every request, with the settings of the environment', async () => {
    // Prepare
    const dependencies = complaintDependenciesFromEnvironment(environment(join(folder, 'once', 'data.key'), join(folder, 'once', 'lookup.key')));

    // Act
    const first = await dependencies();
    const second = await dependencies();

    // Assess
    expect(second.protector).toBe(first.protector);
    expect(second.complaints).toBe(first.complaints);
    expect(first.settings.reopeningWindowDays).toBe(45);
    expect(first.settings.clock.personalDataRetentionDays).toBe(1095);
  });

  it('tries the protector again on the next request when its keys could not be read', async () => {
    // Prepare: a data key file of the wrong length makes the first start fail.
    const dataKeyFile = join(folder, 'data-retry.key');
    await writeFile(dataKeyFile, randomBytes(5));
    const dependencies = complaintDependenciesFromEnvironment(environment(dataKeyFile, join(folder, 'lookup-retry.key')));
    await expect(dependencies()).rejects.toThrow(ConfigurationError);
    await writeFile(dataKeyFile, randomBytes(32));

    // Act
    const retried = await dependencies();

    // Assess
    expect(retried.protector).toBeDefined();
  });
});
