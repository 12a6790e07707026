/**
 * The benchmark's side channel, shared by the three app processes so they are measured the same way.
 * The harness asks over the IPC channel; the app answers with its resource use after a forced GC.
 */

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readdirSync, readFileSync } from 'node:fs';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';

const MAX_LIFE_MS = Number(process.env.BENCH_MAX_LIFE_MS) || 30 * 60_000;

function gc() {
  if (typeof globalThis.Bun !== 'undefined') return void globalThis.Bun.gc(true);
  if (typeof globalThis.gc !== 'function') return;
  globalThis.gc();
  globalThis.gc();
}

/**
 * CPU seconds of the main thread and of all other threads of this process (Linux `/proc`; null elsewhere):
 * where a runtime's JIT compiler and collector threads spend what `process.cpuUsage()` counts.
 */
function threadCpu() {
  try {
    const tick = 100; // USER_HZ
    let main = 0;
    let other = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const sec = (Number(f[11]) + Number(f[12])) / tick; // utime + stime
      if (Number(tid) === process.pid) main += sec;
      else other += sec;
    }
    return { main, other };
  } catch {
    return null;
  }
}

/** V8's heap spaces (Node); Bun's engine has none of these, so null there. */
function heapSpaces() {
  try {
    return Object.fromEntries(getHeapSpaceStatistics().map((x) => [x.space_name, { used: x.space_used_size, physical: x.physical_space_size }]));
  } catch {
    return null;
  }
}

/** Tells the harness the app is listening on `port`, then answers `stats` and `exit` requests. */
export function serveBench(name, port) {
  // Never outlive the harness: exit when it goes away, and after a hard time cap in any case.
  process.on('disconnect', () => process.exit(0));
  setTimeout(() => process.exit(3), MAX_LIFE_MS).unref();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  process.on('message', (m) => {
    if (!m || typeof m !== 'object') return;
    if (m.type === 'delay') {
      const ms = (ns) => Number((ns / 1e6).toFixed(2));
      process.send({ type: 'delay', eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) } });
      delay.reset();
    }
    if (m.type === 'exit') process.exit(0);
    if (m.type === 'heap-snapshot') {
      gc();
      process.send({ type: 'heap-snapshot', file: writeHeapSnapshot(m.file) });
    }
    if (m.type === 'stats') {
      const cpuBeforeGc = process.cpuUsage();
      const threadsBeforeGc = threadCpu();
      gc();
      const cpu = process.cpuUsage();
      const mem = process.memoryUsage();
      process.send({
        type: 'stats',
        id: m.id,
        cpuBeforeGc,
        cpu,
        threadsBeforeGc,
        threads: threadCpu(),
        rss: mem.rss,
        heapUsed: mem.heapUsed,
        heapTotal: mem.heapTotal,
        external: mem.external,
        arrayBuffers: mem.arrayBuffers,
        activeResources: process.getActiveResourcesInfo().length,
        spaces: heapSpaces(),
        net: globalThis.__benchNet ? globalThis.__benchNet.summary() : null,
      });
    }
  });
  process.send({ type: 'ready', name, port, pid: process.pid, node: process.version, bun: process.versions.bun ?? null });
}
