/**
 * The local runtime serves exactly what the topology declares: every route reaches its handler
 * (not the gateway's "Missing Authentication Token"), every queue exists with a consumer, every
 * schedule can fire. The CDK side of the same promise is in test/infra/cdk/stateless-stack.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { startTestRuntime, type TestRuntime } from '../../support/test-runtime.ts';
import { queues, routes, schedules } from '#shared/topology.ts';
import { signedPost } from '../../support/local-api-client.ts';
import aws4 from 'aws4';

let runtime: LocalRuntime;
let started: TestRuntime;

beforeAll(async () => {
  started = await startTestRuntime('parity');
  runtime = started.runtime;
});

afterAll(async () => {
  await started?.dispose();
});

/** A concrete path for a template: each `{param}` filled with a valid identifier. */
const concrete = (template: string) => template.replaceAll(/\{[^}]+\}/g, 'haishu-housing');

describe('the local runtime and the topology', () => {
  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('routes %s to its handler', async (_label, route) => {
    const credential = runtime.credentials.find((c) => c.department === 'haishu-housing') as DepartmentCredential;
    const token = await runtime.mintStaffToken({ subject: 'parity', role: 'citySupervisor', jurisdiction: 'city' });
    const url = new URL(concrete(route.path), runtime.apiUrl);
    let response: Response;
    if (route.auth === 'department' && route.method === 'POST') {
      const reply = await signedPost(runtime.apiUrl, url.pathname, JSON.stringify({ records: [] }), credential);
      response = new Response(reply.text, { status: reply.status, headers: reply.headers });
    } else if (route.auth === 'department') {
      const signed = aws4.sign(
        {
          host: url.host,
          method: route.method,
          path: url.pathname,
          service: 'execute-api',
          region: runtime.region,
          headers: { 'x-api-key': credential.apiKey },
        },
        credential,
      );
      response = await fetch(url, { method: route.method, headers: signed.headers as Record<string, string> });
    } else {
      response = await fetch(url, { method: route.method, headers: route.auth === 'staff' ? { authorization: `Bearer ${token}` } : {} });
    }
    const body = await response.text();
    // Handlers answer JSON or problem+json; the gateway's own refusals are `{"message": ...}`.
    expect(body).not.toContain('Missing Authentication Token');
    expect(response.headers.get('content-type') ?? '').toMatch(/^application\/(problem\+)?json/);
    expect(response.status).toBeLessThan(500);
  });

  it('has every declared queue, with its dead-letter queue, and nothing else', () => {
    expect(Object.keys(runtime.queueStats()).sort()).toEqual(queues.map((q) => q.name).sort());
    for (const stats of Object.values(runtime.queueStats())) expect(stats).toMatchObject({ deadLetters: 0 });
  });

  it.each(schedules.map((s) => [s.name] as const))('fires schedule %s', async (name) => {
    await expect(runtime.fireSchedule(name, new Date())).resolves.toBeUndefined();
  });

  it('refuses to fire a schedule the topology does not declare', async () => {
    await expect(runtime.fireSchedule('no-such-schedule')).rejects.toThrow();
  });
});
