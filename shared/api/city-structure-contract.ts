/**
 * Wire contract of the city-structure routes (jurisdictions and departments); the OpenAPI
 * document is generated from these schemas. Bodies are strict: `version`, `updatedAt`,
 * `updatedBy` and anything unknown are refused with 400 naming the field. Messages are Chinese
 * first, English second.
 */
import * as z from 'zod';
import { DepartmentFields, JurisdictionFields, jurisdictionKindNames, jurisdictionKinds } from '../domain/city-structure/city-structure.ts';
import { DepartmentId, JurisdictionId } from '../domain/records/identifiers.ts';
import { fieldErrorsFromZod, validationOptions } from '../application/schema-field-errors.ts';
import { invalidRequest, InvalidInput, type FieldError } from '../domain/refusal.ts';
import { InstantView } from './instant-view.ts';

export const cityStructureLimits = { maxBodyBytes: 16 * 1024 } as const;

export const JurisdictionPath = z.strictObject({ jurisdiction: JurisdictionId });
export const DepartmentPath = z.strictObject({ department: DepartmentId });

/** `GET /v1/departments`: optionally one jurisdiction's departments. */
export const ListDepartmentsQuery = z.strictObject({ jurisdiction: JurisdictionId.optional() });

/** The version the administrator read; 0 to create. */
const ExpectedVersion = z
  .number({ error: 'expectedVersion 应为整数：读到的版本，新建为0 / the version read, 0 to create' })
  .int('expectedVersion 应为整数 / an integer')
  .min(0, 'expectedVersion 不能为负 / not negative');

/** `PUT /v1/jurisdictions/{jurisdiction}`: the profile as it should be, and the version read. */
export const JurisdictionBody = z.strictObject({ ...JurisdictionFields.shape, expectedVersion: ExpectedVersion });
export type JurisdictionBody = z.infer<typeof JurisdictionBody>;

/** `PUT /v1/departments/{department}`: the profile as it should be, and the version read. */
export const DepartmentBody = z.strictObject({ ...DepartmentFields.shape, expectedVersion: ExpectedVersion });
export type DepartmentBody = z.infer<typeof DepartmentBody>;

const recordKeepingView = {
  version: z.number().int(),
  updatedAt: InstantView,
  /** `role:subject` of the administrator, or `deployment:<stack>`. */
  updatedBy: z.string(),
};

export const JurisdictionView = z.object({
  jurisdiction: z.string(),
  name: z.string(),
  kind: z.enum(jurisdictionKinds),
  /** The kind in Chinese: 设区的市, 市辖区, 县, 县级市. */
  kindName: z.enum(Object.values(jurisdictionKindNames) as [string, ...string[]]),
  issuingOrgan: z.string(),
  ...recordKeepingView,
  /** What the deployment configuration said when it was last applied; absent if it never listed the jurisdiction. */
  lastAppliedConfiguration: JurisdictionFields.extend({ appliedAt: InstantView }).optional(),
});

export const DepartmentView = z.object({
  department: z.string(),
  name: z.string(),
  jurisdiction: z.string(),
  connectedKinds: z.array(z.string()),
  /** The date its business system was connected (Shanghai); absent: watched since the first connection check that saw it. */
  connectedOn: z.string().optional(),
  ...recordKeepingView,
  /** What the deployment configuration said when it was last applied; absent if it never listed the department. */
  lastAppliedConfiguration: DepartmentFields.extend({ appliedAt: InstantView }).optional(),
});

export const JurisdictionsResponse = z.object({ items: z.array(JurisdictionView) });
export const DepartmentsResponse = z.object({ items: z.array(DepartmentView) });

/**
 * Parses one part of a request of these routes: like `parseInput`, but a refused unknown or
 * server-owned field is named one by one, in Chinese first.
 */
export function parseStructureInput<S extends z.ZodType>(schema: S, value: unknown, pointer: string): z.infer<S> {
  const parsed = schema.safeParse(value, validationOptions);
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = parsed.error.issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return fieldErrorsFromZod(new z.ZodError([issue]), pointer);
    const at = issue.path.map((segment) => `/${String(segment)}`).join('');
    return issue.keys.map((key) => ({
      pointer: `${pointer}${at}/${key}`,
      detail: { zh: `不允许的字段（未知或由服务器维护）：${key}`, en: `field not allowed (unknown or server-owned): ${key}` },
    }));
  });
  throw new InvalidInput(invalidRequest, undefined, errors.slice(0, 20));
}
