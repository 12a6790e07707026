/**
 * The request router between instances on its own: an Express "edge" instance with a `ClusterRouter`, a
 * directory played by the test, and an "owner" instance with its own router (so every forwarded request is
 * checked against the shared secret where it lands), all over real HTTP on 127.0.0.1. What is forwarded
 * and what is answered here, the headers that travel and those that never do, the owner's answer passed
 * back, and each way the owner can fail.
 */
import http from 'node:http';
import { signForward } from '../../src/core/cluster/signature';
import { eventually } from '../helpers/apps';
import { closingReusedConnections, connectionsLeft, HOPS, instance, listen, openConnections, pair, rawOwner, rawRequest, SECRET, servers } from './router-kit';

test('a request for a user held elsewhere is answered by the owner: method, query, JSON body and headers go, hop-by-hop ones stay', async () => {
  const { owner, edge } = await pair({
    beforeRoute: (_req, res, next) => {
      res.cookie('edge', '1');
      next();
    },
  });
  const body = JSON.stringify({ a: [1, 'two'] });
  const res = await rawRequest(`${edge.url}/json?user=remote&x=1`, 'PATCH', HOPS, [body]);
  expect(res.status).toBe(201);
  expect(JSON.parse(res.body)).toEqual({ instance: 'owner', body: { a: [1, 'two'] } });
  expect(res.headers['x-answered-by']).toBe('owner');
  for (const name of ['x-private', 'proxy-authenticate']) expect(res.headers[name]).toBeUndefined();
  expect(res.headers['keep-alive']).not.toBe('timeout=99');
  expect(res.headers['set-cookie']).toEqual(['edge=1; Path=/', 'owner=owner; Path=/']);
  expect(edge.seen).toEqual([]);
  expect(owner.seen).toHaveLength(1);
  const got = owner.seen[0]!;
  expect(got).toMatchObject({ method: 'PATCH', url: '/json?user=remote&x=1', body: { a: [1, 'two'] }, from: { from: 'edge' } });
  expect(got.from).toStrictEqual({ from: 'edge' });
  const host = new URL(edge.url).host;
  expect(got.headers).toMatchObject({ 'x-keep': 'yes', 'x-forwarded-for': '10.0.0.1, 127.0.0.1', 'x-forwarded-host': host, 'x-forwarded-proto': 'http' });
  expect(got.headers['content-length']).toBe(String(body.length));
  expect(got.headers.host).toBe(new URL(owner.url).host);
  expect(got.headers.connection).toBe('keep-alive');
  // A chunked body is forwarded with its length (never both a length and a transfer coding).
  const chunked = await rawRequest(`${edge.url}/json?user=remote`, 'POST', { 'content-type': 'application/json' }, ['{"a":', '2}']);
  expect(chunked.status).toBe(201);
  expect(owner.seen[1]!.headers['transfer-encoding']).toBeUndefined();
  expect(owner.seen[1]!.body).toEqual({ a: 2 });
  for (const name of [
    'x-hop',
    'keep-alive',
    'proxy-authorization',
    'te',
    'trailer',
    'upgrade',
    'x-app-api-key',
    'x-tpa-api-key',
    'x-mentraos-webhook-secret',
    'x-mentraos-cluster-user',
  ])
    expect(got.headers[name]).toBeUndefined();
});

test('a body the router did not parse is streamed; a GET goes without one; forwarded headers a client set are kept', async () => {
  const { owner, edge } = await pair();
  const put = await fetch(`${edge.url}/raw?user=remote`, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'raw text' });
  expect(await put.json()).toEqual({ instance: 'owner', body: 'raw text' });
  const get = await fetch(`${edge.url}/json?user=remote`, { headers: { 'x-forwarded-host': 'glasses.example.com', 'x-forwarded-proto': 'https' } });
  expect(get.status).toBe(201);
  // The edge set no cookie of its own: only the owner's comes back.
  expect(get.headers.getSetCookie()).toEqual(['owner=owner; Path=/']);
  // A body something before the route already read is gone: the request is forwarded without it.
  const drained = await fetch(`${edge.url}/drained?user=remote`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'read here' });
  expect(drained.status).toBe(201);
  expect(owner.seen.map((s) => s.method)).toEqual(['PUT', 'GET', 'POST']);
  expect(owner.seen[2]!.headers['content-length']).toBe('0');
  expect(owner.seen[1]!.headers).toMatchObject({ 'x-forwarded-host': 'glasses.example.com', 'x-forwarded-proto': 'https' });
});

