/**
 * Unit tests of `CoreSession` over the in-memory transport: the handshake, the close-code table,
 * reconnect, liveness, the queue and the listener isolation rule, with no socket and no server. The same
 * behaviour is tested over real sockets against the test cloud in the other files of this folder.
 */
import { SdkError } from '../../src/core/errors';
import { API_KEY, awaitingAck, initOn, MemoryCloud, memorySession as makeSession, until } from './memory-transport';

describe('CoreSession over an in-memory transport', () => {
  test('handshake: one init with the app identity, ready after the ack, settings and capabilities applied', async () => {
    const cloud = new MemoryCloud();
    cloud.ackExtra = { settings: [{ key: 'units', value: 'metric' }], mentraosSettings: { metricSystemEnabled: true }, capabilities: { hasCamera: true } };
    const { session } = makeSession(cloud);
    const states: string[] = [];
    session.on('state', (s) => states.push(s));
    await session.connect();
    expect(session.state).toBe('ready');
    expect(states).toEqual(['ready']);
    const [init] = cloud.last.received;
    expect(init).toMatchObject({ type: 'tpa_connection_init', sessionId: 'unit-session', packageName: 'com.example.unit', apiKey: API_KEY });
    expect(session.settings.getAppValue('units')).toBe('metric');
    expect(session.settings.getSystem()).toMatchObject({ metricSystemEnabled: true });
    expect(session.capabilities).toEqual({ hasCamera: true });
    await session.dispose('server_shutdown');
  });

  test('a handshake with no ack rejects with handshake_timeout and ends the session once', async () => {
    const cloud = new MemoryCloud();
    cloud.autoAck = false;
    const { session, ends } = makeSession(cloud, { handshakeTimeoutMs: 50 });
    await expect(session.connect()).rejects.toMatchObject({ code: 'handshake_timeout' });
    expect(ends).toEqual(['handshake_failed']);
    expect(cloud.last.closed?.by).toBe('terminate');
  });

  test('tpa_connection_error during the handshake rejects with connection_error and the cloud code', async () => {
    const { session, cloud, connecting } = await awaitingAck();
    cloud.last.push({ type: 'tpa_connection_error', code: 'INVALID_API_KEY', message: 'bad key' });
    await expect(connecting).rejects.toMatchObject({ code: 'connection_error', details: { cloudCode: 'INVALID_API_KEY' } });
    expect(session.state).toBe('closed');
  });

  test('subscriptions follow handlers, and data_stream reaches the handler of its stream', async () => {
    const cloud = new MemoryCloud();
    const { session } = makeSession(cloud);
    await session.connect();
    const seen: unknown[] = [];
    session.addHandler('button_press', (d) => seen.push(d));
    await cloud.last.until(() => cloud.last.framesOf('subscription_update').length === 1, 'a subscription_update');
    expect(cloud.last.framesOf('subscription_update')[0].subscriptions).toEqual(['button_press']);
    cloud.last.push({ type: 'data_stream', streamType: 'button_press', data: { buttonId: 'main', pressType: 'short' } });
    await until(() => seen.length === 1, 'the button press');
    expect(seen[0]).toMatchObject({ buttonId: 'main' });
    await session.dispose('server_shutdown');
  });

  test('an abnormal close (1006) reconnects: handlers survive, the full list and the queue go out after the new ack', async () => {
    const cloud = new MemoryCloud();
    const { session, ends } = makeSession(cloud);
    await session.connect();
    const seen: unknown[] = [];
    session.addHandler('head_position', (d) => seen.push(d));
    await cloud.last.until(() => cloud.last.framesOf('subscription_update').length === 1, 'the first subscription_update');
    const events: string[] = [];
    session.on('disconnected', (info) => events.push(`disconnected:${info.code}:${info.willReconnect}`));
    session.on('reconnected', (attempt) => events.push(`reconnected:${attempt}`));
    const first = cloud.last;
    cloud.autoAccept = false; // hold the reconnect until the message is queued
    first.drop(1006);
    await until(() => session.state === 'reconnecting', 'reconnecting');
    expect(session.send({ type: 'display_event', view: 'main', layout: { layoutType: 'text_wall', text: 'queued' } })).toBe(true);
    await cloud.until(() => cloud.sockets.length === 2, 'the reconnect attempt');
    cloud.last.accept();
    await until(() => session.state === 'ready', 'the second connection');
    const second = cloud.last;
    await second.until(() => second.received.length >= 3, 'init, subscriptions and the queued display');
    expect(second.received.map((f) => f.type)).toEqual(['tpa_connection_init', 'subscription_update', 'display_event']);
    expect(second.received[1].subscriptions).toEqual(['head_position']);
    expect(events).toEqual(['disconnected:1006:true', 'reconnected:1']);
    second.push({ type: 'data_stream', streamType: 'head_position', data: { position: 'up' } });
    await until(() => seen.length === 1, 'an event on the new socket');
    expect(ends).toEqual([]);
    await session.dispose('server_shutdown');
    expect(ends).toEqual(['server_shutdown']);
  });

  test.each([
    [1000, 'cloud_closed'],
    [1008, 'connection_error'],
  ])('close code %i is terminal: closed with %s, no reconnect', async (code, reason) => {
    const cloud = new MemoryCloud();
    const { session, ends } = makeSession(cloud);
    await session.connect();
    const infos: Array<{ permanent: boolean }> = [];
    session.on('disconnected', (info) => infos.push(info));
    cloud.last.drop(code);
    await until(() => session.state === 'closed', 'closed');
    expect(ends).toEqual([reason]);
    expect(infos).toEqual([expect.objectContaining({ code, permanent: true, willReconnect: false })]);
    expect(cloud.sockets).toHaveLength(1);
  });

  test('an app_stopped reason names the end of a terminal close', async () => {
    const cloud = new MemoryCloud();
    const { session, ends } = makeSession(cloud);
    await session.connect();
    cloud.last.push({ type: 'app_stopped', reason: 'user_disabled' });
    cloud.last.drop(1000);
    await until(() => session.state === 'closed', 'closed');
    expect(ends).toEqual(['user_disabled']);
  });

  test('with no reconnect budget an abnormal close ends the session (transport_lost)', async () => {
    const cloud = new MemoryCloud();
    const { session, ends } = makeSession(cloud, { reconnect: { budgetMs: 0 } });
    await session.connect();
    cloud.last.drop(1006);
    await until(() => session.state === 'closed', 'closed');
    expect(ends).toEqual(['transport_lost']);
  });

  test('a cloud that refuses the reconnect (tpa_connection_error) ends the session with connection_error', async () => {
    const cloud = new MemoryCloud();
    const { session, ends, errors } = makeSession(cloud);
    await session.connect();
    cloud.autoAck = false;
    cloud.last.drop(1006);
    await initOn(cloud, 2, 'the reconnect init');
    cloud.last.push({ type: 'tpa_connection_error', code: 'SESSION_GONE' });
    await until(() => session.state === 'closed', 'closed');
    expect(ends).toEqual(['connection_error']);
    expect(errors).toEqual([expect.objectContaining({ code: 'connection_error' })]);
  });

  test('a socket that stops answering pings is dropped and the session resumes on a new one', async () => {
    const cloud = new MemoryCloud();
    const { session, logger } = makeSession(cloud, { pingIntervalMs: 20 });
    await session.connect();
    const first = cloud.last;
    first.answerPings = false;
    await cloud.until(() => cloud.sockets.length === 2, 'a second socket after the missed ping');
    await until(() => session.state === 'ready', 'ready again');
    expect(first.pings).toBeGreaterThan(0);
    expect(first.closed?.by).toBe('terminate');
    expect(logger.warns.some((w) => w.includes('did not answer a ping'))).toBe(true);
    await session.dispose('server_shutdown');
  });

  test('bad frames are dropped and counted; the session carries on', async () => {
    const cloud = new MemoryCloud();
    const { session, logger } = makeSession(cloud);
    await session.connect();
    const seen: unknown[] = [];
    session.addHandler('button_press', (d) => seen.push(d));
    for (const bad of ['not json', '[1,2]', '{"no":"type"}', 'null']) cloud.last.push(bad);
    cloud.last.push({ type: 'data_stream', streamType: 'button_press', data: { buttonId: 'main', pressType: 'long' } });
    await until(() => seen.length === 1, 'the good frame after the bad ones');
    expect(session.droppedFrames).toBe(4);
    expect(logger.warns[0]).toMatch(/Dropped a frame from the cloud because it is not valid JSON/);
    await session.dispose('server_shutdown');
  });

  test('one isolation rule: a throwing or rejecting listener of any kind reaches reportError and disturbs nothing else', async () => {
    const cloud = new MemoryCloud();
    const { session, errors } = makeSession(cloud);
    await session.connect();
    const calls: string[] = [];
    session.addHandler('button_press', () => {
      throw new Error('stream handler threw');
    });
    session.addHandler('button_press', () => void calls.push('stream'));
    session.onMessage('custom_message', async () => {
      throw new Error('message listener rejected');
    });
    session.onMessage('custom_message', () => void calls.push('message'));
    session.settings.onAppChange(async () => {
      throw new Error('settings listener rejected');
    });
    session.settings.onAppChange(() => void calls.push('settings'));
    cloud.last.push({ type: 'data_stream', streamType: 'button_press', data: { buttonId: 'main', pressType: 'short' } });
    cloud.last.push({ type: 'custom_message', payload: 1 });
    cloud.last.push({ type: 'settings_update', settings: [{ key: 'k', value: 2 }] });
    await until(() => errors.length === 3 && calls.length === 3, 'three errors and three calls');
    expect(calls.sort()).toEqual(['message', 'settings', 'stream']);
    expect(errors.map((e) => e.message).sort()).toEqual(['message listener rejected', 'settings listener rejected', 'stream handler threw']);
    expect(session.state).toBe('ready');
    await session.dispose('server_shutdown');
  });

  test('onEnd and closed run exactly once however often the session is ended', async () => {
    const cloud = new MemoryCloud();
    const { session, ends } = makeSession(cloud);
    await session.connect();
    let closed = 0;
    session.on('closed', () => closed++);
    await Promise.all([session.dispose('app_disconnect'), session.dispose('app_disconnect'), session.dispose('server_shutdown')]);
    cloud.last.drop(1000);
    await new Promise((r) => setImmediate(r));
    expect(ends).toEqual(['app_disconnect']);
    expect(closed).toBe(1);
    expect(cloud.last.closed).toMatchObject({ code: 1000, by: 'app' });
  });

  test('a send on a closed session returns false and writes nothing', async () => {
    const cloud = new MemoryCloud();
    const { session } = makeSession(cloud);
    await session.connect();
    await session.dispose('server_shutdown');
    const before = cloud.last.received.length;
    expect(session.send({ type: 'display_event', view: 'main' })).toBe(false);
    expect(cloud.last.received.length).toBe(before);
  });

  test('a full queue while reconnecting refuses the message and reports queue_full', async () => {
    const cloud = new MemoryCloud();
    const { session, errors } = makeSession(cloud, { queueLimit: 2 });
    await session.connect();
    cloud.autoAccept = false;
    cloud.last.drop(1006);
    await until(() => session.state === 'reconnecting', 'reconnecting');
    expect(session.send({ type: 'dashboard_mode_change' })).toBe(true);
    expect(session.send({ type: 'ownership_release' })).toBe(true);
    expect(session.send({ type: 'audio_stop_request', requestId: 'r1' })).toBe(false);
    expect(errors).toEqual([expect.any(SdkError)]);
    expect(errors[0]).toMatchObject({ code: 'queue_full', details: { type: 'audio_stop_request', requestId: 'r1' } });
    await session.dispose('server_shutdown');
  });
});
