/**
 * The micro benchmark (`npm run bench -- --micro`): the hot paths in one process, with no socket, for the
 * floor and for each facade (`facades.ts`), on the runtime that runs this file. `bench/run.mjs --micro` runs
 * it on Node and on Bun and prints both; see docs/performance.md ("Micro benchmark").
 *
 *   npm run bench -- --micro [--runtimes node,bun] [--time ms] [--only event|start|retained] [--sites]    (bench/micro/run.mjs)
 *
 * Per path and operation: wall-clock ns/op with the 95% confidence interval (tinybench), CPU ns/op (process
 * CPU time over a fixed count, median of five batches), bytes and objects allocated per op (`alloc.ts`), and
 * the ratio to the floor; and per live session, the heap it keeps (`retained.ts`). The last line of output is
 * the results as JSON, prefixed `MICRO_RESULT `.
 */
import { Bench } from 'tinybench';
import { allocationsPerOp, type Allocation } from './alloc';
import { FACADES } from './facades';
import { floorApp } from './floor';
import { type Retained, retainedPerSession } from './retained';
import { sdkApp } from './sdk';
import { EVENT_FRAME, Sink, sessionRequest } from './wire';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const TIME_MS = Number(opt('time', '1500'));
const ONLY = opt('only', '');
/** Also list, per path, the functions that allocate the most (Node only). */
const SITES = argv.includes('--sites');
const EVENT_BATCH = 50;
/** Live sessions over which the heap a session keeps is averaged. */
const RETAINED_SESSIONS = 2000;
const isBun = typeof (globalThis as { Bun?: unknown }).Bun !== 'undefined';
const runtime = isBun ? `Bun ${(globalThis as any).Bun.version}` : `Node ${process.version}`;

interface App {
  start(body: Record<string, unknown>): Promise<string>;
  stop(sessionId: string, userId: string): void | Promise<void>;
  eventsOf(sessionId: string): { text(data: string): void };
}

interface Row {
  path: string;
  op: 'event' | 'start';
  ns: number;
  /** Half-width of the 95% confidence interval of the mean, ns. */
  ci: number;
  samples: number;
  /** CPU ns per op: the median batch. */
  cpuNs: number;
  /** The 95% confidence interval of that median, ns. */
  cpuCi: [number, number];
  /** The mean over the batches (collections included), ns. */
  cpuMean: number;
  alloc?: Allocation;
}

let seq = 0;
const live: Array<{ app: App; body: Record<string, unknown> }> = [];

async function startOne(app: App): Promise<Record<string, unknown>> {
  const body = sessionRequest(++seq);
  await app.start(body);
  live.push({ app, body });
  return body;
}

async function stopAll(): Promise<void> {
  for (const { app, body } of live.splice(0)) await app.stop(body.sessionId as string, body.userId as string);
}

/**
 * The 1-based ranks bounding a distribution-free 95% confidence interval of the median of `n` values: the
 * widest symmetric pair (k, n + 1 - k) whose binomial(n, 1/2) coverage is still at least 95%.
 */
function medianRanks(n: number): [number, number] {
  const pmf: number[] = [];
  let c = 1;
  for (let i = 0; i <= n; i++) {
    pmf.push(c / 2 ** n);
    c = (c * (n - i)) / (i + 1);
  }
  let k = 1;
  // Coverage of [x(k), x(n+1-k)] is P(k <= B <= n - k) for B ~ binomial(n, 1/2).
  const coverage = (j: number) => pmf.slice(j, n - j + 1).reduce((x, y) => x + y, 0);
  while (k + 1 <= n / 2 && coverage(k + 1) >= 0.95) k++;
  return [k, n + 1 - k];
}

/**
 * CPU ns per op (the process's user + system time) over `batches` batches of `n` ops (awaited when async):
 * the median batch and a distribution-free 95% CI of it, so that a batch hit by a collection of what the
 * earlier ones allocated, or by another process, does not move the figure. `after` runs between batches.
 */
async function cpuPerOp(
  op: () => unknown,
  n: number,
  batches: number,
  async: boolean,
  after?: () => Promise<void>,
): Promise<{ median: number; low: number; high: number; mean: number }> {
  const out: number[] = [];
  for (let k = 0; k < batches; k++) {
    const a = process.cpuUsage();
    if (async) for (let i = 0; i < n; i++) await op();
    else for (let i = 0; i < n; i++) op();
    const b = process.cpuUsage(a);
    out.push(((b.user + b.system) * 1000) / n);
    await after?.();
  }
  const sorted = [...out].sort((x, y) => x - y);
  const [lo, hi] = medianRanks(sorted.length);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, low: sorted[lo - 1], high: sorted[hi - 1], mean: out.reduce((x, y) => x + y, 0) / out.length };
}

