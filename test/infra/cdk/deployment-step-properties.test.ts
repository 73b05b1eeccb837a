import { describe, expect, it } from 'vitest';
import { loadDeploymentConfigs } from '#infra/cdk/deployment-config.ts';
import { cityStructureOf, deploymentStepProperties } from '#infra/cdk/deployment-step-properties.ts';
import { CityStructure } from '#shared/domain/city-structure/city-structure.ts';
import { deploymentSteps } from '#shared/topology.ts';

describe('the properties of the deployment steps', () => {
  it('describes Ningbo in the Beijing deployment: the city and its ten districts, counties and county-level cities, each with its organ', () => {
    // Prepare
    const [beijing] = loadDeploymentConfigs(undefined, ['cn-north-1']);

    // Act
    const structure = cityStructureOf(beijing!);

    // Assess
    expect(structure.jurisdictions.map((j) => `${j.name} ${j.kind} ${j.issuingOrgan}`)).toEqual([
      '宁波市 city 宁波市监察委员会',
      '海曙区 district 宁波市海曙区监察委员会',
      '江北区 district 宁波市江北区监察委员会',
      '北仑区 district 宁波市北仑区监察委员会',
      '镇海区 district 宁波市镇海区监察委员会',
      '鄞州区 district 宁波市鄞州区监察委员会',
      '奉化区 district 宁波市奉化区监察委员会',
      '余姚市 countyLevelCity 余姚市监察委员会',
      '慈溪市 countyLevelCity 慈溪市监察委员会',
      '宁海县 county 宁海县监察委员会',
      '象山县 county 象山县监察委员会',
    ]);
    expect(structure.departments.map((d) => d.department)).toEqual(beijing!.departments.map((d) => d.id));
  });

  it('builds for every deployment a structure the apply function accepts as it stands, and the settings that decide the keys per period', () => {
    for (const config of loadDeploymentConfigs()) {
      // Act
      const structure = deploymentStepProperties('city-structure', config);
      const keys = deploymentStepProperties('personal-data-keys', config);

      // Assess
      expect(deploymentSteps.map((step) => step.name)).toEqual(['city-structure', 'personal-data-keys']);
      expect(CityStructure.parse(structure), config.name).toEqual(structure);
      // The keeper reads its settings from its environment; these only make a change of them run it at the deployment.
      expect(keys, config.name).toEqual({
        RetentionDays: config.complaints.personalDataRetentionDays,
        BackupWindowDays: Math.max(35, config.retention.dailyBackupDays, config.retention.monthlyBackupDays),
        PendingWindowDays: config.personalDataKeys.pendingWindowDays,
      });
    }
  });

  it('refuses to build properties for a step the topology does not declare', () => {
    // Prepare
    const [config] = loadDeploymentConfigs(undefined, ['global']);

    // Act
    const build = () => deploymentStepProperties('no-such-step', config!);

    // Assess
    expect(build).toThrow(/no properties for deployment step no-such-step/);
  });
});
