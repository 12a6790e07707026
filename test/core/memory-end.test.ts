/**
 * The in-memory transport itself (`memoryTransport`, `MemoryEnd`), which the session's unit tests and the
 * micro benchmark stand on: it must behave as a socket does, or what they show means nothing. Both ends are
 * driven by hand: the test is the cloud, a recorder is the app, and deferred events run when the test says.
 */
import { type Defer, MemoryEnd, type MemoryPeer, memoryTransport } from '../../src/core/session/memory-transport';
import type { SocketEvents } from '../../src/core/session/transport';

/** A scheduler the test runs by hand. */
function manual() {
  const queue: Array<() => unknown> = [];
  const defer: Defer = (fn) => void queue.push(fn);
  const flush = () => {
    while (queue.length) queue.shift()?.();
  };
  return { defer, flush, queue };
}

/** What the app's end is told, in order. */
function appEvents() {
  const seen: unknown[][] = [];
  const events: SocketEvents = {
    open: () => seen.push(['open']),
    text: (data) => seen.push(['text', data]),
    binary: (data) => seen.push(['binary', [...data]]),
    alive: () => seen.push(['alive']),
    close: (code, reason) => seen.push(['close', code, reason]),
    error: (err) => seen.push(['error', err.message]),
  };
  return { seen, events };
}

/** A peer with only the one method a peer must have, recording what the app wrote. */
function barePeer() {
  const sent: string[] = [];
  const peer: MemoryPeer = { sent: (_end, text) => void sent.push(text) };
  return { sent, peer };
}

/** An end with a bare peer and a manual scheduler, already accepted and open. */
function opened() {
  const scheduler = manual();
  const app = appEvents();
  const end = new MemoryEnd('ws://cloud/', app.events, barePeer().peer, scheduler.defer);
  end.accept();
  scheduler.flush();
  return { ...scheduler, ...app, end };
}

test('a socket opens only once accepted, and only then can be written', () => {
  const { defer, flush } = manual();
  const { seen, events } = appEvents();
  const { sent, peer } = barePeer();
  const end = new MemoryEnd('ws://cloud/', events, peer, defer);
  expect([end.open, end.isOpen]).toEqual([false, false]);
  expect(() => end.send('early')).toThrow('send on a socket that is not open');
  expect(() => end.sendBinary(new Uint8Array([1]))).toThrow('send on a socket that is not open');
  end.accept();
  expect(end.isOpen).toBe(false);
  flush();
  expect([end.open, end.isOpen, seen]).toEqual([true, true, [['open']]]);
  // a peer without the optional methods is enough
  end.send('{"type":"x"}');
  end.sendBinary(new Uint8Array([1, 2]));
  end.ping();
  expect(sent).toEqual(['{"type":"x"}']);
});

test('the peer hears every write, binary frame, ping and change of state', () => {
  const { defer, flush } = manual();
  const { events } = appEvents();
  const log: unknown[] = [];
  const peer: MemoryPeer = {
    sent: (_e, text) => log.push(['sent', text]),
    sentBinary: (_e, data) => log.push(['binary', [...data]]),
    pinged: () => log.push(['pinged']),
    changed: (e) => log.push(['changed', e.isOpen, e.closed?.by ?? null]),
  };
  const end = new MemoryEnd('ws://cloud/', events, peer, defer);
  end.accept();
  flush();
  end.send('a');
  end.sendBinary(new Uint8Array([9]));
  end.ping();
  void end.close(1000, 'done');
  expect(log).toEqual([
    ['changed', true, null],
    ['sent', 'a'],
    ['changed', true, null],
    ['binary', [9]],
    ['changed', true, null],
    ['pinged'],
    ['changed', true, null],
    ['changed', false, 'app'],
  ]);
});

