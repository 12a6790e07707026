/**
 * Every error the SDK throws or reports is an `SdkError` with a stable string `code`.
 * Messages say what went wrong and how to fix it; they never contain the API key.
 */

/**
 * Every code the SDK throws or reports, and no other (a test reads the sources and keeps this exact).
 */
export type SdkErrorCode =
  // configuration and arguments
  | 'invalid_config'
  | 'invalid_argument'
  | 'not_supported'
  | 'port_in_use'
  | 'server_error'
  // the connection to the cloud
  | 'connect_failed'
  | 'handshake_timeout'
  | 'connection_error'
  | 'session_closed'
  | 'queue_full'
  // requests and their answers
  | 'request_timeout'
  | 'request_cancelled'
  | 'cloud_unreachable'
  | 'cloud_request_failed'
  | 'token_exchange_failed'
  // camera
  | 'photo_error'
  | 'photo_too_large'
  | 'photo_missing'
  | 'photo_invalid'
  | 'already_streaming'
  | 'stream_error'
  | 'stream_stopped'
  // SimpleStorage
  | 'storage_unavailable'
  | 'storage_quota_exceeded'
  | 'storage_rate_limited'
  | 'storage_write_failed'
  // the codes of the 3.0.0-hono error classes (`MentraError` and its subclasses, see `mentra-errors.ts`)
  | MentraErrorCode;

/**
 * The codes the published 3.0.0-hono SDK gives its `MentraError` classes. The engine itself reports the
 * lower-case codes above; an app may also construct a `MentraError` with a code of its own.
 */
export type MentraErrorCode =
  | 'AUTH_ERROR'
  | 'CONNECTION_ERROR'
  | 'TIMEOUT_ERROR'
  | 'VALIDATION_ERROR'
  | 'PERMISSION_ERROR'
  | 'EMPTY_DATA'
  | 'PARSE_ERROR'
  | 'INTERNAL_ERROR'
  | 'SUBSCRIPTION_ERROR'
  | 'UNKNOWN_TYPE'
  | 'AUDIO_STREAM_ALREADY_ACTIVE';

/**
 * The base of every error the SDK throws or reports: a stable `code` to branch on, a message that says how to
 * fix the problem, an optional `cause`, and `details` for programs.
 *
 * @example
 * ```ts
 * try {
 *   await session.camera.requestPhoto();
 * } catch (e) {
 *   if (isSdkError(e, 'request_timeout')) session.layouts.showTextWall('No photo, try again');
 * }
 * ```
 */
export class SdkError extends Error {
  /** Always `'SdkError'`. */
  override name = 'SdkError';
  /** A stable code to match on (never parse `message`). */
  readonly code: SdkErrorCode;
  /** Extra facts for programs (e.g. the cloud's error code); never secrets. */
  readonly details?: Record<string, unknown>;

  /** Creates an error with `code` and a message that says how to fix the problem. */
  constructor(code: SdkErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.details) this.details = options.details;
  }
}

/** True when `e` is an `SdkError` (of `code`, when given). */
export function isSdkError(e: unknown, code?: SdkErrorCode): e is SdkError {
  return e instanceof SdkError && (code === undefined || e.code === code);
}

/**
 * Wraps anything thrown into an `Error` (user code may throw strings). An error made in another realm (a `vm`
 * context such as jest's test sandbox, where `fetch` and `AbortSignal` still throw the host's errors) fails
 * `instanceof Error` but is one all the same: it is kept as it is, with its name and message.
 */
export function toError(e: unknown): Error {
  if (isError(e)) return e;
  return new Error(typeof e === 'string' ? e : safeStringify(e));
}

/** True for an `Error` of this realm or of another one (see `toError`). */
export function isError(e: unknown): e is Error {
  return e instanceof Error || isForeignError(e);
}

/** An `Error` (or `DOMException`) from another realm: tagged as one, with a string name and message. */
function isForeignError(e: unknown): boolean {
  // Object.prototype.toString tags primitives and null too ('[object String]', '[object Null]'): no other test is needed.
  const tag = Object.prototype.toString.call(e);
  return (tag === '[object Error]' || tag === '[object DOMException]') && typeof (e as Error).message === 'string' && typeof (e as Error).name === 'string';
}

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
