/**
 * `session.audio`: play a URL on the glasses or phone, speak text through the cloud's TTS, stop playback.
 * With `stopOtherAudio` (the default) `playAudio` waits for the `audio_play_response` with the same
 * requestId; the wait survives reconnects and ends with an `SdkError` on timeout (60 s) or session end.
 */
import { cloudHttpBase } from '../../core/session/cloud-http';
import { cancelledError, newRequestId, refusedSendError, sendRequest, timeoutOption } from '../../core/session/correlation';
import { SdkError } from '../../core/errors';
import type { CoreSession } from '../../core/session/session';
import type { AudioPlayResponse } from '../../protocol/module-messages';
import { randomUUID } from 'node:crypto';
import { MentraError } from '../../core/mentra-errors';
import { AUDIO_STREAM_KIND, AudioOutputStream, type AudioOutputStreamOptions } from './audio-output-stream';
import { type SessionLike, followSessionId, resolveCore } from '../core-of';

export const AUDIO_TIMEOUT_MS = 60_000;
const KIND = 'audio';

/** The options of `session.audio.playAudio`. */
export interface AudioPlayOptions {
  /** The URL of the audio file the glasses play. */
  audioUrl: string;
  /** 0.0 to 1.0 (default 1.0). */
  volume?: number;
  /** Stop other playback and wait for the result (default true); false sends and resolves at once. */
  stopOtherAudio?: boolean;
  /** 0 speaker (default), 1 app audio, 2 TTS. */
  trackId?: number;
  /** How long to wait for the result (default 60 000 ms). */
  timeoutMs?: number;
}

/** The options of `session.audio.speak`. */
export interface SpeakOptions {
  /**
   * The text-to-speech voice.
   *
   * @defaultValue the cloud's default voice
   */
  voice_id?: string;
  /**
   * The text-to-speech model.
   *
   * @defaultValue the cloud's default model
   */
  model_id?: string;
  /**
   * Voice tuning passed to the text-to-speech service.
   *
   * @defaultValue the cloud's defaults
   */
  voice_settings?: { stability?: number; similarity_boost?: number; style?: number; use_speaker_boost?: boolean; speed?: number };
  /**
   * 0.0 to 1.0.
   *
   * @defaultValue `1.0`
   */
  volume?: number;
  /**
   * Stop other playback and wait for the result; false sends and resolves at once.
   *
   * @defaultValue `true`
   */
  stopOtherAudio?: boolean;
  /** Default 2 (TTS). */
  trackId?: number;
  /**
   * How long to wait for the result, in milliseconds.
   *
   * @defaultValue `60000`
   */
  timeoutMs?: number;
}

/** The outcome of playing or speaking. */
export interface AudioPlayResult {
  /** Whether the glasses played it. */
  success: boolean;
  /** Why it failed. */
  error?: string;
  /** The duration the glasses reported. */
  duration?: number;
}

/**
 * `session.audio`: play audio files and speak text on the glasses.
 *
 * @example
 * ```ts
 * await session.audio.speak('Hello from your app');
 * await session.audio.playAudio({ audioUrl: 'https://example.com/chime.mp3', volume: 0.5 });
 * ```
 */
export class AudioManager {
  /** The output stream that is open or opening (3.0.0-hono: one at a time). */
  private activeOutputStream: AudioOutputStream | null = null;
  private readonly core: CoreSession;

  /**
   * Built by the session on first access (`session.audio`). The published form
   * `new AudioManager(session, packageName, sessionId, logger?)` is accepted: the session gives everything else.
   */
  constructor(session: CoreSession | SessionLike, _packageName?: string, _sessionId?: string, _logger?: unknown) {
    this.core = resolveCore(session, 'AudioManager');
    this.core.onMessage('audio_play_response', (m: AudioPlayResponse) => this.handleAudioPlayResponse(m));
    this.core.onMessage('audio_stream_ready', (m: { streamId?: unknown; streamUrl?: unknown }) => {
      if (typeof m.streamId !== 'string' || typeof m.streamUrl !== 'string' || !this.core.requests.hasOf(m.streamId, AUDIO_STREAM_KIND)) return;
      this.core.requests.resolve(m.streamId, m.streamUrl);
    });
  }

  /** Resolves the pending `playAudio`/`speak` of `response.requestId` with the glasses' result (as the cloud's answer does). */
  handleAudioPlayResponse(response: AudioPlayResponse): void {
    const m = response;
    if (!m || typeof m.requestId !== 'string' || !this.core.requests.hasOf(m.requestId, KIND)) return;
    const result: AudioPlayResult = { success: m.success === true };
    if (m.error !== undefined) result.error = String(m.error);
    if (typeof m.duration === 'number') result.duration = m.duration;
    this.core.requests.resolve(m.requestId, result);
  }

