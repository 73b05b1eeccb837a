/**
 * The deployment applies the city's structure from its configuration (the `apply-city-structure`
 * function, a CloudFormation custom resource; the local runtime sends it the same event).
 * Primary course: for every jurisdiction (the city first), then every department, read the stored
 * profile, decide what the configuration changes (`configuration-apply.ts`: create what is
 * missing, write only the fields whose configured value changed since it was last applied, never
 * delete), write it under the version read, audit it. A concurrent change by an administrator
 * makes the write stale: it is decided again on what is stored then. Applying the same
 * configuration twice changes nothing.
 */
import {
  departmentFieldNames,
  jurisdictionFieldNames,
  type CityStructure,
  type DepartmentFields,
  type JurisdictionFields,
  type ProfileRecordKeeping,
} from '../../domain/city-structure/city-structure.ts';
import { decideApply, type ApplyDecision, type ProfileFieldValues } from '../../domain/city-structure/configuration-apply.ts';
import { VersionChanged } from '../store-refusals.ts';
import type { AuditLog, Clock } from '../ports.ts';
import type { CityStructureRepository } from './city-structure-repository.ts';

export interface ApplyCityStructureDependencies {
  readonly structure: CityStructureRepository;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/** What applying did, as audit targets (`jurisdiction:<id>`, `department:<id>`). */
export interface AppliedCityStructure {
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
}

/** Writes decided on what is stored before giving up on an entry an administrator keeps changing. */
const attempts = 3;

/** One kind of profile, as applying sees it. */
interface ProfileKind<Fields extends ProfileFieldValues, Stored extends Fields & ProfileRecordKeeping<Fields>> {
  readonly noun: 'jurisdiction' | 'department';
  readonly fieldNames: readonly (keyof Fields & string)[];
  read(id: string): Promise<Stored | undefined>;
  write(id: string, fields: Fields, keeping: ProfileRecordKeeping<Fields>, expectedVersion: number): Promise<void>;
}

/**
 * Applies the configured structure; see the module comment.
 * @param actor who applies it, as audit entries name it (`deployment:<stack>`)
 */
export async function applyCityStructure(structure: CityStructure, actor: string, deps: ApplyCityStructureDependencies): Promise<AppliedCityStructure> {
  const outcomes: Record<keyof AppliedCityStructure, string[]> = { created: [], updated: [], unchanged: [] };
  const jurisdictions: ProfileKind<JurisdictionFields, JurisdictionFields & ProfileRecordKeeping<JurisdictionFields>> = {
    noun: 'jurisdiction',
    fieldNames: jurisdictionFieldNames,
    read: (id) => deps.structure.jurisdiction(id),
    write: (id, fields, keeping, expected) => deps.structure.putJurisdiction({ jurisdiction: id, ...fields, ...keeping }, expected),
  };
  const departments: ProfileKind<DepartmentFields, DepartmentFields & ProfileRecordKeeping<DepartmentFields>> = {
    noun: 'department',
    fieldNames: departmentFieldNames,
    read: (id) => deps.structure.department(id),
    write: (id, fields, keeping, expected) => deps.structure.putDepartment({ department: id, ...fields, ...keeping }, expected),
  };
  // Jurisdictions before departments: a department's jurisdiction exists when the department does.
  for (const { jurisdiction, ...fields } of structure.jurisdictions) {
    outcomes[await applyEntry(jurisdictions, jurisdiction, fields, actor, deps)].push(`jurisdiction:${jurisdiction}`);
  }
  // One entry at a time: every write appends to the audit chain, which takes one writer at a time anyway.
  for (const { department, ...fields } of structure.departments) {
    outcomes[await applyEntry(departments, department, fields, actor, deps)].push(`department:${department}`);
  }
  return outcomes;
}

async function applyEntry<Fields extends ProfileFieldValues, Stored extends Fields & ProfileRecordKeeping<Fields>>(
  kind: ProfileKind<Fields, Stored>,
  id: string,
  configured: Fields,
  actor: string,
  deps: ApplyCityStructureDependencies,
): Promise<keyof AppliedCityStructure> {
  const target = `${kind.noun}:${id}`;
  for (let attempt = 1; ; attempt++) {
    const stored = await kind.read(id);
    const decision: ApplyDecision<Fields> = decideApply(
      configured,
      stored && { fields: stored, version: stored.version, ...(stored.applied ? { applied: stored.applied } : {}) },
      kind.fieldNames,
    );
    if (decision.action === 'unchanged') return 'unchanged';
    const at = deps.clock().toISOString();
    const expectedVersion = decision.action === 'create' ? 0 : decision.expectedVersion;
    const keeping: ProfileRecordKeeping<Fields> = {
      version: expectedVersion + 1,
      updatedAt: at,
      updatedBy: actor,
      applied: { ...pickFields(configured, kind.fieldNames), appliedAt: at },
    };
    try {
      await kind.write(id, decision.fields, keeping, expectedVersion);
    } catch (error) {
      // An administrator changed it between the read and the write: decide again on what is stored now.
      if (error instanceof VersionChanged && attempt < attempts) continue;
      throw error;
    }
    const reason =
      decision.action === 'create'
        ? 'created from the deployment configuration'
        : decision.changed.length > 0
          ? `updated from the deployment configuration: ${decision.changed.join(', ')}`
          : 'recorded as applied; the stored fields already agreed';
    await deps.audit.append({ action: 'city-structure.apply', outcome: 'allowed', actor, target, reason });
    return decision.action === 'create' ? 'created' : 'updated';
  }
}

function pickFields<Fields extends ProfileFieldValues>(fields: Fields, names: readonly (keyof Fields & string)[]): Fields {
  return Object.fromEntries(names.map((name) => [name, fields[name]])) as unknown as Fields;
}
