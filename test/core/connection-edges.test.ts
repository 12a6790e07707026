/**
 * The connection under a session (`src/core/session/connection.ts`), over the in-memory transport, at the
 * edges the other session tests pass by: the words of each way a handshake fails, the 3.0.0-hono app-level
 * ping, binary frames, what a replaced socket may still say, `restart()`, a refusal on a live socket, and a
 * close during the handshake.
 */
import { SdkError } from '../../src/core/errors';
import { awaitingAck, initOn, MemoryCloud, memorySession as makeSession, until } from './memory-transport';

test('a close before the ack names its code and reason (or only its code), and carries the code', async () => {
  const withReason = await awaitingAck();
  withReason.cloud.last.drop(4000, 'going away');
  const err = await withReason.connecting.then(
    () => undefined,
    (e: SdkError) => e,
  );
  expect(err).toBeInstanceOf(SdkError);
  expect([err?.code, err?.message, err?.details]).toEqual([
    'connect_failed',
    'The cloud closed the connection (4000 going away) before acknowledging it',
    { closeCode: 4000 },
  ]);

  const bare = await awaitingAck();
  bare.cloud.last.drop(4001);
  await expect(bare.connecting).rejects.toThrow(/^The cloud closed the connection \(4001\) before acknowledging it$/);
});

test('a socket that cannot connect names the host it tried (never the whole URL), or that the URL is not one', async () => {
  const cloud = new MemoryCloud();
  cloud.autoAccept = false;
  const { session } = makeSession(cloud, { url: 'ws://cloud.invalid:8443/app-ws?token=private' });
  const connecting = session.connect();
  await cloud.until(() => cloud.sockets.length === 1, 'the socket');
  cloud.last.fail('connect ECONNREFUSED');
  await expect(connecting).rejects.toMatchObject({
    code: 'connect_failed',
    message: 'Could not connect to the cloud at cloud.invalid:8443: connect ECONNREFUSED',
  });

  const other = new MemoryCloud();
  other.autoAccept = false;
  const broken = makeSession(other, { url: 'not a url' });
  const failing = broken.session.connect();
  await other.until(() => other.sockets.length === 1, 'the socket');
  other.last.fail('no route');
  await expect(failing).rejects.toThrow('Could not connect to the cloud at (invalid URL): no route');
});

test("a refusal's message is cut at 300 characters; one without a message names only the code", async () => {
  const long = await awaitingAck();
  long.cloud.last.push({ type: 'tpa_connection_error', code: 'INVALID_API_KEY', message: 'k'.repeat(400) });
  await expect(long.connecting).rejects.toMatchObject({ message: `The cloud refused the app (INVALID_API_KEY): ${'k'.repeat(300)}` });

  const bare = await awaitingAck();
  bare.cloud.last.push({ type: 'tpa_connection_error', code: 'NOT_ALLOWED' });
  const err = await bare.connecting.catch((e: Error) => e);
  expect((err as Error).message).toBe('The cloud refused the app (NOT_ALLOWED)');
});

test('ending a session during its handshake rejects the connect with session_closed', async () => {
  const { session, connecting } = await awaitingAck();
  void session.dispose('server_shutdown');
  await expect(connecting).rejects.toMatchObject({ code: 'session_closed', message: 'Session unit-session ended (server_shutdown) during the handshake' });
});

test('with appPing each liveness ping also writes {"type":"ping"}; without it, none', async () => {
  for (const appPing of [true, false]) {
    const cloud = new MemoryCloud();
    const { session } = makeSession(cloud, { pingIntervalMs: 20, appPing });
    await session.connect();
    await cloud.last.until(() => cloud.last.pings >= 2, 'two pings');
    const textPings = cloud.last.framesOf('ping');
    expect(textPings.length).toBe(appPing ? cloud.last.pings : 0);
    if (appPing) expect(textPings[0]).toEqual({ type: 'ping' });
    await session.dispose('server_shutdown');
  }
});

test('binary frames reach audio handlers as chunks, and go out only on an acknowledged socket', async () => {
  const { session, cloud, connecting } = await awaitingAck();
  expect(session.sendBinary(new Uint8Array([1]))).toBe(false);
  cloud.last.ack();
  await connecting;
  const chunks: number[][] = [];
  session.addHandler('audio_chunk', (d) => chunks.push([...new Uint8Array((d as { arrayBuffer: ArrayBuffer }).arrayBuffer)]));
  cloud.last.pushBinary(new Uint8Array([5, 6, 7]));
  await until(() => chunks.length === 1, 'the chunk');
  expect(chunks).toEqual([[5, 6, 7]]);
  expect(session.sendBinary(new Uint8Array([9, 8]))).toBe(true);
  expect(cloud.last.binaries.map((b) => [...b])).toEqual([[9, 8]]);
  await session.dispose('server_shutdown');
  expect(session.sendBinary(new Uint8Array([1]))).toBe(false);
});

