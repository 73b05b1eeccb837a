/**
 * The earliest of ISO instants, or null for none. Stored due times are written by
 * `Date.toISOString()`, so they compare as text, as the due-time index queries already do.
 */
export const earliestOf = (instants: readonly string[]): string | null =>
  instants.reduce<string | null>((earliest, instant) => (earliest === null || instant < earliest ? instant : earliest), null);
