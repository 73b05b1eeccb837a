/**
 * The webhook store on DynamoDB Local through the real SDK: a person's change on a stale version
 * is refused and overwrites nothing; the deliveries' marks and a person's changes leave each
 * other alone; disabling happens once; the delivery log pages newest first.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbWebhookStore, webhookSecretPk } from '#shared/adapters/dynamodb/dynamodb-webhook-store.ts';
import { WebhookSubscriptionVersionChanged } from '#shared/application/webhooks/webhook-ports.ts';
import { CursorNotRecognised } from '#shared/application/store-refusals.ts';
import type { WebhookSubscription } from '#shared/domain/webhooks/webhook-subscription.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';

let db: TestTables;
let store: DynamoDbWebhookStore;

beforeAll(async () => {
  db = await createTestTables();
  store = new DynamoDbWebhookStore(db.documentClient, db.tables.reference);
});

let counter = 0;
const aSubscription = (changes: Partial<WebhookSubscription> = {}): WebhookSubscription => ({
  id: `department.haishu-housing.${String((counter += 1)).padStart(12, '0')}`,
  owner: { kind: 'department', department: 'haishu-housing' },
  url: 'https://oa.haishu.gov.cn/hooks',
  eventTypes: ['AlertRaised'],
  description: '办公系统',
  status: 'active',
  version: 1,
  createdAt: `2026-12-01T00:00:${String(counter).padStart(2, '0')}.000Z`,
  createdBy: 'departmentLiaison:l-1',
  updatedAt: '2026-12-01T00:00:00.000Z',
  secretIssuedAt: '2026-12-01T00:00:00.000Z',
  ...changes,
});

describe('DynamoDbWebhookStore', () => {
  it("stores a subscription with its secret apart, lists an owner's and only theirs", async () => {
    // Prepare
    const mine = aSubscription();
    const office = aSubscription({ id: 'jurisdiction.haishu.abcdefghijkl', owner: { kind: 'jurisdiction', jurisdiction: 'haishu' } });

    // Act
    await store.create(mine, 'whsec_one');
    await store.create(office, 'whsec_two');

    // Assess
    expect((await store.list({ kind: 'department', department: 'haishu-housing' })).map((s) => s.id)).toContain(mine.id);
    expect((await store.list({ kind: 'department', department: 'haishu-housing' })).map((s) => s.id)).not.toContain(office.id);
    expect(await store.get(mine.id)).toEqual(mine);
    expect(await store.secretOf(mine.id)).toBe('whsec_one');
    const { Item } = await db.documentClient.send(
      new GetCommand({ TableName: db.tables.reference, Key: { pk: `WEBHOOKS#department:haishu-housing`, sk: `SUBSCRIPTION#${mine.id}` } }),
    );
    expect(JSON.stringify(Item)).not.toContain('whsec_');
  });

  it("refuses a change on a stale version and keeps the deliveries' failure mark through a person's change", async () => {
    // Prepare
    const stored = aSubscription();
    await store.create(stored, 'whsec_a');
    const since = await store.markFailing(stored.id, '2026-12-05T01:00:00.000Z');
    const again = await store.markFailing(stored.id, '2026-12-05T02:00:00.000Z');

    // Act
    await store.change({ ...stored, description: '新说明', version: 2 }, 1);
    const stale = store.change({ ...stored, description: '旧的', version: 2 }, 1);

    // Assess
    await expect(stale).rejects.toBeInstanceOf(WebhookSubscriptionVersionChanged);
    expect(since).toBe('2026-12-05T01:00:00.000Z');
    expect(again).toBe('2026-12-05T01:00:00.000Z');
    expect(await store.get(stored.id)).toMatchObject({ description: '新说明', version: 2, failingSince: '2026-12-05T01:00:00.000Z' });
  });

  it('disables once, moving the version on, so a person holding the old version is refused', async () => {
    // Prepare
    const stored = aSubscription();
    await store.create(stored, 'whsec_b');

    // Act
    const [first, second] = await Promise.all([
      store.disable(stored.id, '2026-12-05T03:00:00.000Z', '2026-12-04T03:00:00.000Z'),
      store.disable(stored.id, '2026-12-05T03:00:01.000Z', '2026-12-04T03:00:00.000Z'),
    ]);
    const edit = store.change({ ...stored, description: 'x', version: 2 }, 1);

    // Assess
    expect([first, second].sort()).toEqual([false, true]);
    await expect(edit).rejects.toBeInstanceOf(WebhookSubscriptionVersionChanged);
    expect(await store.get(stored.id)).toMatchObject({ status: 'disabled', version: 2, disabled: { by: 'system', failingSince: '2026-12-04T03:00:00.000Z' } });
  });

  it('forgets failures when enabled, and a success clears the failure mark', async () => {
    // Prepare
    const stored = aSubscription();
    await store.create(stored, 'whsec_c');
    await store.markFailing(stored.id, '2026-12-05T01:00:00.000Z');
    await store.disable(stored.id, '2026-12-05T03:00:00.000Z', '2026-12-05T01:00:00.000Z');
    const disabled = (await store.get(stored.id))!;

    // Act
    const { disabled: _d, failingSince: _f, ...rest } = disabled;
    await store.change({ ...rest, status: 'active', version: 3 }, 2, { forgetFailures: true });
    const enabled = await store.get(stored.id);
    await store.markFailing(stored.id, '2026-12-05T04:00:00.000Z');
    await store.markDelivered(stored.id, '2026-12-05T04:00:05.000Z');

    // Assess
    expect(enabled).not.toHaveProperty('failingSince');
    expect(enabled).not.toHaveProperty('disabled');
    expect(await store.get(stored.id)).toMatchObject({ status: 'active', lastDeliveredAt: '2026-12-05T04:00:05.000Z' });
    expect(await store.get(stored.id)).not.toHaveProperty('failingSince');
  });

  it('rotates the secret with the version, and removes both on the version read', async () => {
    // Prepare
    const stored = aSubscription();
    await store.create(stored, 'whsec_old');

    // Act
    await store.change({ ...stored, version: 2, secretIssuedAt: '2026-12-05T00:00:00.000Z' }, 1, { secret: 'whsec_new' });
    const staleRemoval = store.remove(stored, 1);
    await expect(staleRemoval).rejects.toBeInstanceOf(WebhookSubscriptionVersionChanged);
    const secretBeforeRemoval = await store.secretOf(stored.id);
    await store.remove(stored, 2);

    // Assess
    expect(secretBeforeRemoval).toBe('whsec_new');
    expect(await store.get(stored.id)).toBeUndefined();
    expect(await store.secretOf(stored.id)).toBeUndefined();
    const { Item } = await db.documentClient.send(new GetCommand({ TableName: db.tables.reference, Key: { pk: webhookSecretPk(stored.id), sk: 'SECRET' } }));
    expect(Item).toBeUndefined();
    // Marks on a removed subscription bring nothing back.
    await store.markDelivered(stored.id, '2026-12-05T05:00:00.000Z');
    expect(await store.get(stored.id)).toBeUndefined();
  });

  it("pages a subscription's delivery log newest first, and refuses another log's cursor", async () => {
    // Prepare
    const id = aSubscription().id;
    await store.append(
      [1, 2, 3, 4, 5].map((attempt) => ({
        subscriptionId: id,
        at: `2026-12-05T06:00:0${attempt}.000Z`,
        eventId: 'e-1',
        eventType: 'AlertRaised',
        attempt,
        outcome: attempt === 5 ? ('delivered' as const) : ('failed' as const),
        durationMs: 12,
        ...(attempt === 5 ? { statusCode: 200 } : { errorClass: 'timeout' as const }),
      })),
    );

    // Act
    const first = await store.page(id, 2);
    const second = await store.page(id, 2, first.cursor);
    const foreign = store.page(aSubscription().id, 2, first.cursor);

    // Assess
    expect(first.items.map((entry) => entry.attempt)).toEqual([5, 4]);
    expect(second.items.map((entry) => entry.attempt)).toEqual([3, 2]);
    expect(first.items[0]).toEqual({
      subscriptionId: id,
      at: '2026-12-05T06:00:05.000Z',
      eventId: 'e-1',
      eventType: 'AlertRaised',
      attempt: 5,
      outcome: 'delivered',
      durationMs: 12,
      statusCode: 200,
    });
    await expect(foreign).rejects.toBeInstanceOf(CursorNotRecognised);
  });

  it("reads a batch's subscriptions together, and logs more deliveries than one request holds", async () => {
    // Prepare
    const subscriptions = [aSubscription(), aSubscription(), aSubscription()];
    for (const subscription of subscriptions.slice(0, 2)) await store.create(subscription, 'sealed');
    const entries = Array.from({ length: 30 }, (_, index) => ({
      subscriptionId: subscriptions[0]!.id,
      at: `2026-12-05T07:00:${String(index).padStart(2, '0')}.000Z`,
      eventId: `e-${index}`,
      eventType: 'AlertRaised',
      attempt: 1,
      outcome: 'delivered' as const,
      durationMs: 5,
      statusCode: 204,
    }));

    // Act
    const read = await store.getMany([...subscriptions.map((subscription) => subscription.id), subscriptions[0]!.id, 'not-a-subscription-id']);
    await store.append(entries);
    const logged = await store.page(subscriptions[0]!.id, 50);

    // Assess
    expect([...read.keys()].sort()).toEqual([subscriptions[0]!.id, subscriptions[1]!.id].sort());
    expect(read.get(subscriptions[1]!.id)).toMatchObject({ id: subscriptions[1]!.id, status: 'active', version: 1 });
    expect(logged.items).toHaveLength(30);
    expect(logged.items[0]).toMatchObject({ eventId: 'e-29' });
  });
});
