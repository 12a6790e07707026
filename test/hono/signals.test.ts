/**
 * SIGINT/SIGTERM with the Hono `AppServer`, in a child process running the built package (`npm test` builds
 * dist/ first): the sessions are ended; an app with no handler of its own then ends as Node ends it by
 * default (the published 3.0.0-hono SDK kept it running), while an app that exits in its own handler exits
 * with its own code after `await app.stop()`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dist = path.resolve(__dirname, '../../dist');

const CHILD = (ownHandler: boolean) => `
const { AppServer } = require(${JSON.stringify(path.join(dist, 'hono.cjs'))});
const { createTestCloud } = require(${JSON.stringify(path.join(dist, 'testing.cjs'))});
class App extends AppServer {
  async onStop(sessionId, userId, reason) { console.log('onStop ' + reason); }
}
(async () => {
  const cloud = await createTestCloud();
  const app = new App({ packageName: 'com.example.signals', apiKey: 'signals-api-key-123456' });
  await app.start();
  ${ownHandler ? "process.on('SIGINT', async () => { await app.stop(); console.log('own handler done'); process.exit(7); });" : ''}
  await cloud.startSession({ app });
  console.log('ready');
})();
`;

function runUntilExit(source: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hono-signals-'));
  const file = path.join(dir, 'child.cjs');
  writeFileSync(file, source);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('ready') && !child.killed) child.kill(signal);
    });
    child.stderr.on('data', (d) => (err += d));
    // A child that never exits fails the test by the test's own timeout, with its output.
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the child did not exit after ${signal}; output:\n${out}\n${err}`));
    }, 60_000);
    child.on('exit', (code, sig) => {
      clearTimeout(guard);
      resolve({ code, signal: sig, out });
    });
  });
}

test('no handler of the app: SIGINT ends the sessions, then the process ends by the signal', async () => {
  const r = await runUntilExit(CHILD(false), 'SIGINT');
  expect(r.out).toContain('onStop server_shutdown');
  expect(r.signal).toBe('SIGINT');
}, 90_000);

test('SIGTERM likewise', async () => {
  const r = await runUntilExit(CHILD(false), 'SIGTERM');
  expect(r.out).toContain('onStop server_shutdown');
  expect(r.signal).toBe('SIGTERM');
}, 90_000);

test("the app's own SIGINT handler decides: stop() once, then its own exit code", async () => {
  const r = await runUntilExit(CHILD(true), 'SIGINT');
  expect(r.out.match(/onStop server_shutdown/g)).toHaveLength(1);
  expect(r.out).toContain('own handler done');
  expect(r.code).toBe(7);
}, 90_000);
