/**
 * Managed streams: the cloud runs the RTMP endpoint and gives back HLS/DASH (and WebRTC) viewing URLs.
 * `startManagedStream` resolves on the first `managed_stream_status` that is `active` with both URLs, and
 * rejects on `error`/`stopped` or after 30 s. Status handlers run only when the status really changes
 * (a repeated `active` does not start a second pipeline in the app).
 */
import { isSdkError, SdkError } from '../../core/errors';
import { newRequestId, resolveOldest, sendRequest, timeoutOption } from '../../core/correlation';
import type { CoreSession } from '../../core/session';
import { StreamType } from '../../protocol/enums';
import type { ManagedStreamRequest, ManagedStreamStatus, StreamInfo, StreamStatusCheckResponse } from '../../protocol/module-messages';

export const MANAGED_STREAM_TIMEOUT_MS = 30_000;
export const STREAM_CHECK_TIMEOUT_MS = 5_000;
const START_KIND = 'managed stream start';
const CHECK_KIND = 'stream status check';

export interface ManagedStreamOptions extends Pick<ManagedStreamRequest, 'quality' | 'enableWebRTC' | 'video' | 'audio' | 'stream' | 'restreamDestinations'> {
  /** How long to wait for the stream to go live (default 30 000 ms). */
  timeoutMs?: number;
}

export interface ManagedStreamResult {
  hlsUrl: string;
  dashUrl: string;
  webrtcUrl?: string;
  previewUrl?: string;
  thumbnailUrl?: string;
  streamId: string;
}

export interface ExistingStream {
  hasActiveStream: boolean;
  streamInfo?: StreamInfo;
}

export class CameraManagedExtension {
  private active = false;
  private urls: ManagedStreamResult | undefined;
  private status: ManagedStreamStatus | undefined;
  private lastSignature = '';
  private startId: string | undefined;

  constructor(private readonly core: CoreSession) {
    core.onMessage('managed_stream_status', (m: ManagedStreamStatus) => this.onStatus(m));
    core.onMessage('stream_status_check_response', (m: StreamStatusCheckResponse) => {
      resolveOldest(core.requests, CHECK_KIND, { hasActiveStream: m.hasActiveStream === true, streamInfo: m.streamInfo } satisfies ExistingStream);
    });
  }

  async startManagedStream(options: ManagedStreamOptions = {}): Promise<ManagedStreamResult> {
    if (this.active || this.startId) throw new SdkError('already_streaming', 'Already streaming: stop the current managed stream before starting a new one');
    const id = newRequestId('managed_stream');
    this.startId = id;
    this.active = true;
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
        },
      });
    } catch (e) {
      if (!this.urls) this.active = false;
      throw e;
    } finally {
      if (this.startId === id) this.startId = undefined;
    }
  }

  async stopManagedStream(): Promise<void> {
    this.core.send({ type: 'managed_stream_stop', packageName: this.core.packageName });
  }

  /** Subscribes to `managed_stream_status`; the handler runs only on real changes. */
  onManagedStreamStatus(handler: (status: ManagedStreamStatus) => void): () => void {
    return this.core.addHandler(StreamType.MANAGED_STREAM_STATUS, handler);
  }

  isManagedStreamActive(): boolean {
    return this.active;
  }

  getManagedStreamUrls(): ManagedStreamResult | undefined {
    return this.urls;
  }

  getManagedStreamStatus(): ManagedStreamStatus | undefined {
    return this.status;
  }

  async checkExistingStream(options: { timeoutMs?: number } = {}): Promise<ExistingStream> {
    try {
      return await sendRequest<ExistingStream>(this.core, {
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

  private onStatus(m: ManagedStreamStatus): void {
    if (typeof m.status !== 'string') return;
    const signature = JSON.stringify([m.status, m.streamId, m.hlsUrl, m.dashUrl, m.webrtcUrl, m.previewUrl, m.thumbnailUrl, m.message, m.outputs]);
    if (signature === this.lastSignature) return;
    this.lastSignature = signature;
    this.status = m;
    if (m.status === 'initializing' || m.status === 'preparing' || m.status === 'active') this.active = true;
    if (m.status === 'active' && m.hlsUrl && m.dashUrl) {
      this.urls = {
        hlsUrl: m.hlsUrl, dashUrl: m.dashUrl, webrtcUrl: m.webrtcUrl, previewUrl: m.previewUrl, thumbnailUrl: m.thumbnailUrl, streamId: m.streamId ?? '',
      };
      if (this.startId) this.core.requests.resolve(this.startId, this.urls);
    }
    if (m.status === 'error' || m.status === 'stopped') {
      this.active = false;
      this.urls = undefined;
      if (this.startId) {
        const code = m.status === 'error' ? 'stream_error' : 'stream_stopped';
        this.core.requests.reject(this.startId, new SdkError(code, `The managed stream ${m.status === 'error' ? 'failed' : 'stopped'}: ${m.message ?? 'no reason given'}`, { details: { status: m.status, streamId: m.streamId } }));
      }
    }
    this.core.dispatch(StreamType.MANAGED_STREAM_STATUS, m);
  }
}
