/**
 * Every row of a list the API serves in cursor pages, read page after page up to a cap: what an
 * export or a chart needs, where the screen shows one page. The cap keeps a browser from reading
 * an unbounded list; the caller says so when it was reached.
 */

/** A page as the API's list operations answer: the rows and, when more follow, the cursor of the next page. */
export interface CursorPage<Row> {
  readonly items: readonly Row[];
  readonly nextCursor?: string | undefined;
}

export interface RowsRead<Row> {
  readonly rows: readonly Row[];
  /** More rows matched than the cap: `rows` holds the first `cap` of them. */
  readonly capped: boolean;
  readonly cap: number;
}

/** Reads pages from the first (no cursor) until the last or until `cap` rows; `readPage` throws when a page cannot be read. */
export async function readAllPages<Row>(readPage: (cursor: string | undefined) => Promise<CursorPage<Row>>, cap: number): Promise<RowsRead<Row>> {
  const rows: Row[] = [];
  let cursor: string | undefined;
  do {
    const page = await readPage(cursor);
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined && rows.length < cap);
  return { rows: rows.slice(0, cap), capped: rows.length > cap || cursor !== undefined, cap };
}

/** A list the screen already holds whole (one API answer, no pages): all its rows, never capped. */
export const rowsInHand = <Row>(rows: readonly Row[]): Promise<RowsRead<Row>> => Promise.resolve({ rows, capped: false, cap: rows.length });
