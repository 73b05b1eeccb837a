/**
 * What a page does with the API's answer to a step: a 400's field errors go beside the fields of
 * the form (by their JSON pointer), a 409 is explained in Chinese (someone changed it first, or the
 * step does not fit its stage), anything else is said in a message with the problem's title.
 */
import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';

/** A problem body (RFC 9457) with the field errors of a 400. */
export interface ProblemBody {
  readonly type?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly status?: number;
  readonly errors?: readonly { readonly pointer: string; readonly detail: string }[];
}

/** An openapi-fetch answer, whatever its path. */
export interface ApiAnswer<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/** `/handling/deadline` → `['handling', 'deadline']`; `/evidence/0/title` → `['evidence', 0, 'title']`. */
export const fieldPathOf = (pointer: string): (string | number)[] =>
  pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));

/** Why a 409 refused the step, in the words of the person at the screen. */
export function conflictExplanation(problem: ProblemBody): string {
  if (problem.type?.endsWith('stale-version')) return '提交未成功：该事项在您读取后已被他人修改。页面已重新读取，请核对后再操作。';
  const why = problem.detail ?? problem.title ?? '';
  return `当前状态下不能执行该操作${why === '' ? '。' : `：${why}`}`;
}

export interface AnswerHandling {
  readonly message: MessageInstance;
  /** The form whose fields a 400's errors belong to; `fieldPrefix` is dropped from each pointer first. */
  readonly form?: FormInstance;
  readonly fieldPrefix?: string;
  /** Read the thing again after a 409. */
  readonly reread?: () => Promise<void> | void;
  /** What the step is called in the messages (“受理决定”). */
  readonly step: string;
}

/** The answer's data on success; otherwise says what went wrong where the person will see it, and gives undefined. */
export async function settle<T>(answer: ApiAnswer<T>, handling: AnswerHandling): Promise<T | undefined> {
  if (answer.response.ok && answer.data !== undefined) return answer.data;
  const problem = (answer.error ?? {}) as ProblemBody;
  const status = answer.response.status;
  if (status === 400 && problem.errors !== undefined && problem.errors.length > 0) {
    const form = handling.form;
    const beside = form === undefined ? [] : problem.errors.filter((error) => fieldOf(form, error.pointer, handling.fieldPrefix) !== undefined);
    form?.setFields(
      beside.map((error) => {
        const name = fieldOf(form, error.pointer, handling.fieldPrefix)!;
        // A field holding a whole document (a JSON proposal) is told where inside it the error is.
        const inside = fieldPathOf(error.pointer.slice((handling.fieldPrefix ?? '').length)).slice(name.length);
        const where = inside.map((segment) => (typeof segment === 'number' ? `第 ${segment + 1} 项` : segment)).join(' ');
        return { name, errors: [inside.length === 0 ? error.detail : `${where}：${error.detail}`] };
      }),
    );
    const elsewhere = problem.errors.filter((error) => !beside.includes(error));
    handling.message.error(
      elsewhere.length === 0
        ? `${handling.step}未提交：请按提示修改标出的内容。`
        : `${handling.step}未提交：${elsewhere.map((error) => `${error.pointer} ${error.detail}`).join('；')}`,
      6,
    );
    return undefined;
  }
  if (status === 409) {
    handling.message.error(conflictExplanation(problem), 8);
    await handling.reread?.();
    return undefined;
  }
  if (status === 403) handling.message.error(`${handling.step}未成功：您无权执行该操作。${problem.detail ?? ''}`, 6);
  else handling.message.error(`${handling.step}未成功：${problem.title ?? `HTTP ${status}`}${problem.detail ? `（${problem.detail}）` : ''}`, 6);
  return undefined;
}

/** The form field a pointer names, when the form has it. */
function fieldOf(form: FormInstance, pointer: string, prefix = ''): (string | number)[] | undefined {
  if (!pointer.startsWith(prefix)) return undefined;
  const path = fieldPathOf(pointer.slice(prefix.length));
  // The deepest registered field along the pointer: `/evidence/0/sha256` may be a field of its own.
  for (let length = path.length; length > 0; length -= 1) {
    const candidate = path.slice(0, length);
    if (fieldRegistered(form, candidate)) return candidate;
  }
  return undefined;
}

const fieldRegistered = (form: FormInstance, path: (string | number)[]): boolean =>
  form.getFieldsError().some((field) => field.name.length === path.length && field.name.every((segment, index) => segment === path[index]));
