/**
 * The control protocol of `mentraos dev` (see docs/control-protocol.md): typed JSON frames between the
 * local cloud and its controllers (the simulator page, `--script` mode, anyone's tools).
 *
 * Controllers connect to `ws://127.0.0.1:<port>/ws?channel=control` (commands and their responses) and
 * `?channel=stream` (events). Commands carry a `request_id` and get one `<type>_response`. Events carry a
 * `seq` (increasing by one per event) and no `request_id`.
 */
import type { SettingRecord, Layout } from './messages';

/** The control protocol's version, sent in the welcome frame. */
export const CONTROL_PROTOCOL_VERSION = 1;
/** The port `mentraos dev` serves the page and the control protocol on unless `--port` says otherwise. */
export const DEFAULT_DEV_PORT = 7077;
/** The WebSocket path of the control protocol. */
export const CONTROL_PATH = '/ws';

/** The two channels: commands and their responses (`control`), events (`stream`). */
export type ControlChannel = 'control' | 'stream';
/** A simulated user's session state. */
export type SessionStateName = 'starting' | 'ready' | 'reconnecting' | 'stopped' | 'failed';
/** A view of the glasses. */
export type ViewName = 'main' | 'dashboard';
/** Who sent a recorded message. */
export type WireDirectionName = 'webhook' | 'app->cloud' | 'cloud->app';

/** The error codes of the control protocol. */
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
    /** The error code. */
    readonly code: ControlErrorCode | ClientErrorCode,
    message: string,
    /** The HTTP status, for a connection refused by the server. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

/** An error of a control command. */
export interface ControlErrorInfo {
  /** The error code. */
  code: ControlErrorCode;
  /** What went wrong. */
  message: string;
}

// ------------------------------------------------------------------ state

/** What one view shows now. */
export interface ViewState {
  /** The layout shown. */
  layout: Layout;
  /** Set when the app asked for a limited time; the view empties itself after it. */
  duration_ms?: number;
  /** When the layout arrived (ms since the epoch). */
  shown_at: number;
}

/** What the simulated glasses report about themselves. */
export interface DeviceState {
  /** Where the head points. */
  head: 'up' | 'down';
  /** The battery, or null before any battery input. */
  battery: {
    /** Battery level, in percent. */
    level: number;
    /** Whether it is charging. */
    charging: boolean;
  } | null;
  /** The location, or null before any location input. */
  location: {
    /** Latitude. */
    lat: number;
    /** Longitude. */
    lng: number;
    /** Accuracy in metres. */
    accuracy?: number;
  } | null;
  /** The glasses are connected to the phone. */
  connected: boolean;
  /** The WiFi, or null before any connection input. */
  wifi: {
    /** Whether it is connected. */
    connected: boolean;
    /** The network's name. */
    ssid?: string;
  } | null;
}

/** A photo the app asked for and the wearer has not answered yet. */
export interface PhotoRequestInfo {
  /** The id of the photo request. */
  photo_request_id: string;
  /** Whether the app asked to save it in the gallery. */
  save_to_gallery: boolean;
  /** The photo size asked for. */
  size?: string;
  /** When the app asked (milliseconds since the epoch). */
  requested_at: number;
}

/** The kinds of audio request. */
export type AudioRequestKind = 'play' | 'speak' | 'stop';
/** The kinds of stream. */
export type StreamKind = 'rtmp' | 'managed';

/** An audio request the app made. */
export interface AudioRequestInfo {
  /** Play, speak or stop. */
  kind: AudioRequestKind;
  /** The app's request id. */
  app_request_id?: string;
  /** The URL to play. */
  audio_url?: string;
  /** For `speak`: the text (from the TTS URL's `text`). */
  text?: string;
  /** Volume, 0.0 to 1.0. */
  volume?: number;
  /** The audio track. */
  track_id?: number;
}

/** An audio output stream the app plays on the glasses (3.0.0-hono): its relay URL and what arrived so far. */
export interface AudioOutputInfo {
  /** The stream's id. */
  stream_id: string;
  /** The audio's content type (`audio/mpeg`). */
  content_type: string;
  /** The local cloud's relay URL (what the app asked the phone to play). */
  url: string;
  /** Audio bytes received so far. */
  bytes: number;
  /** `started` when the app opened it, `data` for each frame, `ended` when the app ended it. */
  state: 'started' | 'data' | 'ended';
}

