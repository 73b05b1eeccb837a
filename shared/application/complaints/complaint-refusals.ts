/** The complaint use cases' refusals, and the translation of the domain's deadline rule. */
import { HandlingDeadlineError } from '../../domain/complaints/complaint-lifecycle.ts';
import { DeadlineOutOfRange, InvalidInput, Refusal } from '../../domain/refusal.ts';

/** Staff text a written notice cannot print (the notice font lacks characters), naming them. */
export class UnprintableText extends Refusal {
  readonly kind = 'unprocessable';
  readonly slug = 'unprintable-text';
}

/**
 * The personal data asked for (the identity, a notice's PDF) was erased at the end of its
 * retention period: it existed and is gone for good; no retry or other state of the complaint
 * brings it back.
 */
export class PersonalDataErased extends Refusal {
  readonly kind = 'erased';
  readonly slug = 'personal-data-erased';
}

/**
 * Opening a complainant's identity needs a sign-in with a second factor (`amr`). The authorizer
 * already asks privileged roles for one; this holds even if that ever changed.
 */
export class SecondFactorRequired extends Refusal {
  readonly kind = 'not-permitted';
  readonly slug = 'second-factor-required';
}

/** An anonymous complaint carries no complainant, so there is no identity to reveal. */
export class NoIdentityToReveal extends Refusal {
  readonly kind = 'not-allowed-now';
  readonly slug = 'action-not-allowed';
}

/** The complaint has no notice of the kind asked for (yet, or ever). */
export class NoticeNotFound extends Refusal {
  readonly kind = 'not-found';
  readonly slug = 'not-found';
}

/** A delivery recorded before it happened. */
export class DeliveryInFuture extends InvalidInput {}

/** Runs a domain step, turning a handling deadline the rules refuse into a refusal naming `deadlinePointer`. */
export function applyingRules<T>(step: () => T, deadlinePointer = '/deadline'): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof HandlingDeadlineError)
      throw new DeadlineOutOfRange({ zh: '办理期限无效', en: 'Invalid handling deadline' }, undefined, [{ pointer: deadlinePointer, detail: error.words }]);
    throw error;
  }
}
