/**
 * docs/failure-contract.md, one test per row, modern facade (the legacy rows are in
 * test/compat/failure-contract.test.ts). Where @mentra/sdk 2.1.29 resolved with an empty answer or only
 * logged, ours resolves the same way and reports the SdkError to onError; where it rejected, ours rejects
 * with an SdkError. All against the test cloud over 127.0.0.1.
 */
import { createServer } from 'node:net';
import { AppServer, type AppSession, type ErrorContext, isSdkError, type SdkError } from '../../../src';
import { createTestCloud, type TestCloud } from '../../../src/testing';
import { API_KEY, appConfig, eventually } from '../../helpers/apps';
import { harness, sdkRejection, startSession } from '../../helpers/modules';

const PKG = 'com.example.app';

interface Reported {
  error: Error;
  context: ErrorContext;
}

/** Starts a session whose server records what reaches onError. */
async function started(h: ReturnType<typeof harness>) {
  const reported: Reported[] = [];
  const s = await h.start({ onError: (error, context) => reported.push({ error, context }) });
  return { ...s, reported };
}

const codes = (r: Reported[]) => r.map((x) => (x.error as SdkError).code);

describe('failure contract: session modules', () => {
  const h = harness({ apiKeys: { [PKG]: API_KEY } });

  test('simpleStorage.get, called without try/catch while the cloud answers 404: resolves undefined, reported, no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      await h.useCloud({ apiKeys: { [PKG]: API_KEY } });
      h.cloud.rest.failNext({ method: 'GET', path: '/api/sdk/simple-storage/', status: 404 });
      const { session, reported } = await started(h);
      const value = await session.simpleStorage.get('theme');
      expect(value).toBeUndefined();
      expect(codes(reported)).toEqual(['storage_unavailable']);
      expect(reported[0]!.context).toMatchObject({ phase: 'handler', userId: session.userId });
      await new Promise((r) => setImmediate(r));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  test('simpleStorage.keys / size / hasKey / getAllData on a failed load: [] / 0 / false / {}, each reported', async () => {
    await h.useCloud({ apiKeys: { [PKG]: API_KEY } });
    h.cloud.rest.failNext({ method: 'GET', status: 500, times: 4 });
    const { session, reported } = await started(h);
    expect(await session.simpleStorage.keys()).toEqual([]);
    expect(await session.simpleStorage.size()).toBe(0);
    expect(await session.simpleStorage.hasKey('k')).toBe(false);
    expect(await session.simpleStorage.getAllData()).toEqual({});
    expect(codes(reported)).toEqual(['storage_unavailable', 'storage_unavailable', 'storage_unavailable', 'storage_unavailable']);
  });

  test('simpleStorage.set / setMultiple with a value over 100 000 characters: reject with invalid_argument', async () => {
    const { session } = await started(h);
    await sdkRejection(session.simpleStorage.set('big', 'x'.repeat(100_001)), 'invalid_argument');
    await sdkRejection(session.simpleStorage.setMultiple({ big: 'x'.repeat(100_001) }), 'invalid_argument');
  });

  test('simpleStorage.delete / clear refused by the cloud: resolve false, reported', async () => {
    await h.useCloud({ apiKeys: { [PKG]: API_KEY } });
    h.cloud.rest.failNext({ method: 'DELETE', status: 500, times: 2 });
    const { session, reported } = await started(h);
    expect(await session.simpleStorage.delete('k')).toBe(false);
    expect(await session.simpleStorage.clear()).toBe(false);
    expect(codes(reported)).toEqual(['storage_write_failed', 'storage_write_failed']);
  });

  test('simpleStorage.flush refused by the cloud: rejects; a failed background save is reported and retried', async () => {
    await h.useCloud({ apiKeys: { [PKG]: API_KEY } });
    const { session, reported } = await started(h);
    await session.simpleStorage.set('a', '1');
    h.cloud.rest.failNext({ method: 'PUT', status: 503 });
    await sdkRejection(session.simpleStorage.flush(), 'storage_write_failed');
    h.cloud.rest.failNext({ method: 'PUT', status: 503 });
    await session.simpleStorage.set('b', '2'); // saved by the timer (3 s idle): first attempt fails
    await eventually(() => reported.length > 0, 20_000, 'the background save failure');
    expect(codes(reported)).toEqual(['storage_write_failed']);
    await eventually(() => h.cloud.rest.storage(PKG, session.userId).b === '2', 20_000, 'the retry');
  });

  test('camera.requestPhoto without an answer: rejects with request_timeout', async () => {
    const { session } = await started(h);
    await sdkRejection(session.camera.requestPhoto({ timeoutMs: 100 }), 'request_timeout');
  });

  test('camera.startStream without rtmpUrl or while streaming: rejects (invalid_argument, already_streaming); stopStream when idle resolves', async () => {
    const { session } = await started(h);
    await sdkRejection(session.camera.startStream({} as never), 'invalid_argument');
    await session.camera.startStream({ rtmpUrl: 'rtmp://example.com/live' });
    await sdkRejection(session.camera.startStream({ rtmpUrl: 'rtmp://example.com/live' }), 'already_streaming');
    await session.camera.stopStream();
    await expect(session.camera.stopStream()).resolves.toBeUndefined();
  });

  test('camera.startManagedStream without an answer: rejects with request_timeout', async () => {
    const { session } = await started(h);
    await sdkRejection(session.camera.startManagedStream({ timeoutMs: 100 }), 'request_timeout');
  });

  test('camera.checkExistingStream without an answer: resolves { hasActiveStream: false }', async () => {
    const { session } = await started(h);
    await expect(session.camera.checkExistingStream({ timeoutMs: 100 })).resolves.toEqual({ hasActiveStream: false });
  });

  test('audio.playAudio / speak without an answer: reject with request_timeout; fire-and-forget resolves { success: true }', async () => {
    const { session } = await started(h);
    await sdkRejection(session.audio.playAudio({ audioUrl: 'https://example.com/a.mp3', timeoutMs: 100 }), 'request_timeout');
    await sdkRejection(session.audio.speak('hello', { timeoutMs: 100 }), 'request_timeout');
    await expect(session.audio.playAudio({ audioUrl: 'https://example.com/a.mp3', stopOtherAudio: false })).resolves.toEqual({ success: true });
  });

  test('location.getLatestLocation without an answer: rejects with request_timeout', async () => {
    const { session } = await started(h);
    await sdkRejection(session.location.getLatestLocation({ accuracy: 'high', timeoutMs: 100 }), 'request_timeout');
  });

  test('layouts.showBitmapView with a missing bitmap: rejects with invalid_argument, does not throw', async () => {
    const { session } = await started(h);
    let shown: Promise<void> | undefined;
    expect(() => {
      shown = session.layouts.showBitmapView(undefined as never);
    }).not.toThrow();
    await expect(shown).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  test('led.turnOn / turnOff / blink / solid after the session ended: reject with session_closed', async () => {
    const { user, session } = await started(h);
    await user.stop();
    for (const p of [session.led.turnOn({}), session.led.turnOff(), session.led.blink('red', 100, 100, 1), session.led.solid('green', 100)]) {
      await sdkRejection(p, 'session_closed');
    }
  });

  test('settings.fetch when the cloud fails: rejects with an SdkError', async () => {
    const cloud = await createTestCloud();
    const { app, session } = await startSession(cloud);
    try {
      await cloud.close();
      const err = await session.settings.fetch().catch((e) => e);
      expect(isSdkError(err)).toBe(true);
    } finally {
      await app.stop();
    }
  });

  test('discoverAppUsers when the cloud fails: rejects; getUserCount / isUserActive resolve 0 / false, reported', async () => {
    const cloud = await createTestCloud();
    const reported: Reported[] = [];
    const { app, session } = await startSession(cloud, { onError: (error, context) => reported.push({ error, context }) });
    try {
      await cloud.close();
      expect(isSdkError(await session.discoverAppUsers().catch((e) => e), 'cloud_request_failed')).toBe(true);
      expect(await session.getUserCount()).toBe(0);
      expect(await session.isUserActive('bob@example.com')).toBe(false);
      expect(codes(reported).filter((c) => c === 'cloud_request_failed')).toHaveLength(2);
    } finally {
      await app.stop();
    }
  });

  test('getInstructions when the cloud fails: resolves null, reported', async () => {
    const cloud = await createTestCloud();
    const reported: Reported[] = [];
    const { app, session } = await startSession(cloud, { onError: (error, context) => reported.push({ error, context }) });
    try {
      await cloud.close();
      expect(await session.getInstructions()).toBeNull();
      expect(reported.map((r) => isSdkError(r.error))).toEqual([true]);
    } finally {
      await app.stop();
    }
  });

  test('sendDirectMessage: resolves with whether the cloud delivered it; after the end, rejects at once with session_closed', async () => {
    const { user, session } = await started(h);
    await expect(session.sendDirectMessage('bob@example.com', { hi: 1 })).resolves.toBe(false);
    await user.stop();
    await sdkRejection(session.sendDirectMessage('bob@example.com', { hi: 2 }, { timeoutMs: 60_000 }), 'session_closed');
  });

  test('broadcastToAppUsers / joinAppRoom / leaveAppRoom after the session ended: reject with session_closed', async () => {
    const { user, session } = await started(h);
    await user.stop();
    await sdkRejection(session.broadcastToAppUsers({ hi: 1 }), 'session_closed');
    await sdkRejection(session.joinAppRoom('room-1'), 'session_closed');
    await sdkRejection(session.leaveAppRoom('room-1'), 'session_closed');
  });
});

describe('failure contract: AppServer callbacks and lifecycle', () => {
  let cloud: TestCloud;
  const apps: AppServer[] = [];
  beforeEach(async () => {
    cloud = await createTestCloud();
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.stop()));
    await cloud.close();
  });

  class Faulty extends AppServer {
    readonly reported: Reported[] = [];
    sessions: AppSession[] = [];
    constructor(private readonly fault: 'onSession' | 'onStop' | 'onToolCall' | 'handler') {
      super(appConfig({ onError: (error, context) => (this as Faulty).reported.push({ error, context }) }));
      apps.push(this);
    }
    protected override async onSession(session: AppSession): Promise<void> {
      this.sessions.push(session);
      session.events.onTranscription(() => {
        if (this.fault === 'handler') throw new Error('handler broke');
      });
      session.events.onTranscription((d) => session.layouts.showTextWall(`still here: ${d.text}`));
      if (this.fault === 'onSession') throw new Error('onSession broke');
    }
    protected override async onStop(): Promise<void> {
      if (this.fault === 'onStop') throw new Error('onStop broke');
    }
    protected override async onToolCall(): Promise<string | undefined> {
      if (this.fault === 'onToolCall') throw new Error('onToolCall broke');
      return undefined;
    }
  }

  test('a throwing event handler: reported (phase handler), the other handlers still run', async () => {
    const app = new Faulty('handler');
    await app.start();
    const user = await cloud.startSession({ app, packageName: PKG });
    await user.transcribe('one');
    await user.waitForDisplay('still here: one');
    expect(app.reported.map((r) => [r.error.message, r.context.phase])).toEqual([['handler broke', 'handler']]);
  });

  test('a throwing onSession: reported (phase onSession); the session keeps running', async () => {
    const app = new Faulty('onSession');
    await app.start();
    const user = await cloud.startSession({ app, packageName: PKG });
    await eventually(() => app.reported.length === 1, 10_000, 'the onSession report');
    expect(app.reported[0]!.context.phase).toBe('onSession');
    await user.transcribe('two');
    await user.waitForDisplay('still here: two');
  });

  test('a throwing onStop: reported (phase onStop) once', async () => {
    const app = new Faulty('onStop');
    await app.start();
    const user = await cloud.startSession({ app, packageName: PKG });
    await user.stop();
    await eventually(() => app.reported.length === 1, 10_000, 'the onStop report');
    expect(app.reported.map((r) => r.context.phase)).toEqual(['onStop']);
  });

  test('a throwing onToolCall: the /tool call is answered 500 with JSON, and the error is reported', async () => {
    const app = new Faulty('onToolCall');
    await app.start();
    const user = await cloud.startSession({ app, packageName: PKG });
    const answer = await user.callTool('t1');
    expect(answer.status).toBe(500);
    expect(typeof answer.body).toBe('object');
    expect(app.reported.map((r) => r.context.phase)).toEqual(['onToolCall']);
  });

  test('start() on a port in use: rejects with port_in_use (the published SDK crashed); stop() resolves', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const app = new AppServer(appConfig({ port, host: '127.0.0.1' }));
      await sdkRejection(app.start(), 'port_in_use');
      await expect(app.stop()).resolves.toBeUndefined();
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});