/** The LED state the app set. */
export interface LedInfo {
  /** The app's request id. */
  app_request_id?: string;
  /** On or off. */
  action: string;
  /** The colour. */
  color?: string;
  /** Milliseconds on per cycle. */
  ontime?: number;
  /** Milliseconds off per cycle. */
  offtime?: number;
  /** Cycles. */
  count?: number;
}

/** A stream the app started. */
export interface StreamInfo {
  /** RTMP or managed. */
  kind: StreamKind;
  /** Start or stop. */
  action: 'start' | 'stop';
  /** The stream's status. */
  status: string;
  /** The stream's id. */
  stream_id?: string;
  /** The RTMP URL. */
  rtmp_url?: string;
  /** The viewing URLs of a managed stream. */
  urls?: Record<string, string>;
}

/** What the app last asked of the wearer's glasses. */
export interface GlassesState {
  /** Pending photo requests. */
  photo_requests: PhotoRequestInfo[];
  /** The LED, or null. */
  led: LedInfo | null;
  /** The dashboard's mode and content. */
  dashboard: {
    /** The dashboard's mode. */
    mode: string;
    /** The content. */
    content: unknown;
  };
  /** The streams, by kind. */
  streams: Record<StreamKind, StreamInfo | null>;
  /** The last audio request, or null. */
  audio: AudioRequestInfo | null;
}

/** A setting's key and the wearer's value. */
export interface SettingValue {
  /** The setting's key. */
  key: string;
  /** The setting's value. */
  value: unknown;
}

/** A tool as the app's config file declares it. */
export interface ToolInfo {
  /** The tool's id. */
  id: string;
  /** What the tool does. */
  description?: string;
  /** Phrases that start the tool. */
  activationPhrases?: string[];
  /** The tool's parameters, by name. */
  parameters?: Record<
    string,
    {
      /** The parameter's type. */ type: string;
      /** What it is. */
      description?: string;
      /** Whether it is required. */
      required?: boolean;
      /** The values allowed. */
      enum?: string[];
    }
  >;
}

/** Everything the local cloud knows about one simulated user. */
export interface UserSnapshot {
  /** The user's id. */
  user_id: string;
  /** The session id. */
  session_id: string;
  /** The app's package name. */
  package_name: string;
  /** The session's state. */
  state: SessionStateName;
  /** The app's current subscriptions, as it sent them. */
  subscriptions: unknown[];
  /** What each view shows. */
  views: Record<ViewName, ViewState | null>;
  /** What the glasses report. */
  device: DeviceState;
  /** What the app asked of the glasses. */
  glasses: GlassesState;
  /** The user's app settings. */
  settings: SettingValue[];
}

/** The app's process as the local cloud runs it. */
export interface AppStatus {
  /** The app's entry file. */
  entry: string;
  /** The port the app listens on, or null. */
  port: number | null;
  /** The app's process is running (or being started). */
  running: boolean;
  /** The app accepts HTTP: webhooks reach it. */
  listening: boolean;
  /** The exit code of the app's last process, or null. */
  exit_code: number | null;
  /** Why the app could not start (what it printed), or null. */
  error: string | null;
  /** Restarts by `--watch` so far. */
  restarts: number;
  /** The package name the app sent in its last handshake. */
  package_name: string | null;
  /** The local cloud's URL. */
  cloud_url: string;
}

// ------------------------------------------------------------------ commands

/** An input a controller plays for a user (speech, button, head, touch, ...), told apart by `kind`. */
export type InputPayload =
  | {
      /** The kind of input. */ kind: 'transcription';
      /** The text. */
      text: string;
      /** Whether the result is final. */
      final?: boolean;
      /** The language. */
      language?: string;
    }
  | {
      /** The kind of input. */
      kind: 'button';
      /** Which button. */
      button_id?: string;
      /** A short or a long press. */
      press?: 'short' | 'long';
    }
  | {
      /** The kind of input. */
      kind: 'head';
      /** Up or down. */
      position: 'up' | 'down';
    }
  | {
      /** The kind of input. */
      kind: 'touch';
      /** The gesture. */
      gesture: string;
    }
  | {
      /** The kind of input. */
      kind: 'notification';
      /** The app. */
      app: string;
      /** The title. */
      title: string;
      /** The content. */
      content: string;
    }
  | {
      /** The kind of input. */
      kind: 'battery';
      /** Battery level, in percent. */
      level: number;
      /** Whether it is charging. */
      charging?: boolean;
    }
  | {
      /** The kind of input. */
      kind: 'location';
      /** Latitude. */
      lat: number;
      /** Longitude. */
      lng: number;
      /** Accuracy in metres. */
      accuracy?: number;
    }
  | {
      /** The kind of input. */ kind: 'calendar';
      /** The title. */
      title: string;
      /** When it starts. */
      start?: string | number;
      /** When it ends. */
      end?: string | number;
      /** Where it is. */
      location?: string;
    }
  | {
      /** The kind of input. */ kind: 'connection';
      /** Whether it is connected. */
      connected: boolean;
      /** The WiFi. */
      wifi?: {
        /** Whether it is connected. */
        connected: boolean;
        /** The network's name. */
        ssid?: string;
      };
    };

