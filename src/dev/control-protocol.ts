/**
 * The control protocol of `mentraos dev` (see docs/control-protocol.md): typed JSON frames between the
 * local cloud and its controllers (the simulator page, `--script` mode, anyone's tools).
 *
 * Controllers connect to `ws://127.0.0.1:<port>/ws?channel=control` (commands and their responses) and
 * `?channel=stream` (events). Commands carry a `request_id` and get one `<type>_response`. Events carry a
 * `seq` (increasing by one per event) and no `request_id`.
 */
import type { Layout } from '../protocol/messages';

export const CONTROL_PROTOCOL_VERSION = 1;
/** The port `mentraos dev` serves the page and the control protocol on unless `--port` says otherwise. */
export const DEFAULT_DEV_PORT = 7077;
export const CONTROL_PATH = '/ws';

export type ControlChannel = 'control' | 'stream';
export type SessionStateName = 'starting' | 'ready' | 'reconnecting' | 'stopped' | 'failed';
export type ViewName = 'main' | 'dashboard';
export type WireDirectionName = 'webhook' | 'app->cloud' | 'cloud->app';

export type ControlErrorCode =
  | 'bad_frame' | 'unknown_command' | 'invalid_input' | 'unknown_user' | 'already_started' | 'not_running'
  | 'app_not_running' | 'app_error' | 'internal';

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
}

export interface AppStatus {
  entry: string;
  port: number | null;
  running: boolean;
  exit_code: number | null;
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
  | { kind: 'location'; lat: number; lng: number; accuracy?: number };

export type InputKind = InputPayload['kind'];

export type ControlCommand =
  | { type: 'user_start'; request_id: string; user_id: string }
  | { type: 'user_stop'; request_id: string; user_id: string }
  | ({ type: 'input'; request_id: string; user_id: string } & InputPayload)
  | { type: 'sync'; request_id: string; user_id?: string }
  | { type: 'list_users'; request_id: string };

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
}

export type ResponseOf<T extends CommandType> = ResponseBase<T> & ResponseFields[T];
export type ControlResponse = { [T in CommandType]: ResponseOf<T> }[CommandType];

// ------------------------------------------------------------------ events

export type ControlEvent =
  | { type: 'session_state'; seq: number; user_id: string; session_id: string; package_name: string; state: SessionStateName; reason?: string }
  | { type: 'display_update'; seq: number; user_id: string; view: ViewName; layout: Layout | null; duration_ms?: number; shown_at: number; reason?: 'expired' | 'session_ended' }
  | { type: 'subscriptions'; seq: number; user_id: string; subscriptions: unknown[] }
  | { type: 'device_state'; seq: number; user_id: string; device: DeviceState }
  | { type: 'wire'; seq: number; user_id: string; direction: WireDirectionName; message: unknown }
  | { type: 'app_state'; seq: number; app: AppStatus };

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

// ------------------------------------------------------------------ validation

export const COMMAND_TYPES: readonly CommandType[] = ['user_start', 'user_stop', 'input', 'sync', 'list_users'];
export const INPUT_KINDS: readonly InputKind[] = ['transcription', 'button', 'head', 'touch', 'notification', 'battery', 'location'];
export const MAX_TEXT = 10_000;

/** A typed failure of a command; its code and message go into the response's `error`. */
export class ControlFailure extends Error {
  constructor(readonly code: ControlErrorCode, message: string) {
    super(message);
    this.name = 'ControlFailure';
  }
}

export type ParsedFrame =
  | { ok: true; command: ControlCommand }
  /** A frame that cannot be answered as a command: answered with an `error` frame. */
  | { ok: false; frame: ErrorFrame }
  /** A command with a request_id that is wrong: answered with a failed `<type>_response`. */
  | { ok: false; response: { type: string; request_id: string; success: false; error: ControlErrorInfo } };

