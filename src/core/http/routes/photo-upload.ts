/**
 * `POST /photo-upload`: the glasses upload the photo of a pending `photo_request` as multipart form data
 * (file field `photo`; text fields `requestId`, `type`, `success`, `errorCode`, `errorMessage`).
 *
 * Only requestIds of pending photo requests are accepted (404 otherwise). The body is streamed through
 * busboy with a size limit; only `image/*` files are taken. Every answer is JSON, never an HTML page.
 * With several instances, an upload for a request another instance made is forwarded there (re-encoded
 * from the parsed fields and file) and answered as if handled here.
 */
import busboy from 'busboy';
import type { Express, Request, Response } from 'express';
import type { PhotoData } from '../../../protocol/module-messages';
import { PHOTO_KIND } from '../../session/correlation';
import { SdkError, type SdkErrorCode, toError } from '../../errors';
import type { ClusterRouter, ForwardBody } from '../../cluster/forward';
import type { Logger } from '../../logger';
import type { PendingRequests } from '../../session/requests';
import { jsonAnswer, sendAnswer, type JsonAnswer } from './context';

export const DEFAULT_MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export interface PhotoUploadOptions {
  /** Largest accepted photo in bytes (the server's `maxPhotoBytes`, checked positive when it was configured). */
  maxBytes: number;
  /** Set when several instances share a session directory. */
  cluster?: ClusterRouter;
}

/** The refusal of an upload without a requestId (400). */
export const NO_REQUEST_ID = 'The upload needs a "requestId" field';
/** The refusal of an upload for a request that is not pending (404). */
export const NOT_PENDING = 'No pending photo request has this requestId (it may have timed out, been cancelled or been answered)';

/** Added by an instance forwarding an upload whose photo was too large (believed only on signed forwarded requests). */
// Stryker disable next-line StringLiteral: a name agreed between instances of the same build; any other name would serve
const FORWARDED_TOO_LARGE = 'mentraos_forwarded_too_large';

/** An upload's text fields, its photo file (when one was taken) and whether the file was over the limit. */
export interface ParsedUpload {
  fields: Record<string, string>;
  file?: { buffer: Buffer; mimeType: string; filename: string };
  tooLarge: boolean;
}

export function registerPhotoUpload(app: Express, photos: PendingRequests, logger: Logger, options: PhotoUploadOptions): void {
  app.post('/photo-upload', (req, res) => {
    handleUpload(req, res, photos, options.maxBytes, options.cluster).catch((e) => {
      logger.error(`Photo upload handling failed: ${toError(e).message}`);
      answer(res, 500, 'Internal error while handling the photo upload');
    });
  });
}

async function handleUpload(req: Request, res: Response, photos: PendingRequests, maxBytes: number, cluster: ClusterRouter | undefined): Promise<void> {
  if (!/^multipart\/form-data/i.test(String(req.headers['content-type']))) {
    return answer(res, 415, 'Expected multipart/form-data with a "photo" file field and a "requestId" field');
  }
  const forwarded = !!cluster?.forwardedFrom(req);
  // A photo for a request not pending here is kept only when another instance may have made it.
  const mayForward = !!cluster && !forwarded;
  let upload: ParsedUpload;
  try {
    // Stryker disable next-line ConditionalExpression: skipping the file of a request not pending here only saves reading it (answered 404 either way)
    upload = await parse(req, maxBytes, (id) => mayForward || photos.hasOf(id, PHOTO_KIND));
  } catch (e) {
    // (cut: busboy's refusal of a content type it cannot read repeats the whole header)
    return answer(res, 400, `Malformed multipart body: ${toError(e).message.slice(0, 200)}`);
  }
  const { fields } = upload;
  const requestId = fields.requestId;
  if (!requestId) return answer(res, 400, NO_REQUEST_ID);
  if (forwarded && fields[FORWARDED_TOO_LARGE] === '1') upload.tooLarge = true;
  if (!photos.hasOf(requestId, PHOTO_KIND)) {
    if (mayForward && (await cluster!.forwardIfRemote(req, res, 'request', requestId, { body: await encodeUpload(upload) }))) return;
    return answer(res, 404, NOT_PENDING);
  }
  sendAnswer(res, settlePhotoUpload(photos, upload, maxBytes));
}

/**
 * Settles the pending photo request an upload answers (its requestId is pending): resolves it with the photo,
 * or rejects it with a typed error, and says what to answer. `lenient` takes the 3.0.0-hono rule: an error
 * report counts only when no photo file came with it.
 */
