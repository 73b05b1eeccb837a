/**
 * Tells the latest of overlapping readings of a list from earlier ones: switching queue or page
 * while an answer is in flight starts a new reading, and the earlier answer, arriving later, must
 * not overwrite what the new one shows.
 */
import { useCallback, useRef } from 'react';

/** Returns `start`: each call begins a reading and gives a check that it is still the latest. */
export function useLatestReading(): () => () => boolean {
  const latest = useRef(0);
  return useCallback(() => {
    const reading = ++latest.current;
    return () => reading === latest.current;
  }, []);
}
