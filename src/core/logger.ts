/**
 * The logger interface. Any object with these four methods works (console, pino, winston).
 * The default is silent below `warn`. Every logger the SDK uses is wrapped so that registered
 * secrets (the API key) are replaced by `[redacted]` before a line leaves the SDK.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
type LogFn = (...args: unknown[]) => void;

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  /** Optional: a logger bound to extra context (pino-style). */
  child?: (bindings: Record<string, unknown>) => Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** A console logger that prints at `level` and above (default `warn`), prefixed with its context. */
export function createConsoleLogger(level: LogLevel = 'warn', bindings: Record<string, unknown> = {}): Logger {
  const min = ORDER[level] ?? ORDER.warn;
  const ctx = Object.entries(bindings).map(([k, v]) => `${k}=${String(v)}`).join(' ');
  const prefix = ctx ? `[mentraos ${ctx}]` : '[mentraos]';
  const make = (lvl: Exclude<LogLevel, 'silent'>): LogFn =>
    ORDER[lvl] < min
      ? () => {}
      : (...args) => {
          const out = lvl === 'error' ? console.error : lvl === 'warn' ? console.warn : console.log;
          out(prefix, ...args);
        };
  return {
    debug: make('debug'),
    info: make('info'),
    warn: make('warn'),
    error: make('error'),
    child: (more) => createConsoleLogger(level, { ...bindings, ...more }),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silentLogger };

const REDACTED = '[redacted]';

function redactValue(v: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof v === 'string') {
    let s = v;
    for (const secret of secrets) if (s.includes(secret)) s = s.split(secret).join(REDACTED);
    return s;
  }
  if (v instanceof Error) {
    const msg = redactValue(v.message, secrets) as string;
    if (msg === v.message && !(v.stack && secrets.some((x) => v.stack!.includes(x)))) return v;
    const copy = new Error(msg);
    copy.name = v.name;
    copy.stack = v.stack ? (redactValue(v.stack, secrets) as string) : undefined;
    return copy;
  }
  if (v && typeof v === 'object' && depth < 4) {
    const out: Record<string, unknown> = Array.isArray(v) ? ([] as unknown as Record<string, unknown>) : {};
    for (const [k, val] of Object.entries(v)) {
      out[k] = /api[-_]?key|secret|token|password/i.test(k) && typeof val === 'string' ? REDACTED : redactValue(val, secrets, depth + 1);
    }
    return out;
  }
  return v;
}

/** Wraps `inner` so that no argument carries any of `secrets`. Empty secrets are ignored. */
export function redactingLogger(inner: Logger, secrets: readonly string[]): Logger {
  const list = secrets.filter((s) => typeof s === 'string' && s.length >= 4);
  const wrap = (fn: LogFn): LogFn => (...args) => fn.apply(inner, args.map((a) => redactValue(a, list)));
  return {
    debug: wrap(inner.debug),
    info: wrap(inner.info),
    warn: wrap(inner.warn),
    error: wrap(inner.error),
    child: (bindings) => redactingLogger(inner.child ? inner.child(bindings) : inner, list),
  };
}

/** The SDK's root logger (console, silent below `warn`), for apps that imported `logger` from earlier SDKs. */
export const logger: Logger = createConsoleLogger('warn');
