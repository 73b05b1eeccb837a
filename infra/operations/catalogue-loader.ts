/**
 * Loads a checked catalogue file through the catalogue API, the way a supervisor would: for each
 * matter, read what is stored (`GET .../catalogue`, `GET .../versions`), and add a version
 * (`POST .../versions`) only when the file's content or dates differ from the latest stored
 * version. Loading the same file again changes nothing. Works against a deployment (its API URL
 * and a supervisor's token from the city's identity provider) and against the local runtime.
 * The token is sent in the Authorization header and never written anywhere.
 */
import { readFile } from 'node:fs/promises';
import { canonicalJson } from '#shared/application/content-hash.ts';
import { mapConcurrently } from '#shared/application/map-concurrently.ts';
import { configuredFamilies } from '#shared/domain/configured-kinds/configured-family.ts';
import { KindDefinition } from '#shared/domain/configured-kinds/kind-definition.ts';
import { builtInFamilies, type RecordFamilyRegistry } from '#shared/domain/records/record-families.ts';
import { checkCatalogueFile, unknownKinds, type CatalogueFileProblem, type PlannedMatter } from './catalogue-file.ts';

/** What happened to one matter of the file. */
export interface MatterOutcome {
  readonly department: string;
  readonly matterCode: string;
  /** `created`: its first version; `versioned`: a new version; `unchanged`: the latest stored version already says this; `refused`: the API said no. */
  readonly outcome: 'created' | 'versioned' | 'unchanged' | 'refused';
  /** The version stored now (the new one, or the latest when unchanged). */
  readonly version?: number;
  /** Why it was refused: the API's status and problem. */
  readonly detail?: string;
}

