/**
 * Hour keys of the record seals, derived from the root key once per hour per container and held
 * only in memory: the writer asks for the current hour's key, the verifier for the key of each
 * hour it checks. Only the keys asked for last are kept; an evicted key's bytes are overwritten
 * (a caller uses a key right after it resolves, before it asks for another hour's).
 */
import type { Clock } from '../ports.ts';
import { hourKeyMessage, sealHourOf, type HourKey } from './record-seal.ts';

/** The root key's HMAC of a message (KMS `GenerateMac` with the record-seal key). */
export interface SealKeyDerivation {
  derive(message: Uint8Array): Promise<Uint8Array>;
}

/** Length of an hour key (HMAC-SHA-256). */
export const hourKeyBytes = 32;

export class HourKeys {
  readonly #derivation: SealKeyDerivation;
  readonly #retain: number;
  readonly #keys = new Map<string, Promise<HourKey>>();

  /**
   * @param retain how many hours' keys stay in memory: 2 for a writer (the current hour and the
   * one before, for writes that straddle the hour), 1 for a verifier that checks hour after hour.
   */
  constructor(derivation: SealKeyDerivation, retain = 2) {
    this.#derivation = derivation;
    this.#retain = Math.max(1, retain);
  }

  /** The key of `hour` (`YYYY-MM-DDTHH`), derived on first use. */
  keyOf(hour: string): Promise<HourKey> {
    const held = this.#keys.get(hour);
    if (held !== undefined) return held;
    const derived = this.#derive(hour);
    this.#keys.set(hour, derived);
    // A failed derivation is not kept: the next use asks KMS again.
    derived.catch(() => this.#keys.get(hour) === derived && this.#keys.delete(hour));
    this.#evict();
    return derived;
  }

  async #derive(hour: string): Promise<HourKey> {
    const key = await this.#derivation.derive(hourKeyMessage(hour));
    if (key.byteLength !== hourKeyBytes) throw new Error(`an hour key must be ${hourKeyBytes} bytes`);
    return { hour, key };
  }

  /** Drops the keys asked for longest ago (a Map keeps insertion order), never the one just asked for. */
  #evict(): void {
    for (const [hour, evicted] of this.#keys) {
      if (this.#keys.size <= this.#retain) break;
      this.#keys.delete(hour);
      void evicted.then((held) => held.key.fill(0)).catch(() => undefined);
    }
  }
}

/** What a writer seals with: the key of the hour it writes in. */
export class RecordSealer {
  constructor(
    private readonly keys: HourKeys,
    private readonly clock: Clock,
  ) {}

  /** The key of the current hour. */
  currentKey(): Promise<HourKey> {
    return this.keys.keyOf(sealHourOf(this.clock()));
  }
}
