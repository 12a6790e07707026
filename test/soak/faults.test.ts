/**
 * The endurance run's short profile: 1,000 sessions on one app process (the built package) for 45 s while
 * the fake cloud, through its loopback proxy, drops links, freezes some (latency spikes and half-open
 * links), refuses reconnects for 12 s and restarts once. `npm run bench -- --soak` is the 10-minute run.
 * It fails only on lost display updates, a crash, a duplicate onSession/onStop or an HTTP 5xx; the other
 * figures are printed. Needs dist/ (`npm test` builds it first).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
let child: ReturnType<typeof spawn> | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill();
});

test('1,000 sessions through drops, spikes, half-open links, refused reconnects and a cloud restart: nothing lost, no duplicates, no 5xx', async () => {
  child = spawn(process.execPath, ['bench/run.mjs', '--soak', '--seconds', '45', '--sessions', '1000'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child!.on('exit', resolve));
  console.log(
    out
      .split('\n')
      .filter((l) => !l.startsWith('SOAK-RESULT'))
      .join('\n'),
  );
  const line = out.split('\n').find((l) => l.startsWith('SOAK-RESULT '));
  expect(line).toBeDefined();
  const r = JSON.parse(line!.slice('SOAK-RESULT '.length));
  // The faults really happened.
  expect(r.faults.dropped).toBeGreaterThan(0);
  expect(r.faults.refused).toBeGreaterThan(0);
  expect(r.faults.halfOpened).toBeGreaterThan(0);
  expect(r.restarts).toBe(1);
  // What the run fails on.
  expect(r.failures).toEqual([]);
  expect(r.displays.lostSessions).toBe(0);
  expect(r.duplicates).toEqual({ onSession: 0, onStop: 0 });
  expect(r.http5xx).toEqual([]);
  expect(r.displays.sentByApp).toBeGreaterThan(5_000);
  expect(code).toBe(0);
}, 170_000);
