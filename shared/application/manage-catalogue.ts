/**
 * A supervisor manages a department's catalogue of matters (事项目录, Art. 17, 25): reads it, reads
 * a matter's versions, and proposes a new version with the dates it is in force.
 * Primary course (propose): check the caller may see the department (else 404, audited) and is
 * a supervisor (else 403); validate the version with its family's matter schema (400 naming the
 * field); read the stored versions; refuse a version that is not the latest plus one (409
 * `stale-version`) or whose dates overlap a stored version's (409 `overlapping-effective-dates`:
 * it conflicts with what is stored, not with itself); store it, and the matter in force today
 * as the current item, in one transaction; audit it. A refused proposal stores nothing.
 */
import { canSeeDepartment } from '../access/jurisdiction-scope.ts';
import type { StaffPrincipal } from '../access/principal.ts';
import { shanghaiDate } from '../domain/calendar/local-date.ts';
import type { DepartmentProfile } from '../domain/catalogue/catalogue-matter.ts';
import type { RecordFamilyRegistry } from '../domain/records/record-families.ts';
import { matterOfVersion, parseMatterVersion, type MatterVersion, type MatterVersionIssue } from '../domain/catalogue/matter-version.ts';
import { matterVersionInForce } from '../domain/catalogue/matter-version-in-force.ts';
import { findOverlappingVersions } from '../domain/catalogue/matter-version-overlap.ts';
import type { AnyRecordFamily } from '../domain/records/record-families.ts';
import { departmentNotFound, DepartmentNotFound, MatterNotFound, RoleNotPermitted } from '../domain/access-refusals.ts';
import { InvalidInput, Refusal, type FieldError } from '../domain/refusal.ts';
import { wordsOfIssue } from './schema-field-errors.ts';
import { MatterVersionChanged, VersionChanged } from './store-refusals.ts';
import type { AuditLog, CatalogueEntry, CatalogueRepository, Clock, ReferenceReader, StoredMatter, StoredMatterVersion } from './ports.ts';
import type { Bilingual } from '../domain/bilingual.ts';

export interface ManageCatalogueDependencies {
  readonly catalogue: CatalogueRepository;
  readonly reference: ReferenceReader;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** Built-in and configured record kinds; the built-in ones when absent. */
  readonly families?: RecordFamilyRegistry;
}

const invalidMatterVersion: Bilingual = { zh: '事项版本无效', en: 'Invalid matter version' };

/** A proposed version claims days a stored version already claims. */
export class OverlappingEffectiveDates extends Refusal {
  readonly kind = 'conflicting';
  readonly slug = 'overlapping-effective-dates';
}

/** A matter's versions all belong to one record family. */
export class MatterKeepsItsFamily extends InvalidInput {}

/** Identifies a matter of a department's catalogue. */
export interface MatterRef {
  readonly department: string;
  readonly matterCode: string;
}

const actorOf = (principal: StaffPrincipal): string => `${principal.role}:${principal.subject}`;
const isSupervisor = (principal: StaffPrincipal): boolean => principal.role === 'citySupervisor' || principal.role === 'districtSupervisor';

/** JSON pointers into the request body for a version's issues. */
export function fieldErrorsOfVersion(issues: readonly MatterVersionIssue[], prefix = ''): FieldError[] {
  return issues.slice(0, 20).map((issue) => ({
    pointer: `${prefix}/${issue.path.map((segment) => String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`.replace(/\/$/, '') || '/',
    detail: issue.schemaIssue === undefined ? issue.words : wordsOfIssue(issue.schemaIssue),
  }));
}

/**
 * The department's profile if the caller may see it; otherwise 404 (audited), so a department
 * outside the caller's jurisdiction is indistinguishable from one that does not exist.
 */
