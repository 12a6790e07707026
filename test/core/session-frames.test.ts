/**
 * `CoreSession` and what comes and goes over its socket, on the in-memory transport: the subscription
 * updates, the system events, what each kind of cloud frame changes, which reason an ended session reports,
 * and its HTTP calls to its own cloud.
 */
import { PendingRequests } from '../../src/core/session/requests';
import { initOn, MemoryCloud, memorySession, readySession as ready, settle, until } from './memory-transport';

describe('subscriptions', () => {
  test('an app-to-app event name is not taken as a stream by a handler, a subscription or a group (it is warned about)', async () => {
    const { session, logger } = await ready();
    const handler = jest.fn();
    session.addHandler('app_message_received', handler);
    session.subscribe('app_message_received');
    session.setSubscriptionGroup('g', ['vad', 'app_message_received', 'button_press']);
    expect(session.subscriptions).toEqual(['vad', 'button_press']);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(3);
    session.dispatch('app_message_received', {});
    expect(handler).not.toHaveBeenCalled();
    await session.dispose('user_disabled');
  });

  test('unsubscribe drops an explicit subscription', async () => {
    const { session, cloud } = await ready();
    session.subscribe('head_position');
    session.subscribe('vad');
    await cloud.last.until(() => cloud.last.framesOf('subscription_update').length === 1, 'the update');
    session.unsubscribe('head_position');
    await cloud.last.until(() => cloud.last.framesOf('subscription_update').length === 2, 'the second update');
    expect(cloud.last.framesOf('subscription_update').map((f) => f.subscriptions)).toEqual([['head_position', 'vad'], ['vad']]);
    await session.dispose('user_disabled');
  });

  test('changes in one turn go out as one update; a change undone in the same turn sends none', async () => {
    const { session, cloud } = await ready();
    expect(cloud.last.framesOf('subscription_update')).toEqual([]);
    const off = session.addHandler('button_press', () => {});
    off();
    await settle();
    await settle();
    expect(cloud.last.framesOf('subscription_update')).toEqual([]);
    session.addHandler('button_press', () => {});
    session.addHandler('head_position', () => {});
    await cloud.last.until(() => cloud.last.framesOf('subscription_update').length === 1, 'one update');
    await settle();
    expect(cloud.last.framesOf('subscription_update').map((f) => f.subscriptions)).toEqual([['button_press', 'head_position']]);
    await session.dispose('user_disabled');
  });

  test('a change made while the cloud is away is sent once, after the ack, with the full list', async () => {
    const { session, cloud } = await ready({ reconnect: { baseDelayMs: 1, maxDelayMs: 1 } });
    session.addHandler('button_press', () => {});
    await cloud.last.until(() => cloud.last.framesOf('subscription_update').length === 1, 'the update');
    const first = cloud.last;
    first.drop(1006);
    await until(() => session.state === 'reconnecting', 'reconnecting');
    session.addHandler('head_position', () => {});
    await until(() => cloud.sockets.length === 2 && session.state === 'ready', 'the second socket ready');
    await settle();
    await settle();
    expect(first.framesOf('subscription_update')).toHaveLength(1);
    expect(cloud.last.framesOf('subscription_update').map((f) => f.subscriptions)).toEqual([['button_press', 'head_position']]);
    await session.dispose('user_disabled');
  });

  test('a change made just before a restart is sent once, on the new socket', async () => {
    const { session, cloud } = await ready({ reconnect: { baseDelayMs: 1, maxDelayMs: 1 } });
    session.addHandler('button_press', () => {});
    session.restart();
    await until(() => cloud.sockets.length === 2 && session.state === 'ready', 'the new socket ready');
    await settle();
    await settle();
    expect(cloud.last.framesOf('subscription_update').map((f) => f.subscriptions)).toEqual([['button_press']]);
    await session.dispose('user_disabled');
  });

  test('a drop during the reconnect handshake keeps the session reconnecting: one state event per change', async () => {
    const { session, cloud } = await ready({ reconnect: { baseDelayMs: 1, maxDelayMs: 1 } });
    const states: string[] = [];
    session.on('state', (s) => states.push(s));
    cloud.autoAck = false;
    cloud.last.drop(1006);
    await initOn(cloud, 2, 'the second init');
    cloud.last.drop(1006);
    await initOn(cloud, 3, 'the third init');
    cloud.last.ack();
    await until(() => session.state === 'ready', 'ready again');
    expect(states).toStrictEqual(['reconnecting', 'ready']);
    await session.dispose('user_disabled');
  });

  test('after a reconnect the list is sent even when empty; the first ack with no subscriptions sends none', async () => {
    const cloud = new MemoryCloud();
    const { session } = memorySession(cloud, { reconnect: { baseDelayMs: 1, maxDelayMs: 1 } });
    const reconnected: unknown[] = [];
    session.on('reconnected', (n) => reconnected.push(n));
    await session.connect();
    await settle();
    expect(cloud.last.received.map((f) => f.type)).toStrictEqual(['tpa_connection_init']);
    expect(reconnected).toEqual([]);
    cloud.last.drop(1006);
    await until(() => cloud.sockets.length === 2 && session.state === 'ready', 'the second socket ready');
    await cloud.last.until(() => cloud.last.framesOf('subscription_update').length === 1, 'the update');
    expect(cloud.last.framesOf('subscription_update')[0]).toMatchObject({ subscriptions: [] });
    expect(reconnected).toHaveLength(1);
    await session.dispose('user_disabled');
  });
});

