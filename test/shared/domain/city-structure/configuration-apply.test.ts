import { describe, expect, it } from 'vitest';
import { departmentFieldNames, type DepartmentFields } from '#shared/domain/city-structure/city-structure.ts';
import { decideApply } from '#shared/domain/city-structure/configuration-apply.ts';

const configured: DepartmentFields = { name: '海曙区住房和城乡建设局', jurisdiction: 'haishu', connectedKinds: ['licensing', 'disclosure'] };

describe('applying the configured structure to one entry', () => {
  it('creates an entry that is not stored', () => {
    // Act
    const decision = decideApply(configured, undefined, departmentFieldNames);

    // Assess
    expect(decision).toEqual({ action: 'create', fields: configured });
  });

  it('leaves an entry alone when the configuration did not change it, even if the console did', () => {
    // Prepare
    const stored = { fields: { ...configured, name: '海曙区住建局' }, version: 4, applied: configured };

    // Act
    const decision = decideApply(configured, stored, departmentFieldNames);

    // Assess
    expect(decision).toEqual({ action: 'unchanged' });
  });

  it('writes only the fields the configuration changed since it was last applied, keeping console edits of the others', () => {
    // Prepare
    const stored = { fields: { ...configured, name: '海曙区住建局' }, version: 4, applied: configured };
    const changedConfiguration = { ...configured, connectedKinds: ['licensing', 'publicResourceTrading'] };

    // Act
    const decision = decideApply(changedConfiguration, stored, departmentFieldNames);

    // Assess
    expect(decision).toEqual({
      action: 'update',
      fields: { name: '海曙区住建局', jurisdiction: 'haishu', connectedKinds: ['licensing', 'publicResourceTrading'] },
      changed: ['connectedKinds'],
      expectedVersion: 4,
    });
  });

  it('overwrites a console edit of a field the configuration changed', () => {
    // Prepare
    const stored = { fields: { ...configured, name: '海曙区住建局' }, version: 2, applied: configured };

    // Act
    const decision = decideApply({ ...configured, name: '宁波市海曙区住房和城乡建设局' }, stored, departmentFieldNames);

    // Assess
    expect(decision).toMatchObject({ action: 'update', fields: { name: '宁波市海曙区住房和城乡建设局' }, changed: ['name'] });
  });

  it('adopts an entry created through the console the first time the configuration lists it', () => {
    // Prepare
    const stored = { fields: { ...configured, connectedKinds: ['licensing'] }, version: 1 };

    // Act
    const decision = decideApply(configured, stored, departmentFieldNames);

    // Assess
    expect(decision).toEqual({ action: 'update', fields: configured, changed: ['connectedKinds'], expectedVersion: 1 });
  });

  it('records the configuration as applied without changing a field when the console already agreed with it', () => {
    // Prepare
    const stored = { fields: configured, version: 3, applied: { ...configured, name: '旧名称' } };

    // Act
    const decision = decideApply(configured, stored, departmentFieldNames);

    // Assess
    expect(decision).toEqual({ action: 'update', fields: configured, changed: [], expectedVersion: 3 });
  });
});
