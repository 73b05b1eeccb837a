import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintDependenciesFromEnvironment } from '#shared/adapters/complaint-dependencies-from-environment.ts';
import {
  complaintFilingDependenciesFromEnvironment,
  complaintFollowUpDependenciesFromEnvironment,
} from '#shared/adapters/public-complaint-dependencies-from-environment.ts';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'public-complaint-dependencies-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A public complaint function's environment as the stack sets it: no audit store, no notice font. */
const environment = (dataKeyFile: string, lookupKeyFile: string): NodeJS.ProcessEnv => ({
  OVERSIGHT_TABLE: 'oversight-test',
  REFERENCE_TABLE: 'reference-test',
  PERSONAL_DATA_KEY: `local:${dataKeyFile}`,
  LOOKUP_HASH_KEY: `local:${lookupKeyFile}`,
  COMPLAINT_ESCALATE_AFTER_WORKING_DAYS: '1',
  COMPLAINT_HANDLING_PROMPT_WORKING_DAYS: '2',
  COMPLAINT_REOPENING_DAYS: '30',
  COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: '1095',
});

describe('public complaint dependencies from the environment', () => {
  it('composes the public sides without the audit store, which neither filing nor the follow-up writes', async () => {
    // Prepare
    const withoutAudit = environment(join(folder, 'public', 'data.key'), join(folder, 'public', 'lookup.key'));

    // Act
    const filing = await complaintFilingDependenciesFromEnvironment(withoutAudit)();
    const followUp = await complaintFollowUpDependenciesFromEnvironment(withoutAudit)();

    // Assess
    expect(filing).not.toHaveProperty('audit');
    expect(followUp).not.toHaveProperty('audit');
    expect(followUp).not.toHaveProperty('renderer');
    expect(() => complaintDependenciesFromEnvironment(withoutAudit)).toThrow(/AUDIT_TABLE/);
  });

  it('hands the filing a sealer that seals and hashes like the follow-up, and offers nothing to open with', async () => {
    // Prepare: both sides on the same keys, as in one deployment.
    const keys = environment(join(folder, 'shared', 'data.key'), join(folder, 'shared', 'lookup.key'));
    const filing = await complaintFilingDependenciesFromEnvironment(keys)();
    const followUp = await complaintFollowUpDependenciesFromEnvironment(keys)();

    // Act
    const sealed = await filing.protector.seal({ name: '测试人' }, 'TS20261127AAAAAAAA', { period: { kind: 'intake', period: '2026-11' } });
    const opened = await followUp.protector.open(sealed, 'TS20261127AAAAAAAA');

    // Assess
    expect(opened).toEqual({ name: '测试人' });
    expect(await filing.protector.lookupHash('phone:13655557777')).toBe(await followUp.protector.lookupHash('phone:13655557777'));
    expect(Object.keys(filing.protector).sort()).toEqual(['lookupHash', 'seal', 'sealDocument']);
    expect(filing.protector).not.toHaveProperty('open');
    expect(filing.protector).not.toHaveProperty('openDocument');
  });
});