async function measure(path: string, app: App, sink: Sink, rows: Row[], kept: Array<{ path: string } & Retained>): Promise<void> {
  if (ONLY === '' || ONLY === 'retained') {
    const start = async () => (await startOne(app)).sessionId as string;
    const event = (sessionId: string) => app.eventsOf(sessionId).text(EVENT_FRAME);
    const r = await retainedPerSession(RETAINED_SESSIONS, start, event, stopAll);
    if (r) kept.push({ path, ...r });
  }
  if (ONLY === '' || ONLY === 'event') {
    const body = await startOne(app);
    const events = app.eventsOf(body.sessionId as string);
    const before = sink.frames;
    events.text(EVENT_FRAME);
    if (sink.frames !== before + 1 || !sink.last.includes('"display_event"') || !sink.last.includes('quick brown fox')) {
      throw new Error(`${path}: one event did not produce one display_event (got ${sink.last.slice(0, 120)})`);
    }
    const op = () => events.text(EVENT_FRAME);
    // One sample is a batch of events: a single event is too short for the timer.
    const batch = () => {
      for (let i = 0; i < EVENT_BATCH; i++) events.text(EVENT_FRAME);
    };
    const bench = new Bench({ time: TIME_MS, warmupTime: 300 });
    bench.add(`event ${path}`, batch);
    await bench.run();
    const r = bench.tasks[0].result as any;
    const cpu = await cpuPerOp(op, 10_000, 20, false);
    const ns = (r.latency.mean * 1e6) / EVENT_BATCH;
    rows.push({
      path,
      op: 'event',
      ns,
      ci: (r.latency.moe * 1e6) / EVENT_BATCH,
      samples: r.latency.samplesCount * EVENT_BATCH,
      cpuNs: cpu.median,
      cpuCi: [cpu.low, cpu.high],
      cpuMean: cpu.mean,
      alloc: await allocationsPerOp(op, 5000, false, SITES),
    });
    await stopAll();
  }
  if (ONLY === '' || ONLY === 'start') {
    const op = () => startOne(app);
    // A longer warm-up: the start path runs much more code than an event, and is slow until compiled.
    const bench = new Bench({ time: TIME_MS, warmupTime: Math.max(1000, TIME_MS) });
    bench.add(`start ${path}`, op, { afterEach: stopAll });
    await bench.run();
    const r = bench.tasks[0].result as any;
    // Small batches, the sessions ended between them: a batch's CPU is not that of collecting the previous one's.
    const cpu = await cpuPerOp(op, 500, 20, true, stopAll);
    const alloc = await allocationsPerOp(op, 300, true, SITES);
    await stopAll();
    rows.push({
      path,
      op: 'start',
      ns: r.latency.mean * 1e6,
      ci: r.latency.moe * 1e6,
      samples: r.latency.samplesCount,
      cpuNs: cpu.median,
      cpuCi: [cpu.low, cpu.high],
      cpuMean: cpu.mean,
      alloc,
    });
  }
}

const fmt = (x: number | undefined, d = 0) => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d));

function table(rows: Row[]): string {
  const floor = (op: string) => rows.find((r) => r.path === 'floor' && r.op === op);
  const lines = [
    `| ${runtime} | wall ns/op (95% CI) | CPU ns/op, median (95% CI) | bytes/op | objects/op | ×floor ns | ×floor CPU | ×floor bytes | ×floor objects |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const f = floor(r.op);
    const ratio = (a?: number, b?: number) => (a === undefined || b === undefined || !b ? 'n/a' : (a / b).toFixed(2));
    lines.push(
      `| ${r.op === 'event' ? 'one event' : 'one session start'}: ${r.path} | ${fmt(r.ns)} ±${fmt(r.ci)} | ${fmt(r.cpuNs)} (${fmt(r.cpuCi[0])}–${fmt(r.cpuCi[1])}) | ${fmt(r.alloc?.bytes)} | ${fmt(r.alloc?.objects, 1)} | ` +
        `${r.path === 'floor' ? '—' : ratio(r.ns, f?.ns)} | ${r.path === 'floor' ? '—' : ratio(r.cpuNs, f?.cpuNs)} | ${r.path === 'floor' ? '—' : ratio(r.alloc?.bytes, f?.alloc?.bytes)} | ${r.path === 'floor' ? '—' : ratio(r.alloc?.objects, f?.alloc?.objects)} |`,
    );
  }
  return lines.join('\n');
}

/** The heap a live session keeps, per path, against the floor's. */
function keptTable(kept: Array<{ path: string } & Retained>): string {
  const floor = kept.find((k) => k.path === 'floor');
  const lines = [`| ${runtime}: one live session | heap bytes kept | over the floor | ×floor | objects kept |`, '| --- | ---: | ---: | ---: | ---: |'];
  for (const k of kept) {
    const over = floor && k.path !== 'floor' ? `${k.bytes - floor.bytes}` : '—';
    const ratio = floor && k.path !== 'floor' ? (k.bytes / floor.bytes).toFixed(2) : '—';
    lines.push(`| ${k.path} | ${k.bytes} | ${over} | ${ratio} | ${k.objects ?? 'n/a'} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const kept: Array<{ path: string } & Retained> = [];
  const sink = new Sink();
  await measure('floor', floorApp(sink), sink, rows, kept);
  for (const facade of FACADES) await measure(facade.name, await sdkApp(facade, sink), sink, rows, kept);
  if (rows.length) console.log(table(rows));
  if (kept.length) console.log(`\n${keptTable(kept)}`);
  for (const r of rows.filter((row) => row.alloc?.sites)) {
    console.log(`\nWhere one ${r.op === 'event' ? 'event' : 'session start'} of ${r.path} allocates (bytes, objects per op; the function's own allocations):`);
    for (const s of r.alloc?.sites ?? []) console.log(`  ${String(s.bytes).padStart(6)} B ${s.objects.toFixed(2).padStart(6)}  ${s.site}`);
  }
  console.log(`MICRO_RESULT ${JSON.stringify({ runtime, timeMs: TIME_MS, rows, retained: kept })}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
