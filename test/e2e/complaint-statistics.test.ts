/**
 * Complaints in the statistics (Art. 19, 20), end to end through the local runtime's HTTP API: a
 * complaint about a department, forwarded, answered with a finding and accepted; another naming
 * only the district, not accepted. Each change adds to the aggregates in its own write; the
 * figures read back per department, per district (with the district's own complaints) and for
 * the city.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStatisticsIn } from '#infra/operations/statistics-verify.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { statisticsPk, statisticsShardOf, statisticsSk } from '#shared/adapters/dynamodb/statistics-items.ts';
import { parseStatisticsPeriod } from '#shared/domain/statistics/statistics-period.ts';
import { testClientConfig } from '../support/dynamodb.ts';
import { shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import { callComplaintApi, daysAhead, type ComplaintCallOptions, type ComplaintReply } from '../support/complaint-client.ts';
import { bearerGet } from '../support/local-api-client.ts';
import { e2eComplainants } from '../support/e2e-complainants.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let haishu: string;
let yinzhou: string;
let city: string;
let housingLiaison: string;
/** The year the complaints are received and handled in (Shanghai): the period read. */
let year: string;
/** The complaint about the housing department, concluded. */
let housingReceipt: string;

const call = (method: string, path: string, options?: ComplaintCallOptions): Promise<ComplaintReply> => callComplaintApi(runtime.apiUrl, method, path, options);
const expectStatus = (reply: ComplaintReply, status: number): void => expect(reply.status, JSON.stringify(reply.json)).toBe(status);

beforeAll(async () => {
  started = await startTestRuntime('cstats');
  runtime = started.runtime;
  haishu = await runtime.mintStaffToken({ subject: 'haishu-sup', role: 'districtSupervisor', jurisdiction: 'haishu' });
  yinzhou = await runtime.mintStaffToken({ subject: 'yinzhou-sup', role: 'districtSupervisor', jurisdiction: 'yinzhou' });
  city = await runtime.mintStaffToken({ subject: 'city-sup', role: 'citySupervisor', jurisdiction: 'city' });
  housingLiaison = await runtime.mintStaffToken({
    subject: 'housing-l',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-housing',
    secondFactor: false,
  });
  year = shanghaiDate(new Date()).slice(0, 4);

  // About the housing department: forwarded to it, its result found the complaint true, accepted.
  const aboutHousing = await call('POST', '/v1/public/complaints', {
    body: {
      department: 'haishu-housing',
      category: 'delay',
      content: '住建局许可超期未办，统计端到端测试。',
      realName: true,
      complainant: e2eComplainants.complaints,
    },
  });
  expectStatus(aboutHousing, 201);
  const receipt = aboutHousing.json.receiptNumber as string;
  housingReceipt = receipt;
  expectStatus(
    await call('POST', `/v1/complaints/${receipt}/decision`, {
      bearer: haishu,
      body: { expectedVersion: 1, accepted: true, handling: { by: 'department', department: 'haishu-housing', deadline: daysAhead(14) } },
    }),
    200,
  );
  expectStatus(
    await call('POST', `/v1/complaints/${receipt}/result`, {
      bearer: housingLiaison,
      body: { expectedVersion: 2, summary: '经核查，许可确已超期，已责成窗口限期办结。', finding: 'upheld', evidence: [] },
    }),
    200,
  );
  expectStatus(await call('POST', `/v1/complaints/${receipt}/review`, { bearer: haishu, body: { expectedVersion: 3, verdict: 'accept' } }), 200);

  // Naming only the district: not accepted.
  const aboutDistrict = await call('POST', '/v1/public/complaints', {
    body: { jurisdiction: 'haishu', category: 'other', content: '匿名统计端到端投诉。', realName: false },
  });
  expectStatus(aboutDistrict, 201);
  expectStatus(
    await call('POST', `/v1/complaints/${aboutDistrict.json.receiptNumber}/decision`, {
      bearer: haishu,
      body: { expectedVersion: 1, accepted: false, reasons: '所反映事项不属于本机关受理范围。' },
    }),
    200,
  );
});

afterAll(async () => {
  await started?.dispose();
});

const statistics = async (query: string, token: string) => bearerGet(runtime.apiUrl, `/v1/statistics?period=${year}&${query}`, token);