export async function visibleDepartment(
  principal: StaffPrincipal,
  department: string,
  action: string,
  deps: Pick<ManageCatalogueDependencies, 'reference' | 'audit'>,
): Promise<DepartmentProfile> {
  const notFound = new DepartmentNotFound(departmentNotFound, { zh: '您的辖区内没有该部门。', en: 'No such department in your jurisdiction.' });
  const profile = await deps.reference.department(department);
  if (!profile) throw notFound;
  if (!canSeeDepartment(principal, profile)) {
    await deps.audit.append({ action, outcome: 'denied', actor: actorOf(principal), target: `department:${department}`, reason: 'outside jurisdiction' });
    throw notFound;
  }
  return profile;
}

/** Only supervisors change catalogues or try changes out; liaisons read their own. */
export function requireSupervisor(principal: StaffPrincipal): void {
  if (!isSupervisor(principal)) {
    throw new RoleNotPermitted(
      { zh: '该角色无权修改事项目录', en: 'Role not allowed to change catalogues' },
      { zh: `角色 ${principal.role} 只能查阅事项目录。`, en: `The role ${principal.role} may read the catalogue only.` },
    );
  }
}

/**
 * Validates a raw version for a matter of the path: the body may omit `department` and
 * `matterCode` (the path names them); if it names them, they must agree.
 */
export function parseProposedVersion(
  ref: MatterRef,
  raw: unknown,
  pointerPrefix = '',
  families?: RecordFamilyRegistry,
): { family: AnyRecordFamily; version: MatterVersion } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidInput(invalidMatterVersion, undefined, [
      { pointer: pointerPrefix || '/', detail: { zh: '应为事项版本对象', en: 'a matter version object' } },
    ]);
  }
  const body = raw as Record<string, unknown>;
  const mismatches = (['department', 'matterCode'] as const)
    .filter((field) => body[field] !== undefined && body[field] !== ref[field])
    .map((field) => ({ pointer: `${pointerPrefix}/${field}`, detail: { zh: `应为 ${ref[field]}，与路径一致`, en: `must be ${ref[field]}, as in the path` } }));
  if (mismatches.length > 0) throw new InvalidInput(invalidMatterVersion, undefined, mismatches);
  const parsed = parseMatterVersion({ ...body, department: ref.department, matterCode: ref.matterCode }, families);
  if (!parsed.ok) {
    const unknownKind = parsed.issues.some((issue) => issue.path.length === 1 && issue.path[0] === 'kind');
    throw new InvalidInput(
      unknownKind ? { zh: '未知的记录类别', en: 'Unknown record family' } : invalidMatterVersion,
      undefined,
      fieldErrorsOfVersion(parsed.issues, pointerPrefix),
    );
  }
  return parsed;
}

/** The family's matter of a stored version: version fields and record-keeping removed (strict matter schemas refuse them). */
export function matterOfStoredVersion(stored: StoredMatterVersion): StoredMatter {
  const { recordedAt: _at, recordedBy: _by, ...version } = stored;
  return matterOfVersion(version as MatterVersion) as StoredMatter;
}

/** A department's catalogue: each matter's current item and latest version. */
export async function listCatalogue(
  principal: StaffPrincipal,
  department: string,
  deps: ManageCatalogueDependencies,
): Promise<{ department: string; matters: CatalogueEntry[] }> {
  await visibleDepartment(principal, department, 'catalogue.read', deps);
  return { department, matters: await deps.catalogue.listCatalogue(department) };
}

/** A matter's versions, oldest first, and the one in force today. */
export async function listMatterVersions(
  principal: StaffPrincipal,
  ref: MatterRef,
  deps: ManageCatalogueDependencies,
): Promise<{ department: string; matterCode: string; inForceVersion: number | null; versions: StoredMatterVersion[] }> {
  await visibleDepartment(principal, ref.department, 'catalogue.versions.read', deps);
  const versions = await deps.catalogue.listVersions(ref.department, ref.matterCode);
  if (versions.length === 0 && !(await deps.reference.matter(ref.department, ref.matterCode))) {
    throw new MatterNotFound(
      { zh: '事项不存在', en: 'Matter not found' },
      { zh: `${ref.department} 的事项目录中没有事项 ${ref.matterCode}。`, en: `No matter ${ref.matterCode} in the catalogue of ${ref.department}.` },
    );
  }
  const inForce = matterVersionInForce(versions, shanghaiDate(deps.clock()));
  return { ...ref, inForceVersion: inForce?.version ?? null, versions };
}

