/**
 * A system administrator keeps the city's structure up to date between deployments; supervisors
 * and liaisons read what their scope shows (`shared/access/city-structure-scope.ts`).
 * Primary course (save): check the caller is the city's system administrator (else 403,
 * audited); check the profile against the structure's rules (only `city` is the city; a
 * department's jurisdiction exists; its connected kinds are record kinds the system knows) — 400
 * naming the field; write it under the version the administrator read (409 on a stale one, never
 * a lost update), keeping the record of what the deployment configuration last applied; audit it.
 * Functions that read profiles see the change within a minute (their per-container cache).
 * A department's IAM role is not made here: it comes with the deployment configuration.
 */
import { canSeeDepartmentProfile, canSeeJurisdictionProfile, mayChangeCityStructure } from '../../access/city-structure-scope.ts';
import type { StaffPrincipal } from '../../access/principal.ts';
import {
  departmentFieldNames,
  jurisdictionFieldNames,
  jurisdictionKindNames,
  kindRuleBroken,
  type DepartmentFields,
  type JurisdictionFields,
  type StoredDepartment,
  type StoredJurisdiction,
} from '../../domain/city-structure/city-structure.ts';
import { cityJurisdiction } from '../../domain/records/identifiers.ts';
import { builtInFamilies, type RecordFamilyRegistry } from '../../domain/records/record-families.ts';
import { DepartmentNotFound, JurisdictionNotFound, RoleNotPermitted } from '../../domain/access-refusals.ts';
import { invalidRequest, InvalidInput, type FieldError } from '../../domain/refusal.ts';
import { wordsOfMessage } from '../schema-field-errors.ts';
import { VersionChanged } from '../store-refusals.ts';
import type { AuditLog, Clock } from '../ports.ts';
import type { CityStructureRepository } from './city-structure-repository.ts';

export interface ManageCityStructureDependencies {
  readonly structure: CityStructureRepository;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** Built-in and configured record kinds (connected kinds must be among them); the built-in ones when absent. */
  readonly families?: RecordFamilyRegistry;
}

/** A change of a profile as the administrator sends it: its fields and the version read (0: new). */
export type ProfileChange<Fields> = Fields & { readonly expectedVersion: number };

const actorOf = (principal: StaffPrincipal): string => `${principal.role}:${principal.subject}`;

const jurisdictionNotFound = () =>
  new JurisdictionNotFound({ zh: '辖区不存在', en: 'Jurisdiction not found' }, { zh: '您的范围内没有该辖区。', en: 'No such jurisdiction in your scope.' });
const departmentNotFound = () =>
  new DepartmentNotFound({ zh: '部门不存在', en: 'Department not found' }, { zh: '您的范围内没有该部门。', en: 'No such department in your scope.' });

/** A jurisdiction as the console shows it. */
export function jurisdictionViewOf(profile: StoredJurisdiction) {
  const { applied, ...rest } = profile;
  return {
    jurisdiction: rest.jurisdiction,
    name: rest.name,
    kind: rest.kind,
    kindName: jurisdictionKindNames[rest.kind],
    issuingOrgan: rest.issuingOrgan,
    version: rest.version,
    updatedAt: rest.updatedAt,
    updatedBy: rest.updatedBy,
    ...(applied ? { lastAppliedConfiguration: applied } : {}),
  };
}

/** A department as the console shows it. */
export function departmentViewOf(profile: StoredDepartment) {
  const { applied, ...rest } = profile;
  return {
    department: rest.department,
    name: rest.name,
    jurisdiction: rest.jurisdiction,
    connectedKinds: [...rest.connectedKinds],
    ...(rest.connectedOn === undefined ? {} : { connectedOn: rest.connectedOn }),
    version: rest.version,
    updatedAt: rest.updatedAt,
    updatedBy: rest.updatedBy,
    ...(applied ? { lastAppliedConfiguration: applied } : {}),
  };
}

/** The jurisdictions the caller may see: all of them for the city, its own for a district supervisor. */
export async function listJurisdictions(principal: StaffPrincipal, deps: Pick<ManageCityStructureDependencies, 'structure'>) {
  const all = await deps.structure.jurisdictions();
  return { items: all.filter((profile) => canSeeJurisdictionProfile(principal, profile.jurisdiction)).map(jurisdictionViewOf) };
}

