/**
 * The `mentraos` command as a process (from source, through tsx): scripted runs and their exit codes,
 * usage errors, the app's environment, the interactive servers, and Ctrl-C stopping everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { connectControl } from '../../src/testing/control-client';
import { shouldOpenBrowser } from '../../src/dev/main';
import { mainInProcess } from '../helpers/main-in-process';

const root = path.resolve(__dirname, '../..');
const tsx = require.resolve('tsx');
const echoApp = 'test/dev/fixtures/echo-app.ts';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mentraos-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  done: Promise<number | null>;
}

function start(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(process.execPath, ['--import', tsx, 'src/dev/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, CI: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { child, stdout: '', stderr: '', done: new Promise((r) => child.once('exit', (code) => r(code))) };
  child.stdout!.on('data', (d) => (run.stdout += d));
  child.stderr!.on('data', (d) => (run.stderr += d));
  return run;
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = start(args, env);
  const code = await run.done;
  return { code, stdout: run.stdout, stderr: run.stderr };
}

function script(name: string, steps: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof steps === 'string' ? steps : JSON.stringify(steps));
  return file;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

test('a passing script prints each display change, exits 0, and gives the app its environment', async () => {
  const file = script('pass.json', [
    { start: 'wearer@example.com' },
    { expect: 'Say something' },
    { say: 'hello', final: true, language: 'en-US' },
    { expect: 'echo: hello', timeoutMs: 5000 },
    { press: 'main', long: true },
    { expect: 'long', view: 'dashboard' },
    { wait: 300 },
    { stop: true },
  ]);
  const r = await cli(['dev', echoApp, '--script', file], { SDK_PKG: 'kept-as-is', PACKAGE_NAME: 'com.example.echo' });
  expect(r.stderr).not.toMatch(/FAILED/);
  expect(r.code).toBe(0);
  expect(r.stdout.trim().split('\n')).toEqual([
    '[main] text_wall: Say something',
    '[main] text_wall: echo: hello',
    '[dashboard] dashboard_card: pressed | long (for 100 ms)',
    '[dashboard] (empty: the timed display ended)',
    'ok: 3 expectations held',
  ]);
  expect(r.stderr).toMatch(/\[app\] env PORT=\d+ PACKAGE_NAME=com\.example\.echo SDK_PKG=kept-as-is/);
  expect(r.stderr).toContain('[app] env keys-set=true trusted=127.0.0.1');
  expect(r.stderr).toContain('connected as package com.example.echo');
  expect(r.stderr).not.toContain('mentraos-local-development-key');
});

test('a failing expect exits 1 and names the step and what was shown instead', async () => {
  const file = script('fail.json', [{ start: 'w@example.com' }, { say: 'hello' }, { expect: 'goodbye', timeoutMs: 300 }, { say: 'never reached' }]);
  const r = await cli(['dev', echoApp, '--script', file]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(
    'FAILED: fail.json step 3: expected "goodbye" within 300 ms, but it was not shown to w@example.com (now: [main] text_wall: echo: hello, [dashboard] (nothing))',
  );
  expect(r.stdout).not.toContain('never reached');
});

test('usage errors exit 2 with a reason', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['dev'], /Which app\? mentraos dev <app-entry>/],
    [['serve', echoApp], /Unknown command "serve"/],
    [['dev', echoApp, '--fast'], /Unknown option --fast/],
    [['dev', 'nowhere/app.ts', '--no-open'], /No app entry at nowhere\/app.ts/],
    [['dev', echoApp, '--port', 'eighty'], /--port needs a port number/],
    [['dev', echoApp, '--port', '80', '--listen', '127.0.0.1:81'], /either --port or --listen/],
    [['dev', echoApp, '--listen', '0.0.0.0:0'], /not a loopback address: add --ws-auth/],
    [['dev', echoApp, '--listen', '0.0.0.0:0', '--ws-auth', 'short'], /at least 16 characters/],
    [['dev', echoApp, '--script', script('bad.json', '[{"say": "hi"')], /bad\.json is not valid JSON/],
    [['dev', echoApp, '--script', script('keys.json', [{ start: 'a' }, { say: 'hi', loud: true }])], /keys\.json step 2: unknown key "loud" in a say step/],
    [['dev', echoApp, '--script', script('nouser.json', [{ say: 'hi' }])], /nouser\.json step 1: no user yet/],
    [['dev', echoApp, '--script', path.join(dir, 'missing.json')], /No script at/],
  ];
  for (const [args, message] of cases) {
    const r = await mainInProcess(args);
    expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 2, stderr: expect.stringMatching(message) });
  }
  const help = await mainInProcess(['--help']);
  expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: mentraos dev <app-entry>') });
});

test('a browser is opened only from a terminal, outside CI, without --no-open or --script', () => {
  expect(shouldOpenBrowser({ open: true }, { interactive: true, env: {} })).toBe(true);
  expect(shouldOpenBrowser({ open: false }, { interactive: true, env: {} })).toBe(false);
  expect(shouldOpenBrowser({ open: true }, { interactive: true, env: { CI: 'true' } })).toBe(false);
  expect(shouldOpenBrowser({ open: true }, { interactive: false, env: {} })).toBe(false);
  expect(shouldOpenBrowser({ open: true, script: 's.json' }, { interactive: true, env: {} })).toBe(false);
});

test('the process exits 2 on a usage error and 1 when the app dies before listening', async () => {
  const [usage, crashed] = await Promise.all([
    cli(['dev', echoApp, '--script', script('empty-step.json', [{}])]),
    cli(['dev', 'test/dev/fixtures/crash-app.js', '--script', script('ok.json', [{ start: 'a' }])]),
  ]);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('empty-step.json step 1: a step has exactly one of');
  expect(crashed.code).toBe(1);
  expect(crashed.stderr).toMatch(/The app exited \(code 1\) before listening[\s\S]*cannot read config.json/);
});

test('interactive: serves the page and the protocol on loopback, refuses foreign Origins, and Ctrl-C stops everything', async () => {
  const run = start(['dev', echoApp, '--port', '0', '--no-open']);
  try {
    const ready = () => /Simulator page:\s+(\S+)[\s\S]*Control protocol:\s+(\S+)[\s\S]*on port (\d+)/.exec(run.stdout);
    const deadline = Date.now() + 20_000;
    while (!ready()) {
      if (Date.now() > deadline) throw new Error(`No banner:\n${run.stdout}\n${run.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const [, pageUrl, wsUrl, appPort] = ready()!;
    expect(pageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await fetch(pageUrl!)).status).toBe(200);
    expect((await fetch(pageUrl!, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    const ctl = await connectControl(wsUrl!);
    await ctl.userStart('wearer@example.com');
    await ctl.input('wearer@example.com', { kind: 'transcription', text: 'from a controller' });
    await ctl.waitForDisplay('wearer@example.com', 'echo: from a controller');
    run.child.kill('SIGINT');
    expect(await run.done).toBe(0);
    expect(ctl.users.get('wearer@example.com')?.state).toBe('stopped'); // sessions were stopped with a webhook first
    await ctl.close();
    expect(await listening(Number(appPort))).toBe(false);
    expect(await listening(Number(new URL(pageUrl!).port))).toBe(false);
    expect(run.stdout).not.toMatch(/open/i);
  } finally {
    run.child.kill('SIGKILL');
  }
});
