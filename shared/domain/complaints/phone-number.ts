/**
 * Complainants' phone numbers, normalised to digits before they are sealed and hashed: a
 * mainland mobile number (11 digits, `1[3-9]…`) or a landline with its area code (`0` + 2–3
 * digits + 7–8 digits). A `+86`/`0086` prefix, spaces, hyphens and brackets are dropped.
 */

export type PhoneKind = 'mobile' | 'landline';

/** Digits only, without the country code. */
export function normalisePhoneNumber(text: string): string {
  let digits = text.replace(/[\s\-()（）]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (/^861[3-9]\d{9}$/.test(digits)) digits = digits.slice(2);
  return digits;
}

/** The kind of a normalised number, or undefined when it is neither. */
export function phoneKindOf(normalised: string): PhoneKind | undefined {
  if (/^1[3-9]\d{9}$/.test(normalised)) return 'mobile';
  if (/^0[1-9]\d{1,2}\d{7,8}$/.test(normalised) && normalised.length >= 10 && normalised.length <= 12) return 'landline';
  return undefined;
}

/** The value hashed for lookups: `phone:<digits>`. */
export const phoneLookupValue = (normalised: string): string => `phone:${normalised}`;