/** How a controller answers a photo request: with an image or an error. */
export type PhotoAnswerInput =
  | {
      /** The image, base64. */
      image_base64: string;
      /** The image's MIME type. */
      mime_type?: string;
    }
  | {
      /** Answer with an error instead. */
      error: {
        /** The error code. */
        code: string;
        /** The error message. */
        message: string;
      };
    };

/** The kinds of input. */
export type InputKind = InputPayload['kind'];

/** Every command a controller can send, told apart by `type`. */
export type ControlCommand =
  | {
      /** The command type. */
      type: 'user_start';
      /** Pairs the command with its response. */
      request_id: string;
      /** The user. */
      user_id: string;
    }
  | {
      /** The command type. */
      type: 'user_stop';
      /** Pairs the command with its response. */
      request_id: string;
      /** The user. */
      user_id: string;
    }
  | ({
      /** The command type. */ type: 'input';
      /** Pairs the command with its response. */
      request_id: string;
      /** The user. */
      user_id: string;
    } & InputPayload)
  | {
      /** The command type. */
      type: 'sync';
      /** Pairs the command with its response. */
      request_id: string;
      /** The user. */
      user_id?: string;
    }
  | {
      /** The command type. */
      type: 'list_users';
      /** Pairs the command with its response. */
      request_id: string;
    }
  | ({
      /** The command type. */ type: 'photo_respond';
      /** Pairs the command with its response. */
      request_id: string;
      /** The user. */
      user_id: string;
      /** The photo request answered. */
      photo_request_id: string;
    } & PhotoAnswerInput)
  | {
      /** The command type. */ type: 'auto_photo';
      /** Pairs the command with its response. */
      request_id: string;
      /** Whether to answer photos automatically. */
      enabled: boolean;
    }
  | {
      /** The command type. */ type: 'audio_feed';
      /** Pairs the command with its response. */
      request_id: string;
      /** The user. */
      user_id: string;
      /** A WAV file, base64. */
      wav_base64: string;
    }
  | {
      /** The command type. */ type: 'audio_stream';
      /** Pairs the command with its response. */
      request_id: string;
      /** The user. */
      user_id: string;
      /** PCM audio, base64. */
      pcm_base64?: string;
      /** Voice activity. */
      vad?: boolean;
    }
  | {
      /** The command type. */
      type: 'tools_list';
      /** Pairs the command with its response. */
      request_id: string;
    }
  | {
      /** The command type. */ type: 'tool_call';
      /** Pairs the command with its response. */
      request_id: string;
      /** The user. */
      user_id: string;
      /** The tool's id. */
      tool_id: string;
      /** The tool's parameters. */
      parameters?: Record<string, unknown>;
    }
  | {
      /** The command type. */
      type: 'settings_list';
      /** Pairs the command with its response. */
      request_id: string;
      /** The user. */
      user_id?: string;
    }
  | {
      /** The command type. */ type: 'settings_set';
      /** Pairs the command with its response. */
      request_id: string;
      /** The user. */
      user_id: string;
      /** The setting's key. */
      key: string;
      /** The setting's value. */
      value: unknown;
    }
  | {
      /** The command type. */
      type: 'webview_open';
      /** Pairs the command with its response. */
      request_id: string;
      /** The user. */
      user_id: string;
    }
  | {
      /** The command type. */ type: 'screenshot';
      /** Pairs the command with its response. */
      request_id: string;
      /** The user. */
      user_id: string;
      /** The view. */
      view?: ViewName;
    }
  | {
      /** The command type. */
      type: 'request_telemetry';
      /** Pairs the command with its response. */
      request_id: string;
      /** The user. */
      user_id: string;
      /** How far back the app should look, in milliseconds. */
      window_ms?: number;
    };

