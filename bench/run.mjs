#!/usr/bin/env node
/**
 * `npm run bench`: the echo app on @mentraos/sdk (dist/), on @mentra/sdk 2.1.29 and on a raw `ws` client,
 * each in its own process, against one load generator (this process) on 127.0.0.1. See docs/performance.md.
 *
 *   node bench/run.mjs [--quick] [--sizes 500,5000] [--targets ours,reference,floor,hono,reference-hono] [--runtimes node,bun]
 *                      [--no-docs] [--footprint] [--baseline-dist <dir>] [--profile] [--ref-log-level warn]
 *   node bench/run.mjs --fuzz [--requests 10000] [--seed N]      HTTP fuzzing of every route (bench/fuzz.mjs)
 *   node bench/run.mjs --soak [--minutes 10] [--sessions 1000]   endurance run with faults (bench/soak.mjs)
 *   node bench/run.mjs --micro [--runtimes node,bun] [--time ms] the hot paths in one process, no sockets (bench/micro/)
 *   node bench/run.mjs --webhook [--runtimes node,bun] [--count N] the webhook's HTTP layer alone (bench/webhook.mjs)
 *
 * Each runtime (Node: this process's binary; Bun: the binary `scripts/ensure-bun.mjs` unpacks) runs the
 * three apps one after the other against the same load generator, so the columns of one runtime are paired.
 *
 * Everything is bounded: each phase has a count and a time limit, app processes exit when this process
 * goes away (and after a hard cap), and the whole run stops itself after --max-minutes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { FakeCloud } from './cloud.mjs';
import { footprint } from './footprint.mjs';
import { printTable, writeResults, updateDocs } from './report.mjs';
import { createLauncher } from './launch.mjs';
import { startSink } from './sink.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const PACKAGE = 'com.mentraos.bench.echo';
const API_KEY = 'bench-api-key-0123456789abcdef';

// ------------------------------------------------------------------ options

const argv = process.argv.slice(2);
if (argv.includes('--baseline-dist') && !argv.includes('--targets')) argv.push('--targets', 'ours,baseline');
const flag = (name) => argv.includes(`--${name}`);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const quick = flag('quick');
const config = {
  quick,
  sizes: opt('sizes', quick ? '200' : '500,5000')
    .split(',')
    .map(Number)
    .filter((n) => n > 0)
    .sort((a, b) => a - b),
  targets: opt('targets', 'ours,hono,reference,reference-hono,floor').split(','),
  runtimes: opt('runtimes', 'node,bun').split(',').filter(Boolean),
  concurrency: Number(opt('concurrency', 50)),
  readyTimeoutMs: 30_000,
  startDeadlineMs: quick ? 60_000 : 300_000,
  eventsPerSessionPerSec: 0.2, // one final transcription every 5 s per wearer
  latencyDurationMs: Number(opt('latency-seconds', quick ? 2 : 10)) * 1000,
  // The work per size: enough events that the app's CPU figure is several seconds, well above the noise.
  throughputCount: Number(opt('throughput-count', quick ? 3_000 : 150_000)),
  throughputWindow: 256,
  throughputRounds: 3,
  latencyRounds: quick ? 2 : 3,
  throughputMaxMs: quick ? 20_000 : 60_000, // per round
  refLogLevel: opt('ref-log-level', ''),
  baselineDist: opt('baseline-dist', ''),
  keepLogs: flag('keep-logs'), // leave each app's stdout in bench/results/tmp
  appArgs: opt('app-args', '').split(' ').filter(Boolean), // extra Node flags for every app process (experiments)
  profileDir: flag('profile') ? path.join(here, 'results/tmp') : '', // --cpu-prof of each app, heap snapshot at the largest size
  maxMinutes: Number(opt('max-minutes', quick ? 10 : 120)),
  // Each runtime's three apps run this many times (the order rotated each time); the table shows medians.
  repeat: Math.max(1, Number(opt('repeat', 1))),
};
const TARGETS = {
  ours: { file: 'apps/ours.mjs', label: '@mentraos/sdk' },
  reference: { file: 'apps/reference.mjs', label: '@mentra/sdk 2.1.29' },
  floor: { file: 'apps/floor.mjs', label: 'raw ws (floor)' },
  // The 3.0.0-hono facade, and the published 3.0.0-hono.8 (Bun only: it cannot be imported on Node).
  hono: { file: 'apps/hono.mjs', label: '@mentraos/sdk/hono' },
  'reference-hono': { file: 'apps/reference-hono.mjs', label: '@mentra/sdk 3.0.0-hono.8', runtimes: ['bun'] },
  // --baseline-dist <dir>: the same echo app on another build of this package, to measure a core change.
  baseline: { file: 'apps/ours.mjs', label: 'baseline build' },
};

/** Whether a target can run on a runtime (the published 3.0.0-hono cannot load on Node). */
const runsOn = (name, rt) => !TARGETS[name].runtimes || TARGETS[name].runtimes.includes(rt);

