/**
 * The Redis session directory on its own, over a real `redis-server`, with hosts played by the test: the
 * records a claim writes, what a release, a lookup, a request record and a forget change, the release
 * messages between instances (their words, what is ignored, the waits), the refresh that settles what an
 * outage left, and an operation Redis refuses.
 */
import Redis from 'ioredis';
import { eventually } from '../helpers/apps';
import { startRedis } from '../helpers/redis';
import { claimOf, directoryKit, settledSoon } from './directory-kit';

const kit = directoryKit('rd');
const { directory, listen, newPrefix } = kit;

test('a claim writes both records with its fields and the TTL; release removes them only with its token', async () => {
  const p = newPrefix();
  const { dir, lines } = await directory('alpha', p);
  expect(lines('info')).toEqual([`Sharing sessions through Redis at 127.0.0.1:${kit.redis.port} as instance alpha (http://alpha.invalid:8080)`]);
  expect(dir.connected).toBe(true);
  expect(String(await kit.redis.client.client('LIST'))).toContain('name=mentraos-alpha ');
  const claim = claimOf('s1', 'tok-1', 1234, 'u1@example.com');
  const claimed = await dir.claim(claim);
  expect(claimed.released).toBeInstanceOf(Promise);
  await claimed.released;
  expect(await kit.redis.client.hgetall(`${p}s:s1`)).toEqual({ i: 'alpha', u: 'http://alpha.invalid:8080', t: 'tok-1', c: '1234', uid: 'u1@example.com' });
  expect(await kit.redis.client.hgetall(`${p}u:u1@example.com`)).toEqual({ i: 'alpha', u: 'http://alpha.invalid:8080', t: 'tok-1', sid: 's1' });
  for (const key of [`${p}s:s1`, `${p}u:u1@example.com`]) {
    const ttl = await kit.redis.client.pttl(key);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  }
  const address = { instanceId: 'alpha', url: 'http://alpha.invalid:8080' };
  expect(await dir.owner('session', 's1')).toEqual(address);
  expect(await dir.owner('user', 'u1@example.com')).toEqual(address);
  expect(await dir.owner('session', 'nobody')).toBeUndefined();
  await kit.redis.client.hset(`${p}s:half`, 'i', 'alpha');
  expect(await dir.owner('session', 'half')).toBeUndefined();

  await dir.release({ ...claim, token: 'tok-other' });
  expect(await kit.redis.client.exists(`${p}s:s1`, `${p}u:u1@example.com`)).toBe(2);
  await dir.release(claim);
  expect(await kit.redis.client.exists(`${p}s:s1`, `${p}u:u1@example.com`)).toBe(0);
});

test('claiming again on the same instance asks nobody; a claim over another instance waits for its answer', async () => {
  const p = newPrefix();
  const a = await directory('alpha', p);
  const b = await directory('beta', p);
  await (await a.dir.claim(claimOf('s1', 'tok-1'))).released;
  await (await a.dir.claim(claimOf('s1', 'tok-2'))).released;
  expect(a.host.released).toEqual([]);

  const beta = await listen(`${p}i:beta`);
  let open = () => {};
  a.host.gate = new Promise((r) => (open = r));
  const { released } = await b.dir.claim(claimOf('s1', 'tok-3', 2000));
  await eventually(() => a.host.released.length === 1, 10_000, 'the release on alpha');
  expect(a.host.released).toEqual([['s1', 'tok-2']]);
  expect(await settledSoon(released)).toBe(false);
  open();
  await released;
  await eventually(() => beta.length === 1, 10_000, 'the answer on beta');
  expect(JSON.parse(beta[0]!)).toEqual({ t: 'released', tok: 'tok-2' });
  expect(await b.dir.owner('session', 's1')).toEqual({ instanceId: 'beta', url: 'http://beta.invalid:8080' });
});

