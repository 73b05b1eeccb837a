/**
 * The person behind a real-name complaint, and how staff see them. Supervisors see a masked
 * form (张*, 138****5678) unless they reveal the identity for a stated purpose; the department a
 * complaint concerns never sees it unless the complainant agreed (Art. 19, see
 * `shared/access/complaint-scope.ts`).
 */

/** A complainant's identity and contact details, as given (normalised) at intake. */
export interface Complainant {
  readonly name: string;
  /** Normalised resident identity number (18 characters). */
  readonly idNumber?: string;
  /** Digits only. */
  readonly phone: string;
  readonly address?: string;
  readonly email?: string;
}

export const complainantFields = ['name', 'idNumber', 'phone', 'address', 'email'] as const;
export type ComplainantField = (typeof complainantFields)[number];

const star = (count: number): string => '*'.repeat(Math.max(count, 1));

/** `张三` → `张*`, `欧阳娜娜` → `欧***`: the first character and a star for each other one. */
export function maskName(name: string): string {
  const characters = [...name];
  return characters.length <= 1 ? '*' : `${characters[0]}${star(characters.length - 1)}`;
}

/** `13812345678` → `138****5678`; a landline keeps its first three and last four digits too. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return star(phone.length);
  return `${phone.slice(0, 3)}${star(phone.length - 7)}${phone.slice(-4)}`;
}

/** `330203199001011234` → `3302**********1234`. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return star(idNumber.length);
  return `${idNumber.slice(0, 4)}${star(idNumber.length - 8)}${idNumber.slice(-4)}`;
}

/** The first three characters and `****`: the district or street shows, the door does not. */
export function maskAddress(address: string): string {
  const characters = [...address];
  return `${characters.slice(0, Math.min(3, characters.length - 1)).join('')}****`;
}

/** `li.lei@example.cn` → `l***@example.cn`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** The masked form supervisors see by default. */
export function maskedComplainant(complainant: Complainant): Complainant {
  return {
    name: maskName(complainant.name),
    ...(complainant.idNumber === undefined ? {} : { idNumber: maskIdNumber(complainant.idNumber) }),
    phone: maskPhone(complainant.phone),
    ...(complainant.address === undefined ? {} : { address: maskAddress(complainant.address) }),
    ...(complainant.email === undefined ? {} : { email: maskEmail(complainant.email) }),
  };
}

/** Reads the complainant back from opened sealed fields (which also hold the complaint's content). */
export function complainantFromFields(fields: Readonly<Record<string, string>>): Complainant | undefined {
  const name = fields['name'];
  const phone = fields['phone'];
  if (name === undefined || phone === undefined) return undefined;
  const optional = (field: ComplainantField) => (fields[field] === undefined ? {} : { [field]: fields[field] });
  return { name, phone, ...optional('idNumber'), ...optional('address'), ...optional('email') };
}
