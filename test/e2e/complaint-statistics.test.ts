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
import { DynamoDbComplaintRepository } from '#shared/adapters/dynamodb/dynamodb-complaint-repository.ts';
import type { Complaint, ComplaintChangeSet } from '#shared/domain/complaints/complaint.ts';
import { applyDecision, applyResult, newComplaint } from '#shared/domain/complaints/complaint-lifecycle.ts';
import { receiptNumberFor } from '#shared/domain/complaints/receipt-number.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { defaultComplaintClockPolicy } from '#shared/domain/complaints/complaint-clock.ts';
import { monthOfInstant, parseStatisticsPeriod } from '#shared/domain/statistics/statistics-period.ts';
import { clockContext, filingInput } from '../shared/domain/complaints/complaint-mother.ts';
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
      // The year has not ended: not given yet.
      openOverdueAtPeriodEnd: null,
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

/** The Shanghai month `n` months before `month`. */
const monthsBefore = (month: string, n: number): string => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

describe('complaints left open past their clock', () => {
  it('counts one at the end of every ended month it stayed open past its clock until it is decided or concluded, and only once the month has ended', async () => {
    // Prepare: two anonymous complaints about the market regulator saved as they were in the three months before this
    // one (the API runs on today's clock), each change adding to the statistics in its own write. Both were received on
    // the 1st of the first month, its acceptance clock ending within that month.
    const thisMonth = monthOfInstant(new Date().toISOString());
    const [first, second, third] = [3, 2, 1].map((n) => monthsBefore(thisMonth, n)) as [string, string, string];
    const at = (month: string, day: string) => `${month}-${day}T02:00:00.000Z`;
    const client = new DynamoDBClient({ ...testClientConfig, endpoint: runtime.dynamoEndpoint });
    const repository = new DynamoDbComplaintRepository(DynamoDBDocumentClient.from(client), runtime.tables.oversight, runtime.tables.cases);
    const subject = { kind: 'department', department: 'haishu-market-regulation', departmentName: '海曙区市场监督管理局', jurisdiction: 'haishu' } as const;
    const saved = async (change: ComplaintChangeSet, expectedVersion: number): Promise<Complaint> => {
      await repository.save([{ change, expectedVersion }]);
      return change.complaint;
    };
    const filed = (indices: number[]) =>
      newComplaint(filingInput({ receiptNumber: receiptNumberFor(`${first}-01`, indices), receivedAt: at(first, '01'), subject, realName: false }), {
        cal: stateCouncilCalendar,
        policy: defaultComplaintClockPolicy,
      });
    try {
      // Never decided.
      const undecided = await saved(filed([1, 2, 3, 4, 5, 6, 7, 8]), 0);
      // Accepted late on the 3rd of the second month, handled by the supervisor until the 20th, concluded on the 5th of the third.
      const late = await saved(filed([8, 7, 6, 5, 4, 3, 2, 1]), 0);
      const accepted = await saved(
        applyDecision(late, { accepted: true, handling: { by: 'supervisor' }, deadline: `${second}-20` }, clockContext(at(second, '03'))),
        late.version,
      );
      await saved(
        applyResult(accepted, { by: 'supervisor', summary: '已核查处理。', finding: 'partlyUpheld', evidence: [] }, clockContext(at(third, '05'))),
        accepted.version,
      );
      const openAtEnd = async (query: string) =>
        (await bearerGet(runtime.apiUrl, `/v1/statistics?${query}`, haishu)).json.figures.complaints.openOverdueAtPeriodEnd;

      // Act
      const ended = [];
      for (const month of [first, second, third]) ended.push(await openAtEnd(`period=${month}&department=haishu-market-regulation`));
      const district = await openAtEnd(`period=${third}&jurisdiction=haishu`);
      const current = await openAtEnd(`period=${thisMonth}&department=haishu-market-regulation`);

      // Assess: both past their acceptance clock at the end of the first month; at the end of the second, the undecided one
      // and the accepted one past its handling deadline (the 20th); at the end of the third, the undecided one only.
      expect(undecided.acceptanceDeadline.date.slice(0, 7)).toBe(first);
      expect(ended).toEqual([2, 2, 1]);
      expect(district).toBe(1);
      // This month has not ended: not given.
      expect(current).toBeNull();
      for (const month of [first, second, third, thisMonth]) {
        const verified = await verifyStatisticsIn(client, runtime.tables, parseStatisticsPeriod(month)!, 'haishu-market-regulation');
        expect(verified.differences).toEqual([]);
      }

      // And the verification names an open overdue complaint added to the first month behind the application's back
      // in the figure at the end of the third, summed from the beginning.
      await DynamoDBDocumentClient.from(client).send(
        new UpdateCommand({
          TableName: runtime.tables.cases,
          Key: {
            pk: statisticsPk(
              'haishu-market-regulation',
              statisticsShardOf({ department: 'haishu-market-regulation', kind: 'complaint', caseId: undecided.receiptNumber }),
            ),
            sk: statisticsSk(first, 'complaint', 'delay'),
          },
          UpdateExpression: 'ADD complaintsOverdueOpened :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
      const tampered = await verifyStatisticsIn(client, runtime.tables, parseStatisticsPeriod(third)!, 'haishu-market-regulation');
      expect(tampered.differences).toEqual([
        { department: 'haishu-market-regulation', month: `open overdue at ${third}`, counter: 'complaintOpenOverdue', aggregated: 2, recomputed: 1 },
      ]);
    } finally {
      client.destroy();
    }
  });
});
