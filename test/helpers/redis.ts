/** A throwaway `redis-server` on 127.0.0.1 for the scaling tests: a free port, nothing saved to disk. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import Redis from 'ioredis';
import { freePort } from '../../src/testing';

export interface RedisServer {
  port: number;
  url: string;
  /** A client for inspecting keys (closed by `stop()`). */
  client: Redis;
  /** Stops the server (the data goes with it) and, unless `forGood` is false, the client. */
  stop(forGood?: boolean): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  /** Keys under a prefix. */
  keys(prefix: string): Promise<string[]>;
  /** Resolves once none of these keys exists; fails after `timeoutMs`. */
  untilGone(keys: string[], timeoutMs?: number): Promise<void>;
}

export function redisServerAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

function launch(port: number): ChildProcess {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  child.on('error', () => {});
  return child;
}

async function untilListening(port: number, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.write('PING\r\n');
        s.once('data', (d) => {
          s.destroy();
          resolve(d.toString().startsWith('+PONG'));
        });
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`redis-server did not answer on port ${port}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startRedis(): Promise<RedisServer> {
  if (!redisServerAvailable()) throw new Error('redis-server is not installed: apt-get install -y redis-server');
  const port = await freePort();
  let child = launch(port);
  await untilListening(port);
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null, retryStrategy: () => 50 });
  client.on('error', () => {});
  await client.connect();
  return {
    port,
    url,
    client,
    async stop(forGood = true) {
      if (forGood) client.disconnect();
      child.kill('SIGKILL');
      await exited(child);
    },
    async restart() {
      child = launch(port);
      await untilListening(port);
    },
    async keys(prefix) {
      const out: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        out.push(...batch);
        cursor = next;
      } while (cursor !== '0');
      return out.sort();
    },
    async untilGone(keys, timeoutMs = 3000) {
      const end = Date.now() + timeoutMs;
      while ((await client.exists(...keys)) > 0) {
        if (Date.now() > end)
          throw new Error(
            `Still in Redis after ${timeoutMs} ms: ${(await Promise.all(keys.map(async (k) => ((await client.exists(k)) ? k : '')))).filter(Boolean).join(', ')}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
