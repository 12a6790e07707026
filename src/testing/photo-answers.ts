/**
 * How the simulated glasses answer an app's photo request: the WebSocket `photo_response` of clouds
 * that deliver photos over the socket, or the multipart upload to the app's `/photo-upload` of those
 * that deliver over HTTP. The simulated user picks one by dialect and records what it sends.
 */
import type { PhotoAnswer, PhotoUpload, WebhookAnswer } from './user-types';
import { parseOrRaw } from './wire-parse';

/** The `photo_response` message a WebSocket-delivering cloud sends for this answer. */
export function photoResponseMessage(requestId: string, answer: PhotoAnswer): Record<string, unknown> {
  const msg: Record<string, unknown> = { type: 'photo_response', requestId, timestamp: new Date().toISOString() };
  if (answer.error) Object.assign(msg, { success: false, error: answer.error });
  else
    Object.assign(msg, {
      success: true,
      photoUrl: answer.photoUrl ?? `https://photos.example.com/${encodeURIComponent(requestId)}.jpg`,
      savedToGallery: false,
    });
  return msg;
}

/** The upload glasses make for this answer: a `photo_error` form, or the image with its fields. */
export function photoUploadFor(requestId: string, answer: PhotoAnswer): PhotoUpload {
  if (answer.error) {
    return {
      fields: { requestId, type: 'photo_error', success: 'false', errorCode: answer.error.code, errorMessage: answer.error.message },
    };
  }
  const data = answer.image ?? Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  return {
    fields: { requestId, type: 'photo_response', success: 'true' },
    file: { data, mimeType: answer.mimeType ?? 'image/jpeg', filename: answer.filename ?? 'photo.jpg' },
  };
}

/** POSTs a multipart upload (or a raw body) to `${appUrl}/photo-upload` and returns the app's answer. */
export async function postPhotoUpload(appUrl: string, upload: PhotoUpload): Promise<WebhookAnswer> {
  let body: FormData | string | Buffer;
  const headers: Record<string, string> = {};
  if (upload.raw) {
    body = upload.raw.body;
    headers['content-type'] = upload.raw.contentType;
  } else {
    const form = new FormData();
    for (const [k, v] of Object.entries(upload.fields ?? {})) form.append(k, v);
    if (upload.file)
      form.append(upload.file.field ?? 'photo', new Blob([upload.file.data], { type: upload.file.mimeType }), upload.file.filename ?? 'photo.jpg');
    body = form;
  }
  const res = await fetch(`${appUrl}/photo-upload`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, body: parseOrRaw(text, 200) };
}
