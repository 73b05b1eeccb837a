/**
 * The city's structure (Art. 4: graded management by administrative level): the city, its
 * districts, counties and county-level cities (县（市）区), each with the supervisory organ that
 * issues its written notices, and the departments each supervises, with the record kinds their
 * business systems are connected for. It is data, not code: the deployment configuration seeds
 * it, a system administrator changes it through the console, and everything that needs a
 * jurisdiction's name or organ reads it from the `reference` table.
 *
 * Messages are Chinese first, English second: operators and administrators read them.
 */
import * as z from 'zod';
import { cityJurisdiction, DepartmentId, JurisdictionId, RecordKindName } from '../records/identifiers.ts';
import { CalendarDate } from '../calendar/calendar-overlay.ts';

/** The levels below the city are 区 (district), 县 (county) and 县级市 (county-level city); the city is one of its own. */
export const jurisdictionKinds = ['city', 'district', 'county', 'countyLevelCity'] as const;
export type JurisdictionKind = (typeof jurisdictionKinds)[number];

/** Chinese names of the kinds, as a reader sees them. */
export const jurisdictionKindNames: Readonly<Record<JurisdictionKind, string>> = {
  city: '设区的市',
  district: '市辖区',
  county: '县',
  countyLevelCity: '县级市',
};

