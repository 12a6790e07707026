/**
 * The Redis directory when things go wrong: each operation Redis refuses is logged under its own name, two
 * refreshes at once settle a conflict once, calls before `start()` answer nothing, and a server that
 * accepts the connection but never answers holds `start()` no longer than its wait.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { RedisSessionDirectory } from '../../src/core/cluster/redis-directory';
import { eventually } from '../helpers/apps';
import { claimOf, directoryKit, Host, keptLogger } from './directory-kit';

const kit = directoryKit('rf');

test("each refused operation's log line names it", async () => {
  const p = kit.newPrefix();
  await kit.redis.client.set(`${p}s:wrong`, 'a string, not a hash');
  await kit.redis.client.set(`${p}r:wrong`, 'a string, not a hash');
  const refused: Array<[string, (d: RedisSessionDirectory, h: Host) => Promise<unknown>]> = [
    ['release', (d) => d.release(claimOf('wrong', 'tok-1'))],
    ['lookup', (d) => d.owner('session', 'wrong')],
    ['forget', (d) => d.forget('request', 'wrong', 'alpha')],
    [
      'refresh',
      (d, h) => {
        h.held = [claimOf('wrong', 'tok-1')];
        return d.refresh();
      },
    ],
  ];
  for (const [name, call] of refused) {
    const { dir, host, lines } = await kit.directory('alpha', p);
    expect(await call(dir, host)).toBeUndefined();
    expect(lines('error')).toEqual([expect.stringMatching(new RegExp(`^Redis ${name} failed: WRONGTYPE `))]);
  }
});

test('two refreshes at once end a copy that lost its session once, and say so once', async () => {
  const p = kit.newPrefix();
  const { dir, host, lines } = await kit.directory('alpha', p);
  const claim = claimOf('s1', 'tok-1', 1000);
  host.held = [claim];
  await dir.claim(claim);
  await kit.redis.client.hset(`${p}s:s1`, 'i', 'beta', 'u', 'http://beta.invalid', 't', 'tok-b', 'c', '2000');
  await Promise.all([dir.refresh(), dir.refresh()]);
  await dir.refresh();
  expect(host.released).toEqual([
    ['s1', 'tok-1'],
    ['s1', 'tok-1'],
  ]);
  expect(lines('warn')).toHaveLength(2);
});

test('before start(): not connected, a refresh does nothing, and every call answers nothing', async () => {
  const { dir } = await kit.directory('alpha', kit.newPrefix(), {}, false);
  expect(dir.connected).toBe(false);
  await dir.refresh();
  expect(await dir.owner('session', 's1')).toBeUndefined();
  await (await dir.claim(claimOf('s1', 'tok-1'))).released;
});

test('a server that accepts the connection and never answers holds start() for the connect wait only', async () => {
  const sockets: net.Socket[] = [];
  const mute = net.createServer((s) => sockets.push(s));
  await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
  const port = (mute.address() as AddressInfo).port;
  const { logger } = keptLogger();
  const dir = new RedisSessionDirectory({
    redisUrl: `redis://127.0.0.1:${port}`,
    redisHost: `127.0.0.1:${port}`,
    instanceId: 'mute',
    instanceUrl: 'http://mute.invalid',
    ttlMs: 60_000,
    keyPrefix: kit.newPrefix(),
    logger,
    connectWaitMs: 300,
  });
  try {
    await dir.start(new Host());
    expect(dir.connected).toBe(false);
  } finally {
    await dir.stop();
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => mute.close(() => r()));
  }
});

test('a request record refused for want of replicas, and release messages refused by the ACL, are logged under their names', async () => {
  const p = kit.newPrefix();
  const { client } = kit.redis;
  const { dir: unreplicated, lines: unreplicatedLines } = await kit.directory('alpha', p);
  await client.config('SET', 'min-replicas-to-write', '1');
  try {
    await unreplicated.claimRequest('r1', 5_000);
  } finally {
    await client.config('SET', 'min-replicas-to-write', '0');
  }
  expect(unreplicatedLines('error')).toEqual([expect.stringMatching(/^Redis claim request failed: NOREPLICAS /)]);

  // An instance whose Redis user may do everything but publish: it can neither ask for a release nor answer one.
  await client.acl('SETUSER', 'nopub', 'on', '>nopub-pw', '~*', '&*', '+@all', '-publish');
  try {
    const mute = { redisUrl: kit.redis.url.replace('redis://', 'redis://nopub:nopub-pw@'), releaseWaitMs: 200 };
    const { dir: beta } = await kit.directory('beta', p, { releaseWaitMs: 200 });
    await beta.claim(claimOf('s1', 'tok-b'));
    const { dir: asking, lines: askingLines } = await kit.directory('gamma', p, mute);
    await (await asking.claim(claimOf('s1', 'tok-g'))).released;
    expect(askingLines('error')).toEqual([expect.stringMatching(/^Redis publish failed: NOPERM /)]);

    const { dir: answering, host, lines: answeringLines } = await kit.directory('delta', p, mute);
    await answering.claim(claimOf('s2', 'tok-d'));
    await (await beta.claim(claimOf('s2', 'tok-b2'))).released;
    await eventually(() => answeringLines('error').length > 0, 10_000, 'the refused answer');
    expect(host.released).toEqual([['s2', 'tok-d']]);
    expect(answeringLines('error')).toEqual([expect.stringMatching(/^Redis publish failed: NOPERM /)]);
  } finally {
    await client.acl('DELUSER', 'nopub');
  }
});

test('a refresh of more claims than one chunk settles a lost claim once, in whichever chunk it falls', async () => {
  const p = kit.newPrefix();
  const { dir, host, lines } = await kit.directory('alpha', p);
  // 201 claims: the refresh sends them in two chunks (200 and 1), and the last one lost its session.
  host.held = Array.from({ length: 201 }, (_, i) => claimOf(`s${i}`, `tok-${i}`, 1000));
  for (const c of host.held) await dir.claim(c);
  await kit.redis.client.hset(`${p}s:s200`, 'i', 'gamma', 'u', 'http://gamma.invalid:8080', 't', 'tok-g', 'c', '2000');
  await dir.refresh();
  expect(host.released).toEqual([['s200', 'tok-200']]);
  expect(lines('warn')).toEqual(['Session s200 was started again on another instance while Redis was unreachable; ending the older copy here']);
  expect(await kit.redis.client.hget(`${p}s:s0`, 't')).toBe('tok-0');
});
