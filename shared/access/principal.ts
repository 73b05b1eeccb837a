/**
 * Who is calling, as established by the edge (SigV4 for departments, the staff authorizer for
 * staff). Handlers never trust a department or jurisdiction named in a body or query: they take
 * it from here.
 */
import type { StaffRole } from '../topology.ts';

export interface DepartmentPrincipal {
  readonly kind: 'department';
  readonly department: string;
}

export interface StaffPrincipal {
  readonly kind: 'staff';
  /** Subject of the identity provider's token (opaque, not personal data). */
  readonly subject: string;
  readonly role: StaffRole;
  /** `city` or a district identifier. */
  readonly jurisdiction: string;
  /** Set for department liaisons: the one department they act for. */
  readonly department?: string;
  /**
   * Whether the sign-in used a second factor (`amr`). Privileged roles never get this far without
   * one; the use cases that open personal data check it again. Absent: not known, treated as no.
   */
  readonly secondFactor?: boolean;
}

export type Principal = DepartmentPrincipal | StaffPrincipal;

/**
 * The context the staff authorizer returns and API Gateway passes to handlers as
 * `requestContext.authorizer` (values must be strings, numbers or booleans).
 */
export interface StaffAuthorizerContext {
  readonly subject: string;
  readonly role: StaffRole;
  readonly jurisdiction: string;
  /** Empty string when the role has no department. */
  readonly department: string;
  /** Signed in with a second factor (`amr`); API Gateway hands it to the integration as `'true'` / `'false'`. */
  readonly secondFactor: boolean;
}

/**
 * Who acted, as the audit trail and an alert's history name them: `role:subject` for staff,
 * `department:<id>` for a department's business system.
 */
export const actorIdOf = (principal: Principal): string =>
  principal.kind === 'department' ? `department:${principal.department}` : `${principal.role}:${principal.subject}`;
