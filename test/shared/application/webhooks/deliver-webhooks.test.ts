/**
 * The deliveries' use cases on DynamoDB Local and a real HTTP subscriber on this machine: the
 * fan-out's orders (who receives an event), a subscriber re-pointed at a refused address after it
 * subscribed (refused when connecting, logged, never reached), the last attempt given up, a
 * subscription removed or disabled since the fan-out (nothing sent), a success clearing failures.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { DynamoDbWebhookStore } from '#shared/adapters/dynamodb/dynamodb-webhook-store.ts';
import { UnavailableSmsSender } from '#shared/adapters/sms/sms-senders.ts';
import { HttpsWebhookSender } from '#shared/adapters/webhooks/https-webhook-sender.ts';
import {
  deliverOrder,
  deliverOrders,
  fanOutSignalEvent,
  type BusEvent,
  type DeliverWebhooksDependencies,
  type WebhookNews,
} from '#shared/application/webhooks/deliver-webhooks.ts';
import { OpenedSecrets } from '#shared/adapters/webhooks/opened-secrets.ts';
import type { DeliveryOrder } from '#shared/application/webhooks/webhook-ports.ts';
import { maxDeliveryAttempts, type WebhookOwner, type WebhookSubscription } from '#shared/domain/webhooks/webhook-subscription.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';

let db: TestTables;
let store: DynamoDbWebhookStore;
let server: Server;
let base: string;
let answer = 200;
const hits: string[] = [];

beforeAll(async () => {
  db = await createTestTables();
  store = new DynamoDbWebhookStore(db.documentClient, db.tables.reference);
  server = createServer((request, response) => {
    hits.push(request.url ?? '');
    request.resume();
    response.writeHead(answer).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let counter = 0;
async function subscribed(owner: WebhookOwner, changes: Partial<WebhookSubscription> = {}): Promise<WebhookSubscription> {
  counter += 1;
  const ownerId = owner.kind === 'department' ? owner.department : owner.jurisdiction;
  const subscription: WebhookSubscription = {
    id: `${owner.kind}.${ownerId}.${String(counter).padStart(12, '0')}`,
    owner,
    url: `${base}/hook-${counter}`,
    eventTypes: ['AlertRaised'],
    description: 'test',
    status: 'active',
    version: 1,
    createdAt: new Date().toISOString(),
    createdBy: 'departmentLiaison:l-1',
    updatedAt: new Date().toISOString(),
    secretIssuedAt: new Date().toISOString(),
    ...changes,
  };
  await store.create(subscription, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  return subscription;
}

const alertEvent = (department: string, jurisdiction: string, level = 'correction'): BusEvent => ({
  'detail-type': 'AlertRaised',
  source: 'e-supervision.alerts',
  time: '2026-12-05T08:00:00Z',
  detail: { version: 1, eventId: `${department}/licensing/C-${(counter += 1)}/r/1/0`, alert: { department, jurisdiction, level } },
});

function dependencies(
  orders: DeliveryOrder[],
  news: WebhookNews[],
  loopback: 'allowed' | 'refused' = 'allowed',
  windowHours = 24,
): DeliverWebhooksDependencies {
  return {
    state: store,
    // KMS is the boundary here: secrets are stored as given (the end-to-end test seals them with the local KMS and its key policy).
    secrets: new OpenedSecrets(store, { open: async (_subscription, sealed) => sealed }),
    log: store,
    sender: new HttpsWebhookSender(loopback),
    departments: new DynamoDbReferenceReader(db.documentClient, db.tables.reference),
    sms: new UnavailableSmsSender(),
    queue: { enqueue: async (given) => void orders.push(...given) },
    publish: async (given) => void news.push(...given),
    clock: () => new Date(),
    disableAfterFailingHours: windowHours,
  };
}

describe('delivering signal events to webhooks', () => {
  it("orders one delivery per subscription that wants the event: its department's, its district's, the city's", async () => {
    // Prepare
    const department = await subscribed({ kind: 'department', department: 'fanout-dept' });
    const district = await subscribed({ kind: 'jurisdiction', jurisdiction: 'fanout-district' }, { minimumLevel: 'warning' });
    await subscribed({ kind: 'jurisdiction', jurisdiction: 'fanout-district' }, { eventTypes: ['AlertClosed'] });
    await subscribed({ kind: 'department', department: 'fanout-other' });
    await subscribed({ kind: 'jurisdiction', jurisdiction: 'fanout-district' }, { minimumLevel: 'correction', status: 'disabled' });
    const orders: DeliveryOrder[] = [];

    // Act
    const count = await fanOutSignalEvent(alertEvent('fanout-dept', 'fanout-district', 'warning'), dependencies(orders, []));

    // Assess: the city's subscriptions (if any other test made one) come along; these are the ones of this event's owners.
    const ids = orders.map((order) => order.subscriptionId).filter((id) => !id.startsWith('jurisdiction.city.'));
    expect(count).toBe(orders.length);
    expect(ids.sort()).toEqual([department.id, district.id].sort());
    expect(orders[0]!.payload).toEqual({
      'detail-type': 'AlertRaised',
      source: 'e-supervision.alerts',
      time: '2026-12-05T08:00:00Z',
      detail: expect.objectContaining({ alert: { department: 'fanout-dept', jurisdiction: 'fanout-district', level: 'warning' } }),
    });
  });

  it('refuses at delivery a subscriber whose name now resolves to loopback, logs it, and never reaches it', async () => {
    // Prepare: stored as if its name had been public when it subscribed.
    const rebound = await subscribed({ kind: 'department', department: 'rebound' }, { url: `https://localhost:${new URL(base).port}/rebound` });
    const event = alertEvent('rebound', 'haishu');

    // Act
    const verdict = await deliverOrder({ subscriptionId: rebound.id, payload: event }, 1, dependencies([], [], 'refused'));
    const { items } = await store.page(rebound.id, 10);

    // Assess
    expect(verdict).toEqual({ done: false, retryAfterSeconds: 5 });
    expect(hits).not.toContain('/rebound');
    expect(items).toMatchObject([{ attempt: 1, outcome: 'failed', errorClass: 'addressRefused' }]);
    expect(items[0]).not.toHaveProperty('statusCode');
    expect((await store.get(rebound.id))?.failingSince).toBeDefined();
  });

  it('gives up after the last attempt, logging it, without disabling a subscriber within its window', async () => {
    // Prepare
    answer = 500;
    const failing = await subscribed({ kind: 'department', department: 'giving-up' });

    // Act
    const verdict = await deliverOrder({ subscriptionId: failing.id, payload: alertEvent('giving-up', 'haishu') }, maxDeliveryAttempts, dependencies([], []));
    answer = 200;

    // Assess
    expect(verdict).toEqual({ done: true });
    expect((await store.page(failing.id, 1)).items[0]).toMatchObject({
      attempt: maxDeliveryAttempts,
      outcome: 'gaveUp',
      statusCode: 500,
      errorClass: 'httpStatus',
    });
    expect(await store.get(failing.id)).toMatchObject({ status: 'active' });
  });

  it('disables a subscriber failing past the window once and tells its owner once', async () => {
    // Prepare
    answer = 503;
    const failing = await subscribed({ kind: 'jurisdiction', jurisdiction: 'tired' });
    await store.markFailing(failing.id, new Date(Date.now() - 2 * 3_600_000).toISOString());
    const news: WebhookNews[] = [];

    // Act
    const [first, second] = await Promise.all(
      [1, 2].map(() => deliverOrder({ subscriptionId: failing.id, payload: alertEvent('some-dept', 'tired') }, 3, dependencies([], news, 'allowed', 1))),
    );
    answer = 200;

    // Assess
    expect([first, second]).toEqual([{ done: true }, { done: true }]);
    expect(news).toHaveLength(1);
    expect(news[0]).toMatchObject({
      detailType: 'WebhookSubscriptionDisabled',
      detail: { subscription: { id: failing.id, owner: 'jurisdiction:tired', jurisdiction: 'tired', disabledAfterHours: 1 } },
    });
    expect(await store.get(failing.id)).toMatchObject({ status: 'disabled', version: 2 });
  });

  it('tells the owner at a later attempt when the bus failed as the subscriber was disabled, and then not again', async () => {
    // Prepare
    answer = 503;
    const failing = await subscribed({ kind: 'department', department: 'untold' });
    await store.markFailing(failing.id, new Date(Date.now() - 2 * 3_600_000).toISOString());
    const news: WebhookNews[] = [];
    const busDown = { ...dependencies([], news, 'allowed', 1), publish: async () => Promise.reject(new Error('event bus unavailable')) };
    const order = { subscriptionId: failing.id, payload: alertEvent('untold', 'haishu') };

    // Act
    const first = deliverOrder(order, 3, busDown);
    await expect(first).rejects.toThrow('event bus unavailable');
    const untold = await store.get(failing.id);
    const retried = await deliverOrder(order, 4, dependencies([], news, 'allowed', 1));
    const again = await deliverOrder(order, 5, dependencies([], news, 'allowed', 1));
    answer = 200;

    // Assess
    expect(untold).toMatchObject({ status: 'disabled', version: 2, disabled: { by: 'system' } });
    expect(untold?.disabled).not.toHaveProperty('toldAt');
    expect([retried, again]).toEqual([{ done: true }, { done: true }]);
    expect(news.map((item) => (item.detail as { eventId: string }).eventId)).toEqual([`${failing.id}/disabled/2`]);
    expect((await store.get(failing.id))?.disabled?.toldAt).toBeDefined();
    expect((await store.page(failing.id, 10)).items).toHaveLength(1);
  });

  it('sends nothing for an order whose subscription was removed, disabled or narrowed since the fan-out', async () => {
    // Prepare
    const removed = await subscribed({ kind: 'department', department: 'changed' });
    await store.remove(removed, 1);
    const narrowed = await subscribed({ kind: 'department', department: 'changed' }, { eventTypes: ['AlertClosed'] });
    const disabled = await subscribed({ kind: 'department', department: 'changed' }, { status: 'disabled' });
    const before = hits.length;

    // Act
    const verdicts = await Promise.all(
      [removed, narrowed, disabled].map((subscription) =>
        deliverOrder({ subscriptionId: subscription.id, payload: alertEvent('changed', 'haishu') }, 1, dependencies([], [])),
      ),
    );

    // Assess
    expect(verdicts).toEqual([{ done: true }, { done: true }, { done: true }]);
    expect(hits.length).toBe(before);
    expect((await store.page(narrowed.id, 10)).items).toEqual([]);
  });

  it('clears the failure mark on a success', async () => {
    // Prepare
    const recovering = await subscribed({ kind: 'department', department: 'recovering' });
    await store.markFailing(recovering.id, new Date(Date.now() - 60_000).toISOString());

    // Act
    const verdict = await deliverOrder({ subscriptionId: recovering.id, payload: alertEvent('recovering', 'haishu') }, 2, dependencies([], []));

    // Assess
    expect(verdict).toEqual({ done: true });
    const stored = await store.get(recovering.id);
    expect(stored).not.toHaveProperty('failingSince');
    expect(stored?.lastDeliveredAt).toBeDefined();
    expect((await store.page(recovering.id, 1)).items[0]).toMatchObject({ attempt: 2, outcome: 'delivered', statusCode: 200 });
  });

  it('marks a subscriber delivered once a minute in a burst of signals, and at once after a failure', async () => {
    // Prepare
    const busy = await subscribed({ kind: 'department', department: 'busy' });
    const at = (second: number) => new Date(Date.parse('2026-12-05T08:00:00Z') + second * 1_000);
    const deliverAt = (second: number) =>
      deliverOrder({ subscriptionId: busy.id, payload: alertEvent('busy', 'haishu') }, 1, { ...dependencies([], []), clock: () => at(second) });

    // Act
    await deliverAt(0);
    await deliverAt(30);
    const withinTheMinute = await store.get(busy.id);
    await deliverAt(61);
    const afterTheMinute = await store.get(busy.id);
    await store.markFailing(busy.id, at(62).toISOString());
    await deliverAt(63);
    const afterAFailure = await store.get(busy.id);

    // Assess
    expect(withinTheMinute?.lastDeliveredAt).toBe(at(0).toISOString());
    expect(afterTheMinute?.lastDeliveredAt).toBe(at(61).toISOString());
    expect(afterAFailure?.lastDeliveredAt).toBe(at(63).toISOString());
    expect(afterAFailure).not.toHaveProperty('failingSince');
    // The log holds every delivery, whatever the mark says.
    expect((await store.page(busy.id, 10)).items.map((entry) => entry.outcome)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
  });

  it("delivers a batch's orders together, and a fault of one order (its secret not opened) fails that order alone", async () => {
    // Prepare
    const healthy = await subscribed({ kind: 'department', department: 'batched' });
    const locked = await subscribed({ kind: 'department', department: 'batched' });
    const before = hits.length;
    const deps = {
      ...dependencies([], []),
      secrets: {
        of: async (subscription: { id: string }) =>
          subscription.id === locked.id ? Promise.reject(new Error('KMS throttled')) : 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      },
    };

    // Act
    const outcomes = await deliverOrders(
      [healthy, locked, healthy].map((subscription) => ({ order: { subscriptionId: subscription.id, payload: alertEvent('batched', 'haishu') }, attempt: 1 })),
      deps,
    );

    // Assess
    expect(outcomes[0]).toEqual({ verdict: { done: true } });
    expect(outcomes[1]).toMatchObject({ fault: { message: 'KMS throttled' } });
    expect(outcomes[2]).toEqual({ verdict: { done: true } });
    expect(hits.length - before).toBe(2);
    expect((await store.page(healthy.id, 10)).items.map((entry) => entry.outcome)).toEqual(['delivered', 'delivered']);
    expect((await store.page(locked.id, 10)).items).toEqual([]);
  });
});
