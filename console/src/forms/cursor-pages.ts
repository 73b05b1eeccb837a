/**
 * A list the API serves a page at a time with a cursor, as a screen shows it: the page shown, read
 * again when the reading changes (its filters) or the person pages on or back; the latest reading
 * wins over an earlier one still in flight; a page that cannot be read leaves the last one shown
 * and says why. `CursorPagedTable` shows it as a table with 上一页 / 下一页 under it.
 */
import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiAnswer, ProblemBody } from './api-answers';
import type { CursorPagerProps } from './cursor-pager';
import { cursorOf, firstPage, nextPage, previousPage } from './cursor-trail';
import { useLatestReading } from './latest-reading';

/** Why the last page asked for could not be read: the HTTP status and the problem body, when there was one. */
export interface PageReadFailure {
  readonly status: number;
  readonly problem: ProblemBody | undefined;
}

export interface CursorPagesOptions<Page> {
  /** The error message a failed reading shows, from the problem's title; none when absent (the screen shows `failure` itself). */
  readonly readFailed?: (title: string | undefined) => string;
  /** The cursor of the page after `page`: the API's `nextCursor` unless said otherwise. */
  readonly nextCursorOf?: (page: Page) => string | undefined;
}

export interface CursorPages<Page> {
  /** The page shown: the last one read (kept while the next is read and when a reading fails); none before the first answer. */
  readonly page: Page | undefined;
  readonly loading: boolean;
  /** Why the last reading failed; none once a reading succeeds. */
  readonly failure: PageReadFailure | undefined;
  /** What `CursorPager` needs: the page number and the 上一页 / 下一页 steps. */
  readonly pager: CursorPagerProps;
  /** Reads the page shown again (刷新, or after a step changed what it lists). */
  readonly reload: () => Promise<void>;
  /** Back to the first page: to be called with a change of filters. */
  readonly restart: () => void;
  /** Changes the page shown in place, e.g. a row as the API answered a step on it. */
  readonly update: (change: (page: Page) => Page) => void;
}

const apiNextCursor = (page: unknown): string | undefined => (page as { readonly nextCursor?: string | undefined }).nextCursor;

/**
 * Reads the page shown with `read(cursor)` — again whenever `read` changes (keep it in a
 * `useCallback` over the filters) or the person pages; `restart()` goes back to the first page.
 */
export function useCursorPages<Page>(
  read: (cursor: string | undefined) => Promise<ApiAnswer<Page>>,
  options: CursorPagesOptions<Page> = {},
): CursorPages<Page> {
  const { message } = App.useApp();
  const [trail, setTrail] = useState(firstPage);
  const [page, setPage] = useState<Page | undefined>();
  const [failure, setFailure] = useState<PageReadFailure | undefined>();
  const [loading, setLoading] = useState(false);
  // The options as last rendered: new functions on every render, not a reason to read again.
  const latestOptions = useRef(options);
  latestOptions.current = options;

  const startReading = useLatestReading();
  const reload = useCallback(async () => {
    const isLatest = startReading();
    setLoading(true);
    try {
      const answer = await read(cursorOf(trail));
      if (!isLatest()) return;
      if (answer.data !== undefined) {
        setPage(answer.data);
        setFailure(undefined);
      } else {
        const problem = answer.error as ProblemBody | undefined;
        setFailure({ status: answer.response.status, problem });
        const readFailed = latestOptions.current.readFailed;
        if (readFailed !== undefined) message.error(readFailed(problem?.title));
      }
    } finally {
      if (isLatest()) setLoading(false);
    }
  }, [read, trail, message, startReading]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const restart = useCallback(() => setTrail(firstPage), []);
  const update = useCallback((change: (page: Page) => Page) => setPage((current) => (current === undefined ? current : change(current))), []);

  const nextCursor = page === undefined ? undefined : (options.nextCursorOf ?? apiNextCursor)(page);
  return {
    page,
    loading,
    failure,
    pager: {
      pageIndex: trail.index,
      hasNext: nextCursor !== undefined,
      loading,
      onPrevious: () => setTrail(previousPage),
      onNext: () => setTrail((current) => nextPage(current, nextCursor)),
    },
    reload,
    restart,
    update,
  };
}
