/**
 * The two packages packed together (scripts/pack.mjs) and installed as a 3.0.0-hono app installs them: its
 * `"@mentra/sdk"` dependency is the `@mentraos/sdk-hono` tarball, beside the `@mentraos/sdk` tarball it depends
 * on, with the app's own `hono` and `@hono/node-server`. The apps in test/fixtures/hono-apps compile (tsc,
 * strict on and off) and run against the test cloud under Node (serving `app.fetch` with `@hono/node-server`)
 * and under Bun (`Bun.serve`): every display arrives, the socket closes on `stop_request`, nothing crashes.
 * `@mentraos/sdk-hono` also loads under plain Node, where the published 3.0.0-hono throws `Bun is not defined`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bunBinary } from '../helpers/bun';
import { packBoth, root, runIn, tscIn } from './consumer';

let dir: string;
const FIXTURES = path.join(root, 'test', 'fixtures', 'hono-apps');
const apps = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.ts') && f !== 'serve.ts')
  .map((f) => f.slice(0, -3))
  .sort();

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mentraos-hono-packed-'));
  const { sdk, sdkHono } = packBoth(path.join(dir, 'tarballs'));
  const dependencies = { '@mentra/sdk': `file:${sdkHono}`, '@mentraos/sdk': `file:${sdk}`, hono: '^4.11.3', '@hono/node-server': '^1.19.19' };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'hono-consumer', version: '1.0.0', private: true, type: 'module', dependencies }));
  runIn(dir, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund']);
  cpSync(FIXTURES, path.join(dir, 'src'), { recursive: true });
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs each fixture's drive() in one process; an unhandled rejection or a crash fails it. */
const RUNNER = (from: string, ext: string) => `
process.on('unhandledRejection', (e) => { console.error('UNHANDLED ' + (e && e.stack || e)); process.exit(1); });
for (const name of ${JSON.stringify(apps)}) {
  const { drive } = await import('./${from}/' + name + '${ext}');
  console.log('OK ' + (await drive()));
}
process.exit(0);
`;

const okLines = (out: string) => out.split('\n').filter((l) => l.startsWith('OK '));

test('@mentraos/sdk-hono loads under plain Node, with require and import', () => {
  writeFileSync(path.join(dir, 'load.cjs'), "const s = require('@mentra/sdk'); console.log(typeof s.AppServer + ' ' + typeof s.createMentraAuthRoutes);");
  writeFileSync(
    path.join(dir, 'load.mjs'),
    "import * as s from '@mentra/sdk'; import * as d from '@mentra/sdk/display-utils'; console.log(typeof s.AppServer + ' ' + typeof d.createG1Toolkit);",
  );
  expect(runIn(dir, 'node', ['load.cjs']).trim()).toBe('function function');
  expect(runIn(dir, 'node', ['load.mjs']).trim()).toBe('function function');
});

test.each([
  ['strict', 'true', 'out-strict'],
  ['non-strict', 'false', 'out-loose'],
])(
  'the fixtures compile with tsc (%s) and run against the test cloud under Node, served by @hono/node-server',
  (_mode, strict, outDir) => {
    expect(apps.length).toBeGreaterThanOrEqual(2);
    const files = [...apps, 'serve'].map((n) => path.join('src', `${n}.ts`));
    expect(tscIn(dir, ['--strict', strict, '--module', 'esnext', '--moduleResolution', 'bundler', '--outDir', outDir, '--rootDir', 'src', ...files])).toBe('');
    writeFileSync(path.join(dir, `run-${outDir}.mjs`), RUNNER(outDir, '.js'));
    const out = execFileSync('node', [`run-${outDir}.mjs`], { cwd: dir, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
    expect(okLines(out)).toEqual(apps.map((n) => `OK ${n}`));
  },
  180_000,
);

test('the fixtures run from their TypeScript sources under Bun, served by Bun.serve', () => {
  const bun = bunBinary();
  if (!bun) throw new Error('Bun is needed: run scripts/ensure-bun.mjs or set BUN_BIN');
  writeFileSync(path.join(dir, 'run-bun.ts'), RUNNER('src', '.ts'));
  const out = execFileSync(bun, ['run', 'run-bun.ts'], { cwd: dir, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
  expect(okLines(out)).toEqual(apps.map((n) => `OK ${n}`));
}, 180_000);