/** Printable text of a bounded length: no control characters, not blank. */
const text = (what: string, english: string, max: number) =>
  z
    .string({ error: `${what}应为文本 / ${english} must be text` })
    .trim()
    .min(2, `${what}至少2个字符 / ${english}: at least 2 characters`)
    .max(max, `${what}最多${max}个字符 / ${english}: at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, `${what}不能含控制字符 / ${english}: no control characters`);

/** A jurisdiction's or department's Chinese name, e.g. 海曙区, 宁波市市场监督管理局. */
export const ProfileName = text('名称', 'name', 60);

/** The supervisory organ that issues written notices (落款), e.g. 宁波市海曙区监察委员会. */
export const OrganName = text('出具机关', 'issuing organ', 60);

/** The record kinds a department's business system is connected for; each at most once. */
export const ConnectedKinds = z
  .array(RecordKindName, { error: '接入的记录种类应为列表 / connectedKinds must be a list' })
  .max(50, '接入的记录种类最多50个 / at most 50 connected kinds')
  .refine((kinds) => new Set(kinds).size === kinds.length, '接入的记录种类不能重复 / each kind at most once');

/** The first day the Measures were in force (2012-02-01): no department was connected to the system before. */
export const earliestConnectionDate = '2012-02-01';

/**
 * The date (Shanghai) a department's business system was connected: its connected kinds must
 * produce records from then on (Art. 10, 24(3)). Optional: a department stored before connection
 * dates existed is watched from the first connection check that sees it.
 */
export const ConnectedOn = CalendarDate.refine(
  (date) => date >= earliestConnectionDate,
  `接入日期不能早于《办法》施行之日 ${earliestConnectionDate} / connectedOn: not before ${earliestConnectionDate}, when the Measures came into force`,
);

/** What a jurisdiction profile says besides its id: set by the configuration or an administrator. */
export const JurisdictionFields = z.object({
  name: ProfileName,
  kind: z.enum(jurisdictionKinds, { error: `级别应为 ${jurisdictionKinds.join('、')} 之一 / kind: one of ${jurisdictionKinds.join(', ')}` }),
  issuingOrgan: OrganName,
});
export type JurisdictionFields = z.infer<typeof JurisdictionFields>;

/** What a department profile says besides its id. */
export const DepartmentFields = z.object({
  name: ProfileName,
  jurisdiction: JurisdictionId,
  connectedKinds: ConnectedKinds,
  connectedOn: ConnectedOn.optional(),
});
export type DepartmentFields = z.infer<typeof DepartmentFields>;

/** The names of the fields each profile carries, in a fixed order (what is compared and recorded). */
export const jurisdictionFieldNames = ['name', 'kind', 'issuingOrgan'] as const satisfies readonly (keyof JurisdictionFields)[];
export const departmentFieldNames = ['name', 'jurisdiction', 'connectedKinds', 'connectedOn'] as const satisfies readonly (keyof DepartmentFields)[];

/** A jurisdiction as the structure lists it. */
export type JurisdictionEntry = JurisdictionFields & { readonly jurisdiction: string };
/** A department as the structure lists it. */
export type DepartmentEntry = DepartmentFields & { readonly department: string };

/** The rule that only the city is of kind `city`, and the city is. */
export function kindRuleBroken(jurisdiction: string, kind: JurisdictionKind): string | undefined {
  if (jurisdiction === cityJurisdiction && kind !== 'city')
    return `辖区 ${cityJurisdiction} 是市本级，级别应为 city / the ${cityJurisdiction} jurisdiction is of kind city`;
  if (jurisdiction !== cityJurisdiction && kind === 'city')
    return `只有 ${cityJurisdiction} 是市本级，级别应为区、县或县级市 / only ${cityJurisdiction} is of kind city; use district, county or countyLevelCity`;
  return undefined;
}

/**
 * The structure a deployment applies, as CloudFormation hands it to the `apply-city-structure`
 * function (custom resource properties): every jurisdiction, the city included, and every
 * department. CloudFormation may drop an empty list, so `connectedKinds` defaults to none.
 */
export const CityStructure = z
  .strictObject({
    jurisdictions: z.array(z.strictObject({ jurisdiction: JurisdictionId, ...JurisdictionFields.shape })).min(1),
    departments: z.array(z.strictObject({ department: DepartmentId, ...DepartmentFields.shape, connectedKinds: ConnectedKinds.default([]) })).default([]),
  })
  .superRefine((structure, context) => {
    const jurisdictions = new Set<string>();
    structure.jurisdictions.forEach((entry, index) => {
      if (jurisdictions.has(entry.jurisdiction)) {
        context.addIssue({
          code: 'custom',
          path: ['jurisdictions', index, 'jurisdiction'],
          message: `辖区 ${entry.jurisdiction} 重复 / duplicate jurisdiction ${entry.jurisdiction}`,
        });
      }
      jurisdictions.add(entry.jurisdiction);
      const broken = kindRuleBroken(entry.jurisdiction, entry.kind);
      if (broken) context.addIssue({ code: 'custom', path: ['jurisdictions', index, 'kind'], message: broken });
    });
    if (!jurisdictions.has(cityJurisdiction)) {
      context.addIssue({
        code: 'custom',
        path: ['jurisdictions'],
        message: `缺少市本级辖区 ${cityJurisdiction} / the ${cityJurisdiction} jurisdiction is missing`,
      });
    }
    const departments = new Set<string>();
    structure.departments.forEach((entry, index) => {
      if (departments.has(entry.department)) {
        context.addIssue({
          code: 'custom',
          path: ['departments', index, 'department'],
          message: `部门 ${entry.department} 重复 / duplicate department ${entry.department}`,
        });
      }
      departments.add(entry.department);
      if (!jurisdictions.has(entry.jurisdiction)) {
        context.addIssue({
          code: 'custom',
          path: ['departments', index, 'jurisdiction'],
          message: `辖区 ${entry.jurisdiction} 不在所列辖区中 / ${entry.jurisdiction} is not a listed jurisdiction`,
        });
      }
    });
  });
export type CityStructure = z.infer<typeof CityStructure>;

/** Who changed a profile, when, and its optimistic-concurrency version (1 when created, +1 on each change). */
export interface ProfileRecordKeeping<Fields> {
  readonly version: number;
  readonly updatedAt: string;
  /** `role:subject` of the administrator, or `deployment:<stack>` when the configuration applied it. */
  readonly updatedBy: string;
  /** What the deployment configuration said of this entry the last time it was applied; absent if it never listed it. */
  readonly applied?: Fields & { readonly appliedAt: string };
}

/** A jurisdiction profile as stored. */
export type StoredJurisdiction = JurisdictionEntry & ProfileRecordKeeping<JurisdictionFields>;
/** A department profile as stored. */
export type StoredDepartment = DepartmentEntry & ProfileRecordKeeping<DepartmentFields>;
