/**
 * The dialect table: every name or field that differs between cloud generations, in one place.
 *
 * All generations share the handshake (`tpa_connection_init` / `tpa_connection_ack` / `tpa_connection_error`),
 * the display, subscription and data-stream messages. They differ in the details below. The engine normalises
 * inbound messages to one canonical form with the helpers at the end of this file; the test cloud uses the same
 * table to speak each dialect, so both ends read from one source.
 */

export type DialectName = 'augmentos' | 'mentraos' | 'mentraos-v3';

export interface Dialect {
  name: DialectName;
  /** The webhook body field carrying the WebSocket URL. */
  webhookUrlField: 'augmentOSWebsocketUrl' | 'mentraOSWebsocketUrl' | 'websocketUrl';
  /** The ack key carrying the system settings snapshot. */
  ackSettingsKey: 'augmentosSettings' | 'mentraosSettings';
  /** Prefix of app-to-app message names. */
  appMessagePrefix: 'tpa' | 'app';
  /** `data_stream.streamType`: the base type plus language fields in `data`, or the app's exact subscription string. */
  streamTypeForm: 'base' | 'exact';
  /** Header carrying sha256(apiKey) on `/tool`. */
  apiKeyHeader: 'X-TPA-API-Key' | 'X-App-API-Key';
  /** REST path prefix for app settings. */
  settingsPath: '/tpasettings' | '/appsettings';
  /** REST path prefix for app-to-app communication (user discovery). */
  communicationPath: '/api/tpa-communication' | '/api/app-communication';
  /** How photos come back: a WebSocket `photo_response`, or an HTTP upload to the app's `/photo-upload`. */
  photoDelivery: 'websocket' | 'http-upload';
  /** The WebSocket path the cloud serves apps on. */
  websocketPath: '/tpa-ws' | '/app-ws';
  /** Environment variable the SDK of that generation read the cloud's user-token public key (PEM) from. */
  userTokenKeyEnv: 'AUGMENTOS_CLOUD_USER_TOKEN_PUBLIC_KEY' | 'MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY';
}

const MENTRAOS: Readonly<Dialect> = {
  name: 'mentraos',
  webhookUrlField: 'mentraOSWebsocketUrl',
  ackSettingsKey: 'mentraosSettings',
  appMessagePrefix: 'app',
  streamTypeForm: 'exact',
  apiKeyHeader: 'X-App-API-Key',
  settingsPath: '/appsettings',
  communicationPath: '/api/app-communication',
  photoDelivery: 'http-upload',
  websocketPath: '/app-ws',
  userTokenKeyEnv: 'MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY',
};

export const DIALECTS: Readonly<Record<DialectName, Readonly<Dialect>>> = {
  augmentos: {
    name: 'augmentos',
    webhookUrlField: 'augmentOSWebsocketUrl',
    ackSettingsKey: 'augmentosSettings',
    appMessagePrefix: 'tpa',
    streamTypeForm: 'base',
    apiKeyHeader: 'X-TPA-API-Key',
    settingsPath: '/tpasettings',
    communicationPath: '/api/tpa-communication',
    photoDelivery: 'websocket',
    websocketPath: '/tpa-ws',
    userTokenKeyEnv: 'AUGMENTOS_CLOUD_USER_TOKEN_PUBLIC_KEY',
  },
  mentraos: MENTRAOS,
  // The next generation names the webhook field `websocketUrl`; everything else is as MentraOS.
  'mentraos-v3': { ...MENTRAOS, name: 'mentraos-v3', webhookUrlField: 'websocketUrl' },
};

const ALL = Object.values(DIALECTS);
const unique = <T>(xs: T[]): T[] => [...new Set(xs)];

/** Webhook URL fields, most recent generation first. */
export const WEBHOOK_URL_FIELDS = unique(['websocketUrl', 'mentraOSWebsocketUrl', 'augmentOSWebsocketUrl'] as const);
/** Ack settings keys, most recent generation first. */
export const ACK_SETTINGS_KEYS = unique(['mentraosSettings', 'augmentosSettings'] as const);
/** Headers that may carry sha256(apiKey) on `/tool`, as the cloud spells them. */
export const API_KEY_HEADER_NAMES = unique(ALL.map((d) => d.apiKeyHeader));
/** The same headers lower-cased, as Node presents them. */
export const API_KEY_HEADERS = API_KEY_HEADER_NAMES.map((h) => h.toLowerCase());
export const SETTINGS_PATHS = unique(ALL.map((d) => d.settingsPath));
/** Environment variables that may hold the cloud's user-token public key, most recent generation first. */
export const USER_TOKEN_KEY_ENVS = unique(['MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY', 'AUGMENTOS_CLOUD_USER_TOKEN_PUBLIC_KEY'] as const);
export const COMMUNICATION_PATHS = unique(ALL.map((d) => d.communicationPath));

