/**
 * The error vocabulary use cases and handlers throw; `http-error-mapper.ts` maps it to HTTP once.
 * Each names the rule broken. A dependency that cannot serve for now (`DependencyUnavailableError`,
 * in `../application/dependency-unavailable.ts`) becomes 503 with `Retry-After`; anything else a
 * bare 500.
 */
import type { Bilingual } from './language.ts';
import type { FieldError, ProblemStatement } from './problem.ts';

/**
 * Titles and details are given in both languages; the mapper says them in the request's. The
 * message (for stack traces and test failures, never a body) is the English title.
 */
export abstract class CallerError extends Error implements ProblemStatement {
  abstract readonly status: number;
  abstract readonly slug: string;
  constructor(
    readonly title: Bilingual,
    readonly detail?: Bilingual,
    readonly errors?: readonly FieldError[],
  ) {
    super(title.en);
  }
}

/** Words several refusals share. */
export const invalidRequest: Bilingual = { zh: '请求无效', en: 'Invalid request' };
export const invalidCursor: Bilingual = { zh: '分页游标无效', en: 'Invalid cursor' };
export const noSuchEndpoint: Bilingual = { zh: '接口不存在', en: 'No such endpoint' };
export const departmentNotFound: Bilingual = { zh: '部门不存在', en: 'Department not found' };
export const unknownDepartment: Bilingual = { zh: '未知的部门', en: 'Unknown department' };
export const noSuchDepartment: Bilingual = { zh: '没有该部门', en: 'no such department' };
export const changedSinceRead: Bilingual = { zh: '在您读取后已被修改', en: 'Changed since you read it' };
export const rereadStep: Bilingual = { zh: '请重新读取，如仍需要再重复该步骤。', en: 'Read it again and repeat the step if it still applies.' };

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
      { zh: '内容带有国家秘密标志，已拒收', en: 'Classified content refused' },
      {
        zh: '涉密内容不得进入本系统（《办法》第十四条）；本请求未存储任何内容。',
        en: 'Classified content must not enter the system (Art. 14); nothing of this request was stored.',
      },
      [{ pointer, detail: { zh: '带有密级标志', en: 'carries a classified marking' } }],
    );
  }
}
