/**
 * The demonstration data of the local runtime, and nothing written behind the API's back: the
 * city, its jurisdictions and departments are those of the runtime's deployment configuration
 * (applied by the deployment step, as in AWS), and the catalogue (事项目录) is the catalogue file
 * `demo-catalogue.json`, loaded through the catalogue API with a locally minted supervisor token
 * by the same code as `npm run catalogue:load`. Generated data only — no production data outside
 * production (Data Security Law).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CatalogueMatter, DepartmentProfile } from '#shared/domain/catalogue/catalogue-matter.ts';
import { matterOfVersion, type MatterVersion } from '#shared/domain/catalogue/matter-version.ts';
import type { MatterBase } from '#shared/domain/records/record-family.ts';
import { checkCatalogueFile } from '#infra/operations/catalogue-file.ts';
import { loadCatalogueFile, type MatterOutcome } from '#infra/operations/catalogue-loader.ts';
import { loadLocalDeploymentConfig } from './deployment-configuration.ts';
import type { StaffTokenRequest } from './identity-provider.ts';

/** The demo catalogue: a catalogue file as an operator would write one. */
export const demoCatalogueFile: string = fileURLToPath(new URL('./demo-catalogue.json', import.meta.url));

/** The departments of the local configuration, as profiles. */
export const demoDepartments: readonly DepartmentProfile[] = loadLocalDeploymentConfig().departments.map(({ id, name, jurisdiction }) => ({
  department: id,
  name,
  jurisdiction,
}));

function demoFileMatters(): MatterBase[] {
  const check = checkCatalogueFile(JSON.parse(readFileSync(demoCatalogueFile, 'utf8')));
  if (!check.ok) throw new Error(`${demoCatalogueFile}: ${check.problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`);
  return check.matters.map((matter) => matterOfVersion({ ...matter.content, version: 1 } as MatterVersion));
}

/** Every matter of the demo catalogue (as the family's schema reads it, defaults applied), whatever its family. */
export const demoMatters: readonly MatterBase[] = demoFileMatters();

/** The licensing matters of the demo catalogue. */
export const demoCatalogue: readonly CatalogueMatter[] = demoMatters.filter((matter): matter is CatalogueMatter => matter.kind === 'licensing');

/**
 * Loads the demo catalogue through the catalogue API as a city supervisor would: the token is
 * minted by the local identity provider and lives ten minutes. Idempotent: a persistent runtime
 * loads it at every start and changes nothing the second time.
 * @throws Error naming each matter the API refused
 */
export async function loadDemoCatalogue(options: {
  readonly apiUrl: string;
  readonly mintStaffToken: (request: StaffTokenRequest) => Promise<string>;
}): Promise<readonly MatterOutcome[]> {
  const token = await options.mintStaffToken({ subject: 'local-demo-catalogue', role: 'citySupervisor', jurisdiction: 'city', expiresInSeconds: 600 });
  // Every department at once: each runtime a test starts loads it, and its departments share no item.
  const load = await loadCatalogueFile(demoCatalogueFile, { apiUrl: options.apiUrl, token }, { departmentsAtOnce: Number.POSITIVE_INFINITY });
  if (!load.checked) throw new Error(`demo catalogue: ${load.problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`);
  const refused = load.outcomes.filter((outcome) => outcome.outcome === 'refused');
  if (refused.length > 0) throw new Error(`demo catalogue refused: ${refused.map((o) => `${o.department}/${o.matterCode} ${o.detail}`).join('; ')}`);
  return load.outcomes;
}
