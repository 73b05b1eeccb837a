/**
 * A role's grants as pairs of action and resource (patterns as IAM writes them), and which of
 * them a set of recorded uses exercised.
 */
import type { PolicyDocument, RecordedDecision } from '#infra/local/iam/iam-authorizer.ts';

/** One action on one resource that a policy allows (either may be a pattern with `*`). */
export interface Grant {
  readonly action: string;
  readonly resource: string;
}

const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

/** The pairs every `Allow` statement of the policies grants (conditions aside), resources renamed. */
export function grantsOf(policies: readonly { readonly document: PolicyDocument }[], rename: (resource: string) => string): Grant[] {
  const grants = new Map<string, Grant>();
  for (const { document } of policies) {
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    for (const statement of statements) {
      if (statement['Effect'] !== 'Allow') continue;
      for (const action of asList(statement['Action'])) {
        for (const resource of asList(statement['Resource'])) {
          const grant = { action, resource: rename(resource) };
          grants.set(`${grant.action} ${grant.resource}`, grant);
        }
      }
    }
  }
  return [...grants.values()];
}

/** IAM's wildcard match (`*` any run of characters, `?` one), case-insensitive for actions. */
const matcher = (pattern: string, flags = ''): RegExp =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    flags,
  );

/** The grants no recorded use falls under. */
export function unusedGrants(grants: readonly Grant[], uses: readonly RecordedDecision[]): Grant[] {
  return grants.filter((grant) => {
    const action = matcher(grant.action, 'i');
    const resource = matcher(grant.resource);
    return !uses.some((use) => action.test(use.action) && resource.test(use.resource));
  });
}
