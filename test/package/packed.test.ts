/**
 * The packed package, installed into a temporary folder as a user would: loads with require and import,
 * runs an app end to end from dist/, and type-checks under node10, node16 and bundler resolution.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
let dir: string;

const run = (cmd: string, args: string[], cwd = dir) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true', npm_config_loglevel: 'error' } });

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
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(dir, tgz), 'tsx']);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('require() gives AppServer and runs an app from the CommonJS build', () => {
  writeFileSync(path.join(dir, 'app.cjs'), `const sdk = require('@mentraos/sdk'); const testing = require('@mentraos/sdk/testing'); const du = require('@mentraos/sdk/display-utils');\n(async () => {${SCENARIO}})().catch((e) => { console.error(e); process.exit(1); });`);
  expect(run('node', ['app.cjs']).trim()).toBe('OK function function 1');
});

test('import gives AppServer and runs an app from the ESM build', () => {
  writeFileSync(path.join(dir, 'app.mjs'), `import * as sdk from '@mentraos/sdk'; import * as testing from '@mentraos/sdk/testing'; import * as du from '@mentraos/sdk/display-utils';\n${SCENARIO}`);
  expect(run('node', ['app.mjs']).trim()).toBe('OK function function 1');
});

test('the mentraos bin runs a TypeScript app with a script from the packed package', () => {
  writeFileSync(path.join(dir, 'app.ts'), [
    "import { AppServer, AppSession } from '@mentraos/sdk';",
    'class Echo extends AppServer {',
    '  protected async onSession(session: AppSession): Promise<void> {',
    "    session.layouts.showTextWall('Say something');",
    '    session.events.onTranscription((d) => d.isFinal && session.layouts.showTextWall(`echo: ${d.text}`));',
    '  }',
    '}',
    "new Echo({ packageName: 'com.example.packed', apiKey: process.env.MENTRAOS_API_KEY!, port: Number(process.env.PORT) }).start();",
  ].join('\n'));
  writeFileSync(path.join(dir, 's.json'), JSON.stringify([{ start: 'wearer@example.com' }, { say: 'hello' }, { expect: 'echo: hello' }, { stop: true }]));
  const out = run('npx', ['--no', 'mentraos', 'dev', 'app.ts', '--script', 's.json']);
  expect(out.trim().split('\n')).toEqual(['[main] text_wall: Say something', '[main] text_wall: echo: hello', 'ok: 1 expectation held']);
});

test('the packed bin serves the simulator page and stops on Ctrl-C', async () => {
  const child = spawn(path.join(dir, 'node_modules/.bin/mentraos'), ['dev', 'app.ts', '--port', '0', '--no-open'], { cwd: dir, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
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
  writeFileSync(path.join(dir, `cluster.${ext}`), `${load}
    const app = new sdk.AppServer({ packageName: 'com.example.packed', apiKey: 'packed-key-123', port: 0, cluster: { redisUrl: 'redis://127.0.0.1:9', instanceUrl: 'http://127.0.0.1:9' } });
    app.start().then(() => console.log('started'), (e) => console.log(e.code + ': ' + e.message));`);
  expect(run('node', [`cluster.${ext}`]).trim()).toBe('invalid_config: Running several instances needs the "ioredis" package: npm install ioredis');
});

test.each([
  ['node10', 'commonjs'],
  ['node16', 'node16'],
  ['bundler', 'esnext'],
])('TypeScript resolves the types with %s resolution', (resolution, module) => {
  writeFileSync(path.join(dir, 'check.ts'), [
    "import { AppServer, AppSession, StreamType, type AppServerConfig } from '@mentraos/sdk';",
    "import { createTestCloud } from '@mentraos/sdk/testing';",
    "import { createG1Toolkit, type WrapResult } from '@mentraos/sdk/display-utils';",
    'class My extends AppServer {',
    '  protected async onSession(session: AppSession, sessionId: string, userId: string): Promise<void> {',
    '    session.events.onTranscription((d) => session.layouts.showTextWall(d.text));',
    '    session.logger.info(`${sessionId} ${userId}`, { stream: StreamType.TRANSCRIPTION });',
    '  }',
    '}',
    "const config: AppServerConfig = { packageName: 'p', apiKey: 'k', cluster: { redisUrl: 'redis://r', instanceUrl: 'http://i:7010' } };",
    "const wrapped: WrapResult = createG1Toolkit().wrapper.wrap('hello');",
    'export const made = [new My(config), createTestCloud, wrapped];',
  ].join('\n'));
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const out = (() => {
    try {
      return run('node', [tsc, '--noEmit', '--strict', '--skipLibCheck', 'false', '--types', 'node', '--typeRoots', path.join(root, 'node_modules/@types'), '--module', module, '--moduleResolution', resolution, '--target', 'es2022', 'check.ts']);
    } catch (e) {
      return String((e as { stdout?: string }).stdout ?? e);
    }
  })();
  expect(out).toBe('');
});