/** Parses one text frame from a controller. Never throws. */
export function parseCommand(text: string): ParsedFrame {
  const bad = (message: string): ParsedFrame => ({ ok: false, frame: { type: 'error', code: 'bad_frame', message } });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return bad('The frame is not JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return bad('A frame must be a JSON object with a "type"');
  const f = raw as Record<string, unknown>;
  if (typeof f.type !== 'string' || !f.type) return bad('A frame must be a JSON object with a "type"');
  if (typeof f.request_id !== 'string' || !f.request_id || f.request_id.length > 200) {
    return bad(`The command "${f.type.slice(0, 60)}" needs a "request_id" string (at most 200 characters)`);
  }
  const fail = (code: ControlErrorCode, message: string): ParsedFrame => ({
    ok: false,
    response: { type: `${f.type}_response`.slice(0, 80), request_id: f.request_id as string, success: false, error: { code, message } },
  });
  if (!(COMMAND_TYPES as readonly string[]).includes(f.type)) {
    return fail('unknown_command', `Unknown command "${f.type.slice(0, 60)}"; the commands are ${COMMAND_TYPES.join(', ')}`);
  }
  try {
    return { ok: true, command: checkCommand(f) };
  } catch (e) {
    if (e instanceof ControlFailure) return fail(e.code, e.message);
    throw e;
  }
}

function checkCommand(f: Record<string, unknown>): ControlCommand {
  const request_id = f.request_id as string;
  switch (f.type) {
    case 'list_users':
      return { type: 'list_users', request_id };
    case 'sync':
      return f.user_id === undefined ? { type: 'sync', request_id } : { type: 'sync', request_id, user_id: userId(f) };
    case 'user_start':
      return { type: 'user_start', request_id, user_id: userId(f) };
    case 'user_stop':
      return { type: 'user_stop', request_id, user_id: userId(f) };
    default:
      return { type: 'input', request_id, user_id: userId(f), ...checkInput(f) };
  }
}

function invalid(message: string): never {
  throw new ControlFailure('invalid_input', message);
}

function userId(f: Record<string, unknown>): string {
  const v = f.user_id;
  if (typeof v !== 'string' || !v.trim() || v.length > 200) invalid('"user_id" must be a non-empty string of at most 200 characters');
  return v;
}

function str(f: Record<string, unknown>, key: string, opts: { optional?: boolean; allowEmpty?: boolean } = {}): string | undefined {
  const v = f[key];
  if (v === undefined && opts.optional) return undefined;
  if (typeof v !== 'string' || v.length > MAX_TEXT || (!opts.allowEmpty && !v)) invalid(`"${key}" must be a ${opts.allowEmpty ? '' : 'non-empty '}string of at most ${MAX_TEXT} characters`);
  return v;
}

function num(f: Record<string, unknown>, key: string, min: number, max: number, optional = false): number | undefined {
  const v = f[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) invalid(`"${key}" must be a number from ${min} to ${max}`);
  return v;
}

function bool(f: Record<string, unknown>, key: string): boolean | undefined {
  const v = f[key];
  if (v !== undefined && typeof v !== 'boolean') invalid(`"${key}" must be true or false`);
  return v as boolean | undefined;
}

function oneOf<T extends string>(f: Record<string, unknown>, key: string, values: readonly T[], optional = false): T | undefined {
  const v = f[key];
  if (v === undefined && optional) return undefined;
  if (!values.includes(v as T)) invalid(`"${key}" must be one of ${values.join(', ')}`);
  return v as T;
}

function checkInput(f: Record<string, unknown>): InputPayload {
  const kind = oneOf(f, 'kind', INPUT_KINDS) as InputKind;
  switch (kind) {
    case 'transcription': {
      const language = str(f, 'language', { optional: true });
      if (language !== undefined && !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) invalid('"language" must be a language tag such as en-US');
      return { kind, text: str(f, 'text', { allowEmpty: true })!, final: bool(f, 'final') ?? true, language: language ?? 'en-US' };
    }
    case 'button':
      return { kind, button_id: str(f, 'button_id', { optional: true }) ?? 'main', press: oneOf(f, 'press', ['short', 'long'] as const, true) ?? 'short' };
    case 'head':
      return { kind, position: oneOf(f, 'position', ['up', 'down'] as const)! };
    case 'touch':
      return { kind, gesture: str(f, 'gesture')! };
    case 'notification':
      return { kind, app: str(f, 'app')!, title: str(f, 'title', { allowEmpty: true })!, content: str(f, 'content', { allowEmpty: true })! };
    case 'battery':
      return { kind, level: num(f, 'level', 0, 100)!, charging: bool(f, 'charging') ?? false };
    case 'location': {
      const accuracy = num(f, 'accuracy', 0, 1e7, true);
      return { kind, lat: num(f, 'lat', -90, 90)!, lng: num(f, 'lng', -180, 180)!, ...(accuracy === undefined ? {} : { accuracy }) };
    }
  }
}