test('restart() replaces the socket: the old one is dropped, and what it still delivers is ignored', async () => {
  const cloud = new MemoryCloud();
  const { session } = makeSession(cloud);
  await session.connect();
  const seen: unknown[] = [];
  const downs: unknown[] = [];
  session.on('disconnected', (info) => downs.push(info));
  session.addHandler('button_press', (d) => seen.push(d));
  const first = cloud.last;
  session.restart();
  expect(first.closed?.by).toBe('terminate');
  expect(downs).toEqual([
    {
      message: 'Connection closed (code: 1006): reconnect requested by the app',
      code: 1006,
      reason: 'reconnect requested by the app',
      wasClean: false,
      willReconnect: true,
      permanent: false,
    },
  ]);
  await cloud.until(() => cloud.sockets.length === 2, 'a new socket');
  await until(() => session.state === 'ready', 'ready again');
  // the old socket's frames (a terminated socket reports none, so they are played through its events directly)
  first.events.text(JSON.stringify({ type: 'data_stream', streamType: 'button_press', data: { buttonId: 'old' } }));
  first.events.binary(new Uint8Array([1]));
  first.events.close(1006, 'late');
  cloud.last.push({ type: 'data_stream', streamType: 'button_press', data: { buttonId: 'new' } });
  await until(() => seen.length >= 1, 'the new press');
  expect(seen).toEqual([{ buttonId: 'new' }]);
  expect(session.state).toBe('ready');
  expect(downs).toHaveLength(1);
  await session.dispose('server_shutdown');
});

test('restart() does nothing before the first ack or after the end', async () => {
  const { session, cloud, connecting } = await awaitingAck();
  session.restart();
  expect(cloud.sockets).toHaveLength(1);
  cloud.last.ack();
  await connecting;
  await session.dispose('server_shutdown');
  session.restart();
  expect(cloud.sockets).toHaveLength(1);
});

test('a refusal on a live socket is reported and ends the session with connection_error, no reconnect', async () => {
  const cloud = new MemoryCloud();
  const { session, ends, errors } = makeSession(cloud);
  await session.connect();
  cloud.last.push({ type: 'tpa_connection_error', code: 'SESSION_REVOKED', message: 'revoked' });
  await until(() => ends.length === 1, 'the end');
  expect(ends).toEqual(['connection_error']);
  expect(errors.map((e) => e.message)).toEqual(['The cloud refused the app (SESSION_REVOKED): revoked']);
  expect(cloud.sockets).toHaveLength(1);
  expect(cloud.last.closed).toMatchObject({ code: 1000, by: 'app' });
});

test('each drop tells the session its code, reason and cleanliness, and whether a reconnect follows', async () => {
  const cloud = new MemoryCloud();
  const { session } = makeSession(cloud);
  await session.connect();
  const downs: unknown[] = [];
  session.on('disconnected', (info) => downs.push(info));
  for (const [code, reason] of [
    [1001, 'going away'],
    [1006, ''],
  ] as const) {
    const before = cloud.sockets.length;
    cloud.last.drop(code, reason);
    await cloud.until(() => cloud.sockets.length === before + 1, 'a new socket');
    await until(() => session.state === 'ready', 'ready again');
  }
  cloud.last.drop(1000, 'done');
  await until(() => session.state === 'closed', 'the end');
  expect(downs).toEqual([
    { message: 'Connection closed (code: 1001): going away', code: 1001, reason: 'going away', wasClean: true, willReconnect: true, permanent: false },
    { message: 'Connection closed (code: 1006)', code: 1006, reason: '', wasClean: false, willReconnect: true, permanent: false },
    { message: 'Connection closed (code: 1000): done', code: 1000, reason: 'done', wasClean: true, willReconnect: false, permanent: true },
  ]);
});

test('a socket that misses a ping is reported as a 1006 with its reason; the session ends its socket with 1000 and its reason', async () => {
  const cloud = new MemoryCloud();
  const { session } = makeSession(cloud, { pingIntervalMs: 20 });
  await session.connect();
  const downs: Array<{ reason: string; code: number }> = [];
  session.on('disconnected', (info) => downs.push(info));
  cloud.last.answerPings = false;
  await cloud.until(() => cloud.sockets.length === 2, 'a second socket');
  expect(downs[0]).toMatchObject({ code: 1006, reason: 'no answer to pings', message: 'Connection closed (code: 1006): no answer to pings' });
  await until(() => session.state === 'ready', 'ready again');
  await session.dispose('server_shutdown');
  expect(cloud.last.closed).toEqual({ code: 1000, reason: 'App session ended', by: 'app' });
});

test('a handshake timeout says how long it waited', async () => {
  const { connecting } = await awaitingAck({ handshakeTimeoutMs: 40 });
  await expect(connecting).rejects.toMatchObject({ code: 'handshake_timeout', message: 'The cloud did not acknowledge the connection within 40 ms' });
});

test('a reconnect whose socket fails before the ack is retried; only a refusal ends the session', async () => {
  const cloud = new MemoryCloud();
  const { session, ends } = makeSession(cloud);
  await session.connect();
  cloud.autoAck = false;
  cloud.last.drop(1006);
  await initOn(cloud, 2, 'the second init');
  cloud.last.drop(4000, 'not now');
  await initOn(cloud, 3, 'the third init');
  cloud.last.ack();
  await until(() => session.state === 'ready', 'ready again');
  expect(ends).toEqual([]);
  await session.dispose('server_shutdown');
});

test('reconnects that never succeed end the session when the budget is spent, saying so', async () => {
  const cloud = new MemoryCloud();
  const { session, ends, logger } = makeSession(cloud, { handshakeTimeoutMs: 20, reconnect: { budgetMs: 60 } });
  await session.connect();
  cloud.autoAck = false;
  cloud.last.drop(1006);
  await until(() => ends.length === 1, 'the end');
  expect(ends).toEqual(['transport_lost']);
  expect(logger.warns).toContain('Could not reconnect within 60 ms; ending the session');
});
