/**
 * Ports of the city's structure (jurisdiction and department profiles in the `reference` table,
 * access patterns in `shared/tables.ts`). Implemented by `DynamoDbCityStructureRepository`;
 * `JurisdictionDirectory` also by the cached `DynamoDbReferenceReader`.
 */
import type { JurisdictionEntry, StoredDepartment, StoredJurisdiction } from '../../domain/city-structure/city-structure.ts';

/** A jurisdiction's name, kind and issuing organ, as the complaint and notice use cases read them (cached per container). */
export interface JurisdictionDirectory {
  jurisdiction(jurisdiction: string): Promise<JurisdictionEntry | undefined>;
}

/** The stored profiles, read consistently, and written under their version. */
export interface CityStructureRepository {
  jurisdiction(jurisdiction: string): Promise<StoredJurisdiction | undefined>;
  /** Every jurisdiction, the city first, then by id. */
  jurisdictions(): Promise<StoredJurisdiction[]>;
  department(department: string): Promise<StoredDepartment | undefined>;
  /** Every department, or those of one jurisdiction; by jurisdiction, then id. */
  departments(jurisdiction?: string): Promise<StoredDepartment[]>;
  /**
   * Stores the profile if the stored one still has `expectedVersion` (0: none is stored);
   * else throws `CityStructureVersionChanged`. The profile carries its new version.
   */
  putJurisdiction(profile: StoredJurisdiction, expectedVersion: number): Promise<void>;
  /** As {@link putJurisdiction}, for a department. */
  putDepartment(profile: StoredDepartment, expectedVersion: number): Promise<void>;
}
