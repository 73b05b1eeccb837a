import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const probe = fileURLToPath(new URL('./host-zone-probe.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));

function probeIn(timeZone: string): { dates: string[]; workingDays: string[]; evaluation: { nextCheckAt: string | null } } {
  const output = execFileSync(tsx, [probe], { env: { ...process.env, TZ: timeZone }, encoding: 'utf8' });
  return JSON.parse(output) as { dates: string[]; workingDays: string[]; evaluation: { nextCheckAt: string | null } };
}

describe('independence from the host time zone', () => {
  it('computes the same dates, working days and evaluations in every host zone', { timeout: 60_000 }, () => {
    // Prepare
    const zones = ['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];

    // Act
    const [reference, ...others] = zones.map((zone) => probeIn(zone));

    // Assess
    expect(reference?.dates).toEqual(['2026-03-02', '2026-03-02', '2026-01-01', '2025-10-01']);
    expect(reference?.workingDays).toContain('2025-09-28');
    expect(reference?.workingDays).not.toContain('2025-10-08');
    for (const other of others) expect(other).toEqual(reference);
  });
});
