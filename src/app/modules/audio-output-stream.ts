/**
 * `AudioOutputStream` (3.0.0-hono): audio an app streams to the phone through the cloud's relay.
 *
 *   audio_stream_start {streamId, contentType: "audio/mpeg"}  →  the cloud answers audio_stream_ready {streamId, streamUrl}
 *   (within 10 s)  →  audio_play_request {requestId: "stream_<streamId>", audioUrl: streamUrl, volume, stopOtherAudio, trackId}
 *   →  binary frames: the 36 ASCII bytes of the stream id, then MP3 bytes  →  audio_stream_end
 *
 * `end()` finishes gracefully (the phone plays what it has); `flush()` interrupts (it also sends
 * `audio_stop_request`). `pcm16` input is encoded to MP3 by `@breezystack/lamejs`, loaded only when a
 * `pcm16` stream opens. Frames go through the core session's outbound path, so a reconnect never leaves
 * the stream writing to a stale socket; a frame that cannot be sent puts the stream in `error`.
 */
import { EventEmitter } from 'node:events';
import { SdkError, toError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { sendRequest } from '../../core/session/correlation';
import { CoreSession } from '../../core/session/session';
import { coreOf } from '../core-of';
import { loadMp3Encoder, type Mp3EncoderLike, toInt16, toUint8 } from './mp3-encoder';

/** How a stream is written and played. */
export interface AudioOutputStreamOptions {
  /** `mp3` (default): MP3 bytes, passed through; `pcm16`: 16-bit little-endian PCM, encoded to MP3. */
  format?: 'mp3' | 'pcm16';
  /** PCM sample rate in Hz (`pcm16`; default 24000). */
  sampleRate?: number;
  /** PCM channels, 1 or 2 (interleaved) (`pcm16`; default 1). */
  channels?: number;
  /** MP3 bitrate in kbps when encoding PCM (default 128). */
  bitrate?: number;
  /** Playback volume from 0.0 to 1.0 (default 1.0). */
  volume?: number;
  /** Playback track: 0 speaker, 1 app audio (default), 2 TTS. */
  trackId?: number;
  /** Stop other audio when the stream starts playing (default true). */
  stopOtherAudio?: boolean;
}

/** Where a stream is in its life. */
export type AudioOutputStreamState = 'created' | 'streaming' | 'ending' | 'ended' | 'error';

/** How long `open()` waits for the cloud's `audio_stream_ready` (as published). */
export const AUDIO_STREAM_READY_TIMEOUT_MS = 10_000;
/** The kind of the pending `audio_stream_ready` (for request bookkeeping). */
// Stryker disable next-line StringLiteral: a name for the stream's requests, the same wherever it is used
export const AUDIO_STREAM_KIND = 'audio stream';

/** One audio output stream; create it with `session.audio.createOutputStream()`. Emits `close` when it ends and `error` when a frame could not be sent. */
export class AudioOutputStream extends EventEmitter {
  /** The stream's id (a UUID): the prefix of each binary frame. */
  readonly streamId: string;
  /** The relay URL the phone plays, once the cloud answered. */
  streamUrl: string | null = null;
  private _state: AudioOutputStreamState = 'created';
  private readonly core: CoreSession;
  private readonly logger: Logger;
  private readonly options: Required<AudioOutputStreamOptions>;
  private encoder: Mp3EncoderLike | null = null;
  private readonly prefix: Buffer;

  /** Use `session.audio.createOutputStream()`; `session` is the app's session (or the SDK's core session). */
  constructor(streamId: string, session: unknown, logger: Logger, opts: AudioOutputStreamOptions = {}) {
    super();
    if (!/^[\x21-\x7e]{36}$/.test(streamId)) {
      throw new SdkError('invalid_argument', 'An audio stream id must be 36 ASCII characters (a UUID)');
    }
    this.streamId = streamId;
    this.core = session instanceof CoreSession ? session : coreOf(session as object);
    this.logger = logger;
    this.options = {
      format: opts.format ?? 'mp3',
      sampleRate: opts.sampleRate ?? 24000,
      channels: opts.channels ?? 1,
      bitrate: opts.bitrate ?? 128,
      volume: opts.volume ?? 1.0,
      trackId: opts.trackId ?? 1,
      stopOtherAudio: opts.stopOtherAudio ?? true,
    };
    if (this.options.format !== 'mp3' && this.options.format !== 'pcm16') throw new SdkError('invalid_argument', 'format must be "mp3" or "pcm16"');
    this.prefix = Buffer.from(streamId);
  }

  /** `created`, `streaming`, `ending`, `ended` or `error`. */
  get state(): AudioOutputStreamState {
    return this._state;
  }

  /**
   * @internal Opens the stream: `audio_stream_start`, waits for `audio_stream_ready` (10 s), then asks the
   * phone to play the relay URL. Called by `createOutputStream()`.
   */
  async open(): Promise<void> {
    if (this._state !== 'created') throw new SdkError('invalid_argument', `Cannot open an audio stream in state "${this._state}"`);
    const core = this.core;
    try {
      if (this.options.format === 'pcm16') this.encoder = await loadMp3Encoder(this.options.channels, this.options.sampleRate, this.options.bitrate);
      const streamUrl = await sendRequest<string>(core, {
        id: this.streamId,
        kind: AUDIO_STREAM_KIND,
        timeoutMs: AUDIO_STREAM_READY_TIMEOUT_MS,
        message: { type: 'audio_stream_start', packageName: core.packageName, sessionId: core.sessionId, streamId: this.streamId, contentType: 'audio/mpeg' },
      });
      this.streamUrl = streamUrl;
    } catch (e) {
      this._state = 'error';
      this.encoder = null;
      throw e;
    }
    this._state = 'streaming';
    core.send({
      type: 'audio_play_request',
      packageName: core.packageName,
      sessionId: core.sessionId,
      requestId: `stream_${this.streamId}`,
      audioUrl: this.streamUrl,
      volume: this.options.volume,
      stopOtherAudio: this.options.stopOtherAudio,
      trackId: this.options.trackId,
    });
    this.logger.debug(`Audio output stream ${this.streamId} opened`);
  }

  /** Writes audio: MP3 bytes as they are, or PCM that is encoded first. Ignored unless the stream is `streaming`. */
  write(data: Buffer | Uint8Array | ArrayBuffer): void {
    if (this._state !== 'streaming') {
      this.logger.debug(`Ignored a write to audio stream ${this.streamId} in state ${this._state}`);
      return;
    }
    const bytes = this.encoder ? this.encoder.encode(toInt16(data)) : toUint8(data);
    if (bytes.length > 0) this.sendFrame(bytes);
  }

  /** Ends the stream gracefully: the rest of the encoded audio, then `audio_stream_end`; the phone plays what it has. */
  async end(): Promise<void> {
    if (this._state !== 'streaming') return;
    this._state = 'ending';
    const rest = this.encoder?.flush();
    this.encoder = null;
    if (rest && rest.length > 0) this.sendFrame(rest);
    this.finish(false);
  }

  /** Interrupts: drops what is not sent, sends `audio_stream_end` and `audio_stop_request` (silence at once). */
  async flush(): Promise<void> {
    if (this._state !== 'streaming') return;
    this._state = 'ending';
    this.encoder = null;
    this.finish(true);
  }

  /** @internal The session ended: the stream is over (nothing can be sent). */
  abandon(): void {
    const wasOpen = this._state === 'streaming' || this._state === 'ending';
    this._state = 'ended';
    this.encoder = null;
    if (wasOpen) this.emit('close');
  }

  private finish(stopPlayback: boolean): void {
    const core = this.core;
    core.send({ type: 'audio_stream_end', packageName: core.packageName, sessionId: core.sessionId, streamId: this.streamId });
    if (stopPlayback) core.send({ type: 'audio_stop_request', packageName: core.packageName, sessionId: core.sessionId, trackId: this.options.trackId });
    if (this._state === 'ending') this._state = 'ended';
    this.emit('close');
  }

  /** One binary frame: the stream id, then the audio. */
  private sendFrame(audio: Uint8Array): void {
    if (this.core.sendBinary(Buffer.concat([this.prefix, audio]))) return;
    this._state = 'error';
    this.encoder = null;
    const err = new SdkError(
      this.core.state === 'closed' ? 'session_closed' : 'stream_error',
      `Audio stream ${this.streamId} stopped: the connection to the cloud is ${this.core.state === 'closed' ? 'closed' : 'down'}`,
      { details: { streamId: this.streamId } },
    );
    // An `error` event with no listener would throw into the app's write(): report it instead.
    if (this.listenerCount('error') > 0) this.emit('error', err);
    else this.core.reportError(toError(err));
    this.emit('close');
  }
}
