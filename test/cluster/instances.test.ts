/**
 * Three instances of an unchanged app, each in its own process, sharing sessions through a real
 * redis-server; the test cloud plays a load balancer by sending each call to the instance it chooses.
 */
import { createTestCloud, type SimulatedUser, type TestCloud } from '../../src/testing';
import { eventually } from '../helpers/apps';
import { CLUSTER_PKG, CLUSTER_PREFIX, DEV_API_KEY, get, holders, startInstance, stateOf, type Instance } from '../helpers/cluster';
import { startRedis, type RedisServer } from '../helpers/redis';
import { frontendToken } from '../helpers/webview';

/** a, b and c keep their records for a minute, so only a release can remove one before the test ends. */
const TTL_MS = 60_000;
/** d dies, and its records must vanish on their own. */
const SHORT_TTL_MS = 1500;

describe('three instances behind a load balancer', () => {
  let redis: RedisServer;
  let cloud: TestCloud;
  let a: Instance;
  let b: Instance;
  let c: Instance;
  const extra: Instance[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    cloud = await createTestCloud();
    [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => startInstance(name, redis.url, TTL_MS)));
  }, 90_000);

  afterAll(async () => {
    if (process.env.SHOW_LOGS) for (const i of [a, b, c, ...extra]) console.log(i.name, i.launched.output.join('\n'));
    await Promise.all([a, b, c, ...extra].filter(Boolean).map((i) => i.launched.stop()));
    await cloud?.close();
    await redis?.stop();
  });

  const start = async (on: Instance, userId: string): Promise<SimulatedUser> => {
    const user = await cloud.startSession({ app: on.target, packageName: CLUSTER_PKG, userId });
    await user.waitForDisplay(`${user.sessionId} on ${on.name}`);
    return user;
  };

  const recordOf = (kind: 's' | 'u' | 'r', id: string) => redis.client.hgetall(`${CLUSTER_PREFIX}${kind}:${id}`);

  test('a tool call and a settings push arriving at a non-owning instance reach the owner', async () => {
    const user = await start(a, 'tool@example.com');
    expect(await recordOf('s', user.sessionId)).toMatchObject({ u: a.base, uid: user.userId });
    expect(await recordOf('u', user.userId)).toMatchObject({ u: a.base, sid: user.sessionId });

    user.routeTo(b.target);
    const tool = await user.callTool('ping', { n: 1 });
    expect(tool.status).toBe(200);
    expect(JSON.parse(tool.body.reply)).toEqual({ instance: 'a', session: user.sessionId });
    await user.waitForDisplay('tool ping on a');

    user.routeTo(c.target);
    const settings = await user.pushSettings([{ key: 'units', value: 'metric' }], { viaWebSocket: false });
    expect(settings).toEqual({ status: 200, body: { status: 'success', message: 'Settings updated successfully', sessionsUpdated: 1 } });
    expect((await stateOf(a)).settingsPushes).toEqual([{ userId: user.userId, count: 1 }]);
    expect((await stateOf(b)).settingsPushes).toEqual([]);
    expect((await stateOf(c)).settingsPushes).toEqual([]);

    // The stop webhook lands on yet another instance and still ends the session where it lives.
    user.routeTo(b.target);
    expect((await user.stop()).body).toEqual({ status: 'success' });
    expect((await stateOf(a)).stops).toContainEqual({ sessionId: user.sessionId, reason: 'user_disabled' });
    await redis.untilGone([`${CLUSTER_PREFIX}s:${user.sessionId}`, `${CLUSTER_PREFIX}u:${user.userId}`]);
  });

  test('when no instance holds the user, the instance that got the call answers as a single instance would', async () => {
    const answer = await fetch(`${b.base}/tool`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-app-api-key': require('node:crypto').createHash('sha256').update(DEV_API_KEY).digest('hex') },
      body: JSON.stringify({ toolId: 'ping', userId: 'nobody@example.com', toolParameters: {} }),
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(((await answer.json()) as any).reply)).toEqual({ instance: 'b', session: null });
  });

  test('an unsigned tool call is refused where it lands, and a forged forwarding header is refused', async () => {
    const user = await start(a, 'guard@example.com');
    user.routeTo(b.target);
    expect((await user.callTool('ping', {}, { apiKeyHash: null })).status).toBe(401);
    expect((await user.callTool('ping', {}, { apiKeyHash: 'f'.repeat(64) })).status).toBe(401);
    const forged = await fetch(`${a.base}/tool`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mentraos-cluster': `v1.${Date.now()}.${'0'.repeat(32)}.evil.${'a'.repeat(64)}` },
      body: JSON.stringify({ toolId: 'ping', userId: user.userId }),
    });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ status: 'error', message: expect.stringContaining('bad signature') });
    await user.stop();
  });

  test('a photo upload arriving at any instance resolves the pending request of the instance that asked', async () => {
    const user = await start(a, 'camera@example.com');
    const ask = async () => {
      const seen = user.sent('photo_request').length;
      await user.pressButton();
      await user.waitFor(() => user.sent('photo_request')[seen], 3000, 'a photo request');
      return user.sent('photo_request')[seen].requestId as string;
    };
    const first = await ask();
    expect(await recordOf('r', first)).toEqual({ i: expect.any(String), u: a.base });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    user.routeTo(c.target);
    const uploaded = await user.answerPhoto(first, { image: jpeg, mimeType: 'image/jpeg', filename: 'shot.jpg' });
    expect(uploaded).toEqual({ status: 200, body: expect.objectContaining({ success: true, requestId: first }) });
    await user.waitForDisplay(`photo ${first} of ${jpeg.length} bytes on a`);
    await redis.untilGone([`${CLUSTER_PREFIX}r:${first}`]);

    // A photo error uploaded to another instance rejects the right request, with the glasses' code.
    const second = await ask();
    user.routeTo(b.target);
    const failed = await user.answerPhoto(second, { error: { code: 'CAMERA_BUSY', message: 'camera in use' } });
    expect(failed?.status).toBe(200);
    await user.waitForDisplay(/^photo failed on a: .*camera in use/);

    // An upload for a request nobody made is answered as by a single instance.
    expect((await user.answerPhoto('photo_req_unknown', { image: jpeg }))?.status).toBe(404);
    await user.stop();
  });

  test("a webview request reaches the instance holding the user's session, and its cookie works on every instance", async () => {
    const user = await start(a, 'web@example.com');
    const token = encodeURIComponent(frontendToken(user.userId, DEV_API_KEY));
    const first = await get(`${c.base}/whoami?aos_frontend_token=${token}`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ instance: 'a', user: user.userId, session: user.sessionId });
    const cookie = first.cookies.find((k) => k.startsWith('aos_session='));
    expect(cookie).toBeDefined();
    const again = await get(`${b.base}/whoami`, { cookie: cookie!.split(';')[0] });
    expect(again.body).toEqual({ instance: 'a', user: user.userId, session: user.sessionId });
    // A user without a session anywhere is served where the request lands.
    const other = await get(`${b.base}/whoami?aos_frontend_token=${encodeURIComponent(frontendToken('idle@example.com', DEV_API_KEY))}`);
    expect(other.body).toEqual({ instance: 'b', user: 'idle@example.com', session: null });
    await user.stop();
  });

  test('a duplicate session_request on another instance leaves exactly one live session', async () => {
    const first = await start(a, 'dup@example.com');
    const second = await start(b, 'dup@example.com');
    expect(second.sessionId).toBe(first.sessionId);
    await eventually(() => !first.connected, 5000, 'the first copy to close its connection');
    const where = await holders([a, b, c]);
    expect(where.get(first.sessionId)).toEqual(['b']);
    expect((await stateOf(a)).stops).toContainEqual({ sessionId: first.sessionId, reason: 'replaced' });
    expect(second.connected).toBe(true);
    expect(await recordOf('s', first.sessionId)).toMatchObject({ u: b.base });
    second.routeTo(c.target);
    expect(JSON.parse((await second.callTool('ping')).body.reply)).toEqual({ instance: 'b', session: second.sessionId });
    await second.stop();
  });

  test('a killed instance loses its records within the TTL and the next webhook succeeds elsewhere', async () => {
    const d = await startInstance('d', redis.url, SHORT_TTL_MS);
    extra.push(d);
    const resurrected = await start(d, 'phoenix@example.com');
    const orphan = await start(d, 'orphan@example.com');
    d.launched.child.kill('SIGKILL');
    await d.launched.stop();

    // Before the TTL runs out the record still names d: a call for the user is answered where it lands.
    resurrected.routeTo(a.target);
    const early = await resurrected.callTool('ping');
    expect(early.status).toBe(200);
    expect(JSON.parse(early.body.reply)).toEqual({ instance: 'a', session: null });

    // The cloud's resurrection webhook lands on another instance and works at once.
    const again = await start(b, resurrected.userId);
    expect(again.webhookResponse).toEqual({ status: 200, body: { status: 'success' } });
    again.routeTo(c.target);
    expect(JSON.parse((await again.callTool('ping')).body.reply)).toEqual({ instance: 'b', session: again.sessionId });

    // Nobody touched the other session's records: they expire with the TTL.
    expect(await redis.client.exists(`${CLUSTER_PREFIX}s:${orphan.sessionId}`)).toBe(1);
    await redis.untilGone([`${CLUSTER_PREFIX}s:${orphan.sessionId}`, `${CLUSTER_PREFIX}u:${orphan.userId}`], SHORT_TTL_MS * 4);
    await again.stop();
  });

  test('churn: hundreds of sessions started, restarted and stopped across instances leave no record behind and none held twice', async () => {
    const all = [a, b, c];
    const N = 240;
    const WAVE = 20;
    const on = (i: number, step: number) => all[(i + step) % 3];
    const users: SimulatedUser[] = [];
    const waves = async (fn: (i: number) => Promise<void>) => {
      for (let w = 0; w < N; w += WAVE) await Promise.all(Array.from({ length: Math.min(WAVE, N - w) }, (_, k) => fn(w + k)));
    };
    await waves(async (i) => {
      users[i] = await cloud.startSession({ app: on(i, 0).target, packageName: CLUSTER_PKG, userId: `churn-${i}@example.com` });
    });
    // The cloud starts every fifth session again, on another instance.
    const replaced: SimulatedUser[] = [];
    await waves(async (i) => {
      if (i % 5 !== 0) return;
      replaced.push(users[i]);
      users[i] = await cloud.startSession({ app: on(i, 1).target, packageName: CLUSTER_PKG, userId: users[i].userId });
    });
    await eventually(() => replaced.every((u) => !u.connected), 10_000, 'the replaced copies to close');

    const where = await holders(all);
    const churn = [...where].filter(([id]) => id.startsWith('churn-'));
    expect(churn).toHaveLength(N);
    for (const [id, names] of churn) {
      const i = Number(/^churn-(\d+)@/.exec(id)![1]);
      expect([id, names]).toEqual([id, [on(i, i % 5 === 0 ? 1 : 0).name]]);
    }
    expect(await redis.keys(`${CLUSTER_PREFIX}s:churn-`)).toHaveLength(N);
    expect(await redis.keys(`${CLUSTER_PREFIX}u:churn-`)).toHaveLength(N);
    expect(users.every((u) => u.connected)).toBe(true);

    // Every stop webhook lands on an instance that does not hold the session.
    await waves(async (i) => {
      const answer = await users[i].routeTo(on(i, 2).target).stop();
      expect(answer).toEqual({ status: 200, body: { status: 'success' } });
    });
    for (const i of all) expect((await stateOf(i)).sessions.filter((id) => id.startsWith('churn-'))).toEqual([]);
    const end = Date.now() + 10_000;
    while ((await redis.keys(`${CLUSTER_PREFIX}`)).some((k) => k.includes(':s:churn-') || k.includes(':u:churn-')) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await redis.keys(`${CLUSTER_PREFIX}s:churn-`)).concat(await redis.keys(`${CLUSTER_PREFIX}u:churn-`))).toEqual([]);
    const stops = (await Promise.all(all.map(stateOf))).flatMap((s) => s.stops).filter((s) => s.sessionId.startsWith('churn-'));
    expect(stops.filter((s) => s.reason === 'replaced')).toHaveLength(replaced.length);
    expect(stops.filter((s) => s.reason === 'user_disabled')).toHaveLength(N);
  }, 120_000);
});
