/**
 * Reconciliation (一致性核查, Art. 7(2)) end to end through the local runtime: a department pushes
 * records, submits its manifest of the day (signed with its own identity), lists the buckets the
 * comparison names and learns which records are missing, extra or of another version; staff read
 * the result in their scope; the hourly connection check raises the difference and a late
 * manifest, and clears both once the records are re-pushed and the manifests submitted. Bad
 * manifests are refused naming the field, with nothing stored.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStatisticsIn } from '#infra/operations/statistics-verify.ts';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { contentHash } from '#shared/application/content-hash.ts';
import { shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import { addDays } from '#shared/domain/connection-health/date-range.ts';
import { monthOfInstant, parseStatisticsPeriod } from '#shared/domain/statistics/statistics-period.ts';
import { bucketDigestsOf, bucketOf, totalOf, type RecordEntry } from '#shared/domain/reconciliation/record-digest.ts';
import { callComplaintApi, type ComplaintReply } from '../support/complaint-client.ts';
import { signedPost, signedPut } from '../support/local-api-client.ts';
import { testClientConfig } from '../support/dynamodb.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let citySupervisor: string;
let resourcesLiaison: string;

const housing = 'haishu-housing';
const resources = 'yinzhou-natural-resources';
const matter = 'construction-permit';
const credentialOf = (department: string) => runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
const stamp = Date.now();
const today = shanghaiDate(new Date());
const day = addDays(today, -3);

beforeAll(async () => {
  started = await startTestRuntime('reconciliation');
  runtime = started.runtime;
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-1', role: 'citySupervisor', jurisdiction: 'city' });
  resourcesLiaison = await runtime.mintStaffToken({
    subject: 'liaison-r',
    role: 'departmentLiaison',
    jurisdiction: 'yinzhou',
    department: resources,
    secondFactor: false,
  });
});

afterAll(async () => {
  await started?.dispose();
});

const get = (token: string, path: string): Promise<ComplaintReply> => callComplaintApi(runtime.apiUrl, 'GET', path, { bearer: token });

const record = (caseId: string) => ({
  kind: 'licensing',
  department: housing,
  matterCode: matter,
  caseId,
  sequence: 1,
  event: 'received',
  occurredAt: `${day}T10:00:00+08:00`,
});
const entryOf = (pushed: ReturnType<typeof record>): RecordEntry => ({ caseId: pushed.caseId, sequence: pushed.sequence, version: contentHash(pushed) });

async function push(department: string, records: readonly Record<string, unknown>[]): Promise<number> {
  const pushed = await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credentialOf(department));
  await runtime.idle();
  return pushed.status;
}

/** A manifest of one matter from the department's own records, as its business system computes it. */
function manifestOf(entries: readonly RecordEntry[]) {
  const buckets = bucketDigestsOf(entries);
  return { matters: entries.length === 0 ? [] : [{ matterCode: matter, ...totalOf(buckets), buckets }] };
}

const submit = (department: string, date: string, body: unknown) =>
  signedPut(
    runtime.apiUrl,
    `/v1/departments/${department}/manifests/${date}`,
    typeof body === 'string' ? body : JSON.stringify(body),
    credentialOf(department),
  );
const list = (department: string, date: string, body: unknown) =>
  signedPost(runtime.apiUrl, `/v1/departments/${department}/manifests/${date}/buckets`, JSON.stringify(body), credentialOf(department));

/** The sweep's time at a quarter past the hour of `instant` (the hour before when that is later): when it checks connections. */
function quarterPast(instant: Date): Date {
  const at = new Date(instant);
  at.setUTCMinutes(15, 0, 0);
  return at > instant ? new Date(at.getTime() - 3_600_000) : at;
}

