/**
 * Bytes and objects allocated per operation, on Node (V8). Both are counted over `n` operations with a
 * forced full GC before the window, and the same count for an empty operation subtracted:
 *
 * - bytes: the growth of `heapUsed` across the window, which is exact only if no collection ran inside it,
 *   so the run is repeated with half as many operations until a `gc` performance entry shows none did
 *   (the process runs with a large young generation, `--min-semi-space-size`, so one window fits);
 * - objects: V8's sampling heap profiler (over the inspector) with a sampling interval of one byte, which
 *   samples every allocation, and with the objects later collected by minor and major GCs kept in the
 *   profile: the number of samples is the number of heap objects allocated. Its byte total cross-checks
 *   the first figure.
 *
 * With `sites`, the sampled profile also names where the bytes were allocated: each sample is charged to
 * the function that allocated it (its own frame, not its callers), and the largest are kept.
 *
 * JSC (Bun) has no allocation counter (`bun:jsc` heap statistics change only at a collection), so on Bun
 * this returns nothing and the tables say so.
 */
import { PerformanceObserver } from 'node:perf_hooks';

export interface Allocation {
  bytes: number;
  objects: number;
  /** The byte total of the sampled objects, per operation (a cross-check of `bytes`). */
  sampledBytes: number;
  /** Operations in the window. */
  n: number;
  /** With `sites`: the functions that allocated the most, per operation, largest first. */
  sites?: AllocationSite[];
}

/** Bytes and objects one function allocated per operation (`name file:line`, the file as the runtime saw it). */
export interface AllocationSite {
  site: string;
  bytes: number;
  objects: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children: ProfileNode[];
}
interface Profile {
  head: ProfileNode;
  samples: Array<{ size: number; nodeId: number }>;
}

/** The `top` sites of a sampled profile by bytes, per operation over `n` operations. */
function sitesOf(profile: Profile, n: number, top = 15): AllocationSite[] {
  const names = new Map<number, string>();
  const walk = (node: ProfileNode) => {
    const f = node.callFrame;
    names.set(node.id, `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() || '(native)'}:${f.lineNumber + 1}`);
    for (const c of node.children) walk(c);
  };
  walk(profile.head);
  const by = new Map<string, { bytes: number; objects: number }>();
  for (const s of profile.samples) {
    const site = names.get(s.nodeId) ?? '(unknown)';
    const e = by.get(site) ?? { bytes: 0, objects: 0 };
    e.bytes += s.size;
    e.objects++;
    by.set(site, e);
  }
  return [...by]
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .slice(0, top)
    .map(([site, e]) => ({ site, bytes: Math.round(e.bytes / n), objects: Number((e.objects / n).toFixed(2)) }));
}

type Op = () => unknown;

const isBun = typeof (globalThis as { Bun?: unknown }).Bun !== 'undefined';

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
}

async function window(op: Op, n: number, async: boolean): Promise<{ bytes: number; gcs: number }> {
  let gcs = 0;
  const obs = new PerformanceObserver((list) => {
    gcs += list.getEntries().length;
  });
  fullGc();
  await new Promise((r) => setImmediate(r));
  obs.observe({ entryTypes: ['gc'] });
  const before = process.memoryUsage().heapUsed;
  if (async) for (let i = 0; i < n; i++) await op();
  else for (let i = 0; i < n; i++) op();
  const after = process.memoryUsage().heapUsed;
  await new Promise((r) => setImmediate(r));
  obs.disconnect();
  return { bytes: after - before, gcs };
}

async function sampled(op: Op, n: number, async: boolean): Promise<{ objects: number; bytes: number; profile: Profile }> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  try {
    fullGc();
    await session.post('HeapProfiler.startSampling', { samplingInterval: 1, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    if (async) for (let i = 0; i < n; i++) await op();
    else for (let i = 0; i < n; i++) op();
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: Profile };
    return { objects: profile.samples.length, bytes: profile.samples.reduce((a, s) => a + s.size, 0), profile };
  } finally {
    session.disconnect();
  }
}

/** Allocations per call of `op` (awaited when `async`), net of an empty operation of the same kind; with `sites`, where. */
export async function allocationsPerOp(op: Op, n: number, async = false, sites = false): Promise<Allocation | undefined> {
  if (isBun) return undefined;
  const empty: Op = async ? async () => {} : () => undefined;
  let size = n;
  let bytes = Number.NaN;
  for (; size >= 50; size = Math.floor(size / 2)) {
    const w = await window(op, size, async);
    const e = await window(empty, size, async);
    if (w.gcs === 0 && e.gcs === 0) {
      bytes = (w.bytes - e.bytes) / size;
      break;
    }
  }
  const objN = Math.min(n, 2000);
  const s = await sampled(op, objN, async);
  const se = await sampled(empty, objN, async);
  const out: Allocation = { bytes: Math.max(0, bytes), objects: (s.objects - se.objects) / objN, sampledBytes: (s.bytes - se.bytes) / objN, n: size };
  if (sites) out.sites = sitesOf(s.profile, objN);
  return out;
}
