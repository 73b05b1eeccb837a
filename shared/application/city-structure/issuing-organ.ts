/**
 * The issuing organ of a jurisdiction, read from the city's structure: its own profile's organ,
 * or the city's when it has none (`shared/domain/complaints/issuing-organ.ts` holds the rule).
 */
import { issuingOrganOf } from '../../domain/complaints/issuing-organ.ts';
import { cityJurisdiction } from '../../domain/records/identifiers.ts';
import type { JurisdictionDirectory } from './city-structure-repository.ts';

/** @throws CityStructureMissingError when neither the jurisdiction nor the city has a profile */
export async function issuingOrganFor(jurisdiction: string, directory: JurisdictionDirectory): Promise<string> {
  const own = await directory.jurisdiction(jurisdiction);
  const city = own === undefined ? await directory.jurisdiction(cityJurisdiction) : undefined;
  return issuingOrganOf(jurisdiction, { own, city });
}
