/**
 * Local stand-ins for the departments' IAM credentials. In AWS each department signs with its
 * own IAM role; locally each gets an access key pair of the same shape, created once and kept in
 * `<dataDir>/credentials.json` (mode 0600) so a department's client keeps working across restarts.
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
}

/** The credentials of every department, looked up the way the SigV4 verifier needs. */
export interface DepartmentCredentials {
  /** Every department's credentials, in the order they were created. */
  readonly all: readonly DepartmentCredential[];
  byAccessKeyId(accessKeyId: string): DepartmentCredential | undefined;
  forDepartment(department: string): DepartmentCredential | undefined;
}

interface CredentialsFile {
  readonly credentials: readonly DepartmentCredential[];
}

/** Name of the credentials file inside the data directory. */
export const credentialsFileName = 'credentials.json';

const upperAlphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const secretAlphabet = `${upperAlphanumerics}abcdefghijklmnopqrstuvwxyz`;

// Letters and digits only, so keys survive copy-paste into shells and `curl --user AK:SK`.
const randomString = (alphabet: string, length: number): string =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

/** Creates a fresh random credential for a department. */
export function generateDepartmentCredential(department: string): DepartmentCredential {
  return {
    department,
    accessKeyId: `LOCAL${randomString(upperAlphanumerics, 16)}`,
    secretAccessKey: randomString(secretAlphabet, 40),
  };
}

/** Wraps a list of credentials with the lookups. */
export function departmentCredentials(all: readonly DepartmentCredential[]): DepartmentCredentials {
  const byKey = new Map(all.map((credential) => [credential.accessKeyId, credential]));
  const byDepartment = new Map(all.map((credential) => [credential.department, credential]));
  return {
    all,
    byAccessKeyId: (accessKeyId) => byKey.get(accessKeyId),
    forDepartment: (department) => byDepartment.get(department),
  };
}

async function readCredentialsFile(path: string): Promise<readonly DepartmentCredential[]> {
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
 * any listed department that has none yet. Existing credentials are never changed.
 */
export async function loadDepartmentCredentials(
  dataDir: string,
  departments: readonly string[],
): Promise<DepartmentCredentials> {
  const path = join(dataDir, credentialsFileName);
  const existing = await readCredentialsFile(path);
  const known = new Set(existing.map((credential) => credential.department));
  const created = departments.filter((department) => !known.has(department)).map(generateDepartmentCredential);
  const all = [...existing, ...created];
  if (created.length > 0) {
    await mkdir(dataDir, { recursive: true });
    const file: CredentialsFile = { credentials: all };
    await writeSecretFile(path, `${JSON.stringify(file, null, 2)}\n`);
  }
  return departmentCredentials(all);
}