export function settlePhotoUpload(photos: PendingRequests, upload: ParsedUpload, maxBytes: number, lenient = false): JsonAnswer {
  const { fields, file } = upload;
  const requestId = fields.requestId!;
  const fail = (status: number, code: SdkErrorCode, message: string, details: Record<string, unknown> = {}) => {
    photos.reject(requestId, new SdkError(code, message, { details: { requestId, ...details } }));
    return refusal(status, message);
  };
  if ((fields.type === 'photo_error' || fields.success === 'false') && !(lenient && file)) {
    const errorCode = fields.errorCode || 'UNKNOWN_ERROR';
    photos.reject(
      requestId,
      new SdkError('photo_error', `Photo capture failed: ${fields.errorMessage || 'unknown error'} (code: ${errorCode})`, {
        details: { requestId, errorCode },
      }),
    );
    return jsonAnswer(200, { status: 'success', success: true, requestId, message: 'Photo error received' });
  }
  if (upload.tooLarge) return fail(413, 'photo_too_large', `The photo is larger than ${maxBytes} bytes`, { maxBytes });
  if (!file) return fail(400, 'photo_missing', 'The upload has no "photo" file');
  if (!file.mimeType.toLowerCase().startsWith('image/')) {
    return fail(415, 'photo_invalid', `The uploaded file is ${file.mimeType.slice(0, 100)}, not an image`);
  }
  const photo: PhotoData = {
    buffer: file.buffer,
    mimeType: file.mimeType,
    filename: file.filename,
    requestId,
    size: file.buffer.length,
    timestamp: new Date(),
  };
  photos.resolve(requestId, photo);
  return jsonAnswer(200, { status: 'success', success: true, requestId, message: 'Photo received' });
}

/** Streams the multipart body; files for requestIds already known not to be pending are skipped unread. */
function parse(req: Request, maxBytes: number, isPending: (id: string) => boolean): Promise<ParsedUpload> {
  return new Promise<ParsedUpload>((resolve, reject) => {
    const out: ParsedUpload = { fields: {}, tooLarge: false };
    // busboy calls a file that reaches its limit too large, so a photo of exactly maxBytes needs one byte more.
    const bb = busboy({ headers: req.headers, limits: { fileSize: maxBytes + 1, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 30 } });
    bb.on('field', (name, value) => {
      out.fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      // A body cut off inside the file fails the file stream too; busboy's own 'error' answers it.
      stream.on('error', () => {});
      const known = out.fields.requestId;
      // (one file at most: busboy's limit skips any further file part)
      if (name !== 'photo') return void stream.resume();
      // Stryker disable next-line ConditionalExpression: as above, skipping only saves reading the file
      if (known !== undefined && !isPending(known)) return void stream.resume();
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        out.tooLarge = true;
      });
      stream.on('end', () => {
        // Stryker disable next-line ConditionalExpression: a too-large upload is refused before its file is read; this only drops the cut-off bytes
        if (!out.tooLarge) {
          out.file = {
            buffer: Buffer.concat(chunks),
            mimeType: info.mimeType,
            // Stryker disable next-line StringLiteral: only an application/octet-stream part is a file without a name, and it is refused as not an image
            filename: (info.filename || 'photo.jpg').slice(0, 255),
          };
        }
      });
    });
    bb.on('error', (e) => reject(toError(e)));
    bb.on('close', () => resolve(out));
    // Stryker disable next-line all: settles the parse of an upload whose client has gone; no one is left to answer
    req.on('aborted', () => reject(new Error('the client aborted the upload')));
    req.pipe(bb);
  });
}

/** The parsed upload as a multipart body again, for the instance that made the request. */
async function encodeUpload(upload: ParsedUpload): Promise<ForwardBody> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) if (name !== FORWARDED_TOO_LARGE) form.append(name, value);
  if (upload.tooLarge) form.append(FORWARDED_TOO_LARGE, '1');
  if (upload.file) form.append('photo', new Blob([upload.file.buffer], { type: upload.file.mimeType }), upload.file.filename);
  const encoded = new Response(form);
  return { data: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! };
}

/** The body of every refused upload (`message` for this SDK's callers, `error` for the published ones'). */
export function refusal(status: number, message: string): JsonAnswer {
  return jsonAnswer(status, { status: 'error', success: false, message, error: message });
}

function answer(res: Response, status: number, message: string): void {
  sendAnswer(res, refusal(status, message));
}
