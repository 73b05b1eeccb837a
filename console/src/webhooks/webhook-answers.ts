/**
 * What the 消息推送 pages do with the API's answer to a step, in the console's language: a 400's
 * field errors go beside the form's fields, a 409 is explained (someone changed the subscription
 * first: the page reads it again), a 403 says the caller may not manage it, anything else names
 * the problem's title.
 */
import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import type { ApiAnswer, ProblemBody } from '../forms/api-answers';
import { fieldPathOf } from '../forms/api-answers';
import type { WebhookStrings } from './webhook-strings';

export interface WebhookAnswerHandling {
  readonly message: MessageInstance;
  readonly words: WebhookStrings;
  /** What the step is called in the messages (“停用”). */
  readonly step: string;
  readonly form?: FormInstance;
  /** Read the subscriptions again after a 409. */
  readonly reread?: () => Promise<void> | void;
}

/** The answer's data on success; otherwise says what went wrong where the person will see it, and gives undefined. */
export async function settleWebhookStep<T>(answer: ApiAnswer<T>, handling: WebhookAnswerHandling): Promise<T | undefined> {
  if (answer.response.ok && answer.data !== undefined) return answer.data;
  const { message, words, step, form } = handling;
  const problem = (answer.error ?? {}) as ProblemBody;
  const status = answer.response.status;
  if (status === 400 && problem.errors !== undefined && problem.errors.length > 0) {
    const registered = new Set(form?.getFieldsError().map((field) => field.name.join('.')) ?? []);
    const beside = problem.errors.filter((error) => registered.has(fieldPathOf(error.pointer).join('.')));
    form?.setFields(beside.map((error) => ({ name: fieldPathOf(error.pointer), errors: [error.detail] })));
    const elsewhere = problem.errors.filter((error) => !beside.includes(error));
    message.error(
      elsewhere.length === 0 ? words.fixFields(step) : words.failed(step, elsewhere.map((error) => `${error.pointer} ${error.detail}`).join('；')),
      6,
    );
    return undefined;
  }
  if (status === 409) {
    message.error(problem.type?.endsWith('stale-version') ? words.stale : words.conflict(problem.detail ?? problem.title ?? ''), 8);
    await handling.reread?.();
    return undefined;
  }
  if (status === 403) message.error(words.notAllowed(step), 6);
  else message.error(words.failed(step, `${problem.title ?? `HTTP ${status}`}${problem.detail ? `（${problem.detail}）` : ''}`), 6);
  return undefined;
}
