/**
 * The organ that issues a complaint's written notices (落款), and that handles it when no
 * department does: the supervisory organ of the complaint's jurisdiction, as the city's structure
 * names it (`宁波市海曙区监察委员会`, `余姚市监察委员会`, ...). A jurisdiction without a profile is
 * issued in the city's name, which is never wrong in law: the city organ supervises every
 * jurisdiction below it.
 */
import type { JurisdictionEntry } from '../city-structure/city-structure.ts';

/** The structure names no organ at all: it was never applied (a deployment always applies it). */
export class CityStructureMissingError extends Error {
  constructor(jurisdiction: string) {
    super(`no issuing organ for ${jurisdiction}: neither it nor the city has a profile (the deployment applies the city's structure)`);
    this.name = 'CityStructureMissingError';
  }
}

/**
 * The issuing organ of `jurisdiction`, given its profile and the city's (either may be missing).
 * @throws CityStructureMissingError when neither profile exists
 */
export function issuingOrganOf(
  jurisdiction: string,
  profiles: { readonly own: Pick<JurisdictionEntry, 'issuingOrgan'> | undefined; readonly city: Pick<JurisdictionEntry, 'issuingOrgan'> | undefined },
): string {
  const organ = profiles.own?.issuingOrgan ?? profiles.city?.issuingOrgan;
  if (organ === undefined) throw new CityStructureMissingError(jurisdiction);
  return organ;
}
