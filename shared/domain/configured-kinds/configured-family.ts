/**
 * Record families built from kind definitions (Measures Art. 17(6), Art. 25): a kind a supervisor
 * configured is ingested, folded, summarized and evaluated through the same `RecordFamily`
 * interface as the kinds served by code.
 */
import type { RecordFamily } from '../records/record-family.ts';
import { configuredCaseFold, type ConfiguredCaseState } from './configured-case.ts';
import { configuredEventSchema, configuredMatterSchema, type ConfiguredEvent, type ConfiguredMatter } from './configured-event.ts';
import { evaluateConfiguredCase } from './configured-rules.ts';
import type { KindDefinition } from './kind-definition.ts';

/** The family of a configured kind. */
export type ConfiguredFamily = RecordFamily<ConfiguredEvent, ConfiguredCaseState, ConfiguredMatter>;

/**
 * The record family of a kind definition, which must have been parsed by `KindDefinition` (or
 * `kindDefinitionSchema`): its schemas are built once, here. The stage of a case is the event
 * name of its last event in sequence order.
 */
export function configuredFamily(definition: KindDefinition): ConfiguredFamily {
  return {
    kind: definition.kind,
    eventSchema: configuredEventSchema(definition),
    matterSchema: configuredMatterSchema(definition.kind),
    fold: configuredCaseFold(definition),
    summarize: (state) => ({
      matterCode: state.matterCode,
      lastSequence: state.lastSequence,
      eventCount: state.eventCount,
      stage: state.lastEvent,
    }),
    evaluate: (state, _matter, asOf, calendar) => evaluateConfiguredCase(definition, state, asOf, calendar),
  };
}

/** The families of `definitions`; throws a `RangeError` when two definitions name the same kind. */
export function configuredFamilies(definitions: readonly KindDefinition[]): ConfiguredFamily[] {
  const seen = new Set<string>();
  return definitions.map((definition) => {
    if (seen.has(definition.kind)) throw new RangeError(`two definitions of kind '${definition.kind}'`);
    seen.add(definition.kind);
    return configuredFamily(definition);
  });
}
