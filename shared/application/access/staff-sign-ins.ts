/**
 * What the staff authorizer keeps about sign-ins: failed authentications counted per source
 * address in fixed windows (the lockout), and the first use of each sign-in (audited once).
 * Adapters: `shared/adapters/dynamodb/dynamodb-staff-sign-ins.ts`.
 */
import type { StaffSession } from '../../access/staff-token-verifier.ts';

/** Failed authentications per source address (its hash, see `source-address.ts`), one counter per window. */
export interface FailedAuthentications {
  /** The counts of the windows of `addressKey` that start at or after `since` (ISO instant), in any order. */
  countsSince(addressKey: string, since: string): Promise<readonly number[]>;
  /**
   * Adds one failure to the window starting at `windowStart` (ISO instant), kept until `keepUntil`;
   * resolves with the window's count including this one. Concurrent additions each see their own count.
   */
  add(addressKey: string, windowStart: string, keepUntil: Date): Promise<number>;
}

/** The sign-ins whose first use was recorded. */
export interface SignInLedger {
  /** Marks the sign-in as used: true the first time for this session, false ever after. */
  firstUse(session: StaffSession): Promise<boolean>;
}

/** The fixed counting windows around an instant: the one it falls in and the one before. */
export function lockoutWindows(now: Date, windowSeconds: number): { readonly current: string; readonly previous: string; readonly currentEnds: Date } {
  const windowMs = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { current: new Date(start).toISOString(), previous: new Date(start - windowMs).toISOString(), currentEnds: new Date(start + windowMs) };
}
