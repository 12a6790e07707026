/**
 * Stream handlers and the subscription set derived from them.
 *
 * The set the cloud sees is the union of the keys that have handlers and the streams subscribed
 * explicitly; it is always sent whole. Dispatch finds handlers by the exact `streamType` first, then by
 * the canonical key (query options dropped), then, for clouds that send the base type, by the key rebuilt
 * from `data.transcribeLanguage` / `translateLanguage` / `gesture_name`.
 */
import { canonicalStreamKey, streamBase, parseLanguageStream } from '../../protocol/streams';
import { APP_MESSAGE_STEMS } from '../../protocol/dialects';
import type { SubscriptionRequest } from '../../protocol/messages';
import { callIsolated } from '../emitter';
import { SdkError } from '../errors';
import type { Logger } from '../logger';

export type StreamHandler = (data: any) => unknown;

/**
 * The handlers of one key: the handler itself while it is the only one (the usual case: a Set would be most
 * of what a live session keeps for its handlers), a Set once there are more.
 */
export type StreamHandlers = StreamHandler | Set<StreamHandler>;

/** Told when the subscription set changed: a function, or an owner (the session) with a method for it (no closure). */
export type StreamsChanged = (() => void) | { subscriptionsChanged(): void };

/** The index of a table whose keys are all plain; shared, never mutated. */
const NO_INDEX: ReadonlyMap<string, string[]> = new Map();

export class StreamTable {
  private readonly handlers = new Map<string, StreamHandlers>();
  // Created on first use: one table per session, and few sessions subscribe explicitly or set rates.
  private explicit: Set<string> | undefined;
  private rates: Map<string, string> | undefined;
  /** Named sets of streams replaced as a whole (e.g. the settings-driven subscriptions). */
  private groups: Map<string, readonly string[]> | undefined;
  /**
   * canonical key -> subscription keys that share it (only keys with query options or parameters). A key that
   * is its own canonical form and shares it with no other key (`transcription:en-US` alone) has no entry:
   * `targets` finds it in `handlers` directly, so the usual session holds no index at all.
   */
  private byCanonical: ReadonlyMap<string, string[]> = NO_INDEX;
  /** True when some key has query options or parameters (then a plain key's data may reach them too). */
  // Stryker disable next-line BooleanLiteral: true only sends deliveries the long way (targets), to the same handlers
  private parameterised = false;
  private listCache: SubscriptionRequest[] | null = null;

  constructor(private readonly onChange: StreamsChanged) {}

