/**
 * The test cloud's side of audio output streams (3.0.0-hono): it answers `audio_stream_start` with
 * `audio_stream_ready` and a loopback `streamUrl`, records each binary frame (a 36-byte ASCII stream id,
 * then MP3 bytes) under its stream, marks `audio_stream_end`, and serves `GET /audio-streams/<id>` as the
 * real relay does: the bytes so far, then each new frame as it arrives, until the stream ends (so a
 * browser `<audio>` element can play it live).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One stream an app opened, as the cloud saw it. */
export interface AudioStreamRecord {
  streamId: string;
  userId: string;
  sessionId: string;
  contentType: string;
  /** The relay URL handed to the app. */
  url: string;
  /** The audio bytes received, frame by frame (without the id prefix). */
  chunks: Buffer[];
  byteCount: number;
  ended: boolean;
}

/** What the relay reports (the dev cloud forwards these to its control clients). */
export type AudioStreamEvent =
  | { kind: 'start'; stream: AudioStreamRecord }
  | { kind: 'data'; stream: AudioStreamRecord; bytes: number }
  | { kind: 'end'; stream: AudioStreamRecord };

const PREFIX = '/audio-streams/';
const ID_BYTES = 36;

export class AudioRelay {
  /** Every stream by id. */
  readonly streams = new Map<string, AudioStreamRecord>();
  private readonly listeners = new Map<string, Set<ServerResponse>>();

  /** @param onEvent told of every start, frame and end */
  constructor(private readonly onEvent?: (e: AudioStreamEvent) => void) {}

  /** Registers a stream from an `audio_stream_start`; returns the `audio_stream_ready` to send, or undefined for a malformed start. */
  start(
    user: { userId: string; sessionId: string },
    msg: { streamId?: unknown; contentType?: unknown },
    httpBase: string,
  ): Record<string, unknown> | undefined {
    const streamId = msg.streamId;
    if (typeof streamId !== 'string' || Buffer.byteLength(streamId) !== ID_BYTES) return undefined;
    const stream: AudioStreamRecord = {
      streamId,
      userId: user.userId,
      sessionId: user.sessionId,
      contentType: typeof msg.contentType === 'string' ? msg.contentType : 'audio/mpeg',
      url: `${httpBase}${PREFIX}${encodeURIComponent(streamId)}`,
      chunks: [],
      byteCount: 0,
      ended: false,
    };
    this.streams.set(streamId, stream);
    this.onEvent?.({ kind: 'start', stream });
    return { type: 'audio_stream_ready', streamId, streamUrl: stream.url, timestamp: new Date().toISOString() };
  }

  /** Records one binary frame from an app; false when it names no open stream of that session. */
  frame(sessionId: string, data: Buffer): boolean {
    if (data.length < ID_BYTES) return false;
    const stream = this.streams.get(data.subarray(0, ID_BYTES).toString('latin1'));
    if (!stream || stream.ended || stream.sessionId !== sessionId) return false;
    const audio = Buffer.from(data.subarray(ID_BYTES));
    stream.chunks.push(audio);
    stream.byteCount += audio.length;
    for (const res of this.listeners.get(stream.streamId) ?? []) res.write(audio);
    this.onEvent?.({ kind: 'data', stream, bytes: audio.length });
    return true;
  }

  /** Marks a stream ended (`audio_stream_end`) and ends its listeners. */
  end(sessionId: string, streamId: unknown): void {
    const stream = typeof streamId === 'string' ? this.streams.get(streamId) : undefined;
    if (!stream || stream.ended || stream.sessionId !== sessionId) return;
    stream.ended = true;
    for (const res of this.listeners.get(stream.streamId) ?? []) res.end();
    this.listeners.delete(stream.streamId);
    this.onEvent?.({ kind: 'end', stream });
  }

  /** Ends every stream of a session (its socket closed for good). */
  endSession(sessionId: string): void {
    for (const s of this.streams.values()) if (s.sessionId === sessionId) this.end(sessionId, s.streamId);
  }

  /** Serves `GET /audio-streams/<id>`; false for other requests. */
  handleHttp(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    if (!path.startsWith(PREFIX) || req.method !== 'GET') return false;
    const stream = this.streams.get(decodeURIComponent(path.slice(PREFIX.length)));
    if (!stream) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"success":false,"message":"No such audio stream"}');
      return true;
    }
    res.writeHead(200, { 'content-type': stream.contentType, 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
    for (const c of stream.chunks) res.write(c);
    if (stream.ended) {
      res.end();
      return true;
    }
    let set = this.listeners.get(stream.streamId);
    if (!set) this.listeners.set(stream.streamId, (set = new Set()));
    set.add(res);
    res.on('close', () => set.delete(res));
    return true;
  }

  /** Ends every open response (the cloud is closing). */
  close(): void {
    for (const set of this.listeners.values()) for (const res of set) res.end();
    this.listeners.clear();
  }
}
