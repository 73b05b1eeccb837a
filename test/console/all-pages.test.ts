/** An export or a chart reads every page of a list, and no more than its cap. */
import { describe, expect, it } from 'vitest';
import { readAllPages, type CursorPage } from '../../console/src/api/all-pages.ts';

/** A list of `total` numbered rows served `size` at a time, the cursor being the next row's index; the cursors asked for are kept. */
function pagedList(total: number, size: number) {
  const asked: (string | undefined)[] = [];
  const readPage = async (cursor: string | undefined): Promise<CursorPage<number>> => {
    asked.push(cursor);
    const start = cursor === undefined ? 0 : Number(cursor);
    const items = Array.from({ length: Math.min(size, total - start) }, (_, index) => start + index);
    return start + size < total ? { items, nextCursor: String(start + size) } : { items };
  };
  return { asked, readPage };
}

describe('reading every page of a list', () => {
  it('follows the cursors from the first page to the last', async () => {
    // Prepare
    const list = pagedList(250, 100);

    // Act
    const read = await readAllPages(list.readPage, 5000);

    // Assess
    expect(read.rows).toEqual(Array.from({ length: 250 }, (_, index) => index));
    expect(read.capped).toBe(false);
    expect(list.asked).toEqual([undefined, '100', '200']);
  });

  it('stops at the cap and says the rows were capped', async () => {
    // Prepare
    const list = pagedList(1000, 100);

    // Act
    const read = await readAllPages(list.readPage, 250);

    // Assess
    expect(read.rows).toHaveLength(250);
    expect(read.rows.at(-1)).toBe(249);
    expect(read).toMatchObject({ capped: true, cap: 250 });
    expect(list.asked).toEqual([undefined, '100', '200']);
  });

  it('reads an empty list as no rows, not capped', async () => {
    // Act
    const read = await readAllPages(pagedList(0, 100).readPage, 100);

    // Assess
    expect(read).toEqual({ rows: [], capped: false, cap: 100 });
  });
});
