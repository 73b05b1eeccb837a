import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialsFileName, loadDepartmentCredentials } from '#infra/local/department-credentials.ts';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'esup-credentials-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('department credentials', () => {
  it('creates one access key per department in the shape of an IAM key pair', async () => {
    // Prepare
    const departments = ['haishu-market-regulation', 'haishu-housing'];

    // Act
    const credentials = await loadDepartmentCredentials(dataDir, departments);

    // Assess
    expect(credentials.all.map((credential) => credential.department)).toEqual(departments);
    for (const credential of credentials.all) {
      expect(credential.accessKeyId).toMatch(/^LOCAL[A-Z0-9]{16}$/);
      expect(credential.secretAccessKey).toMatch(/^[A-Za-z0-9]{40}$/);
      // An API key as API Gateway generates one, and its id.
      expect(credential.apiKey).toMatch(/^[A-Za-z0-9]{40}$/);
      expect(credential.apiKeyId).toMatch(/^[a-z0-9]{10}$/);
    }
    expect(new Set(credentials.all.map((credential) => credential.secretAccessKey)).size).toBe(2);
  });

  it('keeps the same credentials across restarts and adds only new departments', async () => {
    // Prepare
    const first = await loadDepartmentCredentials(dataDir, ['haishu-housing']);

    // Act
    const second = await loadDepartmentCredentials(dataDir, ['haishu-housing', 'yinzhou-natural-resources']);

    // Assess
    expect(second.forDepartment('haishu-housing')).toEqual(first.forDepartment('haishu-housing'));
    expect(second.forDepartment('yinzhou-natural-resources')).toBeDefined();
  });

  it('gives a department an API key when its credentials were written without one, keeping its signing keys', async () => {
    // Prepare: a file from before departments had API keys.
    const old = { department: 'haishu-housing', accessKeyId: 'LOCALAAAABBBBCCCCDDDD', secretAccessKey: 'S'.repeat(40) };
    await writeFile(join(dataDir, credentialsFileName), JSON.stringify({ credentials: [old] }));

    // Act
    const loaded = await loadDepartmentCredentials(dataDir, ['haishu-housing']);
    const again = await loadDepartmentCredentials(dataDir, ['haishu-housing']);

    // Assess
    expect(loaded.forDepartment('haishu-housing')).toMatchObject({ ...old, apiKey: expect.stringMatching(/^[A-Za-z0-9]{40}$/) });
    expect(again.forDepartment('haishu-housing')).toEqual(loaded.forDepartment('haishu-housing'));
  });

  it('looks a department up by its API key', async () => {
    // Prepare
    const credentials = await loadDepartmentCredentials(dataDir, ['haishu-housing', 'yinzhou-market-regulation']);
    const yinzhou = credentials.forDepartment('yinzhou-market-regulation')!;

    // Act / Assess
    expect(credentials.byApiKey(yinzhou.apiKey)?.department).toBe('yinzhou-market-regulation');
    expect(credentials.byApiKey(yinzhou.accessKeyId)).toBeUndefined();
  });

  it('looks a department up by its access key id', async () => {
    // Prepare
    const credentials = await loadDepartmentCredentials(dataDir, ['haishu-housing', 'yinzhou-market-regulation']);
    const yinzhou = credentials.forDepartment('yinzhou-market-regulation')!;

    // Act
    const found = credentials.byAccessKeyId(yinzhou.accessKeyId);
    const unknown = credentials.byAccessKeyId('LOCALAAAAAAAAAAAAAAAA');

    // Assess
    expect(found?.department).toBe('yinzhou-market-regulation');
    expect(unknown).toBeUndefined();
  });

  it('stores the secrets in a file only its owner can read', async () => {
    // Prepare
    const credentials = await loadDepartmentCredentials(dataDir, ['haishu-housing']);

    // Act
    const path = join(dataDir, credentialsFileName);
    const mode = (await stat(path)).mode & 0o777;
    const stored = await readFile(path, 'utf8');

    // Assess
    expect(mode).toBe(0o600);
    expect(stored).toContain(credentials.all[0]!.secretAccessKey);
  });
});
