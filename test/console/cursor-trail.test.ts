/** Paging a list on and back with the API's cursor: each page is asked for with the cursor it was reached by. */
import { describe, expect, it } from 'vitest';
import { cursorOf, firstPage, nextPage, previousPage } from '../../console/src/forms/cursor-trail.ts';

describe('paging a list with the cursor of each page', () => {
  it('asks for the first page without a cursor', () => {
    // Assess
    expect(cursorOf(firstPage)).toBeUndefined();
    expect(firstPage.index).toBe(0);
  });

  it('asks for the next page with the cursor the page shown answered', () => {
    // Act
    const second = nextPage(firstPage, 'c2');
    const third = nextPage(second, 'c3');

    // Assess
    expect(second).toEqual({ cursors: [undefined, 'c2'], index: 1 });
    expect(cursorOf(third)).toBe('c3');
    expect(third.index).toBe(2);
  });

  it('goes back with the cursors already known, and stays on the first page there', () => {
    // Prepare
    const third = nextPage(nextPage(firstPage, 'c2'), 'c3');

    // Act
    const second = previousPage(third);
    const first = previousPage(previousPage(second));

    // Assess
    expect(cursorOf(second)).toBe('c2');
    expect(cursorOf(first)).toBeUndefined();
    expect(first.index).toBe(0);
  });

  it('forgets the pages beyond when it goes on again from an earlier page', () => {
    // Prepare: pages 1 to 3 read, then back to page 1.
    const backToFirst = previousPage(previousPage(nextPage(nextPage(firstPage, 'c2'), 'c3')));

    // Act: the list changed meanwhile and page 1 now answers another cursor.
    const second = nextPage(backToFirst, 'c2-new');

    // Assess
    expect(second).toEqual({ cursors: [undefined, 'c2-new'], index: 1 });
  });
});
