/**
 * A catalogue file (事项目录): the matters of each department as they should be in force, each
 * checked by its family's matter schema — the same `parseMatterVersion` the catalogue API runs —
 * before anything is sent. Every problem is reported with its path in the file.
 *
 * ```json
 * { "departments": [ { "department": "haishu-housing", "matters": [
 *     { "matterCode": "construction-permit", "kind": "licensing", "name": "建筑工程施工许可",
 *       "promisedWorkingDays": 10, "legalBasis": "…", "effectiveFrom": "2026-01-01" } ] } ] }
 * ```
 *
 * A matter carries its family's fields and `effectiveFrom` (and optionally `effectiveUntil`), the
 * Asia/Shanghai date from which this content is in force. It names no `department` (its group
 * does) and no `version`: the loader assigns the next version from what is stored.
 */
import * as z from 'zod';
import { parseMatterVersion, type MatterVersion } from '#shared/domain/catalogue/matter-version.ts';
import { DepartmentId } from '#shared/domain/records/identifiers.ts';
import { builtInFamilies, type RecordFamilyRegistry } from '#shared/domain/records/record-families.ts';

/** A problem of the file, with the path of the field (`departments[0].matters[2].promisedWorkingDays`). */
export interface CatalogueFileProblem {
  readonly path: string;
  readonly message: string;
}

/** A matter of the file as it should be in force: its family's matter (defaults applied) and its dates. */
export interface PlannedMatter {
  readonly department: string;
  readonly matterCode: string;
  /** The validated content, with `version` left out (the loader assigns it). */
  readonly content: Omit<MatterVersion, 'version'>;
  /** Where it is in the file, for reports. */
  readonly path: string;
}

export type CatalogueFileCheck =
  { readonly ok: true; readonly matters: readonly PlannedMatter[] } | { readonly ok: false; readonly problems: readonly CatalogueFileProblem[] };

const FileShape = z.strictObject({
  /** For people reading the file; not loaded. */
  description: z.string().optional(),
  departments: z
    .array(
      z.strictObject({
        department: DepartmentId,
        matters: z.array(z.record(z.string(), z.unknown()), { error: 'a list of matter objects' }).min(1, 'at least one matter'),
      }),
    )
    .min(1, 'at least one department'),
});

/** `['departments', 0, 'matters', 2, 'name']` → `departments[0].matters[2].name`. */
export const pathText = (path: readonly PropertyKey[]): string =>
  path.length === 0
    ? '(file)'
    : path
        .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
        .join('')
        .replace(/^\./, '');

/** The kinds a file names that `families` does not know (configured kinds to look up first). */
export function unknownKinds(raw: unknown, families: RecordFamilyRegistry = builtInFamilies): string[] {
  const parsed = FileShape.safeParse(raw);
  if (!parsed.success) return [];
  const kinds = parsed.data.departments.flatMap((group) => group.matters.map((matter) => matter['kind']));
  return [...new Set(kinds.filter((kind): kind is string => typeof kind === 'string' && families.familyOf(kind) === undefined))];
}

/**
 * Checks a parsed catalogue file: its shape, each matter against its family's schema and the
 * version-date rules, no department listed twice, no matter listed twice in a department, and no
 * `department` or `version` field inside a matter. Reports every problem; plans nothing unless
 * there is none.
 */
export function checkCatalogueFile(raw: unknown, families: RecordFamilyRegistry = builtInFamilies): CatalogueFileCheck {
  const shape = FileShape.safeParse(raw);
  if (!shape.success) {
    return {
      ok: false,
      problems: shape.error.issues.map((issue) =>
        issue.code === 'unrecognized_keys'
          ? { path: pathText([...issue.path, issue.keys[0] ?? '']), message: `field not allowed: ${issue.keys.join(', ')}` }
          : { path: pathText(issue.path), message: issue.message },
      ),
    };
  }
  const problems: CatalogueFileProblem[] = [];
  const matters: PlannedMatter[] = [];
  const departments = new Set<string>();
  shape.data.departments.forEach((group, groupIndex) => {
    if (departments.has(group.department)) {
      problems.push({
        path: pathText(['departments', groupIndex, 'department']),
        message: `department ${group.department} is listed twice; list all its matters in one entry`,
      });
    }
    departments.add(group.department);
    const codes = new Set<string>();
    group.matters.forEach((entry, matterIndex) => {
      const at = (...rest: PropertyKey[]) => pathText(['departments', groupIndex, 'matters', matterIndex, ...rest]);
      if ('department' in entry) problems.push({ path: at('department'), message: 'not allowed here: the matter belongs to the department of its entry' });
      if ('version' in entry) problems.push({ path: at('version'), message: 'not allowed: the loader assigns the next version from what is stored' });
      const parsed = parseMatterVersion({ ...entry, department: group.department, version: 1 }, families);
      if (!parsed.ok) {
        for (const issue of parsed.issues) problems.push({ path: at(...issue.path), message: issue.message });
        return;
      }
      const { version: _version, ...content } = parsed.version;
      if (codes.has(content.matterCode)) {
        problems.push({ path: at('matterCode'), message: `matter ${content.matterCode} is listed twice for ${group.department}` });
        return;
      }
      codes.add(content.matterCode);
      matters.push({ department: group.department, matterCode: content.matterCode, content, path: at() });
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, matters };
}
