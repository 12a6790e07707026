/**
 * The session directory in Redis, through `ioredis` (an optional peer dependency, loaded only when a
 * cluster is configured). Ownership records carry a TTL refreshed every third of it while the session
 * lives, so the records of an instance that dies vanish within the TTL. A claim on a session owned by
 * another instance is followed by a `release` message on that instance's channel; it ends its copy with
 * reason `replaced` and answers `released` once the app's onStop has run.
 *
 * Redis unavailable: every operation fails fast (no offline queue) and the instance goes on alone; the
 * outage is logged once when it starts and once when it ends, and the instance's live sessions are
 * written back as soon as Redis answers again.
 */
import { SdkError, toError } from '../errors';
import type { Logger } from '../logger';
import type { ClaimResult, DirectoryHost, InstanceAddress, OwnerKind, SessionClaim, SessionDirectory } from './directory';
import { CLAIM, CLAIM_REQUEST, FORGET, REFRESH, RELEASE, instanceChannel, recordKey, runScript, type RedisClient } from './redis-scripts';

export interface RedisDirectoryOptions {
  redisUrl: string;
  /** `host:port`, for log lines. */
  redisHost: string;
  instanceId: string;
  instanceUrl: string;
  ttlMs: number;
  keyPrefix: string;
  logger: Logger;
  /** How long a claim waits for a previous owner's onStop before giving up on it (ms, default 5000). */
  releaseWaitMs?: number;
  /** How long `start()` waits for Redis before going on alone (ms, default 3000). */
  connectWaitMs?: number;
}

type RedisConstructor = new (url: string, options: Record<string, unknown>) => RedisClient;

const REFRESH_CHUNK = 200;
const ERROR_LOG_INTERVAL_MS = 60_000;
const SETTLED: ClaimResult = { released: Promise.resolve() };
const INSTANCE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Loads ioredis on first use, so apps that run one instance never load it. */
async function loadRedis(): Promise<RedisConstructor> {
  const name = 'ioredis';
  let mod: any;
  try {
    // The CommonJS build requires it (which also works under test runners without ESM support); the ESM build imports it.
    const cjs = typeof module === 'object' && module !== null && typeof module.require === 'function' ? module : undefined;
    mod = cjs ? cjs.require(name) : await import(name);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const missing = err?.code === 'MODULE_NOT_FOUND' || err?.code === 'ERR_MODULE_NOT_FOUND';
    throw new SdkError(
      'invalid_config',
      `Running several instances needs the "ioredis" package: npm install ioredis${missing ? '' : ` (loading it failed: ${toError(e).message})`}`,
      { cause: e },
    );
  }
  const ctor = mod?.Redis ?? mod?.default?.Redis ?? mod?.default ?? mod;
  if (typeof ctor !== 'function') throw new SdkError('invalid_config', 'The installed "ioredis" package does not export a Redis client');
  return ctor as RedisConstructor;
}

export class RedisSessionDirectory implements SessionDirectory {
  readonly shared = true;
  readonly self: InstanceAddress;
  private client: RedisClient | undefined;
  private sub: RedisClient | undefined;
  private host: DirectoryHost | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly channel: string;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly waiting = new Map<string, () => void>();
  // Stryker disable next-line StringLiteral: start() sets it before anything reads it
  private health: 'starting' | 'up' | 'down' = 'starting';
  private downSince = 0;
  // Stryker disable next-line BooleanLiteral: start() sets it; a stop() before start() has nothing to stop either way
  private stopped = false;
  private refreshing = false;
  private lastOpErrorLog = 0;

  constructor(private readonly opts: RedisDirectoryOptions) {
    this.self = { instanceId: opts.instanceId, url: opts.instanceUrl };
    this.channel = instanceChannel(opts.keyPrefix, opts.instanceId);
  }

  /** True while the Redis connection is up. */
  get connected(): boolean {
    return this.client?.status === 'ready';
  }

