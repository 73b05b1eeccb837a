/**
 * The runbook cannot fall behind the stacks: every alarm a deployment synthesizes has an entry in
 * docs/operations.md ("Alarms and runbook", one `###` entry per alarm, headed by its name
 * patterns), and every entry still names an alarm that exists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '#infra/cdk/constructs/app-function.ts';
import { functions, schedules } from '#shared/topology.ts';
import { synthesizeDeployments, type SynthesizedDeployment } from './synthesize-deployments.ts';

let deployments: readonly SynthesizedDeployment[];
let dispose = (): void => {};

beforeAll(() => {
  ({ deployments, dispose } = synthesizeDeployments({ securityChecks: false }));
}, 120_000);

afterAll(() => dispose());

/** The `## Alarms and runbook` section of a document, up to the next level-2 heading. */
const runbookSection = (markdown: string): string => {
  const start = markdown.indexOf('## Alarms and runbook\n');
  if (start < 0) throw new Error('docs/operations.md has no "## Alarms and runbook" section');
  const rest = markdown.slice(start + '## Alarms and runbook\n'.length);
  const next = rest.search(/^## /m);
  return next < 0 ? rest : rest.slice(0, next);
};

/** The alarm name patterns of each `###` entry: the backticked `<prefix>-...` names in its heading. */
const documentedPatterns = (section: string): string[] =>
  [...section.matchAll(/^### (.*)$/gm)].flatMap((heading) => [...(heading[1] ?? '').matchAll(/`(<prefix>-[^`]+)`/g)].map((match) => match[1] ?? ''));

/** What a placeholder of a pattern may stand for. */
const placeholders = (prefix: string): Record<string, readonly string[]> => ({
  prefix: [prefix],
  function: functions.map((spec) => spec.name),
  sweep: [...new Set(schedules.map((schedule) => schedule.function))],
});

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern as a regular expression; an unknown placeholder is an error, not a wildcard. */
const patternRegExp = (pattern: string, prefix: string): RegExp => {
  const values = placeholders(prefix);
  const source = pattern
    .split(/(<[a-z]+>)/)
    .map((part) => {
      const name = /^<([a-z]+)>$/.exec(part)?.[1];
      if (name === undefined) return escape(part);
      const allowed = values[name];
      if (allowed === undefined) throw new Error(`unknown placeholder <${name}> in ${pattern}`);
      return `(${allowed.map(escape).join('|')})`;
    })
    .join('');
  return new RegExp(`^${source}$`);
};

const alarmNames = (template: Template): string[] =>
  Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => String((alarm as { Properties: { AlarmName: string } }).Properties.AlarmName));

const patterns = documentedPatterns(runbookSection(readFileSync(join(repositoryRoot, 'docs', 'operations.md'), 'utf8')));

describe('the alarms runbook', () => {
  it('documents alarm patterns', () => {
    expect(patterns.length).toBeGreaterThanOrEqual(8);
  });

  it('has an entry for every alarm of every deployment', () => {
    for (const deployment of deployments) {
      // Prepare
      const regExps = patterns.map((pattern) => patternRegExp(pattern, deployment.config.prefix));

      // Act
      const undocumented = [deployment.stateful, deployment.stateless, deployment.monitoring]
        .flatMap(alarmNames)
        .filter((name) => !regExps.some((regExp) => regExp.test(name)));

      // Assess
      expect(undocumented, deployment.config.name).toEqual([]);
    }
  });

  it('has no entry for an alarm that no deployment has', () => {
    // Prepare
    const names = deployments.flatMap((deployment) =>
      [deployment.stateful, deployment.stateless, deployment.monitoring].flatMap(alarmNames).map((name) => ({ name, prefix: deployment.config.prefix })),
    );

    // Act
    const stale = patterns.filter((pattern) => !names.some(({ name, prefix }) => patternRegExp(pattern, prefix).test(name)));

    // Assess
    expect(stale).toEqual([]);
  });

  it('would notice an undocumented alarm and a stale entry', () => {
    // Prepare
    const section = '### `<prefix>-<sweep>-lag` lag\n### `<prefix>-retired-alarm` gone\n';
    const [lag, retired] = documentedPatterns(section).map((pattern) => patternRegExp(pattern, 'esup-x'));

    // Act / Assess
    expect(lag?.test('esup-x-deadline-sweep-lag')).toBe(true);
    expect(lag?.test('esup-x-ingest-records-lag')).toBe(false);
    expect(retired?.test('esup-x-api-5xx')).toBe(false);
    expect(() => patternRegExp('<prefix>-<queue>-age', 'esup-x')).toThrow(/unknown placeholder <queue>/);
  });
});
