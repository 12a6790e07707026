/**
 * Stream-string helpers: `transcription:<lang>[?opts]`, `translation:<src>-to-<tgt>`, `touch_event:<gesture>`.
 */
import { StreamCategory, StreamType } from './enums';

/** A stream string: a `StreamType`, or a parameterised stream (`transcription:en-US`, `touch_event:double_tap`). */
export type ExtendedStreamType = StreamType | (string & {});

/** The category of each stream. */
export const STREAM_CATEGORIES: Record<string, StreamCategory> = {
  [StreamType.BUTTON_PRESS]: StreamCategory.HARDWARE,
  [StreamType.HEAD_POSITION]: StreamCategory.HARDWARE,
  [StreamType.TOUCH_EVENT]: StreamCategory.HARDWARE,
  [StreamType.GLASSES_BATTERY_UPDATE]: StreamCategory.HARDWARE,
  [StreamType.PHONE_BATTERY_UPDATE]: StreamCategory.HARDWARE,
  [StreamType.GLASSES_CONNECTION_STATE]: StreamCategory.HARDWARE,
  [StreamType.LOCATION_UPDATE]: StreamCategory.HARDWARE,
  [StreamType.LOCATION_STREAM]: StreamCategory.HARDWARE,
  [StreamType.VPS_COORDINATES]: StreamCategory.HARDWARE,
  [StreamType.VIDEO]: StreamCategory.HARDWARE,
  [StreamType.PHOTO_REQUEST]: StreamCategory.HARDWARE,
  [StreamType.PHOTO_RESPONSE]: StreamCategory.HARDWARE,
  [StreamType.RTMP_STREAM_STATUS]: StreamCategory.HARDWARE,
  [StreamType.MANAGED_STREAM_STATUS]: StreamCategory.HARDWARE,
  [StreamType.PHOTO_TAKEN]: StreamCategory.HARDWARE,
  [StreamType.TRANSCRIPTION]: StreamCategory.AUDIO,
  [StreamType.TRANSLATION]: StreamCategory.AUDIO,
  [StreamType.VAD]: StreamCategory.AUDIO,
  [StreamType.AUDIO_CHUNK]: StreamCategory.AUDIO,
  [StreamType.PHONE_NOTIFICATION]: StreamCategory.PHONE,
  [StreamType.PHONE_NOTIFICATION_DISMISSED]: StreamCategory.PHONE,
  [StreamType.CALENDAR_EVENT]: StreamCategory.PHONE,
  [StreamType.START_APP]: StreamCategory.SYSTEM,
  [StreamType.STOP_APP]: StreamCategory.SYSTEM,
  [StreamType.OPEN_DASHBOARD]: StreamCategory.SYSTEM,
  [StreamType.CORE_STATUS_UPDATE]: StreamCategory.SYSTEM,
  [StreamType.ALL]: StreamCategory.SYSTEM,
  [StreamType.WILDCARD]: StreamCategory.SYSTEM,
  [StreamType.MENTRAOS_SETTINGS_UPDATE_REQUEST]: StreamCategory.SYSTEM,
  [StreamType.CUSTOM_MESSAGE]: StreamCategory.SYSTEM,
};

/** Subscribing to `augmentos:<key>` asks the cloud for changes of one system setting (both generations). */
export const SYSTEM_SETTING_STREAM_PREFIX = 'augmentos:';

const LANGUAGE_CODE = /^[a-z]{2,3}-[A-Z]{2}$/;

/** The touch gestures a `touch_event:<gesture>` stream may name. */
export const TOUCH_GESTURES = ['single_tap', 'double_tap', 'triple_tap', 'long_press', 'forward_swipe', 'backward_swipe', 'up_swipe', 'down_swipe'] as const;

/** True for BCP-47 style codes such as `en-US` or `fil-PH`. */
export function isValidLanguageCode(code: string): boolean {
  return typeof code === 'string' && LANGUAGE_CODE.test(code);
}

/** A language stream, parsed. */
export interface LanguageStreamInfo {
  /** The message type. */
  type: StreamType.TRANSCRIPTION | StreamType.TRANSLATION;
  /** `transcription` or `translation`. */
  baseType: string;
  /** The language transcribed. */
  transcribeLanguage: string;
  /** The language translated into. */
  translateLanguage?: string;
  /** The stream string as given. */
  original: string;
  /** The stream's query options (`?no-language-identification=true`), with `true`/`false` as booleans. */
  options?: Record<string, string | boolean>;
}

/** The options of a transcription stream. */
export interface TranscriptionStreamOptions {
  /**
   * Turn automatic language identification off.
   *
   * @defaultValue `false`
   */
  disableLanguageIdentification?: boolean;
  /**
   * Hints for the transcription provider, sent as `hints=a,b` on the stream.
   *
   * @defaultValue none
   */
  hints?: string[];
}

/** `transcription:<lang>` with optional `?no-language-identification=true&hints=a,b`. `lang` may be `auto`. */
export function createTranscriptionStream(language: string, options: TranscriptionStreamOptions = {}): ExtendedStreamType {
  if (language !== 'auto' && !isValidLanguageCode(language)) {
    throw new TypeError(`Invalid language code "${language}": expected a code such as "en-US", or "auto"`);
  }
  const query = new URLSearchParams();
  if (options.disableLanguageIdentification) query.set('no-language-identification', 'true');
  if (options.hints && options.hints.length > 0) query.set('hints', options.hints.join(','));
  const qs = query.toString();
  return `transcription:${language}${qs ? `?${qs}` : ''}`;
}