export async function readJurisdiction(principal: StaffPrincipal, jurisdiction: string, deps: Pick<ManageCityStructureDependencies, 'structure' | 'audit'>) {
  if (!canSeeJurisdictionProfile(principal, jurisdiction)) {
    await deps.audit.append({
      action: 'city-structure.jurisdiction.read',
      outcome: 'denied',
      actor: actorOf(principal),
      target: `jurisdiction:${jurisdiction}`,
      reason: 'outside scope',
    });
    throw jurisdictionNotFound();
  }
  const profile = await deps.structure.jurisdiction(jurisdiction);
  if (!profile) throw jurisdictionNotFound();
  return jurisdictionViewOf(profile);
}

/**
 * The departments the caller may see, optionally of one jurisdiction: every one for the city,
 * its district's for a district supervisor, its own for a liaison. A jurisdiction outside the
 * caller's scope answers 404 (audited).
 */
export async function listDepartments(
  principal: StaffPrincipal,
  query: { readonly jurisdiction?: string },
  deps: Pick<ManageCityStructureDependencies, 'structure' | 'audit'>,
) {
  if (query.jurisdiction !== undefined && principal.role !== 'departmentLiaison' && !canSeeJurisdictionProfile(principal, query.jurisdiction)) {
    await deps.audit.append({
      action: 'city-structure.departments.list',
      outcome: 'denied',
      actor: actorOf(principal),
      target: `jurisdiction:${query.jurisdiction}`,
      reason: 'outside scope',
    });
    throw jurisdictionNotFound();
  }
  if (principal.role === 'departmentLiaison') {
    const own = principal.department === undefined ? undefined : await deps.structure.department(principal.department);
    const visible =
      own !== undefined && canSeeDepartmentProfile(principal, own) && (query.jurisdiction === undefined || own.jurisdiction === query.jurisdiction);
    return { items: visible ? [departmentViewOf(own)] : [] };
  }
  const scope = query.jurisdiction ?? (principal.role === 'districtSupervisor' ? principal.jurisdiction : undefined);
  const departments = await deps.structure.departments(scope);
  return { items: departments.filter((profile) => canSeeDepartmentProfile(principal, profile)).map(departmentViewOf) };
}

export async function readDepartment(principal: StaffPrincipal, department: string, deps: Pick<ManageCityStructureDependencies, 'structure' | 'audit'>) {
  const profile = await deps.structure.department(department);
  if (!profile) throw departmentNotFound();
  if (!canSeeDepartmentProfile(principal, profile)) {
    await deps.audit.append({
      action: 'city-structure.department.read',
      outcome: 'denied',
      actor: actorOf(principal),
      target: `department:${department}`,
      reason: 'outside scope',
    });
    throw departmentNotFound();
  }
  return departmentViewOf(profile);
}

/** Refuses anyone but the city's system administrator (403, audited). */
async function requireAdministrator(
  principal: StaffPrincipal,
  action: string,
  target: string,
  deps: Pick<ManageCityStructureDependencies, 'audit'>,
): Promise<void> {
  if (mayChangeCityStructure(principal)) return;
  await deps.audit.append({ action, outcome: 'denied', actor: actorOf(principal), target, reason: 'not the city system administrator' });
  throw new RoleNotPermitted(
    { zh: '只有市系统管理员可以修改城市结构', en: 'Only the city system administrator changes the city structure' },
    { zh: `角色 ${principal.role} 只能读取。`, en: `The role ${principal.role} may read only.` },
  );
}

const invalid = (errors: FieldError[]) => new InvalidInput(invalidRequest, undefined, errors);

