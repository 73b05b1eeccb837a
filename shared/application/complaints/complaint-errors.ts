/** The complaint use cases' errors in the HTTP vocabulary, and the translation of the domain's. */
import { ComplaintActionNotAllowedError, HandlingDeadlineError } from '../../domain/complaints/complaint-lifecycle.ts';
import { ActionNotAllowedError, CallerError, InvalidRequestError } from '../../http/errors.ts';

/** Staff text a written notice cannot print (the notice font lacks characters): 422 naming them. */
export class UnprintableTextError extends CallerError {
  readonly status = 422;
  readonly slug = 'unprintable-text';
}

/**
 * The personal data asked for (the identity, a notice's PDF) was erased at the end of its
 * retention period: 410 Gone, because it existed and is gone for good; no retry or other state of
 * the complaint brings it back (a 409 would suggest one could).
 */
export class PersonalDataErasedError extends CallerError {
  readonly status = 410;
  readonly slug = 'personal-data-erased';
}

/**
 * Opening a complainant's identity needs a sign-in with a second factor (`amr`): 403. The
 * authorizer already asks privileged roles for one; this holds even if that ever changed.
 */
export class SecondFactorRequiredError extends CallerError {
  readonly status = 403;
  readonly slug = 'second-factor-required';
}

/** Runs a domain step, turning its rule errors into caller errors (409 for a stage, 400 for a deadline at `deadlinePointer`). */
export function applyingRules<T>(step: () => T, deadlinePointer = '/deadline'): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ComplaintActionNotAllowedError) {
      throw new ActionNotAllowedError(
        { zh: `该投诉不能执行 ${error.action}`, en: `Cannot ${error.action} this complaint` },
        { zh: `${error.rule.zh}。`, en: `${error.rule.en}.` },
      );
    }
    if (error instanceof HandlingDeadlineError)
      throw new InvalidRequestError({ zh: '办理期限无效', en: 'Invalid handling deadline' }, undefined, [{ pointer: deadlinePointer, detail: error.words }]);
    throw error;
  }
}
