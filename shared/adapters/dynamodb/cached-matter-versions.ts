import type { CatalogueRepository, MatterInForce } from '../../application/ports.ts';

/**
 * The matter version in force on a date, cached per container for a short time: every record
 * of a case asks for it, and catalogues change a few times a year.
 */
export class CachedMatterVersions implements Pick<CatalogueRepository, 'matterAt'> {
  private readonly cache = new Map<string, { value: MatterInForce | undefined; until: number }>();

  constructor(
    private readonly catalogue: Pick<CatalogueRepository, 'matterAt'>,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async matterAt(department: string, matterCode: string, date: string): Promise<MatterInForce | undefined> {
    const key = `${department}|${matterCode}|${date}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > this.now()) return hit.value;
    const value = await this.catalogue.matterAt(department, matterCode, date);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { value, until: this.now() + this.ttlMs });
    return value;
  }
}
