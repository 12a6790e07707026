/**
 * The session engine's webhook answers word for word, at their limits, over a real Express `AppServer` and
 * the test cloud: the id length limit on both sides of it, the unknown type's cut, and the stop reason an app
 * sees (the cloud's own when it is a short string, `user_disabled` otherwise).
 */
import { createTestCloud, type TestCloud } from '../../src/testing';
import { EchoApp, appConfig, eventually, started } from '../helpers/apps';

async function post(port: number, body: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as unknown };
}

let cloud: TestCloud;
let app: EchoApp;
beforeEach(async () => {
  cloud = await createTestCloud();
  app = await started(new EchoApp(appConfig()));
});
afterEach(async () => {
  await app.stop();
  await cloud.close();
});

test('ids of 512 characters are taken; longer or empty ones are refused, naming the field and the limit', async () => {
  const longest = await cloud.startSession({ app, sessionId: 's'.repeat(512), userId: 'u'.repeat(512) });
  expect(longest.connected).toBe(true);

  const refusal = (field: string) => ({
    status: 400,
    body: { status: 'error', message: `The webhook needs "${field}" as a non-empty string of at most 512 characters` },
  });
  const base = { type: 'session_request', sessionId: 'ok', userId: 'ok', mentraOSWebsocketUrl: cloud.url };
  expect(await post(app.getPort(), { ...base, sessionId: 's'.repeat(513) })).toEqual(refusal('sessionId'));
  expect(await post(app.getPort(), { ...base, userId: 'u'.repeat(513) })).toEqual(refusal('userId'));
  expect(await post(app.getPort(), { ...base, sessionId: '' })).toEqual(refusal('sessionId'));
  expect(await post(app.getPort(), { ...base, userId: '' })).toEqual(refusal('userId'));
  expect(await post(app.getPort(), { type: 'stop_request', sessionId: 'ok', userId: 'u'.repeat(513) })).toEqual(refusal('userId'));
  expect(app.seen.sessions).toHaveLength(1);
});

test('an unknown type is named in the refusal, cut at 60 characters; a type that is not a string is refused as missing', async () => {
  expect(await post(app.getPort(), { type: 't'.repeat(100), sessionId: 's', userId: 'u' })).toEqual({
    status: 400,
    body: { status: 'error', message: `Unknown webhook request type "${'t'.repeat(60)}"` },
  });
  expect(await post(app.getPort(), { type: 7, sessionId: 's', userId: 'u' })).toEqual({
    status: 400,
    body: { status: 'error', message: 'The webhook body needs a string "type"' },
  });
  expect(await post(app.getPort(), [1, 2])).toEqual({ status: 400, body: { status: 'error', message: 'The webhook body must be a JSON object' } });
});

test("a stop_request's reason reaches onStop when it is a string of at most 64 characters; otherwise the app sees user_disabled", async () => {
  const reasons: Array<[unknown, string]> = [
    ['r'.repeat(64), 'r'.repeat(64)],
    ['r'.repeat(65), 'user_disabled'],
    [42, 'user_disabled'],
  ];
  for (const [i, [sent, seen]] of reasons.entries()) {
    const user = await cloud.startSession({ app, userId: `stop-${i}@example.com` });
    const res = await post(app.getPort(), { type: 'stop_request', sessionId: user.sessionId, userId: user.userId, reason: sent });
    expect(res).toEqual({ status: 200, body: { status: 'success' } });
    await eventually(() => app.seen.stops.length === i + 1, 10_000, 'onStop');
    expect(app.seen.stops[i]).toEqual({ sessionId: user.sessionId, userId: user.userId, reason: seen });
  }
});

test('a stop_request for no session, or for the session of another user, is answered with its reason', async () => {
  expect(await post(app.getPort(), { type: 'stop_request', sessionId: 'nobody', userId: 'u' })).toEqual({
    status: 200,
    body: { status: 'success', message: 'No active session with that id' },
  });
  const user = await cloud.startSession({ app });
  expect(await post(app.getPort(), { type: 'stop_request', sessionId: user.sessionId, userId: 'mallory@example.com' })).toEqual({
    status: 400,
    body: { status: 'error', message: 'The stop_request userId does not match the session' },
  });
  expect(app.seen.stops).toEqual([]);
});
