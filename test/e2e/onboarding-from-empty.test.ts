/**
 * A deployment that starts empty reaches its first alert using only what exists in AWS: the
 * deployment step applies the configured city structure (the custom resource's event), the
 * catalogue is loaded by the `catalogue:load` code through the catalogue API, a department pushes
 * a SigV4-signed batch, the queue consumer processes it, the sweep runs, and a supervisor lists
 * the alert. Nothing is written to a table behind the API's back.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import { loadLocalDeploymentConfig } from '#infra/local/deployment-configuration.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { loadCatalogueFile } from '#infra/operations/catalogue-loader.ts';
import { bearerGet, signedPost } from '../support/local-api-client.ts';
import { testClientConfig } from '../support/dynamodb.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;

beforeAll(async () => {
  // A new deployment: tables created, nothing applied, nothing loaded.
  started = await startTestRuntime('empty', { applyConfiguration: false, seedDemo: false });
  runtime = started.runtime;
});

afterAll(async () => {
  await started?.dispose();
});

async function itemsOf(table: string): Promise<number> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ ...testClientConfig, endpoint: runtime.dynamoEndpoint }));
  try {
    // A test's look at the whole table; no request path scans.
    return (await client.send(new ScanCommand({ TableName: table, Select: 'COUNT', ConsistentRead: true }))).Count ?? 0;
  } finally {
    client.destroy();
  }
}

describe('a deployment that starts empty', () => {
  it('reaches a supervisor reading its first alert through the deployment step, the catalogue command, a signed push, the queue and the sweep', async () => {
    // Prepare: nothing is stored; the department's credentials exist, as its role does after `cdk deploy`.
    const config = loadLocalDeploymentConfig();
    const citySupervisor = await runtime.mintStaffToken({ subject: 'first-supervisor', role: 'citySupervisor', jurisdiction: 'city' });
    const administrator = await runtime.mintStaffToken({ subject: 'first-admin', role: 'systemAdministrator', jurisdiction: 'city' });
    const housing = runtime.credentials.find((credential) => credential.department === 'haishu-housing') as DepartmentCredential;
    expect(runtime.credentials.map((credential) => credential.department).sort()).toEqual(config.departments.map((department) => department.id).sort());
    expect(await itemsOf(runtime.tables.reference)).toBe(0);
    expect((await bearerGet(runtime.apiUrl, '/v1/jurisdictions', administrator)).json.items).toEqual([]);
    const catalogueFile = join(started.dataDir, 'haishu-housing-catalogue.json');
    await writeFile(
      catalogueFile,
      JSON.stringify({
        departments: [
          {
            department: 'haishu-housing',
            matters: [
              {
                matterCode: 'construction-permit',
                kind: 'licensing',
                name: '建筑工程施工许可',
                promisedWorkingDays: 10,
                legalBasis: '《中华人民共和国行政许可法》第四十二条',
                effectiveFrom: '2025-01-01',
              },
            ],
          },
        ],
      }),
    );
    const caseId = `FIRST-${Date.now().toString(36)}`;
    const batch = {
      records: [
        {
          kind: 'licensing',
          department: 'haishu-housing',
          matterCode: 'construction-permit',
          caseId,
          sequence: 1,
          event: 'received',
          occurredAt: '2025-09-01T09:00:00+08:00',
        },
        {
          kind: 'licensing',
          department: 'haishu-housing',
          matterCode: 'construction-permit',
          caseId,
          sequence: 2,
          event: 'accepted',
          occurredAt: '2025-09-01T10:00:00+08:00',
        },
      ],
    };
    // Without a catalogue nothing can be accepted. (Another matter than the one loaded below: ingest
    // remembers an unknown matter for up to a minute, per container, as it does in AWS.)
    const unknownMatter = { records: [{ ...batch.records[0], caseId: `${caseId}-X`, matterCode: 'presale-permit' }] };
    const refusedBeforeOnboarding = await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify(unknownMatter), housing);

    // Act
    const deployment = await runtime.runDeploymentSteps();
    const catalogue = await loadCatalogueFile(catalogueFile, { apiUrl: runtime.apiUrl, token: citySupervisor });
    const pushed = await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify(batch), housing);
    await runtime.idle();
    await runtime.fireSchedule('deadline-sweep', new Date());
    const alerts = await bearerGet(runtime.apiUrl, '/v1/alerts?department=haishu-housing', citySupervisor);

    // Assess
    expect(refusedBeforeOnboarding.status).toBe(422);
    expect(deployment).toEqual([
      {
        step: 'city-structure',
        requestType: 'Create',
        result: expect.objectContaining({ Data: { Created: String(11 + config.departments.length), Updated: '0', Unchanged: '0' } }),
      },
      // The keys per period of complainants' personal data, made ahead (intake and retention keys of the months to come).
      {
        step: 'personal-data-keys',
        requestType: 'Create',
        result: expect.objectContaining({ Data: { Created: expect.stringMatching(/^[1-9]\d*$/), ScheduledForDeletion: '0' } }),
      },
    ]);
    expect(catalogue).toEqual({
      checked: true,
      outcomes: [expect.objectContaining({ department: 'haishu-housing', matterCode: 'construction-permit', outcome: 'created', version: 1 })],
    });
    expect(pushed.status).toBe(202);
    expect(pushed.json.results.map((result: { status: string }) => result.status)).toEqual(['accepted', 'accepted']);
    expect(alerts.status).toBe(200);
    expect(alerts.json.items).toEqual([
      expect.objectContaining({
        caseId,
        department: 'haishu-housing',
        jurisdiction: 'haishu',
        ruleId: 'licensing.decision-time-limit',
        level: 'correction',
        status: 'open',
      }),
    ]);
  });
});
