/**
 * Parsing and checking the frames a controller sends to the local cloud (docs/control-protocol.md). Every
 * problem becomes a typed answer: an `error` frame for a frame that is no command, a failed
 * `<type>_response` naming the field for a command that is wrong.
 */
import {
  COMMAND_TYPES,
  ControlError,
  INPUT_KINDS,
  MAX_MEDIA_BYTES,
  MAX_TEXT,
  type ControlCommand,
  type ControlErrorCode,
  type ControlErrorInfo,
  type ErrorFrame,
  type InputKind,
  type InputPayload,
} from './control';

export type ParsedFrame =
  | { ok: true; command: ControlCommand }
  /** A frame that cannot be answered as a command: answered with an `error` frame. */
  | { ok: false; frame: ErrorFrame }
  /** A command with a request_id that is wrong: answered with a failed `<type>_response`. */
  | { ok: false; response: { type: string; request_id: string; success: false; error: ControlErrorInfo } };

type Fields = Record<string, unknown>;

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
  const f = raw as Fields;
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
    if (e instanceof ControlError) return fail(e.code as ControlErrorCode, e.message);
    throw e;
  }
}

function checkCommand(f: Fields): ControlCommand {
  const request_id = f.request_id as string;
  switch (f.type) {
    case 'list_users':
    case 'tools_list':
      return { type: f.type, request_id };
    case 'sync':
    case 'settings_list':
      return f.user_id === undefined ? { type: f.type, request_id } : { type: f.type, request_id, user_id: userId(f) };
    case 'user_start':
    case 'user_stop':
    case 'webview_open':
      return { type: f.type, request_id, user_id: userId(f) };
    case 'screenshot':
      return { type: 'screenshot', request_id, user_id: userId(f), view: oneOf(f, 'view', ['main', 'dashboard'] as const, true) ?? 'main' };
    case 'auto_photo': {
      const enabled = bool(f, 'enabled');
      if (enabled === undefined) invalid('"enabled" must be true or false');
      return { type: 'auto_photo', request_id, enabled };
    }
    case 'photo_respond': {
      const base = { type: 'photo_respond' as const, request_id, user_id: userId(f), photo_request_id: str(f, 'photo_request_id')! };
      if (f.error !== undefined) {
        const e = f.error as Fields | null;
        if (!e || typeof e !== 'object' || Array.isArray(e)) invalid('"error" must be an object {code, message}');
        return { ...base, error: { code: str(e, 'code', {}, 'error.code')!, message: str(e, 'message', { allowEmpty: true }, 'error.message')! } };
      }
      const mime = str(f, 'mime_type', { optional: true });
      if (mime !== undefined && !/^image\/[a-z0-9.+-]+$/i.test(mime)) invalid('"mime_type" must be an image type such as image/jpeg');
      media(f, 'image_base64');
      return { ...base, image_base64: f.image_base64 as string, ...(mime ? { mime_type: mime } : {}) };
    }
    case 'audio_feed':
      media(f, 'wav_base64');
      return { type: 'audio_feed', request_id, user_id: userId(f), wav_base64: f.wav_base64 as string };
    case 'audio_stream': {
      const vad = bool(f, 'vad');
      if (f.pcm_base64 !== undefined) media(f, 'pcm_base64');
      if (f.pcm_base64 === undefined && vad === undefined) invalid('"pcm_base64" or "vad" is needed');
      return {
        type: 'audio_stream',
        request_id,
        user_id: userId(f),
        ...(f.pcm_base64 === undefined ? {} : { pcm_base64: f.pcm_base64 as string }),
        ...(vad === undefined ? {} : { vad }),
      };
    }
    case 'tool_call': {
      const parameters = f.parameters;
      if (parameters !== undefined && (!parameters || typeof parameters !== 'object' || Array.isArray(parameters))) invalid('"parameters" must be an object');
      return { type: 'tool_call', request_id, user_id: userId(f), tool_id: str(f, 'tool_id')!, ...(parameters ? { parameters: parameters as Fields } : {}) };
    }
    case 'request_telemetry': {
      const windowMs = num(f, 'window_ms', 0, 86_400_000, true);
      return { type: 'request_telemetry', request_id, user_id: userId(f), ...(windowMs === undefined ? {} : { window_ms: windowMs }) };
    }
    case 'settings_set':
      if (!('value' in f)) invalid('"value" is missing');
      return { type: 'settings_set', request_id, user_id: userId(f), key: str(f, 'key')!, value: f.value };
    default:
      return { type: 'input', request_id, user_id: userId(f), ...checkInput(f) };
  }
}

