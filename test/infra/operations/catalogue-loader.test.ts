/**
 * `npm run catalogue:load`: a catalogue file is checked against the families' matter schemas with
 * every problem named before anything is sent; loading goes through the catalogue API of a local
 * runtime and adds a version only where the file differs, so a second run changes nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { demoCatalogueFile } from '#infra/local/demo-data.ts';
import { checkCatalogueFile } from '#infra/operations/catalogue-file.ts';
import { loadCatalogueFile, type CatalogueApi } from '#infra/operations/catalogue-loader.ts';
import { repositoryRoot } from '#infra/cdk/constructs/app-function.ts';
import { bearerGet } from '../../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../../support/test-runtime.ts';

const run = promisify(execFile);

let started: TestRuntime;
let runtime: LocalRuntime;
let token: string;
let folder: string;

beforeAll(async () => {
  // The city structure is applied at start; the catalogue is left for the loader.
  started = await startTestRuntime('loader', { seedDemo: false });
  runtime = started.runtime;
  token = await runtime.mintStaffToken({ subject: 'loader-1', role: 'citySupervisor', jurisdiction: 'city' });
  folder = await mkdtemp(join(tmpdir(), 'catalogue-files-'));
});

afterAll(async () => {
  await started?.dispose();
  await rm(folder, { recursive: true, force: true });
});

/** The real fetch, with every request noted (method and path). */
function recordingApi(): CatalogueApi & { readonly requests: string[] } {
  const requests: string[] = [];
  return {
    apiUrl: runtime.apiUrl,
    token,
    requests,
    fetch: async (input, init) => {
      requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    },
  };
}

const licensing = (overrides: Record<string, unknown> = {}) => ({
  matterCode: 'tea-shop-licence',
  kind: 'licensing',
  name: '小型茶饮店经营许可',
  promisedWorkingDays: 8,
  legalBasis: '《中华人民共和国行政许可法》第四十二条',
  effectiveFrom: '2025-01-01',
  ...overrides,
});

async function writeCatalogue(name: string, content: unknown): Promise<string> {
  const file = join(folder, name);
  await writeFile(file, JSON.stringify(content));
  return file;
}

describe('checking a catalogue file', () => {
  it('names every problem with its path in the file, across departments and families', () => {
    // Prepare
    const raw = {
      departments: [
        {
          department: 'haishu-housing',
          matters: [
            licensing({ promisedWorkingDays: 'ten' }),
            licensing({ matterCode: 'tender-x', kind: 'publicResourceTrading', minBidDays: 5, promisedWorkingDays: undefined }),
            licensing({ matterCode: 'bad-dates', effectiveFrom: '2025-02-30' }),
            licensing({ matterCode: 'with-version', version: 3, department: 'haishu-housing' }),
          ],
        },
        { department: 'haishu-housing', matters: [licensing({ kind: 'taxation' })] },
        { department: 'Yinzhou', matters: [] },
      ],
      colour: 'red',
    };

    // Act
    const check = checkCatalogueFile(raw);

    // Assess
    expect(check.ok).toBe(false);
    const paths = check.ok ? [] : check.problems.map((problem) => problem.path);
    expect(paths).toEqual(['departments[2].department', 'departments[2].matters', 'colour']);
  });

  it('checks every matter once the file has its shape, each problem at its path', () => {
    // Prepare
    const raw = {
      departments: [
        {
          department: 'haishu-housing',
          matters: [
            licensing({ promisedWorkingDays: 'ten' }),
            licensing({ matterCode: 'bad-dates', effectiveFrom: '2025-02-30' }),
            licensing({ matterCode: 'with-version', version: 3, department: 'haishu-housing' }),
            licensing({ matterCode: 'tea-shop-licence', promisedWorkingDays: 9 }),
          ],
        },
        { department: 'haishu-housing', matters: [licensing({ matterCode: 'levy', kind: 'taxation' })] },
      ],
    };

    // Act
    const check = checkCatalogueFile(raw);

    // Assess
    expect(check.ok ? [] : check.problems.map((problem) => problem.path)).toEqual([
      'departments[0].matters[0].promisedWorkingDays',
      'departments[0].matters[1].effectiveFrom',
      'departments[0].matters[2].department',
      'departments[0].matters[2].version',
      'departments[1].department',
      'departments[1].matters[0].kind',
    ]);
  });

  it('sends nothing at all when the file has a problem', async () => {
    // Prepare
    const api = recordingApi();
    const file = await writeCatalogue('broken.json', {
      departments: [{ department: 'haishu-housing', matters: [licensing(), licensing({ matterCode: 'no-days', promisedWorkingDays: -1 })] }],
    });

    // Act
    const result = await loadCatalogueFile(file, api);

    // Assess
    expect(result.checked).toBe(false);
    expect(new Set(result.checked ? [] : result.problems.map((problem) => problem.path))).toEqual(new Set(['departments[0].matters[1].promisedWorkingDays']));
    expect(api.requests).toEqual([]);
    expect((await bearerGet(runtime.apiUrl, '/v1/departments/haishu-housing/catalogue', token)).json.matters).toEqual([]);
  });
});