/** The command types. */
export type CommandType = ControlCommand['type'];

/** A command as a caller writes it: the client fills in `request_id`. */
export type CommandInput = ControlCommand extends infer C
  ? C extends {
      /** The command's request id, which the client adds. */
      request_id: string;
    }
    ? Omit<C, 'request_id'>
    : never
  : never;

interface ResponseBase<T extends string> {
  type: `${T}_response`;
  request_id: string;
  success: boolean;
  error?: ControlErrorInfo;
}

/** The fields each command's response adds, by command type. */
export interface ResponseFields {
  /** Answer to `user_start`. */
  user_start: {
    /** The session id. */
    session_id?: string;
    /** The user after the command. */
    user?: UserSnapshot;
  };
  /** Answer to `user_stop`. */
  user_stop: {
    /** The user after the command. */
    user?: UserSnapshot;
  };
  /** Answer to `input`. */
  input: {
    /** How many frames reached the app. */
    delivered?: number;
  };
  /** Answer to `sync`. */
  sync: {
    /** The event's sequence number. */
    seq?: number;
    /** The app. */
    app?: AppStatus;
    /** The users. */
    users?: UserSnapshot[];
  };
  /** Answer to `list_users`. */
  list_users: {
    /** The users. */
    users?: Array<Pick<UserSnapshot, 'user_id' | 'session_id' | 'state'>>;
  };
  /** Answer to `photo_respond`. */
  photo_respond: {
    /** How the photo reached the app. */
    delivery?: 'http-upload' | 'websocket';
    /** The HTTP status the app answered. */
    app_status?: number;
  };
  /** Answer to `auto_photo`. */
  auto_photo: {
    /** Whether to answer photos automatically. */
    enabled?: boolean;
  };
  /** Answer to `audio_feed`. */
  audio_feed: {
    /** Chunks sent. */ chunks?: number;
    /** Bytes sent. */
    bytes?: number;
    /** Duration in milliseconds. */
    duration_ms?: number;
    /** How many frames reached the app. */
    delivered?: boolean;
  };
  /** Answer to `audio_stream`. */
  audio_stream: {
    /** Bytes sent. */
    bytes?: number;
    /** How many frames reached the app. */
    delivered?: boolean;
  };
  /** Answer to `tools_list`. */
  tools_list: {
    /** Where the list came from. */
    source?: string | null;
    /** The tools. */
    tools?: ToolInfo[];
  };
  /** Answer to `tool_call`. */
  tool_call: {
    /** The HTTP status the app answered. */ app_status?: number;
    /** The app's reply. */
    reply?: unknown;
    /** The app's whole answer. */
    answer?: unknown;
  };
  /** Answer to `settings_list`. */
  settings_list: {
    /** Where the list came from. */ source?: string | null;
    /** The settings. */
    settings?: Array<
      SettingRecord & {
        /** The setting's value. */
        value?: unknown;
      }
    >;
  };
  /** Answer to `settings_set`. */
  settings_set: {
    /** The settings. */
    settings?: SettingValue[];
    /** The HTTP status the app answered. */
    app_status?: number;
  };
  /** Answer to `webview_open`. */
  webview_open: {
    /** The URL. */
    url?: string;
  };
  /** Answer to `screenshot`. */
  screenshot: {
    /** The PNG, base64. */
    png_base64?: string;
    /** Width in pixels. */
    width?: number;
    /** Height in pixels. */
    height?: number;
  };
  /** Answer to `request_telemetry`: the app's upload for the incident. */
  request_telemetry: {
    /** The incident the cloud made up for the request. */
    incident_id?: string;
    /** The HTTP status the local cloud answered the upload with. */
    status?: number;
    /** The log lines the app sent. */
    logs?: unknown[];
  };
}

/** The response to the command `T`. */
export type ResponseOf<T extends CommandType> = ResponseBase<T> & ResponseFields[T];
/** Any command response. */
export type ControlResponse = { [T in CommandType]: ResponseOf<T> }[CommandType];

// ------------------------------------------------------------------ events

