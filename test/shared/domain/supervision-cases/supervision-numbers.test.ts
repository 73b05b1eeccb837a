import { describe, expect, it } from 'vitest';
import { supervisionItemKind, supervisionNumber } from '#shared/domain/supervision-cases/supervision-numbers.ts';

describe('supervision numbers', () => {
  it('carry the Shanghai date and six Crockford base32 characters', () => {
    const draws = [0, 31, 10, 17, 20, 26];
    let i = 0;
    // 16:30Z on 9 October is already 10 October in Shanghai.
    expect(supervisionNumber('DB', '2025-10-09T16:30:00.000Z', () => draws[i++] ?? 0)).toBe('DB202510100ZAHMT');
  });

  it('tell a request from a case and refuse anything else', () => {
    expect(supervisionItemKind('DQ20251009ABCDEF')).toBe('request');
    expect(supervisionItemKind('DB20251009ABCDEF')).toBe('case');
    expect(supervisionItemKind('DB20251009ABCDEI')).toBeUndefined();
    expect(supervisionItemKind('TS20251009K7M2Q9XA')).toBeUndefined();
  });
});
