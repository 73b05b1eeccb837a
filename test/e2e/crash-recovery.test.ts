/**
 * Nothing acknowledged is lost: `npm start`'s runtime is killed (SIGKILL, DynamoDB Local with it)
 * while departments are pushing, restarted on the same data, and every record that got a 202
 * ends up stored and evaluated.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bearerGet, signedPost, type SigningCredential } from '../support/local-api-client.ts';

const repositoryRoot = join(import.meta.dirname, '..', '..');
const department = 'haishu-housing';

interface Started {
  readonly child: ChildProcess;
  readonly apiUrl: string;
  readonly credential: SigningCredential;
  readonly token: string;
}

const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts `infra/local/start.ts` in its own process group and reads what it prints. */
function start(dataDir: string, port: number): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', '--data-dir', dataDir, '--port', String(port)], {
    cwd: repositoryRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'ERROR' },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`runtime did not start in time:\n${err}`)), 90_000);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const accessKeyId = /export ACCESS_KEY=(\S+)/.exec(out)?.[1];
      const secretAccessKey = /export SECRET_KEY=(\S+)/.exec(out)?.[1];
      const apiKey = /export API_KEY=(\S+)/.exec(out)?.[1];
      const token = /export TOKEN=(\S+)/.exec(out)?.[1];
      if (accessKeyId && secretAccessKey && apiKey && token && out.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, apiUrl: `http://127.0.0.1:${port}`, credential: { accessKeyId, secretAccessKey, apiKey }, token });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`runtime exited with ${code}:\n${err}`));
    });
  });
}

function crash(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.removeAllListeners('error');
    process.kill(-(child.pid as number), 'SIGKILL');
  });
}

afterAll(() => {
  for (const child of children) {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('a crash of the local runtime', () => {
  it('loses no record that was acknowledged with 202', { timeout: 240_000 }, async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'esup-crash-'));
    const port = await freePort();
    const first = await start(dataDir, port);
    const run = Date.now().toString(36);
    const caseIds = Array.from({ length: 8 }, (_, i) => `CRASH-${run}-${i}`);
    const acknowledged = new Map<string, Set<number>>(caseIds.map((id) => [id, new Set<number>()]));
    const batch = (sequence: number) =>
      JSON.stringify({
        records: caseIds.map((caseId) => ({
          kind: 'licensing',
          department,
          matterCode: 'construction-permit',
          caseId,
          sequence,
          event: sequence === 1 ? 'received' : 'completionReceived',
          occurredAt: '2025-09-01T09:00:00+08:00',
        })),
      });
    let sequence = 0;
    const pushUntil = async (started: Started, stopAfter: number, crashAt?: number) => {
      const inFlight: Promise<void>[] = [];
      while (sequence < stopAfter) {
        sequence += 1;
        const s = sequence;
        inFlight.push(
          signedPost(started.apiUrl, '/v1/records', batch(s), started.credential)
            .then((reply) => {
              if (reply.status === 202) for (const caseId of caseIds) acknowledged.get(caseId)?.add(s);
            })
            .catch(() => undefined),
        );
        if (crashAt !== undefined && s === crashAt) await crash(started.child);
        if (inFlight.length >= 3) await inFlight.shift();
      }
      await Promise.all(inFlight);
    };

    // Act: push, kill mid-stream (requests in flight), restart on the same data, push more.
    await pushUntil(first, 40, 25);
    const second = await start(dataDir, port);
    await pushUntil(second, 50);

    // Assess: every acknowledged sequence of every case is in its timeline, and none twice.
    const repeated: string[] = [];
    const missing = async () => {
      const gaps: string[] = [];
      repeated.length = 0;
      for (const caseId of caseIds) {
        const timeline = await bearerGet(second.apiUrl, `/v1/cases/${department}/licensing/${caseId}/timeline`, second.token);
        const sequences: number[] = (timeline.json?.events ?? []).map((e: { sequence: number }) => e.sequence);
        const stored = new Set<number>(sequences);
        if (stored.size !== sequences.length) repeated.push(caseId);
        for (const s of acknowledged.get(caseId) ?? []) if (!stored.has(s)) gaps.push(`${caseId}#${s}`);
      }
      return gaps;
    };
    let gaps = await missing();
    for (let i = 0; i < 60 && gaps.length > 0; i += 1) {
      await new Promise((r) => setTimeout(r, 1000));
      gaps = await missing();
    }
    const acknowledgedCount = [...acknowledged.values()].reduce((n, s) => n + s.size, 0);
    expect(acknowledgedCount).toBeGreaterThan(8 * 30);
    expect(gaps).toEqual([]);
    expect(repeated).toEqual([]);

    await crash(second.child);
    await rm(dataDir, { recursive: true, force: true });
  });
});