test('a previous owner nobody listens for settles at once; one that never answers, after the release wait', async () => {
  const p = newPrefix();
  const { dir } = await directory('beta', p, { releaseWaitMs: 60_000 });
  await kit.redis.client.hset(`${p}s:s1`, 'i', 'ghost', 'u', 'http://ghost.invalid', 't', 'tok-ghost', 'c', '1');
  await (await dir.claim(claimOf('s1', 'tok-1'))).released;

  const quick = await directory('gamma', p, { releaseWaitMs: 150 });
  const silent = await listen(`${p}i:silent`);
  await kit.redis.client.hset(`${p}s:s2`, 'i', 'silent', 'u', 'http://silent.invalid', 't', 'tok-silent', 'c', '1');
  await (await quick.dir.claim(claimOf('s2', 'tok-2'))).released;
  await eventually(() => silent.length === 1, 10_000, 'the release message');
  expect(JSON.parse(silent[0]!)).toEqual({ t: 'release', sid: 's2', tok: 'tok-silent', from: 'gamma' });

  // A record without a token names no claim to release: nobody is asked.
  await kit.redis.client.hset(`${p}s:s4`, 'i', 'silent', 'u', 'http://silent.invalid');
  await (await dir.claim(claimOf('s4', 'tok-4'))).released;

  await kit.redis.client.hset(`${p}s:s3`, 'i', 'silent', 'u', 'http://silent.invalid', 't', 'tok-s3', 'c', '1');
  const { released } = await dir.claim(claimOf('s3', 'tok-3'));
  await eventually(() => silent.length === 2, 10_000, 'the second release message');
  expect(JSON.parse(silent[1]!)).toMatchObject({ sid: 's3' });
  expect(await settledSoon(released)).toBe(false);
  await dir.stop();
  await released;
  await dir.stop();
});

test('release messages: malformed ones are ignored; a release is answered even when the onStop fails, which is logged', async () => {
  const p = newPrefix();
  const { host, lines } = await directory('alpha', p);
  const from = await listen(`${p}i:from-1`);
  const publish = (m: unknown) => kit.redis.client.publish(`${p}i:alpha`, typeof m === 'string' ? m : JSON.stringify(m));
  for (const bad of [
    'not json',
    'null',
    '"release"',
    { t: 'release', sid: 'x', tok: 7, from: 'from-1' },
    { t: 'release', sid: 7, tok: 'x', from: 'from-1' },
    { t: 'release', sid: 'x', tok: 'x' },
    { t: 'release', sid: 'x', tok: 'x', from: 'not an id!' },
    { t: 'release', sid: 'x', tok: 'x', from: 'x'.repeat(65) },
    { t: 'other', sid: 'x', tok: 'x', from: 'from-1' },
    { t: 'released', tok: 'unknown' },
  ])
    await publish(bad);
  await publish({ t: 'release', sid: 's1', tok: 'tok-1', from: 'from-1' });
  await eventually(() => from.length === 1, 10_000, 'the first answer');
  expect(host.released).toEqual([['s1', 'tok-1']]);
  expect(JSON.parse(from[0]!)).toEqual({ t: 'released', tok: 'tok-1' });

  host.failWith = new Error('onStop broke');
  await publish({ t: 'release', sid: 's2', tok: 'tok-2', from: 'from-1' });
  await eventually(() => from.length === 2, 10_000, 'the second answer');
  expect(JSON.parse(from[1]!)).toEqual({ t: 'released', tok: 'tok-2' });
  expect(lines('error')).toEqual(['Releasing session s2 failed: onStop broke']);
});

test('refresh extends the TTLs of live claims and writes back records that vanished', async () => {
  const p = newPrefix();
  const { dir, host } = await directory('alpha', p);
  const claim = claimOf('s1', 'tok-1', 500, 'u1');
  host.held = [claim];
  await dir.claim(claim);
  await kit.redis.client.pexpire(`${p}s:s1`, 5000);
  await kit.redis.client.pexpire(`${p}u:u1`, 5000);
  await dir.refresh();
  expect(await kit.redis.client.pttl(`${p}s:s1`)).toBeGreaterThan(50_000);
  expect(await kit.redis.client.pttl(`${p}u:u1`)).toBeGreaterThan(50_000);

  await kit.redis.client.del(`${p}s:s1`, `${p}u:u1`);
  await dir.refresh();
  expect(await kit.redis.client.hgetall(`${p}s:s1`)).toEqual({ i: 'alpha', u: 'http://alpha.invalid:8080', t: 'tok-1', c: '500', uid: 'u1' });
  expect(await kit.redis.client.hgetall(`${p}u:u1`)).toEqual({ i: 'alpha', u: 'http://alpha.invalid:8080', t: 'tok-1', sid: 's1' });
  expect(await kit.redis.client.pttl(`${p}s:s1`)).toBeGreaterThan(50_000);
  expect(await kit.redis.client.pttl(`${p}u:u1`)).toBeGreaterThan(50_000);
  expect(host.released).toEqual([]);

  // More claims than one script call takes: every one is written.
  host.held = Array.from({ length: 450 }, (_, i) => claimOf(`many-${i}`, `tok-many-${i}`));
  await dir.refresh();
  expect(await kit.redis.keys(`${p}s:many-`)).toHaveLength(450);
  expect(await kit.redis.keys(`${p}u:many-`)).toHaveLength(450);
});