export interface CatalogueApi {
  /** Base URL of the API, e.g. `https://supervision.example.invalid` or `http://127.0.0.1:3000`. */
  readonly apiUrl: string;
  /** A supervisor's bearer token (a city supervisor for several districts). */
  readonly token: string;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

interface Reply {
  readonly status: number;
  readonly body: any;
}

async function call(api: CatalogueApi, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Reply> {
  const response = await (api.fetch ?? fetch)(new URL(path, api.apiUrl.endsWith('/') ? api.apiUrl : `${api.apiUrl}/`), {
    method,
    headers: { authorization: `Bearer ${api.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed };
}

/** `409 overlapping-effective-dates: 生效日期与已存储的版本重叠 (...)`: enough to act on, nothing secret. */
function problemText(reply: Reply): string {
  const problem = (reply.body ?? {}) as { type?: string; title?: string; detail?: string; errors?: { pointer: string; detail: string }[] };
  // The type names its section of docs/problems.md: the slug is the fragment.
  const slug = problem.type?.split('#').at(-1);
  const errors = (problem.errors ?? []).map((error) => `${error.pointer} ${error.detail}`).join('; ');
  return [`${reply.status}${slug ? ` ${slug}` : ''}`, problem.title, problem.detail, errors].filter((part) => part).join(': ');
}

const relative = (department: string, suffix = '') => `v1/departments/${encodeURIComponent(department)}/catalogue${suffix}`;

/** A stored version's content as the file would state it: record-keeping and the version number left out. */
function contentOfStored(stored: Record<string, unknown>): string {
  const { version: _version, recordedAt: _at, recordedBy: _by, ...content } = stored;
  return canonicalJson(content);
}

/**
 * The record families the API knows: the built-in ones and the kinds configured on it
 * (`GET /v1/record-kinds`), so a file with configured kinds is checked by their schemas too.
 */
export async function familiesOf(api: CatalogueApi): Promise<RecordFamilyRegistry> {
  const reply = await call(api, 'GET', 'v1/record-kinds');
  if (reply.status !== 200) throw new Error(`cannot read the record kinds: ${problemText(reply)}`);
  const definitions = ((reply.body?.configured ?? []) as { definition: unknown }[]).flatMap(({ definition }) => {
    const parsed = KindDefinition.safeParse(definition);
    return parsed.success ? [parsed.data] : [];
  });
  return builtInFamilies.with(configuredFamilies(definitions));
}

/** How {@link loadCatalogue} paces its calls. */
export interface CatalogueLoadOptions {
  /**
   * How many departments are loaded at once, each one's matters still one after the other in the
   * file's order (1 by default, the operator's command; the local runtime's demo data loads every
   * department at once: the matters of different departments share no item).
   */
  readonly departmentsAtOnce?: number;
}

/**
 * Loads the planned matters, department by department, in the file's order. A department the
 * token may not see (or that does not exist) refuses all its matters; one refused matter does not
 * stop the others. The outcomes are in the file's order.
 */
export async function loadCatalogue(matters: readonly PlannedMatter[], api: CatalogueApi, options: CatalogueLoadOptions = {}): Promise<MatterOutcome[]> {
  const byDepartment = new Map<string, PlannedMatter[]>();
  for (const matter of matters) byDepartment.set(matter.department, [...(byDepartment.get(matter.department) ?? []), matter]);
  const loaded = await mapConcurrently([...byDepartment.values()], Math.max(1, options.departmentsAtOnce ?? 1), (departmentMatters) =>
    loadDepartmentMatters(departmentMatters, api),
  );
  const outcomeOf = new Map<PlannedMatter, MatterOutcome>();
  [...byDepartment.values()].forEach((departmentMatters, group) => departmentMatters.forEach((matter, at) => outcomeOf.set(matter, loaded[group]![at]!)));
  return matters.map((matter) => outcomeOf.get(matter)!);
}

/** Loads one department's matters, one after the other; resolves with their outcomes in the same order. */
async function loadDepartmentMatters(matters: readonly PlannedMatter[], api: CatalogueApi): Promise<MatterOutcome[]> {
  const outcomes: MatterOutcome[] = [];
  const catalogues = new Map<string, Reply>();
  for (const matter of matters) {
    const { department, matterCode } = matter;
    let catalogue = catalogues.get(department);
    if (catalogue === undefined) {
      catalogue = await call(api, 'GET', relative(department));
      catalogues.set(department, catalogue);
    }
    if (catalogue.status !== 200) {
      outcomes.push({ department, matterCode, outcome: 'refused', detail: problemText(catalogue) });
      continue;
    }
    const entry = ((catalogue.body?.matters ?? []) as { matterCode: string; latestVersion: number }[]).find((candidate) => candidate.matterCode === matterCode);
    let latest = 0;
    if (entry !== undefined && entry.latestVersion > 0) {
      const versions = await call(api, 'GET', relative(department, `/${encodeURIComponent(matterCode)}/versions`));
      if (versions.status !== 200) {
        outcomes.push({ department, matterCode, outcome: 'refused', detail: problemText(versions) });
        continue;
      }
      const stored = (versions.body?.versions ?? []) as Record<string, unknown>[];
      const newest = stored.at(-1);
      latest = Number(newest?.['version'] ?? 0);
      if (newest !== undefined && contentOfStored(newest) === canonicalJson(matter.content)) {
        outcomes.push({ department, matterCode, outcome: 'unchanged', version: latest });
        continue;
      }
    }
    const posted = await call(api, 'POST', relative(department, `/${encodeURIComponent(matterCode)}/versions`), { ...matter.content, version: latest + 1 });
    outcomes.push(
      posted.status === 201
        ? { department, matterCode, outcome: latest === 0 ? 'created' : 'versioned', version: latest + 1 }
        : { department, matterCode, outcome: 'refused', detail: problemText(posted) },
    );
  }
  return outcomes;
}

/** One line per matter and a count per outcome, for people. */
export function describeOutcomes(outcomes: readonly MatterOutcome[]): string {
  const lines = outcomes.map((o) => {
    const what = `${o.department}/${o.matterCode}`;
    switch (o.outcome) {
      case 'created':
        return `created    ${what} version ${o.version}`;
      case 'versioned':
        return `versioned  ${what} version ${o.version}`;
      case 'unchanged':
        return `unchanged  ${what} (version ${o.version} already says this)`;
      case 'refused':
        return `refused    ${what}: ${o.detail}`;
    }
  });
  const count = (outcome: MatterOutcome['outcome']) => outcomes.filter((o) => o.outcome === outcome).length;
  lines.push(
    `${outcomes.length} matters: ${count('created')} created, ${count('versioned')} versioned, ${count('unchanged')} unchanged, ${count('refused')} refused`,
  );
  return `${lines.join('\n')}\n`;
}

/** The result of loading a file: its problems (nothing was sent), or what happened to each matter. */
export type CatalogueFileLoad =
  { readonly checked: false; readonly problems: readonly CatalogueFileProblem[] } | { readonly checked: true; readonly outcomes: readonly MatterOutcome[] };

/**
 * What `npm run catalogue:load` does: reads the file, checks every matter (with the API's
 * configured kinds when the file names kinds the code does not know), and loads it only when
 * there is no problem at all.
 * @param options.checkOnly check the file and send nothing (configured kinds are still read)
 * @param options.departmentsAtOnce see {@link CatalogueLoadOptions}
 */
export async function loadCatalogueFile(
  file: string,
  api: CatalogueApi,
  options: { readonly checkOnly?: boolean } & CatalogueLoadOptions = {},
): Promise<CatalogueFileLoad> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return { checked: false, problems: [{ path: '(file)', message: `not readable JSON: ${(error as Error).message}` }] };
  }
  const families = unknownKinds(raw).length > 0 ? await familiesOf(api) : builtInFamilies;
  const check = checkCatalogueFile(raw, families);
  if (!check.ok) return { checked: false, problems: check.problems };
  if (options.checkOnly) return { checked: true, outcomes: [] };
  return { checked: true, outcomes: await loadCatalogue(check.matters, api, options) };
}
