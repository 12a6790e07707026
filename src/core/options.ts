/**
 * The server's options, declared once: the `HostConfig` interface (what an app may pass), `SERVER_OPTIONS`
 * (every option with its default, `as const satisfies` the interface, so an option cannot be added to one
 * and forgotten in the other), the validator (run once, at construction) and `resolveHostConfig`, which
 * returns the config with every default applied. What is below the host (the engine, each session)
 * receives resolved values and applies no default of its own. The README's option table is checked
 * against `SERVER_OPTIONS` by a test.
 */
import type { ClusterOptions } from './cluster/config';
import { SdkError } from './errors';
import type { LogLevel, LoggerLike } from './logger';
import { RECONNECT_DEFAULTS, type ReconnectOptions } from './session/reconnect';
import { DEFAULT_MAX_PHOTO_BYTES } from './http/routes/photo-upload';
import { byteLimit } from './http/webhook-body';
import type { SessionOptions } from './session/session-options';
import { invalidHostEntry } from './session/trust';
import { TELEMETRY_BUFFER_SIZE } from './telemetry';
import { DEFAULT_CLOUD_API_URL, type PublicKeyInput } from './http/webview/tokens';

export interface HostConfig {
  /** The app's package name, as registered in the developer console. */
  packageName: string;
  /** The app's API key from the developer console. */
  apiKey: string;
  /**
   * Port to listen on (default 7010; 0 picks a free port, see `port` after `start()`).
   *
   * @defaultValue 7010
   */
  port?: number;
  /**
   * Address to listen on (default: all interfaces, as the cloud must reach the app).
   *
   * @defaultValue all interfaces, as the cloud must reach the app
   */
  host?: string;
  /**
   * The path the cloud posts webhooks to.
   *
   * @defaultValue `'/webhook'`
   */
  webhookPath?: string;
  /**
   * A directory served as static files, or false for none.
   *
   * @defaultValue `false`
   */
  publicDir?: string | false;
  /**
   * Serve `GET /health`.
   *
   * @defaultValue `true`
   */
  healthCheck?: boolean;
  /**
   * A pino logger, console, or any object with debug/info/warn/error (default: pino at `logLevel`, stdout).
   *
   * @defaultValue pino at `logLevel`, stdout
   */
  logger?: LoggerLike;
  /**
   * The level of the default logger.
   *
   * @defaultValue `'warn'`
   */
  logLevel?: LogLevel;
  /**
   * More cloud hosts the API key may be sent to (exact names or addresses; see SECURITY.md).
   *
   * @defaultValue none: only the default cloud domains and `MENTRAOS_TRUSTED_HOSTS`
   */
  trustedCloudHosts?: readonly string[];
  /**
   * A shared secret the cloud sends in the `X-MentraOS-Webhook-Secret` header of every webhook (default:
   * `MENTRAOS_WEBHOOK_SECRET`, else none). When set, calls without it are answered 401.
   *
   * @defaultValue `MENTRAOS_WEBHOOK_SECRET` from the environment, else none
   */
  webhookSecret?: string;
  /**
   * How long to wait for the cloud's connection ack, in milliseconds.
   *
   * @defaultValue `5000`
   */
  handshakeTimeoutMs?: number;
  /**
   * Reconnect policy after a drop.
   *
   * @defaultValue see {@link ReconnectOptions}
   */
  reconnect?: ReconnectOptions;
  /**
   * Messages kept while the cloud is unreachable (default 1000; see the overflow policy in the README).
   *
   * @defaultValue 1000
   */
  queueLimit?: number;
  /**
   * Ping interval while connected, in ms (default 15 000; 0 disables pings and zombie detection).
   *
   * @defaultValue 15 000
   */
  pingIntervalMs?: number;
  /**
   * Also send the 3.0.0-hono app-level `{"type":"ping"}` text frame with each liveness ping, every
   * `pingIntervalMs` after the ack (default false; the Hono facade turns it on). The cloud's `pong` is ignored.
   */
  appPing?: boolean;
  /** How many of its recent log lines each session keeps for the cloud's `request_telemetry` (default 500; 0 keeps none). */
  telemetryBufferSize?: number;
  /**
   * Largest JSON body accepted.
   *
   * @defaultValue '100kb', as Express
   */
  bodyLimit?: string | number;
  /**
   * Largest photo accepted on `/photo-upload`, in bytes (default 10 MB); a larger one is answered 413 and its
   * request rejects with `SdkError('photo_too_large')`. Anything but a positive whole number is refused at
   * construction with `SdkError('invalid_config')`.
   *
   * @defaultValue 10 MB
   */
  maxPhotoBytes?: number;
  /**
   * Stop cleanly on SIGINT/SIGTERM (default false: the library installs no signal handlers).
   *
   * @defaultValue false: the library installs no signal handlers
   */
  handleSignals?: boolean;
  /**
   * Secret for webview session cookies (default: random per process, so sessions end at a restart).
   *
   * @defaultValue random per process, so sessions end at a restart
   */
  cookieSecret?: string;
  /**
   * The cloud API where webview temporary tokens are exchanged (default `https://api.mentra.glass`).
   *
   * @defaultValue `https://api.mentra.glass`
   */
  cloudApiUrl?: string;
  /**
   * The cloud's public key for signed webview user tokens (default: `MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY`).
   *
   * @defaultValue `MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY`
   */
  userTokenPublicKey?: PublicKeyInput;
  /**
   * Run on several instances sharing a session directory in Redis (default: from `MENTRAOS_REDIS_URL` and
   * `MENTRAOS_INSTANCE_URL` when both are set; `false` ignores them). See docs/scaling.md.
   *
   * @defaultValue from `MENTRAOS_REDIS_URL` and `MENTRAOS_INSTANCE_URL` when both are set, else none
   */
  cluster?: ClusterOptions | false;
}