test('answered here: no key, a key held here, a key nobody holds, a key this instance owns, and a request already forwarded', async () => {
  const { owner, edge } = await pair();
  edge.directory.records.set('user:self', edge.directory.self);
  for (const q of ['', '?user=local', '?user=nobody', '?user=self']) expect((await fetch(`${edge.url}/json${q}`)).status).toBe(201);
  expect(edge.seen).toHaveLength(4);
  expect(edge.seen.map((r) => r.from)).toEqual([undefined, undefined, undefined, undefined]);
  expect(edge.directory.lookups).toBe(2);
  // The owner's directory names the edge, but a forwarded request is never forwarded again.
  owner.directory.records.set('user:remote', edge.directory.self);
  await fetch(`${edge.url}/json?user=remote`);
  expect(owner.seen).toHaveLength(1);
  expect(edge.seen).toHaveLength(4);
  expect(owner.directory.lookups).toBe(0);
});

test("webview requests follow the signed-in user, who travels signed; the SDK's own paths are never forwarded as webviews", async () => {
  const { owner, edge } = await pair();
  await fetch(`${edge.url}/page`);
  expect(owner.seen).toHaveLength(1);
  expect(owner.seen[0]!.from).toStrictEqual({ from: 'edge', user: 'remote' });
  expect(owner.seen[0]!.headers['x-mentraos-cluster-user']).toBe('remote');
  await fetch(`${edge.url}/webhook`);
  expect(edge.seen.map((s) => s.url)).toEqual(['/webhook']);
  // A user whose session is held here is answered here, without asking the directory.
  const asked = edge.directory.lookups;
  await fetch(`${edge.url}/page?as=local`);
  expect(edge.seen.map((s) => s.url)).toEqual(['/webhook', '/page?as=local']);
  expect(edge.directory.lookups).toBe(asked);
});

test('forwarding headers that do not verify are refused with 401 and the reason, logged once a minute', async () => {
  const edge = await instance('edge');
  const refuse = async (headers: Record<string, string>) => {
    const res = await fetch(`${edge.url}/json`, { headers });
    return { status: res.status, body: await res.json() };
  };
  expect(await refuse({ 'x-mentraos-cluster': 'v1.garbage' })).toEqual({
    status: 401,
    body: { status: 'error', message: 'Refused a request forwarded between instances: malformed cluster header' },
  });
  const signed = signForward('another secret', 'elsewhere', 'GET', '/json');
  expect((await refuse(signed)).status).toBe(401);
  expect(edge.seen).toEqual([]);
  expect(edge.warns()).toEqual(['Refused a request claiming to come from another instance: malformed cluster header']);
  const good = await fetch(`${edge.url}/json`, { headers: signForward(SECRET, 'elsewhere', 'GET', '/json') });
  expect(good.status).toBe(201);
  expect(edge.seen[0]!.from).toStrictEqual({ from: 'elsewhere' });
});

test('an owner that refuses connections: answered here, its record forgotten, logged once, and not tried again for a while', async () => {
  const edge = await instance('edge');
  const closed = http.createServer();
  const deadUrl = await listen(closed);
  await new Promise<void>((r) => closed.close(() => r()));
  edge.directory.records.set('user:remote', { instanceId: 'dead', url: deadUrl });
  edge.directory.records.set('user:also-dead', { instanceId: 'dead2', url: deadUrl });
  edge.directory.records.set('user:bad-url', { instanceId: 'bad', url: 'http://[not a host' });
  edge.directory.records.set('user:ftp', { instanceId: 'ftp', url: 'ftp://127.0.0.1:1' });
  for (let i = 0; i < 2; i++) expect((await fetch(`${edge.url}/json?user=remote`)).status).toBe(201);
  expect(edge.directory.forgotten).toEqual(['user:remote@dead']);
  expect(edge.warns()).toEqual([`Instance dead at ${deadUrl} is unreachable; answering here and dropping its records as they are met`]);
  for (const user of ['bad-url', 'ftp', 'also-dead']) expect((await fetch(`${edge.url}/json?user=${user}`)).status).toBe(201);
  expect(edge.directory.forgotten).toEqual(['user:remote@dead', 'user:bad-url@bad', 'user:ftp@ftp', 'user:also-dead@dead2']);
  expect(edge.warns()).toHaveLength(4);
  expect(edge.warns()[3]).toBe(`Instance dead2 at ${deadUrl} is unreachable; answering here and dropping its records as they are met`);
  expect(edge.seen).toHaveLength(5);
});

