/**
 * `CoreSession`'s own rules at the edges of its life, over the in-memory transport: what `connect`, `dispose`
 * and `send` do, and what the session does once it has ended. The same session runs over real sockets in
 * the other tests of this folder; here the test plays the cloud frame by frame (session-frames.test.ts has
 * the subscriptions, events and frames).
 */
import { awaitingAck, initOn, MemoryCloud, memorySession, readySession as ready, settle, until } from './memory-transport';

describe('connect', () => {
  test('once per session: a second call, or one after the end, is refused with invalid_argument', async () => {
    const { session } = await ready();
    await expect(session.connect()).rejects.toMatchObject({ code: 'invalid_argument', message: 'connect() may be called once per session' });
    await session.dispose('user_disabled');
    await expect(session.connect()).rejects.toMatchObject({ code: 'invalid_argument', message: 'connect() may be called once per session' });
  });

  test('a second call while the first is still waiting for its ack is refused, and the first goes on', async () => {
    const cloud = new MemoryCloud();
    cloud.autoAck = false;
    const { session } = memorySession(cloud);
    const first = session.connect();
    await expect(session.connect()).rejects.toMatchObject({ code: 'invalid_argument', message: 'connect() may be called once per session' });
    await initOn(cloud, 1, 'the init');
    cloud.last.ack();
    await first;
    expect(cloud.sockets).toHaveLength(1);
    expect(session.state).toBe('ready');
    await session.dispose('user_disabled');
  });

  test('a session ended before it connected refuses connect', async () => {
    const cloud = new MemoryCloud();
    const { session } = memorySession(cloud);
    await session.dispose('user_disabled');
    await expect(session.connect()).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(cloud.sockets).toEqual([]);
  });

  test('handlers added before connect are subscribed once, at the ack', async () => {
    const cloud = new MemoryCloud();
    const { session } = memorySession(cloud);
    session.addHandler('button_press', () => {});
    await session.connect();
    await settle();
    await settle();
    expect(cloud.last.framesOf('subscription_update').map((f) => f.subscriptions)).toEqual([['button_press']]);
    await session.dispose('user_disabled');
  });

  test('connect(sessionId) names the session an app built itself: the init and the session carry that id', async () => {
    const cloud = new MemoryCloud();
    const { session } = memorySession(cloud, { sessionId: '' });
    await session.connect('named-later');
    expect(session.sessionId).toBe('named-later');
    expect(cloud.last.framesOf('tpa_connection_init')[0]).toMatchObject({ sessionId: 'named-later' });
    await session.dispose('user_disabled');
  });

  test('a session ended by a listener of its ack rejects connect with session_closed and sends nothing more', async () => {
    const cloud = new MemoryCloud();
    const { session, ends } = memorySession(cloud);
    session.addHandler('button_press', () => {});
    session.on('connected', () => void session.dispose('user_disabled'));
    await expect(session.connect()).rejects.toMatchObject({ code: 'session_closed', message: 'Session unit-session was stopped during the handshake' });
    expect(ends).toEqual(['user_disabled']);
    await settle();
    expect(cloud.last.received.map((f) => f.type)).toStrictEqual(['tpa_connection_init']);
  });
});

describe('dispose', () => {
  test('ends once: a second call returns the first promise, which waits for every cleanup; a failing one is logged', async () => {
    const { session, logger } = await ready();
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const ran: string[] = [];
    session.addFinalizer(async () => {
      await slow;
      ran.push('slow');
    });
    session.addFinalizer(() => {
      throw new Error('flush failed');
    });
    const first = session.dispose('user_disabled');
    expect(session.dispose('server_shutdown')).toBe(first);
    let done = false;
    void first.then(() => (done = true));
    await settle();
    expect(done).toBe(false);
    release();
    await first;
    expect(ran).toEqual(['slow']);
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.text)).toEqual(['Cleanup at session end failed: flush failed']);
    // A cleanup added once the session has ended is not kept (nothing would ever run it).
    const late = jest.fn();
    session.addFinalizer(late);
    await session.dispose('user_disabled');
    expect(late).not.toHaveBeenCalled();
  });

  test('messages still queued at the end are counted in one warning; with none, nothing is logged', async () => {
    const quiet = await ready();
    await quiet.session.dispose('user_disabled');
    expect(quiet.logger.lines.filter((l) => l.level === 'warn')).toEqual([]);

    const { session, cloud, logger } = await ready({ reconnect: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    cloud.last.drop(1006);
    await until(() => session.state === 'reconnecting', 'reconnecting');
    session.send({ type: 'display_event', packageName: 'p', sessionId: 's', view: 'main', layout: { layoutType: 'text_wall', text: 'a' } } as never);
    session.send({ type: 'photo_request', packageName: 'p', sessionId: 's', requestId: 'r1' } as never);
    await session.dispose('user_disabled');
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.text)).toEqual(['Session ended with 2 unsent message(s)']);
  });

  test('a session without an end callback ends all the same, and forgets its handlers, subscriptions and settings listeners', async () => {
    const { session } = await ready({ onEnd: undefined });
    session.addHandler('button_press', () => {});
    session.subscribe('head_position');
    const changed = jest.fn();
    session.settings.onAppChange(changed);
    expect(session.subscriptions).toEqual(['button_press', 'head_position']);
    await expect(session.dispose('user_disabled')).resolves.toBeUndefined();
    expect(session.state).toBe('closed');
    expect(session.subscriptions).toEqual([]);
    session.settings.setApp([{ key: 'units', value: 'metric' }]);
    expect(changed).not.toHaveBeenCalled();
  });

  test('the signal: one per session, aborted at the end with the reason; read first after the end, already aborted', async () => {
    const { session } = await ready();
    const signal = session.signal;
    expect(session.signal).toBe(signal);
    expect(signal.aborted).toBe(false);
    await session.dispose('user_disabled');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toMatchObject({ code: 'session_closed', message: 'Session ended: user_disabled' });

    const late = await ready();
    await late.session.dispose('user_disabled');
    expect(late.session.signal.aborted).toBe(true);
  });
});

