/**
 * The refusals only the HTTP edge raises, about the request as HTTP rather than a rule of the
 * domain: no such endpoint, a body of another media type, too large, not JSON or too deep to
 * screen. They carry their status; every other refusal (`Refusal`, `shared/domain/refusal.ts`)
 * carries a kind, which `http-error-mapper.ts` maps to a status once.
 */
import type { Bilingual } from './language.ts';
import type { FieldError, ProblemStatement } from './problem.ts';

/** A refusal of the request as HTTP. The message (for stack traces and test failures, never a body) is the English title. */
export abstract class EdgeRefusal extends Error implements ProblemStatement {
  abstract readonly status: number;
  abstract readonly slug: string;
  constructor(
    readonly title: Bilingual,
    readonly detail?: Bilingual,
    readonly errors?: readonly FieldError[],
  ) {
    super(title.en);
    this.name = new.target.name;
  }
}

export const noSuchEndpoint: Bilingual = { zh: '接口不存在', en: 'No such endpoint' };

/** No route of the function matches the method and path. */
export class NoSuchEndpoint extends EdgeRefusal {
  readonly status = 404;
  readonly slug = 'not-found';
  constructor() {
    super(noSuchEndpoint);
  }
}

/** The body is not JSON, or too deeply nested or large to screen for classified content. */
export class BodyNotReadable extends EdgeRefusal {
  readonly status = 400;
  readonly slug = 'invalid-request';
}

export class PayloadTooLarge extends EdgeRefusal {
  readonly status = 413;
  readonly slug = 'payload-too-large';
}

export class UnsupportedMediaType extends EdgeRefusal {
  readonly status = 415;
  readonly slug = 'unsupported-media-type';
}
