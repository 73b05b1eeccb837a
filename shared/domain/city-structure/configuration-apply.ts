/**
 * How the deployment configuration's structure is applied to what is stored, entry by entry
 * (jurisdictions and departments alike). The configuration seeds and updates the entries it
 * lists, and never deletes one; a change made through the console survives every redeploy that
 * does not change that field in the configuration:
 *
 * - an entry not stored yet is created with the configuration's fields;
 * - an entry stored but never listed by the configuration before (created through the console)
 *   is adopted: the configuration's fields are written;
 * - otherwise only the fields whose configured value changed since the configuration was last
 *   applied are written; a field the configuration did not change keeps its stored value, even
 *   when an administrator changed it since;
 * - the configured fields are recorded with each write, as what was last applied.
 */

/** Fields of a profile: text or lists of text; an optional one may be absent. */
export type ProfileFieldValues = Readonly<Record<string, string | readonly string[] | undefined>>;

/** What is stored of one entry, as far as applying needs it. */
export interface StoredForApply<Fields extends ProfileFieldValues> {
  readonly fields: Fields;
  readonly version: number;
  /** What the configuration said when it was last applied; absent if it never listed the entry. */
  readonly applied?: Fields;
}

/** What applying the configured fields does to one entry. */
export type ApplyDecision<Fields extends ProfileFieldValues> =
  | { readonly action: 'create'; readonly fields: Fields }
  | {
      readonly action: 'update';
      readonly fields: Fields;
      /** Fields whose stored value changes (may be none: only the record of what was applied changes). */
      readonly changed: readonly (keyof Fields & string)[];
      /** The stored version this write must replace. */
      readonly expectedVersion: number;
    }
  | { readonly action: 'unchanged' };

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Decides what applying `configured` to one stored entry (or none) does; see the module comment. */
export function decideApply<Fields extends ProfileFieldValues>(
  configured: Fields,
  stored: StoredForApply<Fields> | undefined,
  fieldNames: readonly (keyof Fields & string)[],
): ApplyDecision<Fields> {
  if (stored === undefined) return { action: 'create', fields: pick(configured, fieldNames) };
  const applied = stored.applied;
  const configurationChanged = applied === undefined ? fieldNames : fieldNames.filter((name) => !sameValue(configured[name], applied[name]));
  if (configurationChanged.length === 0) return { action: 'unchanged' };
  const fields = Object.fromEntries(
    fieldNames.map((name) => [name, configurationChanged.includes(name) ? configured[name] : stored.fields[name]]),
  ) as unknown as Fields;
  const changed = fieldNames.filter((name) => !sameValue(fields[name], stored.fields[name]));
  return { action: 'update', fields, changed, expectedVersion: stored.version };
}

function pick<Fields extends ProfileFieldValues>(fields: Fields, names: readonly (keyof Fields & string)[]): Fields {
  return Object.fromEntries(names.map((name) => [name, fields[name]])) as unknown as Fields;
}
