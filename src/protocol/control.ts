/**
 * The control protocol of `mentraos dev` (see docs/control-protocol.md): typed JSON frames between the
 * local cloud and its controllers (the simulator page, `--script` mode, anyone's tools).
 *
 * Controllers connect to `ws://127.0.0.1:<port>/ws?channel=control` (commands and their responses) and
 * `?channel=stream` (events). Commands carry a `request_id` and get one `<type>_response`. Events carry a
 * `seq` (increasing by one per event) and no `request_id`.
 */
import type { SettingRecord, Layout } from './messages';

export const CONTROL_PROTOCOL_VERSION = 1;
/** The port `mentraos dev` serves the page and the control protocol on unless `--port` says otherwise. */
export const DEFAULT_DEV_PORT = 7077;
export const CONTROL_PATH = '/ws';

export type ControlChannel = 'control' | 'stream';
export type SessionStateName = 'starting' | 'ready' | 'reconnecting' | 'stopped' | 'failed';
export type ViewName = 'main' | 'dashboard';
export type WireDirectionName = 'webhook' | 'app->cloud' | 'cloud->app';

export type ControlErrorCode =
  | 'bad_frame'
  | 'unknown_command'
  | 'invalid_input'
  | 'unknown_user'
  | 'already_started'
  | 'not_running'
  | 'app_not_running'
  | 'app_error'
  | 'unknown_request'
  | 'not_supported'
  | 'internal';

/** Codes a client adds for problems of its own connection. */
export type ClientErrorCode = 'connection_refused' | 'connection_closed' | 'timeout';

/**
 * The one error of the control protocol: a command answered with `success: false` (thrown by the local cloud,
 * carried in the response's `error`, and raised again by the client), or a client's connection problem.
 */
