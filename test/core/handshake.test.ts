import { createTestCloud } from '../../src/testing';
import { AppServer, type AppSession } from '../../src';
import { API_KEY, EchoApp, appConfig, captureLogger, cloudPerTest, eventually, sleep } from '../helpers/apps';

describe('handshake', () => {
  const t = cloudPerTest();

  test('sends tpa_connection_init with the session, package and key, and answers the webhook 200 after the ack', async () => {
    const app = await t.start(new EchoApp(appConfig()));
    const user = await t.cloud.startSession({ app, userId: 'alice@example.com' });
    expect(user.webhookResponse).toEqual({ status: 200, body: { status: 'success' } });
    const init = user.wire.find((r) => r.msg.type === 'tpa_connection_init')!.msg;
    expect(init).toMatchObject({ type: 'tpa_connection_init', sessionId: 'alice@example.com-com.example.app', packageName: 'com.example.app' });
    expect(typeof init.timestamp).toBe('string');
    expect(user.connections).toBe(1);
    await eventually(() => app.seen.sessions.length === 1, 20_000, 'onSession');
  });

  test('the webhook is answered while a slow onSession is still running', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let finished = false;
    class Slow extends AppServer {
      protected override async onSession(): Promise<void> {
        await gate;
        finished = true;
      }
    }
    const app = await t.start(new Slow(appConfig()));
    const user = await t.cloud.startSession({ app });
    expect(user.webhookResponse?.status).toBe(200);
    expect(finished).toBe(false); // answered while onSession waits for release(): no clock needed
    release();
    await eventually(() => finished, 20_000, 'slow onSession');
  });

  test('a tpa_connection_error fails the handshake at once: 502 with the cloud code, nothing left open, no onSession', async () => {
    const app = await t.start(new EchoApp(appConfig()));
    const user = await t.cloud.startSession({ app, refuseWith: { code: 'INVALID_API_KEY', message: 'bad key' }, allowFailure: true });
    // At once rather than after the 5 s handshake timeout: the answer carries the cloud's code, not handshake_timeout.
    expect(user.webhookResponse!.status).toBe(502);
    expect(user.webhookResponse!.body).toMatchObject({ status: 'error', code: 'INVALID_API_KEY' });
    expect(user.webhookResponse!.body.message).toContain('INVALID_API_KEY');
    await eventually(() => t.cloud.openConnections === 0, 20_000, 'socket closed');
    await sleep(50);
    expect(app.seen.sessions).toHaveLength(0);
    expect(app.seen.stops).toHaveLength(0);
    const health = (await (await fetch(`http://127.0.0.1:${app.getPort()}/health`)).json()) as any;
    expect(health).toEqual({ status: 'healthy', app: 'com.example.app', activeSessions: 0 });
  });

  test('a cloud checking API keys refuses a wrong key with INVALID_API_KEY', async () => {
    const strict = await createTestCloud({ apiKeys: { 'com.example.app': 'the-right-key-123' } });
    try {
      const app = await t.start(new EchoApp(appConfig()));
      const user = await strict.startSession({ app, allowFailure: true });
      expect(user.webhookResponse!.status).toBe(502);
      expect(user.webhookResponse!.body.code).toBe('INVALID_API_KEY');
    } finally {
      await strict.close();
    }
  });

  test('a cloud that never acks gets 504 after the handshake timeout and the socket is closed', async () => {
    const { WebSocketServer } = await import('ws');
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => silent.once('listening', r));
    let closed = false;
    silent.on('connection', (ws) => ws.on('close', () => (closed = true)));
    const app = await t.start(new EchoApp(appConfig({ handshakeTimeoutMs: 300 })));
    const port = (silent.address() as { port: number }).port;
    const res = await fetch(`http://127.0.0.1:${app.getPort()}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'session_request', sessionId: 's1', userId: 'u1', mentraOSWebsocketUrl: `ws://127.0.0.1:${port}/app-ws` }),
    });
    expect(res.status).toBe(504);
    expect(((await res.json()) as any).code).toBe('HANDSHAKE_TIMEOUT');
    await eventually(() => closed, 20_000, 'socket closed by the app');
    await new Promise((r) => silent.close(r));
  });

  test('onSession errors go to the error handler, not into the webhook answer', async () => {
    const errors: Array<{ message: string; phase: string }> = [];
    class Throws extends AppServer {
      protected override async onSession(): Promise<void> {
        throw new Error('boom in onSession');
      }
    }
    const app = await t.start(new Throws(appConfig({ onError: (e, ctx) => errors.push({ message: e.message, phase: ctx.phase }) })));
    const user = await t.cloud.startSession({ app });
    expect(user.webhookResponse!.status).toBe(200);
    await eventually(() => errors.length === 1, 20_000, 'error reported');
    expect(errors[0]).toEqual({ message: 'boom in onSession', phase: 'onSession' });
  });

  test('the API key never appears in any log line, even at debug level', async () => {
    const logger = captureLogger();
    const app = await t.start(new EchoApp(appConfig({ logger })));
    const user = await t.cloud.startSession({ app });
    await user.transcribe('hello');
    await user.waitForDisplay('echo: hello');
    await user.sendRaw('not json');
    await t.cloud.startSession({ app, userId: 'bob@example.com', refuseWith: { code: 'INVALID_API_KEY' }, allowFailure: true });
    await user.stop();
    await sleep(50);
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const line of logger.lines) expect(line.text).not.toContain(API_KEY);
    // and the recorded wire never keeps it either
    expect(JSON.stringify(user.wire)).not.toContain(API_KEY);
  });

  test('the session passed to onSession has the session id, package name and user', async () => {
    let seen: AppSession | undefined;
    class Probe extends AppServer {
      protected override async onSession(session: AppSession): Promise<void> {
        seen = session;
      }
    }
    const app = await t.start(new Probe(appConfig()));
    await t.cloud.startSession({ app, userId: 'carol@example.com' });
    await eventually(() => !!seen, 20_000, 'onSession');
    expect(seen!.getSessionId()).toBe('carol@example.com-com.example.app');
    expect(seen!.getPackageName()).toBe('com.example.app');
    expect(seen!.userId).toBe('carol@example.com');
    expect(seen!.state).toBe('ready');
    expect(seen!.getServerUrl()).toBe(t.cloud.url);
  });
});
