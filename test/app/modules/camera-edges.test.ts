/**
 * `session.camera` at its edges: what a photo request says when given no options, what a stream start
 * refuses (in its words), what `stopStream` sends when nothing streams, and that the published internal
 * members only touch this session's requests, in an app with two sessions sharing the engine's registry.
 */
import { AppServer, type AppSession, type PhotoData } from '../../../src';
import { CameraModule } from '../../../src/app/modules/camera';
import { appConfig, captureLogger, eventually } from '../../helpers/apps';
import { harness, sdkRejection, waitSent } from '../../helpers/modules';

describe('session.camera at its edges', () => {
  const h = harness();

  test('a photo request with no options asks for a medium photo, uncompressed, not saved to the gallery', async () => {
    const { user, session } = await h.start();
    const pending = session.camera.requestPhoto().catch(() => undefined);
    const sent = await waitSent(user, 'photo_request');
    expect(sent).toMatchObject({ saveToGallery: false, size: 'medium', compress: 'none' });
    session.camera.cancelAllPhotoRequests();
    await pending;
  });

  test('startStream refuses a missing or empty rtmpUrl, and a second stream, in so many words', async () => {
    const { user, session } = await h.start();
    for (const bad of [undefined, {}, { rtmpUrl: '' }, { rtmpUrl: 42 }]) {
      const err = await sdkRejection(session.camera.startStream(bad as never), 'invalid_argument');
      expect(err.message).toBe('startStream needs an rtmpUrl');
    }
    expect(session.camera.isCurrentlyStreaming()).toBe(false);
    await session.camera.startStream({ rtmpUrl: 'rtmp://live.example.com/app/key' });
    await waitSent(user, 'rtmp_stream_request');
    const err = await sdkRejection(session.camera.startStream({ rtmpUrl: 'rtmp://other' }), 'already_streaming');
    expect(err.message).toBe('Already streaming: stop the current stream before starting a new one');
  });

  test('stopStream with no stream sends nothing; updateStreamState ignores what is not a message', async () => {
    const { user, session } = await h.start();
    await session.camera.stopStream();
    for (const junk of [null, undefined, 'active', 7]) expect(() => session.camera.updateStreamState(junk)).not.toThrow();
    expect(session.camera.getStreamStatus()).toBeUndefined();
    // The next thing sent is the probe, not a stop.
    session.camera.subscribeToStreamStatusUpdates();
    const next = await user.waitForMessage((m) => m?.type === 'rtmp_stream_stop' || m?.type === 'subscription_update');
    expect(next.type).toBe('subscription_update');
  });

  test('updateSessionId with another id changes nothing and says so; the constructor names itself when refused', async () => {
    const logger = captureLogger();
    const { session, user } = await h.start({ logger });
    session.camera.updateSessionId(user.sessionId);
    session.camera.updateSessionId('another-session');
    const warns = logger.lines.filter((l) => l.level === 'warn').map((l) => l.text);
    expect(warns).toEqual(["camera.updateSessionId() changes nothing: the module always uses its session's id"]);
    expect(() => new CameraModule({} as never)).toThrow("new CameraModule(session, ...) needs the app's session (an AppSession or TpaSession)");
  });

  test('two sessions of one app: each cancels, answers and fails only its own photo requests', async () => {
    const cloud = await h.useCloud();
    const sessions: AppSession[] = [];
    class Two extends AppServer {
      protected override async onSession(session: AppSession): Promise<void> {
        sessions.push(session);
      }
    }
    const app = new Two(appConfig());
    await app.start();
    try {
      const users = [await cloud.startSession({ app, userId: 'one@example.com' }), await cloud.startSession({ app, userId: 'two@example.com' })];
      await eventually(() => sessions.length === 2);
      const [a, b] = sessions as [AppSession, AppSession];
      const results: string[] = [];
      const ask = (s: AppSession, name: string) =>
        s.camera.requestPhoto({ timeoutMs: 60_000 }).then(
          (p: PhotoData) => results.push(`${name} photo ${p.requestId}`),
          (e: { code: string }) => results.push(`${name} ${e.code}`),
        );
      const pending = [ask(a, 'a1'), ask(b, 'b1')];
      const [idA, idB] = [(await waitSent(users[0]!, 'photo_request')).requestId, (await waitSent(users[1]!, 'photo_request')).requestId];

      // b answers and fails nothing of a's.
      b.camera.handlePhotoReceived({ requestId: idA, buffer: Buffer.from('x'), mimeType: 'image/jpeg' } as unknown as PhotoData);
      b.camera.handlePhotoError({ requestId: idA, success: false, error: { code: 'X', message: 'no' } });
      expect(b.camera.cancelAllPhotoRequests()).toBe(1);
      expect(a.camera.hasPhotoPendingRequest(idA)).toBe(true);
      expect(b.camera.hasPhotoPendingRequest(idB)).toBe(false);
      for (const junk of [undefined, null, {}, { requestId: 7 }]) expect(() => a.camera.handlePhotoReceived(junk as never)).not.toThrow();
      expect(a.camera.hasPhotoPendingRequest(idA)).toBe(true);
      a.camera.handlePhotoReceived({ requestId: idA, buffer: Buffer.from('x'), mimeType: 'image/jpeg' } as unknown as PhotoData);
      await Promise.all(pending);
      expect(results.sort()).toEqual([`a1 photo ${idA}`, 'b1 request_cancelled']);
    } finally {
      await app.stop();
    }
  });
});