describe('reconciliation of a day', () => {
  const held = Array.from({ length: 6 }, (_, i) => record(`RECON-${stamp}-A${i + 1}`));
  const [a1, a2, a3, a4, a5, a6] = held as [ReturnType<typeof record>, ...ReturnType<typeof record>[]] & ReturnType<typeof record>[];
  const b1 = record(`RECON-${stamp}-B1`);
  // The department's system holds A1..A5 (A2 in a later version it never pushed) and B1, which never arrived.
  const departments: RecordEntry[] = [
    entryOf(a1),
    { ...entryOf(a2!), version: contentHash({ ...a2, event: 'changed-after-push' }) },
    entryOf(a3!),
    entryOf(a4!),
    entryOf(a5!),
    entryOf(b1),
  ];
  const differenceAlert = `/v1/cases/${housing}/connection/reconciliation/alerts/reconciliation.difference`;
  const lateAlert = `/v1/cases/${resources}/connection/reconciliation/alerts/reconciliation.manifest-late`;
  const firstCheck = quarterPast(new Date());

  it('names the buckets that differ, then the missing, extra and version-mismatched records, and staff read it in their scope', async () => {
    // Prepare
    expect(await push(housing, held)).toBe(202);

    // Act
    const compared = await submit(housing, day, manifestOf(departments));
    const buckets = compared.json.matters[0].differingBuckets as string[];
    const listing = buckets.map((bucket) => ({ matterCode: matter, bucket, records: departments.filter((e) => bucketOf(e.caseId, e.sequence) === bucket) }));
    const narrowed = await list(housing, day, { buckets: listing });
    const read = await get(citySupervisor, `/v1/reconciliations/${housing}/${day}`);
    const outside = await get(resourcesLiaison, `/v1/reconciliations/${housing}/${day}`);

    // Assess
    expect(compared.status).toBe(200);
    expect(compared.json).toMatchObject({ department: housing, day, status: 'differing', bucketsToList: buckets.length, missing: 0 });
    expect(compared.json.matters[0]).toMatchObject({ matterCode: matter, declared: { count: 6 }, held: { count: 6 } });
    expect(buckets).toEqual([...new Set([a2!, a6!, b1].map((r) => bucketOf(r.caseId, 1)))].sort());
    expect(narrowed.status).toBe(200);
    expect(narrowed.json).toMatchObject({ status: 'differing', bucketsToList: 0, missing: 1, extra: 1, mismatched: 1 });
    const differences = narrowed.json.differences as { missing: unknown[]; extra: unknown[]; mismatched: unknown[] }[];
    expect(differences.flatMap((d) => d.missing)).toEqual([{ caseId: b1.caseId, sequence: 1 }]);
    expect(differences.flatMap((d) => d.extra)).toEqual([{ caseId: a6!.caseId, sequence: 1 }]);
    expect(differences.flatMap((d) => d.mismatched)).toEqual([
      { caseId: a2!.caseId, sequence: 1, declaredVersion: departments[1]!.version, heldVersion: entryOf(a2!).version },
    ]);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ missing: 1, extra: 1, mismatched: 1, submittedAt: expect.stringMatching(/\+08:00$/) });
    expect(outside.status).toBe(404);
  });

  it('refuses a listing of a bucket that does not differ (409) or of records not of their bucket (400), keeping the differences listed', async () => {
    const compared = await get(citySupervisor, `/v1/reconciliations/${housing}/${day}`);
    const differing = compared.json.matters[0].differingBuckets as string[];
    const agreeing = [...Array(256).keys()].map((n) => n.toString(16).padStart(2, '0')).find((bucket) => !differing.includes(bucket)) as string;
    const strangers = departments.filter((e) => bucketOf(e.caseId, e.sequence) !== differing[0]);

    const notDiffering = await list(housing, day, { buckets: [{ matterCode: matter, bucket: agreeing, records: [] }] });
    const notOfBucket = await list(housing, day, { buckets: [{ matterCode: matter, bucket: differing[0], records: strangers.slice(0, 1) }] });
    const after = await get(citySupervisor, `/v1/reconciliations/${housing}/${day}`);

    expect(notDiffering.status).toBe(409);
    expect(notDiffering.json.errors).toEqual([expect.objectContaining({ pointer: '/buckets/0/bucket' })]);
    expect(notOfBucket.status).toBe(400);
    expect(notOfBucket.json.errors).toEqual([expect.objectContaining({ pointer: '/buckets/0/records/0' })]);
    expect(after.json).toMatchObject({ missing: 1, extra: 1, mismatched: 1 });
  });

  it('raises the difference and a late manifest at the hourly check; re-pushing and submitting again clears both', async () => {
    // Prepare: the other department reconciled a day eight days ago, and none of the working days since.
    const since = addDays(today, -8);
    expect((await submit(resources, since, { matters: [] })).json).toMatchObject({ status: 'consistent' });

    // Act
    await runtime.fireSchedule('deadline-sweep', firstCheck);
    const difference = await get(citySupervisor, differenceAlert);
    const late = await get(citySupervisor, lateAlert);

    // Assess
    expect(difference.status).toBe(200);
    expect(difference.json).toMatchObject({
      kind: 'connection',
      caseId: 'reconciliation',
      ruleId: 'reconciliation.difference',
      level: 'warning',
      status: 'open',
      legalBasis: '《宁波市行政电子监察管理办法》第七条第二款',
    });
    expect(late.status).toBe(200);
    expect(late.json).toMatchObject({ ruleId: 'reconciliation.manifest-late', level: 'prompt', status: 'open' });

    // Act: the missing record re-pushed; the department's system corrected (A6 was left out of its export, A2's later version
    // was never pushed: it reports the version it pushed); both days' manifests submitted; the next check.
    expect(await push(housing, [b1])).toBe(202);
    const corrected = [...held, b1].map(entryOf);
    const again = await submit(housing, day, manifestOf(corrected));
    for (let date = addDays(since, 1); date < today; date = addDays(date, 1)) expect((await submit(resources, date, { matters: [] })).status).toBe(200);
    await runtime.fireSchedule('deadline-sweep', new Date(firstCheck.getTime() + 3_600_000));
    const cleared = await get(citySupervisor, differenceAlert);
    const submitted = await get(citySupervisor, lateAlert);

    // Assess
    expect(again.json).toMatchObject({ status: 'consistent', differingBuckets: 0 });
    expect(cleared.json).toMatchObject({ status: 'resolved' });
    expect(submitted.json).toMatchObject({ status: 'resolved' });
  });

  it("counts the difference and the late manifest in their departments' signals of the month raised, and the verification agrees", async () => {
    // Prepare: both raised, then resolved (the test before).
    const difference = await get(citySupervisor, differenceAlert);
    const month = monthOfInstant(difference.json.raisedAt);

    for (const department of [housing, resources]) {
      // Act
      const figures = (await get(citySupervisor, `/v1/statistics?period=${month}&department=${department}&kind=connection`)).json.figures;
      const listed = (await get(citySupervisor, `/v1/alerts?department=${department}&kind=connection&limit=100`)).json.items as {
        level: string;
        status: string;
        raisedAt: string;
      }[];
      const client = new DynamoDBClient({ ...testClientConfig, endpoint: runtime.dynamoEndpoint });
      const verified = await verifyStatisticsIn(client, runtime.tables, parseStatisticsPeriod(month)!, department).finally(() => client.destroy());

      // Assess: the department's connection signals of the month, by level, resolved ones corrected; no difference.
      const ofTheMonth = listed.filter((alert) => monthOfInstant(alert.raisedAt) === month && alert.status !== 'withdrawn');
      const byLevel = (level: string) => ofTheMonth.filter((alert) => alert.level === level).length;
      expect(figures.signals).toEqual({ prompt: byLevel('prompt'), warning: byLevel('warning'), correction: byLevel('correction'), total: ofTheMonth.length });
      expect(figures.signalCorrection).toMatchObject({
        numerator: ofTheMonth.filter((alert) => alert.status === 'resolved').length,
        denominator: ofTheMonth.length,
      });
      expect(verified.differences).toEqual([]);
    }
    expect(
      (await get(citySupervisor, `/v1/statistics?period=${month}&department=${housing}&kind=connection`)).json.figures.signals.warning,
    ).toBeGreaterThanOrEqual(1);
    expect(
      (await get(citySupervisor, `/v1/statistics?period=${month}&department=${resources}&kind=connection`)).json.figures.signals.prompt,
    ).toBeGreaterThanOrEqual(1);
  });
});