/** `translation:<src>-to-<tgt>`; `src` may be `all`. */
export function createTranslationStream(source: string, target: string, options: { disableLanguageIdentification?: boolean } = {}): ExtendedStreamType {
  if (source !== 'all' && !isValidLanguageCode(source)) throw new TypeError(`Invalid source language code "${source}"`);
  if (!isValidLanguageCode(target)) throw new TypeError(`Invalid target language code "${target}"`);
  const suffix = options.disableLanguageIdentification ? '?no-language-identification=true' : '';
  return `translation:${source}-to-${target}${suffix}`;
}

/** `translation:all-to-<tgt>`. */
export function createUniversalTranslationStream(target: string, options: { disableLanguageIdentification?: boolean } = {}): ExtendedStreamType {
  return createTranslationStream('all', target, options);
}

/** The stream of one touch gesture (`touch_event:double_tap`); throws a `TypeError` for an unknown gesture. */
export function createTouchEventStream(gesture: string): ExtendedStreamType {
  if (!(TOUCH_GESTURES as readonly string[]).includes(gesture)) throw new TypeError(`Invalid touch gesture "${gesture}"`);
  return `touch_event:${gesture}`;
}

/** The gesture of a `touch_event:<gesture>` stream, or null. */
export function parseTouchEventStream(stream: string): string | null {
  if (typeof stream !== 'string' || !stream.startsWith('touch_event:')) return null;
  return stream.slice('touch_event:'.length) || null;
}

/** Parses a language stream string; null when it is not one. Query values "true"/"false" become booleans. */
export function parseLanguageStream(stream: ExtendedStreamType | string): LanguageStreamInfo | null {
  if (typeof stream !== 'string') return null;
  const colon = stream.indexOf(':');
  if (colon < 0) return null;
  const base = stream.slice(0, colon);
  if (base !== 'transcription' && base !== 'translation') return null;
  const [body, query] = splitOnce(stream.slice(colon + 1), '?');
  let options: Record<string, string | boolean> | undefined;
  if (query) {
    options = {};
    for (const [k, v] of new URLSearchParams(query)) options[k] = v === 'true' ? true : v === 'false' ? false : v;
  }
  if (base === 'transcription') {
    if (body !== 'auto' && !isValidLanguageCode(body)) return null;
    return { type: StreamType.TRANSCRIPTION, baseType: base, transcribeLanguage: body, original: stream, options };
  }
  const [src, tgt] = splitOnce(body, '-to-');
  if (!tgt || (src !== 'all' && !isValidLanguageCode(src)) || !isValidLanguageCode(tgt)) return null;
  return { type: StreamType.TRANSLATION, baseType: base, transcribeLanguage: src, translateLanguage: tgt, original: stream, options };
}

/** The same as `parseLanguageStream`. */
export function getLanguageInfo(stream: ExtendedStreamType | string): LanguageStreamInfo | null {
  return parseLanguageStream(stream);
}

/** Whether a stream is a valid language stream. */
export function isLanguageStream(stream: ExtendedStreamType | string): boolean {
  return parseLanguageStream(stream) !== null;
}

/** The stream string without its parameters: `transcription:en-US` -> `transcription` (any string). */
export function streamBase(stream: ExtendedStreamType | string): string {
  if (typeof stream !== 'string') return stream;
  const colon = stream.indexOf(':');
  return colon < 0 ? stream : stream.slice(0, colon);
}

const KNOWN_STREAMS: ReadonlySet<string> = new Set(Object.values(StreamType));

/**
 * The `StreamType` a subscription is of: itself for a plain stream type, `transcription` or `translation` for
 * a valid language stream, `touch_event` for a gesture stream; null for anything else (as published).
 */
export function getBaseStreamType(stream: ExtendedStreamType | string): StreamType | null {
  if (typeof stream !== 'string') return null;
  if (KNOWN_STREAMS.has(stream)) return stream as StreamType;
  const language = parseLanguageStream(stream);
  if (language) return language.type;
  return parseTouchEventStream(stream) !== null ? StreamType.TOUCH_EVENT : null;
}

/** Whether a stream string is one the SDK can subscribe to. */
export function isValidStreamType(stream: ExtendedStreamType | string): boolean {
  if (typeof stream !== 'string') return false;
  if (stream in STREAM_CATEGORIES) return true;
  if (stream.startsWith(SYSTEM_SETTING_STREAM_PREFIX) && stream.length > SYSTEM_SETTING_STREAM_PREFIX.length) return true;
  if (isLanguageStream(stream)) return true;
  return parseTouchEventStream(stream) !== null;
}

/** Whether a stream belongs to a category. */
export function isStreamCategory(stream: ExtendedStreamType | string, category: StreamCategory): boolean {
  return STREAM_CATEGORIES[streamBase(stream)] === category;
}

/** The streams of one category. */
export function getStreamTypesByCategory(category: StreamCategory): StreamType[] {
  return Object.entries(STREAM_CATEGORIES)
    .filter(([, c]) => c === category)
    .map(([s]) => s as StreamType);
}

/**
 * The canonical dispatch key of a subscription string: language and touch streams lose their
 * query options (`transcription:ja-JP?hints=en` -> `transcription:ja-JP`); others are unchanged.
 */
export function canonicalStreamKey(stream: string): string {
  const q = stream.indexOf('?');
  return q < 0 ? stream : stream.slice(0, q);
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}