  add(stream: string, handler: StreamHandler): () => void {
    const current = this.handlers.get(stream);
    if (current === undefined) {
      this.handlers.set(stream, handler);
      this.changed();
    } else if (typeof current === 'function') this.handlers.set(stream, new Set([current, handler]));
    else current.add(handler);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      const s = this.handlers.get(stream);
      if (s === undefined || (typeof s === 'function' ? s !== handler : !s.delete(handler))) return;
      if (typeof s === 'function' || s.size === 0) {
        this.handlers.delete(stream);
        this.changed();
      }
    };
  }

  subscribe(stream: string, rate?: string): void {
    const explicit = (this.explicit ??= new Set());
    const had = explicit.has(stream) && this.rates?.get(stream) === rate;
    explicit.add(stream);
    // Stryker disable next-line ConditionalExpression: a rate stored as undefined reads back as no rate
    if (rate === undefined) this.rates?.delete(stream);
    else (this.rates ??= new Map()).set(stream, rate);
    if (!had) this.changed();
  }

  unsubscribe(stream: string): void {
    const had = !!this.explicit?.delete(stream);
    this.rates?.delete(stream);
    const removedHandlers = this.handlers.delete(stream);
    if (had || removedHandlers) this.changed();
  }

  /** Replaces the streams of one named group; streams with handlers or explicit subscriptions are unaffected. */
  setGroup(name: string, streams: readonly string[]): void {
    const before = this.groups?.get(name) ?? [];
    const next = [...new Set(streams)];
    // Stryker disable next-line ConditionalExpression: an empty group kept adds nothing to the list
    if (next.length === 0) this.groups?.delete(name);
    else (this.groups ??= new Map()).set(name, next);
    if (before.length !== next.length || before.some((s, i) => s !== next[i])) this.changed();
  }

  hasHandlers(stream: string): boolean {
    return this.handlers.has(stream);
  }

  /** The full subscription list as sent on the wire. */
  list(): SubscriptionRequest[] {
    if (this.listCache) return this.listCache;
    // Handler keys first, then explicit subscriptions, then groups, each key once. The usual session has
    // handlers only: their keys are already unique, and no Set is built.
    // Sized to the handler keys: the cached list lives as long as the session, and an array grown by push
    // from empty keeps room for 16 entries.
    // Stryker disable next-line ArrayDeclaration: filled by assignment, an unsized array holds the same entries (only more room)
    const out: SubscriptionRequest[] = new Array(this.handlers.size);
    let n = 0;
    for (const k of this.handlers.keys()) out[n++] = this.entry(k);
    if (this.explicit || this.groups) {
      const seen = new Set<string>(this.handlers.keys());
      const more = (k: string) => {
        if (seen.has(k)) return;
        seen.add(k);
        out.push(this.entry(k));
      };
      if (this.explicit) for (const k of this.explicit) more(k);
      if (this.groups) for (const group of this.groups.values()) for (const k of group) more(k);
    }
    return (this.listCache = out);
  }

  /** One key as the subscription list spells it (the location stream with its rate, when one is set). */
  private entry(k: string): SubscriptionRequest {
    const rate = this.rates?.get(k);
    return rate !== undefined && k === 'location_stream' ? { stream: 'location_stream', rate } : k;
  }

  /**
   * Calls the handlers of one `data_stream` with `data`, each at most once and isolated (a throw or a
   * rejection goes to `onError`). The handlers are those of the moment of the call: one added or removed by
   * a handler takes effect from the next value. The usual case (one key, one handler) allocates nothing.
   */
  deliver(streamType: string, data: unknown, onError: (e: unknown) => void): void {
    const only = this.only(streamType);
    if (only) return callEach(only, data, onError);
    for (const set of this.targets(streamType, data)) callEach(set, data, onError);
  }

  /**
   * The handlers of a `data_stream` whose type is an exact key that no other key shares (the usual
   * case, e.g. `transcription:en-US`), else undefined (then `targets` finds them).
   */
  // Stryker disable next-line BlockStatement: without the shortcut every delivery takes the long way (targets), to the same handlers
  private only(streamType: string): StreamHandlers | undefined {
    const direct = this.handlers.get(streamType);
    return direct && (!this.parameterised || this.onlyItself(streamType)) ? direct : undefined;
  }

  /** The handlers to call for one `data_stream`, by key, each key at most once. */
  targets(streamType: string, data: any): StreamHandlers[] {
    const only = this.only(streamType);
    if (only) return [only];
    const direct = this.handlers.get(streamType);
    const keys = new Set<string>();
    if (direct) keys.add(streamType);
    const canonical = canonicalStreamKey(streamType);
    const shared = this.byCanonical.get(canonical);
    if (shared) for (const k of shared) keys.add(k);
    else if (canonical.indexOf(':') >= 0 && this.handlers.has(canonical)) keys.add(canonical);
    if (canonical.indexOf(':') < 0)
      for (const derived of derivedKeys(canonical, data)) {
        if (this.handlers.has(derived)) keys.add(derived);
        for (const k of this.byCanonical.get(derived) ?? []) keys.add(k);
      }
    // Every key above was taken from the handlers or from the index built from them.
    const out: StreamHandlers[] = [];
    for (const k of keys) out.push(this.handlers.get(k) as StreamHandlers);
    return out;
  }

  /** True when a parameterised `streamType` without query options shares its canonical key with no other key. */
  // Stryker disable next-line BlockStatement: false (undefined) only sends deliveries the long way, to the same handlers
  private onlyItself(streamType: string): boolean {
    // Stryker disable next-line EqualityOperator: a stream name never starts with ':' or '?'
    if (streamType.indexOf(':') < 0 || streamType.indexOf('?') >= 0) return false;
    const shared = this.byCanonical.get(streamType);
    return !shared || (shared.length === 1 && shared[0] === streamType);
  }

  clear(): void {
    this.handlers.clear();
    this.explicit = undefined;
    this.rates = undefined;
    this.byCanonical = NO_INDEX;
    // Stryker disable next-line BooleanLiteral: as at its declaration, true only sends deliveries the long way
    this.parameterised = false;
    this.groups = undefined;
    this.listCache = null;
  }

  private changed(): void {
    this.listCache = null;
    let index: Map<string, string[]> | undefined;
    for (const k of this.handlers.keys()) {
      const c = canonicalStreamKey(k);
      // Stryker disable next-line StringLiteral: searching for '' indexes the plain keys too, which only costs entries that the next step removes
      if (c === k && k.indexOf(':') < 0) continue;
      index ??= new Map();
      const arr = index.get(c);
      if (arr) arr.push(k);
      else index.set(c, [k]);
    }
    this.parameterised = index !== undefined;
    // Stryker disable next-line CallExpression: an entry listing only its own key answers as no entry does
    if (index) for (const [c, arr] of index) if (arr.length === 1 && arr[0] === c) index.delete(c);
    this.byCanonical = index && index.size > 0 ? index : NO_INDEX;
    if (typeof this.onChange === 'function') this.onChange();
    else this.onChange.subscriptionsChanged();
  }
}

