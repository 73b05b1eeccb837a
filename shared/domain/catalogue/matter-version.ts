/**
 * Versioned catalogue matters (Art. 17, 25): catalogues change every year, and a case is judged by
 * the matter version in force when the case started. A version is the family's matter plus a
 * version number and the dates it is in force, as Asia/Shanghai calendar dates.
 *
 * Effective ranges: a version runs from `effectiveFrom` to `effectiveUntil` (both inclusive);
 * a version without `effectiveUntil` runs until the day before any later version starts, so the
 * usual yearly change needs no edit of the previous version.
 */
import * as z from 'zod';
import type { Bilingual } from '../bilingual.ts';
import { epochDayOf, type LocalDate } from '../calendar/local-date.ts';
import { builtInFamilies, type AnyRecordFamily, type RecordFamilyRegistry } from '../records/record-families.ts';
import type { MatterBase } from '../records/record-family.ts';

/** A real calendar date, `YYYY-MM-DD`, between 2000 and 2099 (the system's lifetime). */
export const LocalDateText = z
  .string()
  .regex(/^20\d\d-\d\d-\d\d$/, '应为 2000 年至 2099 年间的日历日期 YYYY-MM-DD / a calendar date YYYY-MM-DD between 2000 and 2099')
  .refine((text) => {
    try {
      epochDayOf(text);
      return true;
    } catch {
      return false;
    }
  }, 'not a real calendar date');

/** The fields a version adds to its family's matter. */
export const MatterVersionFields = z
  .object({
    /** 1, 2, 3, … per matter, dense: a new version is always the latest plus one. */
    version: z.number().int().min(1).max(1_000_000),
    effectiveFrom: LocalDateText,
    effectiveUntil: LocalDateText.optional(),
  })
  .refine((fields) => fields.effectiveUntil === undefined || fields.effectiveUntil >= fields.effectiveFrom, {
    path: ['effectiveUntil'],
    message: '不能早于 effectiveFrom / must not be before effectiveFrom',
  });
export type MatterVersionFields = z.infer<typeof MatterVersionFields>;

/** Names of the version fields, kept apart from the family's matter (whose schema may be strict). */
export const matterVersionFieldNames = ['version', 'effectiveFrom', 'effectiveUntil'] as const;

/** A matter of any family with the dates it is in force. */
export type MatterVersion<Matter extends MatterBase = MatterBase & Readonly<Record<string, unknown>>> = Matter & {
  readonly version: number;
  readonly effectiveFrom: LocalDate;
  readonly effectiveUntil?: LocalDate;
};

/** A problem with a proposed version, as a path into the proposal and the rule broken. */
export interface MatterVersionIssue {
  readonly path: readonly (string | number)[];
  /** In English, for operators' tools. */
  readonly message: string;
  /** What a person is told: Chinese first. */
  readonly words: Bilingual;
  /** The schema's issue behind it, with its input, so it can be worded in another language. */
  readonly schemaIssue?: z.core.$ZodIssue;
}

export type MatterVersionParse =
  | { readonly ok: true; readonly family: AnyRecordFamily; readonly version: MatterVersion }
  | { readonly ok: false; readonly issues: readonly MatterVersionIssue[] };

/** Splits a raw version into its version fields and the family's matter. */
export function splitMatterVersion(raw: Readonly<Record<string, unknown>>): { fields: Record<string, unknown>; matter: Record<string, unknown> } {
  const fields: Record<string, unknown> = {};
  const matter: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    if ((matterVersionFieldNames as readonly string[]).includes(name)) fields[name] = value;
    else matter[name] = value;
  }
  return { fields, matter };
}

/**
 * Validates a proposed version: its `kind` names a record family, the family's matter schema
 * accepts the matter (defaults applied), and the dates are real and in order. Every issue is
 * reported, each with the path of the field.
 */
