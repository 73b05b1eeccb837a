/**
 * How a configured kind may change between versions. Events already stored are folded again by
 * the new version, so a new version may add events and change rules, but every event of the
 * previous version must stay, with exactly its fields and their types (fields are required on
 * the wire: a field added to an old event would make its stored records invalid).
 */
import type { Bilingual } from '../bilingual.ts';
import type { KindDefinition } from './kind-definition.ts';

export interface KindEvolutionProblem {
  /** JSON pointer into the new definition (or to where the missing event was). */
  readonly pointer: string;
  readonly detail: Bilingual;
}

/** What makes `next` not a purely additive successor of `previous`; empty when it is one. */
export function nonAdditiveChanges(previous: KindDefinition, next: KindDefinition): KindEvolutionProblem[] {
  const problems: KindEvolutionProblem[] = [];
  const nextEvents = new Map(next.events.map((definition, index) => [definition.event, { fields: definition.fields ?? {}, index }]));
  for (const { event, fields: before = {} } of previous.events) {
    const successor = nextEvents.get(event);
    if (successor === undefined) {
      problems.push({
        pointer: '/events',
        detail: {
          zh: `第 ${previous.version} 版的事件「${event}」必须保留：已存储的记录使用该事件`,
          en: `event '${event}' of version ${previous.version} must remain: stored records use it`,
        },
      });
      continue;
    }
    const at = `/events/${successor.index}/fields`;
    for (const [field, type] of Object.entries(before)) {
      const now = successor.fields[field];
      if (now === undefined)
        problems.push({
          pointer: at,
          detail: { zh: `事件「${event}」的字段「${field}」必须保留（${type}）`, en: `field '${field}' of event '${event}' must remain (${type})` },
        });
      else if (now !== type) {
        problems.push({
          pointer: `${at}/${field}`,
          detail: {
            zh: `事件「${event}」的字段「${field}」须保持 ${type} 类型，不能改为 ${now}`,
            en: `field '${field}' of event '${event}' must stay a ${type}, not become a ${now}`,
          },
        });
      }
    }
    for (const field of Object.keys(successor.fields)) {
      if (!Object.hasOwn(before, field)) {
        problems.push({
          pointer: `${at}/${field}`,
          detail: {
            zh: `事件「${event}」不能增加字段：已存储的记录没有该字段；请改为新增事件`,
            en: `event '${event}' cannot gain a field: its stored records lack it; add a new event instead`,
          },
        });
      }
    }
  }
  return problems;
}
