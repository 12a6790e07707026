/**
 * The connection (`src/core/session/connection.ts`) on its own, under a recording host and a scripted
 * transport whose sockets the test drives by hand, one event at a time. This reaches what the session
 * above it never lets happen and a real socket cannot stage on demand: a replaced socket still reporting,
 * a host that ends the connection from inside a callback, and the timers the connection leaves behind
 * (jest's fake timers count them, so a leaked timer is seen without waiting for it).
 */
import { SdkError } from '../../src/core/errors';
import type { Logger } from '../../src/core/logger';
import { Connection, type ConnectionOptions } from '../../src/core/session/connection';
import { HandshakeGate, RECONNECT_DEFAULTS } from '../../src/core/session/reconnect';
import type { DisconnectInfo, LostReason } from '../../src/core/session/session-types';
import type { SocketEvents, TransportSocket } from '../../src/core/session/transport';
import { captureLogger } from '../helpers/apps';

/** One socket of the scripted transport: records what the connection does to it; the test plays the cloud. */
class Scripted implements TransportSocket {
  isOpen = false;
  readonly sent: string[] = [];
  readonly binaries: Uint8Array[] = [];
  readonly closes: Array<[number, string]> = [];
  pings = 0;
  terminated = false;

  constructor(readonly events: SocketEvents) {}

  send(text: string): void {
    this.sent.push(text);
  }
  sendBinary(data: Uint8Array): void {
    this.binaries.push(data);
  }
  ping(): void {
    this.pings++;
  }
  close(code: number, reason: string): Promise<void> {
    this.closes.push([code, reason]);
    this.isOpen = false;
    return Promise.resolve();
  }
  terminate(): void {
    this.terminated = true;
    this.isOpen = false;
  }

  /** The cloud accepts the socket (the connection then writes its init). */
  accept(): this {
    this.isOpen = true;
    this.events.open();
    return this;
  }
  frame(frame: Record<string, unknown>): void {
    this.events.text(JSON.stringify(frame));
  }
  ack(): void {
    this.frame({ type: 'tpa_connection_ack', sessionId: 'unit-session', settings: [] });
  }
  drop(code: number, reason = ''): void {
    this.isOpen = false;
    this.events.close(code, reason);
  }
}

type Call = [string, ...unknown[]];

/** A connection over scripted sockets, with every host callback recorded in order. */
function connection(opts: Partial<ConnectionOptions> = {}, on: Partial<Record<'down' | 'error' | 'frame', (conn: Connection) => void>> = {}) {
  const sockets: Scripted[] = [];
  const calls: Call[] = [];
  const logger = captureLogger();
  const conn: Connection = new Connection(
    {
      url: 'ws://cloud.invalid/app-ws',
      sessionId: 'unit-session',
      packageName: 'com.example.unit',
      apiKey: 'unit-api-key',
      handshakeTimeoutMs: 50,
      pingIntervalMs: 0,
      ...opts,
      reconnect: { ...RECONNECT_DEFAULTS, baseDelayMs: 10, maxDelayMs: 10, ...opts.reconnect },
      transport: (_url, events) => {
        const socket = new Scripted(events);
        sockets.push(socket);
        return socket;
      },
    },
    {
      logger: logger as unknown as Logger,
      onCloudFrame: (frame) => {
        calls.push(['frame', frame.type]);
        on.frame?.(conn);
      },
      onCloudBinary: (data) => void calls.push(['binary', data.length]),
      onFrameDropped: (why) => void calls.push(['dropped', why]),
      onLinkUp: (attempt) => void calls.push(['up', attempt]),
      onLinkDown: (info: DisconnectInfo) => {
        calls.push(['down', info.code, info.willReconnect]);
        on.down?.(conn);
      },
      onLinkLost: (reason: LostReason, code?: number) => void calls.push(['lost', reason, code]),
      reportError: (err) => {
        calls.push(['error', err.message]);
        on.error?.(conn);
      },
    },
  );
  const last = () => sockets[sockets.length - 1] as Scripted;
  /** Opens and acknowledges the first socket. */
  const up = async () => {
    const opening = conn.open();
    sockets[0]?.accept().ack();
    await opening;
  };
  return { conn, sockets, calls, logger, last, up };
}