test('refresh after an outage: a newer claim elsewhere ends the copy here; an older one is taken over and told', async () => {
  const p = newPrefix();
  const a = await directory('alpha', p);
  const b = await directory('beta', p);
  const [first, lost, took, kept] = [claimOf('s0', 'tok-0', 1000), claimOf('s1', 'tok-1', 1000), claimOf('s2', 'tok-2', 5000), claimOf('s3', 'tok-3', 5000)];
  const again = claimOf('s5', 'tok-5', 5000);
  a.host.held = [first, lost, took, kept, again];
  for (const c of a.host.held) await a.dir.claim(c);
  // While Redis was away, beta claimed s1 later than alpha did, and s2 and s3 earlier.
  await kit.redis.client.hset(`${p}s:s1`, 'i', 'gamma', 'u', 'http://gamma.invalid:8080', 't', 'tok-g1', 'c', '2000');
  await kit.redis.client.hset(`${p}s:s2`, 'i', 'beta', 'u', 'http://beta.invalid:8080', 't', 'tok-b2', 'c', '4000');
  await kit.redis.client.hset(`${p}u:s2-user`, 'i', 'beta', 'u', 'http://beta.invalid:8080', 't', 'tok-b2', 'sid', 's2');
  await kit.redis.client.hset(`${p}s:s3`, 'i', 'beta', 'u', 'http://beta.invalid:8080', 't', 'tok-b3', 'c', '4000');
  await kit.redis.client.hset(`${p}u:s3-user`, 'i', 'beta', 'u', 'http://beta.invalid:8080', 't', 'tok-newer', 'sid', 's9');
  // And an older claim of alpha itself: taken back without asking anyone.
  await kit.redis.client.hset(`${p}s:s5`, 'i', 'alpha', 'u', 'http://alpha.invalid:8080', 't', 'tok-old', 'c', '4000');
  await a.dir.refresh();

  expect(a.lines('warn')).toEqual(['Session s1 was started again on another instance while Redis was unreachable; ending the older copy here']);
  expect(a.host.released).toEqual([['s1', 'tok-1']]);
  expect(await kit.redis.client.hget(`${p}s:s1`, 't')).toBe('tok-g1');
  expect(await kit.redis.client.hget(`${p}s:s2`, 't')).toBe('tok-2');
  expect(await kit.redis.client.hgetall(`${p}u:s2-user`)).toEqual({ i: 'alpha', u: 'http://alpha.invalid:8080', t: 'tok-2', sid: 's2' });
  expect(await kit.redis.client.hget(`${p}s:s3`, 't')).toBe('tok-3');
  // The user's record named a newer session of that user: it stays.
  expect(await kit.redis.client.hget(`${p}u:s3-user`, 't')).toBe('tok-newer');
  await eventually(() => b.host.released.length === 2, 10_000, "beta's releases");
  expect(b.host.released.sort()).toEqual([
    ['s2', 'tok-b2'],
    ['s3', 'tok-b3'],
  ]);
  expect(await kit.redis.client.hget(`${p}s:s0`, 't')).toBe('tok-0');
  expect(await kit.redis.client.hget(`${p}s:s5`, 't')).toBe('tok-5');
  expect(a.host.released).toEqual([['s1', 'tok-1']]);
});

test('request records: a TTL of at least a second; releaseRequest and forget remove only records naming this instance', async () => {
  const p = newPrefix();
  const { dir } = await directory('alpha', p);
  await dir.claimRequest('r1', 10);
  expect(await kit.redis.client.hgetall(`${p}r:r1`)).toEqual({ i: 'alpha', u: 'http://alpha.invalid:8080' });
  const short = await kit.redis.client.pttl(`${p}r:r1`);
  expect(short).toBeGreaterThan(500);
  expect(short).toBeLessThanOrEqual(1000);
  await dir.claimRequest('r2', 20_000.4);
  const long = await kit.redis.client.pttl(`${p}r:r2`);
  expect(long).toBeGreaterThan(15_000);
  expect(long).toBeLessThanOrEqual(20_000);
  expect(await dir.owner('request', 'r2')).toEqual({ instanceId: 'alpha', url: 'http://alpha.invalid:8080' });

  await dir.forget('request', 'r1', 'beta');
  expect(await kit.redis.client.exists(`${p}r:r1`)).toBe(1);
  await dir.forget('request', 'r1', 'alpha');
  expect(await kit.redis.client.exists(`${p}r:r1`)).toBe(0);
  await dir.releaseRequest('r2');
  expect(await kit.redis.client.exists(`${p}r:r2`)).toBe(0);
  await kit.redis.client.hset(`${p}r:r3`, 'i', 'beta', 'u', 'http://beta.invalid:8080');
  await dir.releaseRequest('r3');
  expect(await kit.redis.client.exists(`${p}r:r3`)).toBe(1);
});

