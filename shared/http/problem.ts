/**
 * RFC 9457 problem details: the one shape every error a caller can cause takes. Bodies name the
 * field (`errors[].pointer`, a JSON pointer) and the rule broken; 5xx bodies never carry internals.
 */
import type { z } from 'zod';

export interface FieldError {
  /** JSON pointer into the request, e.g. `/records/3/occurredAt` or `/query/limit`. */
  readonly pointer: string;
  readonly detail: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
}

const problemBase = 'https://e-supervision.example/problems/';

export const problemType = (slug: string): string => `${problemBase}${slug}`;

/** Turns zod issues into field errors under a pointer prefix (`/records/0`, `/query`). */
export function fieldErrorsFromZod(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.map((segment) => String(segment).replaceAll('~', '~0').replaceAll('/', '~1'));
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const pointer = `${prefix}/${path.join('/')}`.replace(/\/$/, '') || '/';
    if (keys.length > 0) {
      // Mass assignment: name the refused fields themselves.
      return { pointer: `${pointer === '/' ? '' : pointer}/${keys[0]}`, detail: `field not allowed: ${keys.join(', ')}` };
    }
    return { pointer, detail: issue.message };
  });
}
