import { createTestCloud, type TestCloud } from '../../src/testing';
import { AppServer, type AppSession } from '../../src';
import { EchoApp, appConfig, started, eventually, sleep } from '../helpers/apps';

describe('session lifecycle', () => {
  let cloud: TestCloud;
  const apps: AppServer[] = [];
  beforeEach(async () => {
    cloud = await createTestCloud();
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.stop()));
    await cloud.close();
  });

  test('stop_request: onStop runs once with the reason and the socket is closed with 1000', async () => {
    const app = await started(new EchoApp(appConfig()));
    apps.push(app);
    const user = await cloud.startSession({ app });
    const answer = await user.stop('user_disabled');
    expect(answer).toEqual({ status: 200, body: { status: 'success' } });
    expect(user.lastCloseCode).toBe(1000);
    expect(app.seen.stops).toEqual([{ sessionId: user.sessionId, userId: user.userId, reason: 'user_disabled' }]);
    expect(app.seen.sessions[0].state).toBe('closed');
    expect(app.seen.sessions[0].signal.aborted).toBe(true);
    // a second stop for the same session does not call onStop again
    const again = await cloud.postWebhook(user, { type: 'stop_request', sessionId: user.sessionId, userId: user.userId, reason: 'user_disabled' });
    expect(again.status).toBe(200);
    await sleep(20);
    expect(app.seen.stops).toHaveLength(1);
  });

  test('a second session_request for a live sessionId replaces it: old closed, onStop once with "replaced", before the new onSession', async () => {
    const order: string[] = [];
    class App extends EchoApp {
      protected override async onSession(session: AppSession): Promise<void> {
        order.push(`start:${this.seen.sessions.length}`);
        await super.onSession(session);
      }
      protected override async onStop(sessionId: string, userId: string, reason: string): Promise<void> {
        await sleep(30);
        order.push(`stop:${reason}`);
        await super.onStop(sessionId, userId, reason);
      }
    }
    const app = await started(new App(appConfig()));
    apps.push(app);
    const first = await cloud.startSession({ app });
    await eventually(() => app.seen.sessions.length === 1);
    const second = await cloud.startSession({ app });
    await eventually(() => app.seen.sessions.length === 2);
    expect(first.connected).toBe(false);
    expect(second.connected).toBe(true);
    expect(app.seen.stops).toEqual([{ sessionId: first.sessionId, userId: first.userId, reason: 'replaced' }]);
    expect(order).toEqual(['start:0', 'stop:replaced', 'start:1']);
    expect(app.seen.sessions[0].state).toBe('closed');
    await second.transcribe('new one');
    await second.waitForDisplay('echo: new one');
    const health = (await (await fetch(`http://127.0.0.1:${app.getPort()}/health`)).json()) as any;
    expect(health.activeSessions).toBe(1);
  });

  test('an abnormal drop reconnects without onStop, and display updates sent during the outage arrive after', async () => {
    let session!: AppSession;
    class App extends AppServer {
      protected override async onSession(s: AppSession): Promise<void> {
        session = s;
      }
      protected override async onStop(): Promise<void> {
        throw new Error('onStop must not run for a transient drop');
      }
    }
    const app = await started(new App(appConfig({ reconnect: { baseDelayMs: 200 } })));
    apps.push(app);
    const user = await cloud.startSession({ app });
    await eventually(() => !!session);
    // The layouts go out from the disconnect event itself, so they are sent during the outage however fast
    // the reconnect is (polling for the reconnecting state raced reconnects that came back within a poll).
    const noticed = new Promise<boolean>((resolve) =>
      session.events.onDisconnected((info) => {
        session.layouts.showTextWall('queued one');
        session.layouts.showTextWall('queued two');
        session.layouts.showReferenceCard('Card', 'on dashboard', { view: 'dashboard' });
        resolve(info.willReconnect);
      }),
    );
    user.dropConnection();
    expect(await noticed).toBe(true);
    await user.waitForConnections(2);
    await user.waitForDisplay('queued two');
    await user.waitForDisplay('Card');
    // layouts for the same view coalesce: the wearer sees the latest
    expect(user.displays.map((d) => (d.layout as { text?: string }).text)).not.toContain('queued one');
    expect(session.state).toBe('ready');
  });

  test('close 1008 is terminal: onStop once with connection_error, no reconnect loop', async () => {
    const app = await started(new EchoApp(appConfig()));
    apps.push(app);
    const user = await cloud.startSession({ app });
    user.closeConnection(1008, 'policy');
    await eventually(() => app.seen.stops.length === 1);
    await sleep(300);
    expect(app.seen.stops[0].reason).toBe('connection_error');
    expect(user.connections).toBe(1);
  });

  test('a reconnect that cannot succeed within the budget ends the session once with transport_lost', async () => {
    const app = await started(new EchoApp(appConfig({ reconnect: { budgetMs: 600, baseDelayMs: 50, maxDelayMs: 100 } })));
    apps.push(app);
    const user = await cloud.startSession({ app });
    await cloud.close();
    await eventually(() => app.seen.stops.length === 1, 30_000, 'onStop after budget');
    expect(app.seen.stops[0].reason).toBe('transport_lost');
    expect(user.connected).toBe(false);
    cloud = await createTestCloud();
  });

  test('stop() ends every session with server_shutdown, runs cleanup handlers, closes HTTP and resolves', async () => {
    let cleaned = 0;
    class App extends EchoApp {
      constructor() {
        super(appConfig());
        this.addCleanupHandler(() => void cleaned++);
      }
    }
    const app = await started(new App());
    const a = await cloud.startSession({ app, userId: 'a@x.com' });
    const b = await cloud.startSession({ app, userId: 'b@x.com' });
    const port = app.getPort();
    await app.stop();
    expect(app.seen.stops.map((s) => s.reason)).toEqual(['server_shutdown', 'server_shutdown']);
    expect(cleaned).toBe(1);
    await eventually(() => !a.connected && !b.connected);
    expect(a.lastCloseCode).toBe(1000);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    await app.stop(); // idempotent
  });

  test('start() rejects with port_in_use when the port is taken', async () => {
    const first = await started(new EchoApp(appConfig()));
    apps.push(first);
    const second = new EchoApp(appConfig({ port: first.getPort() }));
    await expect(second.start()).rejects.toMatchObject({ name: 'SdkError', code: 'port_in_use' });
  });
});
