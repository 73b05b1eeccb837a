/**
 * The error vocabulary use cases and handlers throw; `http-error-mapper.ts` maps it to HTTP once.
 * Each names the rule broken. A dependency that cannot serve for now (`DependencyUnavailableError`,
 * in `../application/dependency-unavailable.ts`) becomes 503 with `Retry-After`; anything else a
 * bare 500.
 */
import type { FieldError } from './problem.ts';

export abstract class CallerError extends Error {
  abstract readonly status: number;
  abstract readonly slug: string;
  constructor(
    readonly title: string,
    readonly detail?: string,
    readonly errors?: readonly FieldError[],
  ) {
    super(title);
  }
}

export class InvalidRequestError extends CallerError {
  readonly status = 400;
  readonly slug = 'invalid-request';
}

export class ForbiddenError extends CallerError {
  readonly status = 403;
  readonly slug = 'forbidden';
}

/** Also used for things outside the caller's jurisdiction, so their existence is not revealed. */
export class NotFoundError extends CallerError {
  readonly status = 404;
  readonly slug = 'not-found';
}

export class StaleVersionError extends CallerError {
  readonly status = 409;
  readonly slug = 'stale-version';
}

/** The action conflicts with the resource's current state (e.g. closing an already closed alert). */
export class ActionNotAllowedError extends CallerError {
  readonly status = 409;
  readonly slug = 'action-not-allowed';
}

export class PayloadTooLargeError extends CallerError {
  readonly status = 413;
  readonly slug = 'payload-too-large';
}

export class UnsupportedMediaTypeError extends CallerError {
  readonly status = 415;
  readonly slug = 'unsupported-media-type';
}

export class UnprocessableRecordsError extends CallerError {
  readonly status = 422;
  readonly slug = 'unprocessable';
}

/**
 * Content carrying a marking of state secrets (国家秘密标志, Measures Art. 14): refused before
 * anything is stored. The problem names where (a JSON pointer), never what.
 */
export class ClassifiedContentRefusedError extends CallerError {
  readonly status = 422;
  readonly slug = 'classified-content';
  constructor(readonly pointer: string) {
    super(
      '内容带有国家秘密标志，已拒收 / Classified content refused',
      '涉密内容不得进入本系统（《办法》第十四条）；本请求未存储任何内容。 / Classified content must not enter the system (Art. 14); nothing of this request was stored.',
      [{ pointer, detail: '带有密级标志 / carries a classified marking' }],
    );
  }
}
