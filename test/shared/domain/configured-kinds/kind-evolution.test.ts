import { describe, expect, it } from 'vitest';
import { KindDefinition } from '#shared/domain/configured-kinds/kind-definition.ts';
import { nonAdditiveChanges } from '#shared/domain/configured-kinds/kind-evolution.ts';
import { anInspectionDefinition } from './kind-definition-mother.ts';

const inspection = (
  change: (definition: Record<string, unknown> & { events: { event: string; fields?: Record<string, string> }[] }) => void = () => undefined,
) => {
  const definition = anInspectionDefinition() as Record<string, unknown> & { events: { event: string; fields?: Record<string, string> }[] };
  change(definition);
  return KindDefinition.parse(definition);
};

describe('a new version of a configured kind', () => {
  it('may add events and change rules', () => {
    // Prepare
    const previous = inspection();
    const next = inspection((d) => {
      d.version = 3;
      d.events.push({ event: 'appealed', fields: { appealedOn: 'instant' } });
      d.rules = (d.rules as unknown[]).slice(0, 1);
    });

    // Act
    const problems = nonAdditiveChanges(previous, next);

    // Assess
    expect(problems).toEqual([]);
  });

  it('must keep every event, each field and each field type, and may not add a field to an old event', () => {
    // Prepare
    const previous = inspection();
    const next = inspection((d) => {
      d.version = 3;
      d.events = [
        { event: 'started', fields: { inspectorCount: 'number', onSite: 'boolean', leadInspector: 'string' } },
        { event: 'reported', fields: { conclusion: 'string', fineYuan: 'number' } },
      ];
      d.rules = (d.rules as { type: string }[]).filter((rule) => rule.type === 'band');
    });

    // Act
    const problems = nonAdditiveChanges(previous, next);

    // Assess
    expect(problems.map((problem) => ({ pointer: problem.pointer, detail: problem.detail.en }))).toEqual([
      { pointer: '/events/0/fields/inspectorCount', detail: "field 'inspectorCount' of event 'started' must stay a integer, not become a number" },
      { pointer: '/events/0/fields/leadInspector', detail: "event 'started' cannot gain a field: its stored records lack it; add a new event instead" },
      { pointer: '/events/1/fields', detail: "field 'rectifyBy' of event 'reported' must remain (instant)" },
      { pointer: '/events', detail: "event 'closed' of version 2 must remain: stored records use it" },
    ]);
    expect(problems.map((problem) => problem.detail.zh)).toEqual([
      '事件「started」的字段「inspectorCount」须保持 integer 类型，不能改为 number',
      '事件「started」不能增加字段：已存储的记录没有该字段；请改为新增事件',
      '事件「reported」的字段「rectifyBy」必须保留（instant）',
      '第 2 版的事件「closed」必须保留：已存储的记录使用该事件',
    ]);
  });
});
