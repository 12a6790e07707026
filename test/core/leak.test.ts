/**
 * The leak test: 10,000 session start/stop cycles through the test cloud (webhook, handshake, onSession
 * with handlers, subscriptions, a layout and an abort listener, then the stop webhook and the close).
 * Afterwards the heap, after forced GC, is back within 5% of its baseline, and once the server and the
 * cloud are closed no active handle is left beyond those that existed before.
 *
 * Forced GC needs `--expose-gc` (`npm test` runs jest with it); a direct `npx jest` run falls back to
 * enabling the flag at run time.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createTestCloud, type TestCloud } from '../../src/testing';
import { AppServer, type AppSession } from '../../src';
import { appConfig, captureLogger, eventually } from '../helpers/apps';

const CYCLES = 10_000;
const WARMUP = 1_000;
const PARALLEL = 25;

function forcedGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

class Cycling extends AppServer {
  started = 0;
  stopped = 0;
  protected override async onSession(session: AppSession): Promise<void> {
    this.started++;
    session.events.onTranscription((d) => void session.layouts.showTextWall(d.text));
    session.events.onButtonPress(() => {});
    session.settings.onChange(() => {});
    session.signal.addEventListener('abort', () => {});
    session.layouts.showTextWall('hello');
  }
  protected override async onStop(): Promise<void> {
    this.stopped++;
  }
}

function countByKind(list: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const kind of list) out[kind] = (out[kind] ?? 0) + 1;
  return out;
}

let cloud: TestCloud | undefined;
let app: Cycling | undefined;
afterAll(async () => {
  // only matters when the test failed half-way
  await app?.stop();
  await cloud?.close();
});

test(`${CYCLES} session start/stop cycles leave the heap within 5% of its baseline and no handles behind`, async () => {
  const gc = forcedGc();
  const settle = async () => {
    for (let i = 0; i < 4; i++) {
      gc();
      await new Promise((r) => setImmediate(r));
    }
    return process.memoryUsage().heapUsed;
  };
  const resourcesBefore = process.getActiveResourcesInfo();
  cloud = await createTestCloud();
  const logger = captureLogger();
  const server = (app = new Cycling(appConfig({ logger })));
  const testCloud = cloud;
  await server.start();

  let next = 0;
  const run = async (count: number) => {
    const end = next + count;
    const worker = async () => {
      while (next < end) {
        const i = next++;
        const user = await testCloud.startSession({ app: server, userId: `cycle${i}@example.com` });
        await user.waitForDisplay('hello', { timeoutMs: 10_000 });
        await user.stop();
        testCloud.forget(user);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    logger.lines.length = 0;
  };

  await run(WARMUP);
  const baseline = await settle();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await run(CYCLES);
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await eventually(() => server.stopped === WARMUP + CYCLES, 30_000, 'every onStop');
  const after = await settle();

  expect(server.started).toBe(WARMUP + CYCLES);
  expect(testCloud.users.size).toBe(0);
  expect(testCloud.openConnections).toBe(0);
  expect(after).toBeLessThanOrEqual(baseline * 1.05);
  expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);

  await server.stop();
  await testCloud.close();
  // Nothing new is left: per kind, no more active resources than before the cloud and the app existed
  // (the test runner's own handles may come and go meanwhile, so fewer is fine).
  const leftBehind = () => {
    const before = countByKind(resourcesBefore);
    return Object.entries(countByKind(process.getActiveResourcesInfo())).filter(([kind, n]) => n > (before[kind] ?? 0));
  };
  await eventually(() => leftBehind().length === 0, 30_000, 'the handles to close').catch(() => {});
  expect(leftBehind()).toEqual([]);

  process.stdout.write(
    `leak test: ${CYCLES} cycles in ${(elapsed / 1000).toFixed(1)} s (${(CYCLES / (elapsed / 1000)).toFixed(0)}/s, ${PARALLEL} at a time, ${((cpu.user + cpu.system) / 1000 / CYCLES).toFixed(2)} ms CPU per cycle for app and cloud together), heap ${(baseline / 1048576).toFixed(1)} MiB -> ${(after / 1048576).toFixed(1)} MiB (${(((after - baseline) / baseline) * 100).toFixed(1)}%)\n`,
  );
}, 900_000); // bounded by its cycles, not by the clock: 242 s alone on a busy 2-core machine
