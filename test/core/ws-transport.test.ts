/**
 * The `ws` transport (`wsTransport`), the one place the engine touches a socket library, on real sockets
 * over 127.0.0.1: what it reports (open, text and binary frames, pings and pongs, close, errors), what
 * `isOpen` says when, a polite close (answered, unanswered, on a socket not yet open or already gone) and
 * `terminate()` (nothing reported after it, even for a socket still opening).
 * The polite close's wait is a timer: those tests fake `setTimeout` alone, so no test waits it out.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { CLOSE_WAIT_MS, type SocketEvents, type TransportSocket, wsTransport } from '../../src/core/session/transport';

let wss: WebSocketServer;
let url: string;
/** The server's end of each connection, in order. */
const peers: WebSocket[] = [];
let nextPeer: (ws: WebSocket) => void = () => {};

/** A TCP server that completes WebSocket upgrades and then never reads or answers anything (a peer that hangs). */
let mute: Server;
let muteUrl: string;
const muteSockets: Socket[] = [];
/** A TCP server that accepts connections and never answers the upgrade. */
let silent: Server;
let silentUrl: string;
let nextSilent: (socket: Socket) => void = () => {};

beforeAll(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', (ws) => {
    peers.push(ws);
    nextPeer(ws);
  });
  await once(wss, 'listening');
  url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;

  mute = createServer((socket) => {
    muteSockets.push(socket);
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      const key = /sec-websocket-key: *(\S+)/i.exec(head)?.[1] ?? '';
      const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    };
    socket.on('data', onData);
    socket.on('error', () => {});
  });
  mute.listen(0, '127.0.0.1');
  await once(mute, 'listening');
  muteUrl = `ws://127.0.0.1:${(mute.address() as AddressInfo).port}/`;

  silent = createServer((socket) => {
    socket.on('error', () => {});
    nextSilent(socket);
  });
  silent.listen(0, '127.0.0.1');
  await once(silent, 'listening');
  silentUrl = `ws://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
});

afterEach(() => {
  jest.useRealTimers();
  for (const s of muteSockets.splice(0)) s.destroy();
});

afterAll(async () => {
  for (const ws of wss.clients) ws.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await new Promise<void>((resolve) => mute.close(() => resolve()));
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

type Seen = ['open'] | ['text', string] | ['binary', Buffer] | ['alive'] | ['close', number, string] | ['error', string];

/** Events as the transport reports them, in order, with a way to wait for the next one of a kind. */
function recorder() {
  const seen: Seen[] = [];
  const waiters: Array<{ kind: string; resolve: (e: Seen) => void }> = [];
  const note = (e: Seen) => {
    seen.push(e);
    for (const w of waiters.filter((w) => w.kind === e[0])) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(e);
    }
  };
  const events: SocketEvents = {
    open: () => note(['open']),
    text: (data) => note(['text', data]),
    binary: (data) => note(['binary', Buffer.from(data)]),
    alive: () => note(['alive']),
    close: (code, reason) => note(['close', code, reason]),
    error: (err) => note(['error', err.message]),
  };
  const next = (kind: Seen[0]) => new Promise<Seen>((resolve) => waiters.push({ kind, resolve }));
  return { seen, events, next };
}

/** Opens a transport socket to the ws server and waits until both ends are up. */
async function connected() {
  const rec = recorder();
  const peer = new Promise<WebSocket>((resolve) => (nextPeer = resolve));
  const opened = rec.next('open');
  const socket = wsTransport(url, rec.events);
  const [server] = await Promise.all([peer, opened]);
  return { socket, server, ...rec };
}

/** True when `p` has settled by the time a macrotask ran (it did not wait on a timer or the network). */
async function settledAtOnce(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

test('frames arrive as what they are: text as a string, binary as bytes', async () => {
  const { server, next } = await connected();
  const text = next('text');
  server.send('{"type":"hello"}');
  expect(await text).toEqual(['text', '{"type":"hello"}']);
  const binary = next('binary');
  server.send(Buffer.from([0, 1, 2, 255]), { binary: true });
  expect(await binary).toEqual(['binary', Buffer.from([0, 1, 2, 255])]);
});

test('what the app writes reaches the peer: text frames as text, binary frames as binary', async () => {
  const { socket, server } = await connected();
  const got: Array<[string, boolean]> = [];
  const two = new Promise<void>((resolve) =>
    server.on('message', (data, isBinary) => {
      got.push([isBinary ? `bytes:${Buffer.from(data as Buffer).toString('hex')}` : String(data), isBinary]);
      if (got.length === 2) resolve();
    }),
  );
  socket.send('{"type":"x"}');
  socket.sendBinary(new Uint8Array([7, 8, 9]));
  await two;
  expect(got).toEqual([
    ['{"type":"x"}', false],
    ['bytes:070809', true],
  ]);
});

test("the peer's ping and the answer to the app's ping both count as signs of life", async () => {
  const { socket, server, next } = await connected();
  let alive = next('alive');
  server.ping();
  expect(await alive).toEqual(['alive']);
  alive = next('alive');
  const pinged = once(server, 'ping');
  socket.ping();
  await pinged;
  expect(await alive).toEqual(['alive']);
});

test('isOpen is false while opening, true once open, false once closed; the close is reported with its code and reason', async () => {
  const rec = recorder();
  const opened = rec.next('open');
  const socket = wsTransport(url, rec.events);
  expect(socket.isOpen).toBe(false);
  await opened;
  expect(socket.isOpen).toBe(true);
  const closed = rec.next('close');
  peers[peers.length - 1].close(4000, 'bye');
  expect(await closed).toEqual(['close', 4000, 'bye']);
  expect(socket.isOpen).toBe(false);
});

test('a socket that cannot connect reports an error (and then its close)', async () => {
  const rec = recorder();
  const port = await freePort();
  const error = rec.next('error');
  const closed = rec.next('close');
  const socket = wsTransport(`ws://127.0.0.1:${port}/`, rec.events);
  expect((await error)[1]).toMatch(/ECONNREFUSED/);
  await closed;
  expect(socket.isOpen).toBe(false);
});