describe('a bad manifest', () => {
  const badDay = addDays(today, -5);
  const good = () => manifestOf([{ caseId: `BAD-${stamp}`, sequence: 1, version: contentHash({ n: 1 }) }]);

  it.each([
    ['not JSON', '{"matters": [', 400, undefined],
    ['no matters', {}, 400, '/matters'],
    ['a digest of the wrong length', { matters: [{ ...good().matters[0], digest: 'ab'.repeat(31) }] }, 400, '/matters/0/digest'],
    [
      'a bucket digest of the wrong length',
      { matters: [{ ...good().matters[0], buckets: { '0a': { count: 1, digest: 'a' } } }] },
      400,
      '/matters/0/buckets/0a/digest',
    ],
    ['totals that are not the sum of the buckets', { matters: [{ ...good().matters[0], count: 2 }] }, 400, '/matters/0/count'],
    ['an unknown field', { ...good(), extra: true }, 400, '/extra'],
  ])('refuses %s with a problem body naming the field, storing nothing', async (_case, body, status, pointer) => {
    const refused = await submit(housing, badDay, body);
    const stored = await get(citySupervisor, `/v1/reconciliations/${housing}/${badDay}`);

    expect(refused.status).toBe(status);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    if (pointer !== undefined) expect(refused.json.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer })]));
    expect(stored.status).toBe(404);
  });

  it("refuses a manifest for another department's path with 403, storing nothing", async () => {
    // A day the other department never reconciled.
    const otherDay = addDays(today, -30);
    const refused = await signedPut(runtime.apiUrl, `/v1/departments/${resources}/manifests/${otherDay}`, JSON.stringify(good()), credentialOf(housing));
    const stored = await get(citySupervisor, `/v1/reconciliations/${resources}/${otherDay}`);

    expect(refused.status).toBe(403);
    expect(stored.status).toBe(404);
  });

  it('refuses a day not begun, and a listing of a day without a manifest', async () => {
    const future = await submit(housing, addDays(today, 2), good());
    const noManifest = await list(housing, badDay, { buckets: [{ matterCode: matter, bucket: '00', records: [] }] });

    expect(future.status).toBe(400);
    expect(future.json.errors).toEqual([expect.objectContaining({ pointer: '/path/day' })]);
    expect(noManifest.status).toBe(404);
  });
});