/** Every server option and its default; `undefined` where there is none or it is derived at run time. */
export const SERVER_OPTIONS = {
  packageName: undefined,
  apiKey: undefined,
  port: 7010,
  host: undefined,
  webhookPath: '/webhook',
  publicDir: false,
  healthCheck: true,
  logger: undefined,
  logLevel: 'warn',
  trustedCloudHosts: undefined,
  webhookSecret: undefined,
  handshakeTimeoutMs: 5000,
  reconnect: RECONNECT_DEFAULTS,
  queueLimit: 1000,
  pingIntervalMs: 15_000,
  appPing: false,
  telemetryBufferSize: TELEMETRY_BUFFER_SIZE,
  bodyLimit: '100kb',
  maxPhotoBytes: DEFAULT_MAX_PHOTO_BYTES,
  handleSignals: false,
  cookieSecret: undefined,
  cloudApiUrl: DEFAULT_CLOUD_API_URL,
  userTokenPublicKey: undefined,
  cluster: undefined,
} as const satisfies Record<keyof HostConfig, unknown> & { [K in keyof HostConfig]?: HostConfig[K] };

type Defaulted = { [K in keyof typeof SERVER_OPTIONS]: (typeof SERVER_OPTIONS)[K] extends undefined ? never : K }[keyof typeof SERVER_OPTIONS];

/** The config with every default applied (`reconnect` merged field by field). */
export type ResolvedHostConfig = Omit<HostConfig, Defaulted | 'reconnect'> & {
  [K in Exclude<Defaulted, 'reconnect'>]-?: Exclude<HostConfig[K], undefined>;
} & { reconnect: Required<ReconnectOptions> };

export type { SessionOptions };

/** Validates `config` and applies the defaults; the one place a server default is applied. */
export function resolveHostConfig(config: unknown, kind: string): ResolvedHostConfig {
  validateServerConfig(config, kind);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(SERVER_OPTIONS)) if (value !== undefined) out[key] = value;
  for (const [key, value] of Object.entries(config)) if (value !== undefined) out[key] = value;
  out.reconnect = config.reconnect ? { ...RECONNECT_DEFAULTS, ...definedFields(config.reconnect) } : RECONNECT_DEFAULTS;
  return out as ResolvedHostConfig;
}

/** The session options out of a resolved config. */
export function sessionOptions(config: ResolvedHostConfig): SessionOptions {
  return {
    handshakeTimeoutMs: config.handshakeTimeoutMs,
    reconnect: config.reconnect,
    queueLimit: config.queueLimit,
    pingIntervalMs: config.pingIntervalMs,
    appPing: config.appPing,
    telemetryBufferSize: config.telemetryBufferSize,
  };
}

