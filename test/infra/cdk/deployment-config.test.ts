import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  DeploymentConfigError,
  loadDeploymentConfig,
  loadDeploymentConfigs,
  minimumSealGraceSeconds,
  parseDeploymentConfig,
  tracingEnabled,
} from '#infra/cdk/deployment-config.ts';
import { defaultTimeoutSeconds } from '#infra/cdk/constructs/app-function.ts';
import { functions, type FunctionSpec } from '#shared/topology.ts';
import { problemsOf, validConfig } from './deployment-config-mother.ts';
import { cityStructureOf } from '#infra/cdk/deployment-step-properties.ts';

describe('deployment configuration', () => {
  it('loads both shipped deployments, one in aws-cn and one in a global region', () => {
    // Act
    const configs = loadDeploymentConfigs();

    // Assess
    expect(configs.map((config) => config.region).sort()).toEqual(['ap-southeast-1', 'cn-north-1']);
  });

  it('loads only the selected deployment when one is named', () => {
    // Act
    const configs = loadDeploymentConfigs(undefined, ['cn-north-1']);

    // Assess
    expect(configs.map((config) => config.region)).toEqual(['cn-north-1']);
  });

  it('refuses a selection naming a file that does not exist, listing the available ones', () => {
    // Act
    const load = () => loadDeploymentConfigs(undefined, ['cn-northwest-9']);

    // Assess
    expect(load).toThrow(/config: no file for cn-northwest-9; available: cn-north-1, global/);
  });

  it('accepts a valid configuration unchanged, filling in each setting it leaves out with its documented default', () => {
    // Prepare
    const raw = validConfig();

    // Act
    const parsed = parseDeploymentConfig(raw, 'test.json');

    // Assess
    expect(parsed).toEqual({
      ...raw,
      backup: { ...raw.backup, vaultLock: true },
      supervision: { escalatePromptAfterWorkingDays: 3, escalateWarningAfterWorkingDays: 5, feedStaleAfterHours: 72 },
      connectionHealth: {
        silentAfterWorkingHours: 16,
        graceWorkingDays: 20,
        refusedPercentLimit: 5,
        refusedWindowDays: 7,
        refusedMinimumRecords: 20,
        manifestDueHour: 10,
      },
      reporting: { lateAfterHours: 24 },
      accountability: { orderEscalateAfterWorkingDays: 5 },
      complaints: { escalateAfterWorkingDays: 1, handlingPromptWorkingDays: 2, reopeningDays: 30, personalDataRetentionDays: 1095 },
      supervisionCases: { decisionWorkingDays: 3, promptWorkingDaysBefore: 2, escalateAfterWorkingDays: 3 },
      staffAccess: { maxSessionHours: 12, failuresBeforeLockout: 10, lockoutWindowMinutes: 15 },
      classifiedContent: { markers: [] },
      personalDataKeys: { pendingWindowDays: 30 },
      audit: { sealGraceSeconds: 360, tableWriteTrail: true },
      webhooks: { disableAfterFailingHours: 24 },
      retention: { ...raw.retention, auditDays: 365 },
    });
  });

  it('refuses a webhook failure window that is not a positive number of hours up to 30 days', () => {
    // Prepare
    const windows = [0, -1, 24 * 30 + 1, '24'];

    // Act
    const problems = windows.map((hours) => problemsOf({ ...validConfig(), webhooks: { disableAfterFailingHours: hours } }));

    // Assess
    for (const found of problems) expect(found.map((problem) => problem.field)).toEqual(['webhooks.disableAfterFailingHours']);
    expect(parseDeploymentConfig({ ...validConfig(), webhooks: { disableAfterFailingHours: 6 } }, 'test.json').webhooks).toEqual({
      disableAfterFailingHours: 6,
    });
  });

  it('refuses a sealing grace period no longer than the longest function timeout, and digests kept under a year', () => {
    // Prepare
    const raw = { ...validConfig(), audit: { sealGraceSeconds: 300 }, retention: { ...validConfig().retention, auditDays: 180 } };

    // Act
    const problems = problemsOf(raw);

    // Assess
    expect(minimumSealGraceSeconds()).toBeGreaterThan(Math.max(defaultTimeoutSeconds, ...functions.map((spec) => (spec as FunctionSpec).timeoutSeconds ?? 0)));
    expect(problems).toEqual([
      { field: 'retention.auditDays', message: 'at least 365 days (security audit: retained at least a year)' },
      { field: 'audit.sealGraceSeconds', message: expect.stringContaining(`at least ${minimumSealGraceSeconds()} seconds`) },
    ]);
  });

  it("takes a city's own settings, each in its section", () => {
    // Prepare
    const raw = { ...validConfig(), supervision: { feedStaleAfterHours: 24 }, classifiedContent: { markers: ['内部资料', '工作秘密'] } };

    // Act
    const parsed = parseDeploymentConfig(raw, 'test.json');

    // Assess
    expect(parsed.supervision).toEqual({ escalatePromptAfterWorkingDays: 3, escalateWarningAfterWorkingDays: 5, feedStaleAfterHours: 24 });
    expect(parsed.classifiedContent.markers).toEqual(['内部资料', '工作秘密']);
  });

  it('refuses the classified markers where an older file wrote them, naming where they moved, instead of dropping them', () => {
    // Prepare
    const raw = { ...validConfig(), ingest: { classifiedMarkers: ['内部资料'] } };

    // Act
    const problems = problemsOf(raw);

    // Assess
    expect(problems).toContainEqual({ field: 'ingest', message: expect.stringContaining('classifiedContent.markers') });
  });

  it("takes a department's connection date and hands it to the city structure; one before the Measures is refused naming the field", () => {
    // Prepare
    const dated = { ...validConfig(), departments: [{ ...validConfig().departments[0]!, connectedOn: '2026-12-01' }] };
    const tooEarly = { ...validConfig(), departments: [{ ...validConfig().departments[0]!, connectedOn: '2011-12-31' }] };

    // Act
    const structure = cityStructureOf(parseDeploymentConfig(dated, 'test.json'));

    // Assess
    expect(structure.departments).toEqual([expect.objectContaining({ department: 'market-regulation', connectedOn: '2026-12-01' })]);
    expect(problemsOf(tooEarly).map((problem) => problem.field)).toEqual(['departments[0].connectedOn']);
  });

  it('refuses every bad setting at once, naming each field, before anything is synthesized', () => {
    // Prepare
    const raw = {
      ...validConfig(),
      supervision: { escalatePromptAfterWorkingDays: -1, feedStaleAfterHours: 0 },
      complaints: { reopeningDays: 90, personalDataRetentionDays: 60 },
      supervisionCases: { decisionWorkingDays: 0.5, unknownClock: 3 },
      connectionHealth: { silentAfterWorkingHours: 0, graceWorkingDays: 251, refusedPercentLimit: 0, refusedWindowDays: 93, manifestDueHour: 24 },
      reporting: { lateAfterHours: 0.5 },
      classifiedContent: { markers: ['内部,资料'] },
    };

    // Act
    const fields = problemsOf(raw).map((problem) => problem.field);

    // Assess
    expect(fields).toEqual(
      expect.arrayContaining([
        'supervision.escalatePromptAfterWorkingDays',
        'supervision.feedStaleAfterHours',
        'supervisionCases.decisionWorkingDays',
        'supervisionCases',
        'connectionHealth.silentAfterWorkingHours',
        'connectionHealth.graceWorkingDays',
        'connectionHealth.refusedPercentLimit',
        'connectionHealth.refusedWindowDays',
        'reporting.lateAfterHours',
        'connectionHealth.manifestDueHour',
        'classifiedContent.markers[0]',
      ]),
    );
    // The cross-field rule runs once the fields themselves are valid.
    const crossField = problemsOf({ ...validConfig(), complaints: { reopeningDays: 90, personalDataRetentionDays: 60 } });
    expect(crossField).toEqual([
      expect.objectContaining({ field: 'complaints.personalDataRetentionDays', message: expect.stringContaining('re-opening window') }),
    ]);
  });

  it.each([
    ['an http issuer', (c: any) => (c.identityProvider.issuer = 'http://idp.example.invalid'), 'identityProvider.issuer'],
    ['a JWKS address that is not a URL', (c: any) => (c.identityProvider.jwksUri = 'certs'), 'identityProvider.jwksUri'],
    ['an 11-digit account', (c: any) => (c.account = '11112222333'), 'account'],
    ['an unknown region', (c: any) => (c.region = 'xx-nowhere-1'), 'region'],
    ['an upper-case department id', (c: any) => (c.departments[0].id = 'Market'), 'departments[0].id'],
    ['no department', (c: any) => (c.departments = []), 'departments'],
    ['a copy region equal to the region', (c: any) => (c.backup.copyRegion = 'cn-north-1'), 'backup.copyRegion'],
    ['a copy region in another partition', (c: any) => (c.backup.copyRegion = 'ap-southeast-1'), 'backup.copyRegion'],
    ['log retention under a year', (c: any) => (c.retention.logDays = 180), 'retention.logDays'],
    ['a retention CloudWatch does not offer', (c: any) => (c.retention.logDays = 500), 'retention.logDays'],
    ['daily backups kept under 35 days', (c: any) => (c.retention.dailyBackupDays = 7), 'retention.dailyBackupDays'],
    ['a malformed alarm address', (c: any) => (c.alarm.email = 'ops'), 'alarm.email'],
    ['tracing forced on in aws-cn', (c: any) => (c.tracing = true), 'tracing'],
    ['an unknown field', (c: any) => (c.api.wafRate = 5), 'api'],
    [
      'a department role name over 64 characters',
      (c: any) => (c.departments[0].id = 'a-very-long-department-identifier-that-overflows-the-role'),
      'departments[0].id',
    ],
  ])('refuses %s, naming the field', (_case, breakIt, field) => {
    // Prepare
    const raw = validConfig();
    breakIt(raw);

    // Act
    const problems = problemsOf(raw);

    // Assess
    expect(problems.map((problem) => problem.field)).toContain(field);
  });

  it('refuses a department listed twice, pointing at the second entry', () => {
    // Prepare
    const raw = validConfig();
    raw.departments.push({ id: 'market-regulation', name: '海曙区市场监督管理局', jurisdiction: 'haishu', connectedKinds: [] });

    // Act
    const problems = problemsOf(raw);

    // Assess
    expect(problems).toEqual([{ field: 'departments[1].id', message: 'duplicate department market-regulation' }]);
  });

  it("refuses a department whose jurisdiction is neither the city nor one of the city's, naming the field", () => {
    // Prepare
    const raw = validConfig();
    raw.departments.push({ id: 'jiangbei-housing', name: '江北区住房和城乡建设局', jurisdiction: 'jiangbei', connectedKinds: ['licensing'] });

    // Act
    const problems = problemsOf(raw);

    // Assess
    expect(problems).toEqual([{ field: 'departments[1].jurisdiction', message: expect.stringMatching(/^辖区 jiangbei 未配置.*jiangbei is not configured/) }]);
  });

  it('names every problem of the city and its jurisdictions at once', () => {
    // Prepare
    const raw = validConfig() as any;
    raw.city.issuingOrgan = '';
    raw.city.jurisdictions.push(
      { id: 'haishu', name: '海曙区', kind: 'district', issuingOrgan: '宁波市海曙区监察委员会' },
      { id: 'city', name: '宁波市', kind: 'city', issuingOrgan: '宁波市监察委员会' },
      { id: 'cixi', name: '慈溪市', kind: 'city', issuingOrgan: '慈溪市监察委员会' },
      { id: 'Xiangshan', name: '象山县', kind: 'township', issuingOrgan: '象山县监察委员会', seat: '丹东街道' },
    );

    // Act
    const problems = problemsOf(raw);

    // Assess
    expect(problems.map((problem) => problem.field).sort()).toEqual(
      [
        'city.issuingOrgan',
        'city.jurisdictions[2].id',
        'city.jurisdictions[3].id',
        'city.jurisdictions[4].kind',
        'city.jurisdictions[5]',
        'city.jurisdictions[5].id',
        'city.jurisdictions[5].kind',
      ].sort(),
    );
    expect(problems.find((problem) => problem.field === 'city.jurisdictions[2].id')?.message).toMatch(/duplicate jurisdiction haishu/);
    expect(problems.find((problem) => problem.field === 'city.jurisdictions[3].id')?.message).toMatch(/city is the city itself/);
    expect(problems.find((problem) => problem.field === 'city.jurisdictions[4].kind')?.message).toMatch(/only city is of kind city/);
  });

  it('refuses unknown record kinds names, a kind listed twice and a missing department name', () => {
    // Prepare
    const raw = validConfig() as any;
    raw.departments[0].connectedKinds = ['licensing', 'licensing', 'Penalty'];
    delete raw.departments[0].name;

    // Act
    const problems = problemsOf(raw);

    // Assess
    expect(problems.map((problem) => problem.field).sort()).toEqual([
      'departments[0].connectedKinds',
      'departments[0].connectedKinds[2]',
      'departments[0].name',
    ]);
  });

  it('names the file and every bad field in one message', () => {
    // Prepare
    const directory = mkdtempSync(join(tmpdir(), 'deployment-config-'));
    onTestFinished(() => rmSync(directory, { recursive: true, force: true }));
    const file = join(directory, 'broken.json');
    const raw = validConfig() as any;
    raw.identityProvider.issuer = 'http://idp.example.invalid';
    raw.retention.logDays = 30;
    writeFileSync(file, JSON.stringify(raw));

    // Act
    const load = () => loadDeploymentConfig(file);

    // Assess
    expect(load).toThrow(DeploymentConfigError);
    expect(load).toThrow(new RegExp(`${file}[\\s\\S]*identityProvider\\.issuer: an https:// URL[\\s\\S]*retention\\.logDays: one of 365`));
  });

  it('refuses a file that is not JSON', () => {
    // Prepare
    const directory = mkdtempSync(join(tmpdir(), 'deployment-config-'));
    onTestFinished(() => rmSync(directory, { recursive: true, force: true }));
    const file = join(directory, 'broken.json');
    writeFileSync(file, '{ "name": ');

    // Act
    const load = () => loadDeploymentConfig(file);

    // Assess
    expect(load).toThrow(/\(file\): not readable JSON/);
  });

  it('turns tracing off in aws-cn and on in a global region unless told otherwise', () => {
    // Prepare
    const china = parseDeploymentConfig(validConfig(), 'cn.json');
    const global = parseDeploymentConfig({ ...validConfig(), region: 'ap-southeast-1', backup: { copyRegion: 'ap-southeast-2' } }, 'global.json');
    const globalWithoutTracing = { ...global, tracing: false };

    // Act
    const decisions = [china, global, globalWithoutTracing].map(tracingEnabled);

    // Assess
    expect(decisions).toEqual([false, true, false]);
  });
});
