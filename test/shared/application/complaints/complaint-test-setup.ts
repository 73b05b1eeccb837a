/**
 * The complaint use cases wired to real adapters for tests: DynamoDB Local tables, the demo
 * reference data, a local personal-data protector with fresh keys, the PDF renderer with the
 * committed font, the State Council calendar and a clock the test moves.
 */
import { randomBytes } from 'node:crypto';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { seedDemoReferenceData } from '../../../support/reference-data.ts';
import { LocalPersonalDataProtector } from '#shared/adapters/crypto/local-personal-data-protector.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbComplaintRepository } from '#shared/adapters/dynamodb/dynamodb-complaint-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { PdfKitNoticeRenderer } from '#shared/adapters/pdf/pdfkit-notice-renderer.ts';
import type { StaffPrincipal } from '#shared/access/principal.ts';
import type { ComplaintDependencies } from '#shared/application/complaints/complaint-dependencies.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { defaultComplaintClockPolicy } from '#shared/domain/complaints/complaint-clock.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';
import { generatedIdentityNumber } from '../../domain/complaints/complaint-mother.ts';

export interface ComplaintTestSetup {
  readonly db: TestTables;
  readonly deps: ComplaintDependencies;
  readonly protector: LocalPersonalDataProtector;
  /** Moves the clock the use cases read. */
  setNow(iso: string): void;
  /** Every item of the oversight table (tests compare before and after a refusal). */
  oversightItems(): Promise<Record<string, unknown>[]>;
  /** Audit entries appended so far (every day partition of the run). */
  auditEntries(): Promise<Record<string, unknown>[]>;
}

export async function complaintTestSetup(): Promise<ComplaintTestSetup> {
  const db = await createTestTables();
  await seedDemoReferenceData(db.documentClient, db.tables.reference);
  const protector = new LocalPersonalDataProtector({ wrappingKey: randomBytes(32), lookupKey: randomBytes(32) });
  let now = new Date('2026-10-09T02:00:00.000Z');
  const deps: ComplaintDependencies = {
    complaints: new DynamoDbComplaintRepository(db.documentClient, db.tables.oversight, db.tables.cases),
    protector,
    renderer: new PdfKitNoticeRenderer(),
    reference: new DynamoDbReferenceReader(db.documentClient, db.tables.reference),
    audit: new DynamoDbAuditLog(db.documentClient, db.tables.audit),
    calendar: async () => stateCouncilCalendar,
    clock: () => now,
    settings: { clock: defaultComplaintClockPolicy, reopeningWindowDays: 30 },
  };
  return {
    db,
    deps,
    protector,
    setNow(iso) {
      now = new Date(iso);
    },
    // A Scan is fine in a test: it checks the whole table, which no request path ever does.
    async oversightItems() {
      return (await db.documentClient.send(new ScanCommand({ TableName: db.tables.oversight, ConsistentRead: true }))).Items ?? [];
    },
    async auditEntries() {
      const day = `AUDIT#${new Date().toISOString().slice(0, 10)}`;
      return (
        (
          await db.documentClient.send(
            new QueryCommand({
              TableName: db.tables.audit,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': day },
              ConsistentRead: true,
            }),
          )
        ).Items ?? []
      );
    },
  };
}

/** A generated complainant (never a real person's data). */
export const complainant = {
  name: '测试人乙',
  idNumber: generatedIdentityNumber('330212', '19800704', '518'),
  phone: '13700002222',
  address: '宁波市鄞州区测试街9号',
  email: 'tester@example.cn',
};

// Supervisors are privileged: the authorizer lets them in only after a second factor.
export const citySupervisor: StaffPrincipal = { kind: 'staff', subject: 'city-sup', role: 'citySupervisor', jurisdiction: 'city', secondFactor: true };
export const haishuSupervisor: StaffPrincipal = {
  kind: 'staff',
  subject: 'haishu-sup',
  role: 'districtSupervisor',
  jurisdiction: 'haishu',
  secondFactor: true,
};
export const yinzhouSupervisor: StaffPrincipal = {
  kind: 'staff',
  subject: 'yinzhou-sup',
  role: 'districtSupervisor',
  jurisdiction: 'yinzhou',
  secondFactor: true,
};
export const housingLiaison: StaffPrincipal = {
  kind: 'staff',
  subject: 'housing-l',
  role: 'departmentLiaison',
  jurisdiction: 'haishu',
  department: 'haishu-housing',
};
export const marketLiaison: StaffPrincipal = {
  kind: 'staff',
  subject: 'market-l',
  role: 'departmentLiaison',
  jurisdiction: 'haishu',
  department: 'haishu-market-regulation',
};

/** The text a PDF reader extracts from a notice, whitespace removed. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const parts: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const content = await (await document.getPage(number)).getTextContent();
      for (const item of content.items as TextItem[]) parts.push(item.str);
    }
    return parts.join('').replace(/\s+/g, '');
  } finally {
    await document.destroy();
  }
}
