import * as z from 'zod';

/** A department's identifier, as registered in the reference data (lower-case slug). */
export const DepartmentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, '应为小写字母、数字和连字符，2 至 63 个字符 / lower-case letters, digits and hyphens, 2-63 characters');
export type DepartmentId = z.infer<typeof DepartmentId>;

/** A jurisdiction: `city` or a district's identifier. */
export const JurisdictionId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, '应为小写字母、数字和连字符，2 至 63 个字符 / lower-case letters, digits and hyphens, 2-63 characters');
export type JurisdictionId = z.infer<typeof JurisdictionId>;

/** The jurisdiction that sees everything. */
export const cityJurisdiction = 'city';

/** A record kind: a built-in family (`licensing`, `penalty`, `publicResourceTrading`, `disclosure`, `onlineService`, `petition`, `investmentProject`, `informationSharing`) or one defined by configuration. */
export const RecordKindName = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]{2,40}$/, '应为记录类别名，如 environmentalInspection / a kind name such as environmentalInspection');

/** A matter code from the department's catalogue (事项目录). */
export const MatterCode = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    '应为字母、数字、点、下划线或连字符，至多 64 个字符 / letters, digits, dot, underscore, hyphen; up to 64 characters',
  );

/** A case identifier assigned by the department's business system. */
export const CaseId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/,
    '应为字母、数字、点、下划线、冒号或连字符，至多 128 个字符 / letters, digits, dot, underscore, colon, hyphen; up to 128 characters',
  );

/** ISO 8601 instant with an explicit offset (`2026-03-02T09:30:00+08:00` or `...Z`). */
export const Instant = z.iso
  .datetime({
    offset: true,
    message: '应为带时区偏移的 ISO 8601 日期时间，如 2026-03-02T09:30:00+08:00 / ISO 8601 date-time with offset, e.g. 2026-03-02T09:30:00+08:00',
  })
  // Administrative acts of this system's lifetime; a year like 9999 is a data error, not a case.
  .refine((value) => /^20\d\d-/.test(value), '应为 2000 年至 2099 年间的日期 / a date between 2000 and 2099');

/** Per-case sequence: the department's order of events within one case. */
export const Sequence = z.number().int().min(1).max(1_000_000_000);

/**
 * A responsible official's staff id (经办人工号): an opaque, pseudonymous identifier the department
 * issues, the same for one person across records; never a national ID number or a phone number.
 */
export const StaffId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    '应为字母、数字、点、下划线或连字符，至多 64 个字符 / letters, digits, dot, underscore, hyphen; up to 64 characters',
  );
export type StaffId = z.infer<typeof StaffId>;

/** A responsible official's name: personal data, stored only with the record that names it. */
export const OfficialName = z
  .string()
  .max(50, '至多 50 个字符 / at most 50 characters')
  .regex(
    /^[^\u0000-\u001f\u007f]*[^\s\u0000-\u001f\u007f][^\u0000-\u001f\u007f]*$/,
    '应为姓名，不含控制字符且不为空白 / a name: not blank, no control characters',
  );

/** The official responsible for the act a record reports (经办人, Art. 18, 24): who the signals on it concern. */
export const ResponsibleOfficial = z.strictObject({ staffId: StaffId, name: OfficialName });
export type ResponsibleOfficial = z.infer<typeof ResponsibleOfficial>;