test('an owner that does not answer in time gets 504; one that drops the connection while answering, 502; both logged', async () => {
  const edge = await instance('edge', { responseTimeoutMs: 300 });
  const silent = await rawOwner(() => {});
  // A reset (RST), so the edge sees ECONNRESET on a fresh connection: that is not retried.
  const dropping = await rawOwner((req) => req.socket.resetAndDestroy());
  edge.directory.records.set('user:slow', { instanceId: 'slow', url: silent.url });
  edge.directory.records.set('user:drop', { instanceId: 'drop', url: dropping.url });
  const slow = await fetch(`${edge.url}/json?user=slow`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(slow.status).toBe(504);
  expect(await slow.json()).toEqual({ status: 'error', message: 'The instance holding this session did not answer in time' });
  // A JSON body the edge parsed (not streamed): a reset on a fresh connection is still not sent again.
  const drop = await fetch(`${edge.url}/json?user=drop`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(drop.status).toBe(502);
  expect(await drop.json()).toEqual({ status: 'error', message: 'The instance holding this session failed while answering' });
  expect(dropping.requests).toHaveLength(1);
  expect(edge.warns()).toEqual([
    'Forwarding POST /json to instance slow failed: the owning instance did not answer in time',
    expect.stringMatching(/^Forwarding PUT \/json to instance drop failed: /),
  ]);
  expect(edge.seen).toEqual([]);
  expect(edge.directory.forgotten).toEqual([]);
});

test('a kept-alive connection the owner closed as it was reused is retried once on a fresh one', async () => {
  const edge = await instance('edge');
  const owner = await closingReusedConnections();
  edge.directory.records.set('user:remote', { instanceId: 'owner', url: owner.url });
  const post = () => fetch(`${edge.url}/json?user=remote`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":1}' });
  expect(await (await post()).json()).toEqual({ fresh: true });
  const second = await post();
  expect(second.status).toBe(200);
  expect(await second.json()).toEqual({ fresh: true });
  expect(owner.requests).toHaveLength(3);
  expect(edge.warns()).toEqual([]);
  // A streamed body cannot be sent twice: the same reset is answered 502.
  const streamed = await fetch(`${edge.url}/raw?user=remote`, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'once only' });
  expect(streamed.status).toBe(502);
  expect(owner.requests).toHaveLength(4);
});

test("a client that goes away while the owner is answering cancels the owner's request, and nothing is answered here", async () => {
  const edge = await instance('edge');
  const owner = await rawOwner(() => {});
  edge.directory.records.set('user:remote', { instanceId: 'owner', url: owner.url });
  const abort = new AbortController();
  const pending = fetch(`${edge.url}/json?user=remote`, { signal: abort.signal }).catch((e: Error) => e.name);
  await eventually(() => owner.requests.length === 1, 10_000, 'the forwarded request');
  const closed = new Promise<void>((resolve) => owner.requests[0]!.socket.once('close', () => resolve()));
  abort.abort();
  expect(await pending).toBe('AbortError');
  await closed;
  // The forwarded request reports its end ("socket hang up") on the edge right after: nothing is logged for it.
  await new Promise((r) => setTimeout(r, 100));
  expect(edge.seen).toEqual([]);
  expect(edge.warns()).toEqual([]);
});

test('close() ends the connections kept alive to other instances', async () => {
  const { owner, edge } = await pair();
  const ownerServer = servers[0]!;
  // The owner keeps an idle connection open far longer than this test waits: only close() can end it.
  ownerServer.keepAliveTimeout = 120_000;
  await fetch(`${edge.url}/json?user=remote`);
  expect(owner.seen).toHaveLength(1);
  expect(await openConnections(ownerServer)).toBe(1);
  edge.router.close();
  expect(await connectionsLeft(ownerServer)).toBe(0);
});

test("the owner's answer may take longer than the response wait once it has begun; a broken one breaks the client's", async () => {
  const edge = await instance('edge', { responseTimeoutMs: 1000 });
  const owner = await rawOwner((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('begun, ');
    if (req.url?.includes('broken')) setTimeout(() => req.socket.destroy(), 50);
    else setTimeout(() => res.end('and ended'), 2500);
  });
  edge.directory.records.set('user:remote', { instanceId: 'owner', url: owner.url });
  const slow = await fetch(`${edge.url}/json?user=remote`);
  expect(await slow.text()).toBe('begun, and ended');
  const broken = await fetch(`${edge.url}/json?user=remote&broken=1`);
  await expect(broken.text()).rejects.toThrow();
  expect(edge.warns()).toEqual([]);
});

test("a client that goes away while the owner's answer streams closes the owner's connection", async () => {
  const edge = await instance('edge');
  const owner = await rawOwner((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first part');
  });
  edge.directory.records.set('user:remote', { instanceId: 'owner', url: owner.url });
  const abort = new AbortController();
  const res = await fetch(`${edge.url}/json?user=remote`, { signal: abort.signal });
  const reader = res.body!.getReader();
  expect(new TextDecoder().decode((await reader.read()).value)).toBe('first part');
  const closed = new Promise<void>((resolve) => owner.requests[0]!.socket.once('close', () => resolve()));
  abort.abort();
  await closed;
});
