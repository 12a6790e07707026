/**
 * The camera's side of the inbound dispatch, in the core so that `session.camera` can be created on first
 * use: photo answers over the WebSocket settle the engine's pending photo requests, RTMP and managed stream
 * status is kept in a plain record (created with the first status or the first use of the camera) and
 * delivered to the stream handlers, and stream checks are answered. The camera module reads the record.
 */
import type { ManagedStreamStatus, PhotoData, PhotoResponse, RtmpStreamStatus, StreamStatusCheckResponse } from '../../protocol/module-messages';
import { SdkError } from '../errors';
import { PHOTO_KIND, type PendingRequests } from '../session/requests';

export const MANAGED_START_KIND = 'managed stream start';
// Stryker disable next-line StringLiteral: equivalent, a check that gets no answer resolves false and its kind is never shown (EQUIVALENT_MUTANTS.md)
export const STREAM_CHECK_KIND = 'stream status check';

export interface ManagedStreamUrls {
  /** The HLS URL. */
  hlsUrl: string;
  /** The DASH URL. */
  dashUrl: string;
  /** The WebRTC URL. */
  webrtcUrl?: string;
  /** A preview page URL. */
  previewUrl?: string;
  /** A thumbnail image URL. */
  thumbnailUrl?: string;
  /** The stream's id. */
  streamId: string;
}

export interface CameraState {
  /** Unmanaged RTMP: set by `startStream`, cleared by a final status. */
  streaming: boolean;
  streamUrl: string | undefined;
  streamStatus: RtmpStreamStatus | undefined;
  /** Managed streams. */
  managedActive: boolean;
  managedUrls: ManagedStreamUrls | undefined;
  managedStatus: ManagedStreamStatus | undefined;
  /** The last status delivered (handlers run only on real changes). */
  managedSignature: string;
  /** The pending `startManagedStream` request, if any. */
  managedStartId: string | undefined;
}

export function newCameraState(): CameraState {
  return {
    streaming: false,
    streamUrl: undefined,
    streamStatus: undefined,
    managedActive: false,
    managedUrls: undefined,
    managedStatus: undefined,
    // Stryker disable next-line StringLiteral: equivalent, any text that is not a JSON array serves as "none yet" (EQUIVALENT_MUTANTS.md)
    managedSignature: '',
    managedStartId: undefined,
  };
}

const STREAM_ENDED = new Set(['stopped', 'error', 'timeout']);

/** Applies an `rtmp_stream_status`; true when it should go to the stream handlers. */
export function applyRtmpStatus(cam: CameraState, m: RtmpStreamStatus): boolean {
  if (typeof m.status !== 'string') return false;
  cam.streamStatus = m;
  if (STREAM_ENDED.has(m.status)) {
    cam.streaming = false;
    cam.streamUrl = undefined;
  }
  return true;
}

/** Applies a `managed_stream_status` (settling a pending start); true when it changed and should go to the handlers. */
export function applyManagedStatus(cam: CameraState, m: ManagedStreamStatus, requests: PendingRequests): boolean {
  if (typeof m.status !== 'string') return false;
  const signature = JSON.stringify([m.status, m.streamId, m.hlsUrl, m.dashUrl, m.webrtcUrl, m.previewUrl, m.thumbnailUrl, m.message, m.outputs]);
  if (signature === cam.managedSignature) return false;
  cam.managedSignature = signature;
  cam.managedStatus = m;
  if (m.status === 'initializing' || m.status === 'preparing' || m.status === 'active') cam.managedActive = true;
  if (m.status === 'active' && m.hlsUrl && m.dashUrl) {
    cam.managedUrls = {
      hlsUrl: m.hlsUrl,
      dashUrl: m.dashUrl,
      webrtcUrl: m.webrtcUrl,
      previewUrl: m.previewUrl,
      thumbnailUrl: m.thumbnailUrl,
      streamId: m.streamId ?? '',
    };
    // Stryker disable next-line ConditionalExpression: equivalent, settling a request that does not exist does nothing (EQUIVALENT_MUTANTS.md)
    if (cam.managedStartId) requests.resolve(cam.managedStartId, cam.managedUrls);
  }
  if (m.status === 'error' || m.status === 'stopped') {
    cam.managedActive = false;
    cam.managedUrls = undefined;
    // Stryker disable next-line ConditionalExpression: equivalent, settling a request that does not exist does nothing (EQUIVALENT_MUTANTS.md)
    if (cam.managedStartId) {
      const code = m.status === 'error' ? 'stream_error' : 'stream_stopped';
      const what = m.status === 'error' ? 'failed' : 'stopped';
      requests.reject(
        cam.managedStartId,
        new SdkError(code, `The managed stream ${what}: ${m.message ?? 'no reason given'}`, { details: { status: m.status, streamId: m.streamId } }),
      );
    }
  }
  return true;
}

/** Answers the oldest pending stream check of this session. */
export function answerStreamCheck(requests: PendingRequests, m: StreamStatusCheckResponse): void {
  const [oldest] = requests.ids(STREAM_CHECK_KIND);
  // Stryker disable next-line ConditionalExpression: equivalent, settling a request that does not exist does nothing (EQUIVALENT_MUTANTS.md)
  if (oldest !== undefined) requests.resolve(oldest, { hasActiveStream: m.hasActiveStream === true, streamInfo: m.streamInfo });
}

/** Settles this session's pending photo request named by a WebSocket `photo_response` (others are ignored). */
export function settlePhotoResponse(shared: PendingRequests, sessionId: string, m: PhotoResponse): void {
  // (an id that is not text names no pending request)
  const id = m.requestId as string;
  if (!shared.hasOf(id, PHOTO_KIND, sessionId)) return;
  if (m.success === false || m.error) {
    const errorCode = typeof m.error?.code === 'string' ? m.error.code : 'UNKNOWN_ERROR';
    const why = typeof m.error?.message === 'string' ? m.error.message.slice(0, 300) : 'unknown error';
    shared.reject(id, new SdkError('photo_error', `Photo capture failed: ${why} (code: ${errorCode})`, { details: { requestId: id, errorCode } }));
    return;
  }
  const photo = emptyPhoto(id);
  if (typeof m.photoUrl === 'string') {
    photo.photoUrl = m.photoUrl;
    photo.filename = filenameOf(m.photoUrl);
  }
  if (typeof m.savedToGallery === 'boolean') photo.savedToGallery = m.savedToGallery;
  shared.resolve(id, photo);
}

/** A photo without bytes (it went to a custom webhook, or arrived as a URL). */
export function emptyPhoto(requestId: string): PhotoData {
  return { buffer: Buffer.alloc(0), mimeType: 'image/jpeg', filename: 'photo.jpg', requestId, size: 0, timestamp: new Date() };
}

function filenameOf(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').pop();
    return last ? decodeURIComponent(last).slice(0, 255) : 'photo.jpg';
  } catch {
    return 'photo.jpg';
  }
}
