/**
 * RFC 9457 problem details: the one shape every error a caller can cause takes. Bodies name the
 * field (`errors[].pointer`, a JSON pointer) and the rule broken; 5xx bodies never carry internals.
 * Words are carried in both languages ({@link Bilingual}) until the edge renders them in the
 * request's language (`renderProblem`).
 */
import type { FieldError } from '../domain/refusal.ts';
import { inLanguage, type Bilingual, type Language } from './language.ts';

// Refused fields are stated outside the edge; requests parsed here refuse their fields alike.
export type { FieldError };
export { fieldErrorsFromZod, validationOptions, wordsOfIssue, wordsOfMessage } from '../application/schema-field-errors.ts';

/** A refused field as the body says it, in the request's language. */
export interface ProblemFieldError {
  readonly pointer: string;
  readonly detail: string;
}

export interface Problem {
  /** Where the problem type is explained: a section of `docs/problems.md`. */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  /** The request's id (API Gateway's `requestContext.requestId`): what to quote to operations. */
  readonly instance?: string;
  readonly errors?: readonly ProblemFieldError[];
}

/** A problem before it is put in words of one language. */
export interface ProblemStatement {
  readonly slug: string;
  readonly status: number;
  readonly title: Bilingual;
  readonly detail?: Bilingual;
  readonly errors?: readonly FieldError[];
}

/**
 * Problem types are absolute URIs (RFC 9457 §3.1.1 advises against relative ones, which a client
 * would resolve against the request's URL): the documentation site publishes `docs/` at its root,
 * so `<base>docs/problems.md#<slug>` is the section of that file headed `<slug>`.
 */
const problemBase = 'https://e-supervision.example/docs/problems.md#';

export const problemType = (slug: string): string => `${problemBase}${slug}`;

export const renderFieldErrors = (errors: readonly FieldError[], language: Language): ProblemFieldError[] =>
  errors.map((error) => ({ pointer: error.pointer, detail: inLanguage(error.detail, language) }));

/** The body of a problem in the request's language, naming the request. */
export function renderProblem(problem: ProblemStatement, language: Language, instance?: string): Problem {
  return {
    type: problemType(problem.slug),
    title: inLanguage(problem.title, language),
    status: problem.status,
    ...(problem.detail === undefined ? {} : { detail: inLanguage(problem.detail, language) }),
    ...(instance === undefined ? {} : { instance }),
    ...(problem.errors === undefined ? {} : { errors: renderFieldErrors(problem.errors, language) }),
  };
}