describe('after the end', () => {
  test('sends are dropped with a debug line; handlers, subscriptions, groups, listeners and restarts do nothing', async () => {
    const { session, cloud, logger } = await ready();
    await session.dispose('user_disabled');
    const sockets = cloud.sockets.length;
    expect(session.send({ type: 'display_event' } as never)).toBe(false);
    expect(logger.lines.filter((l) => l.level === 'debug').map((l) => l.text)).toContain('Dropped display_event: the session has ended');
    const handler = jest.fn();
    const off = session.addHandler('button_press', handler);
    expect(session.subscriptions).toEqual([]);
    off();
    session.subscribe('head_position');
    session.setSubscriptionGroup('g', ['vad']);
    session.unsubscribe('button_press');
    const listener = jest.fn();
    session.on('state', listener)();
    session.restart();
    session.dispatch('button_press', { buttonId: 'main' });
    expect(session.subscriptions).toEqual([]);
    expect(handler).not.toHaveBeenCalled();
    expect(listener).not.toHaveBeenCalled();
    expect(cloud.sockets.length).toBe(sockets);
    expect(session.sendBinary(new Uint8Array([1]))).toBe(false);
  });

  test('restart() before the ack opens no second socket; sendBinary before the ack sends nothing', async () => {
    const { session, cloud, connecting } = await awaitingAck();
    session.restart();
    expect(session.sendBinary(new Uint8Array([1, 2]))).toBe(false);
    cloud.last.ack();
    await connecting;
    expect(cloud.sockets).toHaveLength(1);
    expect(cloud.last.binaries).toEqual([]);
    expect(session.sendBinary(new Uint8Array([3]))).toBe(true);
    await session.dispose('user_disabled');
  });
});

describe('send', () => {
  test('adds a timestamp when the message has none and keeps the one it has', async () => {
    const { session, cloud } = await ready();
    session.send({ type: 'display_event', view: 'main' } as never);
    session.send({ type: 'display_event', view: 'dashboard', timestamp: '2026-01-01T00:00:00.000Z' } as never);
    await cloud.last.until(() => cloud.last.framesOf('display_event').length === 2, 'both');
    const [a, b] = cloud.last.framesOf('display_event');
    expect(typeof a!.timestamp).toBe('string');
    expect(Number.isNaN(Date.parse(a!.timestamp as string))).toBe(false);
    expect(b!.timestamp).toBe('2026-01-01T00:00:00.000Z');
    await session.dispose('user_disabled');
  });

  test('a full queue while the cloud is away refuses the message with queue_full, naming its type and request id', async () => {
    const { session, cloud, errors } = await ready({ queueLimit: 1, reconnect: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    cloud.last.drop(1006);
    await until(() => session.state === 'reconnecting', 'reconnecting');
    expect(session.send({ type: 'display_event' } as never)).toBe(true);
    expect(session.send({ type: 'photo_request', requestId: 'req-1' } as never)).toBe(false);
    expect(session.send({ type: 'rtmp_stream_request', requestId: 7 } as never)).toBe(false);
    expect(errors.map((e) => [e.message, (e as { code?: string }).code, (e as { details?: unknown }).details])).toEqual([
      [
        'The outbound queue is full (1 messages) while the cloud is unreachable; photo_request req-1 was not sent',
        'queue_full',
        { type: 'photo_request', requestId: 'req-1' },
      ],
      [
        'The outbound queue is full (1 messages) while the cloud is unreachable; rtmp_stream_request was not sent',
        'queue_full',
        { type: 'rtmp_stream_request', requestId: undefined },
      ],
    ]);
    await session.dispose('user_disabled');
  });
});
