/**
 * Which key a complaint's personal data is under, through the use cases against DynamoDB Local
 * and a KMS stand-in with the period keys: the intake key of the month of receipt while it is
 * open, its retention key from the write that finishes it — fields, notices already stored and
 * everything sealed later — and nothing of it readable once that key is gone.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KmsPersonalDataProtector } from '#shared/adapters/kms/kms-personal-data-protector.ts';
import { PersonalDataErased } from '#shared/application/complaints/complaint-refusals.ts';
import type { ComplaintDependencies } from '#shared/application/complaints/complaint-dependencies.ts';
import { decideOnComplaint } from '#shared/application/complaints/decide-on-complaint.ts';
import { fileComplaint, type ComplaintFiling } from '#shared/application/complaints/file-complaint.ts';
import { rateComplaint } from '#shared/application/complaints/rate-complaint.ts';
import { readComplainantNotice } from '#shared/application/complaints/read-complainant-notice.ts';
import { readComplaint } from '#shared/application/complaints/read-complaint.ts';
import { readComplaintNotice } from '#shared/application/complaints/read-complaint-notice.ts';
import { reopenComplaint } from '#shared/application/complaints/reopen-complaint.ts';
import { reportComplaintResult } from '#shared/application/complaints/report-complaint-result.ts';
import { revealComplainantIdentity } from '#shared/application/complaints/reveal-complainant-identity.ts';
import { FakeKms, lookupKeyArn } from '../../adapters/kms/fake-kms.ts';
import { complaintTestSetup, complainant, haishuSupervisor, type ComplaintTestSetup } from './complaint-test-setup.ts';

const key = (id: string) => `arn:aws-cn:kms:cn-north-1:123456789012:key/${id}-0000-4000-8000-000000000000`;
const intakeOctober = key('10000000');
const retentionOctober2029 = key('20000000');

let setup: ComplaintTestSetup;
let kms: FakeKms;
let deps: ComplaintDependencies;

beforeAll(async () => {
  setup = await complaintTestSetup();
});

/** The use cases with a KMS of their own, holding the period keys of October 2026. */
beforeEach(() => {
  kms = new FakeKms().withAlias('alias/esup-test-pd-intake-2026-10', intakeOctober).withAlias('alias/esup-test-pd-retention-2029-10', retentionOctober2029);
  deps = {
    ...setup.deps,
    protector: new KmsPersonalDataProtector({ client: kms.asClient(), lookupKeyId: lookupKeyArn, periodKeyAliasPrefix: 'alias/esup-test-pd-' }),
  };
});

const filing: ComplaintFiling = { department: 'haishu-housing', category: 'delay', content: '密钥期测试：许可超期。', realName: true, complainant };

