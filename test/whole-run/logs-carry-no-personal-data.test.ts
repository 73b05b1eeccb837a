/**
 * Over the whole test run: every line every function wrote to its log (at the deployed level),
 * scanned for identity numbers, phone numbers, JWTs, query tokens and API keys, and the names and
 * addresses the end-to-end suite filed complaints with, and the responsible officials' names it sent on records. CloudWatch Logs would keep any of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { e2eComplainants } from '../support/e2e-complainants.ts';
import { e2eOfficials } from '../support/e2e-officials.ts';
import { functionLogFileSuffix, type RecordedLogLine } from '../support/test-runtime.ts';
import { personalDataIn } from './personal-data-scan.ts';

const wholeRun = inject('wholeRun');
const usageDirectory = inject('usageDirectory');

/** Every function log line the run's local runtimes recorded. */
function recordedLogLines(): RecordedLogLine[] {
  return readdirSync(usageDirectory)
    .filter((file) => file.endsWith(functionLogFileSuffix))
    .flatMap((file) => readFileSync(join(usageDirectory, file), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as RecordedLogLine);
}

const complainantTexts = Object.values(e2eComplainants).flatMap((person) => [
  person.name,
  person.idNumber,
  person.phone,
  ...('address' in person ? [person.address] : []),
]);

/** The responsible officials' names the suite sends on records: personal data as well. */
const officialNames = Object.values(e2eOfficials).map((official) => official.name);

describe.runIf(wholeRun)('the logs of the whole run', () => {
  const lines = recordedLogLines();

  it('were recorded from the functions that handle personal data, at the deployed level', () => {
    const writers = new Set(lines.map((line) => line.function));
    expect(lines.length).toBeGreaterThan(500);
    expect([...writers]).toEqual(expect.arrayContaining(['staff-authorizer', 'ingest-records', 'process-records', 'console-api', 'deadline-sweep']));
    expect(lines.some((line) => line.line.includes('"level":"INFO"'))).toBe(true);
  });

  it("carry no identity number, phone number, token, complainant's name or address, or responsible official's name", () => {
    const findings = lines.flatMap(({ function: name, line }) =>
      personalDataIn(line, [...complainantTexts, ...officialNames]).map((finding) => `${name}: ${finding.kind} ${finding.text} in ${line.slice(0, 300)}`),
    );
    expect(findings).toEqual([]);
  });
});