export class ControlError extends Error {
  constructor(
    readonly code: ControlErrorCode | ClientErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

export interface ControlErrorInfo {
  code: ControlErrorCode;
  message: string;
}

// ------------------------------------------------------------------ state

/** What one view shows now. */
export interface ViewState {
  layout: Layout;
  /** Set when the app asked for a limited time; the view empties itself after it. */
  duration_ms?: number;
  /** When the layout arrived (ms since the epoch). */
  shown_at: number;
}

export interface DeviceState {
  head: 'up' | 'down';
  battery: { level: number; charging: boolean } | null;
  location: { lat: number; lng: number; accuracy?: number } | null;
  /** The glasses are connected to the phone. */
  connected: boolean;
  wifi: { connected: boolean; ssid?: string } | null;
}

/** A photo the app asked for and the wearer has not answered yet. */
export interface PhotoRequestInfo {
  photo_request_id: string;
  save_to_gallery: boolean;
  size?: string;
  requested_at: number;
}

export type AudioRequestKind = 'play' | 'speak' | 'stop';
export type StreamKind = 'rtmp' | 'managed';

export interface AudioRequestInfo {
  kind: AudioRequestKind;
  app_request_id?: string;
  audio_url?: string;
  /** For `speak`: the text (from the TTS URL's `text`). */
  text?: string;
  volume?: number;
  track_id?: number;
}

/** An audio output stream the app plays on the glasses (3.0.0-hono): its relay URL and what arrived so far. */
export interface AudioOutputInfo {
  stream_id: string;
  content_type: string;
  /** The local cloud's relay URL (what the app asked the phone to play). */
  url: string;
  /** Audio bytes received so far. */
  bytes: number;
  /** `started` when the app opened it, `data` for each frame, `ended` when the app ended it. */
  state: 'started' | 'data' | 'ended';
}

export interface LedInfo {
  app_request_id?: string;
  action: string;
  color?: string;
  ontime?: number;
  offtime?: number;
  count?: number;
}

export interface StreamInfo {
  kind: StreamKind;
  action: 'start' | 'stop';
  status: string;
  stream_id?: string;
  rtmp_url?: string;
  urls?: Record<string, string>;
}

/** What the app last asked of the wearer's glasses. */
export interface GlassesState {
  photo_requests: PhotoRequestInfo[];
  led: LedInfo | null;
  dashboard: { mode: string; content: unknown };
  streams: Record<StreamKind, StreamInfo | null>;
  audio: AudioRequestInfo | null;
}

/** A setting's key and the wearer's value. */
export interface SettingValue {
  key: string;
  value: unknown;
}

/** A tool as the app's config file declares it. */
export interface ToolInfo {
  id: string;
  description?: string;
  activationPhrases?: string[];
  parameters?: Record<string, { type: string; description?: string; required?: boolean; enum?: string[] }>;
}

export interface UserSnapshot {
  user_id: string;
  session_id: string;
  package_name: string;
  state: SessionStateName;
  /** The app's current subscriptions, as it sent them. */
  subscriptions: unknown[];
  views: Record<ViewName, ViewState | null>;
  device: DeviceState;
  glasses: GlassesState;
  settings: SettingValue[];
}

export interface AppStatus {
  entry: string;
  port: number | null;
  /** The app's process is running (or being started). */
  running: boolean;
  /** The app accepts HTTP: webhooks reach it. */
  listening: boolean;
  exit_code: number | null;
  /** Why the app could not start (what it printed), or null. */
  error: string | null;
  /** Restarts by `--watch` so far. */
  restarts: number;
  /** The package name the app sent in its last handshake. */
  package_name: string | null;
  cloud_url: string;
}

// ------------------------------------------------------------------ commands

export type InputPayload =
  | { kind: 'transcription'; text: string; final?: boolean; language?: string }
  | { kind: 'button'; button_id?: string; press?: 'short' | 'long' }
  | { kind: 'head'; position: 'up' | 'down' }
  | { kind: 'touch'; gesture: string }
  | { kind: 'notification'; app: string; title: string; content: string }
  | { kind: 'battery'; level: number; charging?: boolean }
  | { kind: 'location'; lat: number; lng: number; accuracy?: number }
  | { kind: 'calendar'; title: string; start?: string | number; end?: string | number; location?: string }
  | { kind: 'connection'; connected: boolean; wifi?: { connected: boolean; ssid?: string } };

export type PhotoAnswerInput = { image_base64: string; mime_type?: string } | { error: { code: string; message: string } };

export type InputKind = InputPayload['kind'];

export type ControlCommand =
  | { type: 'user_start'; request_id: string; user_id: string }
  | { type: 'user_stop'; request_id: string; user_id: string }
  | ({ type: 'input'; request_id: string; user_id: string } & InputPayload)
  | { type: 'sync'; request_id: string; user_id?: string }
  | { type: 'list_users'; request_id: string }
  | ({ type: 'photo_respond'; request_id: string; user_id: string; photo_request_id: string } & PhotoAnswerInput)
  | { type: 'auto_photo'; request_id: string; enabled: boolean }
  | { type: 'audio_feed'; request_id: string; user_id: string; wav_base64: string }
  | { type: 'audio_stream'; request_id: string; user_id: string; pcm_base64?: string; vad?: boolean }
  | { type: 'tools_list'; request_id: string }
  | { type: 'tool_call'; request_id: string; user_id: string; tool_id: string; parameters?: Record<string, unknown> }
  | { type: 'settings_list'; request_id: string; user_id?: string }
  | { type: 'settings_set'; request_id: string; user_id: string; key: string; value: unknown }
  | { type: 'webview_open'; request_id: string; user_id: string }
  | { type: 'screenshot'; request_id: string; user_id: string; view?: ViewName }
  | { type: 'request_telemetry'; request_id: string; user_id: string; window_ms?: number };

export type CommandType = ControlCommand['type'];

/** A command as a caller writes it: the client fills in `request_id`. */
export type CommandInput = ControlCommand extends infer C ? (C extends { request_id: string } ? Omit<C, 'request_id'> : never) : never;

interface ResponseBase<T extends string> {
  type: `${T}_response`;
  request_id: string;
  success: boolean;
  error?: ControlErrorInfo;
}

export interface ResponseFields {
  user_start: { session_id?: string; user?: UserSnapshot };
  user_stop: { user?: UserSnapshot };
  input: { delivered?: number };
  sync: { seq?: number; app?: AppStatus; users?: UserSnapshot[] };
  list_users: { users?: Array<Pick<UserSnapshot, 'user_id' | 'session_id' | 'state'>> };
  photo_respond: { delivery?: 'http-upload' | 'websocket'; app_status?: number };
  auto_photo: { enabled?: boolean };
  audio_feed: { chunks?: number; bytes?: number; duration_ms?: number; delivered?: boolean };
  audio_stream: { bytes?: number; delivered?: boolean };
  tools_list: { source?: string | null; tools?: ToolInfo[] };
  tool_call: { app_status?: number; reply?: unknown; answer?: unknown };
  settings_list: { source?: string | null; settings?: Array<SettingRecord & { value?: unknown }> };
  settings_set: { settings?: SettingValue[]; app_status?: number };
  webview_open: { url?: string };
  screenshot: { png_base64?: string; width?: number; height?: number };
  /** The app's upload for the incident: the status the cloud answered and the log lines it sent. */
  request_telemetry: { incident_id?: string; status?: number; logs?: unknown[] };
}

export type ResponseOf<T extends CommandType> = ResponseBase<T> & ResponseFields[T];
export type ControlResponse = { [T in CommandType]: ResponseOf<T> }[CommandType];

// ------------------------------------------------------------------ events

export type ControlEvent =
  | { type: 'session_state'; seq: number; user_id: string; session_id: string; package_name: string; state: SessionStateName; reason?: string }
  | {
      type: 'display_update';
      seq: number;
      user_id: string;
      view: ViewName;
      layout: Layout | null;
      duration_ms?: number;
      shown_at: number;
      reason?: 'expired' | 'session_ended';
    }
  | { type: 'subscriptions'; seq: number; user_id: string; subscriptions: unknown[] }
  | { type: 'device_state'; seq: number; user_id: string; device: DeviceState }
  | { type: 'wire'; seq: number; user_id: string; direction: WireDirectionName; message: unknown }
  | { type: 'app_state'; seq: number; app: AppStatus }
  | ({ type: 'photo_request'; seq: number; user_id: string; state: 'pending' | 'answered' | 'failed' } & Omit<PhotoRequestInfo, 'requested_at'> & {
        requested_at?: number;
      })
  | ({ type: 'audio_request'; seq: number; user_id: string } & AudioRequestInfo)
  | ({ type: 'led'; seq: number; user_id: string } & LedInfo)
  | ({ type: 'stream_request'; seq: number; user_id: string } & StreamInfo)
  | { type: 'dashboard'; seq: number; user_id: string; mode: string; content: unknown }
  | { type: 'wifi_request'; seq: number; user_id: string; reason?: string }
  | { type: 'settings'; seq: number; user_id: string; settings: SettingValue[] }
  | ({ type: 'audio_output'; seq: number; user_id: string } & AudioOutputInfo);

export type ControlEventType = ControlEvent['type'];

/** Sent once on every connection, on both channels; carries no `seq`. */
export interface WelcomeFrame {
  type: 'welcome';
  protocol: number;
  channel: ControlChannel;
  app: AppStatus;
}

export interface ErrorFrame {
  type: 'error';
  code: ControlErrorCode;
  message: string;
}

export type ServerFrame = ControlResponse | ControlEvent | WelcomeFrame | ErrorFrame;

export const COMMAND_TYPES: readonly CommandType[] = [
  'user_start',
  'user_stop',
  'input',
  'sync',
  'list_users',
  'photo_respond',
  'auto_photo',
  'audio_feed',
  'audio_stream',
  'tools_list',
  'tool_call',
  'settings_list',
  'settings_set',
  'webview_open',
  'screenshot',
  'request_telemetry',
];
export const INPUT_KINDS: readonly InputKind[] = ['transcription', 'button', 'head', 'touch', 'notification', 'battery', 'location', 'calendar', 'connection'];
export const MAX_TEXT = 10_000;
/** The most PCM one `audio_stream` command may carry: one second (16 kHz mono s16le). */
export const MAX_STREAM_PCM_BYTES = 32_000;
/** The largest image or WAV a command may carry (decoded). */
export const MAX_MEDIA_BYTES = 8 * 1024 * 1024;
/** The largest control frame (a base64 media file of MAX_MEDIA_BYTES, and some). */
export const MAX_CONTROL_FRAME = 12 * 1024 * 1024;

/** A wearer's device before any input. */
export function initialDevice(): DeviceState {
  return { head: 'down', battery: null, location: null, connected: true, wifi: { connected: true, ssid: 'simulated-wifi' } };
}

/** The glasses before the app asked anything of them. */
export function initialGlasses(): GlassesState {
  return { photo_requests: [], led: null, dashboard: { mode: 'main', content: null }, streams: { rtmp: null, managed: null }, audio: null };
}

/**
 * Applies one event to a copy of a wearer's glasses state (as the local cloud does to its own): the mirror
 * `connectControl()` and the page keep. Returns the new state, or the same object for other events.
 */
export function applyGlassesEvent(g: GlassesState, e: ControlEvent): GlassesState {
  switch (e.type) {
    case 'photo_request': {
      const rest = g.photo_requests.filter((p) => p.photo_request_id !== e.photo_request_id);
      if (e.state !== 'pending') return { ...g, photo_requests: rest };
      const info: PhotoRequestInfo = {
        photo_request_id: e.photo_request_id,
        save_to_gallery: e.save_to_gallery,
        requested_at: e.requested_at ?? Date.now(),
        ...(e.size ? { size: e.size } : {}),
      };
      return { ...g, photo_requests: [...rest, info] };
    }
    case 'audio_request': {
      const { type: _t, seq: _s, user_id: _u, ...audio } = e;
      return { ...g, audio };
    }
    case 'led': {
      const { type: _t, seq: _s, user_id: _u, ...led } = e;
      return { ...g, led };
    }
    case 'stream_request': {
      const { type: _t, seq: _s, user_id: _u, ...stream } = e;
      return { ...g, streams: { ...g.streams, [stream.kind]: stream } };
    }
    case 'dashboard':
      return { ...g, dashboard: { mode: e.mode, content: e.content } };
    default:
      return g;
  }
}
