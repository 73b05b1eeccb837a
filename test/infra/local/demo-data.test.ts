import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoCatalogue, demoCatalogueFile, demoDepartments, demoMatters } from '#infra/local/demo-data.ts';
import { loadLocalDeploymentConfig } from '#infra/local/deployment-configuration.ts';
import { checkCatalogueFile } from '#infra/operations/catalogue-file.ts';

describe('demo reference data', () => {
  it('takes its departments from the configuration the local runtime runs on', () => {
    // Prepare
    const config = loadLocalDeploymentConfig();

    // Act
    const departments = demoDepartments.map((profile) => `${profile.department} ${profile.name} ${profile.jurisdiction}`);

    // Assess
    expect(departments).toEqual(config.departments.map((d) => `${d.id} ${d.name} ${d.jurisdiction}`));
    expect(departments).toContain('haishu-housing 海曙区住房和城乡建设局 haishu');
  });

  it('ships the demo catalogue as a catalogue file without a problem, naming only configured departments', () => {
    // Prepare
    const configured = new Set(demoDepartments.map((profile) => profile.department));

    // Act
    const check = checkCatalogueFile(JSON.parse(readFileSync(demoCatalogueFile, 'utf8')));

    // Assess
    expect(check).toMatchObject({ ok: true });
    const departments = check.ok ? [...new Set(check.matters.map((matter) => matter.department))] : [];
    expect(departments.sort()).toEqual(['haishu-housing', 'haishu-market-regulation', 'yinzhou-market-regulation', 'yinzhou-natural-resources']);
    for (const department of departments) expect(configured.has(department), department).toBe(true);
  });

  it('gives each district department two or three licensing matters within the Licensing Law, and every family a matter', () => {
    // Prepare
    const departments = [...new Set(demoCatalogue.map((matter) => matter.department))];

    // Act
    const mattersPerDepartment = departments.map((department) => demoCatalogue.filter((m) => m.department === department).length);
    const beyondTheLaw = demoCatalogue.filter((matter) => matter.promisedWorkingDays > matter.statutoryWorkingDays || matter.statutoryWorkingDays !== 20);

    // Assess
    for (const count of mattersPerDepartment) expect(count).toBeGreaterThanOrEqual(2);
    for (const count of mattersPerDepartment) expect(count).toBeLessThanOrEqual(3);
    expect(beyondTheLaw).toEqual([]);
    expect(new Set(demoMatters.map((matter) => matter.kind))).toEqual(
      new Set(['licensing', 'penalty', 'publicResourceTrading', 'disclosure', 'onlineService', 'petition', 'investmentProject']),
    );
  });
});
