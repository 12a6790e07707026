import type { PhotoData } from '../../../src';
import { harness, sdkRejection, waitSent } from '../../helpers/modules';

const ID = /^photo_req_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8]);

describe('session.camera: photos', () => {
  const h = harness();

  async function started(dialect: 'mentraos' | 'augmentos' = 'mentraos', extra = {}) {
    await h.useCloud({ dialect });
    return h.start(extra);
  }

  test('requestPhoto sends photo_request and resolves with the bytes uploaded to /photo-upload', async () => {
    const { user, session } = await h.start();
    const photo = session.camera.requestPhoto({ size: 'large', saveToGallery: true });
    const req = await waitSent(user, 'photo_request');
    expect(req).toEqual({
      type: 'photo_request',
      packageName: 'com.example.app',
      sessionId: user.sessionId,
      requestId: expect.stringMatching(ID),
      saveToGallery: true,
      size: 'large',
      compress: 'none',
      timestamp: expect.any(String),
    });
    expect(session.camera.hasPhotoPendingRequest(req.requestId)).toBe(true);
    const answer = await user.answerPhoto(req.requestId, { image: JPEG, mimeType: 'image/jpeg', filename: 'shot.jpg' });
    expect(answer).toEqual({ status: 200, body: expect.objectContaining({ success: true, requestId: req.requestId }) });
    const data: PhotoData = await photo;
    expect(data).toMatchObject({ mimeType: 'image/jpeg', filename: 'shot.jpg', requestId: req.requestId, size: JPEG.length });
    expect(Buffer.compare(data.buffer, JPEG)).toBe(0);
    expect(session.camera.hasPhotoPendingRequest(req.requestId)).toBe(false);
  });

  test('a WebSocket photo_response (augmentos dialect) resolves with the photo URL and an empty buffer', async () => {
    const { user, session } = await started('augmentos');
    const photo = session.camera.requestPhoto();
    const req = await waitSent(user, 'photo_request');
    await user.answerPhoto(req.requestId, { photoUrl: 'https://photos.example.com/abc/IMG_1.jpg' });
    const data = await photo;
    expect(data).toMatchObject({ photoUrl: 'https://photos.example.com/abc/IMG_1.jpg', filename: 'IMG_1.jpg', size: 0, requestId: req.requestId });
    expect(data.buffer.length).toBe(0);
  });

  test.each(['mentraos', 'augmentos'] as const)('photo_error (%s) rejects with SdkError("photo_error") carrying the code', async (dialect) => {
    const { user, session } = await started(dialect);
    const rejected = sdkRejection(session.camera.requestPhoto(), 'photo_error');
    const req = await waitSent(user, 'photo_request');
    await user.answerPhoto(req.requestId, { error: { code: 'CAMERA_BUSY', message: 'camera in use' } });
    const err = await rejected;
    expect(err.details).toMatchObject({ requestId: req.requestId, errorCode: 'CAMERA_BUSY' });
    expect(err.message).toContain('camera in use');
  });

  test('no answer: SdkError("request_timeout"); session end: SdkError("session_closed")', async () => {
    const { user, session } = await h.start();
    await sdkRejection(session.camera.requestPhoto({ timeoutMs: 150 }), 'request_timeout');
    const closed = sdkRejection(session.camera.requestPhoto(), 'session_closed');
    const req = await waitSent(user, 'photo_request', (m) => session.camera.hasPhotoPendingRequest(m.requestId));
    await user.stop();
    await closed;
    expect((await user.answerPhoto(req.requestId))!.status).toBe(404);
  });

  test('cancelPhotoRequest and cancelAllPhotoRequests really cancel', async () => {
    const { user, session } = await h.start();
    const [a, b, c] = [1, 2, 3].map(() => sdkRejection(session.camera.requestPhoto(), 'request_cancelled'));
    await user.waitFor(() => (user.sent('photo_request').length === 3 ? true : undefined), 3000, 'three requests');
    const [ra, rb] = user.sent('photo_request');
    expect(session.camera.cancelPhotoRequest(ra.requestId)).toBe(true);
    expect(session.camera.cancelPhotoRequest(ra.requestId)).toBe(false);
    await a;
    expect(session.camera.cancelAllPhotoRequests()).toBe(2);
    await Promise.all([b, c]);
    expect((await user.answerPhoto(rb.requestId))!.status).toBe(404);
  });

  test('customWebhookUrl: the request carries it and the promise resolves at once with an empty photo', async () => {
    const { user, session } = await h.start();
    const data = await session.camera.requestPhoto({ customWebhookUrl: 'https://uploads.example.com/in', authToken: 't0k' });
    expect(data.size).toBe(0);
    expect(await waitSent(user, 'photo_request')).toMatchObject({
      customWebhookUrl: 'https://uploads.example.com/in',
      authToken: 't0k',
      requestId: data.requestId,
    });
  });

  describe('POST /photo-upload refuses bad input with JSON 4xx', () => {
    test('unknown requestId → 404; missing requestId → 400; not multipart → 415; malformed multipart → 400', async () => {
      const { user } = await h.start();
      const unknown = await user.uploadPhoto({
        fields: { requestId: 'photo_req_nope', type: 'photo_response', success: 'true' },
        file: { data: JPEG, mimeType: 'image/jpeg' },
      });
      expect(unknown).toEqual({
        status: 404,
        body: expect.objectContaining({ status: 'error', message: expect.stringContaining('No pending photo request') }),
      });
      expect((await user.uploadPhoto({ file: { data: JPEG, mimeType: 'image/jpeg' } })).status).toBe(400);
      const json = await user.uploadPhoto({ raw: { body: '{"requestId":"x"}', contentType: 'application/json' } });
      expect(json).toEqual({ status: 415, body: expect.objectContaining({ status: 'error' }) });
      const broken = await user.uploadPhoto({ raw: { body: 'garbage', contentType: 'multipart/form-data' } });
      expect(broken).toEqual({ status: 400, body: expect.objectContaining({ status: 'error' }) });
    });

    test('a non-image file → 415 and the request rejects with SdkError("photo_invalid")', async () => {
      const { user, session } = await h.start();
      const rejected = sdkRejection(session.camera.requestPhoto(), 'photo_invalid');
      const req = await waitSent(user, 'photo_request');
      const res = await user.uploadPhoto({
        fields: { requestId: req.requestId },
        file: { data: Buffer.from('<html>'), mimeType: 'text/html', filename: 'x.html' },
      });
      expect(res).toEqual({ status: 415, body: expect.objectContaining({ status: 'error' }) });
      await rejected;
    });

    test('an oversized file → 413 (limit from maxPhotoBytes) and the request rejects with SdkError("photo_too_large")', async () => {
      const { user, session } = await started('mentraos', { maxPhotoBytes: 1024 });
      const rejected = sdkRejection(session.camera.requestPhoto(), 'photo_too_large');
      const req = await waitSent(user, 'photo_request');
      const res = await user.answerPhoto(req.requestId, { image: Buffer.alloc(4096, 7) });
      expect(res).toEqual({ status: 413, body: expect.objectContaining({ status: 'error', message: expect.stringContaining('1024') }) });
      await rejected;
    });
  });
});

describe('session.camera: the timeoutMs option', () => {
  const h = harness();

  test('a timeout that is not a positive finite number means the default (30 s), not an immediate failure', async () => {
    const { user, session } = await h.start();
    // An app written in JavaScript can pass anything; each of these would otherwise time the request out at once.
    for (const timeoutMs of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, '5', null]) {
      const photo = session.camera.requestPhoto({ timeoutMs: timeoutMs as number });
      const req = await waitSent(user, 'photo_request', (m) => session.camera.hasPhotoPendingRequest(m.requestId));
      // Longer than any timer these values could set; a busy machine only makes a wrong timer fire sooner.
      await new Promise((r) => setTimeout(r, 50));
      expect(session.camera.hasPhotoPendingRequest(req.requestId)).toBe(true);
      await user.answerPhoto(req.requestId, { image: JPEG, mimeType: 'image/jpeg' });
      expect((await photo).requestId).toBe(req.requestId);
    }
  });
});
