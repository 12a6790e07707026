/**
 * examples/hono (the 3.0.0-hono template's shape: `Bun.serve` with routes and fetch, `app.route`, its own
 * SIGINT handler) run by the built `mentraos dev --runtime bun --script`, as a developer runs it. `npm test` builds
 * dist/ and unpacks Bun first.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { bunBinary } from '../helpers/bun';

const root = path.resolve(__dirname, '../..');

test('mentraos dev --runtime bun --script runs examples/hono: every expectation holds and the session ends once', () => {
  const bun = bunBinary();
  if (!bun) throw new Error('Bun is needed: run scripts/ensure-bun.mjs or set BUN_BIN');
  const out = execFileSync(
    process.execPath,
    [path.join(root, 'dist/cli.cjs'), 'dev', 'examples/hono/index.ts', '--runtime', 'bun', '--script', 'examples/hono/notes.script.json'],
    { cwd: root, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true', BUN_BIN: bun } },
  );
  expect(out.trim().split('\n')).toEqual([
    expect.stringMatching(/^\[main\] text_wall: Notes ready on .+ \(visit 1, UTC\)$/),
    '[main] text_wall: Noted: buy oat milk',
    expect.stringMatching(/^\[main\] text_wall: Photo saved \(\d+ bytes\)$/),
    'ok: 3 expectations held',
  ]);
}, 150_000);
