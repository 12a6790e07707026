/**
 * `session.camera`: photos, unmanaged RTMP streams, and (through `CameraManagedExtension`) managed streams.
 *
 * A photo request completes in whichever way the cloud delivers it: an HTTP upload to the app's
 * `/photo-upload` (the image bytes), or a WebSocket `photo_response` carrying a `photoUrl`. For the
 * latter the SDK resolves with the URL and an empty buffer and downloads nothing: the URL points at
 * storage the app did not choose, and fetching it from the app server is the app's decision.
 * Pending photos are kept by the engine, so a reconnect or a replaced session does not lose them.
 * Photo answers and stream status are handled by the core session (`core/modules/camera-state.ts`), which keeps the
 * stream state this module reports: the module registers no listener and may be created on first use.
 */
import { PHOTO_KIND, cancelledError, newRequestId, refusedSendError, sendRequest, timeoutOption } from '../../core/session/correlation';
import { type CameraState, applyRtmpStatus, emptyPhoto, settlePhotoResponse } from '../../core/modules/camera-state';
import { SdkError } from '../../core/errors';
import { cameraState } from '../../core/modules/module-state';
import type { CoreSession } from '../../core/session/session';
import { StreamType } from '../../protocol/enums';
import type {
  AudioConfig,
  ManagedStreamStatus,
  PhotoCompression,
  PhotoData,
  PhotoSize,
  RtmpStreamStatus,
  StreamConfig,
  StreamStatusCheckResponse,
  StreamStatusHandler,
  VideoConfig,
} from '../../protocol/module-messages';
import { type SessionLike, followSessionId, resolveCore } from '../core-of';
import { CameraManagedExtension, cancelStreamRequests, type ExistingStream, type ManagedStreamOptions, type ManagedStreamResult } from './camera-managed';

export const PHOTO_TIMEOUT_MS = 30_000;

export interface PhotoRequestOptions {
  saveToGallery?: boolean;
  /** Upload the photo there instead of to this app (the promise then resolves at once with an empty buffer). */
  customWebhookUrl?: string;
  authToken?: string;
  size?: PhotoSize;
  compress?: PhotoCompression;
  /** Play the capture sound on the glasses (3.0.0-hono; sent only when set). */
  sound?: boolean;
  /** How long to wait for the photo (default 30 000 ms). */
  timeoutMs?: number;
}

export interface RtmpStreamOptions {
  rtmpUrl: string;
  video?: VideoConfig;
  audio?: AudioConfig;
  stream?: StreamConfig;
  /** Play the capture sound on the glasses (3.0.0-hono; sent only when set). */
  sound?: boolean;
}

export class CameraModule {
  /** The session's stream state (kept by the core session, so it covers messages from before this module). */
  private readonly state: CameraState;
  private readonly managed: CameraManagedExtension;

  private readonly core: CoreSession;

  /**
   * Built by the session on first access (`session.camera`). The published form
   * `new CameraModule(session, packageName, sessionId, logger?)` is accepted: the session gives everything else.
   */
  constructor(session: CoreSession | SessionLike, _packageName?: string, _sessionId?: string, _logger?: unknown) {
    const core = (this.core = resolveCore(session, 'CameraModule'));
    this.state = cameraState(core.moduleState);
    this.managed = new CameraManagedExtension(core);
  }

  // ---------------------------------------------------------------- photos

  /** Takes a photo; resolves with it, or rejects with an `SdkError` (`photo_error`, `request_timeout`, `session_closed`). */
  requestPhoto(options: PhotoRequestOptions = {}): Promise<PhotoData> {
    const requestId = newRequestId('photo_req');
    const message = {
      type: 'photo_request' as const,
      packageName: this.core.packageName,
      sessionId: this.core.sessionId,
      requestId,
      saveToGallery: options.saveToGallery ?? false,
      customWebhookUrl: options.customWebhookUrl,
      authToken: options.authToken,
      size: options.size ?? 'medium',
      compress: options.compress ?? 'none',
      sound: options.sound,
    };
    if (options.customWebhookUrl) {
      if (!this.core.send(message)) return Promise.reject(refusedSendError(this.core, 'request a photo', { requestId }));
      return Promise.resolve(emptyPhoto(requestId));
    }
    return sendRequest<PhotoData>(this.core, {
      id: requestId,
      kind: PHOTO_KIND,
      timeoutMs: timeoutOption(options.timeoutMs, PHOTO_TIMEOUT_MS),
      message,
      registry: this.core.sharedRequests,
      owner: this.core.sessionId,
    });
  }

  hasPhotoPendingRequest(requestId: string): boolean {
    return this.core.sharedRequests.hasOf(requestId, PHOTO_KIND, this.core.sessionId);
  }

  /** How many photo requests of this session are waiting for their photo. */
  getPhotoPendingRequestCount(): number {
    return this.getPhotoPendingRequestIds().length;
  }

  /** The request ids of this session's photo requests that are waiting for their photo. */
  getPhotoPendingRequestIds(): string[] {
    return this.core.sharedRequests.ids(PHOTO_KIND, this.core.sessionId);
  }

  /** Rejects a pending photo request with `SdkError('request_cancelled')`; false if it was not pending. */
  cancelPhotoRequest(requestId: string): boolean {
    return this.hasPhotoPendingRequest(requestId) && this.core.sharedRequests.reject(requestId, cancelledError(PHOTO_KIND, requestId));
  }

