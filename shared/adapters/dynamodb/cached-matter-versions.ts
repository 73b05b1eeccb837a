import type { CatalogueRepository, MatterInForce } from '../../application/ports.ts';
import { ContainerCache } from '../container-cache.ts';

/**
 * The matter version in force on a date, cached per container for a short time: every record
 * of a case asks for it, and catalogues change a few times a year.
 */
export class CachedMatterVersions implements Pick<CatalogueRepository, 'matterAt'> {
  private readonly cache: ContainerCache<MatterInForce | undefined>;

  constructor(
    private readonly catalogue: Pick<CatalogueRepository, 'matterAt'>,
    ttlMs = 60_000,
    now?: () => number,
  ) {
    this.cache = new ContainerCache({ ttlMs, ...(now ? { now } : {}) });
  }

  matterAt(department: string, matterCode: string, date: string): Promise<MatterInForce | undefined> {
    return this.cache.get(`${department}|${matterCode}|${date}`, () => this.catalogue.matterAt(department, matterCode, date));
  }
}
