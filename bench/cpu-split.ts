/**
 * Where the machine's CPU goes during a run: each thread of this process by name (the local
 * runtime names every function's sandbox thread after the function; the main thread serves the
 * API, the queue and the service endpoints and drives the load), and each child process (DynamoDB
 * Local is a Java child). Read from Linux's /proc; elsewhere the split is empty.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** CPU seconds by consumer: a function's name, `runtime (main thread)`, `node (other threads)`, or a child's command. */
export type CpuSeconds = Readonly<Record<string, number>>;

const ticksPerSecond = 100;

/** utime + stime of a /proc stat line, in seconds (the fields after the command's closing parenthesis). */
function cpuOfStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the thread or process ended meanwhile
  }
};

/** A named sandbox thread's own name; every other Node thread is the main thread or a helper (GC, compiler, libuv pool). */
function threadConsumer(tid: string, comm: string): string {
  if (tid === String(process.pid)) return 'runtime (main thread)';
  return comm === 'node' || comm.startsWith('node') ? 'node (other threads)' : comm;
}

/** CPU seconds used so far by this process's threads and its children (with their threads), by consumer. */
export function cpuSoFar(): CpuSeconds {
  if (!existsSync('/proc/self/task')) return {};
  const totals: Record<string, number> = {};
  const add = (name: string, seconds: number) => {
    totals[name] = (totals[name] ?? 0) + seconds;
  };
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = read(`/proc/self/task/${tid}/stat`);
    const comm = read(`/proc/self/task/${tid}/comm`)?.trim();
    if (stat !== undefined && comm !== undefined) add(threadConsumer(tid, comm), cpuOfStat(stat));
  }
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    const stat = read(`/proc/${pid}/stat`);
    if (stat === undefined) continue;
    const parent = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
    if (parent !== String(process.pid)) continue;
    const comm = read(`/proc/${pid}/comm`)?.trim() ?? pid;
    add(comm === 'java' ? 'DynamoDB Local (java)' : comm, cpuOfStat(stat));
  }
  return totals;
}

/** What each consumer used between two readings (consumers that used nothing left out). */
export function cpuBetween(before: CpuSeconds, after: CpuSeconds): CpuSeconds {
  const used: Record<string, number> = {};
  for (const [name, seconds] of Object.entries(after)) {
    const delta = seconds - (before[name] ?? 0);
    if (delta > 0.005) used[name] = delta;
  }
  return used;
}

/** `name 41 % (3.2 s)` for the largest consumers, largest first. */
export function describeCpu(used: CpuSeconds, limit = 6): string {
  const total = Object.values(used).reduce((sum, seconds) => sum + seconds, 0);
  if (total === 0) return 'not measured (no /proc)';
  return Object.entries(used)
    .sort(([, a], [, b]) => b - a)
    .slice(0, limit)
    .map(([name, seconds]) => `${name} ${Math.round((100 * seconds) / total)} % (${seconds.toFixed(1)} s)`)
    .join(', ');
}
