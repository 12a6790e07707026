/**
 * Shutdown: `stop()` and the opt-in `handleSignals` close every session with 1000, run the cleanup
 * handlers, close the HTTP server and resolve; the process then ends on its own (the library never calls
 * `process.exit`), and without `handleSignals` the library installs no signal handler at all.
 */
import { createTestCloud, launchApp, type LaunchedApp, type TestCloud } from '../../src/testing';
import { AppServer, type AppSession } from '../../src';
import { appConfig, eventually, sleep } from '../helpers/apps';
import { checkLogLine } from '../helpers/secrets';

let cloud: TestCloud;
let child: LaunchedApp | undefined;
beforeEach(async () => {
  cloud = await createTestCloud();
});
afterEach(async () => {
  if (child) {
    for (const line of child.output) checkLogLine(line, 'launched app');
    await child.stop();
  }
  child = undefined;
  await cloud.close();
});

const exitOf = (app: LaunchedApp) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (app.child.exitCode !== null || app.child.signalCode !== null) resolve({ code: app.child.exitCode, signal: app.child.signalCode });
    else app.child.once('exit', (code, signal) => resolve({ code, signal }));
  });

test.each(['SIGTERM', 'SIGINT'] as const)(
  'with handleSignals, %s closes every session with 1000, runs onStop and cleanup, and the process exits 0 on its own',
  async (signal) => {
    child = await launchApp('test/fixtures/signal-app.ts', { env: { HANDLE_SIGNALS: '1' } });
    const users = await Promise.all(['a@example.com', 'b@example.com'].map((userId) => cloud.startSession({ app: { port: child!.port }, userId })));
    await Promise.all(users.map((u) => u.waitForDisplay('ready for signals')));
    child.child.kill(signal);
    const exit = await exitOf(child);
    expect(exit).toEqual({ code: 0, signal: null });
    await eventually(() => users.every((u) => !u.connected));
    expect(users.map((u) => u.lastCloseCode)).toEqual([1000, 1000]);
    const out = child.output;
    expect(out.filter((l) => l.startsWith('onStop')).sort()).toEqual(['onStop a@example.com server_shutdown', 'onStop b@example.com server_shutdown']);
    expect(out.indexOf('cleanup handler ran')).toBeGreaterThan(Math.max(...out.map((l, i) => (l.startsWith('onStop') ? i : -1))));
    expect(out[out.length - 1]).toBe('exiting with 0');
  },
  60_000,
);

test('without handleSignals the library installs no signal handler: SIGTERM ends the process the default way', async () => {
  child = await launchApp('test/fixtures/signal-app.ts', { env: { HANDLE_SIGNALS: '0' } });
  const user = await cloud.startSession({ app: { port: child.port } });
  await user.waitForDisplay('ready for signals');
  child.child.kill('SIGTERM');
  expect(await exitOf(child)).toEqual({ code: null, signal: 'SIGTERM' });
  expect(child.output.some((l) => l.startsWith('onStop'))).toBe(false);
}, 60_000);

test('stop() also ends sessions that are reconnecting or still handshaking, refuses new ones meanwhile, and nothing reconnects afterwards', async () => {
  const stops: string[] = [];
  class App extends AppServer {
    protected override async onSession(session: AppSession): Promise<void> {
      session.layouts.showTextWall('up');
    }
    protected override async onStop(_s: string, userId: string, reason: string): Promise<void> {
      stops.push(`${userId} ${reason}`);
      await sleep(200);
    }
  }
  const slow = await createTestCloud({ ackDelayMs: 300 });
  // The reconnect's wait is drawn from [0, 30 s) (full jitter): almost always long enough to still be waiting
  // when stop() comes, but never certainly, so the check below counts connections from the moment stop() starts.
  const app = new App(appConfig({ reconnect: { baseDelayMs: 30_000, maxDelayMs: 30_000 } }));
  await app.start();
  try {
    const dropped = await cloud.startSession({ app, userId: 'dropped@example.com' });
    const live = await cloud.startSession({ app, userId: 'live@example.com' });
    await dropped.waitForDisplay('up');
    dropped.dropConnection();
    const handshaking = slow.startSession({ app, userId: 'late@example.com', allowFailure: true });
    await eventually(() => slow.handshakesInFlight === 1);
    const connectionsAtStop = dropped.connections;
    const stopping = app.stop();
    await eventually(() => stops.length === 2);
    // a webhook arriving while onStop handlers run is refused, and connects nowhere
    const during = await cloud.startSession({ app, userId: 'during@example.com', allowFailure: true });
    expect(during.webhookResponse).toEqual({ status: 503, body: { status: 'error', message: 'The app server is shutting down', code: 'SHUTTING_DOWN' } });
    // a stop webhook is still answered while the server stops (the session is ending anyway)
    expect((await cloud.postWebhook(live, { type: 'stop_request', sessionId: live.sessionId, userId: live.userId })).status).toBe(200);
    await stopping;
    expect(stops.sort()).toEqual(['dropped@example.com server_shutdown', 'live@example.com server_shutdown']);
    expect((await handshaking).webhookResponse).toMatchObject({ status: 409, body: { status: 'error', code: 'SESSION_CLOSED' } });
    expect(live.lastCloseCode).toBe(1000);
    await sleep(300);
    expect(dropped.connections).toBe(connectionsAtStop);
    expect(cloud.openConnections + slow.openConnections).toBe(0);
  } finally {
    await app.stop();
    await slow.close();
  }
});
