/**
 * The session engine's webhook answers word for word, at their limits, over a real Express `AppServer` and
 * the test cloud: the id length limit on both sides of it, the unknown type's cut, and the stop reason an app
 * sees (the cloud's own when it is a short string, `user_disabled` otherwise).
 */
import { createServer } from 'node:net';
import type { AppSession, ToolCall } from '../../src';
import { createTestCloud, type TestCloud } from '../../src/testing';
import { EchoApp, appConfig, captureLogger, eventually, started } from '../helpers/apps';

/** Answers each tool call with the id of the session it was given. */
class ToolApp extends EchoApp {
  protected override async onToolCall(call: ToolCall): Promise<string> {
    return (call.activeSession as AppSession | null)?.getSessionId() ?? 'none';
  }
}

async function post(port: number, body: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as unknown };
}

let cloud: TestCloud;
let app: ToolApp;
let logger: ReturnType<typeof captureLogger>;
beforeEach(async () => {
  cloud = await createTestCloud();
  logger = captureLogger();
  app = await started(new ToolApp(appConfig({ logger })));
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
    [['short'], 'user_disabled'],
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

test('a refused or failed session_request is answered with its reason and logged once', async () => {
  const untrusted = { type: 'session_request', sessionId: 'far', userId: 'u', mentraOSWebsocketUrl: 'ws://cloud.example.com/app-ws' };
  const refused = await post(app.getPort(), untrusted);
  expect(refused.status).toBe(403);
  const reason = (refused.body as { message: string }).message.replace(/^Refused: /, '');
  expect(refused.body).toEqual({ status: 'error', message: `Refused: ${reason}` });
  expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.text)).toEqual([`Refused a session_request for far: ${reason}`]);

  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as { port: number }).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const failing = await post(app.getPort(), { ...untrusted, sessionId: 'nowhere', mentraOSWebsocketUrl: `ws://127.0.0.1:${port}/app-ws` });
  expect(failing.status).toBe(502);
  expect(failing.body).toEqual({
    status: 'error',
    message: expect.stringMatching(new RegExp(`^Could not connect to the cloud: Could not connect to the cloud at 127\\.0\\.0\\.1:${port}: `)),
    code: 'CONNECT_FAILED',
  });
  const why = (failing.body as { message: string }).message.replace(/^Could not connect to the cloud: /, '');
  expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.text)).toEqual([
    `Refused a session_request for far: ${reason}`,
    `Session nowhere could not start: ${why}`,
  ]);
});

test("a tool call gets the user's newest session; once it ends, the one before; a session that ended leaves the count", async () => {
  const older = await cloud.startSession({ app, userId: 'tools@example.com', sessionId: 'older' });
  const newer = await cloud.startSession({ app, userId: 'tools@example.com', sessionId: 'newer' });
  expect((await newer.callTool('which')).body).toMatchObject({ reply: 'newer' });
  const health = async () => ((await (await fetch(`http://127.0.0.1:${app.getPort()}/health`)).json()) as { activeSessions: number }).activeSessions;
  expect(await health()).toBe(2);
  await newer.stop();
  expect((await older.callTool('which')).body).toMatchObject({ reply: 'older' });
  expect(await health()).toBe(1);
  await older.stop();
  expect(await health()).toBe(0);
});

test('a throwing onStop is reported with the session, the user and the phase, and the server keeps serving', async () => {
  const reported: Array<[string, unknown]> = [];
  class FailingStop extends EchoApp {
    protected override async onStop(): Promise<void> {
      throw new Error('cleanup failed');
    }
  }
  const failing = await started(new FailingStop(appConfig({ onError: (error, context) => void reported.push([error.message, context]) })));
  try {
    const user = await cloud.startSession({ app: failing, userId: 'stopper@example.com' });
    expect((await user.stop()).status).toBe(200);
    await eventually(() => reported.length === 1, 10_000, 'the report');
    expect(reported).toEqual([['cleanup failed', { sessionId: user.sessionId, userId: user.userId, phase: 'onStop' }]]);
    expect((await cloud.startSession({ app: failing, userId: 'next@example.com' })).connected).toBe(true);
  } finally {
    await failing.stop();
  }
});

test("a session that ends fails its own pending photo only: another session's is still answered", async () => {
  const ending = await cloud.startSession({ app, userId: 'ending@example.com' });
  const staying = await cloud.startSession({ app, userId: 'staying@example.com' });
  const sessionOf = (sessionId: string) => app.seen.sessions.find((s) => s.getSessionId() === sessionId) as AppSession;
  await eventually(() => app.seen.sessions.length === 2, 10_000, 'both sessions');
  const lost = sessionOf(ending.sessionId)
    .camera.requestPhoto()
    .catch((e: { code?: string }) => e.code);
  const kept = sessionOf(staying.sessionId).camera.requestPhoto();
  await ending.waitForMessage((m) => m.type === 'photo_request');
  const request = await staying.waitForMessage((m) => m.type === 'photo_request');
  await ending.stop();
  expect(await lost).toBe('session_closed');
  await staying.uploadPhoto({ fields: { requestId: request.requestId }, file: { data: Buffer.from([1, 2, 3]), mimeType: 'image/jpeg', filename: 'p.jpg' } });
  expect((await kept).size).toBe(3);
});

test("a replacement stopped while it waits for the replaced session's onStop never gets onSession; stop() waits for that onStop", async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const stops: string[] = [];
  class SlowStop extends EchoApp {
    protected override async onStop(_sessionId: string, _userId: string, reason: string): Promise<void> {
      stops.push(reason);
      if (reason === 'replaced') await gate;
    }
  }
  const slow = await started(new SlowStop(appConfig()));
  const first = await cloud.startSession({ app: slow, userId: 'replaced@example.com' });
  await eventually(() => slow.seen.sessions.length === 1, 10_000, 'the first onSession');
  const second = await cloud.startSession({ app: slow, userId: first.userId });
  expect(second.sessionId).toBe(first.sessionId);
  expect((await second.stop()).status).toBe(200);
  expect(stops).toEqual(['replaced', 'user_disabled']);

  let stopped = false;
  const stopping = slow.stop().then(() => (stopped = true));
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  expect(stopped).toBe(false);
  release();
  await stopping;
  expect(slow.seen.sessions).toHaveLength(1);
});
