/**
 * The city's structure through the local runtime's HTTP API: applied from the configuration at
 * start, read by supervisors within their scope, changed by the city system administrator with
 * optimistic concurrency and strict bodies, every change audited; complaints and their written
 * notices follow what is stored, and a redeploy keeps the administrator's change.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { callComplaintApi, daysAhead, type ComplaintReply } from '../support/complaint-client.ts';
import { testClientConfig } from '../support/dynamodb.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { pdfText } from '../shared/application/complaints/complaint-test-setup.ts';
import { e2eComplainants } from '../support/e2e-complainants.ts';

let started: TestRuntime;
let runtime: LocalRuntime;

let administrator: string;
let districtAdministrator: string;
let citySupervisor: string;
let haishuSupervisor: string;
let housingLiaison: string;

beforeAll(async () => {
  started = await startTestRuntime('structure');
  runtime = started.runtime;

  administrator = await runtime.mintStaffToken({ subject: 'admin-1', role: 'systemAdministrator', jurisdiction: 'city' });
  districtAdministrator = await runtime.mintStaffToken({ subject: 'admin-hs', role: 'systemAdministrator', jurisdiction: 'haishu' });
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-sup', role: 'citySupervisor', jurisdiction: 'city' });
  haishuSupervisor = await runtime.mintStaffToken({ subject: 'haishu-sup', role: 'districtSupervisor', jurisdiction: 'haishu' });
  housingLiaison = await runtime.mintStaffToken({
    subject: 'housing-l',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-housing',
    secondFactor: false,
  });
});

afterAll(async () => {
  await started?.dispose();
});

const call = (method: string, path: string, bearer: string, body?: unknown): Promise<ComplaintReply> =>
  callComplaintApi(runtime.apiUrl, method, path, { bearer, ...(body === undefined ? {} : { body }) });

async function auditOf(target: string): Promise<Record<string, unknown>[]> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ ...testClientConfig, endpoint: runtime.dynamoEndpoint }));
  const day = new Date().toISOString().slice(0, 10);
  const page = await client.send(
    new QueryCommand({
      TableName: runtime.tables.audit,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#${day}` },
      ConsistentRead: true,
    }),
  );
  client.destroy();
  return (page.Items ?? []).filter((item) => item['target'] === target);
}

let counter = 0;
const newDepartmentId = () => `ninghai-test-${Date.now().toString(36)}-${(counter += 1)}`;
const department = (overrides: Record<string, unknown> = {}) => ({
  name: '宁海县测试局',
  jurisdiction: 'ninghai',
  connectedKinds: ['licensing'],
  expectedVersion: 0,
  ...overrides,
});

describe('reading the structure', () => {
  it('shows the administrator and the city supervisor the city and its ten districts, counties and county-level cities, applied from the configuration', async () => {
    // Act
    const replies = await Promise.all([call('GET', '/v1/jurisdictions', administrator), call('GET', '/v1/jurisdictions', citySupervisor)]);

    // Assess
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(reply.json.items.map((j: { jurisdiction: string }) => j.jurisdiction)).toEqual([
        'city',
        'beilun',
        'cixi',
        'fenghua',
        'haishu',
        'jiangbei',
        'ninghai',
        'xiangshan',
        'yinzhou',
        'yuyao',
        'zhenhai',
      ]);
    }
    expect(replies[0]!.json.items.find((j: { jurisdiction: string }) => j.jurisdiction === 'cixi')).toMatchObject({
      name: '慈溪市',
      kind: 'countyLevelCity',
      kindName: '县级市',
      issuingOrgan: '慈溪市监察委员会',
      version: 1,
      updatedBy: 'deployment:esup-local-stateless',
      lastAppliedConfiguration: { name: '慈溪市', kind: 'countyLevelCity', issuingOrgan: '慈溪市监察委员会' },
    });
  });

  it("scopes a district supervisor to its own district and its departments, answering 404 for another's (audited)", async () => {
    // Act
    const jurisdictions = await call('GET', '/v1/jurisdictions', haishuSupervisor);
    const departments = await call('GET', '/v1/departments', haishuSupervisor);
    const other = await call('GET', '/v1/jurisdictions/yinzhou', haishuSupervisor);
    const otherDepartments = await call('GET', '/v1/departments?jurisdiction=yinzhou', haishuSupervisor);
    const otherDepartment = await call('GET', '/v1/departments/yinzhou-market-regulation', haishuSupervisor);

    // Assess
    expect(jurisdictions.json.items.map((j: { jurisdiction: string }) => j.jurisdiction)).toEqual(['haishu']);
    expect(departments.json.items.map((d: { department: string }) => d.department)).toEqual(['haishu-housing', 'haishu-market-regulation']);
    expect([other.status, otherDepartments.status, otherDepartment.status]).toEqual([404, 404, 404]);
    expect(other.json).toMatchObject({ type: expect.stringMatching(/#not-found$/), title: '辖区不存在' });
    expect(await auditOf('jurisdiction:yinzhou')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: 'denied', actor: 'districtSupervisor:haishu-sup', action: 'city-structure.jurisdiction.read' }),
      ]),
    );
  });

  it('lets a liaison read its own department only, and not the jurisdictions', async () => {
    // Act
    const own = await call('GET', '/v1/departments', housingLiaison);
    const other = await call('GET', '/v1/departments/haishu-market-regulation', housingLiaison);
    const jurisdictions = await call('GET', '/v1/jurisdictions', housingLiaison);

    // Assess
    expect(own.json.items).toEqual([
      expect.objectContaining({
        department: 'haishu-housing',
        connectedKinds: ['licensing', 'publicResourceTrading', 'disclosure', 'investmentProject'],
      }),
    ]);
    expect(other.status).toBe(404);
    expect(jurisdictions.status).toBe(403);
  });
});

describe('changing the structure', () => {
  it('lets the city system administrator add a department, seen by its supervisors and audited', async () => {
    // Prepare
    const id = newDepartmentId();

    // Act
    const created = await call('PUT', `/v1/departments/${id}`, administrator, department());
    const listed = await call('GET', '/v1/departments?jurisdiction=ninghai', citySupervisor);

    // Assess
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ department: id, jurisdiction: 'ninghai', version: 1, updatedBy: 'systemAdministrator:admin-1' });
    expect(created.json.lastAppliedConfiguration).toBeUndefined();
    expect(listed.json.items.map((d: { department: string }) => d.department)).toContain(id);
    expect(await auditOf(`department:${id}`)).toEqual([
      expect.objectContaining({
        action: 'city-structure.department.save',
        outcome: 'allowed',
        actor: 'systemAdministrator:admin-1',
        reason: 'created, version 1',
      }),
    ]);
  });

  it('keeps a connection date when one is given, and refuses one that is not a date or precedes the Measures (2012-02-01), naming the field', async () => {
    // Prepare
    const id = newDepartmentId();

    // Act
    const dated = await call('PUT', `/v1/departments/${id}`, administrator, department({ connectedOn: '2026-12-01' }));
    const notADate = await call('PUT', `/v1/departments/${newDepartmentId()}`, administrator, department({ connectedOn: '2026-02-30' }));
    const tooEarly = await call('PUT', `/v1/departments/${newDepartmentId()}`, administrator, department({ connectedOn: '2011-12-31' }));
    const undated = await call('PUT', `/v1/departments/${id}`, administrator, department({ expectedVersion: 1 }));

    // Assess
    expect(dated.status).toBe(200);
    expect(dated.json.connectedOn).toBe('2026-12-01');
    expect([notADate.status, tooEarly.status]).toEqual([400, 400]);
    expect(notADate.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/connectedOn']);
    expect(tooEarly.json.errors).toEqual([expect.objectContaining({ pointer: '/connectedOn', detail: expect.stringMatching(/^接入日期不能早于/) })]);
    // Leaving it out clears it: the department is then watched from the first connection check that sees it.
    expect(undated.json.connectedOn).toBeUndefined();
  });

  it('refuses a stale version with 409 and writes nothing, so a concurrent change is never lost', async () => {
    // Prepare
    const id = newDepartmentId();
    await call('PUT', `/v1/departments/${id}`, administrator, department());
    await call('PUT', `/v1/departments/${id}`, administrator, department({ name: '宁海县测试局（一）', expectedVersion: 1 }));

    // Act
    const stale = await call('PUT', `/v1/departments/${id}`, administrator, department({ name: '宁海县测试局（二）', expectedVersion: 1 }));
    const again = await call('PUT', `/v1/departments/${id}`, administrator, department({ expectedVersion: 0 }));

    // Assess
    expect([stale.status, again.status]).toEqual([409, 409]);
    expect(stale.json.type).toContain('stale-version');
    expect(stale.json.title).toMatch(/^部门 .* 在您读取后已被修改$/);
    expect((await call('GET', `/v1/departments/${id}`, administrator)).json).toMatchObject({ name: '宁海县测试局（一）', version: 2 });
    expect((await auditOf(`department:${id}`)).map((entry) => entry['outcome'])).toEqual(['allowed', 'allowed', 'refused', 'refused']);
  });

  it('refuses server-owned and unknown fields, an unknown jurisdiction and an unknown record kind with 400 naming each field', async () => {
    // Act
    const massAssignment = await call(
      'PUT',
      `/v1/departments/${newDepartmentId()}`,
      administrator,
      department({ version: 7, updatedBy: 'someone', colour: 'red' }),
    );
    const unknowns = await call(
      'PUT',
      `/v1/departments/${newDepartmentId()}`,
      administrator,
      department({ jurisdiction: 'nowhere', connectedKinds: ['licensing', 'informationDisclosure'] }),
    );
    const cityKind = await call('PUT', '/v1/jurisdictions/dongqian', administrator, {
      name: '东钱湖',
      kind: 'city',
      issuingOrgan: '东钱湖监察委员会',
      expectedVersion: 0,
    });

    // Assess
    expect(massAssignment.status).toBe(400);
    expect(massAssignment.json.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/colour', '/updatedBy', '/version']);
    expect(massAssignment.json.errors[0].detail).toMatch(/^不允许的字段（未知或由服务器维护）：/);
    expect(unknowns.status).toBe(400);
    expect(unknowns.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/jurisdiction', '/connectedKinds/1']);
    expect(cityKind.status).toBe(400);
    expect(cityKind.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/kind']);
    expect((await call('GET', '/v1/jurisdictions/dongqian', administrator)).status).toBe(404);
  });

  it("refuses supervisors at the route (403) and a district's administrator in the use case (403, audited)", async () => {
    // Act
    const bySupervisor = await call('PUT', '/v1/jurisdictions/haishu', citySupervisor, {
      name: '海曙区',
      kind: 'district',
      issuingOrgan: '某机关',
      expectedVersion: 1,
    });
    const byDistrictAdministrator = await call('PUT', '/v1/jurisdictions/haishu', districtAdministrator, {
      name: '海曙区',
      kind: 'district',
      issuingOrgan: '某机关',
      expectedVersion: 1,
    });

    // Assess
    expect([bySupervisor.status, byDistrictAdministrator.status]).toEqual([403, 403]);
    expect((await call('GET', '/v1/jurisdictions/haishu', administrator)).json.issuingOrgan).toBe('宁波市海曙区监察委员会');
    expect(await auditOf('jurisdiction:haishu')).toEqual(
      expect.arrayContaining([expect.objectContaining({ outcome: 'denied', actor: 'systemAdministrator:admin-hs' })]),
    );
  });

  it("keeps the administrator's change through a redeploy of an unchanged configuration", async () => {
    // Prepare
    const before = (await call('GET', '/v1/departments/yinzhou-natural-resources', administrator)).json;
    await call('PUT', '/v1/departments/yinzhou-natural-resources', administrator, {
      name: '鄞州区自然资源和规划局（更名测试）',
      jurisdiction: before.jurisdiction,
      connectedKinds: before.connectedKinds,
      expectedVersion: before.version,
    });

    // Act: the deployment step runs again, as at the next `cdk deploy`.
    const runs = await runtime.runDeploymentSteps();

    // Assess
    expect(runs.map((run) => [run.step, run.requestType])).toEqual([
      ['city-structure', 'Update'],
      ['personal-data-keys', 'Update'],
    ]);
    expect((await call('GET', '/v1/departments/yinzhou-natural-resources', administrator)).json).toMatchObject({
      name: '鄞州区自然资源和规划局（更名测试）',
      version: before.version + 1,
    });
  });
});

describe('complaints follow the stored structure', () => {
  const person = e2eComplainants.cityStructure;

  async function decidedNoticeText(jurisdiction: string): Promise<string> {
    const filed = await callComplaintApi(runtime.apiUrl, 'POST', '/v1/public/complaints', {
      body: { jurisdiction, category: 'delay', content: '审批事项逾期，结构测试。', realName: true, complainant: person },
    });
    expect(filed.status, JSON.stringify(filed.json)).toBe(201);
    const decided = await call('POST', `/v1/complaints/${filed.json.receiptNumber}/decision`, citySupervisor, {
      expectedVersion: 1,
      accepted: true,
      handling: { by: 'supervisor', deadline: daysAhead(20) },
    });
    expect(decided.status, JSON.stringify(decided.json)).toBe(200);
    const notice = await callComplaintApi(runtime.apiUrl, 'GET', `/v1/complaints/${filed.json.receiptNumber}/notices/decision`, { bearer: citySupervisor });
    return pdfText(notice.bytes);
  }

  it("accepts a complaint about a county the old code did not know, and issues its notice in the county organ's name", async () => {
    // Act
    const text = await decidedNoticeText('xiangshan');

    // Assess
    expect(text).toContain('象山县监察委员会');
  });

  it("issues the notice in the organ's name as the administrator last set it", async () => {
    // Prepare
    const ninghai = (await call('GET', '/v1/jurisdictions/ninghai', administrator)).json;
    const changed = await call('PUT', '/v1/jurisdictions/ninghai', administrator, {
      name: ninghai.name,
      kind: ninghai.kind,
      issuingOrgan: '宁海县监察委员会（测试更名）',
      expectedVersion: ninghai.version,
    });

    // Act
    const text = await decidedNoticeText('ninghai');

    // Assess
    expect(changed.status).toBe(200);
    expect(text).toContain('宁海县监察委员会（测试更名）');
  });

  it('refuses a complaint naming a jurisdiction that does not exist', async () => {
    // Act
    const filed = await callComplaintApi(runtime.apiUrl, 'POST', '/v1/public/complaints', {
      body: { jurisdiction: 'atlantis', category: 'other', content: '不存在的辖区。', realName: false },
    });

    // Assess
    expect(filed.status).toBe(400);
    expect(filed.json.errors).toEqual([{ pointer: '/jurisdiction', detail: '没有该辖区' }]);
  });
});
