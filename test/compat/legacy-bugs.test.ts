/**
 * The AugmentOS SDK's pitfalls (legacy-sdk reference §6), fixed rather than copied: one regression test per
 * pitfall, named after it, driven through the legacy facade against the test t.cloud.
 */
import net from 'node:net';
import type { SimulatedUser } from '../../src/testing';
import { ViewType, isSdkError } from '../../src';
import { TpaServer, type TpaSession } from '../../compat';
import { captureLogger, eventually, sleep, cloudPerTest } from '../helpers/apps';
import { legacyConfig, startedLegacy } from './helpers';

class Probe extends TpaServer {
  readonly sessions: TpaSession[] = [];
  readonly stops: string[] = [];
  readonly errors: string[] = [];
  constructor(
    private readonly setup: (s: TpaSession) => unknown = () => {},
    extra = {},
  ) {
    super(legacyConfig({ onError: (e) => void this.errors.push(e.message), ...extra }));
  }
  protected override async onSession(session: TpaSession): Promise<void> {
    this.sessions.push(session);
    await this.setup(session);
  }
  protected override async onStop(_sessionId: string, _userId: string, reason: string): Promise<void> {
    this.stops.push(reason);
  }
}

describe('legacy pitfalls (§6), fixed', () => {
  const t = cloudPerTest({ dialect: 'augmentos' });
  async function run(setup: (s: TpaSession) => unknown, extra = {}, userId?: string): Promise<[Probe, SimulatedUser]> {
    const app = await t.start(new Probe(setup, extra));
    const user = await t.cloud.startSession({ app, userId });
    await eventually(() => app.sessions.length === 1, 3000, 'onSession');
    return [app, user];
  }
  const post = (port: number, body: unknown) =>
    fetch(`http://127.0.0.1:${port}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('§6.2 a webhook without a WebSocket URL gets 400 naming the fields, not 500 "Failed to connect"', async () => {
    const app = await t.start(new Probe());
    const res = await post(app.getPort(), { type: 'session_request', sessionId: 'u-com.example.app', userId: 'u', timestamp: new Date().toISOString() });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('augmentOSWebsocketUrl');
  });

  test('§6.3 the webhook is answered before a slow onSession ends; a throwing onSession is reported, not a 500', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const [slow, user] = await run(() => gate);
    expect(user.webhookResponse?.status).toBe(200);
    release();
    const [thrower, user2] = await run(
      () => {
        throw new Error('boom in onSession');
      },
      {},
      'other@example.com',
    );
    expect(user2.webhookResponse?.status).toBe(200);
    await eventually(() => thrower.errors.includes('boom in onSession'));
    expect(user2.connected).toBe(true);
    void slow;
  });

  test('§6.4 a second session_request for a live session replaces it: the old socket closes and onStop runs once', async () => {
    const [app, user] = await run(() => {});
    const again = await t.cloud.startSession({ app, userId: user.userId });
    await eventually(() => app.stops.length === 1 && app.sessions.length === 2);
    expect(app.stops).toEqual(['replaced']);
    expect(again.connected).toBe(true);
    expect(t.cloud.openConnections).toBe(1);
  });

  test('§6.5 a transient disconnect keeps the session tracked: /health counts it and it reconnects', async () => {
    const [app, user] = await run(() => {});
    user.dropConnection();
    const health = (await (await fetch(`http://127.0.0.1:${app.getPort()}/health`)).json()) as { activeSessions: number };
    expect(health.activeSessions).toBe(1);
    await user.waitForConnections(2);
    expect(app.stops).toEqual([]);
  });

  test('§6.6 onStop runs exactly once when the cloud ends the session (app_stopped, then 1000 "User session ended")', async () => {
    const [app, user] = await run(() => {});
    await user.sendMessage({ type: 'app_stopped', timestamp: new Date().toISOString() });
    user.closeConnection(1000, 'User session ended');
    await eventually(() => app.stops.length === 1);
    await sleep(100);
    expect(app.stops).toEqual(['cloud_closed']);
  });

  test("§6.7 a tpa_connection_error fails the start at once with the cloud's code, not after a 5 s timeout", async () => {
    const app = await t.start(new Probe());
    const t0 = Date.now();
    const user = await t.cloud.startSession({ app, refuseWith: { code: 'APP_NOT_STARTED' }, allowFailure: true });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(user.webhookResponse).toMatchObject({ status: 502, body: { code: 'APP_NOT_STARTED' } });
  });

  test('§6.8 session.disconnect() closes with code 1000 (not 1005) and runs onStop once', async () => {
    const [app, user] = await run(() => {});
    await app.sessions[0].disconnect();
    await eventually(() => user.lastCloseCode !== undefined && app.stops.length === 1);
    expect(user.lastCloseCode).toBe(1000);
    expect(app.stops).toEqual(['app_disconnect']);
  });

  test('§6.9 requestPhoto resolves with the photo (the legacy promise keyed a request id it never sent)', async () => {
    const [app, user] = await run(() => {});
    const pending = app.sessions[0].requestPhoto();
    const request = await user.waitForMessage((m) => m.type === 'photo_request');
    expect(typeof request.requestId).toBe('string');
    await user.answerPhoto('some-other-request', { photoUrl: 'https://photos.example.com/wrong.jpg' });
    await user.answerPhoto(request.requestId, { photoUrl: 'https://photos.example.com/mine.jpg' });
    await expect(pending).resolves.toBe('https://photos.example.com/mine.jpg');
    expect(app.errors).toEqual([]);
  });

  test('§6.10 settings_update does not overwrite the AugmentOS system settings with the settings array', async () => {
    const [app, user] = await run(() => {});
    const removed: string[] = [];
    app.sessions[0].settings.onAugmentOSChange('brightness', (v) => void removed.push(String(v)));
    await user.updateSettings([{ key: 'a', value: 1 }]);
    await sleep(50);
    expect(app.sessions[0].settings.getAugmentOS('brightness')).toBe(50);
    expect(app.sessions[0].settings.getAugmentOS('0')).toBeUndefined();
    expect(removed).toEqual([]);
  });

  test('§6.10 onAugmentOSChange returns an unsubscribe function that works', async () => {
    const [app, user] = await run(() => {});
    const seen: unknown[] = [];
    const off = app.sessions[0].settings.onAugmentOSChange('brightness', (v) => void seen.push(v));
    off();
    await user.updateSystemSettings({ brightness: 10 });
    await sleep(50);
    expect(seen).toEqual([]);
  });

  test('§6.10 settings.fetch authenticates with the userId, not the sessionId', async () => {
    const [app] = await run(() => {});
    await app.sessions[0].settings.fetch();
    expect(t.cloud.httpRequests[0].authorization).toBe('Bearer wearer@example.com');
  });

  test('§6.10 POST /settings matches sessions by exact userId (bob@x.com no longer matches alice+bob@x.com)', async () => {
    const [app, alice] = await run(() => {}, {}, 'alice+bob@x.com');
    const bob = await t.cloud.startSession({ app, userId: 'bob@x.com' });
    await eventually(() => app.sessions.length === 2, 3000, 'the second onSession');
    const answer = await bob.pushSettings([{ key: 'theme', value: 'dark' }], { viaWebSocket: false });
    expect(answer).toMatchObject({ status: 200, body: { status: 'success', sessionsUpdated: 1 } });
    const sessionOf = (userId: string) => app.sessions.find((s) => s.userId === userId)!;
    expect(sessionOf('bob@x.com').settings.get('theme')).toBe('dark');
    expect(sessionOf(alice.userId).settings.get('theme')).toBeUndefined();
  });

  test('§6.11 a user id containing "-" works end to end, and no field is parsed out of the sessionId', async () => {
    const [app, user] = await run((s) => s.events.onTranscription((d) => s.layouts.showTextWall(d.text)), {}, 'anne-marie@example.com');
    await user.transcribe('hi');
    await user.waitForDisplay('hi');
    expect(app.sessions[0].userId).toBe('anne-marie@example.com');
    expect(user.sent('display_event')[0].sessionId).toBe('');
  });

  test('§6.12 onVpsCoordinates and onPhotoTaken send the subscription once, not twice', async () => {
    const [, user] = await run((s) => {
      s.onVpsCoordinates(() => {});
      s.onPhotoTaken(() => {});
    });
    await user.waitForSubscriptions((subs) => subs.length === 2);
    await sleep(50);
    expect(user.sent('subscription_update')).toHaveLength(1);
  });

  test('§6.12 setSubscriptionSettings no longer drops handler-driven subscriptions', async () => {
    const [, user] = await run((s) => {
      s.events.onButtonPress(() => {});
      s.setSubscriptionSettings({ updateOnChange: ['x'], handler: () => ['head_position'] });
    });
    await user.updateSettings([{ key: 'x', value: 1 }]);
    await user.waitForSubscriptions((subs) => subs.includes('head_position'));
    expect([...user.subscriptions].sort()).toEqual(['button_press', 'head_position']);
  });

  test('§6.12 events.on("connected", ...) registers a system listener instead of subscribing a bogus stream', async () => {
    const [, user] = await run((s) => {
      s.events.on('connected', () => {});
      s.events.on('error', () => {});
      s.events.onHeadPosition(() => {});
    });
    await user.waitForSubscriptions((subs) => subs.length > 0);
    expect(user.subscriptions).toEqual(['head_position']);
  });

  test('§6.12 one invalid stream no longer spoils the whole subscription list: it fails at the call', async () => {
    let thrown: unknown;
    const [, user] = await run((s) => {
      s.events.onButtonPress(() => {});
      try {
        s.subscribe('transcription:english');
      } catch (e) {
        thrown = e;
      }
    });
    await user.waitForSubscriptions((subs) => subs.length > 0);
    expect(isSdkError(thrown, 'invalid_argument')).toBe(true);
    expect(user.subscriptions).toEqual(['button_press']);
  });

  test('§6.12 a transcription frame without transcribeLanguage reaches onTranscription', async () => {
    const got: string[] = [];
    const [, user] = await run((s) => s.events.onTranscription((d) => void got.push(d.text)));
    await user.waitForSubscriptions((subs) => subs.length === 1);
    await user.emit('transcription', { type: 'transcription', text: 'no language', isFinal: true, startTime: 0, endTime: 1 });
    await eventually(() => got.length === 1);
  });

  test('§6.13 several language handlers coexist (a second one no longer removes the first)', async () => {
    const got: string[] = [];
    const [, user] = await run((s) => {
      s.events.onTranscriptionForLanguage('fr-FR', (d) => void got.push(`fr:${d.text}`));
      s.events.onTranscriptionForLanguage('de-DE', (d) => void got.push(`de:${d.text}`));
      s.events.ontranslationForLanguage('es-ES', 'en-US', (d) => void got.push(`es:${d.text}`));
      s.events.ontranslationForLanguage('it-IT', 'en-US', (d) => void got.push(`it:${d.text}`));
    });
    await user.waitForSubscriptions((subs) => subs.length === 4);
    await user.transcribe('salut', { language: 'fr-FR' });
    await user.transcribe('hallo', { language: 'de-DE' });
    await user.translate('hola', { from: 'es-ES', to: 'en-US' });
    await user.translate('ciao', { from: 'it-IT', to: 'en-US' });
    await eventually(() => got.length === 4);
    expect(got).toEqual(['fr:salut', 'de:hallo', 'es:hola', 'it:ciao']);
  });

  test('§6.14 dashboard_always_on_changed reaches the dashboard module instead of throwing', async () => {
    const logger = captureLogger();
    const seen: boolean[] = [];
    const [app, user] = await run((s) => s.dashboard.content.onAlwaysOnChange((on) => void seen.push(on)), { logger });
    const content = app.sessions[0].dashboard.content;
    expect(content.isAlwaysOnEnabled()).toBeUndefined();
    await user.sendMessage({ type: 'dashboard_always_on_changed', enabled: true, timestamp: new Date().toISOString() });
    await eventually(() => seen.length === 1);
    expect(content.isAlwaysOnEnabled()).toBe(true);
    await user.sendMessage({ type: 'dashboard_always_on_changed', enabled: false, timestamp: new Date().toISOString() });
    await eventually(() => seen.length === 2);
    expect(seen).toEqual([true, false]);
    expect(app.errors).toEqual([]);
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(user.connected).toBe(true);
  });

  test('§6.14 isUserActive works, broadcastToTpaUsers sends the roomId, and sendDirectMessage is answered', async () => {
    const [app, user] = await run(() => {});
    const s = app.sessions[0];
    expect(await s.isUserActive(user.userId)).toBe(true);
    await s.broadcastToTpaUsers({ hi: 1 }, 'room-1');
    await user.waitForMessage((m) => m.type === 'tpa_broadcast_message');
    expect(user.sent('tpa_broadcast_message')[0].roomId).toBe('room-1');
    await expect(s.sendDirectMessage('nobody@example.com', 'x')).resolves.toBe(false);
  });

  test('§6.15 no signal handlers, stop() never exits the process, start() rejects on a taken port', async () => {
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const app = await startedLegacy(new Probe());
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('process.exit called');
    }) as never);
    try {
      const blocker = net.createServer();
      await new Promise<void>((r) => blocker.listen(0, () => r()));
      const port = (blocker.address() as net.AddressInfo).port;
      const clash = new Probe(undefined, { port });
      const err = await clash.start().catch((e) => e);
      expect(isSdkError(err, 'port_in_use')).toBe(true);
      blocker.close();
      await app.stop();
      expect(exit).not.toHaveBeenCalled();
    } finally {
      exit.mockRestore();
    }
  });

  test('§6.16 the API key only goes to a trusted cloud: a webhook pointing elsewhere gets 403 and nothing connects', async () => {
    const app = await t.start(new Probe());
    const res = await post(app.getPort(), {
      type: 'session_request',
      sessionId: 'v-com.example.app',
      userId: 'v',
      augmentOSWebsocketUrl: 'ws://attacker.example:9/tpa-ws',
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toContain('not a trusted cloud');
  });

  test('§6.17 ALWAYS_ON is downgraded to main with a warning, and show* methods queue while reconnecting instead of throwing', async () => {
    const logger = captureLogger();
    const [app, user] = await run(() => {}, { logger });
    const s = app.sessions[0];
    s.layouts.showTextWall('always', { view: ViewType.ALWAYS_ON as never });
    await user.waitForDisplay('always', { view: 'main' });
    expect(logger.lines.some((l) => l.level === 'warn' && l.text.includes('always_on'))).toBe(true);
    // The card goes out from the disconnect event itself, so it is shown during the outage however fast the
    // reconnect is (polling for the reconnecting state raced reconnects that came back within a poll).
    const noticed = new Promise<() => void>((resolve) =>
      s.events.onDisconnected(() => {
        let thrown: unknown;
        try {
          s.layouts.showReferenceCard('queued', 'card');
        } catch (e) {
          thrown = e ?? new Error('threw');
        }
        resolve(() => {
          if (thrown !== undefined) throw thrown;
        });
      }),
    );
    user.dropConnection();
    expect(await noticed).not.toThrow();
    await user.waitForConnections(2);
    await user.waitForDisplay('card');
  });

  test("§6.19 the session answers the cloud's WebSocket pings", async () => {
    const [, user] = await run(() => {});
    const pong = new Promise<void>((resolve) => user.ws!.once('pong', () => resolve()));
    user.ws!.ping();
    await pong;
  });
});
