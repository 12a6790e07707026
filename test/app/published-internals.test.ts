/**
 * The members public only in the published declarations (request bookkeeping, message routing, module
 * constructors): each has its published effect, on the engine. One test per member.
 */
import {
  AudioManager,
  CameraManagedExtension,
  CameraModule,
  DeviceState,
  LayoutManager,
  LedModule,
  LocationManager,
  type PendingPhotoRequest,
  type PhotoData,
  SimpleStorage,
} from '../../src';
import { captureLogger, eventually } from '../helpers/apps';
import { harness, sdkRejection, waitSent } from '../helpers/modules';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

/** A request as `registerPhotoRequest` takes it, with its settlement recorded. */
function photoRequest(sessionId: string, session: unknown) {
  const settled: { photo?: PhotoData; error?: Error } = {};
  const request: Omit<PendingPhotoRequest, 'timeoutId'> = {
    userId: 'wearer@example.com',
    sessionId,
    session: session as PendingPhotoRequest['session'],
    resolve: (photo) => void (settled.photo = photo),
    reject: (error) => void (settled.error = error),
    timestamp: 12345,
  };
  return { request, settled };
}

describe('AppServer: the photo-request registry answers from the engine', () => {
  const h = harness();

  test('session.appServer is the server that built the session', async () => {
    const { app, session } = await h.start();
    expect(session.appServer).toBe(app);
  });

  test('registerPhotoRequest: an upload for the id resolves the request', async () => {
    const { app, user, session } = await h.start();
    const { request, settled } = photoRequest(user.sessionId, session);
    app.registerPhotoRequest('app_photo_1', request);
    await user.answerPhoto('app_photo_1', { image: JPEG, mimeType: 'image/jpeg' });
    await eventually(() => settled.photo !== undefined, 20_000, 'the photo');
    expect(settled.photo).toMatchObject({ requestId: 'app_photo_1', size: JPEG.length });
  });

  test("getPhotoRequest: the app's and the camera's pending requests, with their session", async () => {
    const { app, user, session } = await h.start();
    const { request } = photoRequest(user.sessionId, session);
    app.registerPhotoRequest('app_photo_2', request);
    expect(app.getPhotoRequest('app_photo_2')).toMatchObject({ sessionId: user.sessionId, userId: 'wearer@example.com', session, timestamp: 12345 });
    const taking = session.camera.requestPhoto();
    const sent = await waitSent(user, 'photo_request');
    const camera = app.getPhotoRequest(sent.requestId)!;
    expect(camera).toMatchObject({ sessionId: user.sessionId, userId: user.userId, session });
    camera.resolve({ requestId: sent.requestId } as PhotoData);
    await expect(taking).resolves.toMatchObject({ requestId: sent.requestId });
    expect(app.getPhotoRequest('nothing')).toBeUndefined();
  });

  test('completePhotoRequest: removed without being settled; its resolve settles it', async () => {
    const { app, user, session } = await h.start();
    const { request, settled } = photoRequest(user.sessionId, session);
    app.registerPhotoRequest('app_photo_3', request);
    const taken = app.completePhotoRequest('app_photo_3')!;
    expect(taken.sessionId).toBe(user.sessionId);
    expect(app.getPhotoRequest('app_photo_3')).toBeUndefined();
    expect(settled).toEqual({});
    taken.resolve({ requestId: 'app_photo_3' } as PhotoData);
    await eventually(() => settled.photo !== undefined, 20_000, 'the settlement');
    expect(app.completePhotoRequest('app_photo_3')).toBeUndefined();
  });

  test("cleanupPhotoRequestsForSession: the session's requests reject with session_closed", async () => {
    const { app, user, session } = await h.start();
    const { request, settled } = photoRequest(user.sessionId, session);
    app.registerPhotoRequest('app_photo_4', request);
    const camera = sdkRejection(session.camera.requestPhoto(), 'session_closed');
    await waitSent(user, 'photo_request');
    app.cleanupPhotoRequestsForSession(user.sessionId);
    await camera;
    await eventually(() => settled.error !== undefined, 20_000, 'the rejection');
    expect(settled.error).toMatchObject({ code: 'session_closed' });
  });
});

