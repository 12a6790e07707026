/**
 * Managed streams: the cloud runs the RTMP endpoint and gives back HLS/DASH (and WebRTC) viewing URLs.
 * `startManagedStream` resolves on the first `managed_stream_status` that is `active` with both URLs, and
 * rejects on `error`/`stopped` or after 30 s. Status handlers run only when the status really changes
 * (a repeated `active` does not start a second pipeline in the app).
 */
import {
  type CameraState,
  MANAGED_START_KIND as START_KIND,
  type ManagedStreamUrls,
  STREAM_CHECK_KIND as CHECK_KIND,
  answerStreamCheck,
  newCameraState,
} from '../../core/modules/camera-state';
import { isSdkError, SdkError } from '../../core/errors';
import { newRequestId, sendRequest, timeoutOption } from '../../core/session/correlation';
import { cameraState, recordModuleState } from '../../core/modules/module-state';
import { cancelledError } from '../../core/session/correlation';
import type { CoreSession } from '../../core/session/session';
import { StreamType } from '../../protocol/enums';
import type { ManagedStreamRequest, ManagedStreamStatus, StreamInfo, StreamStatusCheckResponse } from '../../protocol/module-messages';
import { type SessionLike, resolveCore } from '../core-of';

export const MANAGED_STREAM_TIMEOUT_MS = 30_000;
export const STREAM_CHECK_TIMEOUT_MS = 5_000;

/** The options of `session.camera.startManagedStream`. */
export interface ManagedStreamOptions
  extends Pick<ManagedStreamRequest, 'quality' | 'enableWebRTC' | 'video' | 'audio' | 'stream' | 'restreamDestinations' | 'sound'> {
  /**
   * How long to wait for the stream to go live (default 30 000 ms).
   *
   * @defaultValue 30 000 ms
   */
  timeoutMs?: number;
}

/** The viewing URLs of a live managed stream. */
export interface ManagedStreamResult extends ManagedStreamUrls {}

/** The answer of `checkExistingStream`. */
export interface ExistingStream {
  /** Whether a stream is running. */
  hasActiveStream: boolean;
  /** The running stream, when there is one. */
  streamInfo?: StreamInfo;
}

/** Rejects a pending managed stream start and every pending stream check with `SdkError('request_cancelled')`. */
export function cancelStreamRequests(core: CoreSession): void {
  core.requests.rejectMatching({ kind: START_KIND }, cancelledError);
  core.requests.rejectMatching({ kind: CHECK_KIND }, cancelledError);
}

/** Cloud-managed streams (the cloud relays the glasses' stream and gives viewing URLs); reached through `session.camera`. */
export class CameraManagedExtension {
  /** Status, URLs and the pending start live in the core session's record, which applies `managed_stream_status`. */
  private readonly state: CameraState;
  private readonly core: CoreSession;

  /**
   * Built by `session.camera`. The published form `new CameraManagedExtension(session, packageName,
   * sessionId, logger)` is accepted: the session gives everything else.
   */
  constructor(session: CoreSession | SessionLike, _packageName?: string, _sessionId?: string, _logger?: unknown) {
    this.core = resolveCore(session, 'CameraManagedExtension');
    this.state = cameraState(this.core.moduleState);
  }

  /** Starts a cloud-managed stream; resolves with its viewing URLs once it is live. */
  async startManagedStream(options: ManagedStreamOptions = {}): Promise<ManagedStreamResult> {
    const state = this.state;
    if (state.managedActive || state.managedStartId)
      throw new SdkError('already_streaming', 'Already streaming: stop the current managed stream before starting a new one');
    // Stryker disable next-line StringLiteral: the id stays in this process (the request carries none): any prefix serves
    const id = newRequestId('managed_stream');
    state.managedStartId = id;
    state.managedActive = true;
    try {
      return await sendRequest<ManagedStreamResult>(this.core, {
        id,
        kind: START_KIND,
        timeoutMs: timeoutOption(options.timeoutMs, MANAGED_STREAM_TIMEOUT_MS),
        message: {
          type: 'managed_stream_request',
          packageName: this.core.packageName,
          quality: options.quality,
          enableWebRTC: options.enableWebRTC,
          video: options.video,
          audio: options.audio,
          stream: options.stream,
          restreamDestinations: options.restreamDestinations,
          sound: options.sound,
        },
      });
    } catch (e) {
      if (!state.managedUrls) state.managedActive = false;
      throw e;
    } finally {
      if (state.managedStartId === id) state.managedStartId = undefined;
    }
  }

  /** Asks the cloud to stop the managed stream. */
  async stopManagedStream(): Promise<void> {
    this.core.send({ type: 'managed_stream_stop', packageName: this.core.packageName });
  }

  /** Subscribes to `managed_stream_status`; the handler runs only on real changes. */
  onManagedStreamStatus(handler: (status: ManagedStreamStatus) => void): () => void {
    return this.core.addHandler(StreamType.MANAGED_STREAM_STATUS, handler);
  }

  /** Whether a managed stream is running. */
  isManagedStreamActive(): boolean {
    return this.state.managedActive;
  }

  /** The viewing URLs of the managed stream, once live. */
  getManagedStreamUrls(): ManagedStreamResult | undefined {
    return this.state.managedUrls;
  }

  /** The last managed stream status. */
  getManagedStreamStatus(): ManagedStreamStatus | undefined {
    return this.state.managedStatus;
  }

  /** Asks the cloud whether a stream (managed or not) is running; `{hasActiveStream: false}` after 5 s without an answer. */
  async checkExistingStream(options: { timeoutMs?: number } = {}): Promise<ExistingStream> {
    try {
      return await sendRequest<ExistingStream>(this.core, {
        // Stryker disable next-line StringLiteral: as above, the check carries no id
        id: newRequestId('stream_check'),
        kind: CHECK_KIND,
        timeoutMs: timeoutOption(options.timeoutMs, STREAM_CHECK_TIMEOUT_MS),
        message: { type: 'stream_status_check', packageName: this.core.packageName, sessionId: this.core.sessionId },
      });
    } catch (e) {
      if (isSdkError(e, 'request_timeout')) return { hasActiveStream: false };
      throw e;
    }
  }

  /** Applies a `stream_status_check_response` as the cloud's would be: it answers the oldest pending `checkExistingStream`. */
  handleStreamCheckResponse(response: StreamStatusCheckResponse): void {
    if (response && typeof response === 'object') answerStreamCheck(this.core.requests, response);
  }

  /** Applies a `managed_stream_status` as the cloud's would be: state and URLs, a pending start, the status handlers. */
  handleManagedStreamStatus(status: ManagedStreamStatus): void {
    if (status && typeof status === 'object') recordModuleState(this.core, 'managed_stream_status', status as never);
  }

  /**
   * Forgets the managed stream (not active, no URLs or status) and rejects a pending `startManagedStream` and
   * every pending `checkExistingStream` with `SdkError('request_cancelled')`. The cloud is not told: call
   * `stopManagedStream()` for that.
   */
  cleanup(): void {
    cancelStreamRequests(this.core);
    Object.assign(this.state, { ...newCameraState(), streaming: this.state.streaming, streamUrl: this.state.streamUrl, streamStatus: this.state.streamStatus });
  }
}
