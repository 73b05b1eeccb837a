/**
 * The record families the system supervises (Art. 17): the built-in ones, and kinds a supervisor
 * defined by configuration (Art. 17(6)), joined in a registry. Ingest, processing and the sweep
 * find a record's family by its `kind` through the registry they are given.
 */
import type { ZodError } from 'zod';
import { licensingFamily } from '../licensing/licensing-family.ts';
import { disclosureFamily } from '../disclosure/disclosure-family.ts';
import { informationSharingFamily } from '../information-sharing/information-sharing-family.ts';
import { onlineServiceFamily } from '../online-services/online-service-family.ts';
import { petitionFamily } from '../petition/petition-family.ts';
import { investmentProjectFamily } from '../investment-projects/investment-project-family.ts';
import { penaltyFamily } from '../penalty/penalty-family.ts';
import { tenderFamily } from '../tender/tender-family.ts';
import type { MatterBase, RecordBase, RecordFamily } from './record-family.ts';
import { wireFastPath, type WireFastPath } from './wire-fast-path.ts';

/** A family with its own types erased, as the use cases handle it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRecordFamily = RecordFamily<any, any, any>;

export type { MatterBase, RecordBase };

export type RecordParse =
  | { readonly ok: true; readonly family: AnyRecordFamily; readonly record: RecordBase }
  | { readonly ok: false; readonly issue: 'unknownKind' }
  | { readonly ok: false; readonly issue: 'invalid'; readonly error: ZodError };

export class RecordFamilyRegistry {
  private readonly byKind: ReadonlyMap<string, AnyRecordFamily>;
  /** Each family's fast path (`null`: none), built on a family's first record, then read from here rather than from its cache by schema. */
  private readonly fastPaths = new Map<string, WireFastPath<unknown> | null>();

  constructor(readonly families: readonly AnyRecordFamily[]) {
    this.byKind = new Map(families.map((family) => [family.kind, family]));
  }

  get kinds(): readonly string[] {
    return this.families.map((family) => family.kind);
  }

  familyOf(kind: unknown): AnyRecordFamily | undefined {
    return typeof kind === 'string' ? this.byKind.get(kind) : undefined;
  }

  /**
   * Validates a raw record against the schema of the family its `kind` names: through the
   * schema's fast path when it vouches for the record (the same result, several times faster),
   * by zod itself otherwise, for the verdict and the errors.
   */
  parseRecord(raw: unknown): RecordParse {
    const family = this.familyOf(raw !== null && typeof raw === 'object' ? (raw as { kind?: unknown }).kind : undefined);
    if (!family) return { ok: false, issue: 'unknownKind' };
    let fastPath = this.fastPaths.get(family.kind);
    if (fastPath === undefined) {
      fastPath = wireFastPath(family.eventSchema) ?? null;
      this.fastPaths.set(family.kind, fastPath);
    }
    const vouched = fastPath?.(raw);
    if (vouched !== undefined) return { ok: true, family, record: vouched as RecordBase };
    // The issues keep their input: a refusal is worded again in Chinese from it.
    const parsed = family.eventSchema.safeParse(raw, { reportInput: true });
    return parsed.success ? { ok: true, family, record: parsed.data as RecordBase } : { ok: false, issue: 'invalid', error: parsed.error };
  }

  /** This registry with more families (configured kinds); a built-in kind is never replaced. */
  with(extra: readonly AnyRecordFamily[]): RecordFamilyRegistry {
    return new RecordFamilyRegistry([...this.families, ...extra.filter((family) => !this.byKind.has(family.kind))]);
  }
}

/** The families built into the code. */
export const builtInFamilies = new RecordFamilyRegistry([
  licensingFamily,
  penaltyFamily,
  tenderFamily,
  disclosureFamily,
  onlineServiceFamily,
  petitionFamily,
  investmentProjectFamily,
  informationSharingFamily,
]);

export const recordFamilies: readonly AnyRecordFamily[] = builtInFamilies.families;
export const recordKinds: readonly string[] = builtInFamilies.kinds;
export const familyOf = (kind: unknown): AnyRecordFamily | undefined => builtInFamilies.familyOf(kind);
export const parseRecord = (raw: unknown): RecordParse => builtInFamilies.parseRecord(raw);