describe('the modules: message handlers, cancelAllRequests, updateSessionId, cleanup', () => {
  const h = harness();

  test('camera.updateStreamState: the stream state follows the status, handlers are not called', async () => {
    const { session } = await h.start();
    const seen: unknown[] = [];
    session.camera.onStreamStatus((s) => void seen.push(s));
    session.camera.updateStreamState({ type: 'rtmp_stream_status', status: 'active' });
    expect(session.camera.getStreamStatus()).toMatchObject({ status: 'active' });
    expect(seen).toEqual([]);
    session.camera.updateStreamState(null);
  });

  test('camera.handleStreamCheckResponse / managed extension: answers the pending checkExistingStream', async () => {
    const { user, session } = await h.start();
    const check = session.camera.checkExistingStream();
    await waitSent(user, 'stream_status_check');
    session.camera.handleStreamCheckResponse({ type: 'stream_status_check_response', hasActiveStream: true } as never);
    await expect(check).resolves.toMatchObject({ hasActiveStream: true });
    const managed = new CameraManagedExtension(session, 'com.example.app', user.sessionId, captureLogger() as never);
    const again = managed.checkExistingStream();
    await eventually(() => user.sent('stream_status_check').length === 2, 20_000, 'the second check');
    managed.handleStreamCheckResponse({ type: 'stream_status_check_response', hasActiveStream: false } as never);
    await expect(again).resolves.toMatchObject({ hasActiveStream: false });
  });

  test('camera.handleManagedStreamStatus / managed extension: state and handlers as a cloud status', async () => {
    const { session } = await h.start();
    const seen: string[] = [];
    session.camera.onManagedStreamStatus((s) => void seen.push(s.status));
    session.camera.handleManagedStreamStatus({ type: 'managed_stream_status', status: 'active', hlsUrl: 'h', dashUrl: 'd', streamId: 'x' } as never);
    expect(session.camera.getManagedStreamUrls()).toMatchObject({ hlsUrl: 'h', dashUrl: 'd' });
    new CameraManagedExtension(session, 'p', 's', captureLogger() as never).handleManagedStreamStatus({
      type: 'managed_stream_status',
      status: 'stopped',
    } as never);
    await eventually(() => seen.join() === 'active,stopped', 20_000, 'both statuses');
    expect(session.camera.isManagedStreamActive()).toBe(false);
  });

  test('camera.handlePhotoReceived resolves the pending photo; handlePhotoError rejects with photo_error', async () => {
    const { user, session } = await h.start();
    const one = session.camera.requestPhoto();
    const first = await waitSent(user, 'photo_request');
    session.camera.handlePhotoReceived({ requestId: first.requestId, buffer: JPEG, mimeType: 'image/jpeg' } as PhotoData);
    await expect(one).resolves.toMatchObject({ requestId: first.requestId });
    const two = sdkRejection(session.camera.requestPhoto(), 'photo_error');
    const second = await waitSent(user, 'photo_request', (m) => m.requestId !== first.requestId);
    session.camera.handlePhotoError({ requestId: second.requestId, success: false, error: { code: 'CAMERA_BUSY', message: 'busy' } });
    expect((await two).details).toMatchObject({ errorCode: 'CAMERA_BUSY' });
  });

  test('camera.cancelAllRequests rejects its pending requests with request_cancelled', async () => {
    const { user, session } = await h.start();
    const photo = sdkRejection(session.camera.requestPhoto(), 'request_cancelled');
    const check = sdkRejection(session.camera.checkExistingStream({ timeoutMs: 60_000 }), 'request_cancelled');
    await waitSent(user, 'photo_request');
    await waitSent(user, 'stream_status_check');
    expect(session.camera.cancelAllRequests()).toEqual({ photoRequests: 1 });
    await photo;
    await check;
  });

  test('camera.updateSessionId and audio.updateSessionId change nothing: messages carry the session id', async () => {
    const { user, session } = await h.start();
    session.camera.updateSessionId('elsewhere');
    session.audio.updateSessionId('elsewhere');
    void session.camera.requestPhoto().catch(() => {});
    expect((await waitSent(user, 'photo_request')).sessionId).toBe(user.sessionId);
    void session.audio.playAudio({ audioUrl: 'https://example.com/a.mp3' }).catch(() => {});
    expect((await waitSent(user, 'audio_play_request')).sessionId).toBe(user.sessionId);
  });

  test('audio.handleAudioPlayResponse resolves the pending play; cancelAllRequests rejects the rest', async () => {
    const { user, session } = await h.start();
    const played = session.audio.playAudio({ audioUrl: 'https://example.com/a.mp3' });
    const req = await waitSent(user, 'audio_play_request');
    session.audio.handleAudioPlayResponse({ type: 'audio_play_response', requestId: req.requestId, success: true, duration: 2 } as never);
    await expect(played).resolves.toEqual({ success: true, duration: 2 });
    const pending = sdkRejection(session.audio.playAudio({ audioUrl: 'https://example.com/b.mp3' }), 'request_cancelled');
    await eventually(() => session.audio.getPendingRequestCount() === 1, 20_000, 'the pending play');
    expect(session.audio.cancelAllRequests()).toEqual({ audioRequests: 1 });
    await pending;
  });

  test('led.cleanup leaves the LED usable', async () => {
    const { user, session } = await h.start();
    session.led.cleanup();
    await session.led.turnOff();
    await waitSent(user, 'rgb_led_control');
  });

  test('managed.cleanup forgets the managed stream and rejects a pending start', async () => {
    const { user, session } = await h.start();
    const managed = new CameraManagedExtension(session, 'p', 's', captureLogger() as never);
    const start = sdkRejection(managed.startManagedStream(), 'request_cancelled');
    await waitSent(user, 'managed_stream_request');
    managed.cleanup();
    await start;
    expect(managed.isManagedStreamActive()).toBe(false);
    expect(managed.getManagedStreamUrls()).toBeUndefined();
  });

  test('settings.configureApiClient: fetch() authenticates as the given user, at the session’s own cloud', async () => {
    const { user, session } = await h.start();
    session.settings.configureApiClient('com.example.app', 'wss://other.example.net/app-ws', 'someone@example.com');
    await session.settings.fetch().catch(() => {});
    const call = h.cloud.httpRequests.find((r) => r.path.includes('/user/com.example.app'));
    expect(call?.authorization).toBe('Bearer someone@example.com');
    expect(user.userId).not.toBe('someone@example.com');
  });
});

