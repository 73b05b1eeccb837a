/**
 * A city supervisor defines a new kind of supervised act by configuration (Art. 17(6), Art. 25):
 * its events and fields, and its rules — "a clock between two events" or "a value outside a
 * band". Primary course: only the city supervisor; the definition is checked in full (every
 * problem named by its path, nothing stored otherwise); versions follow one another (409 on a
 * stale one); the change is audited. Processing picks it up within a minute.
 */
import type { StaffPrincipal } from '../access/principal.ts';
import { KindDefinition } from '../domain/configured-kinds/kind-definition.ts';
import { nonAdditiveChanges } from '../domain/configured-kinds/kind-evolution.ts';
import { builtInFamilies } from '../domain/records/record-families.ts';
import { RoleNotPermitted } from '../domain/access-refusals.ts';
import { BodyDisagreesWithPath, InvalidInput } from '../domain/refusal.ts';
import { fieldErrorsFromZod } from './schema-field-errors.ts';
import type { AuditLog, Clock, RecordKindStore } from './ports.ts';
import type { Bilingual } from '../domain/bilingual.ts';

export interface DefineRecordKindDependencies {
  readonly kinds: RecordKindStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

const invalidDefinition: Bilingual = { zh: '记录种类定义无效', en: 'Invalid record kind definition' };

/** A new version of a record kind may add fields and events, never take away or change what records already carry. */
export class KindVersionOnlyAdds extends InvalidInput {}

export async function defineRecordKind(principal: StaffPrincipal, kind: string, body: unknown, deps: DefineRecordKindDependencies): Promise<KindDefinition> {
  const actor = `${principal.role}:${principal.subject}`;
  if (principal.role !== 'citySupervisor') {
    await deps.audit.append({ action: 'recordKind.define', outcome: 'denied', actor, target: `kind:${kind}` });
    throw new RoleNotPermitted({ zh: '只有市级监督机构可以定义记录种类', en: 'Only the city supervisor defines record kinds' });
  }
  const parsed = KindDefinition.safeParse(body);
  if (!parsed.success) throw new InvalidInput(invalidDefinition, undefined, fieldErrorsFromZod(parsed.error));
  if (parsed.data.kind !== kind)
    throw new BodyDisagreesWithPath(invalidDefinition, undefined, [
      { pointer: '/kind', detail: { zh: `应为 ${kind}，与路径一致`, en: `must be ${kind}, as in the path` } },
    ]);
  // A new version must be additive: stored events of the kind are folded again by it.
  const stored = (await deps.kinds.list()).find(
    (candidate) => candidate.version === parsed.data.version - 1 && KindDefinition.safeParse(candidate.definition).data?.kind === kind,
  );
  const previous = stored === undefined ? undefined : KindDefinition.safeParse(stored.definition).data;
  const problems = previous === undefined ? [] : nonAdditiveChanges(previous, parsed.data);
  if (problems.length > 0)
    throw new KindVersionOnlyAdds({ zh: '记录种类的新版本只能增加内容', en: 'A new version of a record kind may only add' }, undefined, problems);
  await deps.kinds.put(kind, { definition: parsed.data, version: parsed.data.version, updatedAt: deps.clock().toISOString(), updatedBy: actor });
  await deps.audit.append({ action: 'recordKind.define', outcome: 'allowed', actor, target: `kind:${kind}`, reason: `version ${parsed.data.version}` });
  return parsed.data;
}

export interface RecordKindListing {
  readonly builtIn: readonly string[];
  readonly configured: readonly { readonly definition: unknown; readonly version: number; readonly updatedAt: string }[];
}

export async function listRecordKinds(deps: Pick<DefineRecordKindDependencies, 'kinds'>): Promise<RecordKindListing> {
  const stored = await deps.kinds.list();
  return { builtIn: builtInFamilies.kinds, configured: stored.map(({ definition, version, updatedAt }) => ({ definition, version, updatedAt })) };
}