// ------------------------------------------------------------------ file descriptors

function fdLimits() {
  const soft = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
  const hard = execFileSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim();
  return { soft: soft === 'unlimited' ? Infinity : Number(soft), hard: hard === 'unlimited' ? Infinity : Number(hard) };
}

if (flag('micro')) {
  // In one process per runtime, with no socket: no file descriptors or app processes to set up.
  const { main: micro } = await import('./micro/run.mjs');
  process.exit(await micro(argv));
}
if (flag('webhook')) {
  // The webhook's HTTP layer alone: one app process at a time, a few kept-alive connections.
  const { main: webhook } = await import('./webhook.mjs');
  process.exit(await webhook(argv));
}
const mode = flag('fuzz') ? 'fuzz' : flag('soak') ? 'soak' : 'bench';
// The soak holds each session twice (app side and cloud side) and twice more through its proxy.
const needFds = mode === 'soak' ? Number(opt('sessions', 1000)) * 4 + 1024 : mode === 'fuzz' ? 1024 : Math.max(...config.sizes) * 2 + 1024;
let fds = fdLimits();
if (fds.soft < needFds && fds.hard > fds.soft && !process.env.BENCH_FDS_RAISED) {
  // Raise the soft limit as far as allowed (a shell can, Node cannot) and run again under it.
  const target = Number.isFinite(fds.hard) ? Math.min(fds.hard, needFds * 2) : needFds * 2;
  const cmd = `ulimit -n ${target} && exec "$0" "$@"`;
  try {
    execFileSync('sh', ['-c', cmd, process.execPath, fileURLToPath(import.meta.url), ...argv], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_FDS_RAISED: '1' },
    });
    process.exit(0);
  } catch (e) {
    process.exit(typeof e.status === 'number' ? e.status : 1);
  }
}
fds = fdLimits();
if (mode !== 'bench') {
  const { main: other } = await import(mode === 'fuzz' ? './fuzz.mjs' : './soak.mjs');
  other(argv).then(
    (code) => process.exit(code ?? 0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
  await new Promise(() => {}); // the mode's main ends the process
}
if (fds.soft < needFds) {
  const fit = Math.floor((fds.soft - 1024) / 2);
  console.warn(`File descriptor limit ${fds.soft} is too low for ${Math.max(...config.sizes)} sessions; sizes above ${fit} are skipped.`);
  config.sizes = config.sizes.filter((n) => n <= fit);
}

// ------------------------------------------------------------------ app processes

const children = new Set();
const hardStop = setTimeout(() => {
  console.error(`The benchmark ran longer than ${config.maxMinutes} minutes; stopping.`);
  for (const c of children) c.kill('SIGKILL');
  process.exit(2);
}, config.maxMinutes * 60_000);
hardStop.unref();

const { launch, runtimeOf, RUNTIMES } = createLauncher({ config, targets: TARGETS, children, packageName: PACKAGE, apiKey: API_KEY });

/** Event-loop delay of the load generator itself, to tell its stalls from the app's. */
const generatorDelay = monitorEventLoopDelay({ resolution: 5 });
generatorDelay.enable();
const delayMs = (h) => ({
  p50: Number((h.percentile(50) / 1e6).toFixed(2)),
  p99: Number((h.percentile(99) / 1e6).toFixed(2)),
  max: Number((h.max / 1e6).toFixed(2)),
});

const cpuSec = (a, b) => (b.user + b.system - a.user - a.system) / 1e6;
/** CPU seconds of the main thread and of the other threads between two stats (null without `/proc`). */
const threadDelta = (a, b) => (a && b ? { main: Number((b.main - a.main).toFixed(2)), other: Number((b.other - a.other).toFixed(2)) } : null);
const kib = (now, base, key, n) => Number(((now[key] - base[key]) / n / 1024).toFixed(1));
const perSessionKiB = (now, base, n) => ({
  rss: kib(now, base, 'rss', n),
  heap: kib(now, base, 'heapUsed', n),
  heapTotal: kib(now, base, 'heapTotal', n),
  external: kib(now, base, 'external', n),
});

async function runTarget(name, rt, sink, workDir) {
  const cloud = new FakeCloud({ packageName: PACKAGE, apiKey: API_KEY });
  await cloud.listen();
  sink.take();
  const t0 = performance.now();
  const app = await launch(name, rt, sink, workDir);
  const result = {
    target: name,
    runtime: rt,
    runtimeVersion: runtimeOf(rt).version,
    label: `${TARGETS[name].label} (${RUNTIMES[rt].label})`,
    startupMs: Math.round(performance.now() - t0),
    ports: { cloud: cloud.port, sink: Number(new URL(sink.url).port) },
    sizes: {},
  };
  try {
    const base = await app.stats();
    result.baseline = { spaces: base.spaces, rss: base.rss, heapUsed: base.heapUsed, heapTotal: base.heapTotal, external: base.external };
    let prev = base;
    const cpuTotal = { start: 0, events: 0, events_count: 0, starts: 0 }; // forced GCs between phases excluded
    for (const size of config.sizes) {
      process.stdout.write(`  ${rt}/${name}: starting sessions up to ${size} ... `);
      const start = await cloud.startSessions(app.port, cloud.ready.length, size, {
        concurrency: config.concurrency,
        readyTimeoutMs: config.readyTimeoutMs,
        deadlineMs: config.startDeadlineMs,
      });
      const afterStart = await app.stats();
      const r = { start, live: cloud.ready.length };
      r.startCpuSec = cpuSec(prev.cpu, afterStart.cpuBeforeGc);
      r.startCpuSplit = { user: (afterStart.cpuBeforeGc.user - prev.cpu.user) / 1e6, system: (afterStart.cpuBeforeGc.system - prev.cpu.system) / 1e6 };
      r.startThreadSec = threadDelta(prev.threads, afterStart.threadsBeforeGc);
      r.memory = {
        spaces: afterStart.spaces,
        rss: afterStart.rss,
        heapUsed: afterStart.heapUsed,
        heapTotal: afterStart.heapTotal,
        external: afterStart.external,
        perSessionKiB: perSessionKiB(afterStart, base, Math.max(1, cloud.ready.length)),
      };
      cpuTotal.start += r.startCpuSec;
      cpuTotal.starts += start.started;
      console.log(`${start.started}/${start.requested} in ${start.elapsedMs} ms`);
      result.sizes[size] = r;
      if (cloud.ready.length < size * 0.9) {
        r.failed = `only ${cloud.ready.length} of ${size} sessions started`;
        console.log(`  ${rt}/${name}: ${r.failed}; stopping this target here`);
        break;
      }
      if (config.profileDir && size === config.sizes[config.sizes.length - 1]) {
        const snap = await app.heapSnapshot(path.join(config.profileDir, `${name}-${size}-${Date.now()}.heapsnapshot`));
        console.log(`  ${rt}/${name}: heap snapshot ${path.relative(root, snap.file)}`);
      }
      process.stdout.write(`  ${rt}/${name}: ${size} sessions, fixed-rate events ... `);
      // Several rounds; the one with the median p99 counts (a burst of outside load can spoil one round).
      const latencyRounds = [];
      for (let k = 0; k < config.latencyRounds; k++) {
        generatorDelay.reset();
        await app.resetDelay();
        const round = await cloud.fixedRate({ rate: size * config.eventsPerSessionPerSec, durationMs: config.latencyDurationMs, graceMs: 10_000 });
        round.appEventLoopDelayMs = (await app.resetDelay()).eventLoopDelayMs;
        round.generatorEventLoopDelayMs = delayMs(generatorDelay);
        latencyRounds.push(round);
      }
      const afterLatency = await app.stats();
      const byP99 = [...latencyRounds].sort((a, b) => (a.latencyMs.p99 ?? Infinity) - (b.latencyMs.p99 ?? Infinity));
      r.latency = {
        ...byP99[Math.floor(byP99.length / 2)],
        rounds: latencyRounds.map((x) => ({
          p50: x.latencyMs.p50,
          p99: x.latencyMs.p99,
          max: x.latencyMs.max,
          lost: x.lost,
          appLoopP99: x.appEventLoopDelayMs.p99,
          generatorLoopP99: x.generatorEventLoopDelayMs.p99,
        })),
        sent: latencyRounds.reduce((a, x) => a + x.sent, 0),
        received: latencyRounds.reduce((a, x) => a + x.received, 0),
        lost: latencyRounds.reduce((a, x) => a + x.lost, 0),
        cpuSec: cpuSec(afterStart.cpu, afterLatency.cpuBeforeGc),
        threadSec: threadDelta(afterStart.threads, afterLatency.threadsBeforeGc),
      };
      console.log(
        `p50 ${r.latency.latencyMs.p50} ms, median p99 ${r.latency.latencyMs.p99} ms of ${latencyRounds.map((x) => x.latencyMs.p99).join(', ')}; ` +
          `app loop delay p99 ${r.latency.rounds.map((x) => x.appLoopP99).join(', ')} ms; lost ${r.latency.lost}`,
      );
      process.stdout.write(`  ${rt}/${name}: ${size} sessions, closed-loop throughput ... `);
      // Several rounds, the best one counts: the cores are shared, so a round can be slowed from outside.
      const rounds = [];
      for (let k = 0; k < config.throughputRounds; k++) {
        rounds.push(
          await cloud.closedLoop({
            window: config.throughputWindow,
            count: Math.ceil(config.throughputCount / config.throughputRounds),
            maxMs: config.throughputMaxMs,
          }),
        );
      }
      const afterThroughput = await app.stats();
      const best = rounds.reduce((a, b) => (b.eventsPerSec > a.eventsPerSec ? b : a));
      const sorted = rounds.map((x) => x.eventsPerSec).sort((a, b) => a - b);
      r.throughput = {
        ...best,
        medianEventsPerSec: sorted[Math.floor(sorted.length / 2)],
        rounds: rounds.map((x) => ({ eventsPerSec: x.eventsPerSec, received: x.received, lost: x.lost, p99: x.latencyMs.p99 })),
        received: rounds.reduce((a, x) => a + x.received, 0),
        lost: rounds.reduce((a, x) => a + x.lost, 0),
        cpuSec: cpuSec(afterLatency.cpu, afterThroughput.cpuBeforeGc),
      };
      console.log(`best ${best.eventsPerSec} events/s of ${sorted.join(', ')} (${r.throughput.received} events, ${r.throughput.lost} lost)`);
      cpuTotal.events += r.latency.cpuSec + r.throughput.cpuSec;
      cpuTotal.events_count += r.latency.received + r.throughput.received;
      const eventCount = r.latency.received + r.throughput.received;
      r.cpu = {
        msPerSessionStart: Number(((r.startCpuSec * 1000) / Math.max(1, start.started)).toFixed(3)),
        usPerEvent: Number((((r.latency.cpuSec + r.throughput.cpuSec) * 1e6) / Math.max(1, eventCount)).toFixed(1)),
        work: {
          sessionStarts: start.started,
          startCpuSec: Number(r.startCpuSec.toFixed(3)),
          events: eventCount,
          eventCpuSec: Number((r.latency.cpuSec + r.throughput.cpuSec).toFixed(3)),
        },
      };
      prev = afterThroughput;
    }
    const last = await app.stats();
    result.cpu = {
      totalSec: Number((cpuTotal.start + cpuTotal.events).toFixed(3)),
      msPerSessionStart: Number(((cpuTotal.start * 1000) / Math.max(1, cpuTotal.starts)).toFixed(3)),
      usPerEvent: Number(((cpuTotal.events * 1e6) / Math.max(1, cpuTotal.events_count)).toFixed(1)),
    };
    result.net = last.net;
    result.activeResources = last.activeResources;
  } catch (e) {
    result.error = e.message;
    console.log(`\n  ${rt}/${name}: ${e.message}\n${app.stderr()}`);
  } finally {
    await app.stop();
    result.sink = sink.take();
    result.cloud = cloud.counters;
    result.stdoutBytes = statSync(app.logFile).size;
    result.stderrTail = app.stderr().slice(-600);
    await cloud.close();
  }
  return result;
}

// ------------------------------------------------------------------ main

/** The median of each number across repeated results of one app (the first value of anything else). */
function medianOf(list) {
  if (list.length === 1) return list[0];
  const [first] = list;
  if (list.every((x) => typeof x === 'number')) {
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }
  if (first && typeof first === 'object' && !Array.isArray(first)) {
    const out = {};
    for (const key of Object.keys(first)) out[key] = medianOf(list.map((x) => (x ? x[key] : undefined)));
    return out;
  }
  return first;
}

function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

function versions() {
  const read = (p) => JSON.parse(readFileSync(path.join(root, p), 'utf8')).version;
  return {
    node: process.version,
    ours: read('package.json'),
    reference: read('node_modules/mentra-sdk-ref/package.json'),
    ws: read('node_modules/ws/package.json'),
  };
}

async function main() {
  try {
    statSync(path.join(root, 'dist/index.js'));
  } catch {
    throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  }
  // Paths are recorded relative to the repository (a results file is committed; no machine paths in it).
  const rel = (p) => (p ? path.relative(root, path.resolve(p)) : p);
  const run = {
    date: new Date().toISOString(),
    quick,
    config: { ...config, profileDir: rel(config.profileDir), baselineDist: rel(config.baselineDist) },
    versions: versions(),
    machine: machine(),
    fdLimit: fds.soft,
    results: {},
  };
  console.log(
    `Benchmark ${quick ? '(quick) ' : ''}on ${config.runtimes.join(' and ')}, ${run.machine.cores} x ${run.machine.cpuModel}; sizes ${config.sizes.join(', ')}; ` +
      `work per size: the sessions, ${config.latencyRounds} x ${config.latencyDurationMs / 1000} s of events at ${config.eventsPerSessionPerSec}/session/s, ${config.throughputCount} closed-loop events`,
  );
  if (config.profileDir || config.keepLogs) mkdirSync(path.join(here, 'results/tmp'), { recursive: true });
  const sink = await startSink();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'mentraos-bench-'));
  try {
    for (const name of config.targets) if (!TARGETS[name]) throw new Error(`Unknown target "${name}" (${Object.keys(TARGETS).join(', ')})`);
    run.repeats = [];
    for (let k = 0; k < config.repeat; k++) {
      const one = {};
      for (const rt of config.runtimes) {
        run.versions[rt] = runtimeOf(rt).version;
        one[rt] = {};
        // Rotate the order each repetition, so drift in the machine's load does not favour one app.
        const order = config.targets.map((_, i) => config.targets[(i + k) % config.targets.length]);
        for (const name of order) {
          if (!runsOn(name, rt)) continue;
          console.log(`${TARGETS[name].label} on ${runtimeOf(rt).version}${config.repeat > 1 ? ` (run ${k + 1} of ${config.repeat})` : ''}:`);
          one[rt][name] = await runTarget(name, rt, sink, workDir);
        }
      }
      run.repeats.push(one);
    }
    for (const rt of config.runtimes) {
      run.results[rt] = {};
      for (const name of config.targets) if (runsOn(name, rt)) run.results[rt][name] = medianOf(run.repeats.map((x) => x[rt][name]));
    }
    if (config.repeat === 1) delete run.repeats;
  } finally {
    await sink.close();
    rmSync(workDir, { recursive: true, force: true });
  }
  run.machine.loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
  if (flag('footprint')) {
    console.log('Install footprint (npm install --omit=dev into an empty folder) ...');
    run.footprint = footprint();
  }
  printTable(run);
  const file = writeResults(run, path.join(here, 'results'));
  console.log(`\nResults written to ${path.relative(root, file)}`);
  if (!quick && !flag('no-docs')) {
    updateDocs(run, path.join(root, 'docs/performance.md'), path.relative(root, file));
    console.log('docs/performance.md updated');
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    for (const c of children) c.kill('SIGKILL');
    process.exit(1);
  },
);