describe('the published module constructors take the app session', () => {
  const h = harness();

  test('CameraModule, LedModule, AudioManager, CameraManagedExtension: (session, packageName, sessionId, logger?)', async () => {
    const { user, session } = await h.start();
    const camera = new CameraModule(session, 'com.example.app', user.sessionId);
    void camera.requestPhoto().catch(() => {});
    await waitSent(user, 'photo_request');
    await new LedModule(session, 'com.example.app', user.sessionId).turnOff();
    await waitSent(user, 'rgb_led_control');
    const audio = new AudioManager(session, 'com.example.app', user.sessionId);
    void audio.playAudio({ audioUrl: 'https://example.com/c.mp3' }).catch(() => {});
    await waitSent(user, 'audio_play_request');
    expect(new CameraManagedExtension(session, 'p', 's', captureLogger() as never).isManagedStreamActive()).toBe(false);
  });

  test('DeviceState, SimpleStorage, LocationManager: (session)', async () => {
    const { user, session } = await h.start();
    const device = new DeviceState(session);
    await user.sendMessage({ type: 'device_state_update', state: { batteryLevel: 42 } });
    await eventually(() => device.batteryLevel.value === 42, 20_000, 'the battery level');
    expect(new DeviceState().batteryLevel.value).toBeNull();
    await new SimpleStorage(session).set('k', 'v');
    const location = new LocationManager(session);
    location.subscribeToStream({ accuracy: 'high' }, () => {});
    await user.waitForSubscriptions((s) => s.includes('location_update'));
  });

  test('LayoutManager: (packageName, sendMessage) sends each display_event through the function', () => {
    const sent: any[] = [];
    const layouts = new LayoutManager('com.example.app', (m) => void sent.push(m));
    layouts.showReferenceCard('T', 'x', { durationMs: 10 });
    expect(sent).toEqual([expect.objectContaining({ type: 'display_event', packageName: 'com.example.app', view: 'main', durationMs: 10 })]);
    expect(() => new LayoutManager('com.example.app', undefined as never)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });

  test('anything but a session is refused with invalid_argument', () => {
    expect(() => new CameraModule({}, 'p', 's')).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => new LocationManager(null as never)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});