/** Records a new version of a matter; see the module comment for the course and the refusals. */
export async function proposeMatterVersion(
  principal: StaffPrincipal,
  ref: MatterRef,
  raw: unknown,
  deps: ManageCatalogueDependencies,
): Promise<StoredMatterVersion> {
  const action = 'catalogue.version.propose';
  await visibleDepartment(principal, ref.department, action, deps);
  requireSupervisor(principal);
  const { version: proposed } = parseProposedVersion(ref, raw, '', deps.families);
  const actor = actorOf(principal);
  const target = `matter:${ref.department}/${ref.matterCode}@v${proposed.version}`;
  const refuse = async (error: Refusal): Promise<never> => {
    await deps.audit.append({ action, outcome: 'refused', actor, target, reason: error.slug });
    throw error;
  };

  const stored = await deps.catalogue.listVersions(ref.department, ref.matterCode);
  const latest = stored.reduce((max, version) => Math.max(max, version.version), 0);
  const storedKind = stored[stored.length - 1]?.kind ?? (await deps.reference.matter(ref.department, ref.matterCode))?.kind;
  if (storedKind !== undefined && storedKind !== proposed.kind) {
    throw new MatterKeepsItsFamily({ zh: '事项不能改变记录类别', en: 'A matter keeps its record family' }, undefined, [
      { pointer: '/kind', detail: { zh: `应为 ${storedKind}，即已存储事项的类别`, en: `must be ${storedKind}, the family of the stored matter` } },
    ]);
  }
  if (proposed.version !== latest + 1) {
    await refuse(
      new MatterVersionChanged(
        { zh: '事项在您读取后已被修改', en: 'The matter changed since you read it' },
        { zh: `最新版本为第 ${latest} 版；新版本应为第 ${latest + 1} 版。`, en: `The latest version is ${latest}; a new version must be ${latest + 1}.` },
      ),
    );
  }
  const overlapping = findOverlappingVersions(stored, proposed);
  if (overlapping.length > 0) {
    await refuse(
      new OverlappingEffectiveDates(
        { zh: '生效日期与已存储的版本重叠', en: 'Effective dates overlap a stored version' },
        {
          zh: `第 ${overlapping.map((v) => `${v.version} 版（${v.effectiveFrom}至${v.effectiveUntil ?? '长期'}）`).join('、')}已在其中部分日期生效。`,
          en: `Versions ${overlapping.map((v) => `${v.version} (${v.effectiveFrom}..${v.effectiveUntil ?? 'open'})`).join(', ')} already apply on some of these days.`,
        },
        [
          {
            pointer: '/effectiveFrom',
            detail: {
              zh: `与第 ${overlapping.map((v) => v.version).join('、')} 版重叠`,
              en: `overlaps version ${overlapping.map((v) => v.version).join(', ')}`,
            },
          },
        ],
      ),
    );
  }

  const version: StoredMatterVersion = { ...proposed, recordedAt: deps.clock().toISOString(), recordedBy: actor };
  const inForceToday = matterVersionInForce([...stored, version], shanghaiDate(deps.clock()));
  const current = inForceToday ? matterOfStoredVersion(inForceToday) : undefined;
  try {
    await deps.catalogue.addVersion({ version, current });
  } catch (error) {
    if (error instanceof VersionChanged) await refuse(error);
    throw error;
  }
  await deps.audit.append({ action, outcome: 'allowed', actor, target });
  return version;
}
