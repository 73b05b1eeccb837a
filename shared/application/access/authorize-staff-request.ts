/**
 * Decides one staff request at the edge (the staff authorizer), and keeps the record a level-3
 * evaluation asks for: sign-ins, denied access, and lockout after repeated failed authentication.
 *
 * Primary course: the source address is not locked out; the bearer token is genuine and current;
 * its role may call the targeted route → allow, and audit the sign-in on its first use.
 * - A locked-out address (failures ≥ threshold in this or the previous window) → deny, without
 *   looking at the token; counted, not audited per request (the lockout itself is).
 * - A department's SigV4 signature on a staff route → deny, audited.
 * - A token that does not authenticate → unauthenticated (401), audited, counted against the
 *   address; the failure that reaches the threshold starts a lockout: an `authenticationFailures`
 *   security event and an audit entry, once per window.
 * - A genuine token whose role, jurisdiction, second factor or route does not fit → deny, audited.
 *
 * What is audited, and why not every allow: a console sends a request every few seconds per user,
 * so an entry per allowed request would bury the audit store in entries that say nothing new. The
 * sign-in (the first request of each sign-in session) says who came in, when, with which role and
 * factor; every read of personal data, decision and change is audited by the function that does
 * it; and every refusal is audited here, bounded per address by the lockout.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { findStaffRoute, isRoleAllowed } from '../../access/route-permissions.ts';
import { sourceAddressKey, sourceNetwork } from '../../access/source-address.ts';
import type { StaffTokenVerifier, StaffVerification } from '../../access/staff-token-verifier.ts';
import type { StaffAccessSettings } from '../../config/staff-access-environment.ts';
import type { RouteSpec } from '../../topology.ts';
import type { AuditLog } from '../ports.ts';
import type { SecurityEventLog } from '../security-events.ts';
import { lockoutWindows, type FailedAuthentications, type SignInLedger } from './staff-sign-ins.ts';

/** One request as the authorizer sees it. */
export interface StaffRequest {
  /** The `Authorization` header, as sent; undefined when absent. */
  readonly authorization: string | undefined;
  /** `arn:<partition>:execute-api:<region>:<account>:<api>/<stage>/<METHOD>/<path>` */
  readonly methodArn: string;
  /** The caller's address as API Gateway saw it. */
  readonly sourceIp: string;
  readonly at: Date;
}

export interface AuthorizeStaffDependencies {
  readonly verifier: StaffTokenVerifier;
  readonly failures: FailedAuthentications;
  readonly signIns: SignInLedger;
  readonly audit: AuditLog;
  readonly securityEvents: SecurityEventLog;
  readonly settings: StaffAccessSettings;
  /** The function raising security events (topology name). */
  readonly source: string;
}

/** Why a request is denied (403) although its caller is known, or its address locked out. */
export type StaffDenialReason =
  'addressLockedOut' | 'departmentCredential' | 'unknownRoute' | 'roleNotAllowed' | Extract<StaffVerification, { status: 'forbidden' }>['reason'];

export type StaffAuthorization =
  | { readonly outcome: 'allow'; readonly principal: StaffPrincipal; readonly route: RouteSpec; readonly firstUseOfSignIn: boolean }
  | {
      readonly outcome: 'deny';
      readonly reason: StaffDenialReason;
      /** The token's subject when it was genuine; otherwise a name for the kind of caller. */
      readonly principalId: string;
      readonly role?: string;
      readonly jurisdiction?: string;
      readonly route?: RouteSpec;
    }
  | {
      readonly outcome: 'unauthenticated';
      readonly reason: Extract<StaffVerification, { status: 'unauthenticated' }>['reason'];
      /** This failure started a lockout of the address. */
      readonly lockoutStarted: boolean;
    };

/** SigV4 `Authorization` header of a department's business system. */
const machineSignature = /^AWS4-HMAC-SHA256\s+Credential=/i;

/** The token after `Bearer ` (any case); `''` when the header is missing or of another scheme. */
const bearerToken = (header: string | undefined): string => /^bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? '';

const routeName = (route: RouteSpec | undefined): string => (route === undefined ? 'unknown route' : `${route.method} ${route.path}`);

