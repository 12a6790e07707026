/**
 * What the 3.0.0-hono line added to the session, against the test cloud over real sockets: the app-level
 * ping (behind `appPing`, on the shared liveness sweep), incident telemetry (`request_telemetry` answered by an
 * HTTP upload of the session's recent log lines, only to a trusted cloud), and `photo_response` errors
 * settling `requestPhoto()` at once.
 */
import { AppServer, type AppSession } from '../../src';
import { API_KEY, appConfig, captureLogger, cloudPerTest } from '../helpers/apps';
import { MemoryCloud, memorySession, until } from './memory-transport';

class Recorder extends AppServer {
  readonly sessions: AppSession[] = [];
  protected override async onSession(session: AppSession): Promise<void> {
    this.sessions.push(session);
  }
}

describe('the app-level ping (appPing)', () => {
  const env = cloudPerTest();

  test('goes out with the liveness pings after the ack, is answered with pong, resumes after a reconnect, and is off by default', async () => {
    const quiet = await env.start(new Recorder(appConfig({ pingIntervalMs: 40 })));
    const pinging = await env.start(new Recorder(appConfig({ packageName: 'com.example.pinging', pingIntervalMs: 40, appPing: true })));
    const silentUser = await env.cloud.startSession({ app: quiet, userId: 'quiet@example.com' });
    const user = await env.cloud.startSession({ app: pinging, userId: 'pinging@example.com' });
    await user.waitForMessage((m) => m?.type === 'ping');
    await user.waitFor(() => (user.sent('ping').length >= 3 ? true : undefined), 10_000, 'three pings');
    expect(user.sent('ping')[0]).toEqual({ type: 'ping' });
    // Both apps' sockets are swept by the same shared timer: the quiet one saw the same sweeps.
    expect(silentUser.sent('ping')).toEqual([]);
    expect(user.wire.some((r) => r.dir === 'cloud->app' && r.msg?.type === 'pong')).toBe(true);
    // The pong is not an unknown message: nothing reaches the app's error listeners.
    const errors: Error[] = [];
    pinging.sessions[0]!.events.onError((e) => errors.push(e as Error));

    user.dropConnection();
    await user.waitForConnections(2);
    const before = user.sent('ping').length;
    await user.waitFor(() => (user.sent('ping').length > before ? true : undefined), 10_000, 'a ping after the reconnect');
    expect(errors).toEqual([]);
  });
});

describe('incident telemetry (request_telemetry)', () => {
  const env = cloudPerTest();

  test("uploads the session's recent lines to the cloud with the upload token, without secrets", async () => {
    const app = await env.start(new Recorder(appConfig()));
    const user = await env.cloud.startSession({ app });
    const session = app.sessions[0]!;
    session.logger.info('hello %s', 'world');
    session.logger.warn({ apiKey: API_KEY, attempt: 2 }, `key ${API_KEY} seen`);
    session.logger.debug('too fine to keep');
    const { incidentId } = await user.requestTelemetry({ windowMs: 60_000 });
    const upload = await user.waitForTelemetry(incidentId);
    // The intake answers 401 unless the Authorization header is `Bearer <uploadToken>`.
    expect(upload.status).toBe(200);
    expect(upload.body).toMatchObject({ type: 'telemetry_response', incidentId, packageName: 'com.example.app' });
    const messages = upload.body.logs.map((l: { message: string }) => l.message);
    expect(messages).toEqual(expect.arrayContaining(['hello world', 'key [redacted] seen']));
    expect(messages).not.toContain('too fine to keep');
    expect(upload.body.logs.find((l: { message: string }) => l.message === 'hello world')).toMatchObject({ level: 'info' });
    expect(upload.body.metadata.bufferSize).toBe(upload.body.logs.length);
    expect(JSON.stringify(upload.body)).not.toContain(API_KEY);
  });

  test('keeps at most telemetryBufferSize lines, the newest', async () => {
    const app = await env.start(new Recorder(appConfig({ telemetryBufferSize: 3 })));
    const user = await env.cloud.startSession({ app });
    for (let i = 1; i <= 5; i++) app.sessions[0]!.logger.info(`line ${i}`);
    const { incidentId } = await user.requestTelemetry();
    const upload = await user.waitForTelemetry(incidentId);
    expect(upload.body.logs.map((l: { message: string }) => l.message)).toEqual(['line 3', 'line 4', 'line 5']);
  });

  test('a cloud that is not trusted gets nothing: the request is refused with a warning', async () => {
    const cloud = new MemoryCloud();
    const { session, logger } = memorySession(cloud, { telemetryBufferSize: 500 });
    await session.connect();
    cloud.last.push({ type: 'request_telemetry', incidentId: 'inc-1', uploadToken: 'tok', windowMs: 0 });
    await until(() => logger.warns.some((w) => w.includes('Refused to upload telemetry')), 'the refusal');
    expect(logger.warns.find((w) => w.includes('inc-1'))).toMatch(/not a trusted cloud/);
    await session.dispose('server_shutdown');
  });
});

describe('photo_response over the socket', () => {
  const env = cloudPerTest();

  test('an error response rejects requestPhoto at once with photo_error and the cloud code', async () => {
    const app = await env.start(new Recorder(appConfig({ logger: captureLogger() })));
    const user = await env.cloud.startSession({ app });
    const photo = app.sessions[0]!.camera.requestPhoto({ sound: false });
    const request = await user.waitForMessage((m) => m?.type === 'photo_request');
    expect(request.sound).toBe(false);
    await user.sendMessage({ type: 'photo_response', requestId: request.requestId, success: false, error: { code: 'CAMERA_BUSY', message: 'busy' } });
    await expect(photo).rejects.toMatchObject({ code: 'photo_error', details: { errorCode: 'CAMERA_BUSY' } });
  });

  test('sound is passed on with RTMP and managed stream requests', async () => {
    const app = await env.start(new Recorder(appConfig()));
    const user = await env.cloud.startSession({ app });
    const camera = app.sessions[0]!.camera;
    await camera.startStream({ rtmpUrl: 'rtmp://127.0.0.1/live/one', sound: true });
    expect(await user.waitForMessage((m) => m?.type === 'rtmp_stream_request')).toMatchObject({ sound: true });
    void camera.startManagedStream({ sound: false, timeoutMs: 60_000 }).catch(() => {});
    expect(await user.waitForMessage((m) => m?.type === 'managed_stream_request')).toMatchObject({ sound: false });
  });

  test('a success response with a URL resolves it (the modern cloud, not only the augmentos one)', async () => {
    const app = await env.start(new Recorder(appConfig()));
    const user = await env.cloud.startSession({ app });
    const photo = app.sessions[0]!.camera.requestPhoto();
    const request = await user.waitForMessage((m) => m?.type === 'photo_request');
    expect('sound' in request).toBe(false);
    await user.sendMessage({ type: 'photo_response', requestId: request.requestId, success: true, photoUrl: 'https://cdn.example.com/p/one.jpg' });
    await expect(photo).resolves.toMatchObject({ requestId: request.requestId, photoUrl: 'https://cdn.example.com/p/one.jpg', filename: 'one.jpg' });
  });
});
