/**
 * Messages the 3.0.0-hono line added to the wire: audio output streams (`audio_stream_start`, the cloud's
 * `audio_stream_ready`, binary frames, `audio_stream_end`) and incident telemetry (`request_telemetry`,
 * answered over HTTP with a `TelemetryResponse` body).
 */
import type { AppToCloudMessageType, CloudToAppMessageType } from './enums';
import { type Msg, typeGuard } from './guard-kit';
import type { BaseMessage } from './messages';

/** App → cloud: opens an audio output stream; the cloud answers `audio_stream_ready` with a relay URL. */
export interface AudioStreamStart extends BaseMessage {
  type: AppToCloudMessageType.AUDIO_STREAM_START;
  packageName: string;
  sessionId: string;
  /** A UUID (36 ASCII characters): the prefix of every binary frame of this stream. */
  streamId: string;
  /** MIME type of the audio (default `audio/mpeg`). */
  contentType?: string;
}

/** App → cloud: ends an audio output stream (the cloud closes its relay). */
export interface AudioStreamEnd extends BaseMessage {
  type: AppToCloudMessageType.AUDIO_STREAM_END;
  packageName: string;
  sessionId: string;
  streamId: string;
}

/** Cloud → app: the relay of an audio output stream is ready. */
export interface AudioStreamReady extends BaseMessage {
  type: CloudToAppMessageType.AUDIO_STREAM_READY;
  streamId: string;
  /** The HTTP URL the phone plays (chunked MP3). */
  streamUrl: string;
}

/** Cloud → app: send the session's recent log lines for an incident. */
export interface RequestTelemetry extends BaseMessage {
  type: CloudToAppMessageType.REQUEST_TELEMETRY;
  /** The incident the upload belongs to. */
  incidentId: string;
  /** A token for the upload, sent back as `Authorization: Bearer <uploadToken>`. */
  uploadToken: string;
  /** How many milliseconds of recent lines to include (0: all that are kept). */
  windowMs: number;
}

/** One log line kept for incident telemetry. */
export interface TelemetryLogEntry {
  /** When it was logged, in ms since the epoch. */
  timestamp: number;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  /** The logger's `service` or `module` binding, when it has one. */
  source?: string;
  /** The line's other fields (bindings and the logged object), secrets redacted. */
  data?: unknown;
}

/** The body of a telemetry upload (`POST <cloud>/api/incidents/<incidentId>/logs`). */
export interface TelemetryResponse extends BaseMessage {
  type: AppToCloudMessageType.TELEMETRY_RESPONSE;
  incidentId: string;
  packageName: string;
  logs: TelemetryLogEntry[];
  /** How many lines were sent and the time they span. */
  metadata?: {
    bufferSize?: number;
    oldestEntryMs?: number;
    newestEntryMs?: number;
  };
}

/** True for a `request_telemetry` message. */
export const isRequestTelemetry: (message: Msg) => message is RequestTelemetry & Msg = typeGuard<RequestTelemetry>('request_telemetry');
/** True for a `telemetry_response` body. */
export const isTelemetryResponse: (message: Msg) => message is TelemetryResponse & Msg = typeGuard<TelemetryResponse>('telemetry_response');