test('scripts are sent again after Redis forgets them; a refused operation answers nothing and is logged once a minute', async () => {
  const p = newPrefix();
  const { dir, host, lines } = await directory('alpha', p);
  await kit.redis.client.script('FLUSH');
  await dir.claim(claimOf('s1', 'tok-1'));
  expect(await kit.redis.client.hget(`${p}s:s1`, 't')).toBe('tok-1');

  await kit.redis.client.set(`${p}s:wrong`, 'a string, not a hash');
  await (await dir.claim(claimOf('wrong', 'tok-2'))).released;
  expect(await dir.owner('session', 'wrong')).toBeUndefined();
  expect(lines('error')).toEqual([expect.stringMatching(/^Redis claim failed: WRONGTYPE .* \(this instance goes on alone for that request\)$/)]);
  host.held = [claimOf('wrong', 'tok-2')];
  await dir.refresh();
  expect(dir.connected).toBe(true);
  await dir.stop();
  // Once Redis has seen both connections go, their close events have had time to arrive: a stop is no outage.
  const named = async () => String(await kit.redis.client.client('LIST')).includes('name=mentraos-alpha ');
  for (let i = 0; i < 400 && (await named()); i++) await new Promise((r) => setTimeout(r, 25));
  await new Promise((r) => setTimeout(r, 100));
  expect(lines('error')).toHaveLength(1);
});

test('Redis unreachable at start: logged once, every operation answers nothing, and stop returns', async () => {
  const spare = await startRedis();
  await spare.stop();
  const { dir, host, lines } = await directory(
    'alone',
    newPrefix(),
    { redisUrl: spare.url, redisHost: `127.0.0.1:${spare.port}`, connectWaitMs: 60_000 },
    false,
  );
  await dir.start(host);
  try {
    expect(dir.connected).toBe(false);
    await (await dir.claim(claimOf('s1', 'tok-1'))).released;
    expect(await dir.owner('session', 's1')).toBeUndefined();
    await dir.refresh();
    // The subscriber's own failures are debug lines, not ioredis' "Unhandled error event" on the console.
    await eventually(() => lines('debug').some((l) => l.startsWith('Redis subscriber: connect ECONNREFUSED')), 10_000, "the subscriber's failure");
    const errors = lines('error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(
        `^Cannot reach Redis at 127\\.0\\.0\\.1:${spare.port} \\(connect ECONNREFUSED [^)]+\\): this instance goes on alone, serving its own sessions without sharing them or forwarding requests, and retries until Redis answers$`,
      ),
    );
  } finally {
    await dir.stop();
  }
  // The subscription still waiting for Redis fails when the directory stops: a debug line too.
  await eventually(() => lines('debug').includes('Redis subscribe failed: Connection is closed.'), 10_000, 'the subscription given up');
});

test('Redis lost and back: the loss logged once, the return once with the count, and the live claims written again', async () => {
  const own = await startRedis();
  const p = newPrefix();
  const { dir, host, lines: text } = await directory('alpha', p, { redisUrl: own.url, redisHost: `127.0.0.1:${own.port}` }, false);
  try {
    await dir.start(host);
    host.held = [claimOf('s1', 'tok-1'), claimOf('s2', 'tok-2')];
    for (const c of host.held) await dir.claim(c);
    await own.stop(false);
    await eventually(() => text('error').length > 0, 10_000, 'the loss');
    expect(dir.connected).toBe(false);
    expect(await dir.owner('session', 's1')).toBeUndefined();
    await own.restart();
    await eventually(() => text('warn').length > 0, 20_000, 'the return');
    await eventually(() => dir.connected, 20_000, 'connected');
    expect(text('error')).toEqual([
      `Lost Redis at 127.0.0.1:${own.port} (connection closed): this instance goes on alone, serving its own sessions without sharing them or forwarding requests, and retries until Redis answers`,
    ]);
    expect(text('warn')).toEqual([
      expect.stringMatching(
        new RegExp(`^Redis at 127\\.0\\.0\\.1:${own.port} is reachable again after \\d+ s; registering this instance's 2 session\\(s\\) again$`),
      ),
    ]);
    // The outage lasted seconds, not more than a minute.
    expect(Number(/after (\d+) s/.exec(text('warn')[0]!)![1])).toBeLessThan(60);
    const client = new Redis(own.url);
    try {
      for (let i = 0; i < 800 && (await client.exists(`${p}s:s1`, `${p}s:s2`)) < 2; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await client.hget(`${p}s:s2`, 't')).toBe('tok-2');
    } finally {
      client.disconnect();
    }
  } finally {
    await dir.stop();
    await own.stop();
  }
});
