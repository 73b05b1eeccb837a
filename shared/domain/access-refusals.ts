/**
 * Refusals of who may do what where: a role, an identity, a department, a jurisdiction. What lies
 * outside the caller's jurisdiction is answered as not found, so its existence is not revealed.
 */
import type { Bilingual } from './bilingual.ts';
import { InvalidInput, Refusal } from './refusal.ts';

/** Words several refusals share. */
export const departmentNotFound: Bilingual = { zh: '部门不存在', en: 'Department not found' };
export const unknownDepartment: Bilingual = { zh: '未知的部门', en: 'Unknown department' };
export const noSuchDepartment: Bilingual = { zh: '没有该部门', en: 'no such department' };

/** The caller's role may not take this step (or use this route). */
export class RoleNotPermitted extends Refusal {
  readonly kind = 'not-permitted';
  readonly slug = 'forbidden';
}

/** The request carries no identity of the kind the route serves (no staff context, not a department's role). */
export class IdentityNotRecognised extends Refusal {
  readonly kind = 'not-permitted';
  readonly slug = 'forbidden';
}

/** A department acts for itself only: the step names another department, or is another department's to take. */
export class NotYourDepartment extends Refusal {
  readonly kind = 'not-permitted';
  readonly slug = 'forbidden';
}

/** The department named is a real one, outside the caller's jurisdiction (a forward, an assignment, a queue). */
export class DepartmentOutsideJurisdiction extends Refusal {
  readonly kind = 'not-permitted';
  readonly slug = 'forbidden';
}

/** A complaint queue that is not the caller's: another department's, or outside the caller's jurisdiction. */
export class QueueNotYours extends Refusal {
  readonly kind = 'not-permitted';
  readonly slug = 'forbidden';
}

/** The caller's own department is not in the city structure. */
export class DepartmentNotRegistered extends Refusal {
  readonly kind = 'not-permitted';
  readonly slug = 'forbidden';
}

/**
 * Not found, or outside the caller's jurisdiction or scope: answered alike, so existence is not
 * revealed. The subclasses name what was looked for.
 */
export class OutsideJurisdiction extends Refusal {
  readonly kind = 'not-found';
  readonly slug = 'not-found';
}

export class AlertNotFound extends OutsideJurisdiction {}
export class CaseNotFound extends OutsideJurisdiction {}
export class ComplaintNotFound extends OutsideJurisdiction {}
export class DepartmentNotFound extends OutsideJurisdiction {}
export class JurisdictionNotFound extends OutsideJurisdiction {}
export class MatterNotFound extends OutsideJurisdiction {}
export class SupervisionCaseNotFound extends OutsideJurisdiction {}
export class SupervisionRequestNotFound extends OutsideJurisdiction {}

/** A department or jurisdiction named in the body that the city structure does not have. */
export class UnknownDepartment extends InvalidInput {}
export class UnknownJurisdiction extends InvalidInput {}