describe('events', () => {
  test('system events dispatched by name reach their listeners; an error goes to the error listeners, else to the server', async () => {
    const { session, errors } = await ready();
    const seen: Array<[string, unknown]> = [];
    for (const name of ['connected', 'disconnected', 'reconnected']) session.on(name, (d) => seen.push([name, d]));
    session.dispatch('connected', 1);
    session.dispatch('disconnected', 2);
    session.dispatch('reconnected', 3);
    expect(seen).toEqual([
      ['connected', 1],
      ['disconnected', 2],
      ['reconnected', 3],
    ]);
    const quiet = await ready();
    expect(() => quiet.session.dispatch('connected', 1)).not.toThrow();
    await quiet.session.dispose('user_disabled');
    session.dispatch('error', 'boom');
    expect(errors.map((e) => e.message)).toEqual(['boom']);
    const heard: Error[] = [];
    session.on('error', (e) => heard.push(e as Error));
    session.dispatch('error', new Error('heard'));
    expect(heard.map((e) => e.message)).toEqual(['heard']);
    expect(errors).toHaveLength(1);
    await session.dispose('user_disabled');
  });

  test("'connected' carries the app settings of the ack", async () => {
    const cloud = new MemoryCloud();
    cloud.ackExtra = { settings: [{ key: 'units', value: 'metric' }] };
    const { session } = memorySession(cloud);
    const seen: unknown[] = [];
    session.on('connected', (s) => seen.push(s));
    await session.connect();
    expect(seen).toEqual([[{ key: 'units', value: 'metric' }]]);
    await session.dispose('user_disabled');
  });

  test('audio: binary frames and JSON audio_chunk frames reach the audio handlers', async () => {
    const { session, cloud } = await ready();
    const chunks: any[] = [];
    session.addHandler('audio_chunk', (d) => chunks.push(d));
    cloud.last.pushBinary(new Uint8Array([1, 2, 3, 4]));
    cloud.last.push({ type: 'audio_chunk', arrayBuffer: null, sampleRate: 16000 });
    await until(() => chunks.length === 2, 'both chunks');
    expect(chunks[0]).toMatchObject({ type: 'audio_chunk' });
    expect(Buffer.from(chunks[0].arrayBuffer)).toEqual(Buffer.from([1, 2, 3, 4]));
    expect(chunks[1]).toMatchObject({ type: 'audio_chunk', sampleRate: 16000 });
    await session.dispose('user_disabled');
  });
});

describe('frames from the cloud', () => {
  test('capabilities: replaced by a capabilities_update, kept by an ack that has none', async () => {
    const cloud = new MemoryCloud();
    cloud.ackExtra = { capabilities: { hasCamera: true } };
    const { session } = memorySession(cloud, { reconnect: { baseDelayMs: 1, maxDelayMs: 1 } });
    await session.connect();
    cloud.last.push({ type: 'capabilities_update', capabilities: { hasCamera: false, hasDisplay: true } });
    await until(() => (session.capabilities as any)?.hasDisplay === true, 'the update');
    expect(session.capabilities).toEqual({ hasCamera: false, hasDisplay: true });
    cloud.ackExtra = {};
    cloud.last.drop(1006);
    await until(() => cloud.sockets.length === 2 && session.state === 'ready', 'the second socket ready');
    expect(session.capabilities).toEqual({ hasCamera: false, hasDisplay: true });
    await session.dispose('user_disabled');
  });

  test('a system settings update changes the system settings', async () => {
    const { session, cloud } = await ready();
    cloud.last.push({ type: 'augmentos_settings_update', settings: { metricSystemEnabled: true } });
    await until(() => (session.settings.getSystem() as any).metricSystemEnabled === true, 'the system settings');
    await session.dispose('user_disabled');
  });

  test('a message of unknown type is logged at debug (its type cut at 60), unless a listener takes it', async () => {
    const { session, cloud, logger } = await ready();
    const type = `x${'y'.repeat(99)}`;
    cloud.last.push({ type });
    const taken: unknown[] = [];
    session.onMessage('mine', (m) => taken.push(m));
    cloud.last.push({ type: 'mine' });
    cloud.last.push({ type: 'data_stream', streamType: 'button_press', data: {} });
    await until(() => taken.length === 1, 'the listener');
    await settle();
    expect(logger.lines.filter((l) => l.level === 'debug' && l.text.startsWith('Ignored')).map((l) => l.text)).toEqual([
      `Ignored a message of unknown type "${type.slice(0, 60)}"`,
    ]);
    await session.dispose('user_disabled');
  });

  test('dropped frames are logged at the first and every thousandth', async () => {
    const { session, cloud, logger } = await ready();
    for (let i = 0; i < 1000; i++) cloud.last.push('not json');
    await until(() => session.droppedFrames === 1000, 'a thousand drops');
    const warns = logger.lines.filter((l) => l.level === 'warn').map((l) => l.text);
    expect(warns).toHaveLength(2);
    expect(warns[0]).toMatch(/ \(1 dropped so far\)$/);
    expect(warns[1]).toMatch(/ \(1000 dropped so far\)$/);
    await session.dispose('user_disabled');
  });
});

