/**
 * Refusals: what the domain and the use cases say when a rule stops a step. Each class is named
 * after the rule broken and carries its words in both languages, where in the request it lies
 * (field errors), the kind of refusal in the domain's words, and the section of
 * `docs/problems.md` that explains it (`slug`). Nothing here knows HTTP: the edge maps each kind
 * to a status once (`shared/http/http-error-mapper.ts`).
 */
import type { Bilingual } from './bilingual.ts';

/**
 * How a step was refused, whatever the rule:
 * - `invalid`: the request does not say something acceptable (a field, a cursor, a deadline);
 * - `not-permitted`: the caller may not take this step (role, identity, department);
 * - `not-found`: no such thing, or not the caller's to see (answered alike, so existence is not revealed);
 * - `version-changed`: the thing changed since the caller read it;
 * - `not-allowed-now`: the step is not possible in the thing's current state;
 * - `conflicting`: the step contradicts what is already held (e.g. overlapping effective dates);
 * - `erased`: what is asked for existed and was erased for good;
 * - `unprocessable`: well formed, but nothing of it could be taken (records refused, classified content, unprintable text).
 */
export type RefusalKind = 'invalid' | 'not-permitted' | 'not-found' | 'version-changed' | 'not-allowed-now' | 'conflicting' | 'erased' | 'unprocessable';

/** A refused field: where (a JSON pointer into the request) and why, in both languages. */
export interface FieldError {
  /** JSON pointer into the request, e.g. `/records/3/occurredAt` or `/query/limit`. */
  readonly pointer: string;
  readonly detail: Bilingual;
}

/**
 * A step refused by a rule. The message (for stack traces and test failures, never a body) is
 * the English title.
 */
export abstract class Refusal extends Error {
  abstract readonly kind: RefusalKind;
  /** The section of `docs/problems.md` that explains it. */
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

/** Words several refusals share. */
export const invalidRequest: Bilingual = { zh: '请求无效', en: 'Invalid request' };

/** The input does not have the shape the step takes: fields missing, of the wrong type or form, out of range, not allowed. */
export class InvalidInput extends Refusal {
  readonly kind = 'invalid';
  readonly slug = 'invalid-request';
}

/** What the body says disagrees with what the path names (the year, the kind). */
export class BodyDisagreesWithPath extends InvalidInput {}

/** A deadline outside what the rules allow: in the past, too far ahead, not later than the current one. */
export class DeadlineOutOfRange extends InvalidInput {}

/** A step that must state something (reasons, evidence, a responsible department) did not. */
export class RequiredForStep extends InvalidInput {}

/**
 * Content carrying a marking of state secrets (国家秘密标志, Measures Art. 14): refused before
 * anything is stored. The refusal names where (a JSON pointer), never what.
 */
export class ClassifiedContentRefused extends Refusal {
  readonly kind = 'unprocessable';
  readonly slug = 'classified-content';
  constructor(readonly pointer: string) {
    super(
      { zh: '内容带有国家秘密标志，已拒收', en: 'Classified content refused' },
      {
        zh: '涉密内容不得进入本系统（《办法》第十四条）；本请求未存储任何内容。',
        en: 'Classified content must not enter the system (Art. 14); nothing of this request was stored.',
      },
      [{ pointer, detail: { zh: '带有密级标志', en: 'carries a classified marking' } }],
    );
  }
}
