/**
 * What one live session keeps, in bytes of heap: the heap after a full collection with `n` sessions started
 * (each shown one event, so its display state exists), less the heap after the same collection before them,
 * divided by `n`. Node collects with `gc()` (the benchmark runs with `--expose-gc`) and reports the heap in
 * use through `process.memoryUsage()`; Bun collects with `Bun.gc(true)` and reports it, with the number of
 * live objects, through `bun:jsc`'s `heapStats()` (its `memoryUsage().heapUsed` is not the live heap). The
 * socket run's RSS per session adds what the transport keeps (`ws` and the kernel's buffers), which is the
 * same for the SDK and the floor.
 */

/** Heap bytes (and, on Bun, objects) a live session keeps, averaged over `sessions` of them. */
export interface Retained {
  bytes: number;
  objects?: number;
  sessions: number;
}

interface Heap {
  bytes: number;
  objects?: number;
}

/** The live heap after a full collection. */
async function heapAfterCollecting(): Promise<Heap> {
  collect();
  if (!(globalThis as { Bun?: unknown }).Bun) return { bytes: process.memoryUsage().heapUsed };
  // A computed name: the Node build must not try to resolve Bun's module.
  const jsc = 'bun:jsc';
  const stats = (await import(jsc)).heapStats() as { heapSize: number; objectCount: number };
  return { bytes: stats.heapSize, objects: stats.objectCount };
}

/** A full collection on either runtime, twice (a second pass collects what the first one's finalisers let go). */
function collect(): void {
  const bun = (globalThis as { Bun?: { gc(force: boolean): void } }).Bun;
  for (let i = 0; i < 2; i++) {
    if (bun) bun.gc(true);
    else (globalThis as { gc?: () => void }).gc?.();
  }
}

/**
 * Starts `n` sessions with `start` (each given one event through `event`), measures, then ends them with
 * `stopAll`. Resolves undefined when the runtime offers no way to force a collection.
 */
export async function retainedPerSession(
  n: number,
  start: () => Promise<string>,
  event: (sessionId: string) => void,
  stopAll: () => Promise<void>,
): Promise<Retained | undefined> {
  if (!(globalThis as { Bun?: unknown }).Bun && typeof (globalThis as { gc?: unknown }).gc !== 'function') return undefined;
  // Sessions started and ended first, so that code compiled and caches filled on the way are not counted
  // per session (the first path measured in a process would pay them); then one session kept, for the same.
  for (let i = 0; i < n / 4; i++) event(await start());
  await stopAll();
  event(await start());
  const before = await heapAfterCollecting();
  for (let i = 0; i < n; i++) event(await start());
  const after = await heapAfterCollecting();
  await stopAll();
  const objects = after.objects === undefined || before.objects === undefined ? undefined : Number(((after.objects - before.objects) / n).toFixed(1));
  return { bytes: Math.round((after.bytes - before.bytes) / n), ...(objects === undefined ? {} : { objects }), sessions: n };
}
