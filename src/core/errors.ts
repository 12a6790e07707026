/**
 * Every error the SDK throws or reports is an `SdkError` with a stable string `code`.
 * Messages say what went wrong and how to fix it; they never contain the API key.
 */

export type SdkErrorCode =
  | 'invalid_config'
  | 'invalid_argument'
  | 'invalid_webhook'
  | 'untrusted_cloud'
  | 'connect_failed'
  | 'handshake_timeout'
  | 'connection_error'
  | 'session_closed'
  | 'session_replaced'
  | 'queue_full'
  | 'request_timeout'
  | 'handler_error'
  | 'port_in_use'
  | 'server_error'
  | (string & {});

export class SdkError extends Error {
  override name = 'SdkError';
  readonly code: SdkErrorCode;
  /** Extra facts for programs (e.g. the cloud's error code); never secrets. */
  readonly details?: Record<string, unknown>;

  constructor(code: SdkErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.details) this.details = options.details;
  }
}

export function isSdkError(e: unknown, code?: SdkErrorCode): e is SdkError {
  return e instanceof SdkError && (code === undefined || e.code === code);
}

/** Wraps anything thrown into an `Error` (user code may throw strings). */
export function toError(e: unknown): Error {
  if (e instanceof Error) return e;
  return new Error(typeof e === 'string' ? e : safeStringify(e));
}

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