  async start(host: DirectoryHost): Promise<void> {
    this.host = host;
    this.stopped = false;
    this.health = 'starting';
    const Redis = await loadRedis();
    const client = new Redis(this.opts.redisUrl, {
      // Stryker disable next-line BooleanLiteral: connecting at once, the explicit connect() below is refused (and ignored); the same events follow
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 2000,
      connectTimeout: 3000,
      retryStrategy: (times: number) => Math.min(100 * times, 2000),
      connectionName: `mentraos-${this.opts.instanceId}`,
    });
    this.client = client;
    // The subscriber queues its SUBSCRIBE until Redis answers, and ioredis subscribes again after a reconnect.
    const sub = client.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined });
    this.sub = sub;
    client.on('ready', () => this.onUp());
    client.on('error', (e: unknown) => this.onDown(e));
    client.on('close', () => this.onDown());
    sub.on('error', (e: unknown) => this.opts.logger.debug(`Redis subscriber: ${toError(e).message}`));
    sub.on('message', (channel: string, message: string) => {
      // Stryker disable next-line ConditionalExpression: the subscriber subscribes to this channel only
      if (channel === this.channel) this.onMessage(message);
    });
    const ready = new Promise<void>((resolve) => client.once('ready', () => resolve()));
    const failed = new Promise<void>((resolve) => client.once('error', () => resolve()));
    const subscribed = sub.subscribe(this.channel).catch((e) => this.opts.logger.debug(`Redis subscribe failed: ${toError(e).message}`));
    client.connect().catch(() => {});
    // Wait until both connections are up, the first attempt fails, or the wait runs out: then go on either way.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.all([ready, subscribed]), failed, new Promise<void>((r) => (timer = setTimeout(r, this.opts.connectWaitMs ?? 3000)))]);
    clearTimeout(timer);
    this.timer = setInterval(() => void this.refresh(), Math.max(100, Math.floor(this.opts.ttlMs / 3)));
    // Stryker disable next-line OptionalChaining: every supported runtime's timers have unref
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    // Stryker disable next-line ConditionalExpression: a second stop() repeats steps the first has done, each harmless again
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise<void>((r) => (timer = setTimeout(r, 2000)))]);
    clearTimeout(timer);
    for (const settle of this.waiting.values()) settle();
    // Stryker disable next-line CallExpression: each waiter removes itself as it settles
    this.waiting.clear();
    const client = this.client;
    if (client?.status === 'ready') await client.quit().catch(() => client.disconnect());
    else client?.disconnect();
    this.sub?.disconnect();
  }

  async claim(claim: SessionClaim): Promise<ClaimResult> {
    const { keyPrefix: p, ttlMs } = this.opts;
    const prev = await this.op('claim', (c) =>
      runScript(
        c,
        CLAIM,
        [recordKey(p, 'session', claim.sessionId), recordKey(p, 'user', claim.userId)],
        [this.self.instanceId, this.self.url, claim.token, claim.claimedAt, claim.userId, claim.sessionId, ttlMs],
      ),
    );
    // Stryker disable next-line ArrayDeclaration: a one-element fallback has no token, which is checked next
    const [instance, token] = Array.isArray(prev) ? (prev as Array<string | null>) : [];
    if (!instance || !token || instance === this.self.instanceId) return SETTLED;
    return { released: this.askRelease(instance, claim.sessionId, token) };
  }

  async release(claim: SessionClaim): Promise<void> {
    const p = this.opts.keyPrefix;
    await this.op('release', (c) => runScript(c, RELEASE, [recordKey(p, 'session', claim.sessionId), recordKey(p, 'user', claim.userId)], [claim.token]));
  }

  async owner(kind: OwnerKind, id: string): Promise<InstanceAddress | undefined> {
    const found = await this.op('lookup', (c) => c.hmget(recordKey(this.opts.keyPrefix, kind, id), 'i', 'u'));
    // Stryker disable next-line ArrayDeclaration: a one-element fallback has no URL, which is checked next
    const [instanceId, url] = found ?? [];
    return instanceId && url ? { instanceId, url } : undefined;
  }

  async claimRequest(requestId: string, ttlMs: number): Promise<void> {
    const ttl = Math.max(1000, Math.round(ttlMs));
    await this.op('claim request', (c) =>
      runScript(c, CLAIM_REQUEST, [recordKey(this.opts.keyPrefix, 'request', requestId)], [this.self.instanceId, this.self.url, ttl]),
    );
  }

  async releaseRequest(requestId: string): Promise<void> {
    await this.forget('request', requestId, this.self.instanceId);
  }

  async forget(kind: OwnerKind, id: string, instanceId: string): Promise<void> {
    await this.op('forget', (c) => runScript(c, FORGET, [recordKey(this.opts.keyPrefix, kind, id)], [instanceId]));
  }

  /** Refreshes the TTL of every live local claim and settles conflicts left by an outage. */
  async refresh(): Promise<void> {
    if (this.refreshing || !this.host || !this.connected) return;
    this.refreshing = true;
    try {
      const claims = [...this.host.claims()];
      // Stryker disable next-line EqualityOperator: one more chunk is empty, and refreshing no claims changes nothing
      for (let i = 0; i < claims.length && this.connected; i += REFRESH_CHUNK) {
        await this.refreshChunk(claims.slice(i, i + REFRESH_CHUNK));
      }
    } finally {
      this.refreshing = false;
    }
  }

  private async refreshChunk(claims: SessionClaim[]): Promise<void> {
    const p = this.opts.keyPrefix;
    const keys = claims.flatMap((c) => [recordKey(p, 'session', c.sessionId), recordKey(p, 'user', c.userId)]);
    const args: Array<string | number> = [this.opts.ttlMs, this.self.instanceId, this.self.url];
    for (const c of claims) args.push(c.token, c.claimedAt, c.userId, c.sessionId);
    const out = await this.op('refresh', (c) => runScript(c, REFRESH, keys, args));
    if (!Array.isArray(out)) return;
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: the script answers in fours; past its end no claim is found and the loop goes on
    for (let i = 0; i + 3 < out.length; i += 4) {
      const claim = claims[Number(out[i]) - 1];
      const [what, instance, token] = [String(out[i + 1]), String(out[i + 2]), String(out[i + 3])];
      // Stryker disable next-line ConditionalExpression: the script names only claims it was given (past the end, see above)
      if (!claim) continue;
      if (what === 'lost') {
        this.opts.logger.warn(`Session ${claim.sessionId} was started again on another instance while Redis was unreachable; ending the older copy here`);
        // Stryker disable next-line OptionalChaining: refresh() returns before this when there is no host
        void this.host?.releaseClaim(claim.sessionId, claim.token);
      } else if (instance && instance !== this.self.instanceId) {
        void this.askRelease(instance, claim.sessionId, token);
      }
    }
  }

  /** Tells `instance` to end its copy of a session; settles when it answers, when nobody listens, or after the wait. */
  private askRelease(instance: string, sessionId: string, token: string): Promise<void> {
    const released = new Promise<void>((resolve) => {
      const timer = setTimeout(() => settle(), this.opts.releaseWaitMs ?? 5000);
      // Stryker disable next-line OptionalChaining: every supported runtime's timers have unref
      timer.unref?.();
      const settle = () => {
        clearTimeout(timer);
        if (this.waiting.get(token) === settle) this.waiting.delete(token);
        resolve();
      };
      this.waiting.set(token, settle);
    });
    const message = JSON.stringify({ t: 'release', sid: sessionId, tok: token, from: this.self.instanceId });
    void this.op('publish', (c) => c.publish(instanceChannel(this.opts.keyPrefix, instance), message)).then((receivers) => {
      if (!receivers) this.waiting.get(token)?.();
    });
    return released;
  }

  private onMessage(raw: string): void {
    let msg: any;
    try {
      msg = JSON.parse(raw);
    } /* Stryker disable next-line BlockStatement: going on, msg is undefined and the next line returns */ catch {
      return;
    }
    // Stryker disable next-line ConditionalExpression: a string, number or boolean has no string .tok either
    if (!msg || typeof msg !== 'object' || typeof msg.tok !== 'string') return;
    if (msg.t === 'released') {
      this.waiting.get(msg.tok)?.();
    } else if (msg.t === 'release' && typeof msg.sid === 'string' && typeof msg.from === 'string' && INSTANCE_ID.test(msg.from)) {
      const reply = JSON.stringify({ t: 'released', tok: msg.tok });
      const done = this.host ? this.host.releaseClaim(msg.sid, msg.tok) : Promise.resolve();
      void done
        .catch((e) => this.opts.logger.error(`Releasing session ${msg.sid} failed: ${toError(e).message}`))
        .then(() => this.op('publish', (c) => c.publish(instanceChannel(this.opts.keyPrefix, msg.from), reply)));
    }
  }

  /** Runs one Redis operation; resolves undefined (never rejects) while Redis is unreachable or when it fails. */
  private async op<T>(what: string, fn: (client: RedisClient) => Promise<T>): Promise<T | undefined> {
    const client = this.client;
    // Stryker disable next-line ConditionalExpression: without the offline queue, a command to a client that is not ready fails at once and is not logged (below)
    if (!client || client.status !== 'ready') return undefined;
    const p = fn(client);
    this.inFlight.add(p);
    try {
      return await p;
    } catch (e) {
      // Stryker disable next-line EqualityOperator: the same millisecond on either side of a minute
      if (client.status === 'ready' && Date.now() - this.lastOpErrorLog > ERROR_LOG_INTERVAL_MS) {
        this.lastOpErrorLog = Date.now();
        this.opts.logger.error(`Redis ${what} failed: ${toError(e).message} (this instance goes on alone for that request)`);
      }
      return undefined;
    } finally {
      this.inFlight.delete(p);
    }
  }

  private onUp(): void {
    const was = this.health;
    // Stryker disable next-line StringLiteral: only 'starting' and 'down' are ever compared
    this.health = 'up';
    const where = `Redis at ${this.opts.redisHost}`;
    if (was === 'starting') {
      this.opts.logger.info(`Sharing sessions through ${where} as instance ${this.self.instanceId} (${this.self.url})`);
      return;
    }
    // Stryker disable next-line ConditionalExpression: a 'ready' always follows a close or an error, which set 'down'
    if (was === 'down') {
      const claims = this.host ? [...this.host.claims()].length : 0;
      this.opts.logger.warn(
        `${where} is reachable again after ${Math.round((Date.now() - this.downSince) / 1000)} s; registering this instance's ${claims} session(s) again`,
      );
      void this.refresh();
    }
  }

  private onDown(e?: unknown): void {
    if (this.stopped || this.health === 'down') return;
    const first = this.health === 'starting';
    this.health = 'down';
    this.downSince = Date.now();
    const why = e === undefined ? 'connection closed' : toError(e).message;
    this.opts.logger.error(
      `${first ? 'Cannot reach' : 'Lost'} Redis at ${this.opts.redisHost} (${why}): this instance goes on alone, serving its own sessions ` +
        'without sharing them or forwarding requests, and retries until Redis answers',
    );
  }
}
