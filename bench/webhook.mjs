/**
 * `npm run bench -- --webhook [--runtimes node,bun] [--targets ours,hono,floor] [--count 20000] [--repeat 5] [--label text]`:
 * the HTTP layer of the webhook alone, with no session behind it. Each app process (the socket run's echo
 * apps, `bench/apps/`) answers `count` `stop_request` webhooks for sessions it does not hold: the request is
 * read, parsed, checked and answered `200 {"status":"success"}`, exactly the path a `session_request` takes
 * before it reaches the engine, and nothing else. The client keeps 4 connections alive, as the cloud does.
 *
 * Per app: the app process's CPU per webhook (`process.cpuUsage`, user + system, from the IPC stats before
 * and after, with no collection forced in between) and the ratio to the floor's plain `node:http` handler,
 * paired within each repetition (the apps' order rotates); the table shows the median ratio and its range.
 * Results go to `bench/results/webhook-<date>.json`; `--profile` also writes a CPU profile of each app process to
 * `bench/results/tmp/` (read it with `node bench/profile-top.mjs <file>`).
 */
import { Agent, request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLauncher } from './launch.mjs';
import { startSink } from './sink.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const TARGETS = {
  ours: { file: 'apps/ours.mjs', label: '@mentraos/sdk (Express)' },
  hono: { file: 'apps/hono.mjs', label: '@mentraos/sdk/hono' },
  floor: { file: 'apps/floor.mjs', label: 'node:http (floor)' },
};
const CONNECTIONS = 4;

/** Sends `count` stop_request webhooks to `port` over `CONNECTIONS` kept-alive connections; rejects on a non-200. */
async function fire(port, count, tag) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let next = 0;
  const one = () =>
    new Promise((resolve, reject) => {
      const i = next++;
      const body = JSON.stringify({
        type: 'stop_request',
        sessionId: `${tag}-${i}`,
        userId: `user-${i}@example.com`,
        reason: 'user_disabled',
        timestamp: new Date().toISOString(),
      });
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/webhook',
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`webhook answered ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const lane = async () => {
    while (next < count) await one();
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, lane));
  agent.destroy();
}

const cpuMs = (c) => (c.user + c.system) / 1000;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function main(argv) {
  const opt = (name, dflt) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
  };
  const runtimes = opt('runtimes', 'node,bun').split(',').filter(Boolean);
  const names = opt('targets', 'ours,hono,floor').split(',').filter(Boolean);
  if (!names.includes('floor')) names.push('floor');
  for (const n of names) if (!TARGETS[n]) throw new Error(`Unknown target "${n}" (${Object.keys(TARGETS).join(', ')})`);
  const count = Number(opt('count', 20000));
  const repeat = Math.max(1, Number(opt('repeat', 5)));
  const children = new Set();
  const launcher = createLauncher({
    config: { keepLogs: false, appArgs: [], profileDir: argv.includes('--profile') ? path.join(here, 'results/tmp') : '', baselineDist: '', refLogLevel: '' },
    targets: TARGETS,
    children,
    packageName: 'com.bench.echo',
    apiKey: 'bench-api-key',
  });
  const sink = await startSink();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'mentraos-webhook-bench-'));
  const run = {
    date: new Date().toISOString(),
    label: opt('label', ''),
    count,
    repeat,
    connections: CONNECTIONS,
    loadAverageAtStart: os.loadavg(),
    runtimes: {},
  };
  try {
    for (const rt of runtimes) {
      const { version } = launcher.runtimeOf(rt);
      const perApp = Object.fromEntries(names.map((n) => [n, []]));
      for (let r = 0; r < repeat; r++) {
        const order = names.map((_, k) => names[(k + r) % names.length]);
        for (const name of order) {
          const app = await launcher.launch(name, rt, sink, workDir);
          try {
            await fire(app.port, Math.min(2000, count), 'warm'); // JIT and connection set-up out of the window
            const before = await app.stats();
            await fire(app.port, count, `run${r}`);
            const after = await app.stats();
            perApp[name].push(((cpuMs(after.cpuBeforeGc) - cpuMs(before.cpu)) * 1000) / count);
          } finally {
            await app.stop();
          }
        }
      }
      const floor = perApp.floor;
      const rows = names.map((name) => {
        const ratios = perApp[name].map((us, k) => us / floor[k]);
        return {
          name,
          label: TARGETS[name].label,
          cpuUsPerWebhook: perApp[name],
          medianUs: median(perApp[name]),
          ratio: median(ratios),
          ratioRange: [Math.min(...ratios), Math.max(...ratios)],
        };
      });
      run.runtimes[rt] = { version, rows };
      console.log(`\n| ${version}: ${count} webhooks × ${repeat} | CPU µs per webhook (median) | ×floor (median of ${repeat}, range) |`);
      console.log('| --- | ---: | ---: |');
      for (const row of rows) {
        const ratio = row.name === 'floor' ? '—' : `${row.ratio.toFixed(2)} (${row.ratioRange.map((x) => x.toFixed(2)).join('–')})`;
        console.log(`| ${row.label} | ${row.medianUs.toFixed(1)} | ${ratio} |`);
      }
    }
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await sink.close();
    rmSync(workDir, { recursive: true, force: true });
  }
  run.loadAverageAtEnd = os.loadavg();
  const dir = path.join(here, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `webhook-${run.date.replace(/[:.]/g, '-').slice(0, 19)}.json`);
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  console.log(
    `\nLoad average ${run.loadAverageAtStart.map((x) => x.toFixed(2)).join(' / ')} at the start, ${run.loadAverageAtEnd.map((x) => x.toFixed(2)).join(' / ')} at the end.`,
  );
  console.log(`Results written to ${path.relative(process.cwd(), file)}`);
  return 0;
}