function invalid(message: string): never {
  throw new ControlError('invalid_input', message);
}

function userId(f: Fields): string {
  const v = f.user_id;
  if (typeof v !== 'string' || !v.trim() || v.length > 200) invalid('"user_id" must be a non-empty string of at most 200 characters');
  return v;
}

function str(f: Fields, key: string, opts: { optional?: boolean; allowEmpty?: boolean } = {}, name = key): string | undefined {
  const v = f[key];
  if (v === undefined && opts.optional) return undefined;
  if (typeof v !== 'string' || v.length > MAX_TEXT || (!opts.allowEmpty && !v))
    invalid(`"${name}" must be a ${opts.allowEmpty ? '' : 'non-empty '}string of at most ${MAX_TEXT} characters`);
  return v;
}

/** A base64 field holding at most MAX_MEDIA_BYTES. */
function media(f: Fields, key: string): void {
  const v = f[key];
  if (typeof v !== 'string' || !v) invalid(`"${key}" must be a non-empty base64 string`);
  if (v.length > Math.ceil((MAX_MEDIA_BYTES * 4) / 3) + 4) invalid(`"${key}" holds more than ${MAX_MEDIA_BYTES / 1024 / 1024} MiB`);
  if (!/^[A-Za-z0-9+/\r\n]+={0,2}$/.test(v)) invalid(`"${key}" is not base64`);
}

function num(f: Fields, key: string, min: number, max: number, optional = false): number | undefined {
  const v = f[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) invalid(`"${key}" must be a number from ${min} to ${max}`);
  return v;
}

function bool(f: Fields, key: string, name = key): boolean | undefined {
  const v = f[key];
  if (v !== undefined && typeof v !== 'boolean') invalid(`"${name}" must be true or false`);
  return v as boolean | undefined;
}

function oneOf<T extends string>(f: Fields, key: string, values: readonly T[], optional = false): T | undefined {
  const v = f[key];
  if (v === undefined && optional) return undefined;
  if (!values.includes(v as T)) invalid(`"${key}" must be one of ${values.join(', ')}`);
  return v as T;
}

function time(f: Fields, key: string): string | number | undefined {
  const v = f[key];
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  if (typeof v === 'string' && v.length <= 64 && !Number.isNaN(Date.parse(v))) return v;
  return invalid(`"${key}" must be an ISO 8601 time or milliseconds since the epoch`);
}

function checkInput(f: Fields): InputPayload {
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
    case 'calendar': {
      const start = time(f, 'start');
      const end = time(f, 'end');
      const location = str(f, 'location', { optional: true });
      return {
        kind,
        title: str(f, 'title')!,
        ...(start === undefined ? {} : { start }),
        ...(end === undefined ? {} : { end }),
        ...(location === undefined ? {} : { location }),
      };
    }
    case 'connection': {
      const connected = bool(f, 'connected');
      if (connected === undefined) invalid('"connected" must be true or false');
      const w = f.wifi as Fields | undefined | null;
      if (w === undefined) return { kind, connected };
      if (!w || typeof w !== 'object' || Array.isArray(w)) invalid('"wifi" must be an object {connected, ssid?}');
      const wc = bool(w, 'connected', 'wifi.connected');
      if (wc === undefined) invalid('"wifi.connected" must be true or false');
      const ssid = str(w, 'ssid', { optional: true }, 'wifi.ssid');
      return { kind, connected, wifi: { connected: wc, ...(ssid === undefined ? {} : { ssid }) } };
    }
  }
}
