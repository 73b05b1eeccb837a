/**
 * Why a step on a request or case is refused. Transitions return these instead of throwing, so
 * the use case decides how each becomes an answer (409 for a step the stage does not allow, 400
 * naming the field for a deadline or missing reasons).
 */
import type { Bilingual } from '../bilingual.ts';
import type { LocalDate } from '../calendar/local-date.ts';
import type { NewStep, TimelineStep } from './supervision-timeline.ts';

export type SupervisionRefusal =
  | { readonly refusal: 'notAllowedInStage'; readonly action: string; readonly stage: string; readonly allowedIn: readonly string[] }
  | { readonly refusal: 'reasonsRequired'; readonly detail: Bilingual }
  | { readonly refusal: 'evidenceRequired' }
  | { readonly refusal: 'deadlineInPast'; readonly today: LocalDate }
  | { readonly refusal: 'deadlineTooFar'; readonly latest: LocalDate }
  | { readonly refusal: 'deadlineNotLater'; readonly current: LocalDate };

/** The outcome of a transition: the new state and the steps it adds, or a refusal. */
export type Transition<T> =
  { readonly ok: true; readonly state: T; readonly steps: readonly TimelineStep[] } | { readonly ok: false; readonly refusal: SupervisionRefusal };

export const refused = <T>(refusal: SupervisionRefusal): Transition<T> => ({ ok: false, refusal });

/** Re-exported for transitions that build steps. */
export type { NewStep };