/** Lets the promise continuations the connection queued run (no timer involved). */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
});
afterEach(() => {
  jest.useRealTimers();
});

test('a frame can be written only on an acknowledged socket that is open', async () => {
  const { conn, sockets } = connection();
  expect([conn.ready, conn.send('a'), conn.sendBinary(new Uint8Array(1))]).toEqual([false, false, false]);

  const opening = conn.open();
  const first = sockets[0] as Scripted;
  first.accept();
  expect([conn.ready, conn.send('during the handshake'), conn.sendBinary(new Uint8Array(1))]).toEqual([false, false, false]);
  expect(first.sent.map((t) => JSON.parse(t).type)).toEqual(['tpa_connection_init']);
  expect(first.binaries).toEqual([]);

  first.ack();
  await opening;
  expect([conn.ready, conn.isOpen, conn.send('after'), conn.sendBinary(new Uint8Array([7]))]).toEqual([true, true, true, true]);
  expect(first.sent.slice(1)).toEqual(['after']);
  expect(first.binaries).toEqual([new Uint8Array([7])]);

  // The socket stopped being writable before its close was reported.
  first.isOpen = false;
  expect([conn.ready, conn.send('late'), conn.sendBinary(new Uint8Array(2))]).toEqual([false, false, false]);
  expect(first.sent.slice(1)).toEqual(['after']);
  await conn.close('done');
});

test('a socket being reconnected is not written to before its own ack', async () => {
  const { conn, sockets, calls, up } = connection();
  await up();
  (sockets[0] as Scripted).drop(1006);
  jest.advanceTimersByTime(20);
  const second = sockets[1] as Scripted;
  second.accept();
  expect([conn.ready, conn.send('too early'), conn.sendBinary(new Uint8Array(1))]).toEqual([false, false, false]);
  expect(second.sent.map((t) => JSON.parse(t).type)).toEqual(['tpa_connection_init']);
  second.ack();
  await settled();
  expect(calls.filter((c) => c[0] === 'up')).toEqual([
    ['up', 0],
    ['up', 1],
  ]);
  expect(conn.send('now')).toBe(true);
  await conn.close('done');
});

test('the ack leaves no timer behind, and only an ack ends the handshake', async () => {
  const { conn, sockets, calls } = connection();
  const opening = conn.open();
  let opened = false;
  void opening.then(() => (opened = true));
  const first = (sockets[0] as Scripted).accept();
  first.frame({ type: 'data_stream', streamType: 'transcription', data: { text: 'early' } });
  await settled();
  expect(opened).toBe(false);
  first.ack();
  await opening;
  expect(jest.getTimerCount()).toBe(0);
  // A second ack is handed on like any frame and changes nothing.
  expect(() => first.ack()).not.toThrow();
  expect(calls).toEqual([
    ['frame', 'data_stream'],
    ['frame', 'tpa_connection_ack'],
    ['up', 0],
    ['frame', 'tpa_connection_ack'],
  ]);
  await conn.close('done');
});

test('a handler that throws costs its frame only, named by a type cut at 40 characters', async () => {
  const { conn, last, calls, up } = connection(
    {},
    {
      frame: () => {
        throw new Error('handler broke');
      },
    },
  );
  await expect(up()).resolves.toBeUndefined();
  last().frame({ type: 'x'.repeat(60) });
  expect(calls.filter((c) => c[0] === 'dropped')).toEqual([
    ['dropped', 'handling tpa_connection_ack failed: handler broke'],
    ['dropped', `handling ${'x'.repeat(40)} failed: handler broke`],
  ]);
  expect(conn.ready).toBe(true);
  await conn.close('done');
});

