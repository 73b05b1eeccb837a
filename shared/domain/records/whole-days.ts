/**
 * Non-negative whole days from catalogue configuration: a fraction is cut, and a negative or
 * non-finite figure (a matter that skipped its schema) counts as none.
 */
export function wholeDays(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