test("the app's close is reported back once, on a later tick, and stops writes", async () => {
  const { flush, seen, end } = opened();
  await end.close(1000, 'App session ended');
  expect(end.closed).toEqual({ code: 1000, reason: 'App session ended', by: 'app' });
  expect(seen).toEqual([['open']]);
  flush();
  await end.close(4000, 'again');
  flush();
  expect(seen).toEqual([['open'], ['close', 1000, 'App session ended']]);
  expect(end.closed).toEqual({ code: 1000, reason: 'App session ended', by: 'app' });
  expect(end.isOpen).toBe(false);
  expect(() => end.send('late')).toThrow('send on a socket that is not open');
});

test('frames, binary frames and pongs from the cloud arrive on a later tick, while the socket lives', () => {
  const { flush, queue, seen, end } = opened();
  end.push('{"type":"hello"}');
  end.pushBinary(new Uint8Array([1, 2, 3]));
  end.pong();
  expect(seen).toEqual([['open']]);
  expect(queue).toHaveLength(3);
  flush();
  expect(seen).toEqual([['open'], ['text', '{"type":"hello"}'], ['binary', [1, 2, 3]], ['alive']]);
});

test('the cloud closing a socket reports its code and reason, and nothing it sends afterwards', () => {
  const { defer, flush, queue, seen, events, end } = opened();
  end.drop(4001, 'bye');
  expect(end.closed).toEqual({ code: 4001, reason: 'bye', by: 'cloud' });
  expect([end.open, end.isOpen]).toEqual([false, false]);
  end.push('late');
  end.pushBinary(new Uint8Array([1]));
  end.pong();
  end.drop(4002, 'twice');
  expect(queue).toHaveLength(1);
  flush();
  expect(seen).toEqual([['open'], ['close', 4001, 'bye']]);
  const quiet = new MemoryEnd('ws://cloud/', events, barePeer().peer, defer);
  quiet.drop(1006);
  expect(quiet.closed).toEqual({ code: 1006, reason: '', by: 'cloud' });
});

test('a terminated socket reports nothing more, not even what was already on its way', () => {
  const { defer, flush, seen, events, end } = opened();
  end.push('on its way');
  end.pushBinary(new Uint8Array([1]));
  end.pong();
  end.terminate();
  flush();
  expect(seen).toEqual([['open']]);
  expect(end.closed).toEqual({ code: 1006, reason: '', by: 'terminate' });
  // a socket closed first keeps the record of how
  const closed = new MemoryEnd('ws://cloud/', events, barePeer().peer, defer);
  void closed.close(1000, 'done');
  closed.terminate();
  expect(closed.closed).toEqual({ code: 1000, reason: 'done', by: 'app' });
});

test('a socket closed before the cloud accepted it never opens; a failure to connect is an error', () => {
  const { defer, flush } = manual();
  const { seen, events } = appEvents();
  const end = new MemoryEnd('ws://cloud/', events, barePeer().peer, defer);
  end.accept();
  end.terminate();
  end.fail('connect ECONNREFUSED');
  flush();
  expect(end.open).toBe(false);
  expect(seen).toEqual([['error', 'connect ECONNREFUSED']]);
});

test('memoryTransport: each socket is announced, accepted unless told otherwise, on a later macrotask by default', async () => {
  const opened: MemoryEnd[] = [];
  const { events, seen } = appEvents();
  const peer: MemoryPeer = { sent: () => {}, opened: (end) => void opened.push(end) };
  const socket = memoryTransport(peer)('ws://cloud/a', events);
  expect(opened).toEqual([socket]);
  expect((socket as MemoryEnd).url).toBe('ws://cloud/a');
  expect(seen).toEqual([]);
  await new Promise((resolve) => setImmediate(resolve));
  expect(seen).toEqual([['open']]);

  let accept = false;
  const { defer, flush } = manual();
  const held = appEvents();
  const transport = memoryTransport({ sent: () => {} }, { defer, autoAccept: () => accept });
  const waiting = transport('ws://cloud/b', held.events) as MemoryEnd;
  flush();
  expect([waiting.open, held.seen]).toEqual([false, []]);
  accept = true;
  const taken = transport('ws://cloud/c', held.events) as MemoryEnd;
  flush();
  expect([taken.open, held.seen]).toEqual([true, [['open']]]);
});
