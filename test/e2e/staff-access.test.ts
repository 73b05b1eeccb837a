/**
 * Staff access through the local runtime's HTTP API, as a level-3 evaluation checks it: tokens
 * refused with a 401 that names nothing, sign-ins and refusals in the audit store, an address
 * locked out after repeated failed authentication (and nobody else), and the security
 * administrator's view of the security events — for that role only, every read audited.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceAddressKey } from '#shared/access/source-address.ts';
import { shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { callComplaintApi, daysAhead, runtimeDynamoClient } from '../support/complaint-client.ts';
import { generatedIdentityNumber } from '../shared/domain/complaints/complaint-mother.ts';
import { bearerGet, bearerGetFrom, signedPost } from '../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let dynamo: DynamoDBClient;
let securityAdministrator: string;
let citySupervisor: string;
const today = shanghaiDate(new Date());

beforeAll(async () => {
  started = await startTestRuntime('staffaccess');
  runtime = started.runtime;
  dynamo = runtimeDynamoClient(runtime);
  securityAdministrator = await runtime.mintStaffToken({ subject: 'sec-admin-1', role: 'securityAdministrator', jurisdiction: 'city' });
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-sup-access', role: 'citySupervisor', jurisdiction: 'city' });
});

afterAll(async () => {
  dynamo?.destroy();
  await started?.dispose();
});

/** Every audit entry so far, oldest first (read past IAM, as a test may). */
const auditEntries = async (): Promise<Record<string, unknown>[]> =>
  ((await DynamoDBDocumentClient.from(dynamo).send(new ScanCommand({ TableName: runtime.tables.audit, ConsistentRead: true }))).Items ?? []).sort((a, b) =>
    String(a['sk']).localeCompare(String(b['sk'])),
  );

describe('staff tokens the authorizer refuses (401)', () => {
  it.each([
    ['without an issue time', { withoutIssuedAt: true }],
    ['of a privileged role without a sign-in time', { authenticatedAt: null }],
    ['of a privileged role whose sign-in is older than the session cap', { authenticatedAt: new Date(Date.now() - 13 * 3600_000) }],
    ['declared as a logout token', { type: 'logout+jwt' }],
  ] as const)('refuses a token %s, naming nothing of it', async (_case, options) => {
    // Prepare
    const token = await runtime.mintStaffToken({ subject: 'refused-subject-e2e', role: 'citySupervisor', jurisdiction: 'city', ...options });

    // Act
    const reply = await bearerGet(runtime.apiUrl, '/v1/alerts', token);

    // Assess
    expect(reply.status).toBe(401);
    expect(reply.json).toMatchObject({ title: 'Unauthorized', type: expect.stringContaining('gateway-refusal') });
  });
});