/** Calls each handler of one key once (a single one without copying the set). */
function callEach(set: StreamHandlers, data: unknown, onError: (e: unknown) => void): void {
  if (typeof set === 'function') return callIsolated(set, data, onError);
  // Stryker disable next-line BlockStatement: a shortcut; a copy of a one-handler set calls the same handler
  if (set.size === 1) {
    for (const fn of set) return callIsolated(fn, data, onError);
  }
  for (const fn of [...set]) callIsolated(fn, data, onError);
}

/** Keys a base-type `data_stream` also belongs to, rebuilt from its data. */
function derivedKeys(base: string, data: any): string[] {
  // Stryker disable next-line ArrayDeclaration: a key made of the mutant's text has no handler
  if (!data || typeof data !== 'object') return [];
  switch (base) {
    case 'transcription':
      // A cloud that sends no language means its default, en-US.
      return [`transcription:${typeof data.transcribeLanguage === 'string' ? data.transcribeLanguage : 'en-US'}`];
    case 'translation': {
      const tgt = data.translateLanguage;
      // Stryker disable next-line ArrayDeclaration: as above
      if (typeof tgt !== 'string') return [];
      const out = [`translation:all-to-${tgt}`];
      if (typeof data.transcribeLanguage === 'string') out.push(`translation:${data.transcribeLanguage}-to-${tgt}`);
      return out;
    }
    case 'touch_event':
      return typeof data.gesture_name === 'string' ? [`touch_event:${data.gesture_name}`] : [];
    default:
      // Stryker disable next-line ArrayDeclaration: as above
      return [];
  }
}

const APP_MESSAGE_NAMES = new Set(APP_MESSAGE_STEMS.flatMap((s) => [`tpa_${s}`, `app_${s}`]));

/**
 * Language streams already found valid (every session of an app subscribes the same few): parsed once per
 * process, not once per session. Bounded: past the cap, names are checked every time.
 */
const VALID_LANGUAGE_STREAMS = new Set<string>();
const MAX_REMEMBERED = 256;

function rememberValid(stream: string): true {
  // Stryker disable next-line all: a cache of names found valid; whether a name is remembered decides only whether it is parsed again
  if (VALID_LANGUAGE_STREAMS.size < MAX_REMEMBERED) VALID_LANGUAGE_STREAMS.add(stream);
  return true;
}

/**
 * Checks a stream name before it joins the subscription list: the cloud rejects the whole list when one
 * entry is invalid, so a malformed language stream fails here, at the call. App-to-app message names are
 * events, not streams: they are refused with a warning (use the onAppMessage family instead).
 * `owner.logger` is read only to warn, so a session that never warns never creates its child logger.
 */
export function checkStreamName(stream: string, owner: { readonly logger: Logger }): boolean {
  if (typeof stream !== 'string' || stream.length === 0 || stream.length > 200) {
    throw new SdkError('invalid_argument', `A stream name must be a non-empty string (got ${JSON.stringify(stream)?.slice(0, 60)})`);
  }
  if (APP_MESSAGE_NAMES.has(stream)) {
    owner.logger.warn(`"${stream}" is an app-to-app event, not a stream: listen with onAppMessage / onAppUserJoined / onAppUserLeft / onAppRoomUpdated`);
    return false;
  }
  if (VALID_LANGUAGE_STREAMS.has(stream)) return true;
  const base = streamBase(stream);
  if ((base === 'transcription' || base === 'translation') && base !== stream) {
    if (parseLanguageStream(stream)) return rememberValid(stream);
    throw new SdkError(
      'invalid_argument',
      `"${stream.slice(0, 80)}" is not a valid ${base} stream: use e.g. ${base === 'transcription' ? '"transcription:en-US"' : '"translation:es-ES-to-en-US"'}`,
    );
  }
  return true;
}
