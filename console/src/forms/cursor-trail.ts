/**
 * Where a person is in a list the API serves a page at a time: the cursors of the pages read so
 * far (the first page has none) and which of them is shown. Going forward keeps the next page's
 * cursor; going back reuses a known one; a change of filters starts again from the first page.
 */
export interface CursorTrail {
  /** `[undefined, cursor of page 2, ...]`: the cursor each page read so far was asked with. */
  readonly cursors: readonly (string | undefined)[];
  /** The page shown, from 0. */
  readonly index: number;
}

/** The first page, read without a cursor. */
export const firstPage: CursorTrail = { cursors: [undefined], index: 0 };

/** The cursor to ask for the page shown with. */
export const cursorOf = (trail: CursorTrail): string | undefined => trail.cursors[trail.index];

/** The page after the one shown, asked for with `nextCursor` (the cursor the page shown answered); pages beyond it are forgotten. */
export const nextPage = (trail: CursorTrail, nextCursor: string | undefined): CursorTrail => ({
  cursors: [...trail.cursors.slice(0, trail.index + 1), nextCursor],
  index: trail.index + 1,
});

/** The page before the one shown (the first page stays the first). */
export const previousPage = (trail: CursorTrail): CursorTrail => ({ ...trail, index: Math.max(0, trail.index - 1) });
