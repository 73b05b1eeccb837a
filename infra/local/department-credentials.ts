/**
 * Local stand-ins for the departments' IAM credentials and API keys. In AWS each department signs
 * with its own IAM role and sends the API key API Gateway generated for it (the usage plan counts
 * and throttles each key); locally each gets an access key pair and an API key of the same shapes,
 * created once and kept in `<dataDir>/credentials.json` (mode 0600) so a department's client keeps
 * working across restarts.
 */
import { randomInt } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One department's signing credentials. */
export interface DepartmentCredential {
  readonly department: string;
  /** `LOCAL` followed by 16 upper-case letters or digits. */
  readonly accessKeyId: string;
  /** 40 characters. */
  readonly secretAccessKey: string;
  /** The value it sends in `x-api-key`: 40 letters and digits, as API Gateway generates them. */
  readonly apiKey: string;
  /** The key's id (10 lower-case letters and digits), as `requestContext.identity.apiKeyId` carries it. */
  readonly apiKeyId: string;
}

/** The credentials of every department, looked up the way the SigV4 verifier needs. */
export interface DepartmentCredentials {
  /** Every department's credentials, in the order they were created. */
  readonly all: readonly DepartmentCredential[];
  byAccessKeyId(accessKeyId: string): DepartmentCredential | undefined;
  /** The department an API key was issued to. */
  byApiKey(apiKey: string): DepartmentCredential | undefined;
  forDepartment(department: string): DepartmentCredential | undefined;
}

/** As kept in the file: credentials written before API keys existed have none yet. */
type StoredCredential = Omit<DepartmentCredential, 'apiKey' | 'apiKeyId'> & Partial<Pick<DepartmentCredential, 'apiKey' | 'apiKeyId'>>;

interface CredentialsFile {
  readonly credentials: readonly StoredCredential[];
}

/** Name of the credentials file inside the data directory. */
export const credentialsFileName = 'credentials.json';

const upperAlphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const lowerAlphanumerics = 'abcdefghijklmnopqrstuvwxyz0123456789';
const secretAlphabet = `${upperAlphanumerics}abcdefghijklmnopqrstuvwxyz`;

// Letters and digits only, so keys survive copy-paste into shells and `curl --user AK:SK`.
const randomString = (alphabet: string, length: number): string => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

/** A fresh API key and its id, as API Gateway generates them. */
const generateApiKey = (): Pick<DepartmentCredential, 'apiKey' | 'apiKeyId'> => ({
  apiKey: randomString(secretAlphabet, 40),
  apiKeyId: randomString(lowerAlphanumerics, 10),
});

/** Creates a fresh random credential and API key for a department. */
export function generateDepartmentCredential(department: string): DepartmentCredential {
  return {
    department,
    accessKeyId: `LOCAL${randomString(upperAlphanumerics, 16)}`,
    secretAccessKey: randomString(secretAlphabet, 40),
    ...generateApiKey(),
  };
}

/** Wraps a list of credentials with the lookups. */
export function departmentCredentials(all: readonly DepartmentCredential[]): DepartmentCredentials {
  const byKey = new Map(all.map((credential) => [credential.accessKeyId, credential]));
  const byApiKey = new Map(all.map((credential) => [credential.apiKey, credential]));
  const byDepartment = new Map(all.map((credential) => [credential.department, credential]));
  return {
    all,
    byAccessKeyId: (accessKeyId) => byKey.get(accessKeyId),
    byApiKey: (apiKey) => byApiKey.get(apiKey),
    forDepartment: (department) => byDepartment.get(department),
  };
}

async function readCredentialsFile(path: string): Promise<readonly StoredCredential[]> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as CredentialsFile;
    return parsed.credentials;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`cannot read department credentials from ${path}: ${(error as Error).message}`);
  }
}

/** Writes a secret file readable by its owner only, atomically (no half-written credentials). */
export async function writeSecretFile(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  await rename(temporary, path);
  // An existing file keeps its mode through rename on some systems; make sure.
  await chmod(path, 0o600);
}

/**
 * Loads the departments' credentials from `<dataDir>/credentials.json`, creating credentials for
 * any listed department that has none yet, and an API key for any that has none yet (a file
 * written before departments had keys). Existing keys and secrets are never changed.
 */
export async function loadDepartmentCredentials(dataDir: string, departments: readonly string[]): Promise<DepartmentCredentials> {
  const path = join(dataDir, credentialsFileName);
  const stored = await readCredentialsFile(path);
  const existing: DepartmentCredential[] = stored.map((credential) =>
    credential.apiKey !== undefined && credential.apiKeyId !== undefined ? (credential as DepartmentCredential) : { ...credential, ...generateApiKey() },
  );
  const keysAdded = stored.some((credential) => credential.apiKey === undefined || credential.apiKeyId === undefined);
  const known = new Set(existing.map((credential) => credential.department));
  const created = departments.filter((department) => !known.has(department)).map(generateDepartmentCredential);
  const all = [...existing, ...created];
  if (created.length > 0 || keysAdded) {
    await mkdir(dataDir, { recursive: true });
    const file: CredentialsFile = { credentials: all };
    await writeSecretFile(path, `${JSON.stringify(file, null, 2)}\n`);
  }
  return departmentCredentials(all);
}
