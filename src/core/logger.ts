/**
 * The SDK's logger is pino (as in the published SDKs): `session.logger`, `AppServer.logger` and the root
 * `logger` are pino loggers, silent below `warn` by default, writing JSON lines to stdout with no transport
 * and no worker thread. An app may inject its own logger: a pino instance or any object with `debug`,
 * `info`, `warn` and `error` (console, winston...); the SDK then logs through a pino logger that forwards
 * each call to it. Either way, registered secrets (the API key) are replaced by `[redacted]` in every
 * argument and binding before a line leaves the SDK.
 */
import pino, { type Bindings, type ChildLoggerOptions, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { isError } from './errors';
import { ringOf, TELEMETRY_RING, TelemetryRing } from './telemetry';

/** A pino log level. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
const LEVELS = new Set<string>(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

/** A log method: `info(obj, 'text')`, `info('text', obj)` and `info('text %s', arg)` all compile. */
export interface LogFn {
  <T extends object>(obj: T, msg?: string, ...args: unknown[]): void;
  (obj: unknown, msg?: string, ...args: unknown[]): void;
  (msg: string, ...args: unknown[]): void;
}

interface BothForms {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  child(bindings: Bindings, options?: ChildLoggerOptions): Logger;
}

/** The SDK's logger: a pino `Logger` (assignable to pino's type) whose methods accept both argument orders. */
export type Logger = BothForms & PinoLogger;

/** What an app may inject as `logger`: a pino instance, console, or any object with the four methods. */
export interface LoggerLike {
  /** Logs at `debug`. */
  debug(...args: any[]): void;
  /** Logs at `info`. */
  info(...args: any[]): void;
  /** Logs at `warn`. */
  warn(...args: any[]): void;
  /** Logs at `error`. */
  error(...args: any[]): void;
  /** Logs at `trace`. */
  trace?(...args: any[]): void;
  /** Logs at `fatal`. */
  fatal?(...args: any[]): void;
  /** A logger with `bindings` added to every line. */
  child?(bindings: Record<string, any>): LoggerLike;
}

const REDACTED = '[redacted]';
const SECRET_KEY = /api[-_]?key|secret|token|password/i;

/**
 * The prototype of a logged error's copy: its own, or for an error from another realm (a `vm` context, or
 * `fetch` under jest) this realm's class of the same name (else `Error`), so that pino writes it as an error.
 */
function errorPrototype(e: Error): object {
  if (e instanceof Error) return Object.getPrototypeOf(e) as object;
  const local = (globalThis as Record<string, unknown>)[(e as Error).name];
  return typeof local === 'function' && local.prototype instanceof Error ? (local.prototype as object) : Error.prototype;
}

/** Deeper than this, a logged value is replaced by a marker rather than copied (it is never passed on unredacted). */
const MAX_REDACT_DEPTH = 64;
const TOO_DEEP = '[nested too deep]';

/**
 * `v` with every secret replaced, at any depth. Objects are copied once each: `copies` maps an original to its
 * copy, so a value met again (a cycle, or one object in two places) is the same copy, and a cycle stays a cycle
 * that the logger writes as such.
 */
function redactValue(v: unknown, secrets: readonly string[], depth = 0, copies?: Map<object, unknown>): unknown {
  if (typeof v === 'string') {
    let s = v;
    // Stryker disable next-line ConditionalExpression: splitting on a secret the text does not hold changes nothing but the cost
    for (const secret of secrets) if (s.includes(secret)) s = s.split(secret).join(REDACTED);
    return s;
  }
  if (!v || typeof v !== 'object') return v;
  const seen = copies?.get(v);
  if (seen !== undefined) return seen;
  if (depth >= MAX_REDACT_DEPTH) return TOO_DEEP;
  const made = copies ?? new Map<object, unknown>();
  if (isError(v)) {
    // A copy with the same prototype (so `instanceof` and `code` survive), every own field redacted, `cause` included.
    // An accessor is read on the original: V8's `stack` is one, and read on the copy it would be undefined.
    const copy = Object.create(errorPrototype(v)) as Error;
    made.set(v, copy);
    for (const k of Object.getOwnPropertyNames(v)) {
      const desc = Object.getOwnPropertyDescriptor(v, k)!;
      let value: unknown;
      try {
        value = (v as unknown as Record<string, unknown>)[k];
      } catch {
        continue; // a getter that throws: the field is left out
      }
      Object.defineProperty(copy, k, {
        value: redactValue(value, secrets, depth + 1, made),
        writable: true,
        enumerable: desc.enumerable,
        configurable: true,
      });
    }
    return copy;
  }
  if (Buffer.isBuffer(v) || ArrayBuffer.isView(v) || v instanceof Date) return v;
  const out: Record<string, unknown> = Array.isArray(v) ? ([] as unknown as Record<string, unknown>) : {};
  made.set(v, out);
  for (const [k, val] of Object.entries(v)) {
    out[k] = SECRET_KEY.test(k) && typeof val === 'string' ? REDACTED : redactValue(val, secrets, depth + 1, made);
  }
  return out;
}

const usableSecrets = (secrets: readonly string[]) => secrets.filter((s) => typeof s === 'string' && s.length >= 4);

/** `text` with each of `secrets` replaced by `[redacted]` (for messages that leave the process, e.g. HTTP answers). */
export function redactText(text: string, secrets: readonly string[]): string {
  return redactValue(text, usableSecrets(secrets)) as string;
}

const chindingsSym = pino.symbols.chindingsSym as unknown as string;

function redactChindings(child: PinoLogger, secrets: readonly string[]): void {
  const holder = child as unknown as Record<string, unknown>;
  const text = holder[chindingsSym];
  // Stryker disable next-line ConditionalExpression,LogicalOperator: redacting bindings that hold no secret changes nothing but the cost
  if (typeof text === 'string' && secrets.some((s) => text.includes(s))) holder[chindingsSym] = redactValue(text, secrets);
}

/** `('text', obj)` becomes pino's `(obj, 'text')` so the object is not dropped; format strings are left alone. */
function normaliseArgs(args: unknown[]): unknown[] {
  if (args.length === 2 && typeof args[0] === 'string' && !args[0].includes('%') && args[1] !== null && typeof args[1] === 'object') {
    return [args[1], args[0]];
  }
  return args;
}

/** pino's default stream would write with fs.writeSync; going through process.stdout keeps test runners' capture working. */
const stdout: DestinationStream = { write: (line: string) => void process.stdout.write(line) };
// Stryker disable next-line ObjectLiteral: a logger with a target returns before pino writes
const nowhere: DestinationStream = { write: () => {} };

interface Options {
  /** The level below which calls are not written (or, with a `target`, not forwarded to it). */
  level: LogLevel;
  secrets?: readonly string[];
  bindings?: Record<string, unknown>;
  /** Where each call is forwarded instead of being written (an injected logger). */
  target?: LoggerLike;
}

function build({ level, secrets = [], bindings, target }: Options): Logger {
  const list = usableSecrets(secrets);
  // With secrets, every argument is copied with them redacted (errors from another realm made this realm's on the
  // way). Without, nothing is copied unless an argument is itself an error from another realm, which pino would
  // write as a plain object (a nested one, under `err`, it serialises by shape).
  const copy = (args: unknown[]) => args.map((a) => redactValue(a, list));
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: copying an argument with no secret to redact changes nothing but the cost
  const clean = list.length > 0 ? copy : (args: unknown[]) => (args.some((a) => isError(a) && !(a instanceof Error)) ? copy(args) : args);
  const targets = new WeakMap<object, LoggerLike>();
  const targetFor = (self: PinoLogger): LoggerLike => {
    let t = targets.get(self);
    if (!t) {
      const b = self.bindings();
      t = Object.keys(b).length > 0 && typeof target!.child === 'function' ? target!.child(b) : target!;
      targets.set(self, t);
    }
    return t;
  };
  const instance = pino(
    {
      level,
      // Stryker disable next-line ObjectLiteral: pino's bindings() leaves out the base (pid, hostname), and a logger with a target writes nothing itself
      ...(target ? { base: null } : {}),
      // Stryker disable next-line ConditionalExpression,EqualityOperator: with no secret, redacting the bindings changes nothing
      ...(list.length > 0 && {
        formatters: { bindings: (b: Bindings) => redactValue(b, list) as Bindings },
        // A child's bindings are serialised once, when it is made (pino skips the bindings formatter there).
        onChild: (child: PinoLogger) => redactChindings(child, list),
      }),
      hooks: {
        logMethod(this: PinoLogger, args: unknown[], method: pino.LogFn, levelValue: number) {
          const ring = ringOf(this);
          if (ring) {
            const cleaned = clean(args);
            ring.record(levelValue, normaliseArgs(cleaned), () => this.bindings());
            if (levelValue < ring.outputLevel) return;
            args = cleaned;
          } else args = clean(args);
          if (!target) return (method as (...a: unknown[]) => void).apply(this, normaliseArgs(args));
          const t = targetFor(this);
          const name = this.levels.labels[levelValue] as keyof LoggerLike;
          const fn = (t[name] ?? (levelValue >= 50 ? t.error : t.debug)) as (...a: unknown[]) => void;
          fn.apply(t, args);
        },
      } as pino.LoggerOptions['hooks'],
    },
    target ? nowhere : stdout,
  );
  return (bindings && Object.keys(bindings).length > 0 ? instance.child(bindings) : instance) as Logger;
}

/**
 * The logger the SDK uses for one app server: a pino logger at `level` (default `warn`) writing to stdout,
 * or, when `injected` is given, one that forwards every call to it. `secrets` are redacted from every line.
 */
export function createSdkLogger(injected: LoggerLike | undefined, level: LogLevel = 'warn', secrets: readonly string[] = []): Logger {
  if (!injected) return build({ level, secrets });
  // A pino instance's level (at injection) is honoured here too, so calls below it cost nothing; any other
  // logger gets every call and filters by itself.
  const own = (injected as { level?: unknown }).level;
  // Stryker disable next-line ConditionalExpression: the set holds only text, so the typeof test only names what the set checks
  const targetLevel = typeof own === 'string' && LEVELS.has(own) ? (own as LogLevel) : 'trace';
  return build({ target: injected, secrets, level: targetLevel });
}

/** A pino logger printing JSON lines to stdout at `level` and above (default `warn`), with `bindings` on every line. */
export function createConsoleLogger(level: LogLevel = 'warn', bindings: Record<string, unknown> = {}): Logger {
  return build({ level, bindings });
}

/** A session's logger: a child of the server's with the session's ids, feeding a telemetry ring of `ringSize` lines. */
export function sessionLogger(parent: Logger, sessionId: string, userId: string, ringSize: number): Logger {
  return attachTelemetryRing(parent.child({ sessionId, userId }), ringSize);
}

/**
 * Makes `child` (a session's logger) keep its lines of `info` and above in a ring of `size` lines, whatever
 * its output level; lines below that level are kept but not written. Its children feed the same ring.
 */
export function attachTelemetryRing(child: Logger, size: number): Logger {
  if (!(size > 0)) return child;
  const outputLevel = child.levelVal;
  // Stryker disable next-line EqualityOperator: lowering an info logger to info changes nothing
  if (outputLevel > pino.levels.values.info) child.level = 'info';
  (child as unknown as Record<symbol, unknown>)[TELEMETRY_RING] = new TelemetryRing(size, outputLevel);
  return child;
}

// ------------------------------------------------------------------ the 3.0.0-hono logging API

/** The log levels of the 3.0.0-hono `createLogger` (`none` silences the logger). */
export type MentraLogLevel = 'none' | 'error' | 'warn' | 'info' | 'debug';

/** What `createLogger` accepts; `MENTRA_VERBOSE` and `MENTRA_LOG_LEVEL` override it. */
export interface LoggerConfig {
  /** The level (default `warn`): `none`, `error`, `warn`, `info` or `debug`. */
  logLevel?: MentraLogLevel;
  /** Log everything (`debug`). The published SDK then prints with pino-pretty; this logger keeps JSON lines. */
  verbose?: boolean;
}

const MENTRA_LEVELS: ReadonlySet<string> = new Set(['none', 'error', 'warn', 'info', 'debug']);

/**
 * The level the environment asks for: `MENTRA_VERBOSE=true|1` gives `debug`; otherwise `MENTRA_LOG_LEVEL`
 * (`none|error|warn|info|debug`, `none` being silent); undefined when neither is set (or the value is unknown).
 */
export function envLogLevel(env: NodeJS.ProcessEnv = process.env): LogLevel | undefined {
  if (env.MENTRA_VERBOSE === 'true' || env.MENTRA_VERBOSE === '1') return 'debug';
  const level = env.MENTRA_LOG_LEVEL;
  if (level && MENTRA_LEVELS.has(level)) return level === 'none' ? 'silent' : (level as LogLevel);
  return undefined;
}

/**
 * A pino logger as the 3.0.0-hono SDK creates it: level from `MENTRA_VERBOSE`, then `MENTRA_LOG_LEVEL`, then
 * `config.verbose` (`debug`), then `config.logLevel`, else `warn`. It writes JSON lines to stdout (no
 * transport, no worker thread).
 */
export function createLogger(config?: LoggerConfig): Logger {
  const fromConfig = config?.verbose
    ? 'debug'
    : config?.logLevel && MENTRA_LEVELS.has(config.logLevel)
      ? config.logLevel === 'none'
        ? 'silent'
        : config.logLevel
      : 'warn';
  return build({ level: envLogLevel() ?? fromConfig });
}

/** A pino logger that writes nothing. */
export const silentLogger: Logger = build({ level: 'silent' });

/** The SDK's default logger (pino, silent below `warn` unless `MENTRA_LOG_LEVEL` or `MENTRA_VERBOSE` say otherwise); apps may log through it or pass their own. */
export const logger: Logger = build({ level: envLogLevel() ?? 'warn' });
