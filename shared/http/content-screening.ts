/**
 * A function's screening of request bodies for classified content, read from its environment
 * once at cold start (the stack sets `CLASSIFIED_MARKERS` on every function that reads bodies).
 */
import { ClassifiedMarkersEnvironment, readEnvironment } from '../config/function-environment.ts';
import type { ContentScreening } from './json-body.ts';

/** The screening a handler hands to `parseJsonBody`; `elementsInspectedApart` as its use case needs. */
export function contentScreeningFromEnvironment(env: NodeJS.ProcessEnv = process.env, elementsInspectedApart?: readonly string[]): ContentScreening {
  const markers = readEnvironment(ClassifiedMarkersEnvironment, env).CLASSIFIED_MARKERS;
  return elementsInspectedApart === undefined ? { classifiedMarkers: markers } : { classifiedMarkers: markers, elementsInspectedApart };
}
