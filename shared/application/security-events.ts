/**
 * Security events the security administrator must see (MLPS level 3: security audit and
 * alerting): classified content refused, repeated authentication failures, integrity breaks of
 * the audit trail or of stored act records, refusals of scope. They never carry personal data,
 * tokens or the refused content: who or what (a department id, a staff subject, a hash of a source
 * address), and counts.
 */

/** The kinds of security event. */
export const securityEventKinds = ['classifiedRefused', 'authenticationFailures', 'integrityBreak', 'scopeDenied'] as const;
export type SecurityEventKind = (typeof securityEventKinds)[number];

export interface SecurityEvent {
  readonly kind: SecurityEventKind;
  /** ISO instant. */
  readonly at: string;
  /** The function that saw it (topology name). */
  readonly source: string;
  /** Who or what, never personal: a department id, `role:subject`, an address hash, a table and key. */
  readonly subject?: string;
  /** Counts and identifiers only. */
  readonly detail: Readonly<Record<string, string | number>>;
}

/** Where security events go: a store the security administrator reads, and the alarms. */
export interface SecurityEventLog {
  record(event: SecurityEvent): Promise<void>;
}