/** Creates (expectedVersion 0) or changes a jurisdiction profile; see the module comment. */
export async function saveJurisdiction(
  principal: StaffPrincipal,
  jurisdiction: string,
  change: ProfileChange<JurisdictionFields>,
  deps: ManageCityStructureDependencies,
) {
  const action = 'city-structure.jurisdiction.save';
  const target = `jurisdiction:${jurisdiction}`;
  await requireAdministrator(principal, action, target, deps);
  const broken = kindRuleBroken(jurisdiction, change.kind);
  if (broken) throw invalid([{ pointer: '/kind', detail: wordsOfMessage(broken) }]);
  const stored = await deps.structure.jurisdiction(jurisdiction);
  const { expectedVersion, ...fields } = change;
  const profile: StoredJurisdiction = {
    jurisdiction,
    ...pick(fields, jurisdictionFieldNames),
    version: expectedVersion + 1,
    updatedAt: deps.clock().toISOString(),
    updatedBy: actorOf(principal),
    // What the configuration last applied stays recorded, so a redeploy keeps this change.
    ...(stored?.applied ? { applied: stored.applied } : {}),
  };
  await write(() => deps.structure.putJurisdiction(profile, expectedVersion), { action, actor: profile.updatedBy, target }, deps);
  await deps.audit.append({
    action,
    outcome: 'allowed',
    actor: profile.updatedBy,
    target,
    reason: describeChange(stored, fields, jurisdictionFieldNames, profile.version),
  });
  return jurisdictionViewOf(profile);
}

/** Creates (expectedVersion 0) or changes a department profile; see the module comment. */
export async function saveDepartment(
  principal: StaffPrincipal,
  department: string,
  change: ProfileChange<DepartmentFields>,
  deps: ManageCityStructureDependencies,
) {
  const action = 'city-structure.department.save';
  const target = `department:${department}`;
  await requireAdministrator(principal, action, target, deps);
  const families = deps.families ?? builtInFamilies;
  const errors: FieldError[] = change.connectedKinds.flatMap((kind, index) =>
    families.familyOf(kind)
      ? []
      : [
          {
            pointer: `/connectedKinds/${index}`,
            detail: { zh: `没有记录种类 ${kind}：应为 ${families.kinds.join('、')} 之一`, en: `no record kind ${kind}; one of ${families.kinds.join(', ')}` },
          },
        ],
  );
  if (change.jurisdiction !== cityJurisdiction && (await deps.structure.jurisdiction(change.jurisdiction)) === undefined) {
    errors.unshift({ pointer: '/jurisdiction', detail: { zh: `辖区 ${change.jurisdiction} 不存在`, en: `no jurisdiction ${change.jurisdiction}` } });
  }
  if (errors.length > 0) throw invalid(errors);
  const stored = await deps.structure.department(department);
  const { expectedVersion, ...fields } = change;
  const profile: StoredDepartment = {
    department,
    ...pick(fields, departmentFieldNames),
    version: expectedVersion + 1,
    updatedAt: deps.clock().toISOString(),
    updatedBy: actorOf(principal),
    ...(stored?.applied ? { applied: stored.applied } : {}),
  };
  await write(() => deps.structure.putDepartment(profile, expectedVersion), { action, actor: profile.updatedBy, target }, deps);
  await deps.audit.append({
    action,
    outcome: 'allowed',
    actor: profile.updatedBy,
    target,
    reason: describeChange(stored, fields, departmentFieldNames, profile.version),
  });
  return departmentViewOf(profile);
}

/** Writes, auditing a stale version as refused before the 409 goes out. */
async function write(
  put: () => Promise<void>,
  entry: { action: string; actor: string; target: string },
  deps: Pick<ManageCityStructureDependencies, 'audit'>,
): Promise<void> {
  try {
    await put();
  } catch (error) {
    if (error instanceof VersionChanged) await deps.audit.append({ ...entry, outcome: 'refused', reason: 'stale version' });
    throw error;
  }
}

function describeChange<Fields extends Record<string, unknown>>(
  stored: Fields | undefined,
  fields: Fields,
  names: readonly (keyof Fields & string)[],
  version: number,
): string {
  if (stored === undefined) return `created, version ${version}`;
  const changed = names.filter((name) => JSON.stringify(stored[name]) !== JSON.stringify(fields[name]));
  return `version ${version}; changed: ${changed.length > 0 ? changed.join(', ') : 'nothing'}`;
}

function pick<Fields extends Record<string, unknown>>(fields: Fields, names: readonly (keyof Fields & string)[]): Fields {
  // An optional field left out stays absent (not stored as an empty value).
  return Object.fromEntries(names.filter((name) => fields[name] !== undefined).map((name) => [name, fields[name]])) as unknown as Fields;
}
