/**
 * The wire contract of a configured kind, built from its definition: one strict object per
 * declared event (the common record fields plus the event's own, all required), so an unknown
 * field is refused exactly as for the built-in families.
 */
import * as z from 'zod';
import type { MatterBase, RecordBase } from '../records/record-family.ts';
import { recordFields } from '../records/record-fields.ts';
import { DepartmentId, Instant, MatterCode } from '../records/identifiers.ts';
import type { ConfiguredFieldType, KindDefinition } from './kind-definition.ts';

/** The value of a configured field: text (also instants), a number or a flag. */
export type ConfiguredFieldValue = string | number | boolean;

/** A record of a configured kind: the common fields and the declared fields of its event. */
export interface ConfiguredEvent extends RecordBase {
  readonly classification?: 'public' | 'internal';
  readonly [field: string]: unknown;
}

/** A catalogue matter of a configured kind: the common matter fields; the rules live in the definition. */
export type ConfiguredMatter = MatterBase;

const fieldSchemas: Record<ConfiguredFieldType, z.ZodType<ConfiguredFieldValue>> = {
  string: z.string().min(1).max(2000),
  integer: z.number().int(),
  // zod 4 refuses Infinity and NaN for every number.
  number: z.number(),
  boolean: z.boolean(),
  instant: Instant,
};

/** The strict wire schema of a record of `definition.kind`: a discriminated union on `event`. */
export function configuredEventSchema(definition: KindDefinition): z.ZodType<ConfiguredEvent> {
  const common = recordFields(definition.kind);
  const variants = definition.events.map(({ event, fields = {} }) => {
    const own = Object.fromEntries(Object.entries(fields).map(([name, type]) => [name, fieldSchemas[type]]));
    return z.strictObject({ ...own, ...common, event: z.literal(event) });
  });
  // The definition schema guarantees at least one event.
  return z.discriminatedUnion('event', variants as [(typeof variants)[number], ...(typeof variants)[number][]]) as unknown as z.ZodType<ConfiguredEvent>;
}

/**
 * The schema of a catalogue matter of `kind`. Not strict: a matter item stored with extra keys
 * (written for an earlier definition, or carrying storage attributes) still loads.
 */
export function configuredMatterSchema(kind: string): z.ZodType<ConfiguredMatter> {
  return z.object({
    department: DepartmentId,
    matterCode: MatterCode,
    kind: z.literal(kind),
    name: z.string().min(1).max(200),
    legalBasis: z.string().min(1).max(500),
  });
}
