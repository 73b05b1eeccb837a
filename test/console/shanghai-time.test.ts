/** The console shows instants as the city reads them, in Asia/Shanghai, whatever the browser's zone. */
import { describe, expect, it } from 'vitest';
import { shanghaiDate, shanghaiDateTime } from '../../console/src/shanghai-time.ts';

describe('Shanghai dates in the console', () => {
  it('shows an instant late on a UTC day as the next Shanghai day', () => {
    expect(shanghaiDate('2025-09-28T16:30:00Z')).toBe('2025-09-29');
    expect(shanghaiDateTime('2025-09-28T16:30:00Z')).toBe('2025-09-29 00:30');
  });

  it('keeps an instant written with the Shanghai offset on its own day', () => {
    expect(shanghaiDate('2025-09-28T23:59:00+08:00')).toBe('2025-09-28');
  });

  it('reads a deadline as the API answers it, in Shanghai time with milliseconds and +08:00', () => {
    expect(shanghaiDate('2026-11-03T23:59:59.999+08:00')).toBe('2026-11-03');
    expect(shanghaiDateTime('2026-11-03T23:59:59.999+08:00')).toBe('2026-11-03 23:59');
    expect(shanghaiDateTime('2026-11-04T00:30:00.000+08:00')).toBe('2026-11-04 00:30');
  });

  it('shows text that is not an instant as it is', () => {
    expect(shanghaiDate('unknown')).toBe('unknown');
  });
});
