import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { builtInKinds, KindDefinition, kindDefinitionSchema } from '#shared/domain/configured-kinds/kind-definition.ts';
import { recordKinds } from '#shared/domain/records/record-families.ts';
import { anInspectionDefinition } from './kind-definition-mother.ts';
import { wordsOfMessage } from '#shared/http/problem.ts';

type Definition = Record<string, unknown> & { events: Record<string, unknown>[]; rules: Record<string, unknown>[] };

/** The inspection definition with `change` applied to a copy. */
function definitionWith(change: (definition: Definition) => void): Definition {
  const definition = structuredClone(anInspectionDefinition()) as Definition;
  change(definition);
  return definition;
}

/** Each issue as `path: message`, the way a supervisor reads it. */
function problemsOf(error: z.ZodError | undefined): string[] {
  return (error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${wordsOfMessage(issue.message).en}`);
}

describe('kind definition', () => {
  it('accepts a kind with a working-day clock, a calendar-day clock and two bands', () => {
    // Prepare
    const raw = anInspectionDefinition();

    // Act
    const definition = KindDefinition.parse(raw);

    // Assess
    expect(definition).toEqual(raw);
  });

  it('trims the name and the legal bases a supervisor typed', () => {
    // Prepare
    const raw = definitionWith((definition) => {
      definition.name = '  行政检查 ';
      (definition.rules[0] as Record<string, unknown>).legalBasis = ' 第十条 ';
    });

    // Act
    const definition = KindDefinition.parse(raw);

    // Assess
    expect(definition.name).toBe('行政检查');
    expect(definition.rules[0]?.legalBasis).toBe('第十条');
  });

  it.each([
    [
      'a clock to an undeclared event',
      (d: Definition) => ((d.rules[1] as Record<string, unknown>).to = 'archived'),
      "rules.1.to: event 'archived' is not declared",
    ],
    [
      'a clock from an undeclared event',
      (d: Definition) => ((d.rules[0] as Record<string, unknown>).from = 'opened'),
      "rules.0.from: event 'opened' is not declared",
    ],
    [
      'a clock from an event to itself',
      (d: Definition) => ((d.rules[0] as Record<string, unknown>).to = 'started'),
      "rules.0.to: must differ from 'from' ('started')",
    ],
    [
      'a band on an undeclared event',
      (d: Definition) => ((d.rules[2] as Record<string, unknown>).event = 'opened'),
      "rules.2.event: event 'opened' is not declared",
    ],
    [
      'a band on an undeclared field',
      (d: Definition) => ((d.rules[2] as Record<string, unknown>).field = 'inspectors'),
      "rules.2.field: event 'started' declares no field 'inspectors'",
    ],
    [
      'a band on a string field',
      (d: Definition) => Object.assign(d.rules[3] as Record<string, unknown>, { field: 'conclusion' }),
      "rules.3.field: field 'conclusion' is a string; a band needs an integer or number field",
    ],
    [
      'a band with min above max',
      (d: Definition) => Object.assign(d.rules[3] as Record<string, unknown>, { min: 100, max: 10 }),
      'rules.3.max: must not be less than min (100)',
    ],
    ['a band with neither min nor max', (d: Definition) => delete (d.rules[2] as Record<string, unknown>).min, 'rules.2.min: a band needs min, max or both'],
    [
      'a rule id used twice',
      (d: Definition) => ((d.rules[3] as Record<string, unknown>).ruleId = 'inspection.inspector-count'),
      "rules.3.ruleId: rule id 'inspection.inspector-count' is used twice",
    ],
    [
      'a rule id outside the kind',
      (d: Definition) => ((d.rules[0] as Record<string, unknown>).ruleId = 'licensing.report-time-limit'),
      "rules.0.ruleId: must start with 'inspection.' and name the rule after it",
    ],
    [
      'an event declared twice',
      (d: Definition) => ((d.events[2] as Record<string, unknown>).event = 'reported'),
      "events.2.event: event 'reported' is declared twice",
    ],
    [
      'a field named like a common record field',
      (d: Definition) => ((d.events[0] as Record<string, unknown>).fields = { caseId: 'string' }),
      "events.0.fields.caseId: field 'caseId' is a common record field",
    ],
    [
      'a prompt that starts before the clock does',
      (d: Definition) => ((d.rules[0] as Record<string, unknown>).promptBefore = 5),
      "rules.0.promptBefore: must be less than the limit (5): the prompt would start before 'started'",
    ],
    [
      'a summary with an unknown placeholder',
      (d: Definition) => ((d.rules[1] as Record<string, unknown>).summary = 'Closed late by {caseId}.'),
      'rules.1.summary: unknown placeholder {caseId}; use {deadline}, {from}, {to}, {limit}',
    ],
    ['a kind without rules', (d: Definition) => (d.rules = []), 'rules: at least one rule'],
  ])('refuses %s, naming the path', (_case, change, problem) => {
    // Prepare
    const raw = definitionWith(change);

    // Act
    const result = KindDefinition.safeParse(raw);

    // Assess
    expect(problemsOf(result.error)).toContain(problem);
  });

  it('refuses a built-in kind, naming the kind', () => {
    // Prepare
    const raw = definitionWith((definition) => {
      definition.kind = 'disclosure';
      definition.rules = definition.rules.map((rule) => ({ ...rule, ruleId: String(rule.ruleId).replace('inspection.', 'disclosure.') }));
    });

    // Act
    const result = KindDefinition.safeParse(raw);

    // Assess
    expect(problemsOf(result.error)).toEqual(["kind: 'disclosure' is a built-in kind"]);
  });

  it('refuses the kinds it is told are reserved, and only those', () => {
    // Prepare
    const schema = kindDefinitionSchema(['inspection']);

    // Act
    const refused = schema.safeParse(anInspectionDefinition());
    const accepted = kindDefinitionSchema([]).safeParse(anInspectionDefinition());

    // Assess
    expect(problemsOf(refused.error)).toEqual(["kind: 'inspection' is a built-in kind"]);
    expect(accepted.success).toBe(true);
  });

  it('reserves exactly the kinds served by code', () => {
    // Prepare
    const served = [...recordKinds].sort();

    // Act
    const reserved = [...builtInKinds].sort();

    // Assess
    expect(reserved).toEqual(served);
  });

  it('refuses unknown fields, a limit in no unit and an unknown field type', () => {
    // Prepare
    const raw = definitionWith((definition) => {
      definition.owner = 'someone';
      (definition.rules[0] as Record<string, unknown>).limit = { months: 2 };
      (definition.events[0] as Record<string, unknown>).fields = { inspectorCount: 'decimal' };
    });

    // Act
    const result = KindDefinition.safeParse(raw);

    // Assess
    const paths = (result.error?.issues ?? []).map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['', 'rules.0.limit', 'events.0.fields.inspectorCount']));
    expect(problemsOf(result.error)).toContain('rules.0.limit: either { workingDays } or { calendarDays }: an integer from 1 to 3650');
  });

  it('refuses kind and event names that are not lower camel case, and a limit beyond ten years', () => {
    // Prepare
    const raw = definitionWith((definition) => {
      definition.kind = 'In';
      (definition.events[2] as Record<string, unknown>).event = 'closed-case';
      (definition.rules[0] as Record<string, unknown>).limit = { workingDays: 3651 };
    });

    // Act
    const result = KindDefinition.safeParse(raw);

    // Assess
    const paths = (result.error?.issues ?? []).map((issue) => issue.path.join('.'));
    expect(paths).toEqual(['kind', 'events.2.event', 'rules.0.limit.workingDays', 'rules.1.to']);
  });

  it('refuses more than thirty fields on one event', () => {
    // Prepare
    const raw = definitionWith((definition) => {
      (definition.events[2] as Record<string, unknown>).fields = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`note${i}`, 'string']));
    });

    // Act
    const result = KindDefinition.safeParse(raw);

    // Assess
    expect(problemsOf(result.error)).toEqual(['events.2.fields: at most 30 fields']);
  });
});