describe('the reason an ended session reports', () => {
  const end = async (frames: Array<{ type: string; [k: string]: unknown }>, code?: number) => {
    const { session, cloud, ends } = await ready();
    const states: string[] = [];
    session.on('state', (s) => states.push(s));
    for (const f of frames) cloud.last.push(f);
    if (code !== undefined) cloud.last.drop(code);
    await until(() => session.state === 'closed', 'the end');
    return { ends, states };
  };

  test("the cloud's app_stopped reason when the cloud closes normally; its own reason otherwise", async () => {
    expect((await end([{ type: 'app_stopped', reason: 'timeout' }], 1000)).ends).toEqual(['timeout']);
    expect((await end([], 1000)).ends).toEqual(['cloud_closed']);
    expect((await end([{ type: 'app_stopped', reason: 'timeout' }], 1008)).ends).toEqual(['connection_error']);
    expect(
      (
        await end([
          { type: 'app_stopped', reason: 'timeout' },
          { type: 'tpa_connection_error', code: 'X', message: 'no' },
        ])
      ).ends,
    ).toEqual(['connection_error']);
  });

  test('after an app_stopped, a drop whose reconnects all fail ends with transport_lost: the cloud made no close', async () => {
    const cloud = new MemoryCloud();
    const { session, ends } = memorySession(cloud, { handshakeTimeoutMs: 20, reconnect: { budgetMs: 60 } });
    await session.connect();
    cloud.last.push({ type: 'app_stopped', reason: 'timeout' });
    await settle();
    cloud.autoAck = false;
    cloud.last.drop(1006);
    await until(() => ends.length === 1, 'the end');
    expect(ends).toEqual(['transport_lost']);
    expect(cloud.sockets.length).toBeGreaterThan(1);
  });

  test('a terminal close goes straight to closed, never through reconnecting', async () => {
    expect((await end([], 1000)).states).toEqual(['closed']);
  });
});

test('a session given no shared request table has its own, and reports the trusted hosts it was given', async () => {
  const { session } = await ready({ trustedCloudHosts: ['cloud.example.com'] });
  expect(session.sharedRequests).toBeInstanceOf(PendingRequests);
  expect(session.trustedCloudHosts).toEqual(['cloud.example.com']);
  expect(session.cloudAuthorization()).toBe('Bearer unit-test-api-key-0123456789');
  await session.dispose('user_disabled');
});

test("cloudRequest calls the session's own cloud over HTTP, as the app (package and key), and refuses a cloud it does not trust", async () => {
  const { createServer } = await import('node:http');
  const seen: Array<{ url?: string; auth?: string }> = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url, auth: req.headers.authorization });
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const port = (server.address() as { port: number }).port;
    const { session } = await ready({ url: `ws://127.0.0.1:${port}/app-ws`, trustedCloudHosts: ['127.0.0.1'] });
    const res = await session.cloudRequest('/api/thing?x=1');
    expect(await res.json()).toEqual({ ok: true });
    expect(seen).toEqual([{ url: '/api/thing?x=1', auth: 'Bearer com.example.unit:unit-test-api-key-0123456789' }]);
    await session.dispose('user_disabled');

    const far = await ready({ url: 'ws://cloud.example.net/app-ws' });
    await expect(far.session.cloudRequest('/api/thing?x=1')).rejects.toMatchObject({
      code: 'cloud_unreachable',
      message: expect.stringContaining('GET /api/thing: Refused to send the app\'s credentials: host "cloud.example.net" is not a trusted cloud'),
    });
    expect(seen).toHaveLength(1);
    await far.session.dispose('user_disabled');
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});