  /**
   * Opens an audio output stream (3.0.0-hono): resolves once the cloud's relay is ready and the phone was
   * asked to play it. Rejects with code `AUDIO_STREAM_ALREADY_ACTIVE` while another stream is open (end or
   * flush it first), and with `request_timeout` when the cloud does not answer within 10 s.
   */
  async createOutputStream(options: AudioOutputStreamOptions = {}): Promise<AudioOutputStream> {
    const active = this.activeOutputStream;
    // A stream is released when it closes or its session ends, so the one still held is opening or streaming.
    if (active) {
      throw new MentraError(
        `AUDIO_STREAM_ALREADY_ACTIVE: Stream ${active.streamId} is still active. Call end() or flush() before creating a new output stream.`,
        'AUDIO_STREAM_ALREADY_ACTIVE',
      );
    }
    const stream = new AudioOutputStream(randomUUID(), this.core, this.core.logger, options);
    this.activeOutputStream = stream;
    const release = () => {
      if (this.activeOutputStream === stream) this.activeOutputStream = null;
    };
    stream.once('close', release);
    const onEnd = () => {
      stream.abandon();
      release();
    };
    this.core.signal.addEventListener('abort', onEnd);
    stream.once('close', () => this.core.signal.removeEventListener('abort', onEnd));
    try {
      await stream.open();
    } catch (e) {
      release();
      this.core.signal.removeEventListener('abort', onEnd);
      throw e;
    }
    return stream;
  }

  /** The output stream that is open (or opening), or null. */
  getActiveOutputStream(): AudioOutputStream | null {
    return this.activeOutputStream;
  }

  /** Plays `audioUrl`. Resolves with the glasses' result; rejects with an `SdkError` when no result comes. */
  async playAudio(options: AudioPlayOptions): Promise<AudioPlayResult> {
    if (!options || typeof options.audioUrl !== 'string' || options.audioUrl === '') throw new SdkError('invalid_argument', 'playAudio needs an audioUrl');
    const requestId = newRequestId('audio_req');
    const stopOtherAudio = options.stopOtherAudio ?? true;
    const message = {
      type: 'audio_play_request' as const,
      packageName: this.core.packageName,
      sessionId: this.core.sessionId,
      requestId,
      audioUrl: options.audioUrl,
      volume: options.volume ?? 1.0,
      stopOtherAudio,
      trackId: options.trackId ?? 0,
    };
    if (!stopOtherAudio) {
      if (!this.core.send(message)) throw refusedSendError(this.core, 'play audio', { requestId });
      return { success: true };
    }
    return sendRequest<AudioPlayResult>(this.core, { id: requestId, kind: KIND, timeoutMs: timeoutOption(options.timeoutMs, AUDIO_TIMEOUT_MS), message });
  }

  /** Speaks `text` through the cloud's text-to-speech (the glasses fetch `<cloud>/api/tts?...`). */
  async speak(text: string, options: SpeakOptions = {}): Promise<AudioPlayResult> {
    if (typeof text !== 'string' || text === '') throw new SdkError('invalid_argument', 'speak needs some text');
    const query = new URLSearchParams({ text });
    if (options.voice_id) query.set('voice_id', options.voice_id);
    if (options.model_id) query.set('model_id', options.model_id);
    if (options.voice_settings) query.set('voice_settings', JSON.stringify(options.voice_settings));
    return this.playAudio({
      audioUrl: `${cloudHttpBase(this.core.url)}/api/tts?${query}`,
      volume: options.volume,
      stopOtherAudio: options.stopOtherAudio,
      trackId: options.trackId ?? 2,
      timeoutMs: options.timeoutMs,
    });
  }

  /** Stops playback on one track, or on all tracks when `trackId` is omitted. */
  stopAudio(trackId?: number): void {
    this.core.send({ type: 'audio_stop_request', packageName: this.core.packageName, sessionId: this.core.sessionId, trackId });
  }

  /** With an id: is that request pending; without: is any audio request pending. */
  hasPendingRequest(requestId?: string): boolean {
    return requestId === undefined ? this.getPendingRequestCount() > 0 : this.core.requests.hasOf(requestId, KIND);
  }

  /** How many audio requests are waiting for their result. */
  getPendingRequestCount(): number {
    return this.getPendingRequestIds().length;
  }

  /** The ids of the audio requests waiting for their result. */
  getPendingRequestIds(): string[] {
    return this.core.requests.ids(KIND);
  }

  /** Rejects a pending request with `SdkError('request_cancelled')`. */
  cancelAudioRequest(requestId: string): boolean {
    return this.core.requests.hasOf(requestId, KIND) && this.core.requests.reject(requestId, cancelledError(KIND, requestId));
  }

  /** Rejects every pending audio request with `SdkError('request_cancelled')`; returns how many. */
  cancelAllAudioRequests(): number {
    return this.core.requests.rejectMatching({ kind: KIND }, cancelledError);
  }

  /** Changes nothing: the module always uses its session's id (kept for apps that call it). */
  updateSessionId(newSessionId: string): void {
    followSessionId(this.core, newSessionId, 'audio');
  }

  /** Rejects every pending audio request with `SdkError('request_cancelled')`; returns how many. */
  cancelAllRequests(): {
    /** How many audio requests were cancelled. */
    audioRequests: number;
  } {
    return { audioRequests: this.cancelAllAudioRequests() };
  }
}