test('a polite close sends the code and reason, waits for the answer and leaves no timer behind', async () => {
  const { socket, server, seen } = await connected();
  jest.useFakeTimers({
    doNotFake: ['Date', 'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval'],
  });
  const heard = once(server, 'close');
  await socket.close(1000, 'App session ended');
  const [code, reason] = await heard;
  expect([code, String(reason)]).toEqual([1000, 'App session ended']);
  expect(jest.getTimerCount()).toBe(0);
  expect(seen.at(-1)).toEqual(['close', 1000, 'App session ended']);
});

test(`a polite close the peer never answers ends the socket after ${CLOSE_WAIT_MS} ms`, async () => {
  const rec = recorder();
  const opened = rec.next('open');
  const socket = wsTransport(muteUrl, rec.events);
  await opened;
  jest.useFakeTimers({
    doNotFake: ['Date', 'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval'],
  });
  const closing = socket.close(1000, 'App session ended');
  expect(await settledAtOnce(closing)).toBe(false);
  const dropped = once(muteSockets[muteSockets.length - 1], 'close');
  jest.advanceTimersByTime(CLOSE_WAIT_MS);
  await closing;
  await dropped;
  expect(socket.isOpen).toBe(false);
});

test('closing a socket that is still opening drops it at once; closing one already gone resolves at once', async () => {
  const rec = recorder();
  const socket = wsTransport(silentUrl, rec.events);
  jest.useFakeTimers({
    doNotFake: ['Date', 'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval'],
  });
  await socket.close(1000, 'App session ended');
  expect(rec.seen.some((e) => e[0] === 'open')).toBe(false);
  expect(await settledAtOnce(socket.close(1000, 'again'))).toBe(true);
});

test('after terminate() nothing more is reported, even for a socket still opening (whose abort is an error)', async () => {
  const { socket, server, seen } = await connected();
  const before = seen.length;
  const gone = once(server, 'close');
  socket.terminate();
  await gone;
  await new Promise((resolve) => setImmediate(resolve));
  expect(seen.slice(before)).toEqual([]);
  expect(socket.isOpen).toBe(false);

  const rec = recorder();
  const accepted = new Promise<Socket>((resolve) => (nextSilent = resolve));
  const opening: TransportSocket = wsTransport(silentUrl, rec.events);
  const serverEnd = await accepted;
  const aborted = once(serverEnd, 'close');
  opening.terminate();
  // ws reports the abort of an opening socket as an error on a later tick, before the peer sees the connection
  // go: nothing may reach the events, and nothing may throw
  await aborted;
  await new Promise((resolve) => setImmediate(resolve));
  expect(rec.seen).toEqual([]);
});

/** A port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
