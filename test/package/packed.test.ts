/**
 * The packed package, installed into a temporary folder as a user would: loads with require and import,
 * runs an app end to end from dist/, and type-checks under node10, node16 and bundler resolution. The same
 * tarball is also installed under the names apps already import (`@augmentos/sdk`, `@mentra/sdk`), as an
 * npm alias would: a legacy AugmentOS app compiles (tsc, strict on and off) and runs against both dialects,
 * and so does every app in test/fixtures/apps (written the way public apps are: undeclared axios, form-data
 * and pino imports, `session.logger.child`, old BitmapUtils calls, display-utils, `stop(): void`, a ToolCall
 * literal, an uncaught SimpleStorage read against a cloud answering 404, an AugmentOS app with its own webhook
 * that builds its own sessions, also run under a 60-second loop of dropped connections).
 * The apps run on this process's Node, or on Bun under MENTRAOS_TEST_APP_RUNTIME=bun (test/helpers/bun.ts);
 * tsc and the bins always run on Node.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appBinary } from '../helpers/bun';
import { root, runIn, tscIn } from './consumer';

/** The runtime the packed apps run on. */
const APP = appBinary();
let dir: string;

const run = (cmd: string, args: string[], cwd = dir) => runIn(cwd, cmd, args);

const SCENARIO = `
  class Echo extends sdk.AppServer {
    async onSession(session) {
      session.events.onTranscription((d) => d.isFinal && session.layouts.showTextWall('echo: ' + d.text));
    }
  }
  const app = new Echo({ packageName: 'com.example.packed', apiKey: 'packed-key-123', port: 0 });
  await app.start();
  const cloud = await testing.createTestCloud();
  const user = await cloud.startSession({ app, packageName: 'com.example.packed' });
  await user.transcribe('from dist');
  await user.waitForDisplay('echo: from dist');
  await app.stop();
  await cloud.close();
  const lines = du.createG1Toolkit().wrapper.wrapToLines('packed display utils');
  console.log('OK ' + typeof sdk.AppServer + ' ' + typeof sdk.SdkError + ' ' + lines.length);
`;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mentraos-packed-'));
  run('npm', ['pack', '--pack-destination', dir, '--silent'], root);
  const tgz = `file:${path.join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!)}`;
  const dependencies = { '@mentraos/sdk': tgz, '@augmentos/sdk': tgz, '@mentra/sdk': tgz };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, dependencies }));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', 'tsx']);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('require() gives AppServer and runs an app from the CommonJS build', () => {
  writeFileSync(
    path.join(dir, 'app.cjs'),
    `const sdk = require('@mentraos/sdk'); const testing = require('@mentraos/sdk/testing'); const du = require('@mentraos/sdk/display-utils');\n(async () => {${SCENARIO}})().catch((e) => { console.error(e); process.exit(1); });`,
  );
  expect(run(APP, ['app.cjs']).trim()).toBe('OK function function 1');
});

test('import gives AppServer and runs an app from the ESM build', () => {
  writeFileSync(
    path.join(dir, 'app.mjs'),
    `import * as sdk from '@mentraos/sdk'; import * as testing from '@mentraos/sdk/testing'; import * as du from '@mentraos/sdk/display-utils';\n${SCENARIO}`,
  );
  expect(run(APP, ['app.mjs']).trim()).toBe('OK function function 1');
});

test('the mentraos bin runs a TypeScript app with a script from the packed package', () => {
  writeFileSync(
    path.join(dir, 'app.ts'),
    [
      "import { AppServer, AppSession } from '@mentraos/sdk';",
      'class Echo extends AppServer {',
      '  protected async onSession(session: AppSession): Promise<void> {',
      "    session.layouts.showTextWall('Say something');",
      '    session.events.onTranscription((d) => d.isFinal && session.layouts.showTextWall(`echo: ${d.text}`));',
      '  }',
      '}',
      "new Echo({ packageName: 'com.example.packed', apiKey: process.env.MENTRAOS_API_KEY!, port: Number(process.env.PORT) }).start();",
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 's.json'), JSON.stringify([{ start: 'wearer@example.com' }, { say: 'hello' }, { expect: 'echo: hello' }, { stop: true }]));
  const out = run('npx', ['--no', 'mentraos', 'dev', 'app.ts', '--script', 's.json']);
  expect(out.trim().split('\n')).toEqual(['[main] text_wall: Say something', '[main] text_wall: echo: hello', 'ok: 1 expectation held']);
});