export async function authorizeStaffRequest(request: StaffRequest, deps: AuthorizeStaffDependencies): Promise<StaffAuthorization> {
  const address = sourceAddressKey(request.sourceIp);
  const addressActor = `address:${address}`;
  const { settings } = deps;
  const windows = lockoutWindows(request.at, settings.lockoutWindowSeconds);
  const route = findStaffRoute(request.methodArn);

  const counts = await deps.failures.countsSince(address, windows.previous);
  if (counts.some((count) => count >= settings.failuresBeforeLockout)) {
    return { outcome: 'deny', reason: 'addressLockedOut', principalId: 'locked-out-address', ...(route ? { route } : {}) };
  }

  if (machineSignature.test(request.authorization ?? '')) {
    // A known kind of caller without the right (403); the signature is API Gateway's to verify, not ours.
    await deps.audit.append({ action: 'staff.access', outcome: 'denied', actor: addressActor, target: routeName(route), reason: 'departmentCredential' });
    return { outcome: 'deny', reason: 'departmentCredential', principalId: 'department', ...(route ? { route } : {}) };
  }

  const verification = await deps.verifier.verify(bearerToken(request.authorization));
  if (!verification.ok && verification.status === 'unauthenticated') {
    // The claims of a token we could not verify are not to be believed: the address names the caller.
    await deps.audit.append({ action: 'staff.signIn', outcome: 'refused', actor: addressActor, target: routeName(route), reason: verification.reason });
    const failures = await deps.failures.add(address, windows.current, new Date(windows.currentEnds.getTime() + settings.lockoutWindowSeconds * 1000));
    const lockoutStarted = failures === settings.failuresBeforeLockout;
    if (lockoutStarted) {
      const windowMinutes = settings.lockoutWindowSeconds / 60;
      await deps.securityEvents.record({
        kind: 'authenticationFailures',
        at: request.at.toISOString(),
        source: deps.source,
        subject: addressActor,
        detail: {
          failures,
          windowMinutes,
          network: sourceNetwork(request.sourceIp),
          lockedUntil: new Date(windows.currentEnds.getTime() + settings.lockoutWindowSeconds * 1000).toISOString(),
        },
      });
      await deps.audit.append({
        action: 'staff.lockout',
        outcome: 'refused',
        actor: addressActor,
        reason: `${failures} failed authentications within ${windowMinutes} minutes`,
      });
    }
    return { outcome: 'unauthenticated', reason: verification.reason, lockoutStarted };
  }

  if (!verification.ok) {
    const { subject, reason, role, jurisdiction } = verification;
    await deps.audit.append({ action: 'staff.access', outcome: 'denied', actor: `${role ?? 'unknownRole'}:${subject}`, target: routeName(route), reason });
    return { outcome: 'deny', reason, principalId: subject, ...(role ? { role } : {}), ...(jurisdiction ? { jurisdiction } : {}), ...(route ? { route } : {}) };
  }

  const { principal, session } = verification;
  const claimed = { principalId: principal.subject, role: principal.role, jurisdiction: principal.jurisdiction };
  const actor = `${principal.role}:${principal.subject}`;
  if (route === undefined || !isRoleAllowed(route, principal.role)) {
    const reason = route === undefined ? 'unknownRoute' : 'roleNotAllowed';
    await deps.audit.append({ action: 'staff.access', outcome: 'denied', actor, target: routeName(route), reason });
    return { outcome: 'deny', reason, ...claimed, ...(route ? { route } : {}) };
  }
  const firstUseOfSignIn = await deps.signIns.firstUse(session);
  if (firstUseOfSignIn) {
    await deps.audit.append({
      action: 'staff.signIn',
      outcome: 'allowed',
      actor,
      target: `jurisdiction:${principal.jurisdiction}${principal.department ? `/department:${principal.department}` : ''}`,
      reason: `signed in ${new Date(session.signedInAt * 1000).toISOString()}${principal.secondFactor ? ' with a second factor' : ''}`,
    });
  }
  return { outcome: 'allow', principal, route, firstUseOfSignIn };
}
