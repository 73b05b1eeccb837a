/**
 * The lockout's windows, with the clock in the test's hands: the staff authorizer's use case
 * against DynamoDB Local (the failure counters, the audit store and the security events), with a
 * verifier that answers as told.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { sourceAddressKey } from '#shared/access/source-address.ts';
import type { StaffTokenVerifier, StaffVerification } from '#shared/access/staff-token-verifier.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbSecurityEventLog } from '#shared/adapters/dynamodb/dynamodb-security-events.ts';
import { DynamoDbStaffSignIns } from '#shared/adapters/dynamodb/dynamodb-staff-sign-ins.ts';
import { authorizeStaffRequest, type AuthorizeStaffDependencies, type StaffRequest } from '#shared/application/access/authorize-staff-request.ts';
import { lockoutWindows } from '#shared/application/access/staff-sign-ins.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';

const alertsArn = 'arn:aws-cn:execute-api:cn-north-1:111122223333:a1b2c3d4e5/prod/GET/v1/alerts';
const windowMinutes = 10;
const threshold = 3;

const genuine: StaffVerification = {
  ok: true,
  principal: { kind: 'staff', subject: 'sup-1', role: 'citySupervisor', jurisdiction: 'city', secondFactor: true },
  session: { key: 'a'.repeat(64), signedInAt: 1_772_400_000, endsBy: 1_772_443_200 },
};
/** Answers `genuine` for the token `good`, a bad signature for anything else. */
const verifier: StaffTokenVerifier = {
  verify: async (token) => (token === 'good' ? genuine : { ok: false, status: 'unauthenticated', reason: 'badSignature' }),
};

let db: TestTables;
let deps: AuthorizeStaffDependencies;

beforeAll(async () => {
  db = await createTestTables();
  const signIns = new DynamoDbStaffSignIns(db.documentClient, db.tables.security);
  deps = {
    verifier,
    failures: signIns,
    signIns,
    audit: new DynamoDbAuditLog(db.documentClient, db.tables.audit),
    securityEvents: new DynamoDbSecurityEventLog(db.documentClient, db.tables.security),
    settings: { maxSessionSeconds: 12 * 3600, failuresBeforeLockout: threshold, lockoutWindowSeconds: windowMinutes * 60 },
    source: 'staff-authorizer',
  };
});

const request = (token: string, at: Date, sourceIp: string): StaffRequest => ({ authorization: `Bearer ${token}`, methodArn: alertsArn, sourceIp, at });
const minutes = (start: Date, count: number): Date => new Date(start.getTime() + count * 60_000);

describe('lockout windows', () => {
  it('cuts time into fixed windows and names the one before', () => {
    // Act
    const windows = lockoutWindows(new Date('2026-03-02T01:27:13Z'), 15 * 60);

    // Assess
    expect(windows).toEqual({ current: '2026-03-02T01:15:00.000Z', previous: '2026-03-02T01:00:00.000Z', currentEnds: new Date('2026-03-02T01:30:00Z') });
  });
});

describe('authorizing a staff request: the lockout', () => {
  it('keeps an address locked for the rest of its window and the whole next one, then lets it in again', async () => {
    // Prepare: the window of 10:00-10:10 (UTC) gets the threshold's failures.
    const ip = '192.0.2.10';
    const start = new Date('2026-03-02T10:00:00Z');
    for (let minute = 0; minute < threshold; minute += 1) await authorizeStaffRequest(request('bad', minutes(start, minute), ip), deps);

    // Act
    const sameWindow = await authorizeStaffRequest(request('good', minutes(start, 9), ip), deps);
    const nextWindow = await authorizeStaffRequest(request('good', minutes(start, 19), ip), deps);
    const afterwards = await authorizeStaffRequest(request('good', minutes(start, 20), ip), deps);

    // Assess
    expect(sameWindow).toMatchObject({ outcome: 'deny', reason: 'addressLockedOut' });
    expect(nextWindow).toMatchObject({ outcome: 'deny', reason: 'addressLockedOut' });
    expect(afterwards).toMatchObject({ outcome: 'allow' });
  });

  it('does not lock an address whose failures fall in different windows, each under the threshold', async () => {
    // Prepare: two failures late in one window, two early in the next.
    const ip = '192.0.2.11';
    const start = new Date('2026-03-02T12:00:00Z');
    for (const minute of [8, 9, 10, 11]) await authorizeStaffRequest(request('bad', minutes(start, minute), ip), deps);

    // Act
    const decision = await authorizeStaffRequest(request('good', minutes(start, 12), ip), deps);

    // Assess
    expect(decision).toMatchObject({ outcome: 'allow' });
  });

  it('starts one lockout even when the failures that reach the threshold arrive together', async () => {
    // Prepare
    const ip = '192.0.2.12';
    const at = new Date('2026-03-02T14:00:00Z');

    // Act
    const decisions = await Promise.all(Array.from({ length: threshold + 3 }, () => authorizeStaffRequest(request('bad', at, ip), deps)));

    // Assess
    expect(decisions.filter((decision) => decision.outcome === 'unauthenticated' && decision.lockoutStarted)).toHaveLength(1);
    const events = await db.documentClient.send(
      new QueryCommand({
        TableName: db.tables.security,
        IndexName: 'securityEventsByKind',
        KeyConditionExpression: 'kindDay = :kindDay',
        ExpressionAttributeValues: { ':kindDay': 'authenticationFailures#2026-03-02' },
      }),
    );
    expect((events.Items ?? []).filter((item) => item['subject'] === `address:${sourceAddressKey(ip)}`)).toHaveLength(1);
  });

  it('keeps the counters of an address only until they no longer matter', async () => {
    // Prepare
    const ip = '192.0.2.13';
    const at = new Date('2026-03-02T16:04:00Z');

    // Act
    await authorizeStaffRequest(request('bad', at, ip), deps);

    // Assess: the 16:00 window's counter expires when the next window (16:10-16:20) ends.
    const counters = await db.documentClient.send(
      new QueryCommand({
        TableName: db.tables.security,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `FAILURES#${sourceAddressKey(ip)}` },
        ConsistentRead: true,
      }),
    );
    expect(counters.Items).toEqual([
      { pk: `FAILURES#${sourceAddressKey(ip)}`, sk: '2026-03-02T16:00:00.000Z', failures: 1, expiresAt: Date.parse('2026-03-02T16:20:00Z') / 1000 },
    ]);
  });
});