describe('complaints in the statistics', () => {
  it('gives the department its complaint: received, accepted in time, concluded in time, upheld, handled the same day', async () => {
    // Act
    const reply = await statistics('department=haishu-housing', haishu);

    // Assess
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    expect(reply.json.figures.complaints).toEqual({
      received: 1,
      accepted: 1,
      notAccepted: 0,
      decidedInTime: { numerator: 1, denominator: 1, value: 1 },
      concluded: 1,
      concludedInTime: { numerator: 1, denominator: 1, value: 1 },
      upheld: { numerator: 1, denominator: 1, value: 1 },
      meanHandlingDays: 0,
    });
    // Complaints are not records: the cases' figures stay empty.
    expect(reply.json.figures.received).toBe(0);
  });

  it("adds the district's own complaints, which name no department, to the district's and the city's totals only", async () => {
    // Act
    const district = await statistics('jurisdiction=haishu', haishu);
    const wholeCity = await statistics('', city);

    // Assess
    for (const reply of [district, wholeCity]) {
      expect(reply.status, JSON.stringify(reply.json)).toBe(200);
      expect(reply.json.figures.complaints).toMatchObject({ received: 2, accepted: 1, notAccepted: 1, decidedInTime: { numerator: 2, denominator: 2 } });
    }
    const housing = district.json.departments.find((entry: { department: string }) => entry.department === 'haishu-housing');
    expect(housing.figures.complaints).toMatchObject({ received: 1, notAccepted: 0 });
    expect(district.json.departments.map((entry: { department: string }) => entry.department)).not.toContain('jurisdiction:haishu');
  });

  it('reads one category of complaints as the complaint kind and the category as its matter', async () => {
    // Act
    const delays = await statistics('kind=complaint&matter=delay', city);
    const others = await statistics('kind=complaint&matter=other', city);
    const licensing = await statistics('kind=licensing', city);

    // Assess
    expect(delays.json.figures.complaints).toMatchObject({ received: 1, concluded: 1 });
    expect(others.json.figures.complaints).toMatchObject({ received: 1, notAccepted: 1 });
    expect(licensing.json.figures.complaints).toMatchObject({ received: 0 });
  });

  it("shows another district's supervisor nothing of them", async () => {
    // Act
    const own = await statistics('', yinzhou);
    const other = await statistics('jurisdiction=haishu', yinzhou);

    // Assess
    expect(own.status).toBe(200);
    expect(own.json.figures.complaints.received).toBe(0);
    expect(other.status).toBe(404);
  });

  it('refuses a finding that is not one of the three, naming the field, and changes nothing', async () => {
    // Prepare
    const filed = await call('POST', '/v1/public/complaints', {
      body: { department: 'haishu-housing', category: 'inaction', content: '统计端到端：错误的查实结论。', realName: false },
    });
    await call('POST', `/v1/complaints/${filed.json.receiptNumber}/decision`, {
      bearer: haishu,
      body: { expectedVersion: 1, accepted: true, handling: { by: 'supervisor', deadline: daysAhead(14) } },
    });

    // Act
    const refused = await call('POST', `/v1/complaints/${filed.json.receiptNumber}/result`, {
      bearer: haishu,
      body: { expectedVersion: 2, summary: '已核查。', finding: 'true', evidence: [] },
    });

    // Assess
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json.errors ?? refused.json)).toContain('/finding');
    const housing = await statistics('department=haishu-housing', haishu);
    expect(housing.json.figures.complaints).toMatchObject({ received: 2, accepted: 2, concluded: 1 });
  });
});

describe("the verification of the complaints' counters against the stored complaints", () => {
  it('finds them equal, then names a counter changed outside the application', async () => {
    const client = new DynamoDBClient({ ...testClientConfig, endpoint: runtime.dynamoEndpoint });
    try {
      // Prepare
      const period = parseStatisticsPeriod(year)!;
      const before = await verifyStatisticsIn(client, runtime.tables, period);
      const shard = statisticsShardOf({ department: 'haishu-housing', kind: 'complaint', caseId: housingReceipt });
      const receivedIn = (await bearerGet(runtime.apiUrl, `/v1/complaints/${housingReceipt}`, haishu)).json.receivedAt.slice(0, 7) as string;

      // Act: one complaint upheld more, behind the application's back.
      await DynamoDBDocumentClient.from(client).send(
        new UpdateCommand({
          TableName: runtime.tables.cases,
          Key: { pk: statisticsPk('haishu-housing', shard), sk: statisticsSk(receivedIn, 'complaint', 'delay') },
          UpdateExpression: 'ADD complaintsUpheld :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
      const after = await verifyStatisticsIn(client, runtime.tables, period, 'haishu-housing');

      // Assess
      expect(before).toMatchObject({ complaintsRead: 3, supervisionCasesRead: 0, differences: [] });
      expect(after.differences).toEqual([{ department: 'haishu-housing', month: receivedIn, counter: 'complaintsUpheld', aggregated: 2, recomputed: 1 }]);
    } finally {
      client.destroy();
    }
  });
});
