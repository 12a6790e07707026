/**
 * examples/hono (the 3.0.0-hono template's shape: `Bun.serve` with routes and fetch, `app.route`, its own
 * SIGINT handler) run by the built `mentraos dev --bun --script`, as a developer runs it. `npm test` builds
 * dist/ and unpacks Bun first.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from '../../src/dev/args';
import { bunBinary } from '../helpers/bun';

const root = path.resolve(__dirname, '../..');

test('mentraos dev --bun --script runs examples/hono: every expectation holds and the session ends once', () => {
  const bun = bunBinary();
  if (!bun) throw new Error('Bun is needed: run scripts/ensure-bun.mjs or set BUN_BIN');
  const out = execFileSync(
    process.execPath,
    [path.join(root, 'dist/cli.cjs'), 'dev', 'examples/hono/index.ts', '--bun', bun, '--script', 'examples/hono/notes.script.json'],
    { cwd: root, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } },
  );
  expect(out.trim().split('\n')).toEqual([
    expect.stringMatching(/^\[main\] text_wall: Notes ready on .+ \(visit 1, UTC\)$/),
    '[main] text_wall: Noted: buy oat milk',
    expect.stringMatching(/^\[main\] text_wall: Photo saved \(\d+ bytes\)$/),
    'ok: 3 expectations held',
  ]);
}, 150_000);

test('--bun takes an optional Bun path and never swallows the app entry', () => {
  expect(parseArgs(['dev', '--bun', '/opt/bun/bin/bun', 'app.ts'])).toMatchObject({ args: { entry: 'app.ts', bun: '/opt/bun/bin/bun' } });
  expect(parseArgs(['dev', '--bun', 'app.ts'])).toMatchObject({ args: { entry: 'app.ts', bun: process.env.BUN_BIN ?? 'bun' } });
  expect(parseArgs(['dev', 'app.ts', '--bun=/x/bun'])).toMatchObject({ args: { entry: 'app.ts', bun: '/x/bun' } });
});