/**
 * The naming each facade speaks when it sends: the legacy facade (`TpaServer`/`TpaSession`) uses the
 * AugmentOS names (`tpa_*` app-to-app messages, `/tpasettings`, `/api/tpa-communication`), the modern
 * facade the MentraOS ones. Inbound, both are understood whichever facade receives them.
 */
export const FACADE_NAMING = { legacy: 'augmentos', modern: 'mentraos' } as const satisfies Record<string, DialectName>;

/** App-to-app message stems; the wire name is `<prefix>_<stem>`. */
export const APP_MESSAGE_STEMS = [
  'broadcast_message',
  'direct_message',
  'user_discovery',
  'room_join',
  'room_leave',
  'message_received',
  'user_joined',
  'user_left',
  'room_updated',
  'direct_message_response',
] as const;
export type AppMessageStem = (typeof APP_MESSAGE_STEMS)[number];

const TPA_TO_APP = new Map<string, string>(APP_MESSAGE_STEMS.map((s) => [`tpa_${s}`, `app_${s}`]));

/** The WebSocket URL of a `session_request`, whichever field the cloud generation used. */
export function webhookWebsocketUrl(body: Record<string, unknown>): string | undefined {
  for (const field of WEBHOOK_URL_FIELDS) {
    const v = body[field];
    if (typeof v === 'string' && v.length > 0) return v;
  }
  return undefined;
}

/** The cloud generation of a `session_request`, from the field that carried its WebSocket URL. */
export function webhookDialect(body: Record<string, unknown>): Readonly<Dialect> | undefined {
  for (const field of WEBHOOK_URL_FIELDS) {
    const v = body[field];
    if (typeof v === 'string' && v.length > 0) return BY_URL_FIELD.get(field);
  }
  return undefined;
}

/** The first dialect (in table order) of each webhook URL field, looked up once per session_request. */
const BY_URL_FIELD: ReadonlyMap<string, Readonly<Dialect>> = (() => {
  const byField = new Map<string, Readonly<Dialect>>();
  for (const d of ALL) if (!byField.has(d.webhookUrlField)) byField.set(d.webhookUrlField, d);
  return byField;
})();

/**
 * The system settings snapshot of an ack, whichever key the cloud generation used: the key of `dialect`
 * first when it is known, then every generation's, most recent first.
 */
export function ackSystemSettings(ack: Record<string, unknown>, dialect?: Pick<Dialect, 'ackSettingsKey'>): Record<string, unknown> | undefined {
  // The dialect's key, then the others in order (no array built per ack).
  const first = dialect?.ackSettingsKey;
  if (first !== undefined && isSettingsObject(ack[first])) return ack[first] as Record<string, unknown>;
  for (const key of ACK_SETTINGS_KEYS) if (key !== first && isSettingsObject(ack[key])) return ack[key] as Record<string, unknown>;
  return undefined;
}

function isSettingsObject(v: unknown): boolean {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Canonical (`app_*`) name of an inbound message type; other types are returned unchanged. */
export function canonicalMessageType(type: string): string {
  return TPA_TO_APP.get(type) ?? type;
}

/** The wire name of an app-to-app message in the given naming. */
export function appMessageType<S extends AppMessageStem, P extends 'tpa' | 'app'>(stem: S, prefix: P): `${P}_${S}` {
  return `${prefix}_${stem}`;
}

/** The first sha256(apiKey) header present on a request, whichever generation sent it. */
export function apiKeyHeaderValue(headers: Record<string, string | string[] | undefined>): string | undefined {
  for (const h of API_KEY_HEADERS) {
    const v = headers[h];
    if (typeof v === 'string') return v;
  }
  return undefined;
}

export function getDialect(name: DialectName = 'mentraos'): Readonly<Dialect> {
  const d = DIALECTS[name];
  if (!d) throw new TypeError(`Unknown cloud dialect "${name}": expected one of ${Object.keys(DIALECTS).join(', ')}`);
  return d;
}
