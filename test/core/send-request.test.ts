/**
 * "Register, then send" (`sendRequest`) when the registry records its requests first, as the cluster's
 * does (so an answer uploaded to another instance finds its owner): the request goes out only once it
 * is recorded (or the record failed), never once it has been settled meanwhile, and a session that ended
 * meanwhile fails it as `session_closed`. Also which `timeoutMs` options count (`timeoutOption`).
 */
import { SdkError } from '../../src/core/errors';
import { sendRequest, timeoutOption } from '../../src/core/session/correlation';
import { PendingRequests } from '../../src/core/session/requests';
import type { AppToCloudMessage } from '../../src/protocol/outbound';
import { MemoryCloud, memorySession } from './memory-transport';

/** A registry whose records complete when the test says so. */
function recordingRegistry() {
  const gates: { id: string; done: () => void; fail: () => void }[] = [];
  const registry = new PendingRequests({
    added: (id) =>
      new Promise<void>((done, fail) => {
        gates.push({ id, done, fail: () => fail(new Error('directory down')) });
      }),
    removed: () => {},
  });
  return { registry, gates };
}

/** A session over the in-memory transport, ready, with a registry that records its requests first. */
async function readySession() {
  const cloud = new MemoryCloud();
  const { session } = memorySession(cloud);
  await session.connect();
  return { cloud, session, ...recordingRegistry() };
}

const photoRequest = (requestId: string) => ({ type: 'photo_request', requestId }) as unknown as AppToCloudMessage;
const sentIds = (cloud: MemoryCloud) => cloud.last.received.filter((f) => f.type === 'photo_request').map((f) => f.requestId);
/** Lets every pending callback run (the memory transport delivers on later ticks). */
const settle = () => new Promise((r) => setImmediate(r));

describe('sendRequest with a registry that records requests first', () => {
  test('the request is sent once it is recorded, and its answer settles it', async () => {
    const { cloud, session, registry, gates } = await readySession();
    const answer = sendRequest<string>(session, { id: 'photo_req_1', kind: 'photo', timeoutMs: 10_000, message: photoRequest('photo_req_1'), registry });
    await settle();
    expect(gates.map((g) => g.id)).toEqual(['photo_req_1']);
    expect(sentIds(cloud)).toEqual([]);
    gates[0].done();
    await cloud.last.until(() => sentIds(cloud).length === 1, 'the request');
    expect(sentIds(cloud)).toEqual(['photo_req_1']);
    registry.resolve('photo_req_1', 'the photo');
    await expect(answer).resolves.toBe('the photo');
    await session.dispose('server_shutdown');
  });

  test('a record that fails still sends the request', async () => {
    const { cloud, session, registry, gates } = await readySession();
    void sendRequest(session, { id: 'photo_req_2', kind: 'photo', timeoutMs: 10_000, message: photoRequest('photo_req_2'), registry }).catch(() => {});
    await settle();
    gates[0].fail();
    await cloud.last.until(() => sentIds(cloud).length === 1, 'the request');
    registry.rejectAll(() => new Error('done'));
    await session.dispose('server_shutdown');
  });

  test('a request settled before its record completed is never sent', async () => {
    const { cloud, session, registry, gates } = await readySession();
    const answer = sendRequest(session, { id: 'photo_req_3', kind: 'photo', timeoutMs: 10_000, message: photoRequest('photo_req_3'), registry });
    await settle();
    const cancelled = new SdkError('request_cancelled', 'cancelled by the app');
    registry.reject('photo_req_3', cancelled);
    gates[0].done();
    await expect(answer).rejects.toBe(cancelled);
    // A later request on the same socket is sent: by then the first would have been too.
    void sendRequest(session, { id: 'photo_req_4', kind: 'photo', timeoutMs: 10_000, message: photoRequest('photo_req_4') }).catch(() => {});
    await cloud.last.until(() => sentIds(cloud).includes('photo_req_4'), 'the second request');
    expect(sentIds(cloud)).toEqual(['photo_req_4']);
    await session.dispose('server_shutdown');
  });

  test('a session that ended before the record completed fails the request as session_closed', async () => {
    const { session, registry, gates } = await readySession();
    const answer = sendRequest(session, { id: 'photo_req_5', kind: 'photo', timeoutMs: 10_000, message: photoRequest('photo_req_5'), registry });
    await settle();
    await session.dispose('server_shutdown');
    gates[0].done();
    await expect(answer).rejects.toMatchObject({
      code: 'session_closed',
      message: 'The photo request photo_req_5 could not be sent (session_closed)',
      details: { requestId: 'photo_req_5' },
    });
  });

  test('on a session that has ended it rejects at once, without registering', async () => {
    const { session, registry, gates } = await readySession();
    await session.dispose('server_shutdown');
    await expect(
      sendRequest(session, { id: 'photo_req_6', kind: 'photo', timeoutMs: 10_000, message: photoRequest('photo_req_6'), registry }),
    ).rejects.toMatchObject({
      code: 'session_closed',
      message: 'Cannot send the photo request: the session has ended',
    });
    expect(gates).toEqual([]);
    expect(registry.size).toBe(0);
  });

  test('a request still pending when its session ends fails with the reason, the kind and the id', async () => {
    const cloud = new MemoryCloud();
    const { session } = memorySession(cloud);
    await session.connect();
    const answer = sendRequest(session, { id: 'photo_req_7', kind: 'photo', timeoutMs: 10_000, message: photoRequest('photo_req_7') });
    await cloud.last.until(() => sentIds(cloud).length === 1, 'the request');
    await session.dispose('user_disabled');
    const err = await answer.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SdkError);
    expect(err).toMatchObject({
      code: 'session_closed',
      message: 'The session ended (user_disabled) before the photo request photo_req_7 was answered',
      details: { requestId: 'photo_req_7', reason: 'user_disabled' },
    });
  });
});

describe('timeoutOption', () => {
  test('a positive finite number is kept; anything else means the default', () => {
    expect(timeoutOption(5, 30_000)).toBe(5);
    expect(timeoutOption(0.5, 30_000)).toBe(0.5);
    for (const value of [0, -0, -5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '5', null, undefined, {}]) {
      expect(timeoutOption(value, 30_000)).toBe(30_000);
    }
  });
});