describe('loading a catalogue file through the API', () => {
  it('creates every matter of the demo catalogue, then changes nothing when loaded again', async () => {
    // Prepare
    const first = recordingApi();
    const second = recordingApi();

    // Act
    const loaded = await loadCatalogueFile(demoCatalogueFile, first);
    const again = await loadCatalogueFile(demoCatalogueFile, second);

    // Assess
    const outcomes = loaded.checked ? loaded.outcomes : [];
    expect(outcomes.length).toBeGreaterThan(10);
    expect(new Set(outcomes.map((o) => o.outcome))).toEqual(new Set(['created']));
    expect(again.checked ? again.outcomes.map((o) => o.outcome) : []).toEqual(outcomes.map(() => 'unchanged'));
    expect(second.requests.filter((request) => request.startsWith('POST'))).toEqual([]);
    const versions = await bearerGet(runtime.apiUrl, '/v1/departments/yinzhou-market-regulation/catalogue/price-penalty/versions', token);
    expect(versions.json.versions.map((v: { version: number }) => v.version)).toEqual([1]);
  });

  it('adds a version only for the matter whose content changed, and reports a change that rewrites history as refused', async () => {
    // Prepare
    const original = {
      departments: [{ department: 'yinzhou-market-regulation', matters: [licensing(), licensing({ matterCode: 'bakery-licence', name: '烘焙店经营许可' })] }],
    };
    await loadCatalogueFile(await writeCatalogue('v1.json', original), recordingApi());
    const nextYear = {
      departments: [
        {
          department: 'yinzhou-market-regulation',
          matters: [licensing({ promisedWorkingDays: 6, effectiveFrom: '2026-01-01' }), licensing({ matterCode: 'bakery-licence', name: '烘焙店经营许可' })],
        },
      ],
    };
    const rewritten = {
      departments: [
        { department: 'yinzhou-market-regulation', matters: [licensing({ matterCode: 'bakery-licence', name: '烘焙店经营许可', promisedWorkingDays: 5 })] },
      ],
    };
    const api = recordingApi();

    // Act
    const changed = await loadCatalogueFile(await writeCatalogue('v2.json', nextYear), api);
    const refused = await loadCatalogueFile(await writeCatalogue('v2b.json', rewritten), recordingApi());

    // Assess
    expect(changed.checked && changed.outcomes.map((o) => [o.matterCode, o.outcome, o.version])).toEqual([
      ['tea-shop-licence', 'versioned', 2],
      ['bakery-licence', 'unchanged', 1],
    ]);
    expect(api.requests.filter((request) => request.startsWith('POST'))).toEqual([
      'POST /v1/departments/yinzhou-market-regulation/catalogue/tea-shop-licence/versions',
    ]);
    expect(refused.checked && refused.outcomes).toEqual([
      expect.objectContaining({ matterCode: 'bakery-licence', outcome: 'refused', detail: expect.stringMatching(/^409 overlapping-effective-dates/) }),
    ]);
  });

  it('reports a department the token cannot see as refused, and loads the others', async () => {
    // Prepare
    const haishu = await runtime.mintStaffToken({ subject: 'loader-hs', role: 'districtSupervisor', jurisdiction: 'haishu' });
    const file = await writeCatalogue('two-districts.json', {
      departments: [
        { department: 'yinzhou-natural-resources', matters: [licensing({ matterCode: 'yz-only' })] },
        { department: 'haishu-market-regulation', matters: [licensing({ matterCode: 'hs-only' })] },
      ],
    });

    // Act
    const result = await loadCatalogueFile(file, { apiUrl: runtime.apiUrl, token: haishu });

    // Assess
    expect(result.checked && result.outcomes.map((o) => [o.department, o.outcome])).toEqual([
      ['yinzhou-natural-resources', 'refused'],
      ['haishu-market-regulation', 'created'],
    ]);
  });
});

describe('npm run catalogue:load', () => {
  const command = (args: string[], env: Record<string, string>) =>
    run(process.execPath, ['--import', 'tsx', join(repositoryRoot, 'infra/operations/load-catalogue.ts'), ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, ...env },
    }).then(
      ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ status: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it('exits 2 listing every problem and sends nothing for a broken file, and loads a good one; the token never appears', async () => {
    // Prepare
    const broken = await writeCatalogue('cli-broken.json', {
      departments: [
        {
          department: 'haishu-housing',
          matters: [licensing({ matterCode: 'cli-a', promisedWorkingDays: 0 }), licensing({ matterCode: 'cli-b', effectiveFrom: 'soon' })],
        },
      ],
    });
    const good = await writeCatalogue('cli-good.json', { departments: [{ department: 'haishu-housing', matters: [licensing({ matterCode: 'cli-good' })] }] });

    // Act
    const refused = await command(['--file', broken, '--api', runtime.apiUrl], { ESUP_TOKEN: token });
    const loaded = await command(['--file', good, '--api', runtime.apiUrl], { ESUP_TOKEN: token });
    const reloaded = await command(['--file', good, '--api', runtime.apiUrl, '--token', token], {});

    // Assess
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/\d+ problem\(s\), nothing sent/);
    expect(refused.stderr).toContain('departments[0].matters[0].promisedWorkingDays');
    expect(refused.stderr).toContain('departments[0].matters[1].effectiveFrom');
    expect(loaded.status).toBe(0);
    expect(loaded.stdout).toContain('created    haishu-housing/cli-good version 1');
    expect(reloaded.stdout).toContain('1 matters: 0 created, 0 versioned, 1 unchanged, 0 refused');
    for (const output of [refused, loaded, reloaded]) expect(`${output.stdout}${output.stderr}`).not.toContain(token);
    expect(JSON.parse(await readFile(good, 'utf8')).departments).toHaveLength(1);
  }, 60_000);
});