export function parseMatterVersion(raw: unknown, families: RecordFamilyRegistry = builtInFamilies): MatterVersionParse {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, issues: [{ path: [], message: 'a matter version object', words: { zh: '应为事项版本对象', en: 'a matter version object' } }] };
  }
  const { fields, matter } = splitMatterVersion(raw as Record<string, unknown>);
  const family = families.familyOf(matter['kind']);
  if (!family)
    return {
      ok: false,
      issues: [{ path: ['kind'], message: 'not a known record family', words: { zh: '不是已知的记录类别', en: 'not a known record family' } }],
    };
  const parsedFields = MatterVersionFields.safeParse(fields, { reportInput: true });
  const parsedMatter = family.matterSchema.safeParse(matter, { reportInput: true });
  const fieldNames = matterFieldNames(family.matterSchema);
  const issues = [...(parsedFields.success ? [] : parsedFields.error.issues), ...(parsedMatter.success ? [] : parsedMatter.error.issues)].map(
    (issue): MatterVersionIssue => {
      if (issue.code !== 'unrecognized_keys')
        return { path: issue.path.map(pathSegment), message: issue.message, words: { zh: issue.message, en: issue.message }, schemaIssue: issue };
      const path = [...issue.path.map(pathSegment), ...issue.keys.slice(0, 1)];
      const unit = wrongUnit(issue.keys[0] ?? '', fieldNames);
      if (unit !== undefined) return { path, message: unit.en, words: unit };
      return {
        path,
        message: `field not allowed: ${issue.keys.join(', ')}`,
        words: { zh: `不允许的字段：${issue.keys.join('、')}`, en: `field not allowed: ${issue.keys.join(', ')}` },
      };
    },
  );
  if (!parsedFields.success || !parsedMatter.success) return { ok: false, issues };
  const { effectiveUntil, ...rest } = parsedFields.data;
  const version = { ...(parsedMatter.data as MatterBase), ...rest, ...(effectiveUntil === undefined ? {} : { effectiveUntil }) } as MatterVersion;
  return { ok: true, family, version };
}

/** The fields a family's matter schema declares (its object shape), or none when it is not an object schema. */
function matterFieldNames(schema: unknown): ReadonlySet<string> {
  const shape = (schema as { shape?: unknown }).shape;
  return new Set(shape !== null && typeof shape === 'object' ? Object.keys(shape) : []);
}

/**
 * A limit named in the other unit than its law counts it in: `handlingWorkingDays` where the law
 * says 日 and the matter has `handlingDays`, or `replyDays` where the law says 工作日 and the matter
 * has `replyWorkingDays`. The refusal names the unit the law uses, so the field is not simply
 * renamed with the same figure.
 */
function wrongUnit(key: string, fields: ReadonlySet<string>): Bilingual | undefined {
  const inDays = key.endsWith('WorkingDays') ? [`${key.slice(0, -'WorkingDays'.length)}Days`, `${key.slice(0, -'WorkingDays'.length)}CalendarDays`] : [];
  const base = key.endsWith('CalendarDays') ? key.slice(0, -'CalendarDays'.length) : key.endsWith('Days') ? key.slice(0, -'Days'.length) : undefined;
  const inWorkingDays = base === undefined || key.endsWith('WorkingDays') ? [] : [`${base}WorkingDays`];
  const days = inDays.find((name) => fields.has(name));
  if (days !== undefined)
    return {
      zh: `该期限依法按日计算，不按工作日计算：应使用字段 ${days}`,
      en: `the law counts this limit in days (日), not working days: use ${days}`,
    };
  const workingDays = inWorkingDays.find((name) => fields.has(name));
  if (workingDays !== undefined)
    return {
      zh: `该期限依法按工作日计算，不按日计算：应使用字段 ${workingDays}`,
      en: `the law counts this limit in working days (工作日), not days: use ${workingDays}`,
    };
  return undefined;
}

function pathSegment(segment: PropertyKey): string | number {
  return typeof segment === 'number' ? segment : String(segment);
}

/** The family's matter of a version: the version fields removed (strict matter schemas refuse them). */
export function matterOfVersion<M extends MatterBase>(version: MatterVersion<M>): M {
  return splitMatterVersion(version as unknown as Readonly<Record<string, unknown>>).matter as unknown as M;
}
