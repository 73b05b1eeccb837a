/**
 * A supervision world on DynamoDB Local for the use-case tests: fresh tables, the demo departments
 * plus a city-level one, the real repository, reference reader and audit log, the State Council
 * calendar, and a clock the test sets.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StaffPrincipal } from '#shared/access/principal.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { DynamoDbSupervisionRepository } from '#shared/adapters/dynamodb/dynamodb-supervision-repository.ts';
import type { SupervisionDependencies } from '#shared/application/supervision/supervision-dependencies.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { defaultSupervisionPolicy } from '#shared/domain/supervision-cases/supervision-policy.ts';
import { seedDemoReferenceData } from '../../../support/reference-data.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';

export const principals = {
  housingLiaison: { kind: 'staff', subject: 'liaison-1', role: 'departmentLiaison', jurisdiction: 'haishu', department: 'haishu-housing' },
  marketLiaison: { kind: 'staff', subject: 'liaison-2', role: 'departmentLiaison', jurisdiction: 'haishu', department: 'haishu-market-regulation' },
  cityHousingLiaison: { kind: 'staff', subject: 'liaison-3', role: 'departmentLiaison', jurisdiction: 'city', department: 'city-housing' },
  haishuSupervisor: { kind: 'staff', subject: 'supervisor-1', role: 'districtSupervisor', jurisdiction: 'haishu' },
  yinzhouSupervisor: { kind: 'staff', subject: 'supervisor-2', role: 'districtSupervisor', jurisdiction: 'yinzhou' },
  citySupervisor: { kind: 'staff', subject: 'supervisor-0', role: 'citySupervisor', jurisdiction: 'city' },
  auditor: { kind: 'staff', subject: 'auditor-1', role: 'auditor', jurisdiction: 'city' },
} as const satisfies Record<string, StaffPrincipal>;

export interface SupervisionWorld {
  readonly tables: TestTables;
  readonly repository: DynamoDbSupervisionRepository;
  readonly deps: SupervisionDependencies;
  /** Sets the instant the use cases (and the audit log) see. */
  setNow(instant: string): void;
  /** Audit entries of a Shanghai-agnostic UTC day, in order. */
  auditEntries(day: string): Promise<Record<string, unknown>[]>;
}

export async function supervisionWorld(startAt: string): Promise<SupervisionWorld> {
  const tables = await createTestTables();
  const { documentClient } = tables;
  await seedDemoReferenceData(documentClient, tables.tables.reference);
  // A city-level department: its cases escalate to the city government.
  await documentClient.send(
    new PutCommand({
      TableName: tables.tables.reference,
      Item: { pk: 'DEPARTMENT#city-housing', sk: 'PROFILE', department: 'city-housing', name: '市住房和城乡建设局', jurisdiction: 'city' },
    }),
  );
  let now = new Date(startAt);
  const repository = new DynamoDbSupervisionRepository(documentClient, tables.tables.oversight, tables.tables.cases);
  const deps: SupervisionDependencies = {
    supervision: repository,
    reference: new DynamoDbReferenceReader(documentClient, tables.tables.reference),
    audit: new DynamoDbAuditLog(documentClient, tables.tables.audit, () => now),
    calendar: stateCouncilCalendar,
    clock: () => now,
    policy: defaultSupervisionPolicy,
  };
  return {
    tables,
    repository,
    deps,
    setNow(instant) {
      now = new Date(instant);
    },
    async auditEntries(day) {
      const page = await documentClient.send(
        new QueryCommand({
          TableName: tables.tables.audit,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `AUDIT#${day}` },
          ConsistentRead: true,
        }),
      );
      return page.Items ?? [];
    },
  };
}

export const evidence = [{ title: '整改报告', sha256: 'b'.repeat(64), reference: '海建〔2025〕31号' }];

export const aRequestInput = { subject: '老旧小区加装电梯审批协调', matter: '涉及多部门，审批链条长。', asks: '请求督办相关部门按期完成联合审查。' };

export const aCaseInput = {
  origin: 'initiative' as const,
  responsibleDepartment: 'haishu-housing',
  subject: '施工许可超期整改',
  instructions: '查明原因，完成整改并报送报告。',
  deadline: '2025-09-26',
};
