/**
 * The error classes of the published 3.0.0-hono SDK (`MentraError(message, code)` and its subclasses), as
 * members of our one error family:
 *
 * - every `MentraError` **is an `SdkError`** (it extends it), so an app that matches `SdkError` sees it;
 * - every `SdkError` the engine reports **is also an instance of the `MentraError` class hono.8 would have
 *   used** for the same failure (`instanceof` is answered from its code, the table below): a refused
 *   handshake is a `MentraAuthError`, a socket that could not open a `MentraConnectionError`, a handshake
 *   or request timeout a `MentraTimeoutError`, a bad argument or config a `MentraValidationError`. Every
 *   `SdkError` is a `MentraError`. The engine's errors keep their own lower-case `code` (2.x apps match on
 *   it); only errors constructed from these classes carry the upper-case 3.x codes.
 */
import { type MentraErrorCode, SdkError, type SdkErrorCode } from './errors';

/**
 * Base class of the 3.0.0-hono SDK's errors: a message and a `code` string for programs. An `SdkError`
 * (so `instanceof SdkError` holds), and every engine `SdkError` is `instanceof MentraError` too.
 */
export class MentraError extends SdkError {
  override name = 'MentraError';

  /** Creates an error with `code` (one of the published codes, or an app's own). */
  constructor(message: string, code: MentraErrorCode | (string & {})) {
    super(code as SdkErrorCode, message);
    // As published: keeps `instanceof` right when the class is transpiled to ES5-style code.
    // Stryker disable next-line CallExpression: this package ships native classes (tsup targets node18), whose prototype is already right
    Object.setPrototypeOf(this, new.target.prototype);
  }

  /** Instances of this class, and engine `SdkError`s whose code belongs to this class (see `classOfCode` below). */
  static [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class `instanceof` was asked about (a subclass inherits this method), so it cannot be named.
    // biome-ignore-start lint/complexity/noThisInStatic: see above
    const own = Function.prototype[Symbol.hasInstance];
    if (own.call(this, value)) return true;
    if (!(value instanceof SdkError) || own.call(MentraError, value)) return false;
    return this === MentraError || classOfCode(value.code) === this;
    // biome-ignore-end lint/complexity/noThisInStatic: see above
  }
}

/** Authentication failed: the API key was refused, a token did not verify, the cloud rejected the app (`AUTH_ERROR`). */
export class MentraAuthError extends MentraError {
  override name = 'MentraAuthError';
  /** Creates an error with code `AUTH_ERROR`. */
  constructor(message: string) {
    super(message, 'AUTH_ERROR');
  }
}

/** The connection failed: refused, lost, or every reconnect attempt spent (`CONNECTION_ERROR` unless given). */
export class MentraConnectionError extends MentraError {
  override name = 'MentraConnectionError';
  /** Creates an error with `code` (default `CONNECTION_ERROR`). */
  constructor(message: string, code: MentraErrorCode | (string & {}) = 'CONNECTION_ERROR') {
    super(message, code);
  }
}

/** An operation timed out: the handshake, a photo, an audio request (`TIMEOUT_ERROR`). */
export class MentraTimeoutError extends MentraError {
  override name = 'MentraTimeoutError';
  /** Creates an error with code `TIMEOUT_ERROR`. */
  constructor(message: string) {
    super(message, 'TIMEOUT_ERROR');
  }
}

/** A configuration or an argument is invalid (`VALIDATION_ERROR`). */
export class MentraValidationError extends MentraError {
  override name = 'MentraValidationError';
  /** Creates an error with code `VALIDATION_ERROR`. */
  constructor(message: string) {
    super(message, 'VALIDATION_ERROR');
  }
}

/** The cloud denied a stream the app lacks a permission for (`PERMISSION_ERROR`). */
export class MentraPermissionError extends MentraError {
  override name = 'MentraPermissionError';
  /** The stream that was denied. */
  readonly stream: string;
  /** The permission the app must declare to receive it. */
  readonly requiredPermission: string;

  /** Creates an error with code `PERMISSION_ERROR` naming the stream and the permission it needs. */
  constructor(message: string, stream: string, requiredPermission: string) {
    super(message, 'PERMISSION_ERROR');
    this.stream = stream;
    this.requiredPermission = requiredPermission;
  }
}

/** Which 3.x class an engine error code belongs to (codes not listed are plain `MentraError`s). */
function classOfCode(code: SdkErrorCode): typeof MentraError | undefined {
  switch (code) {
    case 'connection_error':
      return MentraAuthError;
    case 'connect_failed':
    case 'cloud_unreachable':
      return MentraConnectionError;
    case 'handshake_timeout':
    case 'request_timeout':
      return MentraTimeoutError;
    case 'invalid_argument':
    case 'invalid_config':
      return MentraValidationError;
    default:
      return undefined;
  }
}
