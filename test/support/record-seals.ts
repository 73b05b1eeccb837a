/**
 * Record seals for tests that store records without the local runtime: hour keys derived as KMS
 * derives them (HMAC-SHA-256 of the hour's message under a root key), from a root key of the test's.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { HourKeys, RecordSealer, type SealKeyDerivation } from '#shared/application/record-seals/hour-keys.ts';
import type { Clock } from '#shared/application/ports.ts';

/** GenerateMac's answer, computed here: HMAC-SHA-256 under `root`; counts its calls. */
export class TestSealKeyDerivation implements SealKeyDerivation {
  calls = 0;
  constructor(readonly root: Uint8Array = randomBytes(32)) {}

  async derive(message: Uint8Array): Promise<Uint8Array> {
    this.calls += 1;
    return createHmac('sha256', this.root).update(message).digest();
  }
}

/** A sealer for a repository under test, sealing in the hours of `clock` (the system clock by default). */
export const testRecordSealer = (derivation: SealKeyDerivation = new TestSealKeyDerivation(), clock: Clock = () => new Date()): RecordSealer =>
  new RecordSealer(new HourKeys(derivation, 2), clock);
