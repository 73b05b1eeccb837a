/**
 * Layer boundaries, enforced: the domain stays pure (no AWS, no handlers, no infrastructure),
 * use cases reach the outside only through ports, handlers never call the SDK themselves, and
 * nothing in the product imports the deployment or local-runtime code. Only the edge speaks HTTP:
 * the domain, the use cases and the adapters refuse in their own words (`Refusal`), which the
 * edge maps to statuses, so none of them imports `shared/http/`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** Resolves an import to a repository-relative path (or leaves a package name as is). */
function target(file: string, specifier: string): string {
  if (specifier.startsWith('#shared/')) return `shared/${specifier.slice('#shared/'.length)}`;
  if (specifier.startsWith('#functions/')) return `functions/${specifier.slice('#functions/'.length)}`;
  if (specifier.startsWith('#infra/')) return `infra/${specifier.slice('#infra/'.length)}`;
  if (specifier.startsWith('.')) return relative(root, join(root, file, '..', specifier));
  return specifier;
}

interface Rule {
  readonly layer: string;
  readonly forbidden: readonly RegExp[];
}

const rules: Rule[] = [
  {
    layer: 'shared/domain/',
    forbidden: [
      /^@aws-sdk\//,
      /^@aws-lambda-powertools\//,
      /^@middy\//,
      /^aws-cdk-lib/,
      /^functions\//,
      /^infra\//,
      /^shared\/(adapters|application|http|config)\//,
    ],
  },
  { layer: 'shared/application/', forbidden: [/^@aws-sdk\//, /^aws-cdk-lib/, /^functions\//, /^infra\//, /^shared\/(adapters|http)\//] },
  { layer: 'shared/adapters/', forbidden: [/^functions\//, /^infra\//, /^shared\/http\//] },
  { layer: 'shared/', forbidden: [/^functions\//, /^infra\//, /^aws-cdk-lib/] },
  { layer: 'functions/', forbidden: [/^infra\//, /^aws-cdk-lib/, /^@aws-sdk\//] },
];

describe('layer boundaries', () => {
  const files = [...sourceFiles('shared'), ...sourceFiles('functions')];

  it('finds the source files it guards', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  for (const rule of rules) {
    it(`keeps ${rule.layer} free of forbidden imports`, () => {
      const violations = files
        .filter((file) => file.startsWith(rule.layer))
        .flatMap((file) => importsOf(file).map((specifier) => ({ file, to: target(file, specifier) })))
        .filter(({ to }) => rule.forbidden.some((pattern) => pattern.test(to)))
        .map(({ file, to }) => `${file} -> ${to}`);
      expect(violations).toEqual([]);
    });
  }

  it('detects a violation when one exists', () => {
    const fake = 'shared/domain/x.ts';
    const to = target(fake, '../adapters/dynamodb/document-client.ts');
    expect(rules[0]?.forbidden.some((pattern) => pattern.test(to))).toBe(true);
  });

  it.each([
    ['shared/domain/alerts/x.ts', '../../http/errors.ts'],
    ['shared/application/x.ts', '../http/problem.ts'],
    ['shared/application/complaints/x.ts', '#shared/http/language.ts'],
    ['shared/adapters/dynamodb/x.ts', '../../http/errors.ts'],
  ])('refuses HTTP in %s (%s)', (file, specifier) => {
    const to = target(file, specifier);
    const broken = rules.filter((rule) => file.startsWith(rule.layer) && rule.forbidden.some((pattern) => pattern.test(to)));
    expect(broken.length).toBeGreaterThan(0);
  });
});
