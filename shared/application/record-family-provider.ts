/**
 * The registry of record families in force: the built-in ones plus the kinds supervisors defined
 * (Art. 17(6)), reloaded at most once a minute per container. A stored definition that no longer
 * passes the checks is left out (and reported), never half-applied.
 */
import { configuredFamilies } from '../domain/configured-kinds/configured-family.ts';
import { KindDefinition } from '../domain/configured-kinds/kind-definition.ts';
import { builtInFamilies, type RecordFamilyRegistry } from '../domain/records/record-families.ts';
import type { RecordKindStore } from './ports.ts';

export class RecordFamilyProvider {
  private current: { registry: RecordFamilyRegistry; until: number } | undefined;
  private loading: Promise<RecordFamilyRegistry> | undefined;
  private lastReloadForUnknown: number | undefined;

  constructor(
    private readonly store: Pick<RecordKindStore, 'list'>,
    private readonly options: { ttlMs?: number; now?: () => number; onInvalidDefinition?: (kind: unknown) => void; unknownKindReloadMs?: number } = {},
  ) {}

  async registry(): Promise<RecordFamilyRegistry> {
    const now = (this.options.now ?? Date.now)();
    if (this.current && this.current.until > now) return this.current.registry;
    this.loading ??= this.load(now).finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /**
   * The registry, read again first when it does not know `kind` (at most once every few seconds
   * per container): a kind a supervisor defined a moment ago, maybe in another container, is
   * found at once by whoever needs it next, e.g. a catalogue matter of that kind.
   */
  async registryKnowing(kind: unknown): Promise<RecordFamilyRegistry> {
    const registry = await this.registry();
    if (typeof kind !== 'string' || registry.familyOf(kind) !== undefined) return registry;
    const now = (this.options.now ?? Date.now)();
    if (this.lastReloadForUnknown !== undefined && now - this.lastReloadForUnknown < (this.options.unknownKindReloadMs ?? 5_000)) return registry;
    this.lastReloadForUnknown = now;
    this.current = undefined;
    return this.registry();
  }

  private async load(now: number): Promise<RecordFamilyRegistry> {
    try {
      const stored = await this.store.list();
      const definitions = stored.flatMap((entry) => {
        const parsed = KindDefinition.safeParse(entry.definition);
        if (!parsed.success) this.options.onInvalidDefinition?.((entry.definition as { kind?: unknown } | null)?.kind);
        return parsed.success ? [parsed.data] : [];
      });
      const registry = builtInFamilies.with(configuredFamilies(definitions));
      this.current = { registry, until: now + (this.options.ttlMs ?? 60_000) };
      return registry;
    } catch (error) {
      // Keep serving the last known registry; with none, fail (retried) rather than refuse configured kinds.
      if (this.current) return this.current.registry;
      throw error;
    }
  }
}