  /** Cancels every pending photo request of this session; returns how many. */
  cancelAllPhotoRequests(): number {
    return this.core.sharedRequests.rejectMatching({ kind: PHOTO_KIND, owner: this.core.sessionId }, cancelledError);
  }

  // ---------------------------------------------------------------- unmanaged RTMP

  /** Streams to your RTMP server. Throws if a stream is already running. */
  async startStream(options: RtmpStreamOptions): Promise<void> {
    if (!options || typeof options.rtmpUrl !== 'string' || options.rtmpUrl === '') throw new SdkError('invalid_argument', 'startStream needs an rtmpUrl');
    if (this.state.streaming) throw new SdkError('already_streaming', 'Already streaming: stop the current stream before starting a new one');
    const sent = this.core.send({
      type: 'rtmp_stream_request',
      packageName: this.core.packageName,
      sessionId: this.core.sessionId,
      rtmpUrl: options.rtmpUrl,
      video: options.video,
      audio: options.audio,
      stream: options.stream,
      sound: options.sound,
    });
    if (!sent) throw refusedSendError(this.core, 'start a stream');
    this.state.streaming = true;
    this.state.streamUrl = options.rtmpUrl;
  }

  /** Asks the glasses to stop the stream (a no-op when not streaming). */
  async stopStream(): Promise<void> {
    if (!this.state.streaming) return;
    this.core.send({
      type: 'rtmp_stream_stop',
      packageName: this.core.packageName,
      sessionId: this.core.sessionId,
      streamId: this.state.streamStatus?.streamId,
    });
  }

  isCurrentlyStreaming(): boolean {
    return this.state.streaming;
  }

  getCurrentStreamUrl(): string | undefined {
    return this.state.streamUrl;
  }

  getStreamStatus(): RtmpStreamStatus | undefined {
    return this.state.streamStatus;
  }

  /** Subscribes to `rtmp_stream_status` without a handler. */
  subscribeToStreamStatusUpdates(): void {
    this.core.subscribe(StreamType.RTMP_STREAM_STATUS);
  }

  unsubscribeFromStreamStatusUpdates(): void {
    this.core.unsubscribe(StreamType.RTMP_STREAM_STATUS);
  }

  /** Every RTMP status update (subscribes to `rtmp_stream_status`). */
  onStreamStatus(handler: StreamStatusHandler): () => void {
    return this.core.addHandler(StreamType.RTMP_STREAM_STATUS, handler);
  }

  // ---------------------------------------------------------------- managed streams

  /** Starts a cloud-managed stream; resolves with its viewing URLs once it is live. */
  startManagedStream(options?: ManagedStreamOptions): Promise<ManagedStreamResult> {
    return this.managed.startManagedStream(options);
  }

  stopManagedStream(): Promise<void> {
    return this.managed.stopManagedStream();
  }

  /** Managed stream status, only when it really changes. */
  onManagedStreamStatus(handler: (status: ManagedStreamStatus) => void): () => void {
    return this.managed.onManagedStreamStatus(handler);
  }

  isManagedStreamActive(): boolean {
    return this.managed.isManagedStreamActive();
  }

  getManagedStreamUrls(): ManagedStreamResult | undefined {
    return this.managed.getManagedStreamUrls();
  }

  /** Asks the cloud whether a stream (managed or not) is running; `{hasActiveStream: false}` after 5 s without an answer. */
  checkExistingStream(options?: { timeoutMs?: number }): Promise<ExistingStream> {
    return this.managed.checkExistingStream(options);
  }

  // ---------------------------------------------------------------- the published internal members

  /** Applies an `rtmp_stream_status` to the stream state (`isCurrentlyStreaming`, `getStreamStatus`) without calling the handlers. */
  updateStreamState(message: any): void {
    if (message && typeof message === 'object') applyRtmpStatus(this.state, message);
  }

  /** Applies a `stream_status_check_response` as the cloud's would be (answers `checkExistingStream`). */
  handleStreamCheckResponse(response: StreamStatusCheckResponse): void {
    this.managed.handleStreamCheckResponse(response);
  }

  /** Applies a `managed_stream_status` as the cloud's would be (state, a pending start, the status handlers). */
  handleManagedStreamStatus(message: ManagedStreamStatus): void {
    this.managed.handleManagedStreamStatus(message);
  }

  /** Resolves this session's pending photo request `photoData.requestId` with the photo (as an upload would). */
  handlePhotoReceived(photoData: PhotoData): void {
    const id = photoData?.requestId;
    if (typeof id === 'string' && this.hasPhotoPendingRequest(id)) this.core.sharedRequests.resolve(id, photoData);
  }

  /** Rejects this session's pending photo request `requestId` with `SdkError('photo_error')` naming the error. */
  handlePhotoError(errorResponse: { requestId: string; success: false; error: { code: string; message: string } }): void {
    if (errorResponse && typeof errorResponse === 'object') {
      settlePhotoResponse(this.core.sharedRequests, this.core.sessionId, { ...errorResponse, success: false, type: 'photo_response' } as never);
    }
  }

  /** Changes nothing: the module always uses its session's id (kept for apps that call it). */
  updateSessionId(newSessionId: string): void {
    followSessionId(this.core, newSessionId, 'camera');
  }

  /**
   * Rejects every pending request of the camera with `SdkError('request_cancelled')`: this session's photo
   * requests, a pending managed stream start and stream checks. Returns how many photo requests it cancelled.
   */
  cancelAllRequests(): { photoRequests: number } {
    const photoRequests = this.cancelAllPhotoRequests();
    cancelStreamRequests(this.core);
    return { photoRequests };
  }
}