test('the packed bin serves the simulator page and stops on Ctrl-C', async () => {
  const child = spawn(path.join(dir, 'node_modules/.bin/mentraos'), ['dev', 'app.ts', '--port', '0', '--no-open'], {
    cwd: dir,
    env: { ...process.env, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d) => {
        out += d;
        const m = /Simulator page:\s+(\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      void exited.then((code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/app.js">');
    expect((await fetch(`${url}render.js`)).status).toBe(200);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
  }
});

test.each([
  ['cjs', "const sdk = require('@mentraos/sdk');"],
  ['mjs', "import * as sdk from '@mentraos/sdk';"],
])('ioredis is loaded only for a cluster: without it installed, such an app (.%s) fails start() with how to fix it', (ext, load) => {
  writeFileSync(
    path.join(dir, `cluster.${ext}`),
    `${load}
    const app = new sdk.AppServer({ packageName: 'com.example.packed', apiKey: 'packed-key-123', port: 0, cluster: { redisUrl: 'redis://127.0.0.1:9', instanceUrl: 'http://127.0.0.1:9' } });
    app.start().then(() => console.log('started'), (e) => console.log(e.code + ': ' + e.message));`,
  );
  expect(run(APP, [`cluster.${ext}`]).trim()).toBe('invalid_config: Running several instances needs the "ioredis" package: npm install ioredis');
});

test.each([
  ['node10', 'commonjs'],
  ['node16', 'node16'],
  ['bundler', 'esnext'],
])('TypeScript resolves the types with %s resolution', (resolution, module) => {
  writeFileSync(
    path.join(dir, 'check.ts'),
    [
      "import { AppServer, AppSession, StreamType, type AppServerConfig } from '@mentraos/sdk';",
      "import { createTestCloud } from '@mentraos/sdk/testing';",
      "import { createG1Toolkit, type WrapResult } from '@mentraos/sdk/display-utils';",
      "import { TpaServer, type TpaServerConfig } from '@mentraos/sdk/compat';",
      'class My extends AppServer {',
      '  protected async onSession(session: AppSession, sessionId: string, userId: string): Promise<void> {',
      '    session.events.onTranscription((d) => session.layouts.showTextWall(d.text));',
      '    session.logger.info(`${sessionId} ${userId}`, { stream: StreamType.TRANSCRIPTION });',
      '  }',
      '}',
      "const config: AppServerConfig = { packageName: 'p', apiKey: 'k', cluster: { redisUrl: 'redis://r', instanceUrl: 'http://i:7010' } };",
      "const wrapped: WrapResult = createG1Toolkit().wrapper.wrap('hello');",
      "const legacy: TpaServerConfig = { packageName: 'p', apiKey: 'k' };",
      'export const made = [new My(config), createTestCloud, wrapped, new TpaServer(legacy)];',
    ].join('\n'),
  );
  // Under bundler resolution, a 2.x app importing the `@mentra/sdk` alias is checked in the same run.
  const files = resolution === 'bundler' ? ['check.ts', writeMentraApp()] : ['check.ts'];
  expect(tsc(['--noEmit', '--strict', '--module', module, '--moduleResolution', resolution, ...files])).toBe('');
});

/** Runs tsc from this repository in the consumer folder; returns its output ('' when it compiled). */
function tsc(args: string[]): string {
  return tscIn(dir, args);
}

/** A legacy AugmentOS app, unchanged: Tpa names, types imported without `type`, `stop(): void`, CommonJS. */
const LEGACY_APP = `
import { TpaServer, TpaSession, StreamType, ViewType, AuthenticatedRequest, TpaServerConfig } from '@augmentos/sdk';

export class LegacyApp extends TpaServer {
  constructor(config: TpaServerConfig) {
    super(config);
  }

  protected async onSession(session: TpaSession, sessionId: string, userId: string): Promise<void> {
    session.layouts.showTextWall('ready for ' + userId, { view: ViewType.MAIN });
    session.onTranscription((data) => {
      if (data.isFinal) session.layouts.showTextWall('echo: ' + data.text);
    });
    session.on(StreamType.BUTTON_PRESS, (data) => session.layouts.showTextWall('button ' + data.pressType));
    session.settings.onAugmentosSettingChange('brightness', (value: number, previous: number) => {
      session.layouts.showTextWall('brightness ' + previous + ' -> ' + value);
    });
  }

  protected async onStop(sessionId: string, userId: string, reason: string): Promise<void> {
    console.log('stopped ' + sessionId + ' ' + reason);
  }

  stop(): void {
    super.stop();
  }
}

export function mountWebview(app: LegacyApp): void {
  app.getExpressApp().get('/webview', (req: AuthenticatedRequest, res) => {
    res.json({ user: req.authUserId || null });
  });
}
`;

const LEGACY_DRIVER = (outDir: string) => `
const { LegacyApp, mountWebview } = require('./${outDir}/legacy-app.js');
const testing = require('@augmentos/sdk/testing');
(async () => {
  for (const dialect of ['augmentos', 'mentraos']) {
    const cloud = await testing.createTestCloud({ dialect });
    const app = new LegacyApp({ packageName: 'com.example.legacy', apiKey: 'legacy-key-123', port: 0 });
    mountWebview(app);
    await app.start();
    const user = await cloud.startSession({ app, packageName: 'com.example.legacy', userId: 'anne-marie@example.com' });
    await user.waitForDisplay('ready for anne-marie@example.com');
    await user.transcribe('from the alias');
    await user.waitForDisplay('echo: from the alias');
    await user.pressButton('main', 'long');
    await user.waitForDisplay('button long');
    await user.updateSystemSettings({ brightness: 70 });
    await user.waitForDisplay('brightness 50 -> 70');
    const web = await (await fetch('http://127.0.0.1:' + app.getPort() + '/webview')).json();
    if (web.user !== null) throw new Error('unexpected webview user');
    await user.stop();
    await app.stop();
    await cloud.close();
  }
  console.log('OK legacy ' + typeof require('@augmentos/sdk').TpaServer);
})().catch((e) => { console.error(e); process.exit(1); });
`;

test.each([
  ['strict', 'true', 'out-strict'],
  ['non-strict', 'false', 'out-loose'],
])('a legacy app importing @augmentos/sdk compiles with tsc (%s) and runs against both dialects', (_mode, strict, outDir) => {
  writeFileSync(path.join(dir, 'legacy-app.ts'), LEGACY_APP);
  const out = tsc(['--strict', strict, '--module', 'commonjs', '--moduleResolution', 'node10', '--esModuleInterop', '--outDir', outDir, 'legacy-app.ts']);
  expect(out).toBe('');
  writeFileSync(path.join(dir, `drive-${outDir}.cjs`), LEGACY_DRIVER(outDir));
  expect(
    run(APP, [`drive-${outDir}.cjs`])
      .trim()
      .split('\n')
      .at(-1),
  ).toBe('OK legacy function');
});

/** A 2.x app importing `@mentra/sdk` (AppServer and TpaServer, `stop()` overridden async). */
function writeMentraApp(): string {
  writeFileSync(
    path.join(dir, 'mentra-app.ts'),
    [
      "import { AppServer, AppSession, TpaServer, type AppServerConfig } from '@mentra/sdk';",
      'class Modern extends AppServer {',
      '  protected async onSession(session: AppSession): Promise<void> {',
      '    session.events.onTranscription((d) => session.layouts.showTextWall(d.text));',
      '    session.settings.onMentraosSettingChange<number>("brightness", (v) => session.logger.info({ v }, "brightness"));',
      '  }',
      '  async stop(): Promise<void> { await super.stop(); }',
      '}',
      'class Old extends TpaServer { async stop(): Promise<void> { await super.stop(); } }',
      "const config: AppServerConfig = { packageName: 'p', apiKey: 'k' };",
      'export const made = [new Modern(config), new Old(config)];',
    ].join('\n'),
  );
  return 'mentra-app.ts';
}

test('the packed mentraos-migrate bin runs, and without typescript in reach it says how to get it', () => {
  const bin = path.join(dir, 'node_modules', '.bin', 'mentraos-migrate');
  expect(run(bin, ['--help'])).toContain('Usage: mentraos-migrate [dir] [--dry-run]');
  const migrateDir = mkdtempSync(path.join(os.tmpdir(), 'mentraos-migrate-bin-'));
  try {
    writeFileSync(path.join(migrateDir, 'app.js'), "const { TpaServer } = require('@augmentos/sdk');\n");
    let failure: { status?: number; stderr?: string } = {};
    try {
      execFileSync(bin, [migrateDir], { cwd: migrateDir, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      failure = e as typeof failure;
    }
    expect(failure.status).toBe(1);
    expect(failure.stderr).toContain('npm install --save-dev typescript');
  } finally {
    rmSync(migrateDir, { recursive: true, force: true });
  }
});

const FIXTURES = path.join(root, 'test', 'fixtures', 'apps');
const fixtureNames = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

/** Runs each compiled fixture's drive() in one process; an unhandled rejection or a crash fails it. */
const FIXTURE_RUNNER = (outDir: string) => `
process.on('unhandledRejection', (e) => { console.error('UNHANDLED ' + (e && e.stack || e)); process.exit(1); });
(async () => {
  for (const name of ${JSON.stringify(fixtureNames)}) {
    const { drive } = require('./${outDir}/' + name + '.js');
    console.log('OK ' + (await drive()));
  }
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
`;

test.each([
  ['strict', 'true', 'fixtures-strict'],
  ['non-strict', 'false', 'fixtures-loose'],
])(
  'the fixture apps, installed under @mentra/sdk and @augmentos/sdk, compile with tsc (%s) and run against the test cloud',
  (_mode, strict, outDir) => {
    expect(fixtureNames.length).toBeGreaterThanOrEqual(7);
    cpSync(FIXTURES, path.join(dir, 'fixture-src'), { recursive: true });
    const files = fixtureNames.map((n) => path.join('fixture-src', `${n}.ts`));
    const out = tsc([
      '--strict',
      strict,
      '--module',
      'commonjs',
      '--moduleResolution',
      'node10',
      '--esModuleInterop',
      '--outDir',
      outDir,
      '--rootDir',
      'fixture-src',
      ...files,
    ]);
    expect(out).toBe('');
    writeFileSync(path.join(dir, `run-${outDir}.cjs`), FIXTURE_RUNNER(outDir));
    const lines = execFileSync(APP, [`run-${outDir}.cjs`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true' },
    });
    expect(lines.split('\n').filter((l) => l.startsWith('OK '))).toEqual(fixtureNames.map((n) => `OK ${n}`));
  },
  180_000,
);

test('the standalone-session fixture (an AugmentOS app that builds its own sessions), under a 60-second loop of drops and reconnects, loses no display and lets the process exit', () => {
  // Compiled by the strict fixture test above; the process must end on its own once the app has disconnected.
  writeFileSync(
    path.join(dir, 'soak-standalone.cjs'),
    "require('./fixtures-strict/standalone-session.js').soak(60).then((r) => console.log('SOAK ' + r), (e) => { console.error(e); process.exitCode = 1; });",
  );
  const out = execFileSync('node', ['soak-standalone.cjs'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 150_000,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true' },
  });
  expect(out).toMatch(/^SOAK (\d+)\/\1 drops=[1-9]\d*$/m);
}, 170_000);