test('every frame, binary frame and ping of the current socket is a sign of life; a replaced socket says nothing', async () => {
  const { conn, sockets, calls, last, up } = connection();
  await up();
  const first = sockets[0] as Scripted;
  for (const signal of [() => first.frame({ type: 'custom' }), () => first.events.binary(new Uint8Array(3)), () => first.events.alive()]) {
    conn.alive = false;
    signal();
    expect(conn.alive).toBe(true);
  }

  conn.restart();
  expect(first.terminated).toBe(true);
  last().accept().ack();
  await settled();
  const before = calls.length;
  conn.alive = false;
  first.frame({ type: 'custom' });
  first.events.binary(new Uint8Array(3));
  first.events.alive();
  first.drop(1000);
  expect(conn.alive).toBe(false);
  expect(calls.length).toBe(before);
  expect(conn.ready).toBe(true);
  await conn.close('done');
});

test('restart() does nothing during a handshake or after the end; on a live socket it drops it and stops its pings', async () => {
  const { conn, sockets, calls } = connection({ pingIntervalMs: 1000 });
  const opening = conn.open();
  const first = (sockets[0] as Scripted).accept();
  conn.restart();
  expect([first.terminated, sockets.length, calls]).toEqual([false, 1, []]);
  first.ack();
  await opening;
  expect(jest.getTimerCount()).toBe(1); // the liveness sweep

  conn.restart();
  expect(first.terminated).toBe(true);
  expect(calls.slice(-1)).toEqual([['down', 1006, true]]);
  expect(sockets.length).toBe(2);
  expect(jest.getTimerCount()).toBe(1); // the new handshake's timer; the sweep stopped with the old socket

  await conn.close('done');
  conn.restart();
  expect(sockets.length).toBe(2);
  expect(jest.getTimerCount()).toBe(0);
});

test('restart() while waiting to reconnect does nothing: the planned attempt is the only one', async () => {
  const { conn, sockets, calls, up } = connection();
  await up();
  (sockets[0] as Scripted).drop(1006);
  expect(() => conn.restart()).not.toThrow();
  expect([sockets.length, calls.filter((c) => c[0] === 'down').length, jest.getTimerCount()]).toEqual([1, 1, 1]);
  jest.advanceTimersByTime(20);
  expect(sockets.length).toBe(2);
  await conn.close('done');
});

test('a host that ends the connection while hearing of a drop stops every reconnect', async () => {
  for (const drop of [(_c: Connection, s: Scripted) => s.drop(1006), (c: Connection) => c.restart()]) {
    const { conn, sockets, calls, up } = connection({ pingIntervalMs: 1000 }, { down: (c) => void c.close('the app ended') });
    await up();
    drop(conn, sockets[0] as Scripted);
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(1000);
    expect(sockets.length).toBe(1);
    expect(calls.filter((c) => c[0] === 'lost')).toEqual([]);
  }
});

test('a drop leaves only the reconnect timer; closing then clears it and no socket follows', async () => {
  const { conn, sockets, up } = connection({ pingIntervalMs: 1000 });
  await up();
  expect(jest.getTimerCount()).toBe(1);
  (sockets[0] as Scripted).drop(1006);
  expect(jest.getTimerCount()).toBe(1);
  await conn.close('done');
  expect(jest.getTimerCount()).toBe(0);
  jest.advanceTimersByTime(1000);
  expect(sockets.length).toBe(1);
});

test('close() closes the socket politely once; the liveness sweep stops with it', async () => {
  const { conn, sockets, up } = connection({ pingIntervalMs: 1000 });
  await up();
  await conn.close('done');
  await conn.close('again');
  expect((sockets[0] as Scripted).closes).toEqual([[1000, 'App session ended']]);
  expect(jest.getTimerCount()).toBe(0);
});

test('a failed handshake drops its socket: a later close() does not close it again', async () => {
  const { conn, sockets } = connection();
  const opening = conn.open();
  (sockets[0] as Scripted).accept();
  jest.advanceTimersByTime(50);
  await expect(opening).rejects.toMatchObject({ code: 'handshake_timeout' });
  expect((sockets[0] as Scripted).terminated).toBe(true);
  await conn.close('done');
  expect((sockets[0] as Scripted).closes).toEqual([]);
});

