/**
 * The local cloud's lifecycle: user_start before the app listens waits for it (bounded, with a clear
 * error), welcome and app_state say whether the app listens, and closing sends the stop webhook to every
 * live wearer, including one still starting.
 */
import express from 'express';
import type { Server } from 'node:http';
import { AppServer, type AppSession } from '../../src';
import { DevCloud } from '../../src/dev/dev-cloud';
import { startControlServer, type ControlServer } from '../../src/dev/control-server';
import { connectControl, type ControlClient } from '../../src/testing/control-client';
import { freePort } from '../../src/testing/launch';
import { appConfig, eventually } from '../helpers/apps';
import { startRig } from './rig';

const U = 'wearer@example.com';

class Hello extends AppServer {
  protected override async onSession(session: AppSession): Promise<void> {
    session.layouts.showTextWall('hello');
  }
}

let dev: DevCloud;
let control: ControlServer;
let ctl: ControlClient;
const cleanups: Array<() => Promise<unknown>> = [];

async function setup(opts: { listenTimeoutMs?: number; startTimeoutMs?: number } = {}) {
  dev = await DevCloud.create({ entry: 'app.ts', packageName: 'com.example.app', ...opts });
  control = await startControlServer({ dev, port: 0 });
  ctl = await connectControl(control.wsUrl);
}

afterEach(async () => {
  await ctl?.close();
  await dev?.close();
  await control?.close();
  for (const c of cleanups.splice(0)) await c();
});

test('user_start sent before the app listens waits for it; welcome and app_state say when it listens', async () => {
  await setup();
  const port = await freePort();
  dev.setApp({ port, running: true, listening: false });
  const late = await connectControl(control.wsUrl);
  cleanups.push(() => late.close());
  expect(late.welcome.app).toMatchObject({ running: true, listening: false, port });
  const started = ctl.userStart(U);
  let settled = false;
  void started.then(
    () => (settled = true),
    () => (settled = true),
  );
  await ctl.waitForEvent((e) => e.type === 'app_state' && e.app.listening === false);
  const app = new Hello(appConfig({ port, trustedCloudHosts: ['127.0.0.1'] }));
  await app.start();
  cleanups.push(() => app.stop());
  expect(settled).toBe(false);
  dev.setApp({ port, running: true });
  const res = await started;
  expect(res.user!.state).toBe('ready');
  await ctl.waitForDisplay(U, 'hello');
  await ctl.waitForEvent((e) => e.type === 'app_state' && e.app.listening === true);
});

test('two user_start for one wearer while the app starts: one starts it, the other is already_started', async () => {
  await setup();
  const port = await freePort();
  dev.setApp({ port, running: true, listening: false });
  const both = [ctl.request({ type: 'user_start', user_id: U }), ctl.request({ type: 'user_start', user_id: U })];
  await ctl.waitForEvent((e) => e.type === 'app_state' && e.app.listening === false);
  const app = new Hello(appConfig({ port, trustedCloudHosts: ['127.0.0.1'] }));
  await app.start();
  cleanups.push(() => app.stop());
  dev.setApp({ port, running: true });
  const answers = await Promise.all(both);
  expect(answers.map((a) => (a.success ? 'ok' : a.error!.code)).sort()).toEqual(['already_started', 'ok']);
});

test('user_start waiting for the app fails naming its exit code and last output when it exits', async () => {
  await setup();
  dev.setApp({ port: await freePort(), running: true, listening: false });
  const started = ctl.userStart(U);
  await ctl.waitForEvent((e) => e.type === 'app_state' && e.app.running);
  dev.setApp({ running: false, exit_code: 1, error: 'app.ts:3\nSyntaxError: Unexpected token' });
  await expect(started).rejects.toMatchObject({ code: 'app_not_running', message: expect.stringMatching(/exit code 1.*SyntaxError: Unexpected token/) });
  expect(ctl.app).toMatchObject({ running: false, listening: false, exit_code: 1, error: expect.stringContaining('SyntaxError') });
  // And at once, now that it is known to have exited.
  await expect(ctl.userStart(U)).rejects.toMatchObject({ code: 'app_not_running', message: expect.stringContaining('exit code 1') });
});

test('user_start waiting for the app gives up after the bound, saying how long it waited', async () => {
  await setup({ listenTimeoutMs: 300 });
  dev.setApp({ port: await freePort(), running: true, listening: false });
  await expect(ctl.userStart(U)).rejects.toMatchObject({ code: 'app_not_running', message: expect.stringContaining('did not listen within 300 ms') });
});

test('closing the local cloud sends the stop webhook to a wearer still starting, not only to ready ones', async () => {
  await setup({ startTimeoutMs: 60_000 });
  const hooks: any[] = [];
  const app = express();
  app.use(express.json());
  // Answers the session webhook but never connects: the wearer stays `starting`.
  app.post('/webhook', (req, res) => {
    hooks.push(req.body);
    res.json({ status: 'success' });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  cleanups.push(() => new Promise((r) => server.close(r)));
  dev.setApp({ port: (server.address() as { port: number }).port, running: true });
  const starting = ctl.userStart(U).catch((e) => e);
  await eventually(() => ctl.users.get(U)?.state === 'starting' && hooks.length === 1, 5000, 'the wearer to be starting');
  await dev.close();
  expect(hooks.map((h) => h.type)).toEqual(['session_request', 'stop_request']);
  expect(hooks[1]).toMatchObject({ userId: U, reason: 'user_disabled' });
  expect(await starting).toMatchObject({ code: 'app_error' });
});

test('closing the local cloud sends the stop webhook to a reconnecting wearer too', async () => {
  // An app that does not reconnect: the wearer stays `reconnecting` after its socket drops.
  const rig = await startRig({ app: new Hello(appConfig({ trustedCloudHosts: ['127.0.0.1'], reconnect: { budgetMs: 0 } })) });
  const c = await rig.connect();
  try {
    const started = await c.userStart(U);
    rig.dev.cloud.users.get(started.session_id!)!.dropConnection();
    await c.waitFor(() => (c.users.get(U)?.state === 'reconnecting' ? true : undefined), 10_000, 'reconnecting');
    const stops = () => c.events.filter((e) => e.type === 'wire' && e.direction === 'webhook' && (e.message as any)?.type === 'stop_request');
    expect(stops()).toHaveLength(0);
    await rig.dev.close();
    expect(stops()).toHaveLength(1);
  } finally {
    await rig.close();
  }
});
