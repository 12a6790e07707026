/**
 * The camera's side of the inbound messages, as an app sees it through `session.camera`: stream state from
 * statuses the app did not ask for, what a managed start settles on, stream checks, and photo answers sent
 * over the WebSocket, field by field.
 */
import type { PhotoData } from '../../../src';
import { eventually } from '../../helpers/apps';
import { harness, sdkRejection, waitSent } from '../../helpers/modules';

const URLS = { hlsUrl: 'https://cdn.example.com/s1.m3u8', dashUrl: 'https://cdn.example.com/s1.mpd' };

describe('session.camera: stream statuses', () => {
  const h = harness();

  test('a fresh camera is not streaming', async () => {
    const { session } = await h.start();
    expect(session.camera.isCurrentlyStreaming()).toBe(false);
    expect(session.camera.isManagedStreamActive()).toBe(false);
    expect(session.camera.getStreamStatus()).toBeUndefined();
    expect(session.camera.getManagedStreamUrls()).toBeUndefined();
  });

  test('a managed stream is active from initializing, preparing or active, and ends with error or stopped', async () => {
    const { user, session } = await h.start();
    const seen: [string, boolean][] = [];
    session.camera.onManagedStreamStatus((s) => void seen.push([s.status, session.camera.isManagedStreamActive()]));
    await user.waitForSubscriptions((s) => s.includes('managed_stream_status'));
    const statuses = ['initializing', 'stopped', 'preparing', 'error', 'active', 'stopped'];
    for (const status of statuses) await user.sendMessage({ type: 'managed_stream_status', status, streamId: 's1' });
    await eventually(() => seen.length === statuses.length);
    expect(seen).toEqual([
      ['initializing', true],
      ['stopped', false],
      ['preparing', true],
      ['error', false],
      ['active', true],
      ['stopped', false],
    ]);
  });

  test('a status it does not know leaves the stream as it was; one without a status reaches no handler', async () => {
    const { user, session } = await h.start();
    const seen: string[] = [];
    session.camera.onManagedStreamStatus((s) => void seen.push(`${s.status}:${session.camera.isManagedStreamActive()}`));
    await user.waitForSubscriptions((s) => s.includes('managed_stream_status'));
    await user.sendMessage({ type: 'managed_stream_status', status: 'stopping', streamId: 's1' });
    await user.sendMessage({ type: 'managed_stream_status', streamId: 's1' });
    await user.sendMessage({ type: 'managed_stream_status', status: 'active', streamId: 's1' });
    await user.sendMessage({ type: 'managed_stream_status', status: 'reconnecting', streamId: 's1' });
    await eventually(() => seen.length === 3);
    expect(seen).toEqual(['stopping:false', 'active:true', 'reconnecting:true']);
  });

  test('URLs are kept only from an active status carrying both; the stream id defaults to empty', async () => {
    const { user, session } = await h.start();
    await user.sendMessage({ type: 'managed_stream_status', status: 'active', streamId: 'a', hlsUrl: URLS.hlsUrl });
    await user.sendMessage({ type: 'managed_stream_status', status: 'preparing', ...URLS });
    await user.sendMessage({ type: 'rtmp_stream_status', status: 'initializing' });
    await eventually(() => session.camera.getStreamStatus()?.status === 'initializing');
    expect(session.camera.getManagedStreamUrls()).toBeUndefined();
    await user.sendMessage({ type: 'managed_stream_status', status: 'active', ...URLS, previewUrl: 'https://p', thumbnailUrl: 'https://t' });
    await eventually(() => session.camera.getManagedStreamUrls() !== undefined);
    expect(session.camera.getManagedStreamUrls()).toEqual({ ...URLS, webrtcUrl: undefined, previewUrl: 'https://p', thumbnailUrl: 'https://t', streamId: '' });
  });

  test('a managed start ended by "stopped" rejects with stream_stopped, the reason and the stream', async () => {
    const { user, session } = await h.start();
    const stopped = sdkRejection(session.camera.startManagedStream(), 'stream_stopped');
    await waitSent(user, 'managed_stream_request');
    await user.sendMessage({ type: 'managed_stream_status', status: 'stopped', streamId: 's7' });
    const err = await stopped;
    expect(err.message).toBe('The managed stream stopped: no reason given');
    expect(err.details).toEqual({ status: 'stopped', streamId: 's7' });
    const failed = sdkRejection(session.camera.startManagedStream(), 'stream_error');
    await user.sendMessage({ type: 'managed_stream_status', status: 'error', streamId: 's8', message: 'no camera' });
    expect((await failed).message).toBe('The managed stream failed: no camera');
  });

  test('a managed start that gets no answer names what timed out', async () => {
    const { session } = await h.start();
    const err = await sdkRejection(session.camera.startManagedStream({ timeoutMs: 100 }), 'request_timeout');
    expect(err.message).toMatch(/^The managed stream start request \S+ got no answer within 100 ms$/);
    expect(err.details).toMatchObject({ kind: 'managed stream start' });
  });

  test('an RTMP stream ends with error or timeout too; a status without a status string changes nothing', async () => {
    const { user, session } = await h.start();
    const statuses: string[] = [];
    session.camera.onStreamStatus((s) => void statuses.push(s.status));
    for (const ending of ['error', 'timeout']) {
      await session.camera.startStream({ rtmpUrl: 'rtmp://live.example.com/app/key' });
      expect(session.camera.isCurrentlyStreaming()).toBe(true);
      await user.sendMessage({ type: 'rtmp_stream_status', streamId: 'r1' });
      await user.sendMessage({ type: 'rtmp_stream_status', status: ending, streamId: 'r1' });
      await eventually(() => !session.camera.isCurrentlyStreaming());
      expect(session.camera.getCurrentStreamUrl()).toBeUndefined();
      expect(session.camera.getStreamStatus()?.status).toBe(ending);
    }
    await user.sendMessage({ type: 'managed_stream_status', streamId: 'm' });
    await user.sendMessage({ type: 'rtmp_stream_status', status: 'stopped' });
    await eventually(() => statuses.length === 3);
    expect(statuses).toEqual(['error', 'timeout', 'stopped']);
    expect(session.camera.isManagedStreamActive()).toBe(false);
  });

  test('a stream check answers hasActiveStream only for true', async () => {
    const { user, session } = await h.start();
    const check = session.camera.checkExistingStream();
    await waitSent(user, 'stream_status_check');
    await user.sendMessage({ type: 'stream_status_check_response', hasActiveStream: 'yes' });
    expect(await check).toEqual({ hasActiveStream: false, streamInfo: undefined });
  });
});

