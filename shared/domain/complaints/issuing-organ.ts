/**
 * The organ that issues a complaint's written notices (落款): the supervisory organ of the
 * complaint's jurisdiction. The reference data has no jurisdiction profiles yet, so the names are
 * kept here: the city's, and a district's built from its Chinese name (`宁波市海曙区监察委员会`).
 * A district missing from the map is issued in the city's name, which is never wrong in law (the
 * city organ supervises every district) while the map is completed.
 */
import { cityJurisdiction } from '../records/identifiers.ts';

export const cityOrgan = '宁波市监察委员会';

/** Chinese names of the districts (区) of the city, by jurisdiction id. */
export const districtNames: Readonly<Record<string, string>> = { haishu: '海曙', yinzhou: '鄞州' };

export function issuingOrganOf(jurisdiction: string): string {
  if (jurisdiction === cityJurisdiction) return cityOrgan;
  const name = districtNames[jurisdiction];
  return name === undefined ? cityOrgan : `宁波市${name}区监察委员会`;
}

/** Jurisdictions a complaint may name: the city and its districts. */
export const knownJurisdiction = (jurisdiction: string): boolean => jurisdiction === cityJurisdiction || districtNames[jurisdiction] !== undefined;
