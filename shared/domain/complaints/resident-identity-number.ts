/**
 * Resident identity numbers (公民身份号码, GB 11643-1999): 18 characters, 17 digits and a check
 * character (a digit or X) computed from them (ISO 7064 MOD 11-2). Normalised before it is hashed
 * for lookups, so `11010519491231002x` and ` 110105 19491231 002X ` are the same person.
 */
import { epochDayOf } from '../calendar/local-date.ts';

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkCharacters = '10X98765432';

/** The check character of the first 17 digits. */
export function identityCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return checkCharacters[sum % 11]!;
}

/** Why a text is not a resident identity number (`中文 / English`, read by residents); undefined when it is one. */
export function identityNumberProblem(normalised: string): string | undefined {
  if (!/^\d{17}[\dX]$/.test(normalised))
    return '应为 18 位公民身份号码（17 位数字加一位数字或 X） / an 18-character resident identity number (17 digits and a digit or X)';
  const birth = `${normalised.slice(6, 10)}-${normalised.slice(10, 12)}-${normalised.slice(12, 14)}`;
  try {
    epochDayOf(birth);
  } catch {
    return '身份证号码中的出生日期不存在 / the birth date in the identity number is not a calendar date';
  }
  if (normalised[0] === '0') return '身份证号码的地区码无效 / the identity number has no valid region code';
  if (identityCheckCharacter(normalised.slice(0, 17)) !== normalised[17])
    return '身份证号码校验位不符，请核对 / the identity number check character does not match';
  return undefined;
}

/** Upper-cases the check character and drops spaces; does not validate. */
export function normaliseIdentityNumber(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** The value hashed for lookups: `idNumber:<normalised>`. */
export const identityLookupValue = (normalised: string): string => `idNumber:${normalised}`;