function definedFields<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Checks a server config once, at construction; throws `SdkError('invalid_config')` saying what to fix. */
export function validateServerConfig(config: unknown, kind: string): asserts config is HostConfig {
  const fail = (msg: string) => {
    throw new SdkError('invalid_config', `${kind} config: ${msg}`);
  };
  if (!config || typeof config !== 'object') fail('expected an object with packageName and apiKey');
  const c = config as Record<string, unknown>;
  if (typeof c.packageName !== 'string' || c.packageName.trim() === '') fail('"packageName" is required (e.g. "com.example.myapp")');
  if (typeof c.apiKey !== 'string' || c.apiKey === '') fail('"apiKey" is required: copy it from the developer console, e.g. process.env.MENTRAOS_API_KEY');
  // (Number.isInteger and Number.isFinite take no text for a number)
  if (c.port !== undefined && (!Number.isInteger(c.port) || (c.port as number) < 0 || (c.port as number) > 65535)) {
    fail(`"port" must be an integer from 0 to 65535 (got ${JSON.stringify(c.port)})`);
  }
  if (c.webhookPath !== undefined && (typeof c.webhookPath !== 'string' || !c.webhookPath.startsWith('/')))
    fail('"webhookPath" must be a path starting with "/"');
  if (c.publicDir !== undefined && c.publicDir !== false && typeof c.publicDir !== 'string') fail('"publicDir" must be a directory path or false');
  if (c.healthCheck !== undefined && typeof c.healthCheck !== 'boolean') fail('"healthCheck" must be a boolean');
  for (const field of ['cookieSecret', 'appInstructions', 'augmentOSWebsocketUrl', 'tpaInstructions'] as const) {
    if (c[field] !== undefined && typeof c[field] !== 'string') fail(`"${field}" must be a string (got ${typeof c[field]})`);
  }
  if (c.trustedCloudHosts !== undefined && (!Array.isArray(c.trustedCloudHosts) || c.trustedCloudHosts.some((h) => typeof h !== 'string'))) {
    fail('"trustedCloudHosts" must be an array of host names');
  }
  for (const h of (c.trustedCloudHosts as string[] | undefined) ?? []) {
    const why = invalidHostEntry(h);
    if (why) fail(`"trustedCloudHosts": ${why}`);
  }
  if (c.webhookSecret !== undefined && (typeof c.webhookSecret !== 'string' || c.webhookSecret.length < 16)) {
    fail('"webhookSecret" must be a string of at least 16 characters (a long random value shared with the cloud)');
  }
  for (const key of ['pingIntervalMs', 'queueLimit', 'handshakeTimeoutMs', 'telemetryBufferSize'] as const) {
    const v = c[key];
    if (v !== undefined && (!Number.isFinite(v) || (v as number) < 0))
      fail(`"${key}" must be a non-negative number of ${key === 'queueLimit' ? 'messages' : key === 'telemetryBufferSize' ? 'log lines' : 'milliseconds'}`);
  }
  if (c.appPing !== undefined && typeof c.appPing !== 'boolean') fail('"appPing" must be a boolean');
  if (c.maxPhotoBytes !== undefined && !((c.maxPhotoBytes as number) > 0 && Number.isInteger(c.maxPhotoBytes))) {
    fail(`"maxPhotoBytes" must be a positive whole number of bytes (got ${JSON.stringify(c.maxPhotoBytes)})`);
  }
  // (no bodyLimit reads as the default)
  if (byteLimit(c.bodyLimit as string | number | undefined) === undefined) {
    fail(`"bodyLimit" must be bytes or a size like "100kb" (got ${JSON.stringify(c.bodyLimit)})`);
  }
  if (c.reconnect !== undefined) {
    if (!c.reconnect || typeof c.reconnect !== 'object') fail('"reconnect" must be an object');
    for (const [k, v] of Object.entries(c.reconnect as object)) {
      if (v !== undefined && (!Number.isFinite(v) || (v as number) < 0)) fail(`"reconnect.${k}" must be a non-negative number`);
    }
  }
}