async function rawItems(receiptNumber: string): Promise<Record<string, unknown>[]> {
  const result = await setup.db.documentClient.send(
    new QueryCommand({
      TableName: setup.db.tables.oversight,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `COMPLAINT#${receiptNumber}` },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

/** The key each stored wrapped data key names: the fields, the rating comment, each notice. */
async function keysOf(receiptNumber: string): Promise<Record<string, string | undefined>> {
  const items = await rawItems(receiptNumber);
  const state = items.find((item) => item['sk'] === 'STATE')?.['complaint'] as { sealed: { keyRef: string } | null; rating?: { comment?: { keyRef: string } } };
  const notices = Object.fromEntries(
    items.filter((item) => String(item['sk']).startsWith('NOTICE#')).map((item) => [String(item['sk']), String(item['keyRef'])]),
  );
  return { fields: state.sealed?.keyRef, comment: state.rating?.comment?.keyRef, ...notices };
}

async function filedOnTheNinth() {
  setup.setNow('2026-10-09T02:00:00.000Z');
  return fileComplaint(filing, deps);
}

describe("a complaint's personal data keys", () => {
  it('are under the intake key of the month of receipt while the complaint is open, a decision notice included', async () => {
    // Prepare
    const { receiptNumber } = await filedOnTheNinth();
    setup.setNow('2026-10-12T02:00:00.000Z');

    // Act
    await decideOnComplaint(
      haishuSupervisor,
      receiptNumber,
      { expectedVersion: 1, accepted: true, handling: { by: 'supervisor', deadline: '2026-10-30' } },
      deps,
    );

    // Assess
    expect(await keysOf(receiptNumber)).toEqual({ fields: intakeOctober, comment: undefined, 'NOTICE#decision': intakeOctober });
  });

  it('move under the retention key in the write that finishes the complaint, with the notice already stored, and what is sealed later follows', async () => {
    // Prepare: accepted on the 12th (decision notice under the intake key), concluded by the supervisor on the 20th.
    const { receiptNumber, queryToken } = await filedOnTheNinth();
    setup.setNow('2026-10-12T02:00:00.000Z');
    await decideOnComplaint(
      haishuSupervisor,
      receiptNumber,
      { expectedVersion: 1, accepted: true, handling: { by: 'supervisor', deadline: '2026-10-30' } },
      deps,
    );
    setup.setNow('2026-10-20T02:00:00.000Z');

    // Act
    const concluded = await reportComplaintResult(haishuSupervisor, receiptNumber, { expectedVersion: 2, summary: '已督促住建局办结。', evidence: [] }, deps);
    setup.setNow('2026-10-21T02:00:00.000Z');
    await rateComplaint(receiptNumber, queryToken, { score: 4, comment: '满意' }, deps);

    // Assess: retained until 19 October 2029, so everything is under retention-2029-10.
    expect(concluded).toMatchObject({ stage: 'concluded' });
    expect((await setup.deps.complaints.load(receiptNumber))?.personalDataRetainedUntil).toBe('2029-10-19T02:00:00.000Z');
    expect(await keysOf(receiptNumber)).toEqual({
      fields: retentionOctober2029,
      comment: retentionOctober2029,
      'NOTICE#decision': retentionOctober2029,
      'NOTICE#result': retentionOctober2029,
    });
    expect(await readComplainantNotice(receiptNumber, queryToken, 'decision', deps)).toBeInstanceOf(Uint8Array);
    expect((await revealComplainantIdentity(haishuSupervisor, receiptNumber, '核实', deps)).complainant).toMatchObject({ name: complainant.name });
  });

  it('of a complaint not accepted are under its retention key at once, and a re-opening seals its copy under the intake key, with a data key of its own', async () => {
    // Prepare
    const { receiptNumber, queryToken } = await filedOnTheNinth();
    setup.setNow('2026-10-12T02:00:00.000Z');

    // Act
    await decideOnComplaint(haishuSupervisor, receiptNumber, { expectedVersion: 1, accepted: false, reasons: '不属于本机关受理范围。' }, deps);
    setup.setNow('2026-10-20T02:00:00.000Z');
    const reopened = await reopenComplaint(receiptNumber, queryToken, '请重新审查。', deps);

    // Assess
    expect(await keysOf(receiptNumber)).toEqual({ fields: retentionOctober2029, comment: undefined, 'NOTICE#decision': retentionOctober2029 });
    const original = await setup.deps.complaints.load(receiptNumber);
    const copy = await setup.deps.complaints.load(reopened.receiptNumber);
    expect(copy?.sealed?.keyRef).toBe(intakeOctober);
    expect(copy?.sealed?.wrappedKey).not.toBe(original?.sealed?.wrappedKey);
  });

  it('open no more once the key they are under is gone: identity and notices 410, the detail without them', async () => {
    // Prepare: finished, then its retention key scheduled for deletion.
    const { receiptNumber, queryToken } = await filedOnTheNinth();
    setup.setNow('2026-10-12T02:00:00.000Z');
    await decideOnComplaint(haishuSupervisor, receiptNumber, { expectedVersion: 1, accepted: false, reasons: '不属于本机关受理范围。' }, deps);
    const before = await revealComplainantIdentity(haishuSupervisor, receiptNumber, '核实', deps);
    kms.scheduleDeletion(retentionOctober2029);

    // Act
    const outcomes = await Promise.allSettled([
      revealComplainantIdentity(haishuSupervisor, receiptNumber, '核实', deps),
      readComplaintNotice(haishuSupervisor, receiptNumber, 'decision', deps),
      readComplainantNotice(receiptNumber, queryToken, 'decision', deps),
    ]);
    const detail = await readComplaint(haishuSupervisor, receiptNumber, deps);

    // Assess
    expect(before.complainant.name).toBe(complainant.name);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(PersonalDataErased);
    }
    expect(detail).not.toHaveProperty('content');
    expect(detail).not.toHaveProperty('complainant');
  });
});