describe('session.camera: photo answers over the WebSocket', () => {
  const h = harness();

  async function answered(fields: Record<string, unknown>): Promise<PhotoData> {
    const { user, session } = await h.start();
    const photo = session.camera.requestPhoto();
    const req = await waitSent(user, 'photo_request');
    await user.sendMessage({ type: 'photo_response', requestId: req.requestId, ...fields });
    return photo;
  }

  test('without a URL: an empty JPEG named photo.jpg, savedToGallery only when the answer says so', async () => {
    const photo = await answered({ success: true, savedToGallery: 'yes' });
    expect(photo).toMatchObject({ mimeType: 'image/jpeg', filename: 'photo.jpg', size: 0 });
    expect('photoUrl' in photo).toBe(false);
    expect('savedToGallery' in photo).toBe(false);
    expect((await answered({ success: true, savedToGallery: false })).savedToGallery).toBe(false);
  });

  test("with a URL: the file name is the URL's last segment, decoded and at most 255 characters", async () => {
    expect((await answered({ photoUrl: 'https://photos.example.com/a/My%20Photo.jpg' })).filename).toBe('My Photo.jpg');
    expect((await answered({ photoUrl: `https://photos.example.com/${'n'.repeat(300)}.jpg` })).filename).toBe('n'.repeat(255));
    expect((await answered({ photoUrl: 'https://photos.example.com/dir/' })).filename).toBe('photo.jpg');
    expect(await answered({ photoUrl: 'not a url' })).toMatchObject({ photoUrl: 'not a url', filename: 'photo.jpg' });
  });

  test('success false, or an error without a code or message, rejects with photo_error and says what is unknown', async () => {
    const { user, session } = await h.start();
    const first = sdkRejection(session.camera.requestPhoto(), 'photo_error');
    const a = await waitSent(user, 'photo_request');
    await user.sendMessage({ type: 'photo_response', requestId: a.requestId, success: false });
    expect((await first).message).toBe('Photo capture failed: unknown error (code: UNKNOWN_ERROR)');
    expect((await first).details).toEqual({ requestId: a.requestId, errorCode: 'UNKNOWN_ERROR' });
    const second = sdkRejection(session.camera.requestPhoto(), 'photo_error');
    const b = await waitSent(user, 'photo_request', (m) => m.requestId !== a.requestId);
    await user.sendMessage({ type: 'photo_response', requestId: b.requestId, error: { code: 7, message: `busy${'!'.repeat(400)}` } });
    expect((await second).message).toBe(`Photo capture failed: busy${'!'.repeat(296)} (code: UNKNOWN_ERROR)`);
  });

  test("an answer on one session's socket does not settle another session's photo", async () => {
    const a = await h.start({}, { userId: 'a@example.com' });
    // another user's session on the same app: photo requests are kept by the app, not by the session
    const b = await h.cloud.startSession({ app: a.app, userId: 'b@example.com' });
    const photo = a.session.camera.requestPhoto();
    const req = await waitSent(a.user, 'photo_request');
    await b.sendMessage({ type: 'photo_response', requestId: req.requestId, photoUrl: 'https://p.example.com/wrong.jpg' });
    await b.sendMessage({ type: 'photo_response', requestId: req.requestId, success: false });
    await a.user.sendMessage({ type: 'photo_response', requestId: req.requestId, photoUrl: 'https://p.example.com/right.jpg' });
    expect((await photo).photoUrl).toBe('https://p.example.com/right.jpg');
  });

  test('an answer whose request id is not text is ignored', async () => {
    const { user, session } = await h.start();
    const photo = session.camera.requestPhoto();
    const req = await waitSent(user, 'photo_request');
    await user.sendMessage({ type: 'photo_response', requestId: 5, success: false });
    await user.sendMessage({ type: 'photo_response', requestId: req.requestId, photoUrl: 'https://p.example.com/x.jpg' });
    expect((await photo).photoUrl).toBe('https://p.example.com/x.jpg');
  });
});
