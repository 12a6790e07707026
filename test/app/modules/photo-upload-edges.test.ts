/**
 * `POST /photo-upload` in detail, through a real app and the test cloud: each answer's exact body, what an
 * error report carries into the rejected request, which file part is taken, the order of the parts, bodies
 * cut off or sent under another type, and the default size limit.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { PhotoData } from '../../../src';
import { DEFAULT_MAX_PHOTO_BYTES, NOT_PENDING, NO_REQUEST_ID, registerPhotoUpload } from '../../../src/core/http/routes/photo-upload';
import { createSdkLogger } from '../../../src/core/logger';
import type { PendingRequests } from '../../../src/core/session/requests';
import { captureLogger } from '../../helpers/apps';
import { harness, sdkRejection, waitSent } from '../../helpers/modules';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 6, 5, 4, 3, 2]);

/** A multipart body in the order given, as bytes and its content type. */
async function multipart(parts: [string, string | { data: Buffer; type: string; filename: string }][]) {
  const form = new FormData();
  for (const [name, v] of parts) {
    if (typeof v === 'string') form.append(name, v);
    else form.append(name, new Blob([v.data], { type: v.type }), v.filename);
  }
  const encoded = new Response(form);
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! };
}

describe('POST /photo-upload in detail', () => {
  const h = harness();

  async function pending(extra = {}) {
    const started = await h.start(extra);
    const photo = started.session.camera.requestPhoto();
    const req = await waitSent(started.user, 'photo_request');
    return { ...started, photo, requestId: req.requestId as string };
  }

  test('a photo is answered with the full success body and resolves with its own name, cut at 255 characters', async () => {
    const { user, photo, requestId } = await pending();
    const filename = `${'n'.repeat(300)}.jpg`;
    const answer = await user.uploadPhoto({ fields: { requestId }, file: { data: JPEG, mimeType: 'image/png', filename } });
    expect(answer).toEqual({ status: 200, body: { status: 'success', success: true, requestId, message: 'Photo received' } });
    const data: PhotoData = await photo;
    expect(data).toMatchObject({ mimeType: 'image/png', filename: 'n'.repeat(255), size: JPEG.length, requestId });
  });

  test.each<[string, Record<string, string>]>([
    ['type photo_error alone', { type: 'photo_error', errorCode: 'CAMERA_BUSY', errorMessage: 'busy' }],
    ['success "false" alone', { success: 'false', errorCode: 'CAMERA_BUSY', errorMessage: 'busy' }],
  ])('an error report (%s) rejects the request with photo_error and is answered as received', async (_name, fields) => {
    const { user, photo, requestId } = await pending();
    const rejected = sdkRejection(photo, 'photo_error');
    const answer = await user.uploadPhoto({ fields: { requestId, ...fields } });
    expect(answer).toEqual({ status: 200, body: { status: 'success', success: true, requestId, message: 'Photo error received' } });
    const err = await rejected;
    expect(err.message).toBe('Photo capture failed: busy (code: CAMERA_BUSY)');
    expect(err.details).toEqual({ requestId, errorCode: 'CAMERA_BUSY' });
  });

  test('an error report without a code or message names them unknown; with a photo attached it is still an error', async () => {
    const { user, photo, requestId } = await pending();
    const rejected = sdkRejection(photo, 'photo_error');
    // The published 2.x SDK takes the report even when a file came with it (only 3.0.0-hono lets the file win).
    await user.uploadPhoto({ fields: { requestId, type: 'photo_error' }, file: { data: JPEG, mimeType: 'image/jpeg' } });
    const err = await rejected;
    expect(err.message).toBe('Photo capture failed: unknown error (code: UNKNOWN_ERROR)');
    expect(err.details).toEqual({ requestId, errorCode: 'UNKNOWN_ERROR' });
  });

  test('no photo file: 400, and the request rejects with photo_missing carrying its requestId', async () => {
    const { user, photo, requestId } = await pending();
    const rejected = sdkRejection(photo, 'photo_missing');
    const answer = await user.uploadPhoto({ fields: { requestId, type: 'photo_response' } });
    const message = 'The upload has no "photo" file';
    expect(answer).toEqual({ status: 400, body: { status: 'error', success: false, message, error: message } });
    expect((await rejected).details).toEqual({ requestId });
  });

  test('a file under another field name is not the photo', async () => {
    const { user, photo, requestId } = await pending();
    const rejected = sdkRejection(photo, 'photo_missing');
    const answer = await user.uploadPhoto({ fields: { requestId }, file: { field: 'image', data: JPEG, mimeType: 'image/jpeg' } });
    expect(answer.status).toBe(400);
    await rejected;
  });

  test('the photo may come before its requestId field', async () => {
    const { user, photo, requestId } = await pending();
    const raw = await multipart([
      ['photo', { data: JPEG, type: 'image/jpeg', filename: 'first.jpg' }],
      ['requestId', requestId],
    ]);
    expect((await user.uploadPhoto({ raw })).status).toBe(200);
    expect(await photo).toMatchObject({ filename: 'first.jpg', size: JPEG.length });
  });

  test('a file that is not an image: 415 naming its type (cut at 100 characters), and photo_invalid', async () => {
    const { user, photo, requestId } = await pending();
    const rejected = sdkRejection(photo, 'photo_invalid');
    const type = `text/${'x'.repeat(200)}`;
    const answer = await user.uploadPhoto({ fields: { requestId }, file: { data: JPEG, mimeType: type } });
    const message = `The uploaded file is ${type.slice(0, 100)}, not an image`;
    expect(answer).toEqual({ status: 415, body: { status: 'error', success: false, message, error: message } });
    expect((await rejected).details).toEqual({ requestId });
  });

  test('too large: 413 with the limit, and photo_too_large carrying it; the default limit is 10 MB', async () => {
    const { user, photo, requestId } = await pending();
    const rejected = sdkRejection(photo, 'photo_too_large');
    const answer = await user.uploadPhoto({ fields: { requestId }, file: { data: Buffer.alloc(DEFAULT_MAX_PHOTO_BYTES + 1, 1), mimeType: 'image/jpeg' } });
    const message = `The photo is larger than ${10 * 1024 * 1024} bytes`;
    expect(answer).toEqual({ status: 413, body: { status: 'error', success: false, message, error: message } });
    expect((await rejected).details).toEqual({ requestId, maxBytes: 10 * 1024 * 1024 });
  });

  test('a photo of exactly the limit is taken; one byte more is refused', async () => {
    const { user, photo, requestId, session } = await pending({ maxPhotoBytes: 16 });
    expect((await user.uploadPhoto({ fields: { requestId }, file: { data: Buffer.alloc(16, 2), mimeType: 'image/jpeg' } })).status).toBe(200);
    expect((await photo).size).toBe(16);
    const second = sdkRejection(session.camera.requestPhoto(), 'photo_too_large');
    const req = await waitSent(user, 'photo_request', (m) => m.requestId !== requestId);
    expect((await user.uploadPhoto({ fields: { requestId: req.requestId }, file: { data: Buffer.alloc(17, 2), mimeType: 'image/jpeg' } })).status).toBe(413);
    expect((await second).details).toEqual({ requestId: req.requestId, maxBytes: 16 });
  });

  test('the marker instances use between themselves for a too-large photo is ignored on an upload from the glasses', async () => {
    const { user, photo, requestId } = await pending();
    const fields = { requestId, mentraos_forwarded_too_large: '1' };
    expect((await user.uploadPhoto({ fields, file: { data: JPEG, mimeType: 'image/jpeg' } })).status).toBe(200);
    expect((await photo).size).toBe(JPEG.length);
  });

  test('the answers that refuse an upload before any request is looked up say why', async () => {
    const { user } = await h.start();
    const noId = await user.uploadPhoto({ file: { data: JPEG, mimeType: 'image/jpeg' } });
    expect(noId).toEqual({ status: 400, body: { status: 'error', success: false, message: NO_REQUEST_ID, error: NO_REQUEST_ID } });
    expect(NO_REQUEST_ID).toContain('requestId');
    const unknown = await user.uploadPhoto({ fields: { requestId: 'photo_req_gone' }, file: { data: JPEG, mimeType: 'image/jpeg' } });
    expect(unknown).toEqual({ status: 404, body: { status: 'error', success: false, message: NOT_PENDING, error: NOT_PENDING } });
    // "multipart/form-data" anywhere but at the start is another type.
    const other = await user.uploadPhoto({ raw: { body: 'x', contentType: 'text/plain; note=multipart/form-data' } });
    expect(other).toEqual({ status: 415, body: expect.objectContaining({ message: expect.stringContaining('Expected multipart/form-data') }) });
    const upper = await user.uploadPhoto({ raw: { body: 'x', contentType: 'MULTIPART/FORM-DATA' } });
    expect(upper.status).toBe(400);
    // The parser's refusal repeats the content type it could not read: the answer cuts it.
    const odd = `multipart/form-dataX${'y'.repeat(300)}`;
    const long = await user.uploadPhoto({ raw: { body: 'x', contentType: odd } });
    expect(long).toEqual({
      status: 400,
      body: expect.objectContaining({ message: `Malformed multipart body: ${`Unsupported content type: ${odd}`.slice(0, 200)}` }),
    });
  });

  test('a body cut off inside the photo: 400, the request stays pending, and the server keeps serving', async () => {
    const { user, photo, requestId, session } = await pending();
    const whole = await multipart([
      ['requestId', requestId],
      ['photo', { data: Buffer.alloc(2000, 3), type: 'image/jpeg', filename: 'cut.jpg' }],
    ]);
    const cut = await user.uploadPhoto({ raw: { body: whole.body.subarray(0, whole.body.length - 1000), contentType: whole.contentType } });
    expect(cut).toEqual({ status: 400, body: expect.objectContaining({ message: 'Malformed multipart body: Unexpected end of form' }) });
    expect(session.camera.hasPhotoPendingRequest(requestId)).toBe(true);
    expect((await user.uploadPhoto({ fields: { requestId }, file: { data: JPEG, mimeType: 'image/jpeg' } })).status).toBe(200);
    expect((await photo).size).toBe(JPEG.length);
  });
});

describe('POST /photo-upload when handling it fails', () => {
  test('a failure while handling an upload is answered 500 in JSON and logged', async () => {
    const logger = captureLogger();
    const photos = {
      hasOf: () => {
        throw new Error('registry unavailable');
      },
    } as unknown as PendingRequests;
    const app = express();
    registerPhotoUpload(app, photos, createSdkLogger(logger), { maxBytes: 1024 });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const form = new FormData();
      form.append('requestId', 'photo_req_1');
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/photo-upload`, { method: 'POST', body: form });
      const message = 'Internal error while handling the photo upload';
      expect({ status: res.status, body: await res.json() }).toEqual({ status: 500, body: { status: 'error', success: false, message, error: message } });
      expect(logger.lines).toEqual([{ level: 'error', text: 'Photo upload handling failed: registry unavailable' }]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
