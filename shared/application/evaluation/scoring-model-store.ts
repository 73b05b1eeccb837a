/** The port of the scoring models' versions (效能评估模型): stored once, never changed. */
import type { ScoringModel } from '../../domain/evaluation/scoring-model.ts';
import { VersionChanged } from '../store-refusals.ts';

export interface ScoringModelStore {
  /** An owner's versions, oldest first, read consistently (a new version is checked against them). */
  listVersions(owner: string): Promise<ScoringModel[]>;
  /** One version of an owner's model. */
  version(owner: string, version: number): Promise<ScoringModel | undefined>;
  /**
   * Stores a new version, only if no version of that number exists; else {@link ScoringModelVersionTaken}.
   * Versions are numbered densely (latest + 1), so two writers that read the same versions contend
   * for the same number, and one of them loses.
   */
  addVersion(model: ScoringModel): Promise<void>;
}

/** Someone stored a version of that number since the versions were read. */
export class ScoringModelVersionTaken extends VersionChanged {}
