/**
 * `npm run bench -- --soak [--minutes 10] [--sessions 1000] [--runtime node|bun] [--seconds N]`: the endurance
 * run. One app process (bench/apps/soak-app.mjs) holds the sessions while the fake cloud, through a loopback
 * proxy of its own, drops random links, freezes some for seconds (latency spikes) or for good (half-open),
 * refuses reconnects for a while and restarts itself once; the last 15% of the run is quiet, then every
 * session gets one more event and the figures are printed.
 *
 * It fails (exit 1) only on lost display updates (a session whose last update never reached the cloud, even
 * as the layout shown again after a reconnect), a crash of the app, a duplicate onSession or onStop, or an
 * HTTP 5xx. The memory drift, p99 and reconnect spread are printed, never asserted.
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile } from './cloud.mjs';
import { SoakCloud } from './soak-cloud.mjs';
import { FaultyProxy } from './soak-proxy.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const PACKAGE = 'com.mentraos.bench.soak';
const API_KEY = 'soak-api-key-0123456789abcdef';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const r1 = (x) => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toFixed(1)) : null);

function launchApp(runtime, pingMs) {
  const execPath =
    runtime === 'bun' ? execFileSync(process.execPath, [path.join(root, 'scripts/ensure-bun.mjs')], { encoding: 'utf8' }).trim() : process.execPath;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    BENCH_PACKAGE: PACKAGE,
    BENCH_API_KEY: API_KEY,
    BENCH_PING_MS: String(pingMs),
    BENCH_MAX_LIFE_MS: String(4 * 3600_000),
  };
  delete env.NODE_OPTIONS;
  const child = fork(path.join(here, 'apps/soak-app.mjs'), [], { execPath, env, execArgv: ['--expose-gc'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const ask = (type, timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      const t = setTimeout(() => done(new Error(`no "${type}" from the app`)), timeoutMs);
      const onMsg = (m) => m && m.type === type && done(null, m);
      const onExit = (code) => done(new Error(`the app exited (${code}): ${stderr.slice(-500)}`));
      function done(err, m) {
        clearTimeout(t);
        child.off('message', onMsg);
        child.off('exit', onExit);
        if (err) reject(err);
        else resolve(m);
      }
      child.on('message', onMsg);
      child.on('exit', onExit);
      if (type !== 'ready') child.send({ type });
    });
  return { child, ask, stderr: () => stderr };
}

export async function main(argv) {
  const opt = (name, dflt) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
  };
  const durationMs = opt('seconds', '') ? Number(opt('seconds')) * 1000 : Number(opt('minutes', 10)) * 60_000;
  const sessions = Number(opt('sessions', 1000));
  const runtime = opt('runtime', 'node');
  const pingMs = Number(opt('ping-ms', 5000));
  const ratePerSession = 0.2;
  const windowMs = Math.min(60_000, durationMs / 6); // "a minute" of the figures; shorter in a short profile
  const quietFrom = durationMs * 0.85;
  console.log(
    `Soak on ${runtime}: ${sessions} sessions for ${r1(durationMs / 60_000)} min, ${ratePerSession} events/session/s, ping every ${pingMs} ms; figures per ${windowMs / 1000} s window`,
  );

  const cloud = new SoakCloud({ packageName: PACKAGE, apiKey: API_KEY });
  await cloud.listen();
  const proxy = new FaultyProxy(cloud.port);
  await proxy.listen();
  const app = launchApp(runtime, pingMs);
  let crashed = null;
  app.child.on('exit', (code, signal) => {
    if (!stopping) crashed = `the app exited (${code ?? signal}) during the run: ${app.stderr().slice(-400)}`;
  });
  let stopping = false;
  const { port: appPort } = await app.ask('ready');
  const http5xx = [];
  const note = (what, statuses) => Object.entries(statuses).forEach(([s, n]) => Number(s) >= 500 && http5xx.push(`${what}: ${n} x ${s}`));

  const startStatuses = await cloud.startSessions(appPort, proxy.port, sessions);
  note('session webhooks', startStatuses);
  console.log(`  started: ${JSON.stringify(startStatuses)}, ${cloud.connectedCount()} connected`);

  // ---- the run: events at a fixed rate, faults on a schedule, a sample per window
  const t0 = performance.now();
  const elapsed = () => performance.now() - t0;
  const windows = [];
  let rr = 0;
  let due = 0;
  const events = setInterval(() => {
    if (elapsed() >= durationMs) return;
    due += (sessions * ratePerSession) / 100;
    for (; due >= 1; due--) cloud.sendEvent(cloud.list[rr++ % cloud.list.length]);
  }, 10);
  const faults = [];
  const every = (ms, fn) => faults.push(setInterval(() => elapsed() < quietFrom && fn(), ms));
  every(2_000, () => proxy.drop(Math.max(1, Math.round(sessions * 0.003))));
  every(7_000, () => proxy.spike(Math.max(1, Math.round(sessions * 0.005)), 1000 + Math.random() * 2000));
  every(20_000, () => proxy.halfOpen(Math.max(1, Math.round(sessions * 0.003)), 60_000));
  const once = (at, fn) => faults.push(setTimeout(fn, at));
  once(durationMs * 0.35, () => {
    console.log(`  ${r1(elapsed() / 1000)} s: dropping 5% of the links and refusing reconnects for 12 s`);
    proxy.refuse(12_000);
    proxy.drop(Math.round(sessions * 0.05));
  });
  let restartUpAt = 0;
  once(durationMs * 0.55, async () => {
    console.log(`  ${r1(elapsed() / 1000)} s: the cloud restarts (down 3 s)`);
    await cloud.restart(3_000);
    restartUpAt = performance.now();
  });
  for (let w = 1; w * windowMs <= durationMs + 1; w++) {
    await sleep(t0 + w * windowMs - performance.now());
    if (crashed) break;
    const st = await app.ask('stats');
    const lat = cloud.takeLatencies().sort((a, b) => a - b);
    windows.push({
      atS: r1(elapsed() / 1000),
      rssMiB: r1(st.rss / 2 ** 20),
      heapMiB: r1(st.heapUsed / 2 ** 20),
      p50: r1(percentile(lat, 0.5)),
      p99: r1(percentile(lat, 0.99)),
      displays: lat.length,
      connected: cloud.connectedCount(),
    });
    const x = windows[windows.length - 1];
    console.log(
      `  ${x.atS} s: RSS ${x.rssMiB} MiB, heap ${x.heapMiB} MiB, event→display p99 ${x.p99} ms, ${x.connected}/${sessions} connected, proxy ${JSON.stringify(proxy.counters)}`,
    );
  }
  clearInterval(events);
  for (const f of faults) clearInterval(f);

  // ---- settle: every session back, then one more event each, and its display back
  let result;
  try {
    const settleStart = performance.now();
    while (!crashed && cloud.connectedCount() < sessions && performance.now() - settleStart < 90_000) await sleep(100);
    const finalSeq = new Map();
    for (const s of cloud.list) {
      const seq = cloud.seq;
      if (cloud.sendEvent(s)) finalSeq.set(s, seq);
    }
    const finalStart = performance.now();
    while (!crashed && [...finalSeq].some(([s, seq]) => s.maxDisplaySeq < seq) && performance.now() - finalStart < 30_000) await sleep(50);
    await sleep(500);
    if (crashed) throw new Error(crashed);
    const health = await fetch(`http://127.0.0.1:${appPort}/health`).then(
      async (r) => ({ status: r.status, body: await r.json() }),
      (e) => ({ status: 0, body: e.message }),
    );
    if (health.status >= 500) http5xx.push(`/health: ${health.status}`);
    const connectedAtEnd = cloud.connectedCount();
    const before = new Map((await app.ask('soak-report')).sessions);
    let lostSessions = 0;
    let appDisplays = 0;
    let diedEarly = 0;
    for (const s of cloud.list) {
      const r = before.get(s.sessionId) ?? [0, 0, 0, -1];
      appDisplays += r[2];
      if (r[3] > s.maxDisplaySeq) lostSessions++;
      if (r[1] > 0) diedEarly++;
    }
    const stopStatuses = await cloud.stopSessions(appPort);
    note('stop webhooks', stopStatuses);
    await sleep(2000);
    const after = new Map((await app.ask('soak-report')).sessions);
    let dupSession = 0;
    let dupStop = 0;
    let missingStop = 0;
    for (const [, r] of after) {
      if (r[0] > 1) dupSession += r[0] - 1;
      if (r[1] > 1) dupStop += r[1] - 1;
      if (r[1] === 0) missingStop++;
    }
    const rec = cloud.reconnectMs.sort((a, b) => a - b);
    // The first reconnect of each session after the restart (later ones are other faults).
    const afterRestart = cloud.list
      .map((s) => s.backAfterRestart ?? 0)
      .filter((t) => t > 0)
      .sort((a, b) => a - b);
    restartUpAt = cloud.restartedAt ?? restartUpAt;
    const allLat = windows.map((w) => w.p99).filter((x) => x !== null);
    const first = windows[0];
    const last = windows[windows.length - 1];
    result = {
      runtime,
      sessions,
      minutes: r1(durationMs / 60_000),
      windowS: windowMs / 1000,
      displays: { sentByApp: appDisplays, receivedByCloud: cloud.counters.displays, shownAgainAfterReconnect: cloud.counters.displaysRepeated, lostSessions },
      events: { sentByCloud: cloud.counters.eventsSent, skippedWhileDown: cloud.counters.eventsSkippedClosed },
      duplicates: { onSession: dupSession, onStop: dupStop },
      missingOnStop: missingStop,
      endedBeforeStop: diedEarly,
      aliveAtEnd: {
        connected: connectedAtEnd,
        health: health.body?.activeSessions ?? null,
        percent: r1((100 * Math.min(connectedAtEnd, health.body?.activeSessions ?? 0)) / sessions),
      },
      driftPercent: { heap: r1((100 * (last.heapMiB - first.heapMiB)) / first.heapMiB), rss: r1((100 * (last.rssMiB - first.rssMiB)) / first.rssMiB) },
      p99EventToDisplayMs: { medianOfWindows: r1(allLat.sort((a, b) => a - b)[Math.floor(allLat.length / 2)]), worstWindow: r1(Math.max(...allLat)) },
      reconnects: {
        count: cloud.counters.reconnects,
        p50Ms: r1(percentile(rec, 0.5)),
        p99Ms: r1(percentile(rec, 0.99)),
        maxMs: r1(rec[rec.length - 1]),
        afterRestart: {
          sessions: afterRestart.length,
          spreadMs: r1(afterRestart.length ? afterRestart[afterRestart.length - 1] - afterRestart[0] : null),
          allBackMs: r1(afterRestart.length ? afterRestart[afterRestart.length - 1] - restartUpAt : null),
        },
      },
      faults: proxy.counters,
      restarts: cloud.counters.restarts,
      http5xx,
      windows,
    };
  } catch (e) {
    result = { runtime, sessions, error: e.message };
  } finally {
    stopping = true;
    app.child.kill();
    await proxy.close();
    await cloud.close();
  }
  const failures = [];
  if (result.error) failures.push(result.error);
  if (crashed) failures.push(crashed);
  if (result.displays?.lostSessions) failures.push(`${result.displays.lostSessions} sessions lost their last display update`);
  if (result.duplicates?.onSession || result.duplicates?.onStop) failures.push(`duplicates: ${JSON.stringify(result.duplicates)}`);
  if (result.http5xx?.length) failures.push(`HTTP 5xx: ${result.http5xx.join(', ')}`);
  result.failures = failures;
  printSummary(result);
  const dir = path.join(here, 'results', durationMs >= 5 * 60_000 ? '' : 'tmp');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `soak-${runtime}-${new Date().toISOString().replace(/:/g, '-').replace(/\..*$/, '')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`SOAK-RESULT ${JSON.stringify({ ...result, windows: undefined })}`);
  console.log(`Results written to ${path.relative(root, file)}`);
  return failures.length ? 1 : 0;
}

function printSummary(r) {
  if (r.error) return console.log(`Soak failed: ${r.error}`);
  console.log(`\nSoak on ${r.runtime}, ${r.sessions} sessions, ${r.minutes} min:`);
  console.log(
    `  display updates: ${r.displays.sentByApp} sent by the app, ${r.displays.receivedByCloud} received by the cloud (${r.displays.shownAgainAfterReconnect} shown again after a reconnect); lost: ${r.displays.lostSessions}`,
  );
  console.log(`  events: ${r.events.sentByCloud} sent by the cloud, ${r.events.skippedWhileDown} skipped while a session's link was down`);
  console.log(
    `  duplicate onSession ${r.duplicates.onSession}, duplicate onStop ${r.duplicates.onStop}; missing onStop ${r.missingOnStop}; ended before the stop ${r.endedBeforeStop}`,
  );
  console.log(`  alive at the end: ${r.aliveAtEnd.connected} connected, ${r.aliveAtEnd.health} by /health (${r.aliveAtEnd.percent}%)`);
  console.log(`  drift first->last window: heap ${r.driftPercent.heap}%, RSS ${r.driftPercent.rss}%`);
  console.log(`  event→display p99: ${r.p99EventToDisplayMs.medianOfWindows} ms (median of windows), worst window ${r.p99EventToDisplayMs.worstWindow} ms`);
  console.log(
    `  reconnects: ${r.reconnects.count}, p50 ${r.reconnects.p50Ms} ms, p99 ${r.reconnects.p99Ms} ms, max ${r.reconnects.maxMs} ms; after the restart ${r.reconnects.afterRestart.sessions} sessions back within ${r.reconnects.afterRestart.allBackMs} ms (spread ${r.reconnects.afterRestart.spreadMs} ms)`,
  );
  console.log(`  faults: ${JSON.stringify(r.faults)}, cloud restarts ${r.restarts}; HTTP 5xx: ${r.http5xx.length}`);
  console.log(r.failures.length ? `FAILED: ${r.failures.join('; ')}` : 'PASSED: nothing lost, no duplicates, no crash, no 5xx');
}