test('ending the connection during a reconnect handshake ends the attempts too', async () => {
  const { conn, sockets, logger, up } = connection();
  await up();
  (sockets[0] as Scripted).drop(1006);
  jest.advanceTimersByTime(20);
  (sockets[1] as Scripted).accept();
  await conn.close('done');
  await settled();
  expect((sockets[1] as Scripted).terminated).toBe(true);
  expect(jest.getTimerCount()).toBe(0);
  expect(logger.lines.filter((l) => l.text.startsWith('Reconnect attempt'))).toEqual([]);
  jest.advanceTimersByTime(1000);
  expect(sockets.length).toBe(2);
});

test('an ack followed at once by the end does not bring the link up', async () => {
  const { conn, sockets, calls, up } = connection({ pingIntervalMs: 1000 });
  await up();
  (sockets[0] as Scripted).drop(1006);
  jest.advanceTimersByTime(20);
  (sockets[1] as Scripted).accept().ack();
  void conn.close('done');
  await settled();
  expect(calls.filter((c) => c[0] === 'up')).toEqual([['up', 0]]);
  expect(jest.getTimerCount()).toBe(0);
});

test('a failed reconnect attempt is logged by number and reason, frees its handshake slot and is retried', async () => {
  const gate = new HandshakeGate(1);
  const { conn, sockets, logger, up } = connection({ handshakeGate: gate });
  await up();
  (sockets[0] as Scripted).drop(1006);
  jest.advanceTimersByTime(20);
  expect(gate.running).toBe(1);
  jest.advanceTimersByTime(50);
  await settled();
  expect(gate.running).toBe(0);
  expect(logger.lines.filter((l) => l.text.startsWith('Reconnect attempt'))).toEqual([
    { level: 'debug', text: 'Reconnect attempt 1 failed: The cloud did not acknowledge the connection within 50 ms' },
  ]);
  jest.advanceTimersByTime(20);
  expect(sockets.length).toBe(3);
  await conn.close('done');
});

test('an error after the ack is logged at debug and nothing else; during the handshake it is the cause of the failure', async () => {
  const { conn, sockets, logger, calls, up } = connection();
  await up();
  expect(() => (sockets[0] as Scripted).events.error(new Error('boom'))).not.toThrow();
  expect(logger.lines).toEqual([{ level: 'debug', text: 'WebSocket error: boom' }]);
  expect(calls).toEqual([
    ['frame', 'tpa_connection_ack'],
    ['up', 0],
  ]);
  expect(conn.ready).toBe(true);
  await conn.close('done');

  const other = connection();
  const opening = other.conn.open();
  const cause = new Error('ECONNREFUSED');
  (other.sockets[0] as Scripted).events.error(cause);
  const err = await opening.catch((e: SdkError) => e);
  expect(err).toBeInstanceOf(SdkError);
  expect((err as SdkError).cause).toBe(cause);
});

test('pings and zombies without a socket do nothing', async () => {
  const { conn, logger, sockets } = connection({ pingIntervalMs: 1000, appPing: true });
  expect(() => conn.ping()).not.toThrow();
  expect(() => conn.onZombie()).not.toThrow();
  expect(logger.lines).toEqual([]);
  expect(sockets).toEqual([]);
});

test('a refusal on a live socket whose report ends the connection is not reported lost twice', async () => {
  const { conn, calls, last, up } = connection({}, { error: (c) => void c.close('the app ended') });
  await up();
  last().frame({ type: 'tpa_connection_error', code: 'KICKED' });
  expect(calls.filter((c) => c[0] === 'error' || c[0] === 'lost')).toEqual([['error', 'The cloud refused the app (KICKED)']]);
  expect(conn.ready).toBe(false);
});

test('a refusal during a reconnect whose report ends the connection is not reported lost', async () => {
  const { calls, sockets, up } = connection({}, { error: (c) => void c.close('the app ended') });
  await up();
  (sockets[0] as Scripted).drop(1006);
  jest.advanceTimersByTime(20);
  (sockets[1] as Scripted).accept().frame({ type: 'tpa_connection_error', code: 'GONE' });
  await settled();
  expect(calls.filter((c) => c[0] === 'error' || c[0] === 'lost')).toEqual([['error', 'The cloud refused the app (GONE)']]);
  expect(jest.getTimerCount()).toBe(0);
});