/** Every event on the `stream` channel, told apart by `type`. */
export type ControlEvent =
  | {
      /** The event type. */ type: 'session_state';
      /** The event's sequence number. */
      seq: number;
      /** The user. */
      user_id: string;
      /** The session id. */
      session_id: string;
      /** The app's package name. */
      package_name: string;
      /** The state. */
      state: SessionStateName;
      /** Why. */
      reason?: string;
    }
  | {
      /** The message type. */
      type: 'display_update';
      /** The event's sequence number. */
      seq: number;
      /** The user. */
      user_id: string;
      /** The view it was shown in. */
      view: ViewName;
      /** The layout shown. */
      layout: Layout | null;
      /** How long the app asked for it to be shown, in milliseconds. */
      duration_ms?: number;
      /** When it was shown (milliseconds since the epoch). */
      shown_at: number;
      /** Why the view emptied. */
      reason?: 'expired' | 'session_ended';
    }
  | {
      /** The event type. */ type: 'subscriptions';
      /** The event's sequence number. */
      seq: number;
      /** The user. */
      user_id: string;
      /** The app's subscriptions. */
      subscriptions: unknown[];
    }
  | {
      /** The event type. */ type: 'device_state';
      /** The event's sequence number. */
      seq: number;
      /** The user. */
      user_id: string;
      /** What the glasses report. */
      device: DeviceState;
    }
  | {
      /** The event type. */ type: 'wire';
      /** The event's sequence number. */
      seq: number;
      /** The user. */
      user_id: string;
      /** Which way it went. */
      direction: WireDirectionName;
      /** The message. */
      message: unknown;
    }
  | {
      /** The event type. */
      type: 'app_state';
      /** The event's sequence number. */
      seq: number;
      /** The app. */
      app: AppStatus;
    }
  | ({
      /** The event type. */ type: 'photo_request';
      /** The event's sequence number. */
      seq: number;
      /** The user. */
      user_id: string;
      /** The state. */
      state: 'pending' | 'answered' | 'failed';
    } & Omit<PhotoRequestInfo, 'requested_at'> & {
        /** When the app asked. */
        requested_at?: number;
      })
  | ({
      /** The event type. */
      type: 'audio_request';
      /** The event's sequence number. */
      seq: number;
      /** The user. */
      user_id: string;
    } & AudioRequestInfo)
  | ({
      /** The event type. */
      type: 'led';
      /** The event's sequence number. */
      seq: number;
      /** The user. */
      user_id: string;
    } & LedInfo)
  | ({
      /** The event type. */
      type: 'stream_request';
      /** The event's sequence number. */
      seq: number;
      /** The user. */
      user_id: string;
    } & StreamInfo)
  | {
      /** The event type. */ type: 'dashboard';
      /** The event's sequence number. */
      seq: number;
      /** The user. */
      user_id: string;
      /** The dashboard's mode. */
      mode: string;
      /** The content. */
      content: unknown;
    }
  | {
      /** The event type. */ type: 'wifi_request';
      /** The event's sequence number. */
      seq: number;
      /** The user. */
      user_id: string;
      /** Why. */
      reason?: string;
    }
  | {
      /** The event type. */ type: 'settings';
      /** The event's sequence number. */
      seq: number;
      /** The user. */
      user_id: string;
      /** The settings. */
      settings: SettingValue[];
    }
  | ({
      /** The event type. */
      type: 'audio_output';
      /** The event's sequence number. */
      seq: number;
      /** The user. */
      user_id: string;
    } & AudioOutputInfo);

/** The event types. */
export type ControlEventType = ControlEvent['type'];

/** Sent once on every connection, on both channels; carries no `seq`. */
export interface WelcomeFrame {
  /** The message type. */
  type: 'welcome';
  /** The control protocol's version. */
  protocol: number;
  /** The channel this socket is. */
  channel: ControlChannel;
  /** The app's status. */
  app: AppStatus;
}

/** A frame the server sends when it cannot read a command. */
export interface ErrorFrame {
  /** The message type. */
  type: 'error';
  /** The error code. */
  code: ControlErrorCode;
  /** What went wrong. */
  message: string;
}

/** Any frame the server sends. */
export type ServerFrame = ControlResponse | ControlEvent | WelcomeFrame | ErrorFrame;

/** Every command type, in protocol order. */
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
/** Every input kind. */
export const INPUT_KINDS: readonly InputKind[] = ['transcription', 'button', 'head', 'touch', 'notification', 'battery', 'location', 'calendar', 'connection'];
/** The longest text an input may carry, in characters. */
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
