/**
 * What the Redis directory tests share: a host played by the test, a `redis-server` for the file, and
 * directories and channel listeners that are stopped after each test.
 */
import Redis from 'ioredis';
import type { DirectoryHost, SessionClaim } from '../../src/core/cluster/directory';
import { RedisSessionDirectory, type RedisDirectoryOptions } from '../../src/core/cluster/redis-directory';
import type { Logger } from '../../src/core/logger';
import { captureLogger } from '../helpers/apps';
import { startRedis, type RedisServer } from '../helpers/redis';

/** The engine's side, played by the test: the claims it holds and the releases it was asked for. */
export class Host implements DirectoryHost {
  held: SessionClaim[] = [];
  readonly released: Array<[string, string]> = [];
  /** While set, every release waits for it. */
  gate: Promise<void> | undefined;
  failWith: Error | undefined;
  async releaseClaim(sessionId: string, token: string): Promise<void> {
    this.released.push([sessionId, token]);
    await this.gate;
    if (this.failWith) throw this.failWith;
  }
  claims(): Iterable<SessionClaim> {
    return this.held;
  }
}

export const claimOf = (sessionId: string, token: string, claimedAt = 1_000, userId = `${sessionId}-user`): SessionClaim => ({
  sessionId,
  userId,
  token,
  claimedAt,
});

/** A logger that keeps its lines, and the texts of one level. */
export function keptLogger() {
  const logger = captureLogger() as unknown as Logger & ReturnType<typeof captureLogger>;
  return { logger, lines: (level: string) => logger.lines.filter((l) => l.level === level).map((l) => l.text) };
}

/** Resolves true once `p` settles, false if it has not settled by the next few turns of the event loop. */
export async function settledSoon(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return done;
}

/** Starts a `redis-server` for the calling file and cleans up after each test; `tag` keeps prefixes apart. */
export function directoryKit(tag: string) {
  let server: RedisServer;
  let prefixes = 0;
  const started: RedisSessionDirectory[] = [];
  const listeners: Redis[] = [];
  beforeAll(async () => {
    server = await startRedis();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((d) => d.stop()));
    for (const l of listeners.splice(0)) l.disconnect();
  });
  afterAll(async () => {
    await server?.stop();
  });

  return {
    get redis(): RedisServer {
      return server;
    },
    newPrefix: () => `${tag}${++prefixes}:`,
    /** A directory for instance `id` under `prefix` (started unless `start` is false), with its host and log lines. */
    async directory(id: string, prefix: string, extra: Partial<RedisDirectoryOptions> = {}, start = true) {
      const { logger, lines } = keptLogger();
      const host = new Host();
      const dir = new RedisSessionDirectory({
        redisUrl: server.url,
        redisHost: `127.0.0.1:${server.port}`,
        instanceId: id,
        instanceUrl: `http://${id}.invalid:8080`,
        ttlMs: 60_000,
        keyPrefix: prefix,
        logger,
        ...extra,
      });
      started.push(dir);
      if (start) await dir.start(host);
      return { dir, host, logger, lines };
    },
    /** Everything published on `channel`, in order, from the moment this resolves. */
    async listen(channel: string): Promise<string[]> {
      const client = new Redis(server.url);
      listeners.push(client);
      const got: string[] = [];
      client.on('message', (_c: string, m: string) => got.push(m));
      await client.subscribe(channel);
      return got;
    },
  };
}
