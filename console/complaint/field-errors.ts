/**
 * Field errors of a 400 problem body, placed beside their fields: each `errors[].pointer` (a JSON
 * pointer into the request) belongs to the field it names or to the nearest field above it
 * (`/complainant/phone` → `complainant.phone`, `/case/caseId` → `case`). What names no field the
 * form shows goes above the form, so nothing the API said is lost.
 */
import type { FieldError } from './complaint-api';

/** The messages per form field, and those that belong to no field of the form. */
export interface PlacedErrors {
  readonly byField: Readonly<Record<string, readonly string[]>>;
  readonly unplaced: readonly string[];
}

export const noErrors: PlacedErrors = { byField: {}, unplaced: [] };

const segmentsOf = (pointer: string): string[] =>
  pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));

/** Places each error at the deepest of `fields` (dotted paths) its pointer falls under. */
export function placeFieldErrors(errors: readonly FieldError[], fields: readonly string[]): PlacedErrors {
  const byField: Record<string, string[]> = {};
  const unplaced: string[] = [];
  for (const error of errors) {
    const segments = segmentsOf(error.pointer);
    let field: string | undefined;
    for (let length = segments.length; length > 0 && field === undefined; length -= 1) {
      const candidate = segments.slice(0, length).join('.');
      if (fields.includes(candidate)) field = candidate;
    }
    if (field === undefined) unplaced.push(error.detail);
    else (byField[field] ??= []).push(error.detail);
  }
  return { byField, unplaced };
}