describe('sign-ins and refusals in the audit store', () => {
  it('audits a sign-in on its first request only, with role and second factor, never the token', async () => {
    // Prepare
    const token = await runtime.mintStaffToken({ subject: 'signin-once-e2e', role: 'districtSupervisor', jurisdiction: 'haishu' });

    // Act
    for (let request = 0; request < 3; request += 1) expect((await bearerGet(runtime.apiUrl, '/v1/alerts', token)).status).toBe(200);

    // Assess
    const entries = await auditEntries();
    expect(entries.filter((entry) => entry['action'] === 'staff.signIn' && entry['actor'] === 'districtSupervisor:signin-once-e2e')).toEqual([
      expect.objectContaining({ outcome: 'allowed', target: 'jurisdiction:haishu', reason: expect.stringMatching(/ with a second factor$/) }),
    ]);
    expect(JSON.stringify(entries)).not.toContain(token);
  });

  it("audits a liaison's attempt to reveal a complainant's identity, denied at the edge", async () => {
    // Prepare
    const liaison = await runtime.mintStaffToken({
      subject: 'liaison-reveal-e2e',
      role: 'departmentLiaison',
      jurisdiction: 'haishu',
      department: 'haishu-housing',
      secondFactor: false,
    });

    // Act
    const reply = await fetch(new URL('/v1/complaints/TS20260302ABCDEFGH/identity', runtime.apiUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${liaison}`, 'content-type': 'application/json' },
      body: JSON.stringify({ purpose: '核实投诉人身份' }),
    });

    // Assess
    expect(reply.status).toBe(403);
    expect((await auditEntries()).filter((entry) => entry['actor'] === 'departmentLiaison:liaison-reveal-e2e')).toEqual([
      expect.objectContaining({ action: 'staff.access', outcome: 'denied', target: 'POST /v1/complaints/{receiptNumber}/identity', reason: 'roleNotAllowed' }),
    ]);
  });
});

describe('a department liaison and the identity of a complainant about its own department', () => {
  const person = { name: '身份测试人', idNumber: generatedIdentityNumber('330203', '19880511', '072'), phone: '13611112222', address: '宁波市海曙区身份路3号' };
  let receiptNumber: string;
  let liaison: string;
  let supervisor: string;

  beforeAll(async () => {
    liaison = await runtime.mintStaffToken({
      subject: 'housing-liaison-id',
      role: 'departmentLiaison',
      jurisdiction: 'haishu',
      department: 'haishu-housing',
      secondFactor: false,
    });
    supervisor = await runtime.mintStaffToken({ subject: 'haishu-sup-id', role: 'districtSupervisor', jurisdiction: 'haishu' });
    const filed = await callComplaintApi(runtime.apiUrl, 'POST', '/v1/public/complaints', {
      body: { department: 'haishu-housing', category: 'staffConduct', content: '住建局窗口人员推诿，身份测试。', realName: true, complainant: person },
    });
    receiptNumber = filed.json.receiptNumber;
    const forwarded = await callComplaintApi(runtime.apiUrl, 'POST', `/v1/complaints/${receiptNumber}/decision`, {
      bearer: supervisor,
      body: { expectedVersion: 1, accepted: true, handling: { by: 'department', department: 'haishu-housing', deadline: daysAhead(14) } },
    });
    expect(forwarded.status, JSON.stringify(forwarded.json)).toBe(200);
  });

  it('finds it nowhere: not in the complaint or its queue, not through the reveal, the notices or a search', async () => {
    // Act
    const [detail, queue, reveal, notice, search] = await Promise.all([
      callComplaintApi(runtime.apiUrl, 'GET', `/v1/complaints/${receiptNumber}`, { bearer: liaison }),
      callComplaintApi(runtime.apiUrl, 'GET', '/v1/complaints', { bearer: liaison }),
      callComplaintApi(runtime.apiUrl, 'POST', `/v1/complaints/${receiptNumber}/identity`, { bearer: liaison, body: { purpose: '核实投诉人身份信息' } }),
      callComplaintApi(runtime.apiUrl, 'GET', `/v1/complaints/${receiptNumber}/notices/decision`, { bearer: liaison }),
      callComplaintApi(runtime.apiUrl, 'POST', '/v1/complaint-searches', { bearer: liaison, body: { phone: person.phone } }),
    ]);

    // Assess
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({ identity: 'withheld', identityWithheld: true });
    expect(queue.json.items.map((row: { receiptNumber: string }) => row.receiptNumber)).toContain(receiptNumber);
    expect([reveal.status, notice.status, search.status]).toEqual([403, 403, 403]);
    const seen = JSON.stringify([detail.json, queue.json, reveal.json, notice.json, search.json]);
    for (const value of [person.name, person.phone, person.idNumber, person.address]) expect(seen).not.toContain(value);
  });

  it('lets the supervisor reveal it only for a stated purpose, and audits the purpose', async () => {
    // Act
    const withoutPurpose = await callComplaintApi(runtime.apiUrl, 'POST', `/v1/complaints/${receiptNumber}/identity`, { bearer: supervisor, body: {} });
    const withPurpose = await callComplaintApi(runtime.apiUrl, 'POST', `/v1/complaints/${receiptNumber}/identity`, {
      bearer: supervisor,
      body: { purpose: '电话回访核实投诉事实' },
    });

    // Assess
    expect(withoutPurpose.status).toBe(400);
    expect(withoutPurpose.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/purpose']);
    expect(withPurpose.status).toBe(200);
    expect(withPurpose.json.complainant).toMatchObject({ name: person.name, phone: person.phone });
    expect(
      (await auditEntries()).filter((entry) => entry['action'] === 'complaint.identity.reveal' && entry['target'] === `complaint:${receiptNumber}`),
    ).toEqual([expect.objectContaining({ outcome: 'allowed', actor: 'districtSupervisor:haishu-sup-id', reason: '电话回访核实投诉事实' })]);
  });
});

describe('repeated failed authentication from one address', () => {
  it('locks that address out after the configured failures, even for a genuine token, and no other address', async () => {
    // Prepare: the configuration's threshold (staffAccess.failuresBeforeLockout).
    const attacker = '127.0.0.23';
    const failures = 10;
    const forged = `${citySupervisor.split('.').slice(0, 2).join('.')}.${'A'.repeat(86)}`;

    // Act
    const refusals = [];
    for (let attempt = 0; attempt < failures; attempt += 1) refusals.push((await bearerGetFrom(runtime.apiUrl, '/v1/alerts', forged, attacker)).status);
    const genuineFromAttacker = await bearerGetFrom(runtime.apiUrl, '/v1/alerts', citySupervisor, attacker);
    const genuineFromElsewhere = await bearerGetFrom(runtime.apiUrl, '/v1/alerts', citySupervisor, '127.0.0.24');

    // Assess
    expect(refusals).toEqual(Array.from({ length: failures }, () => 401));
    expect(genuineFromAttacker.status).toBe(403);
    expect(genuineFromElsewhere.status).toBe(200);
    const lockouts = (await auditEntries()).filter((entry) => entry['action'] === 'staff.lockout');
    expect(lockouts).toEqual([expect.objectContaining({ outcome: 'refused', actor: `address:${sourceAddressKey(attacker)}` })]);
    expect(runtime.metrics().filter((record) => record['StaffLockouts'] !== undefined)).toEqual([
      expect.objectContaining({ service: 'staff-authorizer', StaffLockouts: 1 }),
    ]);
  });
});

describe('a request that names a viewer without coming through the site', () => {
  // Only the site's CloudFront distribution may write x-viewer-address (it keys the lockout and the
  // per-address limits behind CloudFront); the firewall refuses anyone else, and here there is no distribution.
  const viewerNamed = { 'x-viewer-address': '192.0.2.99' };
  const oversightItems = async (): Promise<number> =>
    (await DynamoDBDocumentClient.from(dynamo).send(new ScanCommand({ TableName: runtime.tables.oversight, ConsistentRead: true, Select: 'COUNT' }))).Count ??
    0;

  it('is refused by the firewall with a problem body, whatever its token, so a locked-out caller cannot claim another address', async () => {
    // Act
    const reply = await fetch(new URL('/v1/alerts', runtime.apiUrl), { headers: { authorization: `Bearer ${citySupervisor}`, ...viewerNamed } });

    // Assess
    expect(reply.status).toBe(403);
    expect(await reply.json()).toMatchObject({ type: expect.stringMatching(/#viewer-address-not-verified$/), title: '来源地址未经验证', status: 403 });
  });

  it("files no complaint when a citizen's request names a viewer, and the same request without it is filed", async () => {
    // Prepare
    const complaint = JSON.stringify({ department: 'haishu-housing', category: 'staffConduct', content: '窗口人员推诿，来源地址测试。', realName: false });
    const before = await oversightItems();

    // Act
    const refused = await fetch(new URL('/v1/public/complaints', runtime.apiUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...viewerNamed },
      body: complaint,
    });
    const between = await oversightItems();
    const filed = await fetch(new URL('/v1/public/complaints', runtime.apiUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: complaint,
    });

    // Assess
    expect(refused.status).toBe(403);
    expect(between).toBe(before);
    expect(filed.status).toBe(201);
  });
});

describe("the security administrator's view", () => {
  it("lists the lockout and a refused classified record among the day's security events, by kind and a page at a time", async () => {
    // Prepare: a department pushes a record marked 绝密 (refused, 422); the lockout above is an event too.
    const housing = runtime.credentials.find((credential) => credential.department === 'haishu-housing') as DepartmentCredential;
    const classified = {
      kind: 'licensing',
      department: 'haishu-housing',
      matterCode: 'construction-permit',
      caseId: `SECRET-${Date.now().toString(36)}`,
      sequence: 1,
      event: 'received',
      occurredAt: '2025-09-01T09:00:00+08:00',
      classification: '绝密',
    };
    expect((await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records: [classified] }), housing)).status).toBe(422);

    // Act
    const lockouts = await bearerGet(runtime.apiUrl, `/v1/security-events?day=${today}&kind=authenticationFailures`, securityAdministrator);
    const firstPage = await bearerGet(runtime.apiUrl, `/v1/security-events?day=${today}&limit=1`, securityAdministrator);
    const secondPage = await bearerGet(runtime.apiUrl, `/v1/security-events?day=${today}&limit=1&cursor=${firstPage.json.nextCursor}`, securityAdministrator);

    // Assess
    expect(lockouts.status).toBe(200);
    expect(lockouts.json.items).toEqual([
      expect.objectContaining({
        kind: 'authenticationFailures',
        source: 'staff-authorizer',
        subject: `address:${sourceAddressKey('127.0.0.23')}`,
        detail: expect.objectContaining({ failures: 10, network: '127.0.0.0/24' }),
      }),
    ]);
    expect(firstPage.json.items).toHaveLength(1);
    expect(secondPage.json.items).toHaveLength(1);
    const kinds = [...firstPage.json.items, ...secondPage.json.items].map((event: { kind: string }) => event.kind).sort();
    expect(kinds).toEqual(['authenticationFailures', 'classifiedRefused']);
    expect(JSON.stringify([firstPage.json, secondPage.json])).not.toContain(classified.caseId);
  });

  it('audits each read with who read which day and kind', async () => {
    // Act
    await bearerGet(runtime.apiUrl, `/v1/security-events?day=${today}&kind=integrityBreak`, securityAdministrator);

    // Assess
    expect(
      (await auditEntries()).filter((entry) => entry['action'] === 'securityEvents.list' && entry['target'] === `securityEvents:${today}/integrityBreak`),
    ).toEqual([expect.objectContaining({ outcome: 'allowed', actor: 'securityAdministrator:sec-admin-1', reason: '0 events' })]);
  });

  it('names the parameter of a malformed day, kind or cursor (400)', async () => {
    // Act
    const replies = await Promise.all(
      [`day=2026-02-30`, `day=${today}&kind=everything`, `day=${today}&cursor=bm90LWEtY3Vyc29y`, 'kind=classifiedRefused'].map((query) =>
        bearerGet(runtime.apiUrl, `/v1/security-events?${query}`, securityAdministrator),
      ),
    );

    // Assess
    expect(replies.map((reply) => reply.status)).toEqual([400, 400, 400, 400]);
    expect(replies.map((reply) => reply.json.errors.map((error: { pointer: string }) => error.pointer))).toEqual([
      ['/query/day'],
      ['/query/kind'],
      ['/query/cursor'],
      ['/query/day'],
    ]);
  });

  it.each([
    ['a city supervisor', { role: 'citySupervisor', jurisdiction: 'city' }],
    ['an auditor', { role: 'auditor', jurisdiction: 'city' }],
    ['a system administrator', { role: 'systemAdministrator', jurisdiction: 'city' }],
    ['a department liaison', { role: 'departmentLiaison', jurisdiction: 'haishu', department: 'haishu-housing' }],
  ] as const)('is closed to %s (403)', async (_case, claims) => {
    // Prepare
    const token = await runtime.mintStaffToken({ subject: `not-security-${claims.role}`, ...claims });

    // Act
    const reply = await bearerGet(runtime.apiUrl, `/v1/security-events?day=${today}`, token);

    // Assess
    expect(reply.status).toBe(403);
  });

  it('gives the security administrator no other route: no alerts, no complaints, no city structure', async () => {
    // Act
    const replies = await Promise.all(
      ['/v1/alerts', '/v1/complaints', '/v1/departments', '/v1/jurisdictions'].map((path) => bearerGet(runtime.apiUrl, path, securityAdministrator)),
    );

    // Assess
    expect(replies.map((reply) => reply.status)).toEqual([403, 403, 403, 403]);
  });
});
